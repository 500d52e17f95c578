"""Texts that change on the way out or in (redaction, line ends), with their offsets mapped.

A coding's span is only right if it moves with the text: when a redaction puts ``[E-MAIL]``
where an address stood, or ``\\r\\n`` becomes ``\\n``, every later offset shifts. A
:class:`MappedText` holds the changed text and maps spans of the original into it.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from textcode.privacy.display import TextView

# What an export needs of :func:`textcode.privacy.shown`'s result: the text and the span map.
Redactor = Callable[[str], TextView]
RedactionLike = TextView  # the old name


def _identity(start: int, end: int) -> tuple[int, int]:
    return start, end


@dataclass(frozen=True, slots=True)
class MappedText:
    """``text`` derived from an original, with ``map_span`` from original offsets to ``text``."""

    text: str
    map_span: Callable[[int, int], tuple[int, int]] = field(default=_identity)
    changed: bool = False

    def then(self, other: MappedText) -> MappedText:
        """This change followed by ``other`` (which was made from ``self.text``)."""
        first, second = self.map_span, other.map_span

        def both(start: int, end: int) -> tuple[int, int]:
            return second(*first(start, end))

        return MappedText(other.text, both, self.changed or other.changed)


def unchanged(text: str) -> MappedText:
    """A text that stays as it is."""
    return MappedText(text)


def normalize_newlines(text: str) -> MappedText:
    """``\\r\\n`` and lone ``\\r`` as ``\\n``; offsets after each removed ``\\r`` move back."""
    if "\r" not in text:
        return MappedText(text)
    removed = [i for i, ch in enumerate(text) if ch == "\r" and text[i + 1 : i + 2] == "\n"]

    def shift(position: int) -> int:
        return position - bisect_left(removed, position)

    def span(start: int, end: int) -> tuple[int, int]:
        return shift(start), shift(end)

    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    return MappedText(normalized, span, True)


def redacted(text: str, redactor: Redactor) -> MappedText:
    """``text`` through a redactor whose result has ``.text`` and ``.map_span``."""
    result: Any = redactor(text)
    if result.text == text:
        return MappedText(text)
    return MappedText(result.text, result.map_span, True)


def resolve_redactor(redact: bool | Redactor, language: str) -> Redactor | None:
    """The redactor an export uses: textcode.privacy's for ``True``, none for ``False``."""
    if redact is True:
        return default_redactor(language)
    return redact or None


def default_redactor(language: str) -> Redactor:
    """:func:`textcode.privacy.shown` for ``language``, imported on first use.

    The one helper every view of answer text uses: it fails closed (``RedactionError``, never
    the original text) and its ``map_span`` widens a span that touches personal data to the
    whole placeholder.
    """
    from textcode.privacy import shown

    def redact(text: str) -> TextView:
        return shown(text, language=language)

    return redact
