"""Reading answers chunk by chunk, so that a file of millions of answers never sits in memory.

:class:`AnswerStream` yields answers tables (``response_id``, ``question``, ``text``, the
attributes) exactly like :func:`~textcode.ingest.read_answers`, a chunk of rows at a time. CSV,
TSV, delimited TXT and JSON Lines files are streamed; every other source (Excel, SPSS, JSON,
parquet, a DataFrame, stdin) is read whole by ``read_answers`` and then cut into chunks.

Streaming keeps ``read_answers``' rules: the same column options, sidecar, encoding and
delimiter detection, the same ids, questions and texts, and the same errors naming file, line
and field. Two things necessarily differ on large files:

- roles guessed from the *content* of columns (no ``--text-column``, no sidecar, no column
  called ``text``/``antwoord``) are decided on the first 10,000 rows rather than on the whole
  file (whatever the chunk size); attribute columns are typed chunk by chunk;
- a file with several problems may report a different one first (an error is raised when the
  chunk holding it is read, after earlier chunks were already processed).
"""

from __future__ import annotations

import codecs
import itertools
import os
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

import numpy as np

from textcode.errors import InputError
from textcode.ingest.encoding import SNIFF_CHARS, WIDE_SAMPLE, LineScan, wide_encoding
from textcode.ingest.layout import Roles, answer_rows, choose_roles, tidy
from textcode.ingest.ranges import RANGE_CODECS, ByteRange, line_offset, read_range, record_ranges
from textcode.ingest.read import read_answers
from textcode.ingest.readers import (
    STDIN,
    DelimitedRecords,
    JsonlRecords,
    RawRows,
    RawTable,
    delimited_start,
    detect_format,
)
from textcode.ingest.values import to_label
from textcode.lazy_pandas import is_frame
from textcode.records import AnswerColumns

if TYPE_CHECKING:
    import pandas as pd

STREAMED_FORMATS: tuple[str, ...] = ("csv", "tsv", "txt", "jsonl")
DEFAULT_CHUNK_SIZE = 10_000
GUESS_ROWS = 10_000  # rows looked at when column roles are guessed from content
_SCAN_BYTES = 1 << 20
_RUN_LIMIT = 1 << 18  # ids per sorted run of _Duplicates

Cells = Callable[[str], list[Any]]  # a column's values


