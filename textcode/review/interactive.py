"""The interactive terminal review: single keys, undo, a progress line.

Keys: ``a`` accept, ``r`` reject, ``s`` skip (decide later), ``u`` undo the last decision,
``q`` quit (also Ctrl-C, Ctrl-D, end of input), ``?`` help. Every decision is in the ledger the
moment the key is pressed, so quitting (or a crash) loses nothing that was decided.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Callable, Iterator
from typing import TextIO

from textcode.review.render import progress_line, render_item
from textcode.review.session import ReviewSession

KeyReader = Callable[[], str]
HELP = "[a] accept  [r] reject  [s] skip  [u] undo  [q] quit  [?] help"
_QUIT = {"q", "Q", "", "\x03", "\x04", "\x1b"}


def run_interactive(
    session: ReviewSession,
    *,
    read_key: KeyReader,
    write: Callable[[str], None],
    color: bool = False,
    clear: bool = False,
) -> dict[str, int]:
    """Review until every item is decided or the reviewer quits; returns what was done."""
    done = {"accept": 0, "reject": 0, "skip": 0, "undo": 0}
    message = ""
    while True:
        item = session.next()
        if item is None:
            write(f"\nEverything is decided. [{progress_line(session.progress())}]\n")
            break
        screen = render_item(item, color=color)
        if clear:
            write("\x1b[2J\x1b[H")
        write(("\n" if not clear else "") + screen + "\n")
        if message:
            write(message + "\n")
        write(f"{HELP} > ")
        key = read_key()
        write("\n")
        if key in _QUIT:
            break
        key = key.lower()
        if key == "a":
            session.accept()
            done["accept"] += 1
            message = f"accepted {item.code} for {item.response_id}"
        elif key == "r":
            session.reject()
            done["reject"] += 1
            message = f"rejected {item.code} for {item.response_id}"
        elif key == "s":
            session.skip()
            done["skip"] += 1
            message = "skipped"
        elif key == "u":
            undone = session.undo()
            if undone is None:
                message = "nothing to undo"
            else:
                done["undo"] += 1
                message = f"undid {undone.decision} of {undone.code} for {undone.response_id}"
        else:
            message = HELP
    write(
        f"{done['accept']} accepted, {done['reject']} rejected, {done['skip']} skipped, "
        f"{done['undo']} undone. [{progress_line(session.progress())}]\n"
    )
    return done


@contextlib.contextmanager
def _cbreak(fd: int) -> Iterator[None]:
    import termios
    import tty

    saved = termios.tcgetattr(fd)
    try:
        # TCSANOW: a key pressed before the prompt appeared must not be flushed away.
        tty.setcbreak(fd, termios.TCSANOW)
        yield
    finally:
        termios.tcsetattr(fd, termios.TCSADRAIN, saved)


def terminal_key_reader(stream: TextIO | None = None) -> KeyReader:
    """Read single key presses from a terminal (no Enter needed); end of input reads as ''."""
    stream = stream or sys.stdin
    fd = stream.fileno()

    def read_key() -> str:
        if not os.isatty(fd):
            line = stream.readline()
            return line.strip()[:1] if line else ""
        with _cbreak(fd):
            data = os.read(fd, 1)
        return data.decode("utf-8", "replace")

    return read_key
