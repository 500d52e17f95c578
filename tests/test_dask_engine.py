"""The Dask engine on a two-worker LocalCluster: the local records, one coder per worker."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from parallel_samples import answers

from textcode.cli import main
from textcode.coding import Coder, code
from textcode.coding.suggestions import format_records

dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

from textcode.coding.dask_engine import DaskPool, code_dask  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    # Worker processes, as on a real cluster: the coder is pickled, sent and compiled there.
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return answers(300)


@pytest.fixture(scope="module")
def local(table: pd.DataFrame) -> pd.DataFrame:
    return Coder().suggest(table)


def test_code_dask_returns_the_local_records(
    client: object, table: pd.DataFrame, local: pd.DataFrame
) -> None:
    frame = dd.from_pandas(table, npartitions=6)
    suggestions = code(frame, engine="dask").compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(suggestions, local)
    # Each worker compiled the codebook once, however many partitions it coded.
    compiled = client.run(  # type: ignore[attr-defined]
        lambda: len(importlib.import_module("textcode.coding.dask_engine")._CODERS)
    )
    assert max(compiled.values()) == 1  # never twice, even with three partitions per worker


def test_other_column_names_and_an_explicit_codebook(
    client: object, table: pd.DataFrame, local: pd.DataFrame
) -> None:
    renamed = table.rename(columns={"response_id": "respnr", "question": "vraag", "text": "antw"})
    frame = dd.from_pandas(renamed, npartitions=3)
    with pytest.warns(FutureWarning, match="code_dask"):  # the old name, with its options
        lazy = code_dask(
            frame,
            Coder().codebook_,
            id_column="respnr",
            question_column="vraag",
            text_column="antw",
        )
    result = lazy.compute()
    pd.testing.assert_frame_equal(result.reset_index(drop=True), local)


def test_dask_pool_keeps_chunk_order(client: object, table: pd.DataFrame) -> None:
    expected = format_records(Coder().fit().iter_suggestions(table), "jsonl")
    with DaskPool(Coder(), scheduler=client) as pool:
        records = list(pool.iter_suggestions(table, chunk_size=17))
    assert format_records(records, "jsonl") == expected


def test_cli_dask_engine_on_a_running_scheduler(
    client: object, table: pd.DataFrame, tmp_path: Path
) -> None:
    source = tmp_path / "antwoorden.jsonl"
    table.to_json(source, orient="records", lines=True, force_ascii=False)
    outputs = []
    address = client.scheduler.address  # type: ignore[attr-defined]
    for options in (
        ["--engine", "local"],
        ["--engine", "dask", "--scheduler", address, "--batch-size", "23"],
    ):
        out = tmp_path / f"s{len(outputs)}.jsonl"
        argv = ["code", str(source), "--question-column", "question", "--id-column"]
        assert main([*argv, "response_id", "--out", str(out), "--quiet", *options]) == 0
        outputs.append(out.read_bytes())
    assert outputs[0] and outputs[0] == outputs[1]


def test_scheduler_without_dask_engine_is_an_input_error(tmp_path: Path) -> None:
    source = tmp_path / "a.jsonl"
    source.write_text('{"id": "1", "text": "Geen budget"}\n', encoding="utf-8")
    assert main(["code", str(source), "--scheduler", "tcp://127.0.0.1:1", "--quiet"]) == 2
