"""What one cell of a table becomes in each output format, so that it reads back and never runs.

- **Nothing executes.** A spreadsheet cell textcode writes holds text or a number it computed,
  never a formula (:mod:`textcode.io.workbook` types every text cell as text). A CSV meant for
  people (``people=True``: the report's tables, ``kwic --out``) puts ``'`` before a text that
  starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return, as OWASP recommends
  against formula injection, since a spreadsheet opening the file would run it. CSVs meant for
  the next program keep every text exactly as it was (they are data, read back to the same
  values; a spreadsheet should import them as text).
- **Nothing is lost silently.** Characters a format cannot hold become ``U+FFFD`` (the
  replacement character, visible in every program) and are counted in a
  :class:`Replacements`, which warns once per file (``ReplacedCharactersWarning``): a lone
  surrogate in every format (UTF-8 cannot encode it); in a CSV file a NUL (many programs stop
  reading there, and a file full of them looks like UTF-16, see
  :func:`textcode.ingest.encoding.wide_encoding`); in a spreadsheet the control characters
  XML 1.0 forbids (``\\x00``-``\\x08``, ``\\x0b``, ``\\x0c``, ``\\x0e``-``\\x1f``). A
  spreadsheet keeps line ends as ``\\n`` (``\\r\\n`` and ``\\r`` become ``\\n``, as Excel itself
  stores them) and at most 32,767 characters per cell (longer texts are cut, and counted).
- Lists and mappings (a JSON Lines field holding ``["a", "b"]``) become their JSON text.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

from textcode.lazy_pandas import is_pandas_missing

REPLACEMENT = "\ufffd"
MAX_XLSX_CELL = 32_767  # Excel's limit on the characters in one cell
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # OWASP: what a spreadsheet may run
_UNENCODABLE = re.compile("[\ud800-\udfff]")  # lone surrogates: no UTF-8 for them
_NOT_IN_CSV = re.compile("[\x00\ud800-\udfff]")
_NOT_IN_XLSX = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_LINE_END = re.compile("\r\n?")


class ReplacedCharactersWarning(UserWarning):
    """An output could not hold some characters: they were replaced by U+FFFD (or cut)."""


@dataclass
class Replacements:
    """Characters replaced (and texts cut) while one output file was written."""

    characters: int = 0
    cells: int = 0
    cut: int = 0
    examples: list[str] = field(default_factory=list)

    def add(self, found: list[str]) -> None:
        """Count the characters replaced in one cell."""
        self.characters += len(found)
        self.cells += 1
        for char in found:
            name = f"U+{ord(char):04X}"
            if len(self.examples) < 3 and name not in self.examples:
                self.examples.append(name)

    def messages(self) -> list[str]:
        """What was replaced or cut, as sentences (empty when nothing was)."""
        out = []
        if self.characters:
            kinds = ", ".join(self.examples)
            out.append(
                f"{self.characters} character{'s' if self.characters != 1 else ''} the format "
                f"cannot hold ({kinds}) in {self.cells} cell{'s' if self.cells != 1 else ''} "
                "replaced by U+FFFD"
            )
        if self.cut:
            out.append(
                f"{self.cut} text{'s' if self.cut != 1 else ''} longer than Excel's "
                f"{MAX_XLSX_CELL:,} characters cut"
            )
        return out

    def warn(self, where: str, *, stacklevel: int = 2) -> None:
        """One warning naming the file, if anything was replaced or cut."""
        messages = self.messages()
        if messages:
            warnings.warn(
                f"{where}: {'; '.join(messages)}",
                ReplacedCharactersWarning,
                stacklevel=stacklevel + 1,
            )


def _replace(text: str, pattern: re.Pattern[str], tally: Replacements | None) -> str:
    found = pattern.findall(text)
    if not found:
        return text
    if tally is not None:
        tally.add(found)
    return pattern.sub(REPLACEMENT, text)


def encodable(text: str, tally: Replacements | None = None) -> str:
    """``text`` with lone surrogates (which no UTF-8 file can hold) replaced by U+FFFD."""
    return text if text.isascii() else _replace(text, _UNENCODABLE, tally)


class LoneSurrogateWarning(UserWarning):
    """A JSON text held ``\\udXXX`` escapes that are no character; they became U+FFFD."""


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")


def has_surrogate_escape(json_text: str) -> bool:
    """Whether JSON text holds a ``\\u`` escape of a surrogate (paired or not): the cheap test
    before :func:`encodable_json` walks what it parsed to."""
    return "\\u" in json_text and _SURROGATE_ESCAPE.search(json_text) is not None


def encodable_json(value: Any, tally: Replacements) -> Any:
    """``value`` (parsed JSON) with lone surrogates in its texts and keys replaced."""
    if isinstance(value, str):
        return encodable(value, tally)
    if isinstance(value, list):
        return [encodable_json(v, tally) for v in value]
    if isinstance(value, dict):
        return {encodable(k, tally): encodable_json(v, tally) for k, v in value.items()}
    return value


def warn_lone_surrogates(source: str, count: int, lines: list[int]) -> None:
    """One :class:`LoneSurrogateWarning` naming the file, the count and the first lines."""
    where = ", ".join(str(n) for n in lines[:3])
    at = f" (line {where}{', ...' if len(lines) >= 3 else ''})" if lines else ""
    warnings.warn(
        f"{source}: {count} \\u escape{'s' if count != 1 else ''} of a lone surrogate (no "
        f"character) replaced by U+FFFD{at}",
        LoneSurrogateWarning,
        stacklevel=3,
    )


def csv_text(text: str, tally: Replacements | None = None) -> str:
    """``text`` with what a CSV file cannot hold (NUL, lone surrogates) replaced by U+FFFD."""
    return _replace(text, _NOT_IN_CSV, tally)


def fits_csv(text: str) -> bool:
    """Whether ``text`` (a whole CSV file's) holds nothing :func:`csv_text` would replace."""
    return "\x00" not in text and (text.isascii() or _UNENCODABLE.search(text) is None)


def json_text(value: Any) -> str:
    """A list or mapping as compact JSON text (keys kept in order, non-ASCII as is)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def neutralised(text: str) -> str:
    """A text for a CSV people open in a spreadsheet: ``'`` before what would start a formula."""
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_cell(value: Any, tally: Replacements | None = None, *, people: bool = False) -> Any:
    """A cell for a CSV file: texts encodable (and neutralised for people), lists as JSON."""
    if isinstance(value, list | dict | tuple):
        value = json_text(value)
    if isinstance(value, str):
        value = csv_text(value, tally)
        return neutralised(value) if people else value
    return value


def xlsx_cell(value: Any, tally: Replacements | None = None) -> Any:
    """A cell for a spreadsheet: text, a number, a date, a truth value or empty (None)."""
    import numpy as np  # (here: writing a CSV file or a ledger needs none)

    if value is None or is_pandas_missing(value):
        return None
    if isinstance(value, float | np.floating) and np.isnan(value):
        return None
    if isinstance(value, dt.datetime) and hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()  # pandas' Timestamp, a datetime subclass
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        value = value.replace(tzinfo=None)  # a spreadsheet has no time zones
    if isinstance(value, np.generic):
        value = value.item()  # numpy scalars
    if isinstance(value, list | dict | tuple):
        value = json_text(value)
    if isinstance(value, bytes):
        value = value.decode("utf-8", errors="replace")
    if isinstance(value, bool | int | float | dt.date | dt.time | dt.timedelta):
        return value
    text = value if isinstance(value, str) else str(value)
    if "\r" in text:
        text = _LINE_END.sub("\n", text)
    text = _replace(text, _NOT_IN_XLSX, tally)
    if len(text) > MAX_XLSX_CELL:
        if tally is not None:
            tally.cut += 1
        text = text[: MAX_XLSX_CELL - 1] + "…"
    return text
