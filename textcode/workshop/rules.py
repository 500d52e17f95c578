"""Trying a rule on the answers before it joins the codebook.

:func:`try_rule` codes the answers to one question with a single trial rule, by the same
engine and settings the codebook would use, and returns every hit with its context (redacted
unless asked not to). Given a ``code``, the rule is tried as one more rule of that code: with
its polarity settings, window and exclusions. Without one, every mention counts (a topic
rule). The codebook is not changed.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pandas as pd

from textcode.codebook.model import Code, Codebook, Group, Pattern
from textcode.codebook.rules import RuleSyntaxError, code_references, parse_rule
from textcode.errors import InputError, excerpt

if TYPE_CHECKING:
    from textcode.codebook.rules import Node

TRIAL = "try_rule"  # the id part of the trial code: <group>.try_rule


@dataclass(frozen=True)
class RuleTrial:
    """What one rule matched: ``rule_id`` is the id it would get (``code#n``), ``searched``
    the number of (non-empty) answers to the question, ``matched`` the (response id,
    question) of the answers it matched, in answer order, and ``hits`` one row per hit as
    :func:`textcode.analysis.kwic.kwic` gives them."""

    pattern: str
    question: str
    code: str | None
    rule_id: str
    searched: int
    matched: tuple[tuple[str, str], ...]
    hits: pd.DataFrame


def question_group(codebook: Codebook, question: str) -> Group:
    """The group of ``codebook`` that codes ``question`` (a group id or alias); an error
    naming the questions there are when none does."""
    group = codebook.group_for_question(question)
    if group is None or group.applies_to_all:
        raise InputError(
            f"no question {excerpt(question)!r} in codebook {codebook.id!r}",
            field="question",
            kind="not_found",
            value=question,
            allowed=[g.id for g in codebook.groups if not g.applies_to_all],
        )
    return group


def check_pattern(pattern: str, *, field: str = "pattern") -> Node:
    """The parsed rule; a syntax error is an :class:`InputError` on ``field``."""
    try:
        return parse_rule(pattern)
    except RuleSyntaxError as exc:
        raise InputError(
            f"rule {excerpt(pattern)!r}: {exc}", field=field, kind="invalid_rule", value=pattern
        ) from None


def try_rule(
    answers: pd.DataFrame,
    codebook: Codebook,
    pattern: str,
    question: str,
    *,
    code: str | None = None,
    redact: bool = True,
    window: int = 6,
) -> RuleTrial:
    """Every hit of ``pattern`` in the answers (``response_id``, ``question``, ``text``) to
    ``question`` (a group id or alias of ``codebook``), with ``window`` words of context."""
    from textcode.analysis.kwic import kwic
    from textcode.coding import Coder

    node = check_pattern(pattern)
    group = question_group(codebook, question)
    trial_id = f"{group.id}.{TRIAL}"
    if code is None:
        trial = Code(id=trial_id, label=TRIAL, group=group.id)
        rule_id = f"{trial_id}#1"
    else:
        fits = [c.id for c in codebook.codes_for_question(group.id)]
        if code not in fits:
            raise InputError(
                f"code {excerpt(code)!r} is not one of question {group.id!r}",
                field="code",
                kind="not_allowed" if code in codebook else "not_found",
                value=code,
                allowed=fits,
            )
        base = codebook.code(code)
        trial = replace(base, id=trial_id, group=group.id, exclusive=False, maps_to=None)
        rule_id = f"{code}#{len(base.patterns) + 1}"
    trial = replace(trial, patterns=(Pattern(rule=pattern, index=1),))
    references = set(code_references(node))
    for exclusion in trial.exclude:
        references |= code_references(parse_rule(exclusion.rule))
    if references:
        # The rule leans on other codes: try it inside the whole codebook.
        groups = tuple(
            replace(g, codes=(*g.codes, trial)) if g.id == group.id else g for g in codebook.groups
        )
    else:
        groups = (replace(group, codes=(trial,)),)
    book = replace(codebook, groups=groups, version=f"{codebook.version}+{TRIAL}")
    groups_of = answers["question"].astype(str).map(codebook.question_id)
    frame = answers.loc[groups_of == group.id, ["response_id", "text"]].assign(question=group.id)
    frame = frame[frame["text"].fillna("").astype(str).str.strip() != ""].reset_index(drop=True)
    frame = frame[["response_id", "question", "text"]]
    suggestions = Coder(book).suggest(frame)
    suggestions = suggestions[suggestions["code"] == trial_id]
    hits = kwic(
        frame,
        suggestions,
        code=trial_id,
        window=window,
        redact=redact,
        language=codebook.language,
        codebook=book,
    )
    order = {rid: n for n, rid in enumerate(frame["response_id"].astype(str))}
    if len(hits):
        hits = hits.assign(
            _answer=hits["response_id"].astype(str).map(order),
            rule=rule_id,
            code=code or "",
        )
        hits = hits.sort_values(["_answer", "start"], kind="mergesort").drop(columns="_answer")
        hits = hits.reset_index(drop=True)
    matched = tuple(
        dict.fromkeys(
            zip(hits["response_id"].astype(str), hits["question"].astype(str), strict=True)
        )
    )
    return RuleTrial(pattern, group.id, code, rule_id, len(frame), matched, hits)
