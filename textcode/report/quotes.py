"""Quotes for the report: the answers that best show a theme, with the evidence highlighted.

Quotes are redacted by default through :func:`textcode.privacy.shown`; evidence offsets (into
the original answer) are carried into the redacted text, so ``<mark>`` lands on the same words.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from textcode.analysis.frames import sorted_ids, tuples
from textcode.analysis.html import escape
from textcode.privacy import shown
from textcode.report.html import fill

IDEAL_LENGTH = 120


def highlight(
    text: str,
    spans: Iterable[tuple[int, int]],
    *,
    redact: bool = True,
    language: str = "nl",
) -> str:
    """The answer as HTML, redacted unless told not to, with ``spans`` (original offsets) marked."""
    inside = [(s, e) for s, e in spans if 0 <= s <= e <= len(text)]
    view = shown(text, inside, redact=redact, language=language)
    return view.highlighted((fill("mark"), fill("end_mark")), escape=escape)


def top_quotes(
    suggestions: pd.DataFrame,
    answers: pd.DataFrame,
    *,
    question: str,
    code: str,
    k: int = 3,
) -> list[tuple[str, str, list[tuple[int, int]]]]:
    """Up to ``k`` answers for a code: (response id, original text, evidence spans).

    Ranked by the suggestion's confidence, then by how close the answer is to a readable
    length, then by id, so the choice is the same on every run.
    """
    part = suggestions[
        (suggestions["question"].astype(str) == question)
        & (suggestions["code"].astype(str) == code)
    ]
    if not len(part):
        return []
    texts = {
        str(r): str(t)
        for r, q, t in tuples(answers[["response_id", "question", "text"]])
        if str(q) == question
    }
    order = {rid: i for i, rid in enumerate(sorted_ids(part["response_id"].astype(str)))}
    scored = []
    for response_id, group in part.groupby(part["response_id"].astype(str), sort=False):
        text = texts.get(response_id)
        if text is None:
            continue
        spans = sorted(
            {(int(s), int(e)) for s, e in zip(group["start"], group["end"], strict=True)}
        )
        confidence = float(pd.to_numeric(group["confidence"], errors="coerce").max())
        scored.append(
            (
                -confidence,
                abs(len(text) - IDEAL_LENGTH),
                order[response_id],
                response_id,
                text,
                spans,
            )
        )
    scored.sort(key=lambda item: item[:3])
    return [(rid, text, spans) for *_, rid, text, spans in scored[:k]]
