"""Small helpers over the answers table that every analysis function shares.

The answers table is what :func:`textcode.read_answers` returns: one row per answer with
``response_id``, ``question`` and ``text``, and every other input column as an attribute. Most
counts need one row per response (the *rows* table) or one per unit (respondent, project).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from textcode.records import SUGGESTION_FIELDS

EMPTY_CODE = "overig.geen_inhoud"
ANSWER_COLUMNS = ("response_id", "question", "text")

# What a ticked box looks like in survey exports (compared folded, after value labels).
SELECTED = frozenset(
    {"1", "ja", "yes", "true", "waar", "x", "gekozen", "aangevinkt", "selected", "checked"}
)
NOT_SELECTED = frozenset(
    {"0", "nee", "no", "false", "onwaar", "niet gekozen", "niet aangevinkt", "not selected"}
)


def value_text(value: Any) -> str:
    """A cell as comparable text: missing -> "", 2.0 -> "2", text stripped."""
    if value is None:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    try:
        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value).strip()


def texts(series: pd.Series) -> pd.Series:
    """A column as comparable text (see :func:`value_text`)."""
    return pd.Series([value_text(v) for v in series.tolist()], index=series.index, dtype=object)


def is_ticked(value: Any) -> bool:
    """Whether one checkbox cell is ticked (1, "Ja", "Gekozen", True, ...)."""
    text = value_text(value).casefold()
    if text in SELECTED:
        return True
    if text in NOT_SELECTED or text == "":
        return False
    try:
        return float(text) > 0
    except ValueError:
        return False


def is_selected(series: pd.Series) -> pd.Series:
    """Whether each cell of a checkbox column is ticked (see :func:`is_ticked`)."""
    return pd.Series([is_ticked(v) for v in series], index=series.index, dtype=bool)


def check_answers(answers: pd.DataFrame) -> None:
    """``ValueError`` unless ``answers`` has the answers table's columns."""
    missing = [c for c in ANSWER_COLUMNS if c not in answers.columns]
    if missing:
        raise ValueError(
            f"the answers table lacks column(s) {', '.join(missing)} "
            "(read it with textcode.read_answers)"
        )


def check_suggestions(suggestions: pd.DataFrame) -> None:
    """``ValueError`` unless ``suggestions`` has the contract's columns."""
    missing = [c for c in ("response_id", "question", "code") if c not in suggestions.columns]
    if missing:
        raise ValueError(
            f"the suggestions lack column(s) {', '.join(missing)} (expected {SUGGESTION_FIELDS})"
        )


def empty_suggestions() -> pd.DataFrame:
    """A suggestions table with the contract's columns and no rows."""
    return pd.DataFrame({name: pd.Series(dtype=object) for name in SUGGESTION_FIELDS})


def ensure_suggestions(suggestions: pd.DataFrame | None) -> pd.DataFrame:
    """The suggestions with the contract's columns (an empty table may come without them)."""
    if suggestions is None or (not len(suggestions) and "code" not in suggestions.columns):
        return empty_suggestions()
    check_suggestions(suggestions)
    return suggestions


def rows_table(answers: pd.DataFrame) -> pd.DataFrame:
    """One row per response (first appearance order): ``response_id`` and its attributes."""
    check_answers(answers)
    rows = answers.drop_duplicates("response_id", keep="first")
    columns = ["response_id", *(c for c in answers.columns if c not in ANSWER_COLUMNS)]
    out = rows[columns].reset_index(drop=True)
    out["response_id"] = out["response_id"].astype(str)
    return out


def decisions(suggestions: pd.DataFrame) -> pd.DataFrame:
    """One row per (response, question, code): the decision, whatever the number of spans."""
    check_suggestions(suggestions)
    frame = suggestions[["response_id", "question", "code"]].astype(str)
    return frame.drop_duplicates(ignore_index=True)


def answer_status(
    answers: pd.DataFrame, suggestions: pd.DataFrame, *, empty_code: str = EMPTY_CODE
) -> pd.DataFrame:
    """Per answer: ``answered`` (non-empty text) and ``substantive`` (answered, not only empty).

    An answer is substantive when it has text and did not get ``overig.geen_inhoud`` alone
    ("n.v.t.", "geen", "-"). Shares of codes use the substantive answers as denominator.
    """
    check_answers(answers)
    status = answers[["response_id", "question"]].astype(str).copy()
    answered = np.array(
        [bool(str(t).strip()) for t in answers["text"].fillna("").tolist()], dtype=bool
    )
    status["answered"] = answered
    coded = decisions(suggestions)
    only_empty = np.zeros(len(status), dtype=bool)
    if len(coded):
        # An answer is "only empty" when none of its codes is another code than empty_code.
        other = (
            (coded["code"] != empty_code)
            .groupby([coded["response_id"], coded["question"]], sort=False)
            .any()
        )
        empty_keys = other.index[~other.to_numpy()]
        if len(empty_keys):
            keys = pd.MultiIndex.from_arrays([status["response_id"], status["question"]])
            only_empty = keys.isin(empty_keys)
    status["substantive"] = answered & ~only_empty
    return status


def unit_ids(rows: pd.DataFrame, unit_column: str | None) -> pd.Series:
    """The unit of each row: a unit column's value, or the response id itself."""
    column = unit_column or "response_id"
    if column not in rows.columns:
        raise ValueError(f"no column {column!r} in the table")
    return texts(rows[column])


def filter_rows(
    rows: pd.DataFrame, where: Mapping[str, Sequence[str]] | Iterable[tuple[str, Sequence[str]]]
) -> pd.DataFrame:
    """Rows whose columns hold one of the given values (compared as text, see value_text)."""
    items = where.items() if isinstance(where, Mapping) else where
    mask = pd.Series(True, index=rows.index)
    for column, values in items:
        if column not in rows.columns:
            raise ValueError(f"no column {column!r} to filter on")
        wanted = {value_text(v) for v in values}
        cells = texts(rows[column])
        match = cells.isin(wanted)
        # A checkbox reads 1 in one export and "Gekozen" in another: "1" matches both.
        folded = {w.casefold() for w in wanted}
        if folded & SELECTED:
            match |= is_selected(rows[column])
        if folded & NOT_SELECTED:
            match |= ~is_selected(rows[column]) & (cells != "")
        mask &= match
    return rows[mask]


def sorted_ids(ids: Iterable[str]) -> tuple[str, ...]:
    """Ids in a stable order: natural sort, so "r2" comes before "r10"."""
    import re

    def key(text: str) -> tuple[Any, ...]:
        return tuple(
            (0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", text)
        )

    return tuple(sorted(set(ids), key=key))


def tuples(frame: pd.DataFrame) -> Iterator[Any]:
    """The rows of a table as named tuples (typed loosely: cells hold any value)."""
    yield from frame.itertuples(index=False)
