"""Bad input: one InputError on one line, naming the file, the line or row and the field."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import pytest
from ingest_samples import (
    GEINITIEERD,
    IDEEEN,
    JURIDISCH,
    LONG_HEADER,
    LONG_ROWS,
    WIDE_HEADER,
    WIDE_ROWS,
    frame,
    long_records,
    snapshot,
    write_csv,
    write_jsonl,
    write_xlsx,
)

from textcode.errors import InputError
from textcode.ingest import read_answers

TEXT_COLUMNS = ["kennisbehoefte", "succesfactor"]


def fails(*args: object, **kwargs: object) -> InputError:
    with pytest.raises(InputError) as info:
        read_answers(*args, **kwargs)  # type: ignore[arg-type]
    error = info.value
    assert "\n" not in str(error), str(error)
    return error


# --- columns ----------------------------------------------------------------------------------


def test_missing_text_column_names_file_field_and_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "enquete.csv", WIDE_HEADER, WIDE_ROWS)
    error = fails(path, text_columns=["kennisbehoefte", "belemmering"])
    assert error.path == str(path)
    assert error.field == "belemmering"
    message = str(error)
    assert message.startswith(f"{path}, field 'belemmering': --text-column 'belemmering'")
    assert "'respnr', 'regio', 'kennisbehoefte', 'succesfactor'" in message


@pytest.mark.parametrize(
    ("option", "value"),
    [("id_column", "respondent_nr"), ("question_column", "vraagnummer")],
)
def test_missing_id_or_question_column(tmp_path: Path, option: str, value: str) -> None:
    path = write_csv(tmp_path / "enquete.csv", WIDE_HEADER, WIDE_ROWS)
    error = fails(path, text_columns=["kennisbehoefte"], **{option: value})
    assert (error.path, error.field) == (str(path), value)
    assert "--" + option.replace("_", "-") in str(error)


def test_column_names_match_ignoring_case_and_spaces(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["Resp Nr", "Kennisbehoefte"], [["1", IDEEEN]])
    df = read_answers(path, id_column="resp_nr", text_columns="kennisbehoefte")
    assert df["response_id"].tolist() == ["1"]
    assert df["question"].tolist() == ["Kennisbehoefte"]


def test_missing_column_in_sheet_names_the_sheet(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", {"Antwoorden": [WIDE_HEADER, *WIDE_ROWS]})
    error = fails(path, text_columns="belemmering")
    assert "(sheet 'Antwoorden')" in str(error)


def test_same_column_in_two_roles(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS)
    assert fails(path, id_column="respnr", text_columns=["respnr"]).field == "respnr"


def test_long_data_with_two_text_columns(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", LONG_HEADER, LONG_ROWS)
    error = fails(path, question_column="vraag", text_columns=["antwoord", "organisatie"])
    assert "one text column" in str(error)


# --- rows -------------------------------------------------------------------------------------


def test_broken_csv_row_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "enquete.csv"
    path.write_text(
        "respnr;regio;kennisbehoefte\n"
        f"1;Noord;{IDEEEN}\n"
        f'2;Zuid;"{JURIDISCH}\nover twee regels"\n'
        f"3;Noord;{GEINITIEERD};extra\n",
        encoding="utf-8",
    )
    error = fails(path, text_columns="kennisbehoefte")
    assert (error.path, error.line) == (str(path), 5)
    assert str(error) == f"{path}, line 5: expected 3 fields separated by semicolon, found 4"


def test_unterminated_quote_names_where_the_row_starts(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f'id,antwoord\n1,{IDEEEN}\n2,"Zelf geïnitieerd\n3,x\n', encoding="utf-8")
    error = fails(path)
    assert error.line == 3
    assert "broken row" in str(error)


def test_broken_json_line(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", long_records())
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(2, '{"id": "r9", "vraag": "kennisbehoefte", "antwoord": "Geld}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = fails(path)
    assert (error.path, error.line) == (str(path), 3)
    assert "not valid JSON" in str(error)


def test_a_key_twice_in_one_json_line_is_refused_not_dropped(tmp_path: Path) -> None:
    # json.loads keeps the last "antwoord" and drops the first: an answer lost without a word.
    path = write_jsonl(tmp_path / "a.jsonl", long_records())
    lines = path.read_text(encoding="utf-8").splitlines()
    lines.insert(
        1,
        json.dumps({"id": "r9", "vraag": "kennisbehoefte", "antwoord": IDEEEN})[:-1]
        + ', "antwoord": "Om 12:30 begon de oefening"}',
    )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    error = fails(path)
    assert (error.path, error.line) == (str(path), 2)
    assert 'key "antwoord" twice' in str(error)
    # A colon inside an answer, even after a quoted word, is no second key.
    said = 'De burgemeester zei "nee": geen budget, om 12:30 klaar'
    lines[1] = json.dumps({"id": "r9", "vraag": "kennisbehoefte", "antwoord": said})
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert said in set(read_answers(path)["text"])


def test_a_key_twice_in_a_json_array_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    body = json.dumps(long_records(), ensure_ascii=False)
    path.write_text(body[:-2] + ', "vraag": "succesfactor"}]', encoding="utf-8")
    error = fails(path)
    assert 'key "vraag" twice' in str(error)


def test_json_line_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"id": 1, "text": "Geld"}\n\n["Tijd"]\n', encoding="utf-8")
    error = fails(path)
    assert error.line == 3
    assert "expected a JSON object, found list" in str(error)


def test_broken_json_array_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('[\n  {"id": 1, "text": "Geld"},\n  {"id": 2 "text": "Tijd"}\n]\n')
    assert fails(path).line == 3


def test_json_without_a_list(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"enquete": "IFV", "antwoorden": []}))
    assert "'answers'" in str(fails(path))


def test_answer_that_is_a_list(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": 1, "text": ["Geld", "Tijd"]}])
    error = fails(path)
    assert (error.line, error.field) == (1, "text")


# --- duplicate and empty ids ------------------------------------------------------------------


def test_duplicate_id_in_wide_csv(tmp_path: Path) -> None:
    rows = [*WIDE_ROWS, ["2", "Oost", GEINITIEERD, IDEEEN]]
    path = write_csv(tmp_path / "enquete.csv", WIDE_HEADER, rows)
    error = fails(path, text_columns=TEXT_COLUMNS)
    assert (error.path, error.line, error.field) == (str(path), 5, "respnr")
    assert "duplicate id '2' (first at line 3)" in str(error)


def test_duplicate_id_in_xlsx_names_excel_row(tmp_path: Path) -> None:
    rows = [WIDE_HEADER, *WIDE_ROWS, [1.0, "Oost", GEINITIEERD, IDEEEN]]
    path = write_xlsx(tmp_path / "a.xlsx", {"Blad1": rows})
    error = fails(path, text_columns=TEXT_COLUMNS)
    assert (error.row, error.field) == (5, "respnr")
    assert "duplicate id '1' (first at row 2) (sheet 'Blad1')" in str(error)


def test_duplicate_id_question_pair_in_long_data(tmp_path: Path) -> None:
    records = [*long_records(), {"id": "r1", "vraag": "kennisbehoefte", "antwoord": "Geld"}]
    path = write_jsonl(tmp_path / "a.jsonl", records)
    error = fails(path)
    assert (error.line, error.field) == (5, "id")
    assert "id 'r1' answers question 'kennisbehoefte' twice (first at line 1)" in str(error)


def test_same_id_for_different_questions_is_fine_in_long_data(tmp_path: Path) -> None:
    df = read_answers(write_jsonl(tmp_path / "a.jsonl", long_records()))
    assert df["response_id"].tolist().count("r1") == 2


def test_duplicate_id_in_dataframe() -> None:
    source = frame(WIDE_HEADER, [*WIDE_ROWS, WIDE_ROWS[0]])
    error = fails(source, text_columns=TEXT_COLUMNS)
    assert (error.path, error.row, error.field) == ("<DataFrame>", 4, "respnr")


def test_duplicates_after_numeric_formatting() -> None:
    # 1 and 1.0 are one respondent once ids are text.
    source = pd.DataFrame({"id": [1.0, 2.0, 1.0], "antwoord": [IDEEEN, JURIDISCH, GEINITIEERD]})
    assert "duplicate id '1'" in str(fails(source))


def test_empty_id(tmp_path: Path) -> None:
    rows = [WIDE_ROWS[0], ["", "Zuid", JURIDISCH, ""]]
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, rows)
    error = fails(path, text_columns=TEXT_COLUMNS)
    assert (error.line, error.field) == (3, "respnr")
    assert "the id is empty" in str(error)


def test_empty_question_in_long_data(tmp_path: Path) -> None:
    rows = [LONG_ROWS[0], ["r2", " ", JURIDISCH, "Brandweer Nederland"]]
    path = write_csv(tmp_path / "a.csv", LONG_HEADER, rows)
    error = fails(path)
    assert (error.line, error.field) == (3, "vraag")


def test_duplicate_header_name(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", ["id", "antwoord", "antwoord"], [["1", "a", "b"]])
    error = fails(path)
    assert (error.line, error.field) == (1, "antwoord")


# --- files and formats ------------------------------------------------------------------------


def test_file_not_found(tmp_path: Path) -> None:
    path = tmp_path / "bestaat_niet.csv"
    error = fails(path)
    assert str(error) == f"{path}: file not found"


def test_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "export.csv"
    folder.mkdir()
    assert "folder" in str(fails(folder))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads anything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS)
    path.chmod(0)
    try:
        error = fails(path)
    finally:
        path.chmod(0o644)
    assert error.path == str(path)
    assert "cannot read" in str(error)


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The same case as above, for runs as root (which may read anything).
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS)
    real_open = Path.open

    def denied(self: Path, *args: object, **kwargs: object) -> object:
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", denied)
    assert str(fails(path)) == f"{path}: cannot read the file: Permission denied"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("kapot.xlsx", "cannot read as .xlsx"),
        ("kapot.sav", "cannot read as SPSS .sav"),
        ("kapot.parquet", "cannot read as parquet"),
    ],
)
def test_corrupt_binary_files(tmp_path: Path, name: str, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 dit is geen echt bestand " * 20)
    before = snapshot(path)
    error = fails(path)
    assert error.path == str(path)
    assert str(error).startswith(f"{path}: {reason}")
    assert snapshot(path) == before


def test_truncated_xlsx(tmp_path: Path) -> None:
    good = write_xlsx(tmp_path / "a.xlsx", {"Blad1": [WIDE_HEADER, *WIDE_ROWS]})
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[:300])
    assert "cannot read as .xlsx" in str(fails(cut))


def test_xlsx_that_unpacks_to_far_more_than_it_holds_is_refused_unread(tmp_path: Path) -> None:
    """A workbook of real answers plus a member of 4 MB that deflates to a few kB (a zip bomb's
    ratio): refused from the archive's directory, before openpyxl unpacks anything (a bomb of
    3 GB in a 3 MB file otherwise took a minute and all memory to fail)."""
    import zipfile

    path = write_xlsx(tmp_path / "enquete.xlsx", {"Blad1": [WIDE_HEADER, *WIDE_ROWS]})
    assert not read_answers(path, text_columns=TEXT_COLUMNS).empty  # a sound workbook reads
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/opvulling.xml", b" " * (4 << 20))
    before = snapshot(path)
    error = fails(path, text_columns=TEXT_COLUMNS)
    assert str(error).startswith(f"{path}, field 'xl/media/opvulling.xml': refused: ")
    assert "zip bomb" in str(error)
    assert snapshot(path) == before


def test_missing_sheet_lists_the_sheets(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "a.xlsx", {"Toelichting": [["x"]], "Antwoorden": [["id"]]})
    error = fails(path, sheet="Resultaten")
    assert str(error) == (
        f"{path}: there is no sheet 'Resultaten'; available sheets: 'Toelichting', 'Antwoorden'"
    )
    assert "has 2" in str(fails(path, sheet=5))


def test_sheet_for_a_csv(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS)
    assert "sheet applies to .xlsx" in str(fails(path, sheet="Blad1"))


@pytest.mark.parametrize("name", ["antwoorden.docx", "antwoorden", "antwoorden.csv.gz"])
def test_unknown_extension(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("id,antwoord\n1,Geld\n", encoding="utf-8")
    error = fails(path)
    assert error.path == str(path)
    assert "unknown file type" in str(error)
    assert ".csv" in str(error)


def test_unknown_format_option(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS)
    assert "unknown format 'stata'" in str(fails(path, format="stata"))


def test_old_excel(tmp_path: Path) -> None:
    path = tmp_path / "oud.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    assert "save the sheet as .xlsx" in str(fails(path))


def test_format_option_overrides_extension(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "export.dat", long_records())
    assert len(read_answers(path, format="jsonl")) == len(LONG_ROWS)


@pytest.mark.parametrize("content", [b"", b"  \r\n\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(content)
    assert str(fails(path)) == f"{path}: the file is empty"


def test_bytes_that_are_no_known_encoding(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    # 0x81 is undefined in cp1252 and invalid UTF-8 here.
    path.write_bytes(b"id,antwoord\n1,Geld\n2,Tijd \x81 en ruimte\n")
    error = fails(path)
    assert error.line == 3
    assert "neither UTF-8 nor cp1252" in str(error)


def test_explicit_wrong_encoding(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS, encoding="cp1252")
    error = fails(path, encoding="utf-8", text_columns=TEXT_COLUMNS)
    assert error.line == 2
    assert fails(path, encoding="klingon").reason == "unknown encoding 'klingon'"


def test_not_a_source() -> None:
    with pytest.raises(TypeError):
        read_answers(42)  # type: ignore[arg-type]


def test_error_is_a_value_error_for_callers_that_catch_those(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read_answers(tmp_path / "x.csv")
