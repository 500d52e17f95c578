"""One reader per input format: each turns a source into a :class:`RawTable`.

A raw table is the file as a table (header as column names, one row per data row) plus where
each row came from, so that later errors can name the line or row. Readers only read: files are
opened ``"rb"`` and never written.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import os
import sys
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textcode.errors import InputError
from textcode.ingest.encoding import (
    DELIMITER_NAMES,
    SNIFF_CHARS,
    decode,
    excel_sep_line,
    sniff_delimiter,
    wide_encoding,
)
from textcode.ingest.values import format_number, is_missing, to_label
from textcode.io.cells import (
    Replacements,
    encodable_json,
    has_surrogate_escape,
    warn_lone_surrogates,
)
from textcode.parsing import MAX_ANSWER_CHARS, MAX_DEPTH, loads_json
from textcode.parsing.jsontext import key_marks, scan_json
from textcode.parsing.safezip import WORKBOOK_LIMITS, SafeZip

if TYPE_CHECKING:
    import pandas as pd

STDIN = "-"
FRAME_SOURCE = "<DataFrame>"

EXTENSIONS: dict[str, str] = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".txt": "txt",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".sav": "sav",
    ".zsav": "sav",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".parquet": "parquet",
    ".pq": "parquet",
}
FORMATS: tuple[str, ...] = ("csv", "tsv", "txt", "xlsx", "sav", "jsonl", "json", "parquet")
_ALIASES = {
    "excel": "xlsx",
    "xlsm": "xlsx",
    "spss": "sav",
    "zsav": "sav",
    "ndjson": "jsonl",
    "jsonlines": "jsonl",
    "tab": "tsv",
    "pq": "parquet",
}
MAX_FIELD_CHARS = MAX_ANSWER_CHARS  # one CSV field may hold the longest answer
csv.field_size_limit(max(csv.field_size_limit(), MAX_FIELD_CHARS))

# Keys under which a JSON object may hold its list of records.
JSON_RECORD_KEYS: tuple[str, ...] = ("answers", "data", "records", "responses", "rows")


@dataclass(frozen=True)
class RawTable:
    """A source read as a table, before the layout (wide or long) is known."""

    frame: pd.DataFrame
    source: str
    format: str
    encoding: str | None = None
    sheet: str | None = None
    delimiter: str | None = None
    typed: bool = True  # False: every cell is a string (CSV); attributes still need typing
    lines: Sequence[int] | None = None  # the line each row starts on (text formats)
    rows: Sequence[int] | None = None  # the row number a user sees (Excel row, SPSS case)
    n_blank: int = 0  # blank lines or rows skipped: no respondent, no answer
    variable_labels: dict[str, str] = field(default_factory=dict)
    value_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def context(self) -> str:
        """Said after a message so that the user finds the place (the Excel sheet)."""
        return f" (sheet {self.sheet!r})" if self.sheet is not None else ""

    @property
    def columns(self) -> list[str]:
        """The column names."""
        return [str(c) for c in self.frame.columns]

    def location(self, index: int) -> dict[str, int]:
        """``line=`` / ``row=`` keyword arguments of InputError for the row at ``index``."""
        if self.lines is not None:
            return {"line": self.lines[index]}
        if self.rows is not None:
            return {"row": self.rows[index]}
        return {"row": index + 1}


@dataclass(frozen=True)
class RawRows:
    """A piece of a JSON Lines or delimited text file as its reader parsed it, before any table
    is made: what streaming reads, and what ``textcode code`` codes without pandas.

    ``records`` are the JSON objects, or (when ``header`` holds the column names) the rows of
    fields in header order; ``lines`` the line each starts on. :meth:`table` makes the raw
    table the whole-file reader makes of the same records.
    """

    records: list[dict[str, Any]] | list[list[str]]
    lines: list[int]
    source: str
    format: str
    encoding: str | None = None
    header: list[str] | None = None
    delimiter: str | None = None

    context = ""  # as RawTable's: no sheet to name

    def location(self, index: int) -> dict[str, int]:
        """``line=`` keyword argument of InputError for the row at ``index``."""
        return {"line": self.lines[index]}

    def __len__(self) -> int:
        return len(self.records)

    @property
    def columns(self) -> list[str]:
        """The header, or the JSON keys in order of first appearance."""
        if self.header is not None:
            return self.header
        return [str(c) for c in dict.fromkeys(itertools.chain.from_iterable(self.records))]

    def cells(self, column: str) -> list[Any] | None:
        """The values of ``column`` as the table would hold them (None where an object lacks
        the key), or None when the table would type them otherwise (see :func:`plain_cells`)."""
        if self.header is not None:
            at = self.header.index(column)
            return [row[at] for row in self.records]  # type: ignore[index]
        values = [record.get(column) for record in self.records]  # type: ignore[union-attr]
        return values if plain_cells(values) else None

    def table(self) -> RawTable:
        """The raw table of these records (a pandas DataFrame)."""
        if self.header is not None:
            return delimited_table(
                self.records,  # type: ignore[arg-type]
                self.lines,
                self.header,
                self.source,
                self.format,
                self.encoding or "utf-8",
                self.delimiter or ",",
            )
        frame = records_frame(self.records)  # type: ignore[arg-type]
        return RawTable(frame, self.source, self.format, self.encoding, lines=self.lines)


def plain_cells(values: list[Any]) -> bool:
    """Whether :func:`records_frame` keeps a JSON column's values as they are: texts (with
    missing ones, None in the list and NaN in the table, which every reader takes alike) or
    whole numbers of 64 bits. Numbers among missing values become floats, and so on."""
    kinds = set(map(type, values))
    if kinds <= {str, type(None)}:
        return True
    return kinds == {int} and all(-(2**63) <= v < 2**63 for v in values)


def detect_format(source: str, fmt: str | None) -> str:
    """The format named by ``fmt`` or by the file's extension; InputError when unknown."""
    if fmt is not None:
        name = fmt.strip().lower().lstrip(".")
        name = _ALIASES.get(name, name)
        if name not in FORMATS:
            raise InputError(
                f"unknown format {fmt!r}; known formats: {', '.join(FORMATS)}", path=source
            )
        return name
    if source == STDIN:
        return "jsonl"
    suffix = Path(source).suffix.lower()
    if suffix == ".xls":
        raise InputError(
            "old Excel .xls files cannot be read; save the sheet as .xlsx or .csv", path=source
        )
    if suffix not in EXTENSIONS:
        known = " ".join(sorted(EXTENSIONS))
        raise InputError(
            f"unknown file type {suffix or '(no extension)'!r}; known: {known} (or pass format=)",
            path=source,
        )
    return EXTENSIONS[suffix]


