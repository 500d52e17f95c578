"""The suggestions an export writes, each checked against the answers and the codebook.

An export (``.qdpx``, Excel) refuses a suggestion that does not fit its answers: one whose
answer is not among them, whose code is not in the codebook, whose span lies outside the
answer or is not its evidence. The error names the suggestions file and the record's line in
it (a table or list made in Python: its row), as every reader of a file does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any, cast

import pandas as pd

from textcode.codebook import Codebook
from textcode.coding.suggestions import (
    Places,
    fitting_span,
    read_placed_suggestions,
    suggestions_table,
)
from textcode.errors import InputError
from textcode.records import SUGGESTION_FIELDS, Suggestion

Suggestions = pd.DataFrame | Iterable[Suggestion] | str | PathLike[str] | None
AnswerKey = tuple[str, str]  # (response_id, question id)


def placed_table(suggestions: Suggestions) -> tuple[pd.DataFrame, Places]:
    """Suggestions as a table with the contract's columns, and where each record came from.

    Files (JSON Lines or CSV from ``textcode code``) and records are read and validated by
    :func:`textcode.coding.suggestions.read_placed_suggestions`; a DataFrame needs at least
    ``response_id``, ``question``, ``code``, ``start`` and ``end`` (hand-made spans).
    """
    if suggestions is None:
        return pd.DataFrame(columns=list(SUGGESTION_FIELDS)), Places()
    if not isinstance(suggestions, pd.DataFrame):
        rows, places = read_placed_suggestions(suggestions)
        return suggestions_table(rows), places
    missing = [
        c for c in ("response_id", "question", "code", "start", "end") if c not in suggestions
    ]
    if missing:
        raise InputError(f"suggestions lack the column(s) {', '.join(missing)}", field=missing[0])
    return suggestions, Places()


def checked_suggestion(
    record: Mapping[str, Any],
    place: dict[str, Any],
    index: Mapping[AnswerKey, int],
    texts: list[str],
    codebook: Codebook,
) -> tuple[AnswerKey, int, int, int]:
    """(answer key, the answer's row in ``texts``, start, end) of a suggestion record.

    ``index`` maps (response_id, question id) to the answer's row; ``place`` is where the
    record came from (:meth:`Places.of`), named in the :class:`InputError` a bad record raises.
    """
    key = (str(record["response_id"]), codebook.question_id(str(record["question"])))
    at = index.get(key)
    code = str(record["code"])
    if at is not None and code not in codebook:
        raise InputError(f"code {code!r} is not in the codebook", field="code", **place)
    start, end = fitting_span(
        {**record, "question": key[1]}, place, None if at is None else texts[at]
    )
    return key, cast(int, at), start, end  # fitting_span refused a missing answer
