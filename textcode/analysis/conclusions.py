"""The researcher's conclusions, with the figures they cite checked like any claim.

A conclusion is free text in the sidecar that cites insights by id in braces (``{tastbaar}``,
``{fasen:nazorg}``): the report puts each cited figure, linked to its answers, where the brace
stands. A conclusion is contradicted when an expectation of its own fails
(``toepasbaar_elders >= 80%``), when a statement it cites is contradicted, or when it cites an
id the analysis does not have.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from textcode.analysis.claims import Expectation, holds, names, parse_expectation
from textcode.analysis.insights import Insight, Insights

REFERENCE = re.compile(r"\{([A-Za-z_][\w.:-]*)\}")


@dataclass(frozen=True)
class Conclusion:
    """A conclusion with what it cites and what, if anything, the data contradict."""

    id: str
    title: str
    text: str
    cited: tuple[str, ...] = ()
    expectations: tuple[Expectation, ...] = ()
    contradicted: tuple[Expectation, ...] = ()
    contradicted_citations: tuple[str, ...] = ()  # cited statements whose data contradict them
    unknown: tuple[str, ...] = ()  # ids cited or named that no insight has

    @property
    def holds(self) -> bool:
        return not (self.contradicted or self.contradicted_citations or self.unknown)


def check_conclusion(
    conclusion_id: str,
    text: str,
    insights: Insights,
    *,
    title: str = "",
    expect: Sequence[str] = (),
) -> Conclusion:
    """A conclusion's citations resolved and its expectations checked against ``insights``."""
    known: dict[str, Insight] = {i.id: i for i in insights}
    cited = tuple(dict.fromkeys(REFERENCE.findall(text)))
    expectations = tuple(parse_expectation(e) for e in expect)
    named = [n for e in expectations for n in names(e)]
    unknown = tuple(dict.fromkeys(n for n in (*cited, *named) if n not in known))
    shares = {key: (i.share, i.n) for key, i in known.items()}
    failed = tuple(e for e in expectations if holds(e, shares) is False)
    return Conclusion(
        id=conclusion_id,
        title=title,
        text=text,
        cited=cited,
        expectations=expectations,
        contradicted=failed,
        contradicted_citations=tuple(c for c in cited if c in known and known[c].contradicted),
        unknown=unknown,
    )


__all__ = ["REFERENCE", "Conclusion", "check_conclusion"]
