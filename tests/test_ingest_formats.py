"""Each input format read into the same answers table, with real Dutch answers."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from ingest_samples import (
    BUDGET,
    GEINITIEERD,
    IDEEEN,
    JURIDISCH,
    LONG_HEADER,
    LONG_ROWS,
    TREKKER,
    WIDE_HEADER,
    WIDE_ROWS,
    csv_text,
    frame,
    long_records,
    snapshot,
    write_csv,
    write_jsonl,
    write_xlsx,
)

from textcode.ingest import ingest_report, read_answers

WIDE_TEXTS = [IDEEEN, GEINITIEERD, JURIDISCH, "", "   ", TREKKER]
WIDE_KEYS = [
    ("1", "kennisbehoefte"),
    ("1", "succesfactor"),
    ("2", "kennisbehoefte"),
    ("2", "succesfactor"),
    ("3", "kennisbehoefte"),
    ("3", "succesfactor"),
]
TEXT_COLUMNS = ["kennisbehoefte", "succesfactor"]


def keys(df: pd.DataFrame) -> list[tuple[str, str]]:
    return list(zip(df["response_id"], df["question"], strict=True))


def assert_wide(df: pd.DataFrame) -> None:
    assert list(df.columns[:3]) == ["response_id", "question", "text"]
    assert keys(df) == WIDE_KEYS
    assert df["text"].tolist() == WIDE_TEXTS
    assert df["regio"].tolist() == ["Noord", "Noord", "Zuid", "Zuid", "Noord", "Noord"]


# --- delimited text ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("cp1252", "cp1252")],
)
def test_csv_encodings_keep_dutch_diacritics(tmp_path: Path, encoding: str, reported: str) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS, delimiter=";", encoding=encoding)
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    assert_wide(df)
    assert "ideeën" in df["text"].iloc[0]
    assert df["text"].iloc[1] == "Zelf geïnitieerd"
    assert list(df.columns) == ["response_id", "question", "text", "regio"]
    report = ingest_report(df)
    assert report.encoding == reported
    assert report.delimiter == ";"
    assert report.format == "csv"


def test_cp1252_bytes_are_really_cp1252(tmp_path: Path) -> None:
    # Guard the fixture: ë is one byte 0xEB in cp1252, which is not valid UTF-8 on its own.
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS, encoding="cp1252")
    data = path.read_bytes()
    assert b"idee\xebn" in data and b"ge\xefnitieerd" in data
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


def test_cp1252_euro_sign_and_quotes(tmp_path: Path) -> None:
    text = "Budget van €\xa050.000 was te weinig – “te krap” voor de pilot"
    path = write_csv(tmp_path / "a.csv", ["id", "tekst"], [["1", text]], encoding="cp1252")
    df = read_answers(path)
    assert df["text"].tolist() == [text]


def test_explicit_encoding_wins(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("id,antwoord\n1,Zelf geïnitieerd\n".encode("latin-1"))
    df = read_answers(path, encoding="latin-1", text_columns="antwoord")
    assert df["text"].tolist() == [GEINITIEERD]
    assert ingest_report(df).encoding == "iso8859-1"


def test_utf16_from_excel_unicode_text(tmp_path: Path) -> None:
    path = tmp_path / "excel.txt"
    path.write_bytes(csv_text(WIDE_HEADER, WIDE_ROWS, delimiter="\t").encode("utf-16"))
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    assert_wide(df)
    assert ingest_report(df).encoding == "utf-16"
    assert ingest_report(df).delimiter == "\t"


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_delimiter_is_detected(tmp_path: Path, delimiter: str) -> None:
    rows = [*WIDE_ROWS, ["4", "Oost", BUDGET, "Geld, tijd; en | geduld"]]
    path = write_csv(tmp_path / "a.txt", WIDE_HEADER, rows, delimiter=delimiter)
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    assert ingest_report(df).delimiter == delimiter
    assert df["text"].tolist()[-2:] == [BUDGET, "Geld, tijd; en | geduld"]


def test_semicolon_file_with_unquoted_commas_in_answers(tmp_path: Path) -> None:
    # Excel in a Dutch locale writes ';' and only quotes when it must.
    path = tmp_path / "a.csv"
    path.write_text(
        "respnr;antwoord\n1;Geld, tijd en capaciteit\n2;Kennis, kunde, netwerk\n", encoding="utf-8"
    )
    df = read_answers(path)
    assert df["text"].tolist() == ["Geld, tijd en capaciteit", "Kennis, kunde, netwerk"]


def test_tsv_extension_means_tab(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.tsv", WIDE_HEADER, WIDE_ROWS, delimiter="\t")
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    assert_wide(df)
    assert ingest_report(df).format == "tsv"


def test_excel_sep_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("sep=|\nid|antwoord\n1|Geld, tijd; mensen\n", encoding="utf-8")
    df = read_answers(path)
    assert df["text"].tolist() == ["Geld, tijd; mensen"]
    assert ingest_report(df).delimiter == "|"


def test_quoted_multiline_answer(tmp_path: Path) -> None:
    text = 'Twee dingen:\n- geld\n- "draagvlak" bij de ketenpartners'
    path = write_csv(tmp_path / "a.csv", ["id", "antwoord"], [["1", text], ["2", GEINITIEERD]])
    df = read_answers(path)
    assert df["text"].tolist() == [text, GEINITIEERD]


# --- Excel ------------------------------------------------------------------------------------


def two_sheets(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "enquete.xlsx",
        {
            "Toelichting": [["Deze enquête gaat over innovatie"], ["Vul alle vragen in."]],
            "Antwoorden": [WIDE_HEADER] + [[1.0, *r[1:]] if r[0] == "1" else r for r in WIDE_ROWS],
        },
    )


def test_xlsx_sheet_by_name_and_index(tmp_path: Path) -> None:
    path = two_sheets(tmp_path)
    by_name = read_answers(path, sheet="Antwoorden", text_columns=TEXT_COLUMNS)
    by_index = read_answers(path, sheet=1, text_columns=TEXT_COLUMNS)
    assert_wide(by_name)
    pd.testing.assert_frame_equal(by_name, by_index)
    report = ingest_report(by_name)
    assert report.sheet == "Antwoorden"
    assert report.format == "xlsx"
    assert by_name["response_id"].iloc[0] == "1"  # 1.0 in the cell


def test_xlsx_default_is_first_sheet(tmp_path: Path) -> None:
    path = two_sheets(tmp_path)
    df = read_answers(path, text_columns=["Deze enquête gaat over innovatie"])
    assert df["text"].tolist() == ["Vul alle vragen in."]
    assert ingest_report(df).sheet == "Toelichting"


def test_xlsx_numbers_dates_and_blank_rows(tmp_path: Path) -> None:
    import datetime as dt

    path = write_xlsx(
        tmp_path / "a.xlsx",
        {
            "Blad1": [
                [None, None, None],
                ["respnr", "datum", "antwoord"],
                [7, dt.datetime(2020, 3, 1), IDEEEN],
                [None, None, None],
                [8.0, dt.datetime(2020, 3, 2), 5],
            ]
        },
    )
    df = read_answers(path, text_columns="antwoord")
    assert df["response_id"].tolist() == ["7", "8"]
    assert df["text"].tolist() == [IDEEEN, "5"]
    assert df["datum"].iloc[0] == pd.Timestamp("2020-03-01")
    assert ingest_report(df).n_blank_rows == 1


# --- SPSS -------------------------------------------------------------------------------------


def write_sav(path: Path) -> Path:
    import pyreadstat

    data = pd.DataFrame(
        {
            "respnr": [1.0, 2.0, 3.0],
            "regio": [1.0, 2.0, None],
            "leeftijd": [34.0, 99.0, 51.0],
            "kennis": [IDEEEN, JURIDISCH, ""],
            "succes": [GEINITIEERD, "", TREKKER],
        }
    )
    pyreadstat.write_sav(
        data,
        str(path),
        column_labels={
            "respnr": "Respondentnummer",
            "regio": "Veiligheidsregio",
            "kennis": "Welke kennis ontbreekt in uw organisatie?",
            "succes": "Wat was de belangrijkste succesfactor?",
        },
        variable_value_labels={
            "regio": {1: "Noord-Nederland", 2: "Zuid-Nederland", 3: "Randstad"},
            "leeftijd": {99: "Wil ik niet zeggen"},
        },
    )
    return path


def test_sav_value_labels_become_text(tmp_path: Path) -> None:
    path = write_sav(tmp_path / "enquete.sav")
    df = read_answers(path, text_columns=["kennis", "succes"])
    assert df["response_id"].tolist() == ["1", "1", "2", "2", "3", "3"]
    assert df["text"].tolist() == [IDEEEN, GEINITIEERD, JURIDISCH, "", "", TREKKER]
    assert df["regio"].tolist()[:4] == ["Noord-Nederland"] * 2 + ["Zuid-Nederland"] * 2
    assert pd.isna(df["regio"].iloc[4])
    # Categories in code order, the unused label included: crosstabs keep the SPSS order.
    assert list(df["regio"].cat.categories) == ["Noord-Nederland", "Zuid-Nederland", "Randstad"]
    assert df["leeftijd"].tolist()[::2] == ["34", "Wil ik niet zeggen", "51"]


def test_sav_labels_in_report(tmp_path: Path) -> None:
    df = read_answers(write_sav(tmp_path / "enquete.sav"), text_columns=["kennis", "succes"])
    report = ingest_report(df)
    assert report.format == "sav"
    assert report.variable_labels["kennis"] == "Welke kennis ontbreekt in uw organisatie?"
    assert "leeftijd" not in report.variable_labels
    assert report.value_labels["regio"] == {
        "1": "Noord-Nederland",
        "2": "Zuid-Nederland",
        "3": "Randstad",
    }
    assert report.encoding == "utf-8"
    json.dumps(df.attrs["textcode"])


def test_sav_guesses_text_columns_but_not_labels(tmp_path: Path) -> None:
    df = read_answers(write_sav(tmp_path / "enquete.sav"))
    report = ingest_report(df)
    assert report.id_column == "respnr"
    assert report.text_columns == ("kennis", "succes")
    assert report.attribute_columns == ("regio", "leeftijd")
    assert report.guessed == ("id_column", "text_columns")


# --- JSON ------------------------------------------------------------------------------------


def test_jsonl_long(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "a.jsonl", long_records())
    df = read_answers(path)
    assert df["text"].tolist() == [r[2] for r in LONG_ROWS]
    assert df["question"].tolist() == [r[1] for r in LONG_ROWS]
    assert df["response_id"].tolist() == ["r1", "r1", "r2", "r2"]
    report = ingest_report(df)
    assert (report.layout, report.id_column, report.question_column) == ("long", "id", "vraag")
    assert report.text_columns == ("antwoord",)


def test_jsonl_keeps_line_separator_characters(tmp_path: Path) -> None:
    text = "Regel een\u2028regel twee\x0c en verder"
    path = write_jsonl(tmp_path / "a.jsonl", [{"id": 1, "text": text}, {"id": 2, "text": "x"}])
    assert read_answers(path)["text"].tolist() == [text, "x"]


def test_jsonl_lists_become_json_text(gold_path: Path) -> None:
    df = read_answers(gold_path)
    assert df["response_id"].iloc[0] == "dev001"
    first = json.loads(gold_path.read_text(encoding="utf-8").split("\n", 1)[0])
    assert json.loads(df["codes"].iloc[0]) == first["codes"]
    assert ingest_report(df).n_answers == sum(1 for line in gold_path.open() if line.strip())


@pytest.mark.parametrize("wrap", [None, "answers", "data"])
def test_json_array_and_wrapped(tmp_path: Path, wrap: str | None) -> None:
    records: Any = long_records()
    document = records if wrap is None else {"survey": "IFV 2020", wrap: records}
    path = tmp_path / "a.json"
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")
    df = read_answers(path)
    assert df["text"].tolist() == [r[2] for r in LONG_ROWS]
    assert ingest_report(df).format == "json"


def test_json_pandas_split_orient(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    frame(LONG_HEADER, LONG_ROWS).to_json(path, orient="split", index=False, force_ascii=False)
    df = read_answers(path)
    assert df["text"].tolist() == [r[2] for r in LONG_ROWS]


def test_stdin_is_json_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    lines = "\n".join(json.dumps(r, ensure_ascii=False) for r in long_records()) + "\n"
    fake = io.TextIOWrapper(io.BytesIO(lines.encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", fake)
    df = read_answers("-")
    assert df["text"].tolist() == [r[2] for r in LONG_ROWS]
    assert ingest_report(df).source == "-"
    assert ingest_report(df).format == "jsonl"


def test_stdin_csv_with_format(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(csv_text(WIDE_HEADER, WIDE_ROWS)))
    assert_wide(read_answers("-", format="csv", text_columns=TEXT_COLUMNS))


# --- parquet and DataFrames -------------------------------------------------------------------


def test_parquet(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    source = frame(WIDE_HEADER, WIDE_ROWS).assign(respnr=[1, 2, 3], score=[7.5, 8.0, None])
    source.to_parquet(path, index=False)
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    assert_wide(df)
    assert df["score"].tolist()[:2] == [7.5, 7.5]
    assert ingest_report(df).format == "parquet"


def test_parquet_named_index_becomes_id(tmp_path: Path) -> None:
    path = tmp_path / "a.parquet"
    frame(WIDE_HEADER, WIDE_ROWS).set_index("respnr").to_parquet(path)
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    assert_wide(df)
    assert ingest_report(df).id_column == "respnr"


def test_dataframe_is_copied_not_changed() -> None:
    source = frame(WIDE_HEADER, WIDE_ROWS)
    before = source.copy()
    df = read_answers(source, text_columns=TEXT_COLUMNS)
    assert_wide(df)
    pd.testing.assert_frame_equal(source, before)
    assert ingest_report(df).source == "<DataFrame>"


def test_read_answers_output_reads_back_unchanged() -> None:
    df = read_answers(frame(WIDE_HEADER, WIDE_ROWS), text_columns=TEXT_COLUMNS)
    again = read_answers(df)
    pd.testing.assert_frame_equal(again, df)
    assert ingest_report(again).layout == "long"


# --- never written to -------------------------------------------------------------------------


def test_no_format_writes_its_input(tmp_path: Path, gold_path: Path) -> None:
    paths = [
        write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS, encoding="cp1252"),
        two_sheets(tmp_path),
        write_sav(tmp_path / "a.sav"),
        write_jsonl(tmp_path / "a.jsonl", long_records()),
    ]
    parquet = tmp_path / "a.parquet"
    frame(WIDE_HEADER, WIDE_ROWS).to_parquet(parquet)
    paths.append(parquet)
    for path in paths:
        before = snapshot(path)
        listing = sorted(p.name for p in tmp_path.iterdir())
        sheet = "Antwoorden" if path.suffix == ".xlsx" else None
        columns = ["kennis", "succes"] if path.suffix == ".sav" else TEXT_COLUMNS
        if path.suffix == ".jsonl":
            read_answers(path)
        else:
            read_answers(path, text_columns=columns, sheet=sheet)
        assert snapshot(path) == before, path.name
        assert sorted(p.name for p in tmp_path.iterdir()) == listing


def test_header_only_gives_an_empty_table_of_text_columns(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("respnr;kennisbehoefte;regio\n", encoding="utf-8")
    df = read_answers(path, text_columns="kennisbehoefte")
    assert list(df.columns) == ["response_id", "question", "text", "regio"]
    assert len(df) == 0
    assert all(pd.api.types.is_string_dtype(df[c]) for c in ("response_id", "question", "text"))
    assert ingest_report(df).n_answers == 0


# --- the shipped IFV 2020 sample: CSV and SPSS hold the same survey ---------------------------

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020"
SAMPLE_TEXT = ["kennisbehoefte", "succesfactor_overig", "belemmering_overig"]


@pytest.mark.skipif(not (SAMPLE / "responses.sav").is_file(), reason="sample not shipped")
def test_sample_csv_and_sav_give_the_same_answers() -> None:
    from_csv = read_answers(
        SAMPLE / "responses.csv", id_column="project_id", text_columns=SAMPLE_TEXT
    )
    from_sav = read_answers(
        SAMPLE / "responses.sav", id_column="project_id", text_columns=SAMPLE_TEXT
    )
    for column in ("response_id", "question", "text"):
        assert from_csv[column].tolist() == from_sav[column].tolist()
    assert ingest_report(from_csv).n_empty == ingest_report(from_sav).n_empty
    # SPSS codes came back as their labels, equal to the CSV's text.
    assert from_sav["organisatietype"].astype(str).tolist() == from_csv["organisatietype"].tolist()
    assert ingest_report(from_sav).variable_labels