def read_bytes(source: str) -> bytes:
    """The file's bytes (or stdin's); InputError naming the path when it cannot be read."""
    if source == STDIN:
        stream = sys.stdin
        buffer = getattr(stream, "buffer", None)
        if buffer is not None:
            data: bytes = buffer.read()
            return data
        return stream.read().encode("utf-8")
    path = Path(source)
    try:
        with path.open("rb") as handle:
            return handle.read()
    except FileNotFoundError:
        raise InputError("file not found", path=source) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=source) from None
    except OSError as exc:
        raise InputError(f"cannot read the file: {exc.strerror or exc}", path=source) from None


def one_line(exc: BaseException) -> str:
    """An exception's message on one line (library errors sometimes span several)."""
    text = " ".join(str(exc).split())
    return text or type(exc).__name__


def read_raw(
    source: str,
    fmt: str,
    *,
    sheet: str | int | None = None,
    encoding: str | None = None,
    columns: Sequence[str] = (),
) -> RawTable:
    """Read ``source`` (a path or ``"-"``) in format ``fmt``; ``columns`` (the names the
    options give) choose the sheet of a workbook."""
    if sheet is not None and fmt != "xlsx":
        raise InputError(f"a sheet applies to .xlsx files only, not to {fmt}", path=source)
    if source == STDIN and fmt in ("xlsx", "sav", "parquet"):
        raise InputError(f"{fmt} cannot be read from stdin; pass the file's path", path=source)
    data = read_bytes(source)
    if not data.strip():
        raise InputError("the file is empty", path=source)
    readers: dict[str, Callable[[], RawTable]] = {
        "csv": lambda: read_delimited(data, source, fmt, encoding=encoding),
        "tsv": lambda: read_delimited(data, source, fmt, encoding=encoding, delimiter="\t"),
        "txt": lambda: read_delimited(data, source, fmt, encoding=encoding),
        "jsonl": lambda: read_jsonl(data, source, encoding=encoding),
        "json": lambda: read_json(data, source, encoding=encoding),
        "xlsx": lambda: read_xlsx(data, source, sheet=sheet, columns=columns),
        "sav": lambda: read_sav(source, encoding=encoding),
        "parquet": lambda: read_parquet(data, source),
    }
    return readers[fmt]()


