"""Reading the text files textcode's own formats are written in: UTF-8, a byte-order mark
allowed, and JSON Lines.

One reader for gold files, suggestions, codebooks, patches and sidecars, so that each says the
same when a file is not UTF-8 (one line naming the file and the line of the first byte that is
not) or cannot be read at all, instead of a traceback from the decoder; and one JSON Lines
reader for gold files and suggestions, so that both split lines and replace lone surrogates
alike.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from textcode.errors import InputError
from textcode.io.cells import (
    Replacements,
    encodable_json,
    has_surrogate_escape,
    warn_lone_surrogates,
)
from textcode.parsing.jsontext import loads_json


def read_utf8(path: str | os.PathLike[str], what: str) -> str:
    """The file's text; :class:`InputError` naming the file (``what`` it is, in the message)
    when it cannot be read, and the line of the first byte that is not UTF-8."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what} ({exc.strerror or exc})", path=path) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{what} is not UTF-8 text", path=path, line=line) from None


def json_lines(text: str, path: str | os.PathLike[str]) -> list[tuple[int, Any]]:
    """The values of JSON Lines text with their line numbers; blank lines are skipped.

    Only ``"\\n"`` ends a line (``"\\r\\n"`` too): a text may hold U+2028, U+0085 and the other
    characters :meth:`str.splitlines` also breaks at, and must read back as it was written. A
    ``\\ud800`` escape that pairs with no other surrogate is no character (no UTF-8 file can
    hold it): it becomes U+FFFD, with one warning naming the file and the first lines.
    """
    parsed: list[tuple[int, Any]] = []
    tally, places = Replacements(), []
    for number, ending in enumerate(text.split("\n"), start=1):
        line = ending[:-1] if ending[-1:] == "\r" else ending
        if not line.strip():
            continue
        try:
            value = loads_json(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg})", path=path, line=number) from None
        if has_surrogate_escape(line):
            before = tally.characters
            value = encodable_json(value, tally)
            if tally.characters > before:
                places.append(number)
        parsed.append((number, value))
    if tally.characters:
        warn_lone_surrogates(str(path), tally.characters, places)
    return parsed
