"""Writing one file safely: a reader never sees a half-written file, an interrupted run leaves none.

The temporary file is removed on every way out of the block: an error, Ctrl-C, and SIGTERM or
SIGHUP, which the command line turns into the same interrupt (:mod:`textcode.cli.stopping`).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Literal, overload


@overload
def atomic_open(
    path: str | os.PathLike[str], mode: Literal["w"] = "w", *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_open(
    path: str | os.PathLike[str], mode: Literal["wb"], *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[bytes]]: ...
def atomic_open(
    path: str | os.PathLike[str], mode: str = "w", *, encoding: str = "utf-8"
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """Open ``path`` for writing through a temporary file in the same folder.

    The file appears under its name only when the block ends without an error (``os.replace``),
    so an interrupted run leaves the previous version, never a torn one.
    """
    return _atomic_open(Path(path), mode, encoding)


@contextlib.contextmanager
def _atomic_open(path: Path, mode: str, encoding: str) -> Iterator[IO]:  # type: ignore[type-arg,unused-ignore]
    if mode not in ("w", "wb"):
        raise ValueError(f"atomic_open writes only ('w' or 'wb'), not {mode!r}")
    if path.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; give a file name", str(path))
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode == "wb":
            handle: IO = os.fdopen(fd, "wb")  # type: ignore[type-arg,unused-ignore]
        else:
            handle = os.fdopen(fd, "w", encoding=encoding, newline="")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` atomically."""
    with atomic_open(path, "w", encoding=encoding) as handle:
        handle.write(text)


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``path`` atomically."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
