"""Keyword in context: every hit of a code (per rule) or of a lemma, with the words around it.

Contexts come from the text as shown, redacted by default through
:func:`textcode.privacy.shown`: the hit's offsets are mapped into the redacted text, and the
``window`` words either side are taken from there. A term is searched in the text as shown, so
a word inside redacted personal data (a surname) is no hit.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from textcode.analysis.frames import check_answers, check_suggestions, sorted_ids, tuples
from textcode.analysis.tokens import matches_term, tokenize_many
from textcode.codebook.questions import group_of
from textcode.errors import InputError

if TYPE_CHECKING:
    from textcode.codebook import Codebook

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
    left_words, more_left = _words_before(text, start, window)
    right_words, more_right = _words_after(text, end, window)
    left = " ".join(left_words)
    right = " ".join(right_words)
    if more_left:
        left = "… " + left
    if more_right:
        right = right + " …"
    return left, _SPACE.sub(" ", text[start:end]).strip(), right


# The context of a hit is read from a piece of the text around it, doubled until it holds the
# window's words and one more: splitting the whole text for each hit made an answer of a
# million characters with thousands of hits take hours.
_PIECE = 256


def _words_before(text: str, start: int, window: int) -> tuple[list[str], bool]:
    """The last ``window`` words before ``start``, and whether more words come before them."""
    size = _PIECE
    while True:
        low = max(0, start - size)
        words = text[low:start].split()
        if low == 0 or len(words) > window + 1:  # words[0] may be cut: never one of the window's
            return (words[-window:] if window else []), len(words) > window
        size *= 2


def _words_after(text: str, end: int, window: int) -> tuple[list[str], bool]:
    """The first ``window`` words after ``end``, and whether more words follow them."""
    size = _PIECE
    while True:
        high = min(len(text), end + size)
        words = text[end:high].split()
        if high == len(text) or len(words) > window + 1:
            return words[:window], len(words) > window
        size *= 2


def _code_matches(code: str, wanted: str) -> bool:
    return code == wanted or code.startswith(wanted + ".")


MODEL_RULE = "model:"  # the learned suggester's rules: "model:<code>"


def _rule_code(rule: str) -> str:
    if rule.startswith(MODEL_RULE):
        return rule[len(MODEL_RULE) :]
    return rule.rpartition("#")[0]


def _closest(wanted: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(wanted, sorted(set(known)), n=3, cutoff=0.6)
    return f"; did you mean {', '.join(close)}?" if close else ""


def _book_name(codebook: Codebook) -> str:
    return f"codebook {codebook.id} {codebook.version}".strip()


def check_filters(
    codebook: Codebook | None,
    *,
    code: str | None = None,
    rule: str | None = None,
) -> None:
    """``InputError`` when ``code`` or ``rule`` is not in the codebook (a typo finds no hits).

    ``code`` may be a code id or a group id (all its codes); ``rule`` a pattern id
    (``<code>#<n>``) or a learned rule (``model:<code>``), and of ``code`` when both are given.
    """
    if codebook is None:
        return
    codes = [c.id for c in codebook.codes]
    where = codebook.path
    if code is not None and not any(_code_matches(c, code) for c in codes):
        groups = [g.id for g in codebook.groups]
        raise InputError(
            f"no code or group {code!r} in the {_book_name(codebook)}"
            + _closest(code, [*codes, *groups]),
            path=where,
            field="code",
        )
    if rule is None:
        return
    rules = {c.rule_id(p) for c in codebook.codes for p in c.patterns}
    if rule not in rules and not (rule.startswith(MODEL_RULE) and _rule_code(rule) in codes):
        raise InputError(
            f"no rule {rule!r} in the {_book_name(codebook)} (a rule is <code>#<n>, "
            "e.g. belemmering.financiering#1)" + _closest(rule, rules),
            path=where,
            field="rule",
        )
    if code is not None and not _code_matches(_rule_code(rule), code):
        raise InputError(f"rule {rule!r} is not a rule of {code!r}", path=where, field="rule")


def resolve_question(
    answers: pd.DataFrame, question: str, *, codebook: Codebook | None = None
) -> str:
    """The question as the answers name it: an alias becomes its codebook group.

    ``InputError`` (field ``question``) when no answer is to that question.
    """
    present = list(dict.fromkeys(answers["question"].astype(str)))
    if question in present:
        return question
    resolved = group_of(question, codebook)
    if resolved in present:
        return resolved
    known = ", ".join(present[:8]) + (", …" if len(present) > 8 else "") if present else "none"
    raise InputError(
        f"no answers to question {question!r} (questions: {known})" + _closest(question, present),
        field="question",
    )


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
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Hits with their context, one row per hit.

    ``code`` (a code id, or a group such as ``belemmering`` for all its codes) and/or ``rule``
    (``<code>#<n>``) select suggestions; ``term`` selects the words whose lemma (or compound
    part) is the given lemma, in the answers. Rows are sorted by code, rule, answer and offset.
    ``question`` narrows to one question; with a ``codebook`` an alias ("belemmering_overig")
    finds its group, and a code or rule the codebook does not know is an ``InputError`` rather
    than no hits. A question no answer is to is an ``InputError`` too.
    """
    from textcode.privacy import shown

    check_answers(answers)
    if window < 0:
        raise ValueError("window must be 0 or more words")
    if term is None and code is None and rule is None:
        raise ValueError("give a code, a rule or a term")
    check_filters(codebook, code=code, rule=rule)
    if question is not None:
        question = resolve_question(answers, question, codebook=codebook)
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
            view = shown(text, [(start, end)], redact=redact, language=language)
            a, b = view.spans[0]
            left, keyword, right = _context(view.text, a, b, window)
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
            if not hits:
                continue
            view = shown(text, redact=redact, language=language)
            # The search runs on the text as shown: a word inside redacted personal data is no
            # hit, or searching for a name would confirm which answers hold it.
            hits = [t for t in hits if all(t.end <= a or t.start >= b for a, b in view.hidden)]
            for token in hits:
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
