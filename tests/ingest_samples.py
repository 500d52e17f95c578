"""Dutch survey answers (from the 2020 IFV innovation inventory) and builders of small exports.

Shared by tests/test_ingest_*.py; every builder writes into a folder the test owns (tmp_path).
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pandas as pd

IDEEEN = "Vermogen om ideeën om te zetten in Agile action-learning proces."
JURIDISCH = "Juridische expertise m.b.t. inkoop en aangaan van open innovatietrajecten"
GEINITIEERD = "Zelf geïnitieerd"
BUDGET = "Onvoldoende budget voor opschaling, en te weinig tijd; vooral bij de ketenpartners"
SAMENWERKING = "Samenwerken met de markt en kennisinstellingen"
TREKKER = "Externe projectleider, om onafhankelijkheid te borgen en als trekker."

# Wide: one row per respondent; kennisbehoefte and succesfactor are open questions.
WIDE_HEADER = ["respnr", "regio", "kennisbehoefte", "succesfactor"]
WIDE_ROWS: list[list[str]] = [
    ["1", "Noord", IDEEEN, GEINITIEERD],
    ["2", "Zuid", JURIDISCH, ""],
    ["3", "Noord", "   ", TREKKER],
]

# Long: one row per answer.
LONG_HEADER = ["id", "vraag", "antwoord", "organisatie"]
LONG_ROWS: list[list[str]] = [
    ["r1", "kennisbehoefte", IDEEEN, "Veiligheidsregio Twente"],
    ["r1", "succesfactor", GEINITIEERD, "Veiligheidsregio Twente"],
    ["r2", "kennisbehoefte", JURIDISCH, "Brandweer Nederland"],
    ["r2", "belemmering", "", "Brandweer Nederland"],
]


def csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    """The table as delimited text, quoted where needed, CRLF line ends as Excel writes."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def write_csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    *,
    delimiter: str = ",",
    encoding: str = "utf-8",
) -> Path:
    path.write_bytes(csv_text(header, rows, delimiter).encode(encoding))
    return path


def frame(header: list[str], rows: list[list[str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=header)


def write_xlsx(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    """A workbook with one sheet per entry (first row = header)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    lines = [json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def long_records() -> list[dict[str, Any]]:
    return [dict(zip(LONG_HEADER, row, strict=True)) for row in LONG_ROWS]


def snapshot(path: Path) -> tuple[bytes, int]:
    """The file's bytes and modification time, to show that reading did not touch it."""
    return path.read_bytes(), path.stat().st_mtime_ns
