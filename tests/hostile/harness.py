"""Run one hostile case under a time and memory limit, so that no case can hang the suite.

The case runs in a forked child (spaCy and the lookup tables already loaded in the parent are
shared, so a case costs milliseconds to start) with an address-space limit; the parent waits
at most ``seconds`` and kills the child past it. A case that runs out of time or memory fails
the test with a message saying which limit it hit; whatever the case returns comes back to the
parent (it must pickle), and an exception it raises is re-raised in the parent.
"""

from __future__ import annotations

import multiprocessing
import resource
import traceback
from collections.abc import Callable
from typing import Any

import pytest

DEFAULT_SECONDS = 20.0
DEFAULT_MEMORY_MB = 2048


class CaseError(Exception):
    """An exception raised inside the case, with the child's traceback text."""

    def __init__(self, kind: str, message: str, trace: str) -> None:
        super().__init__(f"{kind}: {message}\n{trace}")
        self.kind = kind
        self.message = message


def _child(conn: Any, memory_mb: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    limit = memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    used = _address_space_bytes()
    new_limit = used + limit
    if hard != resource.RLIM_INFINITY:
        new_limit = min(new_limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (new_limit, hard))
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # report everything, MemoryError included
        conn.send(("error", (type(exc).__name__, str(exc), traceback.format_exc())))
    finally:
        conn.close()


def _address_space_bytes() -> int:
    """The child's address space when it starts (the limit is on top of what it inherited)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[0])
        return pages * resource.getpagesize()
    except OSError:
        return 0


def run_limited(
    fn: Callable[..., Any],
    *args: Any,
    seconds: float = DEFAULT_SECONDS,
    memory_mb: int = DEFAULT_MEMORY_MB,
) -> Any:
    """``fn(*args)`` in a forked child under the limits; its return value, or a test failure."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(child, memory_mb, fn, args), daemon=True)
    process.start()
    child.close()
    ready = parent.poll(seconds)
    if not ready:
        process.kill()
        process.join()
        pytest.fail(f"hostile case ran past its time limit of {seconds:g} s", pytrace=False)
    try:
        status, payload = parent.recv()
    except EOFError:
        process.join()
        pytest.fail(
            f"hostile case died (exit code {process.exitcode}; memory limit {memory_mb} MB?)",
            pytrace=False,
        )
    process.join()
    if status == "error":
        kind, message, trace = payload
        if kind == "MemoryError":
            pytest.fail(f"hostile case ran past its memory limit of {memory_mb} MB", pytrace=False)
        raise CaseError(kind, message, trace)
    return payload
