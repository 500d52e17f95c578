"""Text normalisation for matching, with offsets that always point into the original text."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


@lru_cache(maxsize=200_000)
def fold(text: str) -> str:
    """Lower case without accents: "Ideeën" -> "ideeen", "geïnitieerd" -> "geinitieerd"."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFD", lowered)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped)


# Characters that show nothing but split words: zero-width spaces and joiners, soft hyphens,
# byte-order marks and control characters that copy-pasted web text brings ("bud\u00adget").
_INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The text as matched (NFC, invisible characters left out) and where each character came from.

    ``offsets[i]`` is the index in ``text`` where matched character ``i`` starts; ``offsets`` has
    one extra entry, ``len(text)``, so that an end offset maps too. ``None`` means nothing
    changed and offsets are the identity (the common case, checked cheaply).
    """
    if _INVISIBLE.search(text) is None:
        if text.isascii() or unicodedata.is_normalized("NFC", text):
            return text, None
    elif text.isascii():
        return _without_invisible(text)
    pieces: list[str] = []
    offsets: list[int] = []
    # Word by word: most words need nothing and are copied whole (a character at a time, a
    # long answer took seconds per megabyte).
    for first, last in _words(text):
        word = text[first:last]
        if _INVISIBLE.search(word) is None and (
            word.isascii()
            or (
                unicodedata.is_normalized("NFC", word)
                and not any(unicodedata.combining(ch) for ch in word)
            )
        ):
            pieces.append(word)
            offsets.extend(range(first, last))
        else:
            _normalize_units(text, first, last, pieces, offsets)
    offsets.append(len(text))
    return "".join(pieces), offsets


_WORD_OR_SPACE = re.compile(r"\S+|\s+")


def _words(text: str) -> list[tuple[int, int]]:
    """Spans of words and of the spaces between them; a span that starts with a combining mark
    joins the one before, whose last character the mark belongs to."""
    spans: list[tuple[int, int]] = []
    for m in _WORD_OR_SPACE.finditer(text):
        if spans and unicodedata.combining(text[m.start()]):
            spans[-1] = (spans[-1][0], m.end())
        else:
            spans.append((m.start(), m.end()))
    return spans


def _normalize_units(
    text: str, start: int, stop: int, pieces: list[str], offsets: list[int]
) -> None:
    """NFC of ``text[start:stop]`` unit by unit, invisible characters left out."""
    while start < stop:
        if _INVISIBLE.match(text, start):
            start += 1
            continue
        end = start + 1
        # A base character with the combining marks that follow it normalises as one unit.
        while end < stop and unicodedata.combining(text[end]):
            end += 1
        normal = unicodedata.normalize("NFC", text[start:end])
        pieces.append(normal)
        offsets.extend([start] * len(normal))
        start = end


def _without_invisible(text: str) -> tuple[str, list[int]]:
    kept = [i for i, ch in enumerate(text) if not _INVISIBLE.match(ch)]
    return "".join(text[i] for i in kept), [*kept, len(text)]


def map_span(text: str, offsets: list[int] | None, start: int, end: int) -> tuple[int, int]:
    """A span of the matched text as a span of the original ``text``.

    The end stops after the last character's own code points (a base letter with its combining
    marks), before any invisible characters that follow it.
    """
    if offsets is None:
        return start, end
    original_start = offsets[start]
    if end <= start:
        return original_start, original_start
    last = offsets[end - 1]
    original_end = offsets[end]
    while original_end > last + 1 and _INVISIBLE.match(text, original_end - 1):
        original_end -= 1
    return original_start, original_end


def map_offset(offsets: list[int] | None, index: int) -> int:
    """An offset into the NFC text mapped back to the original text."""
    return index if offsets is None else offsets[index]
