"""Which sheet of a workbook is read: the one with the named columns, else the one that looks
like data; the choice is told, and a named sheet without the named columns is an error naming
the sheets that have them. Workbooks are built in tmp_path with real Dutch answers."""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest
from cli_run import run_cli

from textcode import InputError, ingest_report, read_answers
from textcode.ingest.sheets import SheetChoiceNotice

ANSWERS = pd.DataFrame(
    {
        "respnr": ["r01", "r02", "r03", "r04"],
        "kennisbehoefte": [
            "Kennis over het organiseren van innovatieprocessen",
            "Hoe schalen we een geslaagde pilot op naar een regionale voorziening?",
            "Juridische kennis over de AVG bij het delen van camerabeelden",
            "weet ik niet",
        ],
        "belemmering": [
            "Te weinig geld voor het project",
            "Het budget was geen probleem, maar er waren te weinig mensen",
            "De samenwerking met de leverancier liep stroef",
            "",
        ],
    }
)


def workbook(path: Path, *sheets: tuple[str, pd.DataFrame]) -> Path:
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets:
            frame.to_excel(writer, sheet_name=name, index=False)
    return path


def explanation() -> pd.DataFrame:
    return pd.DataFrame(
        {"Toelichting": ["Enquête innovatieprojecten 2024", "De antwoorden staan op blad 2."]}
    )


def notices(record: list[warnings.WarningMessage]) -> list[str]:
    return [str(w.message) for w in record if issubclass(w.category, SheetChoiceNotice)]


def test_the_sheet_with_the_named_columns_is_read_and_said(tmp_path: Path) -> None:
    path = workbook(tmp_path / "enquete.xlsx", ("Toelichting", explanation()), ("Data", ANSWERS))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        answers = read_answers(path, id_column="respnr", text_columns=["belemmering"])
    assert ingest_report(answers).sheet == "Data"
    assert answers["text"].tolist()[0] == "Te weinig geld voor het project"
    [said] = notices(record)
    assert "read sheet 'Data'" in said and "columns 'respnr', 'belemmering'" in said
    assert "other sheets: 'Toelichting'" in said


def test_without_column_options_the_sheet_that_looks_like_data_is_read(tmp_path: Path) -> None:
    path = workbook(
        tmp_path / "enquete.xlsx",
        ("Toelichting", explanation()),
        ("Antwoorden", ANSWERS),
        ("Codes", pd.DataFrame({"code": ["1", "2"]})),
    )
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        answers = read_answers(path)
    assert ingest_report(answers).sheet == "Antwoorden"
    assert set(answers["question"]) == {"kennisbehoefte", "belemmering"}
    [said] = notices(record)
    assert "looks most like a data table" in said


def test_a_named_sheet_without_the_columns_names_the_sheets_that_have_them(
    tmp_path: Path,
) -> None:
    path = workbook(
        tmp_path / "enquete.xlsx",
        ("Toelichting", explanation()),
        ("Golf 1", ANSWERS),
        ("Golf 2", ANSWERS),
    )
    with pytest.raises(InputError) as caught:
        read_answers(path, sheet="Toelichting", text_columns=["kennisbehoefte"])
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "sheet 'Toelichting' has no column 'kennisbehoefte'" in message
    assert "'Golf 1', 'Golf 2'" in message
    assert caught.value.field == "kennisbehoefte"


def test_no_sheet_with_the_columns_lists_each_sheets_columns(tmp_path: Path) -> None:
    path = workbook(tmp_path / "enquete.xlsx", ("Toelichting", explanation()), ("Data", ANSWERS))
    with pytest.raises(InputError, match=r"no sheet has the column 'toelichting_open'.*'Data': "):
        read_answers(path, text_columns=["toelichting_open"])


def test_one_sheet_is_read_without_a_notice(tmp_path: Path) -> None:
    path = workbook(tmp_path / "enquete.xlsx", ("Blad1", ANSWERS))
    with warnings.catch_warnings(record=True) as record:
        warnings.simplefilter("always")
        answers = read_answers(path, text_columns=["kennisbehoefte"])
    assert len(answers) == 4 and not notices(record)


def test_the_command_line_prints_the_choice_and_codes_the_right_sheet(tmp_path: Path) -> None:
    workbook(tmp_path / "enquete.xlsx", ("Toelichting", explanation()), ("Antwoorden", ANSWERS))
    ran = run_cli(
        "code", "enquete.xlsx", "--text-column", "belemmering", "--id-column", "respnr",
        "--quiet", cwd=tmp_path,
    )  # fmt: skip
    assert ran.returncode == 0, ran.stderr
    assert "textcode: enquete.xlsx: read sheet 'Antwoorden'" in ran.stderr
    assert "warning" not in ran.stderr
    assert "belemmering.financiering" in ran.stdout
    wrong = run_cli(
        "code", "enquete.xlsx", "--sheet", "Toelichting", "--text-column", "belemmering",
        cwd=tmp_path,
    )  # fmt: skip
    assert wrong.returncode == 2
    assert "the sheets with the named columns: 'Antwoorden'" in wrong.stderr
