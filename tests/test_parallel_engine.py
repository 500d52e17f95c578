"""Coding on worker processes gives the local records, byte for byte, whatever the split."""

from __future__ import annotations

import time
from pathlib import Path

import pandas as pd
import pytest
from parallel_samples import answers

from textcode.cli import main
from textcode.coding import Coder, code, parallel
from textcode.coding.parallel import ProcessPool, code_parallel
from textcode.coding.suggestions import format_records
from textcode.errors import InputError

_WORKER_CHUNK = parallel._code_chunk


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return answers(400)


@pytest.fixture(scope="module")
def local_text(table: pd.DataFrame) -> str:
    return format_records(Coder().fit().iter_suggestions(table), "jsonl")


def test_the_sample_exercises_the_codebook(table: pd.DataFrame, local_text: str) -> None:
    lines = local_text.splitlines()
    assert len(lines) > 300
    assert len({line.split('"code": ')[1].split(",")[0] for line in lines}) >= 20
    assert '"negated": true' in local_text  # negation cues reached the records


@pytest.mark.parametrize(("processes", "chunk_size"), [(2, 1), (2, 37), (3, 500)])
def test_records_do_not_depend_on_processes_or_chunks(
    table: pd.DataFrame, local_text: str, processes: int, chunk_size: int
) -> None:
    with ProcessPool(Coder(batch_size=chunk_size), processes) as pool:
        records = list(pool.iter_suggestions(table, chunk_size=chunk_size))
    assert format_records(records, "jsonl") == local_text


def test_workers_send_formatted_text_in_input_order(table: pd.DataFrame, local_text: str) -> None:
    chunks = [table.iloc[i : i + 50] for i in range(0, len(table), 50)]
    with ProcessPool(Coder(), 2) as pool:
        results = list(pool.map_chunks(chunks, "jsonl"))
    assert [size for size, _ in results] == [len(c) for c in chunks]
    assert "".join(text for _, (_, text) in results) == local_text  # type: ignore[misc]
    assert sum(count for _, (count, _) in results) == local_text.count("\n")  # type: ignore[misc]


def _slow_chunk(*args: object) -> object:
    """A worker's chunk, late: the worker is always busy when the main process looks (pickled
    by name, so it lives at module level)."""
    time.sleep(0.05)
    return _WORKER_CHUNK(*args)  # type: ignore[arg-type]


def test_the_main_process_codes_chunks_while_the_workers_are_busy(
    table: pd.DataFrame, local_text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    coded_here: list[int] = []
    code_columns = parallel.code_columns

    def counted(coder: Coder, columns: object, fmt: object) -> object:
        coded_here.append(1)  # only the main process's calls land in this list
        return code_columns(coder, columns, fmt)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_code_chunk", _slow_chunk)  # before the workers fork
    monkeypatch.setattr(parallel, "code_columns", counted)
    with ProcessPool(Coder(), 1) as pool:
        pieces = pool.map_chunks(parallel.chunked(table, 20), "jsonl")
        text = "".join(piece for _, (_, piece) in pieces)  # type: ignore[misc]
    assert coded_here and len(coded_here) < 20  # some chunks here, some on the worker
    assert text == local_text


def test_spawned_workers_compile_their_own_coder(table: pd.DataFrame, local_text: str) -> None:
    with ProcessPool(Coder(), 2, start_method="spawn") as pool:
        records = list(pool.iter_suggestions(table.iloc[:120], chunk_size=30))
    expected = format_records(Coder().fit().iter_suggestions(table.iloc[:120]), "jsonl")
    assert format_records(records, "jsonl") == expected


def test_code_on_processes_matches_code(table: pd.DataFrame) -> None:
    local = code(table)
    parallel = code(table, engine="processes", processes=2, batch_size=64)
    pd.testing.assert_frame_equal(parallel.suggestions, local.suggestions)
    pd.testing.assert_frame_equal(parallel.matrix, local.matrix)
    with pytest.warns(FutureWarning, match='engine="processes"'):  # the old name still works
        old = code_parallel(table.iloc[:40], processes=2, chunk_size=16)
    pd.testing.assert_frame_equal(old.suggestions, code(table.iloc[:40]).suggestions)
    with pytest.raises(InputError, match="engine"):
        code(table, engine="threads")


def test_bad_input_and_unsendable_pipelines_are_refused(table: pd.DataFrame) -> None:
    with ProcessPool(Coder(), 2) as pool, pytest.raises(InputError, match="text"):
        list(pool.iter_suggestions(table.drop(columns=["text"])))
    with pytest.raises(ValueError, match="nlp="):
        ProcessPool(Coder(nlp=Coder().nlp_), 2)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_cli_engines_write_the_same_bytes(table: pd.DataFrame, tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "antwoorden.csv"
    table.to_csv(source, index=False)
    outputs = []
    for options in (
        ["--engine", "local"],
        ["--engine", "local", "--batch-size", "3"],
        ["--engine", "processes", "--processes", "2", "--batch-size", "11"],
    ):
        out = tmp_path / f"s{len(outputs)}.{fmt}"
        status = main(
            [
                "code",
                str(source),
                "--id-column",
                "response_id",
                "--question-column",
                "question",
                "--text-column",
                "text",
                "--out",
                str(out),
                "--quiet",
                *options,
            ]
        )
        assert status == 0
        outputs.append(out.read_bytes())
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
