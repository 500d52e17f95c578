"""Small pieces the personal-data detectors share: word alternations and sentence starts."""

from __future__ import annotations

import re
from collections.abc import Iterable


def alternation(words: Iterable[str]) -> str:
    """A regular-expression alternation of ``words``, longest first ("van der" before "van")."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence (or a line, a list item, a quotation) in ``text``."""
    i = start - 1
    while i >= 0 and text[i] in " \t\u00a0\"'“‘([*•-–":
        i -= 1
    return i < 0 or text[i] in ".!?:;\n"
