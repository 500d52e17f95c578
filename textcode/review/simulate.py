"""Turn a gold coding into review decisions: a simulated reviewer who always agrees with gold.

Useful to import an existing hand coding as a reviewer, and to test that every interface
(Python, command line, MCP) records the same decisions.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from textcode.coding.gold import gold_codes
from textcode.coding.suggestions import SuggestionSource, load_suggestions
from textcode.review.ledger import LedgerEntry
from textcode.review.session import ReviewSession


@dataclass(frozen=True)
class GoldPlan:
    """What a reviewer who follows gold does: accept, reject (suggestion ids), add codes."""

    accept: tuple[str, ...]
    reject: tuple[str, ...]
    add: tuple[tuple[str, str, str], ...]  # (response_id, question, code)


def plan_from_gold(
    suggestions: SuggestionSource,
    gold: Mapping[tuple[str, str], set[str]] | str | os.PathLike[str] | pd.DataFrame,
) -> GoldPlan:
    """One verdict per (answer, code) unit, on its most confident span, for answers in gold.

    Suggested codes that gold lists are accepted, the others rejected; gold codes nobody
    suggested are added.
    """
    frame = load_suggestions(suggestions)
    codes = gold if isinstance(gold, Mapping) else gold_codes(gold)
    accept: list[str] = []
    reject: list[str] = []
    seen: set[tuple[str, str, str]] = set()
    ordered = frame.sort_values(["confidence", "start"], ascending=[False, True], kind="stable")
    for row in ordered.itertuples(index=False):
        unit = (str(row.response_id), str(row.question), str(row.code))
        answer = unit[:2]
        if answer not in codes or unit in seen:
            continue
        seen.add(unit)
        (accept if unit[2] in codes[answer] else reject).append(str(row.suggestion_id))
    add = [
        (rid, question, code)
        for (rid, question), wanted in sorted(codes.items())
        for code in sorted(wanted)
        if (rid, question, code) not in seen
    ]
    return GoldPlan(tuple(sorted(accept)), tuple(sorted(reject)), tuple(add))


def apply_plan(session: ReviewSession, plan: GoldPlan, *, comment: str = "") -> list[LedgerEntry]:
    """Record a plan's decisions through a :class:`ReviewSession`.

    Open the session with the answers when gold codes answers the coder made no suggestion
    for: without them :meth:`ReviewSession.add` only codes the answers the suggestions show.
    """
    entries = []
    if plan.accept:
        entries += session.accept(*plan.accept, comment=comment)
    if plan.reject:
        entries += session.reject(*plan.reject, comment=comment)
    for response_id, question, code in plan.add:
        entries.append(session.add(response_id, code, question=question, comment=comment))
    return entries