# --- delimited text ---------------------------------------------------------------------------


def read_delimited(
    data: bytes,
    source: str,
    fmt: str,
    *,
    encoding: str | None = None,
    delimiter: str | None = None,
) -> RawTable:
    """CSV, TSV or delimited TXT; a row with a wrong number of fields stops with its line."""
    text, used = decode(data, encoding=encoding, path=source)
    delimiter, first_line, skip = delimited_start(text[: SNIFF_CHARS + 1], delimiter)
    handle = io.StringIO(text, newline="")
    handle.read(skip)
    reader = DelimitedRecords(handle, source=source, delimiter=delimiter, first_line=first_line)
    records: list[list[str]] = []
    lines: list[int] = []
    for line, record in reader:
        records.append(record)
        lines.append(line)
    return delimited_table(
        records, lines, reader.columns, source, fmt, used, delimiter, n_blank=reader.n_blank
    )


def delimited_start(head: str, delimiter: str | None) -> tuple[str, int, int]:
    """The delimiter of delimited text that starts with ``head``, the line its table starts on
    and the characters to skip before it (Excel's ``sep=;`` line names the delimiter)."""
    named, skip = excel_sep_line(head)
    if named is not None:
        return named, 2, skip
    # One character past the sample tells sniff_delimiter that the text goes on.
    return delimiter or sniff_delimiter(head), 1, 0


class DelimitedRecords:
    """The records of delimited text with the line each starts on (the one record loop that
    whole-file reading and streaming share).

    Iterating yields ``(line, fields)`` for each data row, after the header (whose names are
    then in :attr:`columns`); blank rows are skipped and counted (:attr:`n_blank`), except in a
    one-column file, where a blank line is an empty answer. A row with another number of fields
    than the header, a broken quote or a field longer than :data:`MAX_FIELD_CHARS` is an
    :class:`InputError` naming its line.
    """

    def __init__(
        self,
        lines: Iterable[str],
        *,
        source: str,
        delimiter: str,
        first_line: int,
        header: list[str] | None = None,
    ) -> None:
        self.lines = lines
        self.source = source
        self.delimiter = delimiter
        self.first_line = first_line
        self.header = header  # the column names when the lines start after the header
        self.columns: list[str] = list(header or ())
        self.n_blank = 0

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        reader = csv.reader(self.lines, delimiter=self.delimiter, strict=True)
        header = self.header
        start = self.first_line
        try:
            for record in reader:
                line = start
                start = reader.line_num + self.first_line
                if header is None:
                    if record:
                        header = record
                        self.columns = header_names(
                            header, source=self.source, where={"line": line}
                        )
                    continue
                if not record or (len(header) > 1 and all(not cell.strip() for cell in record)):
                    if not record and len(header) == 1:
                        record = [""]  # one column: a blank line is an empty answer
                    else:
                        self.n_blank += 1
                        continue
                if len(record) != len(header):
                    raise InputError(
                        f"expected {len(header)} fields separated by "
                        f"{DELIMITER_NAMES.get(self.delimiter, repr(self.delimiter))}, "
                        f"found {len(record)}",
                        path=self.source,
                        line=line,
                    )
                yield line, record
        except csv.Error as exc:
            if "field limit" in str(exc):
                reason = (
                    f"a field is longer than {MAX_FIELD_CHARS:,} characters, the most an "
                    "answer may hold (a quote that is never closed?)"
                )
            else:
                reason = f"broken row: {one_line(exc)}"
            raise InputError(reason, path=self.source, line=start) from None
        if header is None:
            raise InputError("the file has no header row", path=self.source)


def delimited_table(
    records: list[list[str]],
    lines: list[int],
    columns: list[str],
    source: str,
    fmt: str,
    encoding: str,
    delimiter: str,
    *,
    n_blank: int = 0,
) -> RawTable:
    """The raw table of delimited records (every cell a string)."""
    import pandas as pd

    frame = pd.DataFrame(
        {name: [r[i] for r in records] for i, name in enumerate(columns)},
        columns=columns,
        dtype=object,
    )
    return RawTable(
        frame=frame,
        source=source,
        format=fmt,
        encoding=encoding,
        delimiter=delimiter,
        typed=False,
        lines=lines,
        n_blank=n_blank,
    )


