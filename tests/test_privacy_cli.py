"""``textcode redact``: the command line over textcode.ingest and textcode.privacy."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from textcode.cli import main

ROWS = [
    {"response_id": "1", "question": "kennisbehoefte",
     "text": "Meer kennis over drones. Vragen aan Petra de Vries (p.devries@vr.nl, 06-12345678)."},
    {"response_id": "1", "question": "belemmering",
     "text": "Petra de Vries had te weinig budget: € 1.250.000 in 2020."},
    {"response_id": "2", "question": "kennisbehoefte", "text": "Geen, alles gaat goed."},
]  # fmt: skip


@pytest.fixture()
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "antwoorden.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in ROWS), encoding="utf-8"
    )
    return path


def test_redact_writes_table_and_log(
    answers: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = answers.read_bytes()
    out, log = tmp_path / "schoon.csv", tmp_path / "log.csv"
    status = main(
        ["redact", str(answers), "--question-column", "question", "--out", str(out),
         "--log", str(log), "--consistent", "--json"]
    )  # fmt: skip
    assert status == 0
    assert answers.read_bytes() == source  # the input file is never modified
    summary = json.loads(capsys.readouterr().out)
    assert summary["answers"] == 3
    assert summary["answers_redacted"] == 2
    assert summary["types"] == {"EMAIL": 1, "NAME": 2, "PHONE": 1}
    table = pd.read_csv(out, dtype=str)
    assert table["text"].tolist() == [
        "Meer kennis over drones. Vragen aan [NAAM-1] ([E-MAIL-1], [TELEFOON-1]).",
        "[NAAM-1] had te weinig budget: € 1.250.000 in 2020.",
        "Geen, alles gaat goed.",
    ]
    written = log.read_text(encoding="utf-8")
    assert written.splitlines()[0] == (
        "response_id,question,column,row,line,type,start,end,placeholder"
    )
    assert "Petra" not in written and "06-" not in written and "@" not in written


@pytest.mark.parametrize("suffix", [".jsonl", ".xlsx", ".tsv"])
def test_redact_output_formats(answers: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"schoon{suffix}"
    log = tmp_path / "log.jsonl"
    assert main(["redact", str(answers), "--out", str(out), "--log", str(log), "--quiet"]) == 0
    if suffix == ".jsonl":
        texts = [json.loads(line)["text"] for line in out.read_text("utf-8").splitlines()]
    elif suffix == ".xlsx":
        texts = pd.read_excel(out)["text"].tolist()
    else:
        texts = pd.read_csv(out, sep="\t")["text"].tolist()
    assert texts[0] == "Meer kennis over drones. Vragen aan [NAAM] ([E-MAIL], [TELEFOON])."
    entries = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [e["type"] for e in entries] == ["NAME", "EMAIL", "PHONE", "NAME"]
    assert entries[0] == {
        "response_id": "1", "question": "kennisbehoefte", "column": "text", "row": 1, "line": 1,
        "type": "NAME", "start": 36, "end": 50, "placeholder": "[NAAM]",
    }  # fmt: skip


def test_redact_types_option(answers: Path, tmp_path: Path) -> None:
    out = tmp_path / "schoon.jsonl"
    assert main(["redact", str(answers), "--out", str(out), "--types", "EMAIL,PHONE"]) == 0
    first = json.loads(out.read_text("utf-8").splitlines()[0])["text"]
    assert first == "Meer kennis over drones. Vragen aan Petra de Vries ([E-MAIL], [TELEFOON])."


def test_redact_to_stdout(answers: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["redact", str(answers), "--out", "-", "--quiet"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and "[NAAM]" in json.loads(lines[1])["text"]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--types", "EMAIL,GEHEIM"], "GEHEIM"),
        (["--out", "x.pdf"], "--out"),
        (["--log", "log.txt"], "--log"),
    ],
)
def test_redact_bad_options_exit_2(
    answers: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    extra: list[str],
    message: str,
) -> None:
    args = ["redact", str(answers), "--out", str(tmp_path / "o.csv"), *extra]
    assert main(args) == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "o.csv").exists() or "--out" not in extra


def test_csv_outputs_follow_the_documented_encoding(answers: Path, tmp_path: Path) -> None:
    """Machine CSVs: UTF-8 without BOM, LF; tables for people (kwic): with BOM (README)."""
    redacted = tmp_path / "schoon.csv"
    assert main(["redact", str(answers), "--out", str(redacted), "--quiet"]) == 0
    coded = tmp_path / "suggesties.csv"
    assert main(["code", str(answers), "--out", str(coded), "--quiet"]) == 0
    for machine in (redacted, coded):
        data = machine.read_bytes()
        assert not data.startswith(b"\xef\xbb\xbf"), machine.name
        assert b"\r\n" not in data and data.endswith(b"\n"), machine.name
    assert "€ 1.250.000" in redacted.read_text(encoding="utf-8")
    people = tmp_path / "kwic.csv"
    status = main(["kwic", str(answers), "--term", "budget", "--out", str(people), "--quiet"])
    assert status == 0
    data = people.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    assert "weinig" in data.decode("utf-8-sig")
