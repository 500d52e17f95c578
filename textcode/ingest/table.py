"""A survey file as a table in its own layout (wide stays wide), with the part each column plays.

:func:`read_answers` turns a file into one row per answer; some work needs the file as it was
instead, such as writing a redacted copy that can stand in for the original (``textcode
redact``). :func:`read_table` reads it with the same roles ``read_answers`` would give it
(options, sidecar, guesses), and :class:`SurveyTable` says which columns hold answers, which
identify, and which other columns hold free text.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from textcode.errors import InputError
from textcode.ingest.layout import Roles, choose_roles
from textcode.ingest.readers import STDIN, RawTable, detect_format, read_raw
from textcode.ingest.values import infer_text_column, to_label


@dataclass(frozen=True)
class SurveyTable:
    """The input as it was read (its own layout) and the part each column plays."""

    raw: RawTable
    roles: Roles

    @property
    def frame(self) -> pd.DataFrame:
        return self.raw.frame

    @property
    def answer_columns(self) -> tuple[str, ...]:
        return self.roles.text_columns

    @property
    def fixed_columns(self) -> tuple[str, ...]:
        """The id and question columns: they identify, they do not describe."""
        return tuple(c for c in (self.roles.id_column, self.roles.question_column) if c)

    def free_text_columns(self) -> list[str]:
        """The columns besides the answers that hold free text.

        Every column that holds text: strings that do not all read as numbers, except the id
        and question columns and SPSS variables with value labels (their values are the
        questionnaire's categories, not what respondents wrote). Numbers, dates and booleans
        hold no free text.
        """
        skip = {*self.answer_columns, *self.fixed_columns}
        found = []
        for column in self.frame.columns:
            name = str(column)
            series = self.frame[column]
            if name in skip or isinstance(series.dtype, pd.CategoricalDtype):
                continue
            values = series.tolist()
            if not self.raw.typed:
                if not all(isinstance(v, str) for v in values):
                    continue
                if pd.api.types.is_numeric_dtype(infer_text_column(values).dtype):
                    continue
            if any(isinstance(v, str) and v.strip() for v in values):
                found.append(name)
        return found

    def columns_named(self, names: Sequence[str], *, option: str) -> list[str]:
        """The columns ``names`` refer to (as ``--text-column`` resolves a name)."""
        from textcode.ingest.columns import resolve

        columns = [str(c) for c in self.frame.columns]
        return [
            resolve(n, columns, path=self.raw.source, option=option, context=self.raw.context)
            for n in names
        ]

    def row_ids(self) -> list[str]:
        """The respondent of each row: the id, else the 1-based row number."""
        column = self.roles.id_column
        if column is None:
            return [str(n) for n in range(1, len(self.frame) + 1)]
        return [to_label(v) or str(n) for n, v in enumerate(self.frame[column].tolist(), start=1)]

    def place(self, row: int) -> int | None:
        """Where row ``row`` (0-based) is in the file: its line (text files) or row number."""
        where = self.raw.lines if self.raw.lines is not None else self.raw.rows
        return None if where is None else where[row]

    def typed(self, frame: pd.DataFrame, keep_text: Sequence[str] = ()) -> pd.DataFrame:
        """``frame`` (of this table's columns) with numbers read from text typed as numbers.

        Cells read from CSV are all text; JSON Lines and Excel output want numbers as numbers.
        Ids, questions, answers and the ``keep_text`` columns stay text.
        """
        if self.raw.typed:
            return frame
        keep = {*self.answer_columns, *self.fixed_columns, *keep_text}
        out = frame.copy()
        for column in out.columns:
            if str(column) not in keep:
                series = infer_text_column([str(v) for v in frame[column].tolist()])
                series.index = frame.index
                out[column] = series
        return out


def read_table(
    source: str | os.PathLike[str],
    *,
    id_column: str | None = None,
    text_columns: str | Sequence[str] | None = None,
    question_column: str | None = None,
    sheet: str | int | None = None,
    sidecar: bool = True,
) -> SurveyTable:
    """``source`` as a table in its own layout, with the roles ``read_answers`` would give it."""
    from textcode.ingest.read import named_columns, sidecar_roles

    name = os.fspath(source)
    if not name.strip():
        raise InputError("no input file given")
    if sidecar:
        id_column, text_columns, _ = sidecar_roles(name, id_column, text_columns, question_column)
    if isinstance(text_columns, str):
        text_columns = [text_columns]
    raw = read_raw(
        name if name != STDIN else STDIN,
        detect_format(name, None),
        sheet=sheet,
        columns=named_columns(id_column, text_columns, question_column),
    )
    roles = choose_roles(
        raw,
        id_column=id_column,
        text_columns=list(text_columns or ()),
        question_column=question_column,
    )
    return SurveyTable(raw, roles)
