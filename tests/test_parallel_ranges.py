"""Worker processes that read byte ranges of the input file: the serial path's bytes and errors."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest
from parallel_samples import answers

from textcode.coding import files
from textcode.coding.files import code_file
from textcode.errors import InputError
from textcode.ingest.ranges import ByteRange, read_range, record_ranges
from textcode.ingest.stream import AnswerStream

ROLES = {"id_column": "response_id", "question_column": "question", "text_columns": "text"}
ROWS = 37  # records per range here (10,000 in use), so that a small file makes many ranges


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    frame = answers(300)
    # Quoted line ends, a doubled quote and a delimiter inside answers, as surveys have them.
    frame.loc[5, "text"] = (
        'Twee regels:\nsamenwerking met de gemeente\r\nen "echte" steun, ook geld'
    )
    frame.loc[80, "text"] = 'Subsidie; "kennis"\n\nen tijd'
    return frame


@pytest.fixture(autouse=True)
def small_ranges(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(files, "READ_ROWS", ROWS)


def _write(table: pd.DataFrame, path: Path, encoding: str = "utf-8") -> Path:
    if path.suffix == ".jsonl":
        table.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        table.to_csv(
            path, index=False, sep="\t" if path.suffix == ".tsv" else ",", encoding=encoding
        )
    return path


def _ranges(path: Path) -> tuple[ByteRange, ...]:
    reading = AnswerStream(path, chunk_size=ROWS, **ROLES).byte_ranges()  # type: ignore[arg-type]
    assert reading is not None
    return reading.parts


@pytest.mark.parametrize("suffix", [".csv", ".tsv", ".jsonl"])
def test_byte_ranges_give_the_serial_bytes(
    table: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    read = AnswerStream.byte_ranges
    used: list[bool] = []

    def spy(stream: AnswerStream) -> object:
        reading = read(stream)
        used.append(reading is not None)
        return reading

    monkeypatch.setattr(AnswerStream, "byte_ranges", spy)
    source = _write(table, tmp_path / f"antwoorden{suffix}")
    parts = _ranges(source)
    assert len(parts) == -(-len(table) // ROWS)  # a range per 37 records, quoted lines or not
    assert parts[0].line == 2 - (suffix == ".jsonl")  # after the CSV header
    assert all(a.end == b.start for a, b in itertools.pairwise(parts))
    local = code_file(source, tmp_path / "local.jsonl", engine="local", **ROLES)  # type: ignore[arg-type]
    ranged = code_file(
        source,
        tmp_path / "ranged.jsonl",
        engine="processes",
        processes=2,
        batch_size=5,
        **ROLES,  # type: ignore[arg-type]
    )
    assert used == [True, True]  # the test's look, then code_file's: the workers read
    expected = (tmp_path / "local.jsonl").read_bytes()
    assert b"samenwerking" in expected
    assert (tmp_path / "ranged.jsonl").read_bytes() == expected
    assert (ranged.n_answers, ranged.n_empty, ranged.n_suggestions) == (
        local.n_answers,
        local.n_empty,
        local.n_suggestions,
    )


def test_a_cp1252_file_is_cut_and_decoded_alike(table: pd.DataFrame, tmp_path: Path) -> None:
    fits = table[[_cp1252(text) for text in table["text"]]].reset_index(drop=True)
    source = _write(fits, tmp_path / "antwoorden.csv", encoding="cp1252")
    reading = AnswerStream(source, chunk_size=ROWS, **ROLES).byte_ranges()  # type: ignore[arg-type]
    assert reading is not None and reading.plan.encoding == "cp1252"
    assert "é".encode("cp1252") in source.read_bytes()  # café's, één: not UTF-8
    code_file(source, tmp_path / "local.jsonl", **ROLES)  # type: ignore[arg-type]
    code_file(source, tmp_path / "p.jsonl", engine="processes", processes=2, **ROLES)  # type: ignore[arg-type]
    assert (tmp_path / "p.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()


def _cp1252(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def test_a_range_starts_on_its_line_after_quoted_line_ends(
    table: pd.DataFrame, tmp_path: Path
) -> None:
    source = _write(table, tmp_path / "antwoorden.csv")
    parts = _ranges(source)
    # Rows 5 and 80 hold two quoted line ends each: the ranges after them start lines later.
    assert [p.line for p in parts[:4]] == [2, 2 + ROWS + 2, 2 + 2 * ROWS + 2, 2 + 3 * ROWS + 4]
    rows = read_range(str(source), "csv", "utf-8", parts[2], delimiter=",", columns=list(table))
    assert rows.lines[0] == parts[2].line
    assert rows.records[80 - 2 * ROWS][2] == table.loc[80, "text"]


def _error(source: Path, tmp_path: Path, engine: str) -> str:
    processes = 2 if engine == "processes" else None
    with pytest.raises(InputError) as caught:
        code_file(source, tmp_path / f"{engine}.jsonl", engine=engine, processes=processes, **ROLES)  # type: ignore[arg-type]
    assert not (tmp_path / f"{engine}.jsonl").exists()
    return str(caught.value)


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_an_error_in_a_later_range_names_its_line(
    table: pd.DataFrame, tmp_path: Path, suffix: str
) -> None:
    broken = table.copy()
    broken.loc[ROWS + 3, "question"] = "  "  # the second range's fourth row
    source = _write(broken, tmp_path / f"antwoorden{suffix}")
    message = _error(source, tmp_path, "processes")
    line = ROWS + 3 + (1 if suffix == ".jsonl" else 4)  # 1-based, after the header and row 5
    assert message == f"{source}, line {line}, field 'question': the question is empty"
    assert message == _error(source, tmp_path, "local")


def test_the_first_error_in_input_order_wins(table: pd.DataFrame, tmp_path: Path) -> None:
    broken = table.copy()
    broken.loc[3 * ROWS + 1, "question"] = ""  # a later range
    broken.loc[2 * ROWS + 9, "response_id"] = broken.loc[4, "response_id"]  # across ranges
    broken.loc[2 * ROWS + 9, "question"] = broken.loc[4, "question"]
    source = _write(broken, tmp_path / "antwoorden.csv")
    message = _error(source, tmp_path, "processes")
    assert "answers question" in message and "twice (first at line 6)" in message
    assert message == _error(source, tmp_path, "local")


def test_a_broken_quote_in_a_later_range_is_the_serial_error(
    table: pd.DataFrame, tmp_path: Path
) -> None:
    source = _write(table, tmp_path / "antwoorden.csv")
    lines = source.read_text(encoding="utf-8").split("\n")
    at = 2 * ROWS + 20
    lines[at] = lines[at].replace(",", ',"Geen idee" waarom,', 1)  # text after a closing quote
    source.write_text("\n".join(lines), encoding="utf-8")
    assert len(_ranges(source)) > 3
    message = _error(source, tmp_path, "processes")
    assert "broken row" in message
    assert message == _error(source, tmp_path, "local")


def test_files_the_quote_count_would_cut_wrongly_are_read_from_the_start(
    table: pd.DataFrame, tmp_path: Path
) -> None:
    # A quote inside an unquoted field is a character to the csv reader, not a quote.
    source = _write(table, tmp_path / "antwoorden.csv")
    lines = source.read_text(encoding="utf-8").split("\n")
    lines.insert(40, 'R9999,subsidie,Vooral 12" schermen en tijd')
    text = "\n".join(lines)
    source.write_text(text, encoding="utf-8")
    assert AnswerStream(source, chunk_size=ROWS, **ROLES).byte_ranges() is None  # type: ignore[arg-type]
    assert record_ranges(str(source), "csv", ",", 0, 1, ROWS) is None
    local = code_file(source, tmp_path / "local.jsonl", **ROLES)  # type: ignore[arg-type]
    code_file(source, tmp_path / "p.jsonl", engine="processes", processes=2, **ROLES)  # type: ignore[arg-type]
    assert (tmp_path / "p.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert local.n_answers == len(table) + 1
    # A carriage return alone ends a line for the csv reader: also read from the start.
    source.write_text(text.replace('Vooral 12"', "Vooral\r12"), encoding="utf-8")
    assert record_ranges(str(source), "csv", ",", 0, 1, ROWS) is None