def header_names(values: Sequence[Any], *, source: str, where: dict[str, int]) -> list[str]:
    """Column names from a header row: stripped, ``unnamed_<n>`` when empty, never twice."""
    names: list[str] = []
    for position, value in enumerate(values, start=1):
        name = to_label(value) or f"unnamed_{position}"
        if name in names:
            raise InputError(
                "the column name appears twice in the header", path=source, field=name, **where
            )
        names.append(name)
    return names


# --- JSON -------------------------------------------------------------------------------------


def jsonl_record(line: str, source: str, number: int) -> dict[str, Any]:
    """One line of a JSON Lines file as its object (both the reader and the stream use it)."""
    try:
        record = loads_json(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", path=source, line=number
        ) from None
    if not isinstance(record, dict):
        raise InputError(
            f"expected a JSON object, found {type(record).__name__}", path=source, line=number
        )
    return record


def _json_encoding(data: bytes, source: str, encoding: str | None) -> str:
    """JSON is UTF-8, or UTF-16/32 as RFC 4627 lets a reader detect it; ``encoding`` wins."""
    return encoding or wide_encoding(data, path=source) or "utf-8"


def read_jsonl(data: bytes, source: str, *, encoding: str | None = None) -> RawTable:
    """JSON Lines: one object per line; blank lines are skipped."""
    text, used = decode(data, encoding=_json_encoding(data, source, encoding), path=source)
    # Only "\n" ends a line: JSON strings may hold U+2028 and other characters splitlines uses.
    reader = JsonlRecords(text.split("\n"), source=source)
    records: list[dict[str, Any]] = []
    lines: list[int] = []
    for number, record in reader:
        records.append(record)
        lines.append(number)
    # The newline that ends the last line is not a blank line.
    n_blank = reader.n_blank - (1 if text.endswith("\n") else 0)
    return RawTable(
        frame=records_frame(records),
        source=source,
        format="jsonl",
        encoding=used,
        lines=lines,
        n_blank=max(n_blank, 0),
    )


# Lines of JSON Lines screened together (JsonlRecords._block): as fast as 1,024 lines, and a
# block of the longest answers (MAX_ANSWER_CHARS each) holds about 128 MB at most.
_BLOCK_LINES = 64


class JsonlRecords:
    """The objects of JSON Lines text with their line numbers (the one loop that whole-file
    reading and streaming share); blank lines are skipped and counted (:attr:`n_blank`).

    A ``\\ud800`` escape that pairs with no other surrogate is no character (no UTF-8 file can
    hold it): it becomes U+FFFD, and one :class:`~textcode.io.cells.LoneSurrogateWarning` at
    the end names the file, the count and the first lines.
    """

    def __init__(self, lines: Iterable[str], *, source: str, first_line: int = 1) -> None:
        self.lines = lines
        self.source = source
        self.first_line = first_line
        self.n_blank = 0

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any]]]:
        for numbers, records in self.chunks(1):
            yield numbers[0], records[0]

    def chunks(self, size: int) -> Iterator[tuple[list[int], list[dict[str, Any]]]]:
        """The line numbers and objects, ``size`` at a time (the last chunk may be shorter or,
        for text without objects, empty)."""
        tally = Replacements()
        places: list[int] = []
        numbers: list[int] = []
        records: list[dict[str, Any]] = []
        first = self.first_line
        lines = iter(self.lines)
        while block := list(itertools.islice(lines, _BLOCK_LINES)):
            for number, record in self._block(block, first, tally, places):
                numbers.append(number)
                records.append(record)
                if len(records) >= size:
                    yield numbers, records
                    numbers, records = [], []
            first += len(block)
        if records:
            yield numbers, records
        if tally.characters:
            warn_lone_surrogates(self.source, tally.characters, places)

    def _block(
        self, block: list[str], first: int, tally: Replacements, places: list[int]
    ) -> Iterator[tuple[int, dict[str, Any]]]:
        """The line numbers and objects of a block of lines from line ``first`` on (blank
        lines skipped and counted)."""
        # loads_json's common case inline (a line that is one shallow object): a line costs
        # a few microseconds, and these calls were a third of them. The rarer tests are asked
        # of the whole block first: a block without a surrogate escape, or without a key mark
        # but '":', spares its lines those tests (each gives the same answer for each line).
        scan, deepest = scan_json, MAX_DEPTH
        joined = "".join(block)
        escapes = "\\u" in joined
        spaced = '" :' in joined or '"\t:' in joined
        scanned: list[tuple[Any, bool]] = []
        whole = 0  # lines that are one object: each holds a "{" at least
        for ending in block:
            try:
                record, end = scan(ending, 0)
            except (ValueError, TypeError, StopIteration, RecursionError):
                record = end = None
            ok = end == len(ending) - (ending[-1:] == "\n") and type(record) is dict
            whole += ok
            scanned.append((record, ok))
        # No line of the block can be deeper than the block's brackets past one per object.
        shallow = joined.count("[") + joined.count("{") - whole + 1 <= deepest
        for number, (ending, (record, ok)) in enumerate(zip(block, scanned, strict=True), first):
            if (
                not ok
                or (not shallow and ending.count("[") + ending.count("{") > deepest)
                or (key_marks(ending) if spaced else ending.count('":')) > len(record)
            ):
                # perhaps a key twice (key_marks): loads_json refuses it
                line = ending[:-1] if ending[-1:] == "\n" else ending
                if not line.strip():
                    self.n_blank += 1
                    continue
                record = jsonl_record(line, self.source, number)
            if escapes and has_surrogate_escape(ending):
                before = tally.characters
                record = encodable_json(record, tally)
                if tally.characters > before and len(places) < 3:
                    places.append(number)
            yield number, record