class AnswerStream:
    """The answers of ``source`` as a sequence of answers tables of at most ``chunk_size`` rows.

    Iterate it once, as tables, or as three columns with :meth:`iter_columns`. ``streamed``
    says whether the file is read piece by piece; after the iteration ``n_answers`` and
    ``n_empty`` hold the totals, ``format`` and ``encoding`` what was read.

    >>> for chunk in AnswerStream("antwoorden.csv", text_columns=["kennisbehoefte"]):
    ...     print(len(chunk))  # doctest: +SKIP
    """

    def __init__(
        self,
        source: str | os.PathLike[str] | pd.DataFrame,
        *,
        id_column: str | None = None,
        text_columns: str | Sequence[str] | None = None,
        question_column: str | None = None,
        sheet: str | int | None = None,
        format: str | None = None,
        encoding: str | None = None,
        sidecar: bool = True,
        chunk_size: int = DEFAULT_CHUNK_SIZE,
    ) -> None:
        if chunk_size < 1:
            raise ValueError("chunk_size must be at least 1")
        self.source = source
        self.id_column = id_column
        self.text_columns = [text_columns] if isinstance(text_columns, str) else text_columns
        self.question_column = question_column
        self.sheet = sheet
        self.format = format
        self.encoding = encoding
        self.sidecar = sidecar
        self.chunk_size = chunk_size
        self.n_answers = 0
        self.n_empty = 0
        self.streamed = self._streamable() is not None
        self._file: tuple[tuple[str, str, str] | None] | None = None  # what _opened found

    # -- which path --------------------------------------------------------------------------
    def _streamable(self) -> str | None:
        """The format to stream, or None when ``read_answers`` must read the source whole."""
        source = self.source
        if is_frame(source) or not isinstance(source, str | os.PathLike):
            return None
        name = os.fspath(source)
        if not name.strip() or name == STDIN or self.sheet is not None:
            return None
        try:
            fmt = detect_format(name, self.format)
        except InputError:
            return None
        if fmt not in STREAMED_FORMATS or not os.path.isfile(name):
            return None
        return fmt

    def _opened(self) -> tuple[str, str, str] | None:
        """The path, format and codec of a file to stream, or None: read_answers reads it whole
        (not streamable, or an encoding problem that read_answers names). Found once: the
        encoding scan warns once and the sidecar applies once."""
        if self._file is None:
            self._file = (self._open_file(),)
        return self._file[0]

    def _open_file(self) -> tuple[str, str, str] | None:
        fmt = self._streamable()
        if fmt is None:
            return None
        path = os.fspath(self.source)  # type: ignore[arg-type]
        used = _scan(path, fmt, self.encoding)
        if used is None:
            return None
        self.encoding = used
        self._apply_sidecar(path)
        return path, fmt, used

    def _whole(self) -> Iterator[pd.DataFrame]:
        table = read_answers(
            self.source,
            id_column=self.id_column,
            text_columns=self.text_columns,
            question_column=self.question_column,
            sheet=self.sheet,
            format=self.format,
            encoding=self.encoding,
            sidecar=self.sidecar,
        )
        report = table.attrs.get("textcode", {})
        self.n_answers = len(table)
        self.n_empty = int(report.get("n_empty", 0))
        for start in range(0, len(table), self.chunk_size):
            yield table.iloc[start : start + self.chunk_size]

    def __iter__(self) -> Iterator[pd.DataFrame]:
        opened = self._opened()
        if opened is None:
            yield from self._whole()
            return
        roles, guard, raws = self._roles(self._raw_rows(*opened))
        rows_before = 0
        for rows in raws:
            raw = _with_columns(rows.table(), roles)
            guard.check(raw, _table_cells(raw), rows.lines)
            table, report = tidy(raw, roles)
            if roles.id_column is None and rows_before:
                # Without an id column the ids are row numbers, counted over the whole file.
                numbers = table["response_id"].astype("int64") + rows_before
                table["response_id"] = numbers.astype(str)
            rows_before += len(rows)
            self.n_answers += report.n_answers
            self.n_empty += report.n_empty
            yield table

    def iter_columns(self) -> Iterator[AnswerColumns]:
        """The answers of each chunk as response ids, questions and texts, without attributes
        (what coding needs): the same answers, checked alike, as iterating the tables.

        A streamed file makes no pandas table for a chunk whose role columns hold texts (JSON
        Lines: or whole numbers), as tables would hold them; any other chunk goes through its
        table. So ``textcode code`` on a JSON Lines or CSV file runs without pandas.
        """
        opened = self._opened()
        if opened is None:
            for table in self._whole():
                yield table_columns(table)
            return
        roles, guard, raws = self._roles(self._raw_rows(*opened))
        rows_before = 0
        for rows in raws:
            place, cells = _place_cells(rows, roles)
            guard.check(place, cells, rows.lines)
            answers = answer_rows(place, roles, cells, len(rows), number_from=rows_before + 1)
            rows_before += len(rows)
            self.n_answers += len(answers.texts)
            self.n_empty += sum(not text.strip() for text in answers.texts)
            yield answers.response_ids, answers.questions, answers.texts

    def _raw_rows(self, path: str, fmt: str, codec: str) -> Iterator[RawRows]:
        if fmt == "jsonl":
            return _jsonl_chunks(path, codec, self.chunk_size)
        return _delimited_chunks(path, fmt, codec, self.chunk_size)

    def byte_ranges(self) -> RangeReading | None:
        """The file cut into byte ranges of ``chunk_size`` records that worker processes read
        alone (:func:`range_answers`), or None: a source read from the start (not a streamed
        file, no id column, see :mod:`textcode.ingest.ranges`). Call it instead of iterating."""
        opened = self._opened()
        if opened is None or opened[2] not in RANGE_CODECS:
            return None
        path, fmt, codec = opened
        raws = self._raw_rows(path, fmt, codec)
        with warnings.catch_warnings():
            # A file small enough to be read whole here may warn (lone surrogates); such a file
            # gets no ranges and warns when it is read, once.
            warnings.simplefilter("ignore")
            roles, guard, chunks = self._roles(raws)
            first = next(chunks)
        raws.close()  # type: ignore[attr-defined]
        if roles.id_column is None or not len(first):
            return None  # ids that are row numbers need every earlier row counted
        line = first.lines[0]
        found = record_ranges(
            path, fmt, first.delimiter, line_offset(path, line), line, self.chunk_size
        )
        if found is None:
            return None
        columns = tuple(first.header or ())
        plan = RangePlan(path, fmt, codec, roles, first.delimiter, columns)
        return RangeReading(self, plan, tuple(found), guard)

    # -- streaming ---------------------------------------------------------------------------
    def _apply_sidecar(self, path: str) -> None:
        # As read_answers: a sidecar beside the file fills in the roles no option names.
        if not self.sidecar:
            return
        from textcode.ingest.read import sidecar_roles

        id_column, text_columns, _ = sidecar_roles(
            path, self.id_column, self.text_columns, self.question_column
        )
        self.id_column = id_column
        self.text_columns = (
            list(text_columns)
            if isinstance(text_columns, list | tuple)
            else ([text_columns] if isinstance(text_columns, str) else None)
        )

    def _roles(self, raws: Iterator[RawRows]) -> tuple[Roles, _Duplicates, Iterator[RawRows]]:
        """The roles, the duplicate guard and all the chunks (the first ones read already).

        Roles guessed from content look at the first GUESS_ROWS rows, whatever the chunk
        size, so that the answers never depend on how the file is cut.
        """
        head: list[RawRows] = []
        wanted = 1 if self.text_columns else GUESS_ROWS  # named text columns need no sample
        for rows in raws:
            head.append(rows)
            if sum(len(r) for r in head) >= wanted:
                break
        roles = choose_roles(
            _Sample(head),
            id_column=self.id_column,
            text_columns=list(self.text_columns or ()),
            question_column=self.question_column,
        )
        guard = _Duplicates(roles, self._reread_key(head[0], roles))
        return roles, guard, itertools.chain(head, raws)

    def _reread_key(self, first: RawRows, roles: Roles) -> Callable[[int], Any]:
        """Reads the file again for the key of the row on ``line`` (only when a hash repeats)."""

        def key_at(line: int) -> Any:
            chunks = self._raw_rows(first.source, first.format, first.encoding or "utf-8")
            for rows in chunks:
                if rows.lines and rows.lines[-1] >= line:
                    _, cells = _place_cells(rows, roles)
                    return _Duplicates(roles, key_at).keys(cells)[rows.lines.index(line)]
            return None

        return key_at


