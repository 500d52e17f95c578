"""Coding a file into a file, streaming, on one process, several processes or a Dask cluster.

The answers are read chunk by chunk (:class:`~textcode.ingest.stream.AnswerStream`), coded by
the chosen engine and written as they come, so memory stays flat however long the file is.
Every engine writes the same bytes.

    >>> from textcode.coding.files import code_file
    >>> code_file("antwoorden.csv", "suggesties.jsonl", text_columns=["kennisbehoefte"],
    ...           engine="processes")  # doctest: +SKIP
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from textcode.codebook import Codebook
from textcode.coding.coder import Coder
from textcode.coding.engines import DEFAULT_BATCH_SIZE, check_engine, worker_pool
from textcode.coding.spool import Spooled, SpoolReader, remove_folder, spool_folder
from textcode.coding.suggestions import FORMATS, csv_header, format_records
from textcode.progress import progress_enabled
from textcode.records import AnswerColumns

if TYPE_CHECKING:
    import pandas as pd

    from textcode.ingest.stream import AnswerStream

READ_ROWS = 10_000  # rows read from the file at a time


@dataclass(frozen=True)
class FileResult:
    """What :func:`code_file` did."""

    n_answers: int
    n_empty: int
    n_suggestions: int
    engine: str
    streamed: bool


def output_format(out: str | os.PathLike[str] | None, fmt: str | None = None) -> str:
    """``fmt`` when given, else ``csv`` for a ``.csv`` output, else ``jsonl``."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")
        return fmt
    if out is not None and os.fspath(out).lower().endswith(".csv"):
        return "csv"
    return "jsonl"


def code_file(
    source: str | os.PathLike[str] | pd.DataFrame,
    out: str | os.PathLike[str] | IO[str] | None,
    *,
    codebook: Codebook | str | Path | None = None,
    language: str | None = None,
    engine: str = "local",
    processes: int | None = None,
    scheduler: str | Any | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    fmt: str | None = None,
    quiet: bool = True,
    freeze_gc: bool = False,
    id_column: str | None = None,
    text_columns: str | Sequence[str] | None = None,
    question_column: str | None = None,
    sheet: str | int | None = None,
) -> FileResult:
    """Code every answer of ``source`` and write the records to ``out`` (a path, a text handle,
    or None for stdout), atomically when ``out`` is a path.

    ``engine`` is ``local`` (this process), ``processes`` (``processes`` worker processes,
    default: one per CPU) or ``dask`` (a Dask cluster: ``scheduler`` is its address or a
    ``distributed.Client``; without one a local cluster is started). ``batch_size`` answers
    are coded together (and sent to a worker together); it changes speed, never the output.

    ``freeze_gc`` exempts everything alive once the coder is compiled from the garbage
    collector's full passes (``gc.freeze()``; about 15% faster). The command line sets it; in
    a long Python session leave it off, since frozen objects are never collected.
    """
    from textcode.ingest.stream import AnswerStream

    check_engine(engine)
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    name = out if isinstance(out, str | os.PathLike) else None
    fmt = output_format(name, fmt)
    stream = AnswerStream(
        source,
        id_column=id_column,
        text_columns=text_columns,
        question_column=question_column,
        sheet=sheet,
        chunk_size=READ_ROWS,
    )
    coder = Coder(codebook, language=language, batch_size=batch_size)
    count = 0
    with ExitStack() as stack:
        # Worker processes writing to a file leave their text in spool files beside it.
        spool = None
        if engine == "processes" and name is not None:
            spool = spool_folder(name)
            stack.callback(remove_folder, spool)  # after the workers have stopped
        # Workers start before the output opens and before any progress thread.
        results = _engine(stack, engine, coder, processes, scheduler, spool)(stream, fmt)
        if freeze_gc:
            gc.freeze()
        write, flush = _writer(stack, name, out, spool is not None)
        if fmt == "csv":
            write(csv_header())
        bar = _bar(quiet)
        if bar is not None:
            stack.callback(bar.close)
        for n_answers, n_records, text in results:
            write(text)
            count += n_records
            if bar is not None:
                bar.update(n_answers)
        flush()
    return FileResult(stream.n_answers, stream.n_empty, count, engine, stream.streamed)


