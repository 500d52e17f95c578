"""Which sheet of a workbook holds the answers.

A survey workbook often opens with an explanation ("Toelichting") and keeps the answers on a
later sheet. Without ``sheet=``, textcode reads the sheet that has the columns the options or
the sidecar name, or, when none are named, the sheet that looks most like a data table (a
header of two or more names over the most filled cells); the choice is told in a
:class:`SheetChoiceNotice`. A sheet named with ``sheet=`` that lacks the named columns is an
:class:`~textcode.errors.InputError` naming the sheets that have them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from textcode.display import counted
from textcode.errors import InputError, Notice
from textcode.ingest.columns import fold, list_columns
from textcode.ingest.values import to_label

Rows = Sequence[tuple[Any, ...]]


class SheetChoiceNotice(Notice):
    """Which sheet of a workbook with several sheets was read, and why."""


@dataclass(frozen=True)
class SheetShape:
    """A sheet's header (its first non-empty row) and how much data lies below it."""

    title: str
    header: tuple[str, ...]
    n_rows: int
    n_cells: int

    @property
    def looks_like_data(self) -> tuple[bool, int]:
        """Sort key: a table of two or more named columns with rows first, then filled cells."""
        return (len(self.header) >= 2 and self.n_rows > 0, self.n_cells)

    def describe(self) -> str:
        size = f"{counted(len(self.header), 'column')}, {counted(self.n_rows, 'row')}"
        return f"{self.title!r} ({size})"


def shape_of(title: str, rows: Rows) -> SheetShape:
    """The header and the filled rows and cells of one sheet's rows."""
    filled = [row for row in rows if any(not _blank(v) for v in row)]
    if not filled:
        return SheetShape(title, (), 0, 0)
    header = tuple(str(to_label(v)) for v in filled[0] if not _blank(v))
    body = filled[1:]
    return SheetShape(title, header, len(body), sum(not _blank(v) for r in body for v in r))


def missing_columns(header: Sequence[str], wanted: Sequence[str]) -> list[str]:
    """The ``wanted`` names that are not columns of ``header`` (names compared leniently, as
    :func:`textcode.ingest.columns.resolve` does)."""
    folded = {fold(name) for name in header}
    return [name for name in wanted if name not in header and fold(name) not in folded]


def check_named_sheet(
    title: str, sheets: Mapping[str, Rows], wanted: Sequence[str], source: str
) -> None:
    """InputError when the sheet the user named lacks a named column, naming the sheets that
    have them all."""
    missing = missing_columns(shape_of(title, sheets[title]).header, wanted)
    if not missing:
        return
    having = [
        name
        for name, rows in sheets.items()
        if name != title and not missing_columns(shape_of(name, rows).header, wanted)
    ]
    where = (
        f"the sheets with the named columns: {list_columns(having)}"
        if having
        else f"no sheet has them all (sheets: {list_columns(list(sheets))})"
    )
    raise InputError(
        f"sheet {title!r} has no column {list_columns(missing)}; {where}",
        path=source,
        field=missing[0],
    )


def pick_sheet(sheets: Mapping[str, Rows], wanted: Sequence[str], source: str) -> str:
    """The sheet to read when none was named (see the module docstring); tells the choice in
    a :class:`SheetChoiceNotice` when the workbook has more than one sheet."""
    import warnings

    names = list(sheets)
    if len(names) == 1:
        return names[0]
    shapes = [shape_of(name, sheets[name]) for name in names]
    if wanted:
        having = [s for s in shapes if not missing_columns(s.header, wanted)]
        if not having:
            listed = "; ".join(
                f"{s.title!r}: {list_columns(list(s.header)) if s.header else '(empty)'}"
                for s in shapes
            )
            raise InputError(
                f"no sheet has the column {list_columns(list(wanted))} (sheets and their "
                f"columns: {listed}); name the right columns or the sheet (--sheet, sheet=)",
                path=source,
                field=wanted[0],
            )
        chosen = having[0]
        why = f"it has the named columns {list_columns(list(wanted))}"
    else:
        chosen = max(shapes, key=lambda s: s.looks_like_data)  # the first of equals
        why = "it looks most like a data table"
    others = ", ".join(s.describe() for s in shapes if s.title != chosen.title)
    warnings.warn(
        f"{source}: read sheet {chosen.describe()}: {why}; other sheets: {others}; "
        "--sheet (sheet=) reads another",
        SheetChoiceNotice,
        stacklevel=7,  # read_answers' caller
    )
    return chosen.title


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
