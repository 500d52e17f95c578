"""JSON from outside with its nesting bounded (see :mod:`textcode.parsing`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from textcode.parsing.limits import MAX_DEPTH

# The scanner json.loads ends in, called directly for a text that is one JSON value with nothing
# around it (every line of a JSON Lines file): the same value, without json.loads' three Python
# layers, which cost twice what the scanning does on a short line.
_scan_once: Callable[[str, int], tuple[Any, int]]
_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined]
scan_json = _scan_once
"""``scan_json(text, 0)``: the first JSON value of ``text`` and where it ends (raises on bad
JSON or white space first). A reader that checks the end and the nesting itself
(:data:`~textcode.parsing.limits.MAX_DEPTH`), as :func:`loads_json` does, and leaves every
other line to :func:`loads_json`, gets its values without its call."""


def loads_json(text: str) -> Any:
    """:func:`json.loads`, refusing nesting deeper than :data:`MAX_DEPTH` levels.

    Too deep a document raises :class:`json.JSONDecodeError`, as any other bad JSON does, so
    every reader turns it into its one-line error naming the file and line.
    """
    try:
        value, end = _scan_once(text, 0)
        if end != len(text):
            raise ValueError("more than one value")
    except (ValueError, TypeError, StopIteration, RecursionError):
        value = _loads(text)  # white space around it, or an error json.loads names exactly
    if text.count("[") + text.count("{") > MAX_DEPTH and _depth(value) > MAX_DEPTH:
        raise _too_deep(text)
    if key_marks(text) > _keys(value):
        _refuse_duplicate_keys(text)
    return value


def key_marks(text: str) -> int:
    """How many places in a JSON text may end an object's key: a quote, perhaps a space, a
    colon. At least the number of keys; more only when a key repeats or an answer holds
    ``\\":`` (a quoted word before a colon), so a reader parses again only then."""
    return text.count('":') + text.count('" :') + text.count('"\t:')


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _refuse_duplicate_keys(text: str) -> None:
    """A key twice in one object is refused: json.loads keeps the last value and drops the
    first without a word ({"tekst": "a", "tekst": "b"} loses an answer). Called only when the
    text has more :func:`key_marks` than the parsed value has keys."""
    try:
        json.loads(text, object_pairs_hook=_unique_pairs)
    except _DuplicateKey as duplicate:
        quoted = json.dumps(duplicate.key, ensure_ascii=False)
        first = text.find(quoted)
        second = text.find(quoted, first + 1) if first >= 0 else -1
        raise json.JSONDecodeError(
            f"key {quoted} twice in one object", text, max(second, 0)
        ) from None


def _keys(value: Any) -> int:
    """How many keys the objects in a parsed value hold, nested ones too."""
    if type(value) is dict and not any(isinstance(v, dict | list) for v in value.values()):
        return len(value)
    keys = 0
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            keys += len(item)
            stack.extend(v for v in item.values() if isinstance(v, dict | list))
        elif isinstance(item, list):
            stack.extend(v for v in item if isinstance(v, dict | list))
    return keys


def _loads(text: str) -> Any:
    try:
        value = json.loads(text)
    except RecursionError:
        raise _too_deep(text) from None
    return value


def _too_deep(text: str) -> json.JSONDecodeError:
    return json.JSONDecodeError(f"nested deeper than {MAX_DEPTH} levels", text, 0)


def _depth(value: Any) -> int:
    """The nesting of lists and objects in a parsed value, walked without recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children: Any = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        if deepest > MAX_DEPTH:
            break
        stack.extend((child, depth + 1) for child in children if isinstance(child, dict | list))
    return deepest
