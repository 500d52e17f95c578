"""`textcode kwic`: the concordance on the command line, redacted by default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from textcode.cli import main

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020" / "responses.csv"


def test_kwic_per_code_and_rule(capsys: pytest.CaptureFixture[str]) -> None:
    args = ["kwic", str(SAMPLE), "--code", "kennisbehoefte.innovatieproces", "--window", "8"]
    assert main([*args, "--quiet"]) == 0
    out = capsys.readouterr().out
    headers = [line for line in out.splitlines() if line.startswith("== ")]
    assert headers and all("kennisbehoefte.innovatieproces#" in h for h in headers)
    assert "[design thinking]" in out
    # The planted contact details of the same answer are redacted in the context.
    assert "06-12345678" not in out and "voorbeeldregio.nl" not in out
    assert "[NAAM]" in out


def test_kwic_by_lemma_as_json(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out_file = tmp_path / "kwic.csv"
    args = ["kwic", str(SAMPLE), "--term", "budget", "--window", "3", "--json", "--quiet"]
    assert main([*args, "--out", str(out_file)]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {r["keyword"] for r in records} == {"budget"}
    assert records[0]["response_id"] == "vl03-p02"
    assert records[0]["right"] == "was geen probleem, …"
    assert out_file.read_text(encoding="utf-8-sig").startswith("response_id,question,code,rule")


def test_kwic_needs_a_selector(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kwic", str(SAMPLE)]) == 2
    assert "--code" in capsys.readouterr().err
