"""A codebook against the review decisions: precision and recall of the current codebook and
of a draft, on the same answers, so a change is judged by what reviewers decided.

The labels are the ledger's (:func:`textcode.review.learn.labels_from_ledger`): per (answer,
code) the reviewers' majority verdict, and on a reviewed answer a code that neither the
machine suggested nor anyone added counts as absent. Only codes of the current codebook are
scored (nobody could decide on a code that did not exist); a draft's new codes are counted
(answers they would code), not scored.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.review.ledger import LedgerEntry


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives over decided units."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def to_dict(self) -> dict[str, Any]:
        tp, fp, fn = self.tp, self.fp, self.fn
        return {
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "f1": round(2 * tp / (2 * tp + fp + fn), 4) if tp + fp + fn else None,
        }


@dataclass(frozen=True)
class Change:
    """A decided unit the draft codes differently from the current codebook."""

    response_id: str
    question: str
    code: str
    verdict: int  # 1: the code applies (accepted or added), 0: it does not
    current: bool
    draft: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "response_id": self.response_id,
            "question": self.question,
            "code": self.code,
            "verdict": "applies" if self.verdict else "does not apply",
            "current": self.current,
            "draft": self.draft,
            "better": self.draft == bool(self.verdict),
        }


@dataclass(frozen=True)
class DraftScore:
    """The current codebook and the draft on the reviewed answers."""

    answers: int
    units: int
    current: Counts
    draft: Counts
    per_code: dict[str, tuple[Counts, Counts]] = field(default_factory=dict)
    changes: tuple[Change, ...] = ()
    new_codes: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "answers": self.answers,
            "units": self.units,
            "current": self.current.to_dict(),
            "draft": self.draft.to_dict(),
            "per_code": [
                {"code": code, "current": now.to_dict(), "draft": then.to_dict()}
                for code, (now, then) in self.per_code.items()
            ],
            "changes": [c.to_dict() for c in self.changes],
            "new_codes": dict(self.new_codes),
        }


def score_draft(
    current: Codebook,
    draft: Codebook,
    entries: Iterable[LedgerEntry],
    answers: pd.DataFrame,
    *,
    suggestions: pd.DataFrame | None = None,
    reviewer: str | None = None,
) -> DraftScore:
    """Score ``current`` and ``draft`` against the decisions in ``entries`` (every reviewer's,
    or ``reviewer``'s only) on the ``answers`` they were made on. ``suggestions`` are the
    machine's, so that codes it did not suggest on a reviewed answer count as absent."""
    from textcode.coding import Coder
    from textcode.review.learn import labels_from_ledger

    chosen = [e for e in entries if reviewer is None or e.reviewer == reviewer]
    frame, labels = labels_from_ledger(chosen, answers, codebook=current, suggestions=suggestions)
    if frame.empty:
        return DraftScore(0, 0, Counts(), Counts())
    now = Coder(current).predict(frame)
    then = Coder(draft).predict(frame)
    known_now = {c.id for c in current.codes}
    scored = [c for c in labels.columns if c in known_now]
    total_now, total_then = _Tally(), _Tally()
    per_code: dict[str, tuple[_Tally, _Tally]] = {}
    changes: list[Change] = []
    units = 0
    keys = list(zip(frame["response_id"].astype(str), frame["question"].astype(str), strict=True))
    values = labels[scored].to_numpy(dtype=float)
    for i, (rid, question) in enumerate(keys):
        codes_now, codes_then = set(now[i]), set(then[i])
        for j, code in enumerate(scored):
            value = values[i, j]
            if value != value:  # NaN: nobody decided this unit
                continue
            units += 1
            truth, a, b = int(value), code in codes_now, code in codes_then
            tally_now, tally_then = per_code.setdefault(code, (_Tally(), _Tally()))
            for tally, said in ((total_now, a), (total_then, b), (tally_now, a), (tally_then, b)):
                tally.add(said, truth)
            if a != b:
                changes.append(Change(rid, question, code, truth, a, b))
    new_codes: dict[str, int] = {}
    for code in (c.id for c in draft.codes if c.id not in known_now):
        new_codes[code] = sum(1 for codes in then if code in codes)
    differing = {
        code: (a.counts(), b.counts())
        for code, (a, b) in per_code.items()
        if a.counts() != b.counts()
    }
    return DraftScore(
        answers=len(frame),
        units=units,
        current=total_now.counts(),
        draft=total_then.counts(),
        per_code=differing,
        changes=tuple(changes),
        new_codes=new_codes,
    )


class _Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, said: bool, truth: int) -> None:
        if said and truth:
            self.tp += 1
        elif said:
            self.fp += 1
        elif truth:
            self.fn += 1

    def counts(self) -> Counts:
        return Counts(self.tp, self.fp, self.fn)
