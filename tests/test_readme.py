"""The README's examples run as written, in order, as a researcher would paste them."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"


def python_blocks(markdown: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", markdown, flags=re.S)


def test_readme_opens_with_the_two_commands() -> None:
    text = README.read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", text, flags=re.S)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines()]
    assert commands[:2] == ["make demo", "make test"]


def test_quickstart_is_five_lines() -> None:
    quickstart = python_blocks(README.read_text(encoding="utf-8"))[0]
    assert len([line for line in quickstart.splitlines() if line.strip()]) <= 5


def test_every_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "samples").symlink_to(ROOT / "samples")
    (tmp_path / "codebooks").symlink_to(ROOT / "codebooks")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {}
    out = io.StringIO()
    for number, block in enumerate(python_blocks(README.read_text(encoding="utf-8"))):
        with contextlib.redirect_stdout(out):
            exec(compile(block, f"README.md python block {number}", "exec"), namespace)
    printed = out.getvalue()
    assert "belemmering." in printed and "evidence" in printed
    assert "bijna driekwart" in printed
    redaction = namespace["r"]
    assert getattr(redaction, "text") == "Bel [NAAM] op [TELEFOON] of mail [E-MAIL]"  # noqa: B009
