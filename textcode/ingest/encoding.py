"""Decoding text files and finding the delimiter of delimited text, by fixed rules.

Encoding rule (deterministic, no statistics): a UTF-32 or UTF-16 byte-order mark means that
encoding (UTF-16 is Excel's "Unicode text"); a file whose start holds NUL bytes in the pattern
of UTF-16 or UTF-32 text without a byte-order mark is read as that (:func:`wide_encoding`), and
one with many NUL bytes in no such pattern is an encoding problem named as such; otherwise the
bytes are read line by line: a line that is valid UTF-8 as UTF-8
(a UTF-8 byte-order mark at the start is dropped), a line that is not as cp1252, the Windows
code page that SPSS and Excel use for Dutch. Lines are independent in both encodings (a ``\\n``
byte is never part of a longer character), so nothing shifts: the text is every line as read.

- every line UTF-8: the encoding is ``"utf-8"`` (``"utf-8-sig"`` with a byte-order mark);
- every line with non-ASCII bytes not UTF-8 (and no byte-order mark): a file saved in cp1252,
  the encoding is ``"cp1252"``, read as before and without a warning; it is an ordinary Windows
  export, not a mistake;
- both kinds (a UTF-8 file with lines pasted from a cp1252 one): the encoding is
  :data:`MIXED` (``"utf-8+cp1252"``) and one :class:`MixedEncodingWarning` names the file and
  the first lines read as cp1252 (``m.csv: line 3 is not UTF-8; read as Windows-1252
  (1 line)``). Before, one such line made the whole file cp1252 and garbled every UTF-8 line.

Bytes that are neither (cp1252 leaves five bytes undefined) stop with the line of the first bad
byte. An encoding passed explicitly is used strictly, for the whole file. :data:`MIXED` is a
registered codec, so ``open(path, encoding=MIXED)`` reads a file as the rule above does (the
streaming reader uses it, and gives the same texts as a whole-file read).

Delimiter rule: each of ``,`` ``;`` tab ``|`` is tried on the start of the file; the winner
splits the header into at least two fields and gives the most rows with as many fields as the
header (ties: more fields, then the order above). Excel's ``sep=;`` first line is obeyed.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textcode.errors import InputError

if TYPE_CHECKING:
    from typing_extensions import Buffer  # collections.abc.Buffer from Python 3.12

DELIMITERS: tuple[str, ...] = (",", ";", "\t", "|")
DELIMITER_NAMES = {",": "comma", ";": "semicolon", "\t": "tab", "|": "bar"}

# How much of the file the delimiter is guessed from.
SNIFF_CHARS = 64 * 1024

_SEP_LINE = re.compile(r"sep=(.)\r?\n?", re.IGNORECASE)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


MIXED = "utf-8+cp1252"
"""The encoding of a file read as UTF-8 with some lines as cp1252 (a registered codec)."""

# Lines named in the warning; the count says how many there are in all.
_NAMED_LINES = 3
_BLOCK = 1 << 20


class MixedEncodingWarning(UserWarning):
    """Some lines of a UTF-8 file were not UTF-8 and were read as cp1252 (Windows-1252)."""


@dataclass
class LineScan:
    """What reading bytes line by line found: where cp1252 was needed, and the text read.

    Feed the bytes in pieces of any size with :meth:`feed`; each call returns the text of the
    complete lines seen so far (the rest waits for the next piece or ``final=True``).
    """

    first_lines: list[int] = field(default_factory=list)  # 1-based lines read as cp1252
    n_cp1252: int = 0
    utf8_non_ascii: bool = False  # a UTF-8 line holds more than ASCII
    bom: bool = False
    offset: int = 0  # where in the file the bytes not yet decoded start
    _carry: bytes = b""
    _lines_before: int = 0
    _started: bool = False

    def feed(self, data: bytes, final: bool = False) -> str:
        """The text of the complete lines in what was fed so far (all of it when ``final``).

        Raises ``UnicodeDecodeError`` for bytes that are neither UTF-8 nor cp1252; its
        positions plus :attr:`offset` are positions in the file.
        """
        if len(data) <= _BLOCK:
            return self._feed(data, final)
        # In blocks, so that one cp1252 line costs a line by line look at its block only.
        pieces = [self._feed(data[at : at + _BLOCK], False) for at in range(0, len(data), _BLOCK)]
        return "".join([*pieces, self._feed(b"", final)])

    def _feed(self, data: bytes, final: bool) -> str:
        data = self._carry + data if self._carry else data
        if not self._started:
            if not final and len(data) < 3 and codecs.BOM_UTF8.startswith(data):
                self._carry = data  # maybe the start of a byte-order mark
                return ""
            self._started = True
            if data.startswith(codecs.BOM_UTF8):
                self.bom = True
                self.offset = len(codecs.BOM_UTF8)
                data = data[len(codecs.BOM_UTF8) :]
        cut = len(data) if final else data.rfind(b"\n") + 1
        text, named, n_cp1252, wide = _decode_lines(data, cut)
        self.utf8_non_ascii = self.utf8_non_ascii or wide
        self.n_cp1252 += n_cp1252
        for line in named[: _NAMED_LINES - len(self.first_lines)]:
            self.first_lines.append(self._lines_before + line + 1)
        self._lines_before += data.count(b"\n", 0, cut)
        self.offset += cut
        self._carry = data[cut:]
        return text

    @property
    def encoding(self) -> str:
        """The encoding to report: see the module docstring."""
        if not self.n_cp1252:
            return "utf-8-sig" if self.bom else "utf-8"
        return MIXED if self.utf8_non_ascii or self.bom else "cp1252"

    def warn(self, path: str, *, stacklevel: int = 2) -> None:
        """One :class:`MixedEncodingWarning` if UTF-8 and cp1252 lines were mixed."""
        if self.encoding != MIXED:
            return
        named = ", ".join(str(n) for n in self.first_lines)
        more = ", ..." if self.n_cp1252 > len(self.first_lines) else ""
        subject = f"line {named} is" if self.n_cp1252 == 1 else f"lines {named}{more} are"
        total = f"{self.n_cp1252} line{'s' if self.n_cp1252 != 1 else ''}"
        warnings.warn(
            f"{path}: {subject} not UTF-8; read as Windows-1252 ({total})",
            MixedEncodingWarning,
            stacklevel=stacklevel + 1,
        )


# Undecodable bytes, kept by "surrogateescape" as U+DC80..U+DCFF (valid UTF-8 never gives
# these: Python's decoder refuses encoded surrogates).
_ESCAPED = re.compile("[\udc80-\udcff]")


def _bad_lines(escaped: str) -> list[tuple[int, int]]:
    """Start and end of each line of ``escaped`` that holds an undecodable byte."""
    lines = []
    search = _ESCAPED.search
    found = search(escaped)
    while found is not None:
        at = found.start()
        end = escaped.find("\n", at) + 1 or len(escaped)
        lines.append((escaped.rfind("\n", 0, at) + 1, end))
        found = search(escaped, end)
    return lines


def _decode_lines(data: bytes, stop: int) -> tuple[str, list[int], int, bool]:
    """``data[:stop]`` (whole lines) decoded line by line: UTF-8, else cp1252.

    Returns the text, the 0-based numbers of the first lines read as cp1252 (at most
    ``_NAMED_LINES``), how many lines were, and whether a UTF-8 line holds non-ASCII. A UTF-8
    or a cp1252 stretch is decoded whole; only a mix is taken apart line by line.
    """
    view = memoryview(data)[:stop]
    try:
        text = codecs.utf_8_decode(view, "strict", True)[0]
        return text, [], 0, not text.isascii()
    except UnicodeDecodeError:
        pass
    if codecs.utf_8_decode(view, "ignore", True)[0].isascii():
        # No line holds UTF-8 beyond ASCII, so every line with more is cp1252: so is the
        # whole stretch (a cp1252 file), decoded in one call.
        whole = bytes(view)
        named: list[int] = []
        n_cp1252 = 0
        for number, line in enumerate(whole.split(b"\n")):
            if not line.isascii():
                n_cp1252 += 1
                if len(named) < _NAMED_LINES:
                    named.append(number)
        return whole.decode("cp1252"), named, n_cp1252, False
    escaped = codecs.utf_8_decode(view, "surrogateescape", True)[0]
    bad = _bad_lines(escaped)
    named = [escaped.count("\n", 0, start) for start, _ in bad[:_NAMED_LINES]]
    pieces: list[str] = []
    wide = False
    position = 0
    for start, end in bad:
        good = escaped[position:start]
        wide = wide or not good.isascii()
        raw = escaped[start:end].encode("utf-8", "surrogateescape")
        try:
            pieces += [good, raw.decode("cp1252")]
        except UnicodeDecodeError as exc:
            offset = len(escaped[:start].encode("utf-8", "surrogateescape"))
            raise UnicodeDecodeError(
                MIXED, data, offset + exc.start, offset + exc.end, "neither UTF-8 nor cp1252"
            ) from None
        position = end
    rest = escaped[position:]
    pieces.append(rest)
    return "".join(pieces), named, len(bad), wide or not rest.isascii()


_WIDE = ("utf-32-le", "utf-32-be", "utf-16-le", "utf-16-be")
WIDE_SAMPLE = 4096


def wide_encoding(data: bytes, *, path: str) -> str | None:
    """The encoding of text saved as UTF-32 or UTF-16, with or without a byte-order mark.

    Without a mark, the start of the file decides: when it holds NUL bytes, the encoding among
    UTF-32 LE/BE and UTF-16 LE/BE (in that order) that reads the start as the most printable
    ASCII, if that is at least 90% of it. A start with NUL bytes as 10% or more of its bytes
    and no such reading is an :class:`InputError`: not text, or in an encoding that cannot be
    detected. None for anything else (then the line by line rule applies).
    """
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = data[:WIDE_SAMPLE]
    nuls = head.count(0)
    if not nuls:
        return None
    best, score = None, 0.0
    for name in _WIDE:
        unit = 4 if "32" in name else 2
        try:
            text = head[: len(head) - len(head) % unit].decode(name)
        except UnicodeDecodeError:
            continue
        plain = sum(1 for c in text if (" " <= c <= "~") or c in "\t\r\n")
        if text and plain / len(text) > score:
            best, score = name, plain / len(text)
    if best is not None and score >= 0.9:
        return best
    if nuls >= len(head) / 10:
        raise InputError(
            "the file holds NUL bytes: it is not a text file, or it was saved as UTF-16 or "
            "UTF-32 in a way that cannot be detected; save it as UTF-8 (or pass encoding=)",
            path=path,
        )
    return None


def decode(data: bytes, *, encoding: str | None, path: str) -> tuple[str, str]:
    """The text of ``data`` and the encoding used to read it (``"utf-8"``, ``"cp1252"``, ...).

    Without ``encoding``, the rule of the module docstring; a mix of UTF-8 and cp1252 lines
    warns once (:class:`MixedEncodingWarning`) and reports :data:`MIXED`.
    """
    if encoding is not None:
        try:
            name = codecs.lookup(encoding).name
        except LookupError:
            raise InputError(f"unknown encoding {encoding!r}", path=path) from None
        if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
            name = "utf-8-sig"
        return _decode_as(data, name, path), name
    wide = wide_encoding(data, path=path)
    if wide is not None:
        return _decode_as(data, wide, path), wide
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data.decode("utf-8-sig"), "utf-8-sig"
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    scan = LineScan()
    try:
        text = scan.feed(data, final=True)
    except UnicodeDecodeError as exc:
        at = scan.offset + exc.start
        raise InputError(
            f"byte 0x{data[at]:02x} is neither UTF-8 nor cp1252; "
            "save the file as UTF-8 or pass encoding=",
            path=path,
            line=_line_of(data, at),
        ) from None
    scan.warn(path, stacklevel=3)
    return text, scan.encoding


def _decode_as(data: bytes, encoding: str, path: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = None if encoding.startswith(("utf-16", "utf-32")) else _line_of(data, exc.start)
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


# --- the MIXED codec --------------------------------------------------------------------------


class _MixedDecoder(codecs.IncrementalDecoder):
    """Decodes as :class:`LineScan` does, piece by piece (what ``open(encoding=MIXED)`` uses)."""

    def __init__(self, errors: str = "strict") -> None:
        super().__init__(errors)
        self._scan = LineScan()

    def decode(self, input: Buffer, final: bool = False) -> str:
        return self._scan.feed(bytes(input), final)

    def reset(self) -> None:
        self._scan = LineScan()

    def getstate(self) -> tuple[bytes, int]:
        # Only the bytes of an unfinished line are pending; a BOM is dropped once, at the start.
        return self._scan._carry, int(self._scan._started)

    def setstate(self, state: tuple[bytes, int]) -> None:
        self._scan = LineScan(_carry=state[0], _started=bool(state[1]))


def _mixed_decode(input: Buffer, errors: str = "strict", /) -> tuple[str, int]:
    data = bytes(input)
    return LineScan().feed(data, final=True), len(data)


_UTF8 = codecs.lookup("utf-8")
_MIXED_INFO = codecs.CodecInfo(
    name=MIXED,
    encode=_UTF8.encode,  # written back, every line is UTF-8
    decode=_mixed_decode,
    incrementalencoder=_UTF8.incrementalencoder,
    incrementaldecoder=_MixedDecoder,
    streamwriter=_UTF8.streamwriter,
)


def _search(name: str) -> codecs.CodecInfo | None:
    # codecs normalises "utf-8+cp1252" to "utf_8_cp1252" before asking.
    return _MIXED_INFO if name == "utf_8_cp1252" else None


codecs.register(_search)
