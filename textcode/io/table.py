"""A table written to a file in the format its name ends in: ``.csv``, ``.tsv``, ``.jsonl``,
``.xlsx`` (``-``: JSON Lines on stdout), atomically, reading back to the same values.

CSV and TSV are machine files (:mod:`textcode.io.delimited`): every text exactly as it was. A
JSON Lines file has one object per row, missing values as ``null``, numbers as numbers. The
workbook holds text and numbers, never formulas (:mod:`textcode.io.workbook`). Characters a
format cannot hold are replaced visibly and counted in one warning naming the file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Any

import pandas as pd

from textcode.io.atomic import atomic_open, atomic_write_bytes
from textcode.io.cells import Replacements, encodable
from textcode.io.delimited import frame_csv
from textcode.io.workbook import frames_workbook

STDOUT = "-"
TABLE_FORMATS: tuple[str, ...] = (".csv", ".tsv", ".jsonl", ".xlsx")


def table_suffix(path: str) -> str:
    """The format a table file is written in: its extension, lower case (``-``: ``.jsonl``)."""
    return ".jsonl" if path == STDOUT else Path(path).suffix.lower()


def write_table(
    frame: pd.DataFrame,
    path: str,
    *,
    delimiter: str | None = None,
    sheet: str | None = None,
) -> None:
    """Write ``frame`` in the format of ``path``'s extension (``-``: JSON Lines on stdout).

    ``delimiter``: for ``.csv`` (a Dutch Excel export's ``;`` stays ``;``); default ``,``.
    ``sheet``: the sheet name of an ``.xlsx`` (default ``Sheet1``).
    """
    tally = Replacements()
    suffix = table_suffix(path)
    if suffix not in TABLE_FORMATS:
        raise ValueError(f"a table is written as {', '.join(TABLE_FORMATS)}, not {suffix!r}")
    if path == STDOUT:
        write_jsonl(frame, sys.stdout, tally)
    elif suffix == ".xlsx":
        atomic_write_bytes(path, frames_workbook({sheet or "Sheet1": frame}, tally))
    elif suffix == ".jsonl":
        with atomic_open(path, "w") as handle:
            write_jsonl(frame, handle, tally)
    else:
        sep = "\t" if suffix == ".tsv" else delimiter or ","
        with atomic_open(path, "w") as handle:
            handle.write(frame_csv(frame, delimiter=sep, tally=tally))
    tally.warn("stdout" if path == STDOUT else path)


def write_jsonl(frame: pd.DataFrame, handle: IO[str], tally: Replacements | None = None) -> None:
    """One JSON object per row; NaN and NA as null, numpy scalars as plain numbers."""
    for record in frame.to_dict(orient="records"):
        clean = {str(k): _plain(v) for k, v in record.items()}
        handle.write(encodable(json.dumps(clean, ensure_ascii=False, default=str), tally) + "\n")


def _plain(value: Any) -> Any:
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
