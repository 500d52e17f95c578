"""Streaming reads give read_answers' answers and errors, whatever the chunk size."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from ingest_samples import (
    LONG_HEADER,
    LONG_ROWS,
    WIDE_HEADER,
    WIDE_ROWS,
    long_records,
    write_csv,
    write_jsonl,
    write_xlsx,
)

from textcode.errors import InputError
from textcode.ingest import read_answers
from textcode.ingest.stream import AnswerStream, table_columns

ANSWERS = [
    "Vermogen om ideeën om te zetten in Agile action-learning proces.",
    "Juridische expertise m.b.t. inkoop en aangaan van open innovatietrajecten",
    "Onvoldoende budget voor opschaling, en te weinig tijd; vooral bij de ketenpartners",
    "",
    "Zelf geïnitieerd",
    "Samenwerken met de markt en kennisinstellingen",
    'Een "trekker" met\nbestuurlijke steun',
]
COLUMNS = ["response_id", "question", "text"]


def streamed(path: Path | str, chunk_size: int, **options: object) -> pd.DataFrame:
    """The streamed tables, checked against the three columns coding reads (``iter_columns``,
    without pandas where it can): the same answers and counts, or the same error."""
    columns = AnswerStream(path, chunk_size=chunk_size, **options)  # type: ignore[arg-type]
    stream = AnswerStream(path, chunk_size=chunk_size, **options)  # type: ignore[arg-type]
    try:
        chunks = list(columns.iter_columns())
    except InputError as error:
        with pytest.raises(InputError) as caught:
            list(stream)
        assert str(caught.value) == str(error)
        raise
    table = pd.concat(list(stream), ignore_index=True)
    assert stream.n_answers == len(table)
    ids, questions, texts = table_columns(table)
    assert [i for chunk in chunks for i in chunk[0]] == ids
    assert [q for chunk in chunks for q in chunk[1]] == questions
    assert [t for chunk in chunks for t in chunk[2]] == texts
    assert (columns.n_answers, columns.n_empty) == (stream.n_answers, stream.n_empty)
    return table[COLUMNS]


def assert_same(path: Path | str, **options: object) -> None:
    whole = read_answers(path, **options)[COLUMNS]  # type: ignore[arg-type]
    for size in (1, 2, 3, 1000):
        pd.testing.assert_frame_equal(streamed(path, size, **options), whole)


def survey_rows(n: int) -> list[list[str]]:
    return [[f"R{i:03d}", "Noord" if i % 2 else "Zuid", ANSWERS[i % 7]] for i in range(n)]


def test_wide_csv_streams_the_same_answers(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "wide.csv", WIDE_HEADER, WIDE_ROWS)
    assert AnswerStream(path).streamed
    assert_same(path, text_columns=["kennisbehoefte", "succesfactor"])
    assert_same(path)  # roles guessed from the names and the content


def test_long_csv_semicolons_cp1252_and_guessed_ids(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "long.csv", LONG_HEADER, LONG_ROWS, delimiter=";", encoding="cp1252"
    )
    assert_same(path, question_column="vraag", text_columns="antwoord")
    # No id column: the ids are row numbers over the whole file, not per chunk.
    rows = [[ANSWERS[i % 7]] for i in range(9)]
    numbered = write_csv(tmp_path / "numbered.csv", ["antwoord"], rows)
    assert_same(numbered, text_columns="antwoord")
    assert streamed(numbered, 2, text_columns="antwoord")["response_id"].tolist() == [
        str(i) for i in range(1, 10)
    ]


def test_excel_sep_line_bom_blank_rows_and_multiline_cells(tmp_path: Path) -> None:
    body = "sep=;\r\nid;regio;antwoord\r\n" + "".join(
        f'{i};Zuid;"{ANSWERS[i % 7].replace(chr(34), chr(34) * 2)}"\r\n;;\r\n' for i in range(8)
    )
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + body.encode("utf-8"))
    assert_same(path, text_columns="antwoord")


def test_jsonl_streams_and_keeps_line_separators_inside_strings(tmp_path: Path) -> None:
    extra = {"id": "r9", "vraag": "belemmering", "antwoord": "Geen tijd\u2028en geen geld"}
    records = [*long_records(), extra]
    path = write_jsonl(tmp_path / "long.jsonl", records)
    assert_same(path, question_column="vraag", text_columns="antwoord")


def test_non_streamable_sources_are_read_whole(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "s.xlsx", {"Blad1": [WIDE_HEADER, *WIDE_ROWS]})
    stream = AnswerStream(path, text_columns=["kennisbehoefte"])
    assert not stream.streamed
    assert_same(path, text_columns=["kennisbehoefte"])
    frame = pd.DataFrame({"id": ["a", "b"], "antwoord": ANSWERS[:2]})
    assert not AnswerStream(frame).streamed
    assert_same(frame, text_columns="antwoord")  # type: ignore[arg-type]


def error_of(call: object) -> str:
    with pytest.raises(InputError) as caught:
        call()  # type: ignore[operator]
    return str(caught.value)


@pytest.mark.parametrize("size", [1, 2, 50])
def test_errors_are_read_answers_errors(tmp_path: Path, size: int) -> None:
    rows = survey_rows(6)
    rows[4] = ["R004", "Noord"]  # a field short
    bad = write_csv(tmp_path / "bad.csv", ["id", "regio", "antwoord"], rows)
    expected = error_of(lambda: read_answers(bad, text_columns="antwoord"))
    assert "line 6" in expected
    assert error_of(lambda: streamed(bad, size, text_columns="antwoord")) == expected

    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        "\n".join(json.dumps(r) for r in long_records()) + '\n{"id": "r3", "vraag": \n',
        encoding="utf-8",
    )
    options = {"question_column": "vraag", "text_columns": "antwoord"}
    expected = error_of(lambda: read_answers(broken, **options))  # type: ignore[arg-type]
    assert error_of(lambda: streamed(broken, size, **options)) == expected

    for name, data in (("empty.csv", b"  \n"), ("bytes.csv", b"id,antwoord\n1,caf\x81\x8d\n")):
        path = tmp_path / name
        path.write_bytes(data)
        expected = error_of(lambda p=path: read_answers(p, text_columns="antwoord"))
        assert error_of(lambda p=path: streamed(p, size, text_columns="antwoord")) == expected
    missing = tmp_path / "nergens.csv"
    assert error_of(lambda: streamed(missing, size)) == error_of(lambda: read_answers(missing))


@pytest.mark.parametrize("size", [1, 3, 4, 100])
def test_duplicate_ids_across_chunks_name_both_lines(tmp_path: Path, size: int) -> None:
    rows = survey_rows(10)
    rows[8][0] = "R002"  # line 10 repeats the id on line 4
    wide = write_csv(tmp_path / "wide.csv", ["id", "regio", "antwoord"], rows)
    expected = error_of(lambda: read_answers(wide, id_column="id", text_columns="antwoord"))
    assert "duplicate id 'R002' (first at line 4)" in expected
    got = error_of(lambda: streamed(wide, size, id_column="id", text_columns="antwoord"))
    assert got == expected

    long_rows = [
        [f"r{i // 2}", ["kennisbehoefte", "belemmering"][i % 2], ANSWERS[i % 7]] for i in range(10)
    ]
    long_rows[9] = ["r1", "belemmering", "Te weinig geld"]  # r1 answered it on line 5
    long = write_csv(tmp_path / "long.csv", ["id", "vraag", "antwoord"], long_rows)
    options = {"id_column": "id", "question_column": "vraag", "text_columns": "antwoord"}
    expected = error_of(lambda: read_answers(long, **options))  # type: ignore[arg-type]
    assert "answers question 'belemmering' twice (first at line 5)" in expected
    assert error_of(lambda: streamed(long, size, **options)) == expected


def test_many_rows_in_small_chunks_keep_every_answer(tmp_path: Path) -> None:
    rows = survey_rows(2500)
    path = write_csv(tmp_path / "groot.csv", ["id", "regio", "antwoord"], rows)
    whole = read_answers(path, id_column="id", text_columns="antwoord")[COLUMNS]
    stream = AnswerStream(path, id_column="id", text_columns="antwoord", chunk_size=700)
    chunks = list(stream)
    assert [len(chunk) for chunk in chunks] == [700, 700, 700, 400]
    pd.testing.assert_frame_equal(pd.concat(chunks, ignore_index=True)[COLUMNS], whole)
    assert stream.n_empty == sum(1 for i in range(2500) if ANSWERS[i % 7] == "")


@pytest.mark.parametrize("size", [1, 2, 3, 1000])
def test_json_values_of_every_type_give_the_same_answers_as_tables(
    tmp_path: Path, size: int
) -> None:
    # Chunks whose role columns hold texts (or whole numbers) are read without a table; pandas
    # types others (a number among nulls becomes a float): those go through their table.
    rows: list[dict[str, object]] = [
        {"id": 7, "vraag": "belemmering", "antwoord": ANSWERS[0], "regio": {"naam": "Zuid"}},
        {"id": 8, "vraag": "belemmering", "antwoord": None, "regio": ["Noord"]},
        {"id": 2**62, "vraag": "kennisbehoefte", "antwoord": 12.0},
        {"id": "r4", "vraag": "succesfactor", "antwoord": ANSWERS[2]},
        {"id": 10, "vraag": "belemmering", "antwoord": True},
        {"id": 11.0, "vraag": "belemmering", "antwoord": ANSWERS[4]},
        {"id": "r12", "vraag": "belemmering"},
        {"id": 13, "vraag": 2021, "antwoord": ANSWERS[5]},
        {"id": "r14", "vraag": " belemmering ", "antwoord": " " + ANSWERS[6] + " "},
        {"id": 2**64, "vraag": "belemmering", "antwoord": ANSWERS[1]},
    ]
    path = write_jsonl(tmp_path / "typen.jsonl", rows)
    options = {"id_column": "id", "question_column": "vraag", "text_columns": "antwoord"}
    table = streamed(path, size, **options)
    assert table["response_id"].tolist()[:3] == ["7", "8", str(2**62)]
    assert table["text"].tolist()[1:3] == ["", "12"]
    # Wide, with the ids guessed by name and a null id: the same error either way.
    wide = write_jsonl(
        tmp_path / "breed.jsonl",
        [{"respnr": 1, "belemmering": ANSWERS[0]}, {"respnr": None, "belemmering": "x"}],
    )
    assert "the id is empty" in error_of(lambda: streamed(wide, size, text_columns="belemmering"))
    listed = write_jsonl(tmp_path / "lijst.jsonl", [{"id": "a", "antwoord": ["een", "twee"]}])
    assert "expected one text, found a list" in error_of(
        lambda: streamed(listed, size, text_columns="antwoord")
    )
