"""``textcode redact`` keeps the input's layout, redacts free-text attributes too, and logs the
row and column of every redaction as the user finds them in the input file."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from textcode.cli import main

HEADER = "respnr,regio,kennisbehoefte,belemmering,toelichting,aantal_projecten,postcode\n"
WIDE = HEADER + (
    '1,Zeeland,"Meer kennis over drones; vraag Petra de Vries (p.devries@vrzeeland.nl).",'
    'Te weinig budget.,"Contact: jan.jansen@gmail.com of 0612345678",3,4331 AB\n'
    '2,Utrecht,"Kennis over inkoop\nvan innovatie.","Geen tijd, zegt Jeroen Bakker.",prima,0,\n'
    '3,Twente,,Regels rond privacy (AVG).,"Bel mij: 06-87654321",12,7511 JM\n'
)
PERSONAL = (
    "Petra", "Vries", "p.devries", "jan.jansen", "0612345678", "Jeroen", "Bakker",
    "06-87654321", "4331 AB", "7511 JM",
)  # fmt: skip
TEXT_OPTIONS = ["--id-column", "respnr", "--text-column", "kennisbehoefte",
                "--text-column", "belemmering"]  # fmt: skip


@pytest.fixture()
def wide(tmp_path: Path) -> Path:
    path = tmp_path / "enquete.csv"
    path.write_text(WIDE, encoding="utf-8")
    return path


def _run(*args: str) -> int:
    return main(["redact", *args])


def test_a_wide_file_stays_wide_with_its_columns_rows_and_untouched_values(
    wide: Path, tmp_path: Path
) -> None:
    out = tmp_path / "schoon.csv"
    assert _run(str(wide), *TEXT_OPTIONS, "--out", str(out), "--quiet") == 0
    before = pd.read_csv(wide, dtype=str, keep_default_na=False)
    after = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert list(after.columns) == list(before.columns) and len(after) == len(before) == 3
    # ids, categories and numbers pass through exactly as they were written
    for column in ("respnr", "regio", "aantal_projecten"):
        assert after[column].tolist() == before[column].tolist()
    assert after["kennisbehoefte"].tolist() == [
        "Meer kennis over drones; vraag [NAAM] ([E-MAIL]).",
        "Kennis over inkoop\nvan innovatie.",
        "",
    ]
    assert after["belemmering"][1] == "Geen tijd, zegt [NAAM]."
    # a free-text attribute is redacted too, and so is a postcode column
    assert after["toelichting"].tolist() == [
        "Contact: [E-MAIL] of [TELEFOON]",
        "prima",
        "Bel mij: [TELEFOON]",
    ]
    assert after["postcode"].tolist() == ["[POSTCODE]", "", "[POSTCODE]"]
    written = out.read_text("utf-8")
    assert [value for value in PERSONAL if value in written] == []


def test_the_log_names_the_input_row_line_and_column(wide: Path, tmp_path: Path) -> None:
    out, log = tmp_path / "schoon.csv", tmp_path / "log.csv"
    assert _run(str(wide), *TEXT_OPTIONS, "--out", str(out), "--log", str(log), "--quiet") == 0
    entries = pd.read_csv(log, dtype=str, keep_default_na=False)
    assert list(entries.columns) == [
        "response_id", "question", "column", "row", "line", "type", "start", "end", "placeholder",
    ]  # fmt: skip
    found = list(
        zip(entries["row"], entries["line"], entries["column"], entries["type"], strict=True)
    )
    assert found == [
        ("1", "2", "kennisbehoefte", "NAME"),
        ("1", "2", "kennisbehoefte", "EMAIL"),
        ("1", "2", "toelichting", "EMAIL"),
        ("1", "2", "toelichting", "PHONE"),
        ("1", "2", "postcode", "POSTCODE"),
        ("2", "3", "belemmering", "NAME"),
        # row 3 starts on line 5: the answer of row 2 spans two lines
        ("3", "5", "toelichting", "PHONE"),
        ("3", "5", "postcode", "POSTCODE"),
    ]
    first = entries.iloc[0]
    assert (first["response_id"], first["question"]) == ("1", "kennisbehoefte")
    assert entries.loc[2, "question"] == ""  # an attribute answers no question
    answer = pd.read_csv(wide, dtype=str).loc[0, "kennisbehoefte"]
    assert answer[int(first["start"]) : int(first["end"])] == "Petra de Vries"
    text = log.read_text("utf-8")
    assert [value for value in PERSONAL if value in text] == []


def test_columns_limits_which_attributes_are_redacted(
    wide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schoon.csv"
    args = [str(wide), *TEXT_OPTIONS, "--out", str(out), "--quiet"]
    assert _run(*args, "--columns", "toelichting") == 0
    after = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert after["toelichting"][0] == "Contact: [E-MAIL] of [TELEFOON]"
    assert after["postcode"][0] == "4331 AB"
    assert after["kennisbehoefte"][0].endswith("[NAAM] ([E-MAIL]).")  # answers always
    assert _run(*args, "--columns", "") == 0  # the answers only
    after = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert after["toelichting"][0] == "Contact: jan.jansen@gmail.com of 0612345678"
    assert after["belemmering"][1] == "Geen tijd, zegt [NAAM]."
    assert _run(*args, "--columns", "toelichting,opmerking") == 2
    err = capsys.readouterr().err
    assert "opmerking" in err and err.count("\n") == 1


def test_summary_counts_rows_answers_and_columns(
    wide: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "schoon.jsonl"
    assert _run(str(wide), *TEXT_OPTIONS, "--out", str(out), "--json") == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["layout"] == "wide" and summary["rows"] == 3
    assert summary["answers"] == 6 and summary["answers_redacted"] == 2
    assert summary["redactions"] == 8
    assert summary["columns"] == {
        "belemmering": 1, "kennisbehoefte": 2, "postcode": 2, "toelichting": 3,
    }  # fmt: skip
    assert summary["columns_checked"] == [
        "regio", "kennisbehoefte", "belemmering", "toelichting", "postcode",
    ]  # fmt: skip
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert len(records) == 3 and list(records[0]) == [
        "respnr", "regio", "kennisbehoefte", "belemmering", "toelichting", "aantal_projecten",
        "postcode",
    ]  # fmt: skip
    assert records[0]["aantal_projecten"] == 3  # numbers stay numbers in JSON Lines


def test_a_long_file_stays_long_and_numbers_consistently_across_columns(tmp_path: Path) -> None:
    rows = [
        {"response_id": "r1", "question": "kennisbehoefte", "contact": "p.devries@vr.nl",
         "text": "Vragen aan Petra de Vries via p.devries@vr.nl."},
        {"response_id": "r1", "question": "belemmering", "contact": "p.devries@vr.nl",
         "text": "Geen tijd, zegt Petra de Vries."},
        {"response_id": "r2", "question": "kennisbehoefte", "contact": None,
         "text": "Kennis over drones."},
    ]  # fmt: skip
    source = tmp_path / "lang.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out, log = tmp_path / "schoon.jsonl", tmp_path / "log.jsonl"
    args = [str(source), "--question-column", "question", "--out", str(out), "--log", str(log)]
    assert _run(*args, "--consistent", "--quiet") == 0
    records = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert [list(r) for r in records] == [list(r) for r in rows]  # same columns, same order
    assert [r["text"] for r in records] == [
        "Vragen aan [NAAM-1] via [E-MAIL-1].",
        "Geen tijd, zegt [NAAM-1].",
        "Kennis over drones.",
    ]
    assert [r["contact"] for r in records] == ["[E-MAIL-1]", "[E-MAIL-1]", None]
    entries = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
    assert [(e["row"], e["line"], e["column"], e["question"]) for e in entries] == [
        (1, 1, "contact", ""),  # columns in the file's order
        (1, 1, "text", "kennisbehoefte"),
        (1, 1, "text", "kennisbehoefte"),
        (2, 2, "contact", ""),
        (2, 2, "text", "belemmering"),
    ]


def test_an_excel_sheet_keeps_its_layout_and_logs_the_sheet_row(wide: Path, tmp_path: Path) -> None:
    source = tmp_path / "enquete.xlsx"
    pd.read_csv(wide, dtype=str, keep_default_na=False).to_excel(source, index=False)
    out, log = tmp_path / "schoon.xlsx", tmp_path / "log.csv"
    args = [str(source), *TEXT_OPTIONS, "--out", str(out), "--log", str(log), "--quiet"]
    assert _run(*args) == 0
    after = pd.read_excel(out, dtype=str, keep_default_na=False)
    assert list(after.columns) == HEADER.strip().split(",") and len(after) == 3
    assert after["toelichting"][0] == "Contact: [E-MAIL] of [TELEFOON]"
    entries = pd.read_csv(log, dtype=str)
    assert entries["row"].tolist()[:2] == ["1", "1"] and entries["line"].tolist()[:2] == ["2", "2"]


def test_a_semicolon_file_stays_a_semicolon_file(tmp_path: Path) -> None:
    source = tmp_path / "excel_nl.csv"
    source.write_text(
        "respnr;regio;belemmering;toelichting\n"
        "1;Zeeland;Te weinig budget, zegt Jeroen Bakker.;mail j.bakker@ggd.nl\n"
        "2;Twente;Geen tijd.;\n",
        encoding="utf-8",
    )
    out = tmp_path / "schoon.csv"
    args = [str(source), "--id-column", "respnr", "--text-column", "belemmering"]
    assert _run(*args, "--out", str(out), "--quiet") == 0
    assert out.read_text("utf-8") == (
        "respnr;regio;belemmering;toelichting\n"
        "1;Zeeland;Te weinig budget, zegt [NAAM].;mail [E-MAIL]\n"
        "2;Twente;Geen tijd.;\n"
    )