@dataclass(frozen=True)
class RangePlan:
    """What a worker process needs to read any byte range of a file alone."""

    path: str
    format: str
    encoding: str
    roles: Roles
    delimiter: str | None
    columns: tuple[str, ...]  # delimited text: the header's names


@dataclass(frozen=True)
class RangeChecks:
    """What the main process needs of a range a worker read: its counts, and what the checks
    across ranges need (the lines and key hashes of its rows), or the error it met."""

    n_answers: int
    n_empty: int
    lines: list[int]
    hashes: np.ndarray | None = None
    repeat: int | None = None  # the first row whose key an earlier row of the range had
    error: InputError | None = None


def range_answers(plan: RangePlan, part: ByteRange) -> tuple[AnswerColumns, RangeChecks]:
    """The answers of one range, read and checked as :meth:`AnswerStream.iter_columns` checks a
    chunk (but for the duplicates across ranges: :meth:`RangeReading.settle`)."""
    roles = plan.roles
    none: AnswerColumns = ([], [], [])
    try:
        rows = read_range(
            plan.path,
            plan.format,
            plan.encoding,
            part,
            delimiter=plan.delimiter,
            columns=plan.columns,
        )
    except InputError as error:
        return none, RangeChecks(0, 0, [], error=error)
    if not len(rows):
        return none, RangeChecks(0, 0, [])
    place, cells = _place_cells(rows, roles)
    hashes, key = _Duplicates(roles, _no_reread).hashes(cells)
    try:
        answers = answer_rows(place, roles, cells, len(rows))
    except InputError as error:
        repeat = _first_repeat([key(i) for i in range(len(rows))])
        return none, RangeChecks(0, 0, rows.lines, hashes, repeat, error)
    # answer_rows raised at any key that repeats within the range: none does.
    texts = answers.texts
    empty = sum(not text.strip() for text in texts)
    checks = RangeChecks(len(texts), empty, rows.lines, hashes)
    return (answers.response_ids, answers.questions, texts), checks


