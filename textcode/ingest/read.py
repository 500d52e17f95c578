"""``read_answers``: any supported survey export in, the tidy answers table out."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeAlias

from textcode.errors import InputError
from textcode.ingest.layout import choose_roles, tidy
from textcode.ingest.readers import STDIN, RawTable, detect_format, from_frame, read_raw
from textcode.ingest.report import ATTRS_KEY, ReportDict
from textcode.lazy_pandas import is_frame

if TYPE_CHECKING:
    import pandas as pd

Source: TypeAlias = "str | os.PathLike[str] | pd.DataFrame"


def read_answers(
    source: Source,
    *,
    id_column: str | None = None,
    text_columns: str | Sequence[str] | None = None,
    question_column: str | None = None,
    sheet: str | int | None = None,
    format: str | None = None,
    encoding: str | None = None,
    sidecar: bool = True,
) -> pd.DataFrame:
    """Read survey answers into one row per answer.

    ``source`` is a path (.csv .tsv .txt .xlsx .sav .jsonl .json .parquet), ``"-"`` for JSON
    Lines on stdin, or a DataFrame (copied, never changed). The result has the columns
    ``response_id`` (str), ``question`` (str) and ``text`` (the original answer; ``""`` when
    missing), then every other input column as a respondent attribute, rows in input order
    (wide data: respondent by respondent, questions in column order). Empty and whitespace-only
    answers are kept. ``df.attrs["textcode"]`` holds the report (see :func:`ingest_report`).

    ``text_columns`` makes the data wide (each column an open question named by the column) and
    ``question_column`` makes it long; left out, both are guessed (see ``docs/ingest.md``).
    ``sheet`` picks an Excel sheet by name or 0-based index; without it, the sheet that has the
    named columns is read, or the one that looks like data (a :class:`SheetChoiceNotice` says
    which, see :mod:`textcode.ingest.sheets`); ``format`` overrides the file
    extension; ``encoding`` overrides the detection for text files (UTF-8, else cp1252).

    When a ``<name>.textcode.yaml`` sidecar lies beside the file (see
    :mod:`textcode.ingest.sidecar`), it supplies the id and text columns that the options leave
    out; ``sidecar=False`` ignores it.

    Raises :class:`textcode.errors.InputError` (one line naming file, line or row, and field)
    for anything wrong with the input.
    """
    sidecar_path = None
    if sidecar:
        id_column, text_columns, sidecar_path = sidecar_roles(
            source, id_column, text_columns, question_column
        )
    if isinstance(text_columns, str):
        text_columns = [text_columns]
    named = named_columns(id_column, text_columns, question_column)
    raw = _read(source, sheet=sheet, format=format, encoding=encoding, columns=named)
    roles = choose_roles(
        raw,
        id_column=id_column,
        text_columns=list(text_columns or ()),
        question_column=question_column,
    )
    table, report = tidy(raw, roles)
    data = report.to_dict()
    if sidecar_path is not None:
        data["sidecar"] = str(sidecar_path)
    table.attrs[ATTRS_KEY] = ReportDict(data)
    return table


def sidecar_roles(
    source: Source,
    id_column: str | None,
    text_columns: str | Sequence[str] | None,
    question_column: str | None,
) -> tuple[str | None, str | Sequence[str] | None, os.PathLike[str] | None]:
    """The id and text columns after a sidecar beside ``source`` fills in what was not given.

    Options given override the sidecar; the roles not given come from it, so that
    "--text-column kennisbehoefte" keeps the declared respondent ids. Returns the sidecar's
    path too (``None`` when there is none or nothing was taken from it).
    """
    if id_column is not None and (text_columns or question_column is not None):
        return id_column, text_columns, None
    found = _sidecar_for(source)
    if found is None:
        return id_column, text_columns, None
    from textcode.ingest.sidecar import load_sidecar

    declared = load_sidecar(found)
    if id_column is None:
        id_column = declared.id_column
    if not text_columns and question_column is None:
        text_columns = list(declared.text_column_names) or None
    return id_column, text_columns, found


def named_columns(
    id_column: str | None, text_columns: Sequence[str] | None, question_column: str | None
) -> list[str]:
    """The columns the options (or the sidecar) name: they choose a workbook's sheet."""
    named = [id_column, *(text_columns or ()), question_column]
    return list(dict.fromkeys(name for name in named if name))


def _sidecar_for(source: Source) -> os.PathLike[str] | None:
    if is_frame(source) or not isinstance(source, str | os.PathLike):
        return None
    if os.fspath(source) == STDIN:
        return None
    from textcode.ingest.sidecar import find_sidecar

    return find_sidecar(source)


def _read(
    source: Source,
    *,
    sheet: str | int | None,
    format: str | None,
    encoding: str | None,
    columns: Sequence[str] = (),
) -> RawTable:
    if is_frame(source):
        if sheet is not None:
            raise InputError("a sheet applies to .xlsx files only, not to a DataFrame")
        return from_frame(source)
    if not isinstance(source, str | os.PathLike):
        raise TypeError(
            f"read_answers reads a path, '-' or a DataFrame, not {type(source).__name__}"
        )
    name = os.fspath(source)
    if not name.strip():
        raise InputError("no input file given")
    fmt = detect_format(name, format)
    return read_raw(
        name if name != STDIN else STDIN, fmt, sheet=sheet, encoding=encoding, columns=columns
    )
