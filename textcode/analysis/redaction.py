"""Redaction helpers for what analysis shows beyond answer text: labels and word counts.

Answer text itself (quotes, contexts, highlighted evidence) is shown through the one shared
helper, :func:`textcode.privacy.shown`, which maps evidence offsets into the redacted text and
fails closed (``RedactionError``) rather than show an answer unredacted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9-]*\]")


def without_placeholders(text: str) -> str:
    """A redacted text with its placeholders ("[NAAM]", "[E-MAIL]") taken out, for word counts."""
    return _PLACEHOLDER.sub(" ", text)


def shown_labels(
    values: Iterable[str], *, redact: bool = True, language: str = "nl"
) -> dict[str, str]:
    """How each category of an attribute is shown: redacted, and still told apart.

    A free-text attribute used to group by ("toelichting") can hold an e-mail address; its
    values head tables and name groups, so they are redacted like answers. Two values that
    redact to the same words ("Mail [E-MAIL]") get " (2)", " (3)", … in the order given.
    """
    from textcode.privacy import shown

    out: dict[str, str] = {}
    taken: set[str] = set()
    for value in values:
        if value in out:
            continue
        label = shown(value, redact=redact, language=language).text if value else value
        candidate, k = label, 2
        while candidate in taken:
            candidate, k = f"{label} ({k})", k + 1
        out[value] = candidate
        taken.add(candidate)
    return out