class RangeReading:
    """A file that worker processes read range by range (:func:`range_answers`): the plan they
    get, its ranges, and what stays here: the duplicate ids across ranges and the errors, in
    input order."""

    def __init__(
        self,
        stream: AnswerStream,
        plan: RangePlan,
        parts: tuple[ByteRange, ...],
        guard: _Duplicates,
    ) -> None:
        self.stream = stream
        self.plan = plan
        self.parts = parts
        self.guard = guard

    def settle(self, checks: RangeChecks) -> None:
        """Take the next range's checks (in input order): raise its first error, else count."""
        guard, lines, repeat = self.guard, checks.lines, checks.repeat
        if checks.hashes is not None:
            place = RawRows([], lines, self.plan.path, self.plan.format, self.plan.encoding)
            guard.check_hashes(
                place,
                checks.hashes,
                lines,
                lambda i: guard.reread(lines[i]),
                lambda i: repeat is not None and repeat < i,
            )
        if checks.error is not None:
            raise checks.error
        self.stream.n_answers += checks.n_answers
        self.stream.n_empty += checks.n_empty


def _no_reread(line: int) -> Any:  # pragma: no cover - workers only hash
    raise AssertionError("a worker compares no keys")


def _first_repeat(keys: list[Any]) -> int | None:
    """The index of the first key that an earlier one equals, or None."""
    if len(set(keys)) == len(keys):
        return None
    seen: set[Any] = set()
    for i, key in enumerate(keys):
        if key in seen:
            return i
        seen.add(key)
    return None  # pragma: no cover - the sizes differ only when a key repeats


def table_columns(table: pd.DataFrame) -> AnswerColumns:
    """The response ids, questions and texts of an answers table (as ``read_answers`` gives)."""
    missing = {"response_id", "question", "text"} - set(table.columns)
    if missing:
        raise InputError(
            f"the answers table lacks the column(s) {', '.join(sorted(missing))}",
            field=sorted(missing)[0],
        )
    return (
        table["response_id"].astype(str).tolist(),
        table["question"].astype(str).tolist(),
        table["text"].fillna("").astype(str).tolist(),
    )


class _Sample:
    """The first chunks of a file, to choose the roles on: their column names, and their
    table only when roles are guessed from content."""

    def __init__(self, head: list[RawRows]) -> None:
        self.head = head
        self.source = head[0].source
        self.context = ""

    def location(self, index: int) -> dict[str, int]:
        lines = [line for rows in self.head for line in rows.lines]
        return {"line": lines[index]}

    @property
    def columns(self) -> list[str]:
        # The union pd.concat makes of the chunks' tables: names in order of first appearance.
        return list(dict.fromkeys(c for rows in self.head for c in rows.columns))

    @cached_property
    def frame(self) -> pd.DataFrame:
        return _concat([rows.table() for rows in self.head]).frame


