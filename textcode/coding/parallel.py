"""Coding on several processes: the pipeline built once per process, output in input order.

Answers go to the worker processes in chunks; each worker holds one :class:`Coder` (compiled
once, with its own cache of repeated answers) and sends back the chunk's records, or their
JSON Lines / CSV text so that the parent only writes. Chunks come back in the order they were
sent, and at most a few chunks per process are in flight, so a stream of any length codes in
constant memory. When every worker is busy, the main process (forked pools) codes the next
chunk itself rather than wait. A file coded into a file goes instead as byte ranges that the
forked workers read themselves (:meth:`ProcessPool.map_ranges`), so that reading is shared too.
Coding one answer never depends on another, so the output is the same, byte for byte, whatever
the number of processes, the chunk size or who coded it.

    >>> from textcode.coding import code
    >>> result = code(answers, engine="processes", processes=2)  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import itertools
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult, Pool
from pathlib import Path
from types import TracebackType
from typing import Any, cast

from textcode.codebook import Codebook
from textcode.coding.coder import AnswersLike, Coder, CodingResult
from textcode.coding.spool import Spooled, SpoolWriter
from textcode.coding.suggestions import format_records
from textcode.ingest.ranges import ByteRange
from textcode.ingest.stream import (
    RangeChecks,
    RangePlan,
    RangeReading,
    range_answers,
    table_columns,
)
from textcode.lazy_pandas import is_frame
from textcode.public import warn_deprecated
from textcode.records import Answer, AnswerColumns, Suggestion

DEFAULT_CHUNK_SIZE = 2000

# What a worker receives: response ids, questions and texts of one chunk.
Columns = AnswerColumns
# What it sends back: record fields (for Python callers), formatted text, or where in a spool
# file it put that text (for files).
Fields = tuple[str, str, str, str, int, int, str, str, float, bool, str]
Coded = tuple[int, str] | tuple[int, Spooled] | list[Fields]

_WORKER_CODER: Coder | None = None
_WORKER_SPOOL = SpoolWriter()


def default_processes() -> int:
    """The CPUs this process may use."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except AttributeError:  # pragma: no cover - not on Linux
        return max(os.cpu_count() or 1, 1)


def _start(coder: Coder) -> None:
    global _WORKER_CODER
    _WORKER_CODER = coder.fit()  # compiled once per process; a forked one arrives compiled
    # A worker lives for its coder: what exists now (pipeline, lexicon, compiled rules) stays to
    # the end, so the garbage collector's full passes need not walk it again and again.
    gc.freeze()


def code_columns(coder: Coder, columns: Columns, fmt: str | None) -> Coded:
    """One chunk coded: ``(records, text)`` when ``fmt`` is given, else the records' fields."""
    records = list(coder.iter_columns(*columns))
    if fmt is not None:
        return len(records), format_records(records, fmt)
    return [
        (
            r.suggestion_id,
            r.response_id,
            r.question,
            r.code,
            r.start,
            r.end,
            r.evidence,
            r.rule,
            r.confidence,
            r.negated,
            r.explanation,
        )
        for r in records
    ]


def _code_chunk(columns: Columns, fmt: str | None, spool: str | None) -> Coded:
    assert _WORKER_CODER is not None, "worker started without a coder"
    coded = code_columns(_WORKER_CODER, columns, fmt)
    if spool is None or not isinstance(coded, tuple) or not isinstance(coded[1], str):
        return coded
    return coded[0], _WORKER_SPOOL.append(spool, coded[1].encode("utf-8"))


def _code_range(
    plan: RangePlan, part: ByteRange, fmt: str, spool: str
) -> tuple[RangeChecks, int, Spooled | str]:
    """One byte range of a file read, checked and coded here: its checks for the main process,
    and how many records it made, left in a spool file."""
    assert _WORKER_CODER is not None, "worker started without a coder"
    columns, checks = range_answers(plan, part)
    if not columns[0]:
        return checks, 0, ""
    n_records, text = cast(tuple[int, str], code_columns(_WORKER_CODER, columns, fmt))
    return checks, n_records, _WORKER_SPOOL.append(spool, text.encode("utf-8"))


def shared_repeats(values: list[str]) -> list[str]:
    """``values`` with each repeated string as one object: pickled once per chunk, not once
    per answer (a chunk's question, or "geen idee", goes to the worker once)."""
    first: dict[str, str] = {}
    return [first.setdefault(value, value) for value in values]


def columns_of(chunk: AnswersLike | Columns) -> Columns:
    """Response ids, questions and texts of an answers table or of Answer records (a chunk
    that is these three columns already, as ``code_file`` reads them, is returned as it is)."""
    if isinstance(chunk, tuple) and len(chunk) == 3 and all(type(c) is list for c in chunk):
        return cast(Columns, chunk)
    if is_frame(chunk):
        return table_columns(chunk)
    answers = cast(list[Answer], list(chunk))
    return (
        [str(a.response_id) for a in answers],
        [str(a.question) for a in answers],
        [a.text if isinstance(a.text, str) else "" for a in answers],
    )


