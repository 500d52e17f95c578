"""The report's tables as CSV files and one Excel workbook, byte-identical across runs.

openpyxl stamps the workbook with the time of saving and zip entries carry their own times; the
workbook is therefore rewritten with fixed times, so the same tables give the same file.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from textcode.io import OutputFolder

FIXED_TIME = "2000-01-01T00:00:00Z"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")
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


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so Excel opens Dutch accents right)."""
    text = flat(frame).to_csv(index=False, lineterminator="\n")
    return ("\ufeff" + text).encode("utf-8")


def sheet_names(names: list[str]) -> list[str]:
    """Excel-safe, unique sheet names (at most 31 characters)."""
    out: list[str] = []
    for name in names:
        base = _BAD_SHEET.sub("_", name)[:31] or "blad"
        candidate, k = base, 2
        while candidate.lower() in {n.lower() for n in out}:
            suffix = f"~{k}"
            candidate, k = base[: 31 - len(suffix)] + suffix, k + 1
        out.append(candidate)
    return out


def excel_bytes(tables: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, one sheet per table, with fixed timestamps."""
    buffer = io.BytesIO()
    names = sheet_names(list(tables))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in zip(names, tables.values(), strict=True):
            flat(frame).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            sheet.freeze_panes = "A2"
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column[:200])
                sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60)
    return _fixed_zip(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>" + FIXED_TIME.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()


def write_tables(
    tables: Mapping[str, pd.DataFrame],
    output: OutputFolder,
    *,
    folder: str = "tabellen",
    workbook: str = "tabellen.xlsx",
) -> list[Path]:
    """Write ``<folder>/<name>.csv`` per table and all of them into ``workbook``, in ``output``."""
    written = [
        output.write_bytes(f"{folder}/{_BAD_FILE.sub('_', name)}.csv", csv_bytes(frame))
        for name, frame in tables.items()
    ]
    output.write_bytes(workbook, excel_bytes(tables))
    return written