def _place_cells(rows: RawRows, roles: Roles) -> tuple[RawRows | RawTable, Cells]:
    """Where a chunk's rows are (for errors) and its role columns' values: as read, or from
    its table when the table would hold other values."""
    cells = _plain_cells(rows, roles)
    if cells is not None:
        return rows, cells
    place = _with_columns(rows.table(), roles)
    return place, _table_cells(place)


def _plain_cells(rows: RawRows, roles: Roles) -> Cells | None:
    """The role columns' values as read, when the chunk's table would hold the same ones."""
    values: dict[str, list[Any]] = {}
    for column in (roles.id_column, roles.question_column, *roles.text_columns):
        if column is not None:
            cells = rows.cells(column)
            if cells is None:
                return None
            values[column] = cells
    return values.__getitem__


def _table_cells(raw: RawTable) -> Cells:
    frame = raw.frame
    return lambda column: frame[column].tolist()


def _concat(raws: list[RawTable]) -> RawTable:
    """One raw table of several chunks (for guessing roles on a sample)."""
    first = raws[0]
    if len(raws) == 1:
        return first
    import pandas as pd

    frame = pd.concat([r.frame for r in raws], ignore_index=True)
    lines = [line for r in raws for line in (r.lines or ())]
    return RawTable(
        frame=frame,
        source=first.source,
        format=first.format,
        encoding=first.encoding,
        delimiter=first.delimiter,
        typed=first.typed,
        lines=lines,
    )


def _with_columns(raw: RawTable, roles: Roles) -> RawTable:
    """A later JSON Lines chunk may lack a key the first one had: add it as missing."""
    wanted = [c for c in (roles.id_column, roles.question_column, *roles.text_columns) if c]
    missing = [c for c in wanted if c not in raw.frame.columns]
    if not missing:
        return raw
    frame = raw.frame.copy()
    for column in missing:
        frame[column] = None
    return RawTable(
        frame=frame,
        source=raw.source,
        format=raw.format,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        typed=raw.typed,
        lines=raw.lines,
    )


