"""Coding on a Dask cluster, for when one machine is not enough.

:func:`code_dask` codes the partitions of a Dask DataFrame on the workers and gives back a Dask
DataFrame of suggestion records: the same records, in the same order, as coding locally. Each
worker process compiles the codebook once (the first partition it codes) and keeps the compiled
coder for every later partition; tasks on the threads of one worker share it one at a time.

    >>> import dask.dataframe as dd
    >>> from distributed import Client
    >>> client = Client("tcp://scheduler:8786")  # doctest: +SKIP
    >>> answers = dd.read_parquet("antwoorden/*.parquet")  # doctest: +SKIP
    >>> suggestions = code_dask(answers, "codebook.yaml").compute()  # doctest: +SKIP

:class:`DaskPool` does the same for a stream of answer chunks read on the client
(``textcode code --engine dask``): chunks are submitted as tasks, at most a few per worker in
flight, and their records come back in input order.
"""

from __future__ import annotations

import hashlib
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import Any

import pandas as pd

from textcode.codebook import Codebook, dump_codebook
from textcode.codebook.resolve import resolve_codebook
from textcode.coding.coder import AnswersLike, Coder, suggestions_frame
from textcode.coding.parallel import (
    Coded,
    Columns,
    chunked,
    code_columns,
    columns_of,
    default_processes,
)
from textcode.public import warn_deprecated
from textcode.records import Suggestion

# One compiled coder per worker process and codebook, and one task at a time on it (spaCy's
# tokenizer cache is not safe for threads, and the GIL gives threads nothing to gain).
_CODERS: dict[str, Coder] = {}
_BUILD_LOCK = threading.Lock()
_CODE_LOCK = threading.Lock()


def _require_dask() -> None:
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:  # pragma: no cover - dask is an optional extra
        raise ImportError(
            "the Dask engine needs dask and distributed: pip install 'textcode[dask]'"
        ) from exc


def _portable(coder: Coder) -> Coder:
    """A coder whose codebook travels with it (workers may not see the client's files)."""
    if coder.nlp is not None:
        raise ValueError(
            "a Coder with its own spaCy pipeline (nlp=) cannot be sent to Dask workers; "
            "pass model= (a package name or a path the workers can load) instead"
        )
    # The codebook itself (loaded, not compiled: the client needs no pipeline).
    return Coder(
        resolve_codebook(coder.codebook),
        language=coder.language,
        model=coder.model,
        batch_size=coder.batch_size,
        cache_size=coder.cache_size,
    )


def coder_key(coder: Coder) -> str:
    """Identifies what a worker must compile: the codebook's content and the settings."""
    codebook = coder.codebook
    assert isinstance(codebook, Codebook)
    text = "\x1f".join(
        (dump_codebook(codebook), str(coder.language), str(coder.model), str(coder.batch_size))
    )
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def worker_coder(coder: Coder, key: str) -> Coder:
    """The compiled coder of this worker process for ``key`` (compiled on first use)."""
    found = _CODERS.get(key)
    if found is None:
        with _BUILD_LOCK:
            found = _CODERS.get(key)
            if found is None:
                found = _CODERS[key] = coder.fit()
    return found


def _code_partition(
    partition: pd.DataFrame, coder: Coder, key: str, columns: tuple[str, str, str]
) -> pd.DataFrame:
    compiled = worker_coder(coder, key)
    id_column, question_column, text_column = columns
    answers = partition[[id_column, question_column, text_column]]
    answers.columns = pd.Index(["response_id", "question", "text"])
    with _CODE_LOCK:
        records = list(compiled.iter_suggestions(answers))
    return suggestions_frame(records)


def code_dask(
    answers: Any,
    codebook: Codebook | str | Path | None = None,
    *,
    language: str | None = None,
    model: str | Path | None = None,
    batch_size: int = 1000,
    id_column: str = "response_id",
    question_column: str = "question",
    text_column: str = "text",
) -> Any:
    """Deprecated: ``textcode.code(dask_frame, engine="dask")``."""
    warn_deprecated("code_dask", 'code(dask_frame, engine="dask")')
    coder = Coder(codebook, language=language, model=model, batch_size=batch_size)
    return suggest_partitions(answers, coder, (id_column, question_column, text_column))


