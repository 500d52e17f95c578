"""Keyword in context: every hit of a code (per rule) or of a lemma, with the words around it.

Contexts come from the text as shown, redacted by default: the hit's offsets are mapped into
the redacted text, and the ``window`` words either side are taken from there.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from textcode.analysis.frames import check_answers, check_suggestions, sorted_ids, tuples
from textcode.analysis.redaction import shown_text
from textcode.analysis.tokens import matches_term, tokenize_many

KWIC_COLUMNS = (
    "response_id",
    "question",
    "code",
    "rule",
    "left",
    "keyword",
    "right",
    "start",
    "end",
    "negated",
)
_SPACE = re.compile(r"\s+")


def _context(text: str, start: int, end: int, window: int) -> tuple[str, str, str]:
    left_words = text[:start].split()
    right_words = text[end:].split()
    left = " ".join(left_words[-window:]) if window else ""
    right = " ".join(right_words[:window]) if window else ""
    if len(left_words) > window:
        left = "… " + left
    if len(right_words) > window:
        right = right + " …"
    return left, _SPACE.sub(" ", text[start:end]).strip(), right


def _code_matches(code: str, wanted: str) -> bool:
    return code == wanted or code.startswith(wanted + ".")


def kwic(
    answers: pd.DataFrame,
    suggestions: pd.DataFrame | None = None,
    *,
    code: str | None = None,
    rule: str | None = None,
    term: str | None = None,
    question: str | None = None,
    window: int = 5,
    redact: bool = True,
    language: str = "nl",
) -> pd.DataFrame:
    """Hits with their context, one row per hit.

    ``code`` (a code id, or a group such as ``belemmering`` for all its codes) and/or ``rule``
    (``<code>#<n>``) select suggestions; ``term`` selects the words whose lemma (or compound
    part) is the given lemma, in the answers. Rows are sorted by code, rule, answer and offset.
    """
    check_answers(answers)
    if window < 0:
        raise ValueError("window must be 0 or more words")
    if term is None and code is None and rule is None:
        raise ValueError("give a code, a rule or a term")
    texts = {
        (str(r), str(q)): str(t) for r, q, t in tuples(answers[["response_id", "question", "text"]])
    }
    records: list[dict[str, object]] = []
    if code is not None or rule is not None:
        if suggestions is None:
            raise ValueError("a code or rule needs the suggestions")
        check_suggestions(suggestions)
        selected = suggestions
        if code is not None:
            mask = pd.Series(
                [_code_matches(str(c), code) for c in selected["code"]],
                index=selected.index,
                dtype=bool,
            )
            selected = selected[mask]
        if rule is not None:
            selected = selected[selected["rule"].astype(str) == rule]
        if question is not None:
            selected = selected[selected["question"].astype(str) == question]
        for row in tuples(selected):
            key = (str(row.response_id), str(row.question))
            text = texts.get(key)
            if text is None:
                continue
            start, end = int(row.start), int(row.end)
            shown = shown_text(text, redact=redact, language=language)
            a, b = shown.map_span(start, end)
            left, keyword, right = _context(shown.text, a, b, window)
            records.append(
                {
                    "response_id": key[0],
                    "question": key[1],
                    "code": str(row.code),
                    "rule": str(getattr(row, "rule", "") or ""),
                    "left": left,
                    "keyword": keyword,
                    "right": right,
                    "start": start,
                    "end": end,
                    "negated": bool(getattr(row, "negated", False)),
                }
            )
    if term is not None:
        keys = [k for k in texts if question is None or k[1] == question]
        tokenized = tokenize_many((texts[k] for k in keys), language=language)
        for key, tokens in zip(keys, tokenized, strict=True):
            text = texts[key]
            hits = [t for t in tokens if t.word and matches_term(t, term)]
            view = shown_text(text, redact=redact, language=language) if hits else None
            for token in hits:
                assert view is not None
                a, b = view.map_span(token.start, token.end)
                left, keyword, right = _context(view.text, a, b, window)
                records.append(
                    {
                        "response_id": key[0],
                        "question": key[1],
                        "code": "",
                        "rule": f"lemma:{term}",
                        "left": left,
                        "keyword": keyword,
                        "right": right,
                        "start": token.start,
                        "end": token.end,
                        "negated": False,
                    }
                )
    frame = pd.DataFrame.from_records(records, columns=list(KWIC_COLUMNS))
    if len(frame):
        ids = {rid: i for i, rid in enumerate(sorted_ids(frame["response_id"]))}
        frame["_id"] = frame["response_id"].map(ids)
        rule_number = frame["rule"].map(_rule_number)
        frame["_rule"] = rule_number
        frame = frame.sort_values(
            ["code", "_rule", "rule", "_id", "question", "start"], kind="mergesort"
        ).drop(columns=["_id", "_rule"])
    return frame.reset_index(drop=True)


def _rule_number(rule: str) -> int:
    _, _, number = rule.rpartition("#")
    return int(number) if number.isdigit() else 0


def kwic_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Hits per code and rule, with the number of distinct answers."""
    if not len(frame):
        return pd.DataFrame(columns=["code", "rule", "hits", "answers"])
    grouped = frame.groupby(["code", "rule"], sort=False)
    return grouped.agg(
        hits=("response_id", "size"), answers=("response_id", "nunique")
    ).reset_index()


def format_kwic(frame: pd.DataFrame, *, width: int = 40) -> str:
    """A plain-text concordance: right-aligned left context, the keyword, the right context."""
    lines: list[str] = []
    for row in tuples(frame):
        left = str(row.left)[-width:]
        right = str(row.right)[:width]
        label = f"{row.response_id}  {row.code or row.rule}"
        lines.append(f"{left:>{width}}  [{row.keyword}]  {right:<{width}}  {label}")
    return "\n".join(lines)


def evidence_spans(
    suggestions: pd.DataFrame, response_id: str, question: str
) -> Iterable[tuple[int, int, str]]:
    """The (start, end, code) spans of one answer's suggestions, in text order."""
    part = suggestions[
        (suggestions["response_id"].astype(str) == response_id)
        & (suggestions["question"].astype(str) == question)
    ]
    spans = {(int(s), int(e), str(c)) for s, e, c in tuples(part[["start", "end", "code"]])}
    return sorted(spans)
