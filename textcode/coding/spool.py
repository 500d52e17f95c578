"""Formatted records that go from the worker processes to the output file through spool files.

A worker appends each chunk's text, UTF-8 encoded, to a spool file of its own in a private
folder beside the output, and sends back only where it put it (:class:`Spooled`). The parent
copies those bytes into the output in input order, in the kernel where it can
(``os.copy_file_range``), so the records never cross a pipe and the parent never decodes or
encodes them: with two workers on two CPUs, that pipe was a share of the parent's time, which
the workers wait for.

A worker starts a new spool file every :data:`SPOOL_FILE_BYTES`; the parent deletes a file
once it has copied from the worker's next one (a worker's chunks come back in the order it
coded them), so the spool holds a few files at a time, not a second copy of the output.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import IO, NamedTuple

SPOOL_FILE_BYTES = 32 << 20
_BINARY = getattr(os, "O_BINARY", 0)  # Windows would otherwise turn "\n" into "\r\n"


class Spooled(NamedTuple):
    """Where a worker put one chunk's text: ``length`` bytes at ``offset`` of ``path``."""

    path: str
    offset: int
    length: int


def spool_folder(out: str | os.PathLike[str]) -> Path:
    """A new private folder beside ``out`` (same file system, so copies stay in the kernel)."""
    parent = Path(out).parent
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{Path(out).name}.spool-", dir=parent))


def remove_folder(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


class SpoolWriter:
    """The spool files of one worker process."""

    def __init__(self) -> None:
        self._fd: int | None = None
        self._path = ""
        self._size = 0
        self._files = 0

    def append(self, folder: str, data: bytes) -> Spooled:
        if self._fd is None or self._size >= SPOOL_FILE_BYTES or not self._path.startswith(folder):
            self.close()
            self._path = os.path.join(folder, f"{os.getpid()}-{self._files}.part")
            self._files += 1
            self._fd = os.open(self._path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _BINARY, 0o600)
            self._size = 0
        offset = self._size
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
        self._size += len(data)
        return Spooled(self._path, offset, len(data))

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


class SpoolReader:
    """Copies spooled chunks into ``out`` (a binary file), in the order they are given."""

    def __init__(self, out: IO[bytes]) -> None:
        self.out = out
        self._open: dict[str, int] = {}  # path -> descriptor
        self._current: dict[str, str] = {}  # worker (file name prefix) -> its path in use

    def copy(self, piece: Spooled) -> None:
        fd = self._open.get(piece.path)
        if fd is None:
            worker = os.path.basename(piece.path).split("-")[0]
            done = self._current.get(worker)
            if done is not None:  # the worker has moved on to a new file
                os.close(self._open.pop(done))
                os.unlink(done)
            self._current[worker] = piece.path
            fd = self._open[piece.path] = os.open(piece.path, os.O_RDONLY | _BINARY)
        self.out.flush()
        copy_range(fd, self.out.fileno(), piece.offset, piece.length)

    def close(self) -> None:
        for fd in self._open.values():
            os.close(fd)
        self._open.clear()


def copy_range(source: int, target: int, offset: int, length: int) -> None:
    """``length`` bytes of ``source`` from ``offset`` appended at ``target``'s position."""
    end = offset + length
    copy = getattr(os, "copy_file_range", None)
    while offset < end and copy is not None:
        try:
            copied = copy(source, target, end - offset, offset)
        except OSError:  # not between these files or not on this system: copy by hand
            break
        if copied == 0:
            raise OSError(f"spool file ended early at byte {offset}")
        offset += copied
    os.lseek(source, offset, os.SEEK_SET)
    while offset < end:
        block = os.read(source, min(end - offset, 1 << 20))
        if not block:
            raise OSError(f"spool file ended early at byte {offset}")
        view = memoryview(block)
        while view:
            view = view[os.write(target, view) :]
        offset += len(block)
