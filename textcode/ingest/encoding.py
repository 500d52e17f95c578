"""Decoding text files and finding the delimiter of delimited text, by fixed rules.

Encoding rule (deterministic, no statistics): a UTF-16 byte-order mark means UTF-16 (Excel's
"Unicode text"); otherwise the bytes are read as UTF-8, with or without a byte-order mark; when
that fails, as cp1252, the Windows code page that SPSS and Excel use for Dutch. Bytes that are
neither (cp1252 leaves five bytes undefined) stop with the line of the first bad byte.

Delimiter rule: each of ``,`` ``;`` tab ``|`` is tried on the start of the file; the winner
splits the header into at least two fields and gives the most rows with as many fields as the
header (ties: more fields, then the order above). Excel's ``sep=;`` first line is obeyed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re

from textcode.errors import InputError

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}

# How much of the file the delimiter is guessed from.
SNIFF_CHARS = 64 * 1024

_SEP_LINE = re.compile(r"sep=(.)\r?\n?", re.IGNORECASE)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def decode(data: bytes, *, encoding: str | None, path: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding used to read it (``"utf-8"``, ``"cp1252"``, ...)."""
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path) from None
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        return _decode_as(data, name, path), name
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(data, "utf-16", path), "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return _decode_as(data, "utf-8-sig", path), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError as exc:
        raise InputError(
            f"byte 0x{data[exc.start]:02x} is neither UTF-8 nor cp1252; "
            "save the file as UTF-8 or pass encoding=",
            path=path,
            line=_line_of(data, exc.start),
        ) from None


def _decode_as(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = None if encoding.startswith("utf-16") else _line_of(data, exc.start)
        raise InputError(
            f"byte 0x{data[exc.start]:02x} cannot be read as {encoding}", path=path, line=line
        ) from None


def excel_sep_line(text: str) -> tuple[str | None, int]:
    """Excel's optional first line ``sep=;``: the delimiter it names and its length."""
    match = _SEP_LINE.match(text)
    if match is None or not text[match.end(1) :].startswith(("\n", "\r")):
        return None, 0
    return match.group(1), match.end()


def sniff_delimiter(text: str) -> str:
    """The delimiter of delimited ``text`` (see the module docstring); ``,`` for one column."""
    sample = text[:SNIFF_CHARS]
    truncated = len(text) > SNIFF_CHARS
    best: tuple[float, int, int] | None = None
    chosen = ","
    for rank, delimiter in enumerate(DELIMITERS):
        rows = _sample_rows(sample, delimiter, truncated)
        if not rows or len(rows[0]) < 2:
            continue
        width = len(rows[0])
        consistent = sum(len(row) == width for row in rows) / len(rows)
        score = (consistent, width, -rank)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


def _sample_rows(sample: str, delimiter: str, truncated: bool) -> list[list[str]]:
    rows: list[list[str]] = []
    try:
        for row in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if row:
                rows.append(row)
    except csv.Error:
        pass
    if truncated and len(rows) > 1:
        rows.pop()  # probably cut in the middle
    return rows
