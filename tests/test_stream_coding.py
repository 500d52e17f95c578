"""Coding a file into a file as a stream: the records of the whole-table path, written safely."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from parallel_samples import answers

from textcode.coding import Coder
from textcode.coding.files import code_file
from textcode.coding.suggestions import format_records, json_line
from textcode.errors import InputError
from textcode.ingest import read_answers
from textcode.ingest.stream import AnswerStream
from textcode.records import SUGGESTION_FIELDS

OPTIONS = {"id_column": "response_id", "question_column": "question", "text_columns": "text"}


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return answers(300)


@pytest.fixture()
def source(table: pd.DataFrame, tmp_path: Path) -> Path:
    path = tmp_path / "antwoorden.csv"
    table.to_csv(path, index=False)
    return path


def expected(path: Path, fmt: str) -> str:
    whole = read_answers(path, **OPTIONS)  # type: ignore[arg-type]
    text = format_records(Coder().fit().iter_suggestions(whole), fmt)
    return (",".join(SUGGESTION_FIELDS) + "\n" + text) if fmt == "csv" else text


@pytest.mark.parametrize(("fmt", "batch_size"), [("jsonl", 1), ("jsonl", 64), ("csv", 1000)])
def test_streamed_file_gives_the_whole_table_records(
    source: Path, tmp_path: Path, fmt: str, batch_size: int
) -> None:
    out = tmp_path / f"suggesties.{fmt}"
    result = code_file(source, out, batch_size=batch_size, **OPTIONS)  # type: ignore[arg-type]
    assert result.streamed and result.n_answers == 300
    assert result.n_empty == sum(
        1 for t in read_answers(source, **OPTIONS)["text"] if not t.strip()
    )  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == expected(source, fmt)
    assert result.n_suggestions == len(out.read_text(encoding="utf-8").splitlines()) - (
        fmt == "csv"
    )


def test_json_lines_are_json_dumps_of_the_record(table: pd.DataFrame) -> None:
    records = list(Coder().fit().iter_suggestions(table))
    assert records
    for record in records:
        assert json_line(record) == json.dumps(record.to_dict(), ensure_ascii=False) + "\n"
    rows = list(csv.reader(io.StringIO(format_records(records, "csv"), newline="")))
    assert rows == [[str(v) for v in r.to_dict().values()] for r in records]


def test_the_file_is_read_in_chunks_not_whole(source: Path, tmp_path: Path) -> None:
    # A broken last line stops the run only when its chunk is reached: the earlier chunks
    # were already coded, so the file was never read whole.
    broken = tmp_path / "kapot.csv"
    broken.write_text(source.read_text(encoding="utf-8") + "R9999,belemmering\n", encoding="utf-8")
    stream = AnswerStream(broken, chunk_size=50, **OPTIONS)  # type: ignore[arg-type]
    seen = 0
    with pytest.raises(InputError, match="expected 3 fields"):
        for chunk in stream:
            seen += len(chunk)
    assert seen == 300


def test_an_error_leaves_no_output_behind(source: Path, tmp_path: Path) -> None:
    broken = tmp_path / "kapot.csv"
    broken.write_text(source.read_text(encoding="utf-8") + "R9999,belemmering\n", encoding="utf-8")
    out = tmp_path / "suggesties.jsonl"
    out.write_text("vorige versie\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line \d+: expected 3 fields"):
        code_file(broken, out, batch_size=20, **OPTIONS)  # type: ignore[arg-type]
    assert out.read_text(encoding="utf-8") == "vorige versie\n"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_unstreamable_input_is_coded_too(table: pd.DataFrame, tmp_path: Path) -> None:
    source = tmp_path / "antwoorden.parquet"
    table.to_parquet(source)
    out = tmp_path / "s.jsonl"
    result = code_file(source, out, **OPTIONS)  # type: ignore[arg-type]
    assert not result.streamed
    assert out.read_text(encoding="utf-8") == format_records(
        Coder().fit().iter_suggestions(table), "jsonl"
    )


def test_progress_shows_answers_per_second_on_a_terminal(
    source: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import textcode.coding.files as files

    monkeypatch.setattr(files, "progress_enabled", lambda quiet: not quiet)
    code_file(source, tmp_path / "a.jsonl", quiet=False, batch_size=100, **OPTIONS)  # type: ignore[arg-type]
    shown = capsys.readouterr().err
    assert "coding" in shown and "answers/s" in shown and "300" in shown
    code_file(source, tmp_path / "b.jsonl", quiet=True, **OPTIONS)  # type: ignore[arg-type]
    assert capsys.readouterr().err == ""
