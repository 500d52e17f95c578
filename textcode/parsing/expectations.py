"""Expectations a claim makes about its numbers, as a sidecar writes them (``expect:``).

    >>> parse_expectation("<= 10%")
    Expectation(text='<= 10%', left='', op='<=', right='10%', word='')
    >>> parse_expectation("a > b").right
    'b'

Reading them lives here, below the sidecar that reads them and the analysis that checks them
(:mod:`textcode.analysis.claims`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPERATORS: tuple[str, ...] = ("<=", ">=", "==", "=", "<", ">")
_WORDS: dict[str, str] = {
    "most": "> 50%",
    "majority": "> 50%",
    "minority": "< 50%",
    "none": "== 0",
    "all": "== 100%",
}
_PATTERN = re.compile(
    r"^\s*(?:(?P<left>[A-Za-z_][\w.:-]*)\s*)?(?P<op><=|>=|==|=|<|>)\s*"
    r"(?P<right>[A-Za-z_][\w.:-]*|\d+(?:[.,]\d+)?\s*%?)\s*$"
)


@dataclass(frozen=True)
class Expectation:
    """``left op right``: ``left`` a claim's name ("" is the claim itself, ``a``/``b`` the two
    sides of a comparison), ``right`` a share ("10%"), a count ("3") or another name.
    ``word`` is the evaluative word that implied it ("zelden"), empty when written out."""

    text: str
    left: str
    op: str
    right: str
    word: str = ""


def parse_expectation(text: str, *, word: str = "") -> Expectation:
    """An expectation from its text; ``ValueError`` names what is wrong."""
    source = str(text).strip()
    spelled = _WORDS.get(source.lower(), source)
    match = _PATTERN.match(spelled)
    if not match:
        raise ValueError(
            f"cannot read the expectation {source!r} (write e.g. '<= 10%', '>= 3', 'a > b' or "
            f"one of {', '.join(_WORDS)})"
        )
    right = match.group("right").replace(" ", "").replace(",", ".")
    return Expectation(source, match.group("left") or "", match.group("op"), right, word)


def number(side: str) -> tuple[float, str] | None:
    """A written side's number and kind: ("10%" -> (0.1, "share"), "3" -> (3, "count"))."""
    try:
        if side.endswith("%"):
            return float(side[:-1]) / 100, "share"
        return float(side), "count"
    except ValueError:
        return None


def names(expectation: Expectation) -> tuple[str, ...]:
    """The claim names an expectation refers to."""
    out = [expectation.left]
    if number(expectation.right) is None:
        out.append(expectation.right)
    return tuple(out)


__all__ = ["OPERATORS", "Expectation", "names", "number", "parse_expectation"]
