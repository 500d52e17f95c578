"""One entry point for coding, with a parameter for where it runs (as scikit-learn's
``n_jobs``): this process, worker processes, or a Dask cluster. Every engine gives the same
records in the same order.

    >>> from textcode.coding import code
    >>> result = code(answers, engine="processes", processes=2)  # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textcode.coding.coder import AnswersLike, Coder, CodingResult, answers_frame
from textcode.errors import InputError
from textcode.lazy_pandas import is_frame

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.coding.dask_engine import DaskPool
    from textcode.coding.parallel import ProcessPool

ENGINES: tuple[str, ...] = ("local", "processes", "dask")
DEFAULT_BATCH_SIZE = 2000


def check_engine(engine: str) -> None:
    """Raise :class:`InputError` for an engine textcode does not have."""
    if engine not in ENGINES:
        raise InputError(f"unknown engine {engine!r}; known: {', '.join(ENGINES)}", field="engine")


def worker_pool(
    engine: str, coder: Coder, *, processes: int | None = None, scheduler: Any = None
) -> ProcessPool | DaskPool:
    """The pool that codes chunks for ``engine`` (``processes`` or ``dask``), to be used as a
    context manager: ``processes`` worker processes (default: one per CPU), or a Dask cluster
    at ``scheduler`` (an address or a ``distributed.Client``; None starts a local one)."""
    if engine == "processes":
        from textcode.coding.parallel import ProcessPool

        return ProcessPool(coder, processes)
    if engine == "dask":
        from textcode.coding.dask_engine import DaskPool

        return DaskPool(coder, scheduler=scheduler, workers=processes)
    raise InputError(f"engine {engine!r} codes in this process, with no pool", field="engine")


def is_dask_frame(answers: object) -> bool:
    """Whether ``answers`` is a Dask DataFrame (without importing Dask)."""
    return type(answers).__module__.split(".")[0] == "dask" and hasattr(answers, "map_partitions")


def code(
    answers: AnswersLike | Any,
    codebook: Codebook | str | Path | None = None,
    *,
    engine: str = "local",
    processes: int | None = None,
    scheduler: Any = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    language: str | None = None,
    model: str | Path | None = None,
    quiet: bool = True,
) -> CodingResult | Any:
    """Code answers with a codebook (default: the shipped survey codebook).

    ``engine``: ``local`` (this process), ``processes`` (``processes`` worker processes,
    default one per CPU) or ``dask`` (the cluster at ``scheduler``, or a local one of
    ``processes`` workers). ``batch_size`` answers go to a worker together; it changes speed,
    never the result. The result is a :class:`CodingResult`, the same whatever the engine;
    a Dask DataFrame of answers with ``engine="dask"`` gives a (lazy) Dask DataFrame of the
    records instead, coded on the workers partition by partition.
    """
    check_engine(engine)
    if batch_size < 1:
        raise InputError("batch_size must be at least 1", field="batch_size")
    if engine == "dask" and is_dask_frame(answers):
        from textcode.coding.dask_engine import suggest_partitions

        coder = Coder(codebook, language=language, model=model, batch_size=batch_size)
        return suggest_partitions(answers, coder)
    coder = Coder(codebook, language=language, model=model)
    if engine == "local":
        return coder.code(answers, quiet=quiet)
    table = answers if is_frame(answers) else answers_frame(answers)
    with worker_pool(engine, coder, processes=processes, scheduler=scheduler) as pool:
        records = list(pool.iter_suggestions(table, chunk_size=batch_size))
    return CodingResult(table, records, coder.codebook_)
