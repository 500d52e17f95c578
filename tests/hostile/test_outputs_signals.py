"""SIGTERM and SIGHUP stop ``textcode code`` as Ctrl-C does (issue 15, item 10): no hidden
temporary file is left beside the output, and the previous output stays byte for byte.

A true subprocess (a signal needs its own process). Its input is large enough that the run is
still writing when the signal comes; the test waits for the temporary file to appear first.
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = [
    "Er was te weinig budget en geen tijd voor innovatie",
    "Meer kennis over de AVG en over wetgeving rond data delen",
    "Gebrek aan draagvlak bij de top",
    "Samenwerking met ketenpartners en een goede projectleider",
]


@pytest.fixture(scope="module")
def big_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("signalen") / "antwoorden.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "vraag", "tekst"])
        for n in range(300_000):
            writer.writerow([f"r{n}", "belemmering", f"{ANSWERS[n % 4]} ({n})"])
    return path


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("name", ["SIGTERM", "SIGHUP", "SIGINT"])
def test_a_signal_leaves_no_temporary_file_and_the_previous_output(
    big_input: Path, tmp_path: Path, name: str
) -> None:
    number = getattr(signal, name)
    out = tmp_path / "suggesties.jsonl"
    out.write_bytes(b'{"vorige": "run"}\n')
    command = [sys.executable, "-m", "textcode", "code", str(big_input), "--id-column", "id",
               "--question-column", "vraag", "--text-column", "tekst", "--out", str(out),
               "--quiet"]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    # A shell's background job ignores SIGINT, and a child inherits that: the run would code
    # on through Ctrl-C. Each run gets the default handling, as from a terminal.
    process = subprocess.Popen(
        command, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=_default_sigint
    )
    try:
        deadline = time.monotonic() + 240
        while not any(p.name.endswith(".tmp") for p in tmp_path.iterdir()):
            assert process.poll() is None, "the run ended before it wrote anything"
            assert time.monotonic() < deadline, "no temporary file appeared"
            time.sleep(0.05)
        process.send_signal(number)
        _, err = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == (130 if name == "SIGINT" else 128 + number)
    assert err.strip().splitlines()[-1] in (
        f"textcode: error: stopped by {name}",
        "textcode: error: interrupted",
    )
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["suggesties.jsonl"]
    assert out.read_bytes() == b'{"vorige": "run"}\n'
