"""Replies an agent can afford: bounded in size, long texts cut around what matters.

No reply of the desk exceeds :data:`MAX_REPLY_BYTES` of JSON. Lists are paged (``offset``,
``limit``, ``next_offset``) and filled only as far as the budget goes; an answer longer than
:data:`MAX_TEXT` characters is shown as a window around its evidence.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

MAX_REPLY_BYTES = 20_000
MAX_TEXT = 3_000  # characters of an answer shown on a review item
MAX_SNIPPET = 500  # characters of an evidence span, explanation or example
MAX_COMMENT_SHOWN = 200  # characters of a comment shown back in a listing
ELLIPSIS = "…"


def size(value: Any) -> int:
    """Bytes of ``value`` as compact UTF-8 JSON (what goes over the wire)."""
    return len(json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def clip(text: str | None, limit: int = MAX_SNIPPET) -> str | None:
    """``text`` cut to ``limit`` characters, with an ellipsis when it was longer."""
    if text is None or len(text) <= limit:
        return text
    return text[: limit - 1] + ELLIPSIS


def fill(
    items: Iterable[Any],
    reply: Callable[[list[Any]], dict[str, Any]],
    *,
    limit: int,
    budget: int = MAX_REPLY_BYTES,
) -> tuple[dict[str, Any], int]:
    """The largest reply ``reply(page)`` of at most ``limit`` of ``items`` that fits in
    ``budget`` bytes, and how many items it holds (at least one whenever one fits)."""
    page: list[Any] = []
    best = reply(page)
    for item in items:
        if len(page) >= limit:
            break
        page.append(item)
        candidate = reply(page)
        if size(candidate) > budget:
            page.pop()
            break
        best = candidate
    return best, len(page)


def window(text: str, start: int, end: int, limit: int = MAX_TEXT) -> tuple[int, int]:
    """The part ``[a, b)`` of ``text`` to show: all of it when short enough, else ``limit``
    characters centred on ``[start, end)``."""
    if len(text) <= limit:
        return 0, len(text)
    middle = (start + min(end, start + limit)) // 2
    a = max(0, min(middle - limit // 2, len(text) - limit))
    return a, a + limit