def read_json(data: bytes, source: str, *, encoding: str | None = None) -> RawTable:
    """A JSON array of objects, an object holding one (``answers``, ``data`` ...), or pandas'
    ``orient="split"`` (``columns`` and ``data``)."""
    text, used = decode(data, encoding=_json_encoding(data, source, encoding), path=source)
    try:
        document = loads_json(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} (column {exc.colno})", path=source, line=exc.lineno
        ) from None
    if isinstance(document, dict):
        if isinstance(document.get("columns"), list) and isinstance(document.get("data"), list):
            return _json_split(document, source, used)
        key = next((k for k in JSON_RECORD_KEYS if isinstance(document.get(k), list)), None)
        if key is None:
            raise InputError(
                "expected a list of answers, or an object with a list under "
                + " or ".join(repr(k) for k in JSON_RECORD_KEYS),
                path=source,
            )
        document = document[key]
    if not isinstance(document, list):
        raise InputError(
            f"expected a list of answers, found {type(document).__name__}", path=source
        )
    if has_surrogate_escape(text):
        tally = Replacements()
        document = encodable_json(document, tally)
        if tally.characters:
            warn_lone_surrogates(source, tally.characters, [])
    for number, record in enumerate(document, start=1):
        if not isinstance(record, dict):
            raise InputError(
                f"expected a JSON object, found {type(record).__name__}", path=source, row=number
            )
    return RawTable(frame=records_frame(document), source=source, format="json", encoding=used)


def _json_split(document: dict[str, Any], source: str, used: str) -> RawTable:
    columns = header_names(document["columns"], source=source, where={})
    records = []
    for number, values in enumerate(document["data"], start=1):
        if not isinstance(values, list) or len(values) != len(columns):
            raise InputError(f"expected a list of {len(columns)} values", path=source, row=number)
        records.append(dict(zip(columns, values, strict=True)))
    frame = records_frame(records, columns=columns)
    return RawTable(frame=frame, source=source, format="json", encoding=used)


def records_frame(
    records: Sequence[dict[str, Any]], columns: Sequence[str] | None = None
) -> pd.DataFrame:
    """A table of JSON objects: keys in order of first appearance, missing keys as None."""
    import pandas as pd

    if columns is None:
        columns = list(dict.fromkeys(itertools.chain.from_iterable(records)))
    data = {str(c): _column([r.get(c) for r in records]) for c in columns}
    return pd.DataFrame(data, columns=[str(c) for c in columns], index=range(len(records)))


def _column(values: list[Any]) -> pd.Series:
    # Lists (e.g. gold codes) must stay lists: build an object column and let pandas type
    # only what is plainly numbers or strings.
    import pandas as pd

    series = pd.Series(values, dtype=object)
    if any(issubclass(kind, list | dict) for kind in set(map(type, values))):
        return series
    return series.infer_objects()


# --- Excel ------------------------------------------------------------------------------------


