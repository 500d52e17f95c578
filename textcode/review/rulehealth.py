"""Rule health: how often each codebook rule was right, and where its mistakes cluster.

From the ledger's decisions (the machine's rule is on record beside each one): precision per
rule = accepted / (accepted + rejected), and, for rules with rejections, words that keep
turning up around rejected evidence but hardly around accepted evidence — proposed as an
exclusion (``<rule> NOT NEAR/<n> <word>``), shown with the evidence it is based on.

Evidence contexts are shown through :func:`textcode.privacy.shown` (redacted unless
``redact=False``), and words that are personal data are never proposed.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import pandas as pd

from textcode.lang import get_language
from textcode.privacy import shown, shown_evidence
from textcode.privacy.display import HIGHLIGHT
from textcode.review.ledger import Ledger, LedgerEntry, current_decisions

if TYPE_CHECKING:
    from textcode.codebook import Codebook

_WORD = re.compile(r"[^\W_]+(?:[-'.][^\W_]+)*", re.UNICODE)
# In a shown (redacted) text a placeholder such as "[NAAM]" counts as one word.
_SHOWN_WORD = re.compile(r"\[[^\[\]\s]+\]|" + _WORD.pattern, re.UNICODE)


@dataclass(frozen=True)
class ExclusionProposal:
    """A word around the evidence that predicts rejection of a rule's suggestions."""

    rule: str
    code: str
    word: str
    rejected_with: int
    rejected: int
    accepted_with: int
    accepted: int
    rule_text: str | None
    proposed: str
    evidence: tuple[dict[str, str], ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "code": self.code,
            "word": self.word,
            "rejected_with": self.rejected_with,
            "rejected": self.rejected,
            "accepted_with": self.accepted_with,
            "accepted": self.accepted,
            "rule_text": self.rule_text,
            "proposed": self.proposed,
            "evidence": [dict(e) for e in self.evidence],
        }


@dataclass(frozen=True)
class RuleHealth:
    """``rules``: one row per rule (rule, code, accepted, rejected, decided, precision,
    reviewers), least precise first; ``exclusions``: proposals with their evidence."""

    rules: pd.DataFrame
    exclusions: tuple[ExclusionProposal, ...]

    def to_dict(self) -> dict[str, Any]:
        rows = []
        for row in self.rules.to_dict("records"):
            precision = row["precision"]
            rows.append(
                {
                    **{str(k): v for k, v in row.items()},
                    "precision": None if pd.isna(precision) else round(float(precision), 6),
                }
            )
        return {"rules": rows, "exclusions": [p.to_dict() for p in self.exclusions]}

    def to_text(self) -> str:
        lines = ["rule                                        accepted rejected precision"]
        for row in self.rules.to_dict("records"):
            value = float(row["precision"])
            precision = "-" if value != value else f"{value:.2f}"
            lines.append(
                f"{row['rule']!s:<44}{row['accepted']!s:>8}{row['rejected']!s:>9}{precision:>10}"
            )
        if self.exclusions:
            lines += ["", "Proposed exclusions (rejections that share a context):"]
        for p in self.exclusions:
            lines.append(
                f"- {p.rule}: '{p.word}' near {p.rejected_with} of {p.rejected} rejected and "
                f"{p.accepted_with} of {p.accepted} accepted"
            )
            lines.append(f"    proposed rule: {p.proposed}")
            for e in p.evidence:
                lines.append(f"    {e['response_id']}: {e['context']}")
        return "\n".join(lines)


