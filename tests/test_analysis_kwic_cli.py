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


OPEN_CSV = (
    "id,belemmering_overig\n"
    "1,Er waren te weinig mensen om het naast het gewone werk te doen\n"
    "2,Geen budget voor een pilot en te weinig tijd\n"
)


@pytest.mark.parametrize(
    ("option", "value"),
    [("--code", "belemmering.nope"), ("--rule", "nope"), ("--rule", "belemmering.nope#1")],
)
def test_kwic_refuses_a_filter_the_codebook_does_not_know(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    source = tmp_path / "antwoorden.csv"
    source.write_text(OPEN_CSV, encoding="utf-8")
    args = ["kwic", str(source), "--id-column", "id", "--text-column", "belemmering_overig"]
    assert main([*args, option, value, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert value in err and "codebook" in err
    assert "no hits" not in err


def test_kwic_question_by_alias_and_unknown_question(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "antwoorden.csv"
    source.write_text(OPEN_CSV, encoding="utf-8")
    args = ["kwic", str(source), "--id-column", "id", "--text-column", "belemmering_overig"]
    code = ["--code", "belemmering.capaciteit_tijd", "--json", "--quiet"]
    assert main([*args, *code, "--question", "belemmering_overig"]) == 0
    by_alias = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert main([*args, *code, "--question", "belemmering"]) == 0
    by_group = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert by_alias == by_group and len(by_alias) == 2
    assert {r["question"] for r in by_alias} == {"belemmering"}
    assert main([*args, *code, "--question", "nope"]) == 2
    err = capsys.readouterr().err
    assert "'nope'" in err and "belemmering" in err
