"""nfc_with_offsets copies words that need nothing whole: the same text and offsets as
normalising every character of the answer, unit by unit (which took seconds per megabyte)."""

from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from textcode.nlp.normalize import _INVISIBLE, _normalize_units, nfc_with_offsets

# Letters, spaces and line breaks, accents composed and decomposed, marks that compose with
# nothing, invisible characters and singletons that NFC replaces ("Å" as the ångström sign).
PIECES = [
    "a", "e", "q", " ", "\n", "\t", "é", "e\u0301", "\u0301", "\u0308", "\u0323", "ë",
    "\u00ad", "\u200b", "\x0b", "\x01", "\u212b", "\u2126", "IJ", "ö", "o\u0308\u0323",
]  # fmt: skip


def _unit_by_unit(text: str) -> tuple[str, list[int] | None]:
    """The old way: every character of the whole text, unit by unit."""
    if _INVISIBLE.search(text) is None and (
        text.isascii() or unicodedata.is_normalized("NFC", text)
    ):
        return text, None
    pieces: list[str] = []
    offsets: list[int] = []
    _normalize_units(text, 0, len(text), pieces, offsets)
    return "".join(pieces), [*offsets, len(text)]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_word_by_word_equals_unit_by_unit(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert nfc_with_offsets(text) == _unit_by_unit(text)


def test_a_dutch_answer_with_a_decomposed_accent() -> None:
    text = "Te weinig ide\u0301ee\u0308n en geen tijd"
    normal, offsets = nfc_with_offsets(text)
    assert normal == "Te weinig idéeën en geen tijd"
    assert offsets is not None and offsets[normal.index("geen")] == text.index("geen")