def rule_health(
    ledger: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry],
    *,
    texts: Mapping[tuple[str, str], str] | None = None,
    codebook: Codebook | None = None,
    window: int = 4,
    min_rejections: int = 2,
    min_share: float = 0.5,
    max_accepted_share: float = 0.1,
    redact: bool = True,
    language: str = "nl",
) -> RuleHealth:
    """Precision per rule and proposed exclusions from the verdicts in a ledger.

    Every reviewer's current verdicts count. ``texts`` ((response_id, question) -> answer) gives
    the context around the evidence; without it only the evidence's own words are compared.
    A word is proposed when it is near at least ``min_rejections`` and ``min_share`` of a
    rule's rejected evidence and near at most ``max_accepted_share`` of its accepted evidence.
    Evidence contexts are redacted unless ``redact=False``; with redaction, words that are
    personal data (a name near the evidence) are not proposed either.
    """
    review_words = get_language(language).review
    cues: frozenset[str] = review_words.CONTEXT_CUES
    stop_words: frozenset[str] = review_words.CONTEXT_STOP_WORDS
    if isinstance(ledger, Ledger):
        entries = ledger.entries()
    elif isinstance(ledger, str | os.PathLike):
        entries = Ledger(ledger).entries()
    else:
        entries = list(ledger)
    verdicts = [
        e
        for e in current_decisions(entries).values()
        if e.machine is not None and e.value is not None
    ]
    by_rule: dict[str, list[LedgerEntry]] = {}
    for entry in verdicts:
        assert entry.machine is not None
        by_rule.setdefault(entry.machine.rule, []).append(entry)
    rows = []
    proposals: list[ExclusionProposal] = []
    for rule, decided in sorted(by_rule.items()):
        accepted = [e for e in decided if e.value == 1]
        rejected = [e for e in decided if e.value == 0]
        total = len(accepted) + len(rejected)
        rows.append(
            {
                "rule": rule,
                "code": decided[0].code,
                "accepted": len(accepted),
                "rejected": len(rejected),
                "decided": total,
                "precision": len(accepted) / total if total else float("nan"),
                "reviewers": len({e.reviewer for e in decided}),
            }
        )
        if len(rejected) < min_rejections:
            continue

        def words(entry: LedgerEntry) -> set[str]:
            return {
                w
                for w in _context_words(entry, texts, window, redact, language)
                if w in cues or (w not in stop_words and len(w) > 2)
            }

        rejected_words = Counter(w for e in rejected for w in words(e))
        accepted_words = Counter(w for e in accepted for w in words(e))
        rule_text = _rule_text(codebook, rule)
        for word, count in sorted(rejected_words.items(), key=lambda kv: (-kv[1], kv[0])):
            if count < min_rejections or count / len(rejected) < min_share:
                continue
            if accepted and accepted_words[word] / len(accepted) > max_accepted_share:
                continue
            with_word = [e for e in rejected if word in words(e)]
            proposals.append(
                ExclusionProposal(
                    rule=rule,
                    code=decided[0].code,
                    word=word,
                    rejected_with=count,
                    rejected=len(rejected),
                    accepted_with=accepted_words[word],
                    accepted=len(accepted),
                    rule_text=rule_text,
                    proposed=f"({rule_text or rule}) NOT NEAR/{window} {word}",
                    evidence=tuple(
                        {
                            "response_id": e.response_id,
                            "suggestion_id": e.suggestion_id,
                            "reviewer": e.reviewer,
                            "context": _context_snippet(e, texts, window, redact, language),
                        }
                        for e in with_word[:5]
                    ),
                )
            )
    frame = pd.DataFrame(
        rows, columns=["rule", "code", "accepted", "rejected", "decided", "precision", "reviewers"]
    )
    frame = frame.sort_values(["precision", "decided", "rule"], ascending=[True, False, True])
    return RuleHealth(rules=frame.reset_index(drop=True), exclusions=tuple(proposals))


def _tokens(text: str, pattern: re.Pattern[str] = _WORD) -> list[tuple[str, int, int]]:
    return [(m.group().casefold(), m.start(), m.end()) for m in pattern.finditer(text)]


def _answer(entry: LedgerEntry, texts: Mapping[tuple[str, str], str] | None) -> str | None:
    """The answer the entry's evidence was found in, if the given texts still hold it there."""
    machine = entry.machine
    assert machine is not None
    text = (texts or {}).get((entry.response_id, entry.question))
    if text is None or text[machine.start : machine.end] != machine.evidence:
        return None
    return text


def _public(
    tokens: list[tuple[str, int, int]], text: str, redact: bool, language: str
) -> list[bool]:
    """For each token: whether it lies outside the personal data of ``text``."""
    hidden = shown(text, redact=redact, language=language).hidden
    return [not any(a < e and s < b for a, b in hidden) for _, s, e in tokens]


def _context_words(
    entry: LedgerEntry,
    texts: Mapping[tuple[str, str], str] | None,
    window: int,
    redact: bool,
    language: str,
) -> list[str]:
    machine = entry.machine
    assert machine is not None
    text = _answer(entry, texts)
    if text is None:
        tokens = _tokens(machine.evidence)
        public = _public(tokens, machine.evidence, redact, language)
        return [w for (w, _, _), ok in zip(tokens, public, strict=True) if ok]
    tokens = _tokens(text)
    public = _public(tokens, text, redact, language)
    inside = [i for i, (_, s, e) in enumerate(tokens) if s < machine.end and e > machine.start]
    if not inside:
        return []
    lo, hi = max(0, inside[0] - window), min(len(tokens), inside[-1] + window + 1)
    return [
        w for i, (w, _, _) in enumerate(tokens[lo:hi], start=lo) if i not in inside and public[i]
    ]


def _context_snippet(
    entry: LedgerEntry,
    texts: Mapping[tuple[str, str], str] | None,
    window: int,
    redact: bool,
    language: str,
) -> str:
    machine = entry.machine
    assert machine is not None
    text = _answer(entry, texts)
    if text is None:
        evidence = shown_evidence(machine.evidence, redact=redact, language=language)
        return f"{HIGHLIGHT[0]}{evidence}{HIGHLIGHT[1]}"
    # Redact the whole answer, then cut the window: a name at the window's edge is still
    # found, and the window counts a placeholder as one word.
    view = shown(text, [(machine.start, machine.end)], redact=redact, language=language)
    start, end = view.spans[0]
    tokens = _tokens(view.text, _SHOWN_WORD)
    inside = [i for i, (_, s, e) in enumerate(tokens) if s < end and e > start]
    lo = tokens[max(0, inside[0] - window * 2)][1] if inside else start
    hi = tokens[min(len(tokens) - 1, inside[-1] + window * 2)][2] if inside else end
    opening, closing = HIGHLIGHT
    return f"{view.text[lo:start]}{opening}{view.text[start:end]}{closing}{view.text[end:hi]}"


def _rule_text(codebook: Codebook | None, rule: str) -> str | None:
    if codebook is None or "#" not in rule:
        return None
    code_id, _, index = rule.rpartition("#")
    try:
        code = codebook.code(code_id)
    except KeyError:
        return None
    for pattern in code.patterns:
        if str(pattern.index) == index:
            return pattern.rule
    return None
