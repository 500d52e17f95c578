"""Excel export: plain tables that MAXQDA's and NVivo's spreadsheet imports can read."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from textcode.codebook import load_codebook
from textcode.interop.excel import build_workbook, export_excel

sys.path.insert(0, str(Path(__file__).parent))
from test_interop_project import EMAIL, PHONE, _answers, _FakeRedaction


@pytest.fixture(scope="module")
def codebook():  # type: ignore[no-untyped-def]
    return load_codebook()


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return _answers()


@pytest.fixture(scope="module")
def suggestions(codebook, answers) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    import textcode.coding as coding

    return coding.Coder(codebook).suggest(answers)


@pytest.fixture(scope="module")
def workbook(answers, suggestions, codebook):  # type: ignore[no-untyped-def]
    return build_workbook(answers, suggestions, codebook, redact=_FakeRedaction)


def test_sheets_are_plain_tables_an_import_can_read(workbook) -> None:  # type: ignore[no-untyped-def]
    data, summary = workbook
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == [
        "kennisbehoefte",
        "succesfactor",
        "belemmering",
        "matrix",
        "counts",
        "suggestions",
        "codebook",
    ]
    assert list(summary.sheets) == book.sheetnames
    for ws in book.worksheets:
        header = [c.value for c in ws[1]]
        # One header row of unique, non-empty names; no merged cells; no formulas.
        assert all(isinstance(h, str) and h for h in header)
        assert len(set(header)) == len(header)
        assert not ws.merged_cells.ranges
        for row in ws.iter_rows(min_row=2, values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in row)


def test_question_sheets_hold_one_row_per_respondent(workbook, answers, codebook) -> None:  # type: ignore[no-untyped-def]
    sheets = pd.read_excel(io.BytesIO(workbook[0]), sheet_name=None, dtype={"response_id": str})
    sheet = sheets["belemmering"]
    assert list(sheet.columns[:3]) == ["response_id", "belemmering", "organisatietype"]
    belemmering = answers[answers["question"] == "belemmering"]
    assert sheet["response_id"].tolist() == belemmering["response_id"].tolist()
    codes = [c.id for c in codebook.codes_for_question("belemmering")]
    assert list(sheet.columns[-len(codes) :]) == codes
    assert set(sheet[codes].to_numpy().ravel()) <= {0, 1}
    row = sheet[sheet["response_id"] == "r90"].iloc[0]
    assert row["belemmering"].startswith("💶💶 Te weinig budget")
    assert row["belemmering.financiering"] == 1
    assert sheet["aantal_projecten"].dtype.kind == "i"  # numbers stay numbers


def test_matrix_counts_and_suggestions_agree(workbook, suggestions) -> None:  # type: ignore[no-untyped-def]
    sheets = pd.read_excel(io.BytesIO(workbook[0]), sheet_name=None)
    matrix, counts = sheets["matrix"], sheets["counts"].set_index("code")
    code_columns = matrix.columns[2:]
    assert (matrix[code_columns].sum() == counts.loc[code_columns, "answers"]).all()
    expected = suggestions.groupby("code").size()
    assert (counts.loc[expected.index, "suggestions"] == expected).all()
    financiering = counts.loc["belemmering.financiering"]
    assert financiering["answered"] == 17  # the belemmering answers, not all answers
    assert financiering["share"] == pytest.approx(financiering["answers"] / 17, abs=1e-4)
    assert len(sheets["suggestions"]) == len(suggestions)
    assert len(sheets["codebook"]) == 30


def test_redacted_by_default_and_byte_identical(
    workbook, answers, suggestions, codebook, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    data, summary = workbook
    assert summary.redacted
    cells = []
    for ws in openpyxl.load_workbook(io.BytesIO(data)).worksheets:
        for row in ws.iter_rows(values_only=True):
            cells.extend(v for v in row if isinstance(v, str))
    everything = "¦".join(cells)
    assert not EMAIL.search(everything) and not PHONE.search(everything)
    assert "[E-MAIL]" in everything
    again, _ = build_workbook(answers, suggestions, codebook, redact=_FakeRedaction)
    assert again == data
    plain = export_excel(answers, suggestions, codebook, tmp_path / "open.xlsx", redact=False)
    assert not plain.redacted and (tmp_path / "open.xlsx").exists()
    raw = pd.read_excel(tmp_path / "open.xlsx", sheet_name="kennisbehoefte")
    assert raw["kennisbehoefte"].str.contains("jan.devries@example.nl").any()


def test_awkward_question_names_become_valid_sheet_names(codebook) -> None:  # type: ignore[no-untyped-def]
    frame = pd.DataFrame(
        {
            "response_id": ["1", "2"],
            "question": [
                "Wat zijn kritieke randvoorwaarden / succesfactoren [open]?",
                "Wat zijn kritieke randvoorwaarden / succesfactoren [open]? (2)",
            ],
            "text": ["Bevlogen mensen", "Draagvlak\x0bbij de top"],
        }
    )
    data, summary = build_workbook(frame, None, codebook, redact=False)
    names = list(summary.sheets[:2])
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    assert len(set(names)) == 2
    sheet = openpyxl.load_workbook(io.BytesIO(data))[names[1]]
    assert sheet["B2"].value == "Draagvlak\ufffdbij de top"  # a control character Excel refuses
