"""``codebook check``: every example of every code runs as a test of the codebook's rules.

It lives in :mod:`textcode.coding` because it runs the coder; the codebook package itself
knows nothing of coding.
"""

from __future__ import annotations

from dataclasses import dataclass

from textcode.codebook.model import Code, Codebook
from textcode.coding.coder import Coder


@dataclass(frozen=True)
class ExampleResult:
    """One example run through the coder."""

    code: str
    kind: str  # "positive" or "negative"
    text: str
    passed: bool
    found: tuple[str, ...]  # codes the coder gave the example


@dataclass(frozen=True)
class CheckResult:
    """All example results, plus codes that cannot be tested (no patterns or no examples).

    ``warnings`` point at settings that are valid but likely wrong (a topic question that drops
    praised mentions); ``notes`` say what was let pass and why. Neither makes the check fail.
    """

    results: tuple[ExampleResult, ...]
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    @property
    def failures(self) -> tuple[ExampleResult, ...]:
        return tuple(r for r in self.results if not r.passed)

    @property
    def ok(self) -> bool:
        return not self.failures and not self.problems


CheckReport = CheckResult  # the old name


def _question_for(codebook: Codebook, code: Code) -> str:
    group = codebook.group(code.group)
    if not group.applies_to_all:
        return group.id
    own = [g for g in codebook.groups if not g.applies_to_all]
    return own[0].id if own else group.id


def check_codebook(codebook: Codebook) -> CheckResult:
    """Run each positive example (must get its code) and negative example (must not)."""
    coder = Coder(codebook)
    results: list[ExampleResult] = []
    problems: list[str] = []
    untested: list[str] = []
    for code in codebook.codes:
        if not code.patterns:
            problems.append(f"{code.id}: no patterns")
        if not code.positive_examples:
            if codebook.imported_from:
                untested.append(code.id)
            else:
                problems.append(f"{code.id}: no positive examples")
        question = _question_for(codebook, code)
        for kind, examples in (
            ("positive", code.positive_examples),
            ("negative", code.negative_examples),
        ):
            for text in examples:
                found = tuple(dict.fromkeys(s.code for s in coder.code_text(text, question)))
                passed = (code.id in found) == (kind == "positive")
                results.append(ExampleResult(code.id, kind, text, passed, found))
    notes = []
    if untested:
        notes.append(
            f"{len(untested)} imported code(s) without examples ({codebook.imported_from}): "
            "examples are optional for imported codes; add some to test their rules"
        )
    return CheckResult(tuple(results), tuple(problems), polarity_warnings(codebook), tuple(notes))


def polarity_warnings(codebook: Codebook) -> tuple[str, ...]:
    """Groups that drop praised or sufficient mentions without saying they code evaluations.

    In a topic question ("welke toekomst wilt u?") "sterke economie" and "goede zorg" are the
    topics themselves; ``positive: drop`` silently loses them. A group that means it declares
    ``kind: evaluations``; a topic question declares ``kind: topics``.
    """
    warnings = []
    for group in codebook.groups:
        if group.kind:
            continue
        dropping = sorted(
            {
                setting
                for code in group.codes
                for setting in ("positive", "sufficient")
                if getattr(code.negation, setting) == "drop"
            }
        )
        if dropping:
            settings = " and ".join(f"{name}: drop" for name in dropping)
            warnings.append(
                f"group {group.id} drops praised or sufficient mentions ({settings}) but does not "
                "say what it codes: in a topic question 'sterke economie' or 'goede zorg' is the "
                "topic itself; declare kind: topics (polarity never drops a code) or kind: "
                "evaluations (these settings apply)"
            )
    return tuple(warnings)
