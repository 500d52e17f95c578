"""Claims checked against the data: expectations a statement or conclusion makes.

A sidecar statement may say what its numbers must show (``expect: "<= 10%"``, ``expect: "a >
b"`` for a comparison, ``expect: most``), and an evaluative word in its wording implies one
("zelden" means at most one in ten: ``EVALUATIVE`` in ``textcode/lang/<code>/quantifiers.py``).
A conclusion names the statements it cites (``toepasbaar_elders >= 80%``). The report marks a
claim whose data contradict it, so a sentence never silently says "zelden" over 56%.
Expectations are read by :mod:`textcode.parsing.expectations`.

    >>> holds(parse_expectation("<= 10%"), {"": (0.56, 50)})
    False
"""

from __future__ import annotations

import operator
import re
from collections.abc import Callable, Mapping

from textcode.lang import get_language
from textcode.parsing.expectations import Expectation, names, number, parse_expectation

_OPS: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
    "=": operator.eq,
}


# A word for a share: "most" is more than half.
def implied_expectations(text: str, *, language: str = "nl") -> tuple[Expectation, ...]:
    """The expectations the evaluative words of a statement's own wording imply."""
    words: Mapping[str, str] = getattr(get_language(language).quantifiers, "EVALUATIVE", {})
    lowered = text.lower()
    found = []
    for word, expectation in words.items():
        if re.search(rf"(?<!\w){re.escape(word)}(?!\w)", lowered):
            found.append(parse_expectation(expectation, word=word))
    return tuple(found)


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
    right = number(expectation.right)
    if right is None:
        return None
    value, kind = right
    if kind == "count":
        return compare(left[1], value)
    return compare(round(100 * left[0]), round(100 * value))


__all__ = ["Expectation", "holds", "implied_expectations", "names", "parse_expectation"]