def suggest_partitions(
    answers: Any,
    coder: Coder,
    columns: tuple[str, str, str] = ("response_id", "question", "text"),
) -> Any:
    """Suggestion records for a Dask DataFrame of answers, as a (lazy) Dask DataFrame.

    ``answers`` has the columns of an answers table (``response_id``, ``question``, ``text``;
    other names through ``columns``). The result has the contract's columns; ``.compute()``
    gives the records of :func:`textcode.code`, in the same order. The codebook is loaded
    here and shipped to the workers with the task, so only the client needs the codebook file.
    """
    _require_dask()
    coder = _portable(coder)
    key = coder_key(coder)
    meta = suggestions_frame([])
    return answers.map_partitions(
        _code_partition,
        coder,
        key,
        columns,
        meta=meta,
        align_dataframes=False,
    )


def _code_columns_task(coder: Coder, key: str, columns: Columns, fmt: str | None) -> Coded:
    compiled = worker_coder(coder, key)
    with _CODE_LOCK:
        return code_columns(compiled, columns, fmt)


class DaskPool:
    """Chunks of answers coded as tasks on a Dask cluster, results in input order.

    ``scheduler`` is a scheduler address (``"tcp://10.0.0.5:8786"``), a ``distributed.Client``,
    or None for a new local cluster of ``workers`` single-threaded processes (default: one per
    CPU). Use it as a context manager; a cluster it started is closed at the end.
    """

    def __init__(
        self, coder: Coder | None = None, *, scheduler: Any = None, workers: int | None = None
    ) -> None:
        _require_dask()
        self.coder = _portable(coder if coder is not None else Coder())
        self.key = coder_key(self.coder)
        self.scheduler = scheduler
        self.workers = workers
        self._client: Any = None
        self._owned: list[Any] = []
        self._coder_future: Any = None
        self._slots = 1

    def __enter__(self) -> DaskPool:
        from distributed import Client, LocalCluster

        if self.scheduler is None:
            cluster = LocalCluster(
                n_workers=self.workers or default_processes(),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            self._owned.append(cluster)
            self._client = Client(cluster)
            self._owned.insert(0, self._client)
        elif isinstance(self.scheduler, str):
            self._client = Client(self.scheduler)
            self._owned.append(self._client)
        else:
            self._client = self.scheduler
        threads = sum(self._client.nthreads().values()) or 1
        self._slots = 2 * threads + 1
        self._coder_future = self._client.scatter(self.coder, broadcast=True)
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for resource in self._owned:
            resource.close()
        self._owned = []
        self._client = None

    def map_chunks(
        self, chunks: Iterable[AnswersLike | Columns], fmt: str | None = None
    ) -> Iterator[tuple[int, Coded]]:
        """``(answers, result)`` per chunk, in input order (as ``ProcessPool.map_chunks``)."""
        client = self._client
        if client is None:
            raise RuntimeError("use DaskPool as a context manager: with DaskPool(...) as pool")
        pending: deque[tuple[int, Any]] = deque()
        for chunk in chunks:
            columns = columns_of(chunk)
            if not columns[0]:
                continue
            future = client.submit(
                _code_columns_task, self._coder_future, self.key, columns, fmt, pure=False
            )
            pending.append((len(columns[0]), future))
            while len(pending) >= self._slots:
                size, done = pending.popleft()
                yield size, done.result()
        while pending:
            size, done = pending.popleft()
            yield size, done.result()

    def iter_suggestions(
        self, answers: AnswersLike, *, chunk_size: int = 2000
    ) -> Iterator[Suggestion]:
        """Suggestions for ``answers`` in input order."""
        for _, fields in self.map_chunks(chunked(answers, chunk_size)):
            assert isinstance(fields, list)
            for values in fields:
                yield Suggestion(*values)
