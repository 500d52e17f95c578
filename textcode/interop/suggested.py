"""The suggestions an export writes, each checked against the answers and the codebook.

An export (``.qdpx``, Excel) refuses a suggestion that does not fit its answers: one whose
answer is not among them, whose code is not in the codebook, whose span lies outside the
answer or is not its evidence. The error names the suggestions file and the record's line in
it (a table or list made in Python: its row), as every reader of a file does.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from os import PathLike
from typing import Any

import pandas as pd

from textcode.codebook import Codebook
from textcode.coding.suggestions import Places, read_placed_suggestions, suggestions_table
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
    if at is None:
        raise InputError(
            f"suggestion for respondent {key[0]!r}, question {key[1]!r}: no such answer",
            field="response_id",
            kind="not_found",
            **place,
        )
    code = str(record["code"])
    if code not in codebook:
        raise InputError(f"code {code!r} is not in the codebook", field="code", **place)
    start, end = int(record["start"]), int(record["end"])
    text = texts[at]
    if not 0 <= start <= end <= len(text):
        raise InputError(
            f"span {start}-{end} lies outside the answer ({len(text)} characters)",
            field="start",
            **place,
        )
    evidence = record.get("evidence")
    if isinstance(evidence, str) and evidence != text[start:end]:
        # Neither text is shown: either may hold personal data.
        raise InputError(
            f"the evidence is not the answer's text at {start}-{end} "
            f"({len(evidence)} against {end - start} characters or different words): "
            "were these suggestions made from these answers?",
            field="evidence",
            **place,
        )
    return key, at, start, end