class _Duplicates:
    """Ids of earlier chunks as 64-bit hashes with their line (12 bytes per row, no strings).

    ``read_answers`` stops at an id that repeats (wide data) or that answers a question twice
    (long data). A hash that matches is confirmed by reading the earlier row again (``reread``),
    so a hash collision never raises a false error. Hashes are kept in sorted runs that merge
    as they grow (a log-structured set), so checking a chunk costs a few binary searches.
    """

    def __init__(self, roles: Roles, reread: Callable[[int], Any]) -> None:
        self.roles = roles
        self.reread = reread
        self.runs: list[tuple[np.ndarray, np.ndarray]] = []  # (sorted hashes, their lines)

    def keys(self, cells: Cells) -> list[Any]:
        return self._keys(*self._labels(cells))

    def _labels(self, cells: Cells) -> tuple[list[Any], list[Any] | None]:
        """The chunk's ids (and, long data, questions) as ``tidy`` reads them."""
        roles = self.roles
        assert roles.id_column is not None
        # to_label, with its common case inlined
        ids = [v.strip() if type(v) is str else to_label(v) for v in cells(roles.id_column)]
        if roles.layout != "long":
            return ids, None
        assert roles.question_column is not None
        questions = [
            v.strip() if type(v) is str else to_label(v) for v in cells(roles.question_column)
        ]
        return ids, questions

    @staticmethod
    def _keys(ids: list[Any], questions: list[Any] | None) -> list[Any]:
        return ids if questions is None else list(zip(ids, questions, strict=True))

    def hashes(self, cells: Cells) -> tuple[np.ndarray, Callable[[int], Any]]:
        """A 64-bit hash of each row's key (for long data the id's and the question's, mixed),
        and what gives row i's key."""
        ids, questions = self._labels(cells)
        hashes = np.fromiter(map(hash, ids), dtype=np.int64, count=len(ids))
        if questions is None:
            return hashes, ids.__getitem__
        mixed = np.fromiter(map(hash, questions), dtype=np.int64, count=len(ids))
        return hashes * np.int64(1_000_003) ^ mixed, lambda i: (ids[i], questions[i])

    def check(self, place: RawRows | RawTable, cells: Cells, lines: Sequence[int]) -> None:
        """Raise at the first row whose key an earlier chunk had; then remember the chunk's."""
        if self.roles.id_column is None or not len(lines):
            return
        hashes, key = self.hashes(cells)

        def repeats_before(i: int) -> bool:
            return len({key(k) for k in range(i)}) != i

        self.check_hashes(place, hashes, lines, key, repeats_before)

    def check_hashes(
        self,
        place: RawRows | RawTable,
        hashes: np.ndarray,
        lines: Sequence[int],
        key: Callable[[int], Any],
        repeats_before: Callable[[int], bool],
    ) -> None:
        """:meth:`check` on the chunk's key hashes: ``key(i)`` gives row i's key,
        ``repeats_before(i)`` whether a key repeats in the chunk's first i rows (answer_rows
        reports that one)."""
        if self.roles.id_column is None or not len(lines):
            return
        # A row whose hash an earlier row had is then compared by its key.
        earliest: tuple[int, int] | None = None  # (index in chunk, line of the first one)
        order = np.argsort(hashes, kind="stable")
        ordered = hashes[order]  # looked up in order: the runs are read front to back
        for run, run_lines in self.runs:
            at = np.minimum(np.searchsorted(run, ordered), len(run) - 1)
            for i in sorted(order[np.flatnonzero(run[at] == ordered)].tolist()):
                if earliest is not None and i >= earliest[0]:
                    break
                j = int(np.searchsorted(run, hashes[i]))
                while j < len(run) and run[j] == hashes[i]:
                    if self.reread(int(run_lines[j])) == key(i):
                        earliest = (i, int(run_lines[j]))
                        break
                    j += 1
        if earliest is not None:
            i, first = earliest
            # A repeat inside the chunk before row i is answer_rows' to report, as
            # read_answers does.
            if not repeats_before(i):
                self._raise(place, key(i), first, i)
        numbers = np.fromiter(lines, dtype=np.int32, count=len(hashes))
        self.runs.append((ordered, numbers[order]))
        # Runs merge while they are small; large ones stay apart so that a merge never copies
        # more than a few MB (a million ids make a handful of runs).
        while (
            len(self.runs) > 1
            and len(self.runs[-2][0]) <= len(self.runs[-1][0])
            and len(self.runs[-2][0]) + len(self.runs[-1][0]) <= _RUN_LIMIT
        ):
            (a, la), (b, lb) = self.runs[-2], self.runs.pop()
            merged = np.concatenate([a, b])
            order = np.argsort(merged, kind="stable")
            self.runs[-1] = (merged[order], np.concatenate([la, lb])[order])

    def _raise(self, place: RawRows | RawTable, key: Any, first: int, index: int) -> None:
        if self.roles.layout == "long":
            what = f"id {key[0]!r} answers question {key[1]!r} twice"
        else:
            what = f"duplicate id {key!r}"
        raise InputError(
            f"{what} (first at line {first}){place.context}",
            path=place.source,
            field=self.roles.id_column,
            **place.location(index),
        )


# --- encoding ---------------------------------------------------------------------------------


