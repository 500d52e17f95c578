"""A JSON Lines or delimited text file cut into byte ranges of whole records, each read alone.

So that worker processes can read a file themselves, the main process only finds where
records start: a scan of the raw bytes (numpy, a few hundred MB a second) for the line ends
that end a record, one range every ``rows`` records. Each :class:`ByteRange` knows the line
it starts on, so a range read alone (:func:`read_range`) gives the same records, line numbers
and errors as the whole file read from the start.

JSON Lines: every ``\\n`` ends a record. Delimited text: a ``\\n`` ends a record when an even
number of quotes lies before it. That count is the reader's own quote state only when every
quote that opens a quoted field stands at the start of a field (after a delimiter, a line end,
or the closing quote it doubles); a quote in the middle of an unquoted field is a literal
character to the ``csv`` module. So the scan checks that rule for every opening quote, and a
file that breaks it, holds a carriage return that is no ``\\r\\n`` (the reader counts it as a
line), or a JSON Lines ``\\ud800`` escape (one warning for the whole file names them) gets no
ranges (None): it is read from the start as before.
"""

from __future__ import annotations

import io
import mmap
import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from textcode.ingest.encoding import MIXED, LineScan
from textcode.ingest.readers import DelimitedRecords, JsonlRecords, RawRows

# Codecs in which a quote, a delimiter and a line end are one ASCII byte each and never part
# of another character, and a range that starts at a line decodes alone.
RANGE_CODECS = frozenset(
    {"utf-8", "utf-8-sig", "ascii", "cp1252", "iso8859-1", "iso8859-15", "latin-1", MIXED}
)
_BLOCK = 16 << 20  # bytes scanned at a time
_QUOTE, _LF, _CR = ord('"'), ord("\n"), ord("\r")
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


class ByteRange(NamedTuple):
    """Bytes ``start`` to ``end`` of a file: whole records, the first on line ``line``."""

    start: int
    end: int
    line: int


def line_offset(path: str, line: int) -> int:
    """Where ``line`` (1-based, lines ended by ``\\n``) starts in the file."""
    with open(path, "rb") as handle:
        for _ in range(line - 1):
            if not handle.readline():
                break
        return handle.tell()


def record_ranges(
    path: str, fmt: str, delimiter: str | None, start: int, line: int, rows: int
) -> list[ByteRange] | None:
    """Ranges of ``rows`` records each (the last one shorter) from byte ``start``, a record
    start on ``line``, to the end of the file; None when the file cannot be cut safely."""
    delimited = fmt != "jsonl"
    if delimited and (delimiter is None or len(delimiter) != 1 or ord(delimiter) > 127):
        return None
    with open(path, "rb") as handle:
        size = handle.seek(0, 2)
        if size <= start:
            return [ByteRange(start, size, line)] if size == start else None
        with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
            return _Scan(view, delimiter if delimited else None, start, line, rows).ranges()


class _Scan:
    def __init__(self, view: mmap.mmap, delimiter: str | None, start: int, line: int, rows: int):
        self.view = view
        self.size = len(view)
        self.fence = None if delimiter is None else np.array([ord(delimiter), _LF, _CR, _QUOTE])
        self.start = start
        self.line = line
        self.rows = rows

    def ranges(self) -> list[ByteRange] | None:
        ranges: list[ByteRange] = []
        first, first_line = self.start, self.line
        quotes = 0  # quotes since self.start
        lines = self.line  # the line at the start of the block
        records = 0  # record ends since the range began
        if self.fence is not None and not self._no_lone_cr(0, self.start):
            return None
        for at in range(self.start, self.size, _BLOCK):
            end = min(at + _BLOCK, self.size)
            block = np.frombuffer(self.view, dtype=np.uint8, count=end - at, offset=at)
            breaks = np.flatnonzero(block == _LF)
            if self.fence is None:
                if _SURROGATE_ESCAPE.search(self.view, max(at - 5, 0), end):
                    return None
                ends = breaks
            else:
                if not self._no_lone_cr(at, end):
                    return None
                marks = np.flatnonzero(block == _QUOTE)
                opening = marks[(np.arange(len(marks)) + quotes) % 2 == 0]
                if not self._at_field_start(block, at, opening):
                    return None
                ends = breaks[(np.searchsorted(marks, breaks) + quotes) % 2 == 0]
                quotes += len(marks)
            # Every rows-th record end closes a range.
            for k in range(self.rows - records - 1, len(ends), self.rows):
                cut = at + int(ends[k]) + 1
                line_after = lines + int(np.searchsorted(breaks, ends[k], side="right"))
                ranges.append(ByteRange(first, cut, first_line))
                first, first_line = cut, line_after
            records = (records + len(ends)) % self.rows
            lines += len(breaks)
        if first < self.size:
            ranges.append(ByteRange(first, self.size, first_line))
        return ranges

    def _no_lone_cr(self, start: int, end: int) -> bool:
        if start >= end:
            return True
        block = np.frombuffer(self.view, dtype=np.uint8, count=end - start, offset=start)
        returns = np.flatnonzero(block == _CR)
        if not len(returns):
            return True
        after = returns + 1
        inside = after < len(block)
        if not (block[after[inside]] == _LF).all():
            return False
        # A "\r" that ends the block: the byte after it is the next block's first.
        return bool(inside.all()) or (end < self.size and self.view[end] == _LF)

    def _at_field_start(self, block: np.ndarray, at: int, opening: np.ndarray) -> bool:
        """Whether each opening quote follows a delimiter, a line end or a quote."""
        if not len(opening):
            return True
        assert self.fence is not None
        before = opening - 1
        inside = before >= 0
        if not np.isin(block[before[inside]], self.fence).all():
            return False
        if inside.all() or at == self.start:
            return True  # a quote at self.start opens a record's first field
        return self.view[at - 1] in self.fence.tolist()


def decode_range(data: bytes, codec: str, at_file_start: bool) -> str:
    """The text of a range's bytes (a byte-order mark is dropped only at the file's start)."""
    if codec == MIXED:
        return LineScan(_started=not at_file_start).feed(data, final=True)
    if codec == "utf-8-sig" and not at_file_start:
        codec = "utf-8"
    return data.decode(codec)


def read_range(
    path: str,
    fmt: str,
    codec: str,
    part: ByteRange,
    *,
    delimiter: str | None = None,
    columns: Sequence[str] = (),
) -> RawRows:
    """The records of ``part`` as the whole-file reader reads them: the same lines and
    errors (an InputError naming the line)."""
    with open(path, "rb") as handle:
        handle.seek(part.start)
        data = handle.read(part.end - part.start)
    text = decode_range(data, codec, part.start == 0)
    if fmt == "jsonl":
        lines: list[int] = []
        objects: list[dict[str, object]] = []
        reader = JsonlRecords(io.StringIO(text, newline="\n"), source=path, first_line=part.line)
        for numbers, records in reader.chunks(1 << 62):
            lines, objects = numbers, records
        return RawRows(objects, lines, path, fmt, codec)
    assert delimiter is not None
    header = list(columns)
    rows = DelimitedRecords(
        io.StringIO(text, newline=""),
        source=path,
        delimiter=delimiter,
        first_line=part.line,
        header=header,
    )
    fields: list[list[str]] = []
    numbers = []
    for number, record in rows:
        numbers.append(number)
        fields.append(record)
    return RawRows(fields, numbers, path, fmt, codec, header, delimiter)
