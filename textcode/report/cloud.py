"""Word clouds of lemmas (stop words left out), as PNG bytes that are the same on every run."""

from __future__ import annotations

import io
from collections.abc import Mapping

SEED = 20200707
# Longer "words" ("x" * 100_000) are noise no cloud can draw; measuring one at every font size
# took minutes. Real words stay below (the longest of the Dutch word list has 45 letters).
LONGEST_WORD = 50
MIN_FONT_SIZE = 13
# Dark colours only (each has a contrast of at least 4.5:1 on white, WCAG AA): no pale yellow.
PALETTE = ("#1f4e79", "#2f6f9f", "#1b5e20", "#6a1b9a", "#8d3b00", "#37474f")


def _dark_color(word: str, font_size: int, *args: object, **kwargs: object) -> str:
    """A colour of :data:`PALETTE` chosen by the word and its size (the same on every run)."""
    index = (sum(map(ord, word)) + font_size) % len(PALETTE)
    return PALETTE[index]


def word_cloud(
    frequencies: Mapping[str, int],
    *,
    width: int = 720,
    height: int = 320,
    max_words: int = 80,
    random_state: int = SEED,
) -> bytes | None:
    """A PNG word cloud of ``frequencies`` (lemma -> count), or ``None`` when there are none.
    Words longer than :data:`LONGEST_WORD` characters are left out.

    Uses the font that ships with the ``wordcloud`` package and a fixed ``random_state``, so
    the same counts draw the same picture.
    """
    from wordcloud import WordCloud

    items = sorted(
        ((w, c) for w, c in frequencies.items() if c > 0 and len(w) <= LONGEST_WORD),
        key=lambda i: (-i[1], i[0]),
    )
    if not items:
        return None
    cloud = WordCloud(
        width=width,
        height=height,
        background_color="white",
        max_words=max_words,
        random_state=random_state,
        # Every word horizontal and none tiny: a cloud is read, not looked at.
        prefer_horizontal=1.0,
        min_font_size=MIN_FONT_SIZE,
        color_func=_dark_color,
        collocations=False,
        normalize_plurals=False,
        include_numbers=False,
    ).generate_from_frequencies(dict(items[:max_words]))
    buffer = io.BytesIO()
    cloud.to_image().save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
