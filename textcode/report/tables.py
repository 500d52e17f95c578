"""The report's tables as CSV files and one Excel workbook, byte-identical across runs.

The CSV files are for people: UTF-8 with a byte-order mark and texts that would start a
formula neutralised (:mod:`textcode.io.delimited`); the workbook holds text and numbers only
(:mod:`textcode.io.workbook`). Characters a format cannot hold are replaced visibly and counted
in one warning per file.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from textcode.io.cells import Replacements
from textcode.io.delimited import people_csv_bytes
from textcode.io.workbook import frames_workbook

# A question named "Q12/open" must give one file in the tables folder, not a folder "Q12".
_BAD_FILE = re.compile(r"[/\\\x00]")


def flat(frame: pd.DataFrame) -> pd.DataFrame:
    """A table fit for CSV and Excel: id tuples joined by spaces, floats rounded."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object and any(isinstance(v, (tuple, list)) for v in values):
            out[column] = [
                " ".join(map(str, v)) if isinstance(v, (tuple, list)) else v for v in values
            ]
        elif pd.api.types.is_float_dtype(values):
            out[column] = values.round(4)
    return out


def csv_bytes(frame: pd.DataFrame, tally: Replacements | None = None) -> bytes:
    """A table as a CSV file for people (see :func:`textcode.io.delimited.people_csv_bytes`)."""
    return people_csv_bytes(flat(frame), tally)


def excel_bytes(tables: Mapping[str, pd.DataFrame], tally: Replacements | None = None) -> bytes:
    """One workbook, one sheet per table, with fixed timestamps."""
    return frames_workbook({name: flat(frame) for name, frame in tables.items()}, tally)


def table_files(
    tables: Mapping[str, pd.DataFrame],
    *,
    folder: str = "tabellen",
    workbook: str = "tabellen.xlsx",
    root: str | Path = "",
) -> dict[str, bytes]:
    """``<folder>/<name>.csv`` per table and all of them in ``workbook``, as bytes: made before
    anything is written, so that a table that cannot be written leaves the folder as it was.
    Characters a format cannot hold are replaced and counted in one warning per file (named
    inside ``root``)."""
    files: dict[str, bytes] = {}
    for name, frame in tables.items():
        path = f"{folder}/{_BAD_FILE.sub('_', name)}.csv"
        tally = Replacements()
        files[path] = csv_bytes(frame, tally)
        tally.warn(str(Path(root, path)))
    tally = Replacements()
    files[workbook] = excel_bytes(tables, tally)
    tally.warn(str(Path(root, workbook)))
    return files