class ProcessPool:
    """Worker processes that each hold one compiled :class:`Coder`.

    Use it as a context manager. ``processes`` defaults to the CPUs available. The pipeline is
    built once per process: with the ``fork`` start method (Linux) the workers inherit the
    parent's compiled coder, otherwise each worker compiles its own copy once.
    """

    def __init__(
        self,
        coder: Coder | None = None,
        processes: int | None = None,
        *,
        start_method: str | None = None,
    ) -> None:
        self.coder = coder if coder is not None else Coder()
        if self.coder.nlp is not None:
            raise ValueError(
                "a Coder with its own spaCy pipeline (nlp=) cannot be sent to worker processes; "
                "pass model= (a package name or a path) instead"
            )
        self.processes = processes or default_processes()
        if self.processes < 1:
            raise ValueError("processes must be at least 1")
        self.start_method = start_method or _default_start_method()
        self._pool: Pool | None = None

    def __enter__(self) -> ProcessPool:
        if self.start_method == "fork":
            self.coder.fit()  # compile once here; the forked workers share it
        context = multiprocessing.get_context(self.start_method)
        self._pool = context.Pool(self.processes, initializer=_start, initargs=(self.coder,))
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if kind is None:
            pool.close()
        else:
            pool.terminate()
        pool.join()

    def map_chunks(
        self,
        chunks: Iterable[AnswersLike | Columns],
        fmt: str | None = None,
        *,
        spool: str | os.PathLike[str] | None = None,
    ) -> Iterator[tuple[int, Coded]]:
        """``(answers, result)`` per chunk, in input order (see :func:`code_columns`). With
        ``fmt`` and a ``spool`` folder, each result is the chunk's text left in a spool file
        (:mod:`textcode.coding.spool`) instead of the text itself."""
        pool = self._pool
        if pool is None:
            raise RuntimeError("use ProcessPool as a context manager: with ProcessPool(...) as p")
        pending: deque[tuple[int, AsyncResult[Any] | _Done]] = deque()
        # Only a forked pool's coder is compiled here already (see __enter__).
        local = self.start_method == "fork"
        limit = 2 * self.processes + 1
        folder = None if spool is None or fmt is None else os.fspath(spool)
        for chunk in chunks:
            ids, questions, texts = columns_of(chunk)
            if not ids:
                continue
            columns = (ids, shared_repeats(questions), shared_repeats(texts))
            queued = sum(1 for _, result in pending if not isinstance(result, _Done))
            if local and queued >= limit - 1 and not pending[0][1].ready():
                # Every worker is busy: rather than wait, this process codes the chunk itself
                # (with the coder the workers forked from), so no CPU sits idle on its account.
                pending.append((len(ids), _Done(code_columns(self.coder, columns, fmt))))
            else:
                pending.append((len(ids), pool.apply_async(_code_chunk, (columns, fmt, folder))))
            # What is back goes out at once; this process waits only when the queue is long
            # (the chunks it coded itself queue up behind a worker's that is not back yet).
            while pending and (len(pending) >= 2 * limit or pending[0][1].ready()):
                size, result = pending.popleft()
                yield size, result.get()
        while pending:
            size, result = pending.popleft()
            yield size, result.get()

    def map_ranges(
        self, reading: RangeReading, fmt: str, spool: str | os.PathLike[str]
    ) -> Iterator[tuple[int, int, Spooled | str]]:
        """``(answers, records, text)`` per byte range of a file that the workers read
        themselves (:meth:`AnswerStream.byte_ranges`), in input order; the text waits in a
        ``spool`` file. Errors are raised here, the first in input order."""
        pool = self._pool
        if pool is None:
            raise RuntimeError("use ProcessPool as a context manager: with ProcessPool(...) as p")
        if self.start_method != "fork":
            raise ValueError("workers read byte ranges only when forked (they share id hashes)")
        folder = os.fspath(spool)
        limit = 2 * self.processes + 1
        pending: deque[AsyncResult[tuple[RangeChecks, int, Spooled | str]]] = deque()
        parts = iter(reading.parts)
        while True:
            for part in itertools.islice(parts, limit - len(pending)):
                pending.append(pool.apply_async(_code_range, (reading.plan, part, fmt, folder)))
            if not pending:
                return
            checks, n_records, text = pending.popleft().get()
            reading.settle(checks)
            yield checks.n_answers, n_records, text

    def iter_suggestions(
        self, answers: AnswersLike, *, chunk_size: int = DEFAULT_CHUNK_SIZE
    ) -> Iterator[Suggestion]:
        """Suggestions for ``answers`` in input order (as :meth:`Coder.iter_suggestions`)."""
        for _, fields in self.map_chunks(chunked(answers, chunk_size)):
            assert isinstance(fields, list)
            for values in fields:
                yield Suggestion(*values)


class _Done:
    """A chunk this process coded itself, in the queue beside the workers' results."""

    def __init__(self, value: Coded) -> None:
        self.value = value

    def ready(self) -> bool:
        return True

    def get(self) -> Coded:
        return self.value


def _default_start_method() -> str:
    methods = multiprocessing.get_all_start_methods()
    # fork shares the compiled coder with no start-up cost; it is safe here because the pool
    # is started before any progress-bar thread.
    return "fork" if "fork" in methods and sys.platform != "darwin" else "spawn"


def chunked(answers: AnswersLike, size: int) -> Iterator[AnswersLike]:
    if size < 1:
        raise ValueError("chunk_size must be at least 1")
    if is_frame(answers):
        for start in range(0, len(answers), size):
            yield answers.iloc[start : start + size]
        return
    batch: list[Answer] = []
    for answer in answers:
        batch.append(answer)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_parallel(
    answers: AnswersLike,
    codebook: Codebook | str | Path | None = None,
    *,
    processes: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    language: str | None = None,
    model: str | Path | None = None,
) -> CodingResult:
    """Deprecated: ``textcode.code(answers, engine="processes")``."""
    from textcode.coding.engines import code

    warn_deprecated("code_parallel", 'code(..., engine="processes")')
    result: CodingResult = code(
        answers,
        codebook,
        engine="processes",
        processes=processes,
        batch_size=chunk_size,
        language=language,
        model=model,
    )
    return result