# An engine turns chunks of answers into (answers, records, text) per chunk, in order; the
# text may wait in a spool file.
Results = Iterator[tuple[int, int, str | Spooled]]


def _engine(
    stack: ExitStack,
    engine: str,
    coder: Coder,
    processes: int | None,
    scheduler: str | Any | None,
    spool: Path | None,
) -> Callable[[AnswerStream, str], Results]:
    """What codes a stream's answers into records' text, chunk by chunk."""
    size = coder.batch_size

    def chunks(stream: AnswerStream) -> Iterator[AnswerColumns]:
        return _rechunk(stream.iter_columns(), size)

    if engine == "local":
        coder.fit()
        return lambda stream, fmt: _local(coder, chunks(stream), fmt)
    from textcode.coding.parallel import ProcessPool

    pool = worker_pool(engine, coder, processes=processes, scheduler=scheduler)
    stack.enter_context(pool)  # the pool itself: workers start here, stop with the stack
    if not isinstance(pool, ProcessPool) or spool is None:
        return lambda stream, fmt: _counted(pool.map_chunks(chunks(stream), fmt), fmt)
    folder = spool

    def spooled(stream: AnswerStream, fmt: str) -> Results:
        # Forked workers read a file's byte ranges themselves; else this process reads.
        reading = stream.byte_ranges() if pool.start_method == "fork" else None
        if reading is not None:
            return pool.map_ranges(reading, fmt, folder)
        return _counted(pool.map_chunks(chunks(stream), fmt, spool=folder), fmt)

    return spooled


def _writer(
    stack: ExitStack,
    name: str | os.PathLike[str] | None,
    out: str | os.PathLike[str] | IO[str] | None,
    spooled: bool,
) -> tuple[Callable[[str | Spooled], None], Callable[[], None]]:
    """What writes each chunk's text to the output, and what flushes it."""
    from textcode.io import atomic_open

    if spooled:
        assert name is not None
        binary = stack.enter_context(atomic_open(name, "wb"))
        reader = SpoolReader(binary)
        stack.callback(reader.close)

        def write_spooled(piece: str | Spooled) -> None:
            if isinstance(piece, Spooled):
                reader.copy(piece)
            else:
                binary.write(piece.encode("utf-8"))

        return write_spooled, binary.flush
    if name is not None:
        handle: IO[str] = stack.enter_context(atomic_open(name, "w"))
    else:
        handle = out if out is not None else sys.stdout  # type: ignore[assignment]

    def write_text(piece: str | Spooled) -> None:
        assert isinstance(piece, str), "a spooled chunk without a spool file"
        handle.write(piece)

    return write_text, handle.flush


def _rechunk(chunks: Iterable[AnswerColumns], size: int) -> Iterator[AnswerColumns]:
    """Chunks of exactly ``size`` answers (the last one shorter), whatever came in."""
    ids: list[str] = []
    questions: list[str] = []
    texts: list[str] = []
    for chunk_ids, chunk_questions, chunk_texts in chunks:
        start = 0
        while start < len(chunk_ids):
            end = start + size - len(ids)
            ids += chunk_ids[start:end]
            questions += chunk_questions[start:end]
            texts += chunk_texts[start:end]
            start = end
            if len(ids) == size:
                yield ids, questions, texts
                ids, questions, texts = [], [], []
    if ids:
        yield ids, questions, texts


def _local(coder: Coder, chunks: Iterable[AnswerColumns], fmt: str) -> Results:
    for chunk in chunks:
        records = list(coder.iter_columns(*chunk))
        yield len(chunk[0]), len(records), format_records(records, fmt)


def _counted(results: Iterable[tuple[int, Any]], fmt: str) -> Results:
    for n_answers, (n_records, text) in results:
        yield n_answers, n_records, text


def _bar(quiet: bool) -> Any:
    if not progress_enabled(quiet):
        return None
    from tqdm import tqdm

    return tqdm(desc="coding", unit=" answers", unit_scale=True, file=sys.stderr, smoothing=0.1)