def read_xlsx(
    data: bytes, source: str, *, sheet: str | int | None = None, columns: Sequence[str] = ()
) -> RawTable:
    """An .xlsx sheet: the first non-empty row is the header; row numbers are Excel's.

    ``columns`` are the column names the options or the sidecar give: without ``sheet``, the
    sheet that has them is read (see :mod:`textcode.ingest.sheets`); a named sheet without
    them is an InputError naming the sheets that have them.
    """
    import openpyxl

    from textcode.ingest.sheets import check_named_sheet, pick_sheet

    if zipfile.is_zipfile(io.BytesIO(data)):
        # The archive's directory checked before openpyxl decompresses a byte: a few megabytes
        # that unpack to gigabytes are refused at once, not after minutes and all memory.
        SafeZip(source, WORKBOOK_LIMITS, data=data).close()
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise InputError(f"cannot read as .xlsx: {one_line(exc)}", path=source) from None
    try:
        names = [ws.title for ws in workbook.worksheets]
        if sheet is not None or len(names) <= 1:
            title = _choose_sheet(names, sheet, source)
            rows = list(workbook[title].iter_rows(values_only=True))
            if columns and len(names) > 1:
                sheets = {n: rows if n == title else _sheet_rows(workbook, n) for n in names}
                check_named_sheet(title, sheets, columns, source)
        else:
            sheets = {n: _sheet_rows(workbook, n) for n in names}
            title = pick_sheet(sheets, columns, source)
            rows = sheets[title]
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"cannot read as .xlsx: {one_line(exc)}", path=source) from None
    finally:
        workbook.close()
    if any(value is None for row in rows for value in row):
        _warn_formulas_without_values(data, source, title, rows)
    return _sheet_table(rows, source, title)


def _sheet_rows(workbook: Any, title: str) -> list[tuple[Any, ...]]:
    return list(workbook[title].iter_rows(values_only=True))


class FormulaWithoutValueWarning(UserWarning):
    """Formula cells of a workbook hold no saved value, so they read as empty."""


def _warn_formulas_without_values(
    data: bytes, source: str, title: str, values: list[tuple[Any, ...]]
) -> None:
    """One warning naming the formula cells that read as empty because no value was saved.

    A workbook keeps each formula's last result beside it; one written by a program that
    computes nothing (or saved without calculating) has none, and its cells read as empty.
    """
    import openpyxl
    from openpyxl.utils import get_column_letter

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            formulas = workbook[title].iter_rows()
            empty = [
                f"{get_column_letter(c + 1)}{r + 1}"
                for r, (cells, row) in enumerate(zip(formulas, values, strict=False))
                for c, cell in enumerate(cells)
                if c < len(row) and row[c] is None and getattr(cell, "data_type", None) == "f"
            ]
        finally:
            workbook.close()
    except Exception:
        return  # the values were read; this look is only for the warning
    if empty:
        shown = ", ".join(empty[:5]) + (", ..." if len(empty) > 5 else "")
        warnings.warn(
            f"{source} (sheet {title!r}): {len(empty)} formula cell"
            f"{'s hold' if len(empty) != 1 else ' holds'} no saved value and read as empty: "
            f"{shown}; open the file in Excel (or LibreOffice) and save it to store the values",
            FormulaWithoutValueWarning,
            stacklevel=4,
        )


