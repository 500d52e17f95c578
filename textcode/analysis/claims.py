"""Claims checked against the data: expectations a statement or conclusion makes.

A sidecar statement may say what its numbers must show (``expect: "<= 10%"``, ``expect: "a >
b"`` for a comparison, ``expect: most``), and an evaluative word in its wording implies one
("zelden" means at most one in ten: ``EVALUATIVE`` in ``textcode/lang/<code>/quantifiers.py``).
A conclusion names the statements it cites (``toepasbaar_elders >= 80%``). The report marks a
claim whose data contradict it, so a sentence never silently says "zelden" over 56%.

    >>> parse_expectation("<= 10%")
    Expectation(text='<= 10%', left='', op='<=', right='10%', word='')
    >>> holds(parse_expectation("<= 10%"), {"": (0.56, 50)})
    False
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from textcode.lang import get_language

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
    "=": operator.eq,
}
# A word for a share: "most" is more than half.
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


def implied_expectations(text: str, *, language: str = "nl") -> tuple[Expectation, ...]:
    """The expectations the evaluative words of a statement's own wording imply."""
    words: Mapping[str, str] = getattr(get_language(language).quantifiers, "EVALUATIVE", {})
    lowered = text.lower()
    found = []
    for word, expectation in words.items():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            found.append(parse_expectation(expectation, word=word))
    return tuple(found)


def _number(side: str) -> tuple[float, str] | None:
    """A written side's number and kind: ("10%" -> (0.1, "share"), "3" -> (3, "count"))."""
    try:
        if side.endswith("%"):
            return float(side[:-1]) / 100, "share"
        return float(side), "count"
    except ValueError:
        return None


def holds(expectation: Expectation, shares: Mapping[str, tuple[float, int]]) -> bool | None:
    """Whether the numbers meet ``expectation``; ``shares`` maps a claim's name to its (share,
    n), the claim itself under "". ``None`` when a name is unknown. Shares compare in whole
    percents, as the report shows them ("<= 10%" holds for 10.4%)."""
    left = shares.get(expectation.left)
    if left is None:
        return None
    compare = _OPS[expectation.op]
    if expectation.right in shares:
        return compare(left[0], shares[expectation.right][0])
    right = _number(expectation.right)
    if right is None:
        return None
    number, kind = right
    if kind == "count":
        return compare(left[1], number)
    return compare(round(100 * left[0]), round(100 * number))


def names(expectation: Expectation) -> tuple[str, ...]:
    """The claim names an expectation refers to."""
    out = [expectation.left]
    if _number(expectation.right) is None:
        out.append(expectation.right)
    return tuple(out)


__all__ = ["Expectation", "holds", "implied_expectations", "names", "parse_expectation"]