def _scan(path: str, fmt: str, encoding: str | None) -> str | None:
    """The codec ``read_answers`` would decode the file with, checked over the whole file.

    None means "let read_answers read it": an empty or unreadable file, UTF-16 or UTF-32 (with
    or without a byte-order mark) or many NUL bytes, bytes that do
    not decode (read_answers then names the exact byte and line), an unknown encoding. A file
    of UTF-8 and cp1252 lines gives :data:`~textcode.ingest.encoding.MIXED` and the same one
    warning as a whole-file read.
    """
    try:
        with open(path, "rb") as handle:
            head = handle.read(WIDE_SAMPLE)
            handle.seek(0)
            if encoding is None:
                try:
                    if wide_encoding(head, path=path) is not None:
                        return None
                except InputError:
                    return None
                if fmt == "jsonl":
                    encoding = "utf-8"
            if encoding is not None:
                try:
                    name = codecs.lookup(encoding).name
                except LookupError:
                    return None
                if name == "utf-8" and head.startswith(codecs.BOM_UTF8):
                    name = "utf-8-sig"
                if name.startswith(("utf-16", "utf-32")):
                    return None  # no streaming decoder for a whole-file read; rare anyway
                return name if _decodes(handle, name) else None
            return _scan_lines(handle, path)
    except OSError:
        return None


def _scan_lines(handle: IO[bytes], path: str) -> str | None:
    """The encoding the line by line rule of ``textcode.ingest.encoding`` gives the file."""
    scan = LineScan()
    content = False
    try:
        while True:
            block = handle.read(_SCAN_BYTES)
            scan.feed(block, final=not block)
            if not block:
                break
            content = content or bool(block.strip())
    except UnicodeDecodeError:
        return None
    if not content:
        return None
    scan.warn(path, stacklevel=4)
    return scan.encoding


def _decodes(handle: IO[bytes], codec: str) -> bool:
    """Whether the whole file decodes with ``codec`` and holds more than white space."""
    decoder = codecs.getincrementaldecoder(codec)()
    content = False
    try:
        while True:
            block = handle.read(_SCAN_BYTES)
            if not block:
                decoder.decode(b"", final=True)
                return content
            content = content or bool(block.strip())
            decoder.decode(block)
    except UnicodeDecodeError:
        return False


# --- delimited text ---------------------------------------------------------------------------


def _delimited_chunks(path: str, fmt: str, codec: str, size: int) -> Iterator[RawRows]:
    """``readers.read_delimited`` chunk by chunk: the same record loop, lines and messages."""
    with open(path, encoding=codec, newline="") as handle:
        head = handle.read(SNIFF_CHARS + 1)
    delimiter, first_line, skip = delimited_start(head, "\t" if fmt == "tsv" else None)
    with open(path, encoding=codec, newline="") as handle:
        handle.read(skip)
        reader = DelimitedRecords(handle, source=path, delimiter=delimiter, first_line=first_line)

        def chunk(records: list[list[str]], lines: list[int]) -> RawRows:
            return RawRows(records, lines, path, fmt, codec, reader.columns, delimiter)

        records: list[list[str]] = []
        lines: list[int] = []
        yielded = False
        for line, record in reader:
            records.append(record)
            lines.append(line)
            if len(records) >= size:
                yield chunk(records, lines)
                records, lines, yielded = [], [], True
        if records or not yielded:
            yield chunk(records, lines)


# --- JSON Lines -------------------------------------------------------------------------------


def _jsonl_chunks(path: str, codec: str, size: int) -> Iterator[RawRows]:
    """``readers.read_jsonl`` chunk by chunk: the same record loop, lines and messages."""
    yielded = False
    # newline="\n": only "\n" ends a line; JSON strings may hold U+2028 and lone "\r".
    with open(path, encoding=codec, newline="\n") as handle:
        for lines, records in JsonlRecords(handle, source=path).chunks(size):
            yield RawRows(records, lines, path, "jsonl", codec)
            yielded = True
    if not yielded:
        yield RawRows([], [], path, "jsonl", codec)


def iter_answer_chunks(
    source: str | os.PathLike[str] | pd.DataFrame,
    *,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    **options: Any,
) -> Iterator[pd.DataFrame]:
    """Answers tables of at most ``chunk_size`` rows (see :class:`AnswerStream`)."""
    return iter(AnswerStream(source, chunk_size=chunk_size, **options))


__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "STREAMED_FORMATS",
    "AnswerStream",
    "iter_answer_chunks",
    "table_columns",
]
