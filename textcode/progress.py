"""Progress bars for long runs: shown on a terminal, silent otherwise or with ``--quiet``."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from tqdm import tqdm

T = TypeVar("T")


def progress_enabled(quiet: bool = False) -> bool:
    """Whether a progress bar should be drawn: not when quiet, not when stderr is no terminal."""
    return not quiet and sys.stderr.isatty()


def progress(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str = "",
    unit: str = "answers",
    quiet: bool = False,
) -> Iterator[T]:
    """Wrap ``items`` in a tqdm bar that shows items per second, or pass them through."""
    if not progress_enabled(quiet):
        yield from items
        return
    yield from tqdm(items, total=total, desc=desc, unit=f" {unit}", file=sys.stderr, smoothing=0.1)