def _choose_sheet(names: list[str], sheet: str | int | None, source: str) -> str:
    if not names:
        raise InputError("the workbook has no worksheets", path=source)
    if sheet is None:
        return names[0]
    if isinstance(sheet, int) and not isinstance(sheet, bool):
        if -len(names) <= sheet < len(names):
            return names[sheet]
        raise InputError(
            f"there is no sheet {sheet} (counting from 0); the workbook has "
            f"{len(names)}: {', '.join(repr(n) for n in names)}",
            path=source,
        )
    if sheet in names:
        return str(sheet)
    folded = [n for n in names if n.strip().casefold() == str(sheet).strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise InputError(
        f"there is no sheet {sheet!r}; available sheets: {', '.join(repr(n) for n in names)}",
        path=source,
    )


def _sheet_table(rows: list[tuple[Any, ...]], source: str, title: str) -> RawTable:
    filled = [i for i, row in enumerate(rows) if any(not _blank(v) for v in row)]
    if not filled:
        raise InputError(f"sheet {title!r} is empty", path=source)
    head = filled[0]
    width = max(max(i for i, v in enumerate(rows[r]) if not _blank(v)) + 1 for r in filled)
    header = list(rows[head][:width]) + [None] * (width - len(rows[head][:width]))
    body: list[list[Any]] = []
    numbers: list[int] = []
    for r in range(head + 1, len(rows)):
        values = list(rows[r][:width]) + [None] * (width - len(rows[r][:width]))
        if all(_blank(v) for v in values):
            continue
        body.append(values)
        numbers.append(r + 1)
    n_blank = max(filled[-1] - head - len(body), 0)
    columns = header_names(header, source=source, where={"row": head + 1})
    import pandas as pd

    frame = pd.DataFrame(
        {name: _column([v[i] for v in body]) for i, name in enumerate(columns)},
        columns=columns,
        index=range(len(body)),
    )
    return RawTable(
        frame=frame, source=source, format="xlsx", sheet=title, rows=numbers, n_blank=n_blank
    )


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


# --- SPSS -------------------------------------------------------------------------------------


def read_sav(source: str, *, encoding: str | None = None) -> RawTable:
    """An SPSS .sav/.zsav file: value labels become their text, variable labels are kept."""
    import pyreadstat

    try:
        frame, meta = pyreadstat.read_sav(source, encoding=encoding)
    except Exception as exc:
        raise InputError(f"cannot read as SPSS .sav: {one_line(exc)}", path=source) from None
    value_labels: dict[str, dict[str, str]] = {}
    for column, labels in (meta.variable_value_labels or {}).items():
        if column not in frame.columns or not labels:
            continue
        value_labels[str(column)] = {_code(code): str(label) for code, label in labels.items()}
        frame[column] = labelled(frame[column], labels)
    variable_labels = {
        str(name): str(label)
        for name, label in (meta.column_names_to_labels or {}).items()
        if label not in (None, "")
    }
    frame.columns = [str(c) for c in frame.columns]
    return RawTable(
        frame=frame,
        source=source,
        format="sav",
        encoding=_codec_name(getattr(meta, "file_encoding", None)),
        rows=range(1, len(frame) + 1),
        variable_labels=variable_labels,
        value_labels=value_labels,
    )


def _codec_name(name: str | None) -> str | None:
    """Python's name for an encoding ("UTF-8" -> "utf-8"), as the text readers report it."""
    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return name


def _code(code: Any) -> str:
    if isinstance(code, int | float) and not isinstance(code, bool):
        return format_number(code)
    return str(code)


def labelled(values: pd.Series, labels: dict[Any, Any]) -> pd.Series:
    """A labelled SPSS variable as a categorical of texts, categories in code order.

    Codes without a label (say an age next to "99 = wil niet zeggen") keep their number as text,
    so the column has one type.
    """
    import pandas as pd

    by_code = {_code(code): str(label) for code, label in labels.items()}
    texts = [None if is_missing(v) else by_code.get(_code(v), _code(v)) for v in values]
    order = sorted(labels, key=_sort_key)
    extra = sorted(
        {v for v in values if not is_missing(v) and _code(v) not in by_code}, key=_sort_key
    )
    categories = list(dict.fromkeys([by_code[_code(c)] for c in order] + [_code(v) for v in extra]))
    return pd.Series(pd.Categorical(texts, categories=categories), index=values.index)


def _sort_key(code: Any) -> tuple[int, float, str]:
    if isinstance(code, int | float) and not isinstance(code, bool):
        return (0, float(code), "")
    return (1, 0.0, str(code))


# --- parquet and DataFrames -------------------------------------------------------------------


def read_parquet(data: bytes, source: str) -> RawTable:
    """A parquet file (through pyarrow); a named index becomes a column again."""
    import pandas as pd

    try:
        frame = pd.read_parquet(io.BytesIO(data))
    except Exception as exc:
        raise InputError(f"cannot read as parquet: {one_line(exc)}", path=source) from None
    return from_frame(frame, source=source, fmt="parquet")


def from_frame(
    frame: pd.DataFrame, *, source: str = FRAME_SOURCE, fmt: str = "dataframe"
) -> RawTable:
    """An in-memory table; it is copied, never changed. A named index becomes a column."""
    import pandas as pd

    if any(name is not None for name in frame.index.names):
        frame = frame.reset_index()
    columns = header_names(list(frame.columns), source=source, where={})
    copy = frame.copy()
    copy.columns = columns
    copy.index = pd.RangeIndex(len(copy))
    return RawTable(frame=copy, source=source, format=fmt)


def source_name(source: str | os.PathLike[str]) -> str:
    """How the source is named in reports and errors: the path as given."""
    return os.fspath(source)
