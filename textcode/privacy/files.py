"""A survey file redacted into a file of the same layout, and a log of where: ``redact_file``.

    >>> from textcode.privacy.files import redact_file
    >>> summary = redact_file("antwoorden.csv", "schoon.csv", log="log.csv")  # doctest: +SKIP
    >>> summary.answers_redacted  # doctest: +SKIP

The output has the input's columns and rows (a wide file stays wide). The answers are redacted,
and every other column that holds free text unless ``columns`` names the ones to redact (``[]``:
the answers only); the id and question columns never are. The log says per redaction the
respondent, the question, the column, the 1-based data row, the file line, the type, the
offsets and the placeholder, never the value itself. The input file is only read.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from textcode.ingest.table import SurveyTable, read_table
from textcode.ingest.values import to_label
from textcode.io.table import table_suffix, write_table
from textcode.privacy.table import redact_table

FILE_LOG_COLUMNS: tuple[str, ...] = (
    "response_id",
    "question",
    "column",
    "row",
    "line",
    "type",
    "start",
    "end",
    "placeholder",
)
LOG_FORMATS: tuple[str, ...] = (".csv", ".jsonl")


@dataclass(frozen=True)
class RedactedFile:
    """What :func:`redact_file` did."""

    layout: str
    rows: int
    answers: int
    answers_redacted: int
    cells_redacted: int
    redactions: int
    types: dict[str, int]
    columns: dict[str, int]
    columns_checked: list[str]
    out: str
    log: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "layout": self.layout,
            "rows": self.rows,
            "answers": self.answers,
            "answers_redacted": self.answers_redacted,
            "cells_redacted": self.cells_redacted,
            "redactions": self.redactions,
            "types": dict(self.types),
            "columns": dict(self.columns),
            "columns_checked": list(self.columns_checked),
            "out": self.out,
            "log": self.log,
        }


def redact_file(
    source: str | os.PathLike[str],
    out: str,
    *,
    log: str | None = None,
    id_column: str | None = None,
    text_columns: str | Sequence[str] | None = None,
    question_column: str | None = None,
    sheet: str | int | None = None,
    columns: Iterable[str] | None = None,
    consistent: bool = False,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
    question_id: Callable[[str], str] | None = None,
) -> RedactedFile:
    """Redact ``source`` into ``out`` (its format by extension; ``-``: JSON Lines on stdout).

    ``question_id`` names the log's questions (a codebook's ``question_id``, so the log joins
    with suggestions); ``consistent`` numbers placeholders per respondent; ``types`` limits the
    kinds of personal data (see :func:`textcode.privacy.detect_pii`).
    """
    table = read_table(
        source,
        id_column=id_column,
        text_columns=text_columns,
        question_column=question_column,
        sheet=sheet,
    )
    others = (
        table.free_text_columns()
        if columns is None
        else table.columns_named(list(columns), option="--columns")
    )
    wanted = {*table.answer_columns, *others}
    checked = [str(c) for c in table.frame.columns if c in wanted]
    redacted, raw_log = redact_table(
        table.frame,
        checked,
        ids=table.row_ids(),
        consistent=consistent,
        language=language,
        types=types,
    )
    where = input_log(raw_log, table, question_id or (lambda name: name))
    raw = table.raw
    if raw.typed or table_suffix(out) not in (".csv", ".tsv"):
        # CSV and TSV keep every cell as it was written; JSON Lines and Excel get numbers.
        redacted = table.typed(redacted, keep_text=checked)
    write_table(
        redacted,
        out,
        delimiter=raw.delimiter if raw.format == "csv" else None,
        sheet=raw.sheet,
    )
    if log is not None:
        write_table(where, log)
    return _summary(table, where, checked, out, log)


def input_log(
    log: pd.DataFrame, table: SurveyTable, question_id: Callable[[str], str]
) -> pd.DataFrame:
    """The redaction log in the input's terms: 1-based data row, file line, column, question."""
    roles = table.roles
    rows = [int(r) for r in log["row"]]
    columns = [str(c) for c in log["column"]]
    question_cells = (
        table.frame[roles.question_column].tolist() if roles.question_column is not None else None
    )
    answers = set(roles.text_columns)

    def question(row: int, column: str) -> str:
        if column not in answers:
            return ""  # an attribute answers no question
        name = column if question_cells is None else to_label(question_cells[row]) or ""
        return question_id(name) if name else ""

    return pd.DataFrame(
        {
            "response_id": log["response_id"].astype(str),
            "question": [question(r, c) for r, c in zip(rows, columns, strict=True)],
            "column": columns,
            "row": pd.Series([r + 1 for r in rows], dtype="int64"),
            "line": pd.array([table.place(r) for r in rows], "Int64"),
            "type": log["type"],
            "start": log["start"],
            "end": log["end"],
            "placeholder": log["placeholder"],
        },
        columns=list(FILE_LOG_COLUMNS),
    )


def _summary(
    table: SurveyTable, log: pd.DataFrame, checked: list[str], out: str, log_path: str | None
) -> RedactedFile:
    frame, roles = table.frame, table.roles
    counts = log["type"].value_counts() if len(log) else None
    types = {} if counts is None else {str(k): int(v) for k, v in sorted(counts.items())}
    per_column = log["column"].value_counts() if len(log) else None
    columns = {} if per_column is None else {str(k): int(v) for k, v in per_column.items()}
    cells = set(zip(log["row"].tolist(), log["column"].tolist(), strict=True))
    answers = set(roles.text_columns)
    return RedactedFile(
        layout=roles.layout,
        rows=len(frame),
        answers=len(frame) * len(roles.text_columns),
        answers_redacted=sum(1 for _, column in cells if column in answers),
        cells_redacted=len(cells),
        redactions=len(log),
        types=types,
        columns=dict(sorted(columns.items())),
        columns_checked=checked,
        out=out,
        log=log_path,
    )
