"""A CSV file of UTF-8 lines with some cp1252 lines: each line read as what it is, one warning."""

from __future__ import annotations

import codecs
import json
import warnings
from pathlib import Path

import pandas as pd
import pytest
from cli_run import run_cli

from textcode.errors import InputError
from textcode.ingest import ingest_report, read_answers
from textcode.ingest.encoding import MIXED, LineScan, MixedEncodingWarning, decode
from textcode.ingest.stream import AnswerStream

ROOT = Path(__file__).resolve().parents[1]

UTF8_ANSWERS = [
    "Geen financiële middelen",
    "Vermogen om ideeën om te zetten in een pilot",
    "Zelf geïnitieerd, maar te weinig tijd",
]
CP1252_ANSWERS = ["Te weinig géld", "Kennis van drones ontbrak € 5000", "Coördinatie met de regio"]


def _row(n: int, text: str, encoding: str) -> bytes:
    return f'{n},"{text}"\r\n'.encode(encoding)


def _mixed_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    """Rows of (text, encoding) after a header, as a file with CRLF line ends."""
    data = b"id,belemmering\r\n" + b"".join(
        _row(n, text, encoding) for n, (text, encoding) in enumerate(rows, start=1)
    )
    path.write_bytes(data)
    return path


def _read(path: Path, **options: object) -> tuple[pd.DataFrame, list[warnings.WarningMessage]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        table = read_answers(path, text_columns="belemmering", **options)  # type: ignore[arg-type]
    return table, [w for w in caught if issubclass(w.category, MixedEncodingWarning)]


def _streamed(path: Path, chunk_size: int) -> tuple[list[str], AnswerStream, list[object]]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        stream = AnswerStream(path, text_columns="belemmering", chunk_size=chunk_size)
        texts = [t for chunk in stream for t in chunk["text"]]
    return texts, stream, [w for w in caught if issubclass(w.category, MixedEncodingWarning)]


def test_the_reviewers_file_reads_each_line_in_its_own_encoding(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b"id,belemmering\n1,Geen financi\xc3\xable middelen\n2,Te weinig g\xe9ld\n")
    table, caught = _read(path)
    assert table["text"].tolist() == ["Geen financiële middelen", "Te weinig géld"]
    assert ingest_report(table).encoding == MIXED
    notice = f"{path}: line 3 is not UTF-8; read as Windows-1252 (1 line)"
    assert [str(w.message) for w in caught] == [notice]
    texts, stream, streamed_caught = _streamed(path, chunk_size=1)
    assert texts == table["text"].tolist() and stream.encoding == MIXED
    assert [str(w.message) for w in streamed_caught] == [notice]  # type: ignore[attr-defined]


def test_the_warning_names_the_first_lines_and_counts_them_all(tmp_path: Path) -> None:
    rows = [(UTF8_ANSWERS[0], "utf-8")]
    rows += [(text, "cp1252") for text in CP1252_ANSWERS]
    rows += [(UTF8_ANSWERS[1], "utf-8"), (CP1252_ANSWERS[0], "cp1252")]
    path = _mixed_csv(tmp_path / "antwoorden.csv", rows)
    table, caught = _read(path)
    assert table["text"].tolist() == [text for text, _ in rows]
    assert len(caught) == 1
    assert str(caught[0].message) == (
        f"{path}: lines 3, 4, 5, ... are not UTF-8; read as Windows-1252 (4 lines)"
    )


def test_a_file_wholly_in_cp1252_reads_as_before_without_a_warning(tmp_path: Path) -> None:
    path = _mixed_csv(tmp_path / "a.csv", [(t, "cp1252") for t in CP1252_ANSWERS])
    table, caught = _read(path)
    assert table["text"].tolist() == CP1252_ANSWERS
    assert ingest_report(table).encoding == "cp1252"
    assert caught == []
    texts, stream, streamed_caught = _streamed(path, chunk_size=1)
    assert texts == CP1252_ANSWERS and stream.encoding == "cp1252" and streamed_caught == []


def test_a_utf8_file_is_untouched(tmp_path: Path) -> None:
    path = _mixed_csv(tmp_path / "a.csv", [(t, "utf-8") for t in UTF8_ANSWERS])
    table, caught = _read(path)
    assert table["text"].tolist() == UTF8_ANSWERS
    assert ingest_report(table).encoding == "utf-8"
    assert caught == []


def test_a_byte_order_mark_says_utf8_even_when_every_other_line_is_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(codecs.BOM_UTF8 + b"id;belemmering\n1;Te weinig g\xe9ld\n2;Geen tijd\n")
    table, caught = _read(path)
    assert table.columns[0] == "response_id"  # the BOM is not part of the first column name
    assert table["text"].tolist() == ["Te weinig géld", "Geen tijd"]
    assert ingest_report(table).encoding == MIXED
    assert len(caught) == 1 and "line 2 is not UTF-8" in str(caught[0].message)


def test_streaming_gives_the_texts_of_a_whole_file_read(tmp_path: Path) -> None:
    # Over a megabyte, so that blocks and the stream's buffers end inside the file; a quoted
    # answer spans a UTF-8 and a cp1252 line.
    rows: list[bytes] = [b"id,belemmering\r\n"]
    expected = []
    for n in range(1, 25_001):
        text = UTF8_ANSWERS[n % 3] if n % 997 else CP1252_ANSWERS[n % 3]
        encoding = "utf-8" if n % 997 else "cp1252"
        if n == 5000:
            rows.append(b'5000,"Onvoldoende draagvlak,\r\nte weinig g\xe9ld"\r\n')
            expected.append("Onvoldoende draagvlak,\r\nte weinig géld")
            continue
        rows.append(_row(n, text, encoding))
        expected.append(text)
    path = tmp_path / "groot.csv"
    path.write_bytes(b"".join(rows))
    assert path.stat().st_size > 1 << 20
    whole, caught = _read(path)
    assert whole["text"].tolist() == expected
    assert str(caught[0].message) == (
        f"{path}: lines 998, 1995, 2992, ... are not UTF-8; read as Windows-1252 (26 lines)"
    )
    for chunk_size in (777, 30_000):
        texts, stream, streamed_caught = _streamed(path, chunk_size)
        assert stream.streamed and stream.encoding == MIXED
        assert texts == expected
        assert [str(w.message) for w in streamed_caught] == [str(caught[0].message)]  # type: ignore[attr-defined]


def test_pieces_of_any_size_decode_as_the_whole(tmp_path: Path) -> None:
    data = codecs.BOM_UTF8 + b"".join(
        _row(n, text, encoding)
        for n, (text, encoding) in enumerate(
            [(UTF8_ANSWERS[0], "utf-8"), (CP1252_ANSWERS[1], "cp1252"), (UTF8_ANSWERS[2], "utf-8")]
        )
    )
    with pytest.warns(MixedEncodingWarning, match="x.csv: line 2 is not UTF-8"):
        whole, used = decode(data, encoding=None, path="x.csv")
    assert used == MIXED and "€ 5000" in whole and "financiële" in whole
    for size in (1, 2, 5, 64):
        scan = LineScan()
        pieces = [scan.feed(data[at : at + size]) for at in range(0, len(data), size)]
        assert "".join([*pieces, scan.feed(b"", final=True)]) == whole
        assert (scan.first_lines, scan.n_cp1252, scan.encoding) == ([2], 1, MIXED)
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with open(path, encoding=MIXED, newline="") as handle:
        assert handle.read() == whole


def test_a_byte_neither_encoding_knows_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_bytes(b"id,belemmering\n1,Geen financi\xc3\xable middelen\n2,Tijd \x81 en g\xe9ld\n")
    with pytest.raises(InputError) as caught:
        read_answers(path, text_columns="belemmering")
    assert caught.value.line == 3
    assert "byte 0x81 is neither UTF-8 nor cp1252" in str(caught.value)


def test_an_explicit_encoding_is_still_strict(tmp_path: Path) -> None:
    path = _mixed_csv(
        tmp_path / "a.csv", [(UTF8_ANSWERS[0], "utf-8"), ("Te weinig géld", "cp1252")]
    )
    with pytest.raises(InputError) as caught:
        read_answers(path, text_columns="belemmering", encoding="utf-8")
    assert caught.value.line == 3


def test_code_on_a_mixed_file_warns_once_and_keeps_offsets(tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_bytes(b"id,belemmering\n1,Geen financi\xc3\xable middelen\n2,Te weinig g\xe9ld\n")
    out = tmp_path / "s.jsonl"
    command = ["code", str(path), "--text-column", "belemmering", "--out", str(out), "--quiet"]
    done = run_cli(*command)
    assert done.returncode == 0, done.stderr
    notice = f"{path}: line 3 is not UTF-8; read as Windows-1252 (1 line)"
    assert done.stderr.count("warning:") == 1 and notice in done.stderr
    texts = {"1": "Geen financiële middelen", "2": "Te weinig géld"}
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {r["evidence"] for r in records} >= {"géld"}
    assert any("financiële" in r["evidence"] for r in records)
    for record in records:
        assert texts[record["response_id"]][record["start"] : record["end"]] == record["evidence"]
