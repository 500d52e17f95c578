"""Redaction for everything analysis shows: quotes, contexts, highlighted evidence.

Coding runs on the original text; shown text is redacted by default through
:func:`textcode.privacy.redact_text`, and evidence offsets are carried across with
``Redaction.map_span`` so a highlight still lands on the right words.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Shown:
    """A text as shown, and how to map an offset span of the original into it."""

    text: str
    map_span: Callable[[int, int], tuple[int, int]]
    redacted: bool


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


@lru_cache(maxsize=50_000)
def _redact(text: str, language: str) -> Shown:
    from textcode.privacy import redact_text

    redaction = redact_text(text, language=language)
    return Shown(redaction.text, redaction.map_span, redaction.changed)


def shown_text(text: str, *, redact: bool = True, language: str = "nl") -> Shown:
    """The text to show: redacted unless ``redact`` is False."""
    if not redact or not text:
        return Shown(text, _identity, False)
    return _redact(text, language)


_PLACEHOLDER = re.compile(r"\[[A-Z][A-Z0-9-]*\]")


def without_placeholders(text: str) -> str:
    """A redacted text with its placeholders ("[NAAM]", "[E-MAIL]") taken out, for word counts."""
    return _PLACEHOLDER.sub(" ", text)
