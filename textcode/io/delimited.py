"""The one CSV (and TSV) writer: rows or a table as text that pandas and textcode read back.

Two flavours (see :mod:`textcode.io.cells` for what happens to each cell):

- **people** (the report's ``tabellen/*.csv``, ``kwic --out``): UTF-8 with a byte-order mark,
  so Excel shows "ë" right, and texts that a spreadsheet would run as a formula neutralised
  with a leading ``'``;
- **machine** (``code --out x.csv``, the themes' ``assignments.csv``, ``redact --out``, the
  redaction log, ``review --state``): UTF-8 without a byte-order mark, every text exactly as it
  was, so the next program reads back the same values.

Both end every row with ``\\n`` on every system and quote a field that holds a delimiter, a
quote, a ``\\n`` *or a* ``\\r`` (Python's csv module leaves a lone ``\\r`` unquoted when rows end
with ``\\n``, and every reader then splits the row there).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from textcode.io.cells import Replacements, csv_cell, fits_csv

if TYPE_CHECKING:
    import pandas as pd

BOM = "\ufeff"


def rows_csv(
    rows: Iterable[Sequence[Any]],
    *,
    header: Sequence[str] | None = None,
    delimiter: str = ",",
    people: bool = False,
    tally: Replacements | None = None,
) -> str:
    """Rows (and a header) as CSV text, cells as :func:`~textcode.io.cells.csv_cell` makes them.

    Machine rows of plain values (texts, numbers, truth values, None) take a fast path: they
    are written as they are and looked at only when the text holds a NUL or a lone surrogate.
    """
    table: list[Sequence[Any]] = [list(header)] if header is not None else []
    table.extend(rows)
    if not people:
        text = _lf_rows(lambda terminator: _write(table, delimiter, terminator))
        if fits_csv(text):
            return text
    cleaned: list[Sequence[Any]] = [
        [csv_cell(value, tally, people=people) for value in row] for row in table
    ]
    return _lf_rows(lambda terminator: _write(cleaned, delimiter, terminator))


def _write(rows: list[Sequence[Any]], delimiter: str, terminator: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=terminator).writerows(rows)
    return buffer.getvalue()


def frame_csv(
    frame: pd.DataFrame,
    *,
    delimiter: str = ",",
    people: bool = False,
    tally: Replacements | None = None,
) -> str:
    """A table as CSV text with its header, numbers formatted as pandas writes them."""
    import pandas as pd

    clean = frame.copy()
    for column in clean.columns:
        values = clean[column]
        if values.dtype == object or isinstance(values.dtype, pd.CategoricalDtype | pd.StringDtype):
            clean[column] = pd.Series(
                [csv_cell(v, tally, people=people) for v in values.tolist()],
                index=values.index,
                dtype=object,
            )
    clean.columns = [csv_cell(str(c), tally, people=people) for c in clean.columns]

    def write(terminator: str) -> str:
        return clean.to_csv(index=False, sep=delimiter, lineterminator=terminator)

    return _lf_rows(write)


def records_csv(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """Records as :func:`frame_csv` writes ``pd.DataFrame(rows, columns=columns)`` (the
    machine flavour), without making the table, for cells that are texts, numbers, truth values
    or None (a missing key is None): a column of numbers holding a float or a None is a column
    of floats to pandas, so its whole numbers are written as floats ("1.0"), NaN as nothing."""
    table = [[row.get(column) for column in columns] for row in rows]
    for at in range(len(columns)):
        kinds = {type(line[at]) for line in table}
        if int in kinds and kinds <= {int, float, type(None)} and len(kinds) > 1:
            for line in table:
                number = line[at]
                if number is not None:
                    line[at] = float(number)
        if float in kinds:
            for line in table:
                value = line[at]
                if isinstance(value, float) and value != value:
                    line[at] = None
    return rows_csv(table, header=[str(c) for c in columns])


def people_csv_bytes(frame: pd.DataFrame, tally: Replacements | None = None) -> bytes:
    """A table for people: UTF-8 with a byte-order mark, formulas neutralised."""
    return (BOM + frame_csv(frame, people=True, tally=tally)).encode("utf-8")


def _lf_rows(write: Callable[[str], str]) -> str:
    """The CSV text with ``\\n`` row ends and every ``\\r`` inside a quoted field.

    Written with ``\\r\\n`` row ends, the csv module quotes every field holding a ``\\r``; the
    row ends are then the ``\\r\\n`` outside quotes (the even pieces between ``"``), turned into
    ``\\n``. Without any ``\\r`` the plain ``\\n`` writing is already right.
    """
    text = write("\n")
    if "\r" not in text:
        return text
    pieces = write("\r\n").split('"')
    for i in range(0, len(pieces), 2):
        pieces[i] = pieces[i].replace("\r\n", "\n")
    return '"'.join(pieces)
