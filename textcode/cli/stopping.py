"""SIGTERM and SIGHUP stop a command as Ctrl-C does: every temporary file is removed.

Python turns SIGINT into ``KeyboardInterrupt``, which unwinds the stack, so each atomic write
removes its temporary file and the previous output stays. SIGTERM (``kill``, a job scheduler)
and SIGHUP (a closed terminal) kill the process where it stands by default, leaving hidden
temporary files of any size beside the output. While a command runs they raise
:class:`Stopped`, a ``KeyboardInterrupt``, instead.
"""

from __future__ import annotations

import contextlib
import signal
from collections.abc import Iterator
from types import FrameType
from typing import Any

SIGNALS: tuple[str, ...] = ("SIGTERM", "SIGHUP")


class Stopped(KeyboardInterrupt):
    """The process received SIGTERM or SIGHUP."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name


def _stop(signum: int, frame: FrameType | None) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def stop_on_signals() -> Iterator[None]:
    """Within the block, SIGTERM and SIGHUP raise :class:`Stopped` (main thread only)."""
    previous: dict[int, Any] = {}
    for name in SIGNALS:
        number = getattr(signal, name, None)  # SIGHUP does not exist on Windows
        if number is None:
            continue
        try:
            previous[number] = signal.signal(number, _stop)
        except ValueError:  # not the main thread: leave the signals alone
            break
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
