"""Worker processes hand their text to the output file through spool files: same bytes."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from parallel_samples import answers

from textcode.coding import spool
from textcode.coding.files import code_file


@pytest.fixture(scope="module")
def table() -> pd.DataFrame:
    return answers(300)


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_spooled_output_is_the_local_output_and_leaves_no_spool(
    table: pd.DataFrame, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # Small spool files, so that workers move on to new ones and the parent deletes the old.
    monkeypatch.setattr(spool, "SPOOL_FILE_BYTES", 4000)
    local = code_file(table, tmp_path / f"local.{fmt}")
    spooled = code_file(
        table, tmp_path / f"spooled.{fmt}", engine="processes", processes=2, batch_size=7
    )
    expected = (tmp_path / f"local.{fmt}").read_bytes()
    assert b"samenwerking" in expected
    assert (tmp_path / f"spooled.{fmt}").read_bytes() == expected
    assert spooled.n_suggestions == local.n_suggestions > 100
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"local.{fmt}", f"spooled.{fmt}"]


def test_a_failed_run_leaves_neither_spool_nor_output(table: pd.DataFrame, tmp_path: Path) -> None:
    out = tmp_path / "suggesties.jsonl"
    with pytest.raises(Exception, match="text"):
        code_file(table.drop(columns=["text"]), out, engine="processes", processes=2)
    assert list(tmp_path.iterdir()) == []


def test_ranges_are_copied_by_hand_where_the_kernel_cannot(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = (
        "Samenwerking met de gemeente liep stroef; geen idee waarom (ook café's).\n".encode() * 50
    )
    source = tmp_path / "bron.part"
    source.write_bytes(text)

    def refuse(*args: object) -> int:
        raise OSError("not between these files")

    for kernel in (True, False):
        if not kernel:
            monkeypatch.setattr(os, "copy_file_range", refuse, raising=False)
        target = tmp_path / f"doel{kernel}.jsonl"
        with open(source, "rb") as src, open(target, "wb") as dst:
            spool.copy_range(src.fileno(), dst.fileno(), 61, 600)
            spool.copy_range(src.fileno(), dst.fileno(), 0, 10)
        assert target.read_bytes() == text[61:661] + text[:10]
    with (
        open(source, "rb") as src,
        open(tmp_path / "kort", "wb") as dst,
        pytest.raises(OSError, match="ended early"),
    ):
        spool.copy_range(src.fileno(), dst.fileno(), len(text) - 5, 10)
