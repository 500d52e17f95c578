"""Text normalisation for matching, with offsets that always point into the original text."""

from __future__ import annotations

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


def nfc_with_offsets(text: str) -> tuple[str, list[int] | None]:
    """The NFC form of ``text`` and, when it differs, where each of its characters came from.

    ``offsets[i]`` is the index in ``text`` where NFC character ``i`` starts; ``offsets`` has one
    extra entry, ``len(text)``, so that an end offset maps too. ``None`` means the text was
    already NFC and offsets are the identity (the common case, checked cheaply).
    """
    if text.isascii() or unicodedata.is_normalized("NFC", text):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    start = 0
    n = len(text)
    while start < n:
        end = start + 1
        # A base character with the combining marks that follow it normalises as one unit.
        while end < n and unicodedata.combining(text[end]):
            end += 1
        normal = unicodedata.normalize("NFC", text[start:end])
        pieces.append(normal)
        offsets.extend([start] * len(normal))
        start = end
    offsets.append(n)
    return "".join(pieces), offsets


def map_offset(offsets: list[int] | None, index: int) -> int:
    """An offset into the NFC text mapped back to the original text."""
    return index if offsets is None else offsets[index]
