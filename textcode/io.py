"""Writing outputs safely: a reader never sees a half-written file."""

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


MANIFEST = ".textcode-outputs.json"


class OutputFolder:
    """A folder that a command writes its files into, run after run.

    Each file is written atomically. When the block ends without an error, files that the
    previous run of a command wrote here (listed in ``.textcode-outputs.json``) but this run did
    not are removed, so a report never mixes today's tables with yesterday's. Files textcode
    did not write are never touched.

        with OutputFolder(out) as folder:
            folder.write_text("report.html", html)
            folder.write_bytes("kaart.png", png)
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.root = Path(path)
        self._written: list[str] = []

    def __enter__(self) -> OutputFolder:
        if self.root.exists() and not self.root.is_dir():
            from textcode.errors import UsageError

            raise UsageError(f"{self.root}: --out must be a folder, and this is a file")
        self.root.mkdir(parents=True, exist_ok=True)
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is None:
            self._finish()

    def path(self, name: str) -> Path:
        """The path of output ``name`` (relative to the folder), recorded as written."""
        relative = Path(name)
        if relative.is_absolute() or ".." in relative.parts:
            raise ValueError(f"an output name must stay inside the folder: {name!r}")
        key = relative.as_posix()
        if key not in self._written:
            self._written.append(key)
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def write_text(self, name: str, text: str, *, encoding: str = "utf-8") -> Path:
        """Write a text output atomically; returns its path."""
        target = self.path(name)
        atomic_write_text(target, text, encoding=encoding)
        return target

    def write_bytes(self, name: str, data: bytes) -> Path:
        """Write a binary output atomically; returns its path."""
        target = self.path(name)
        atomic_write_bytes(target, data)
        return target

    @property
    def written(self) -> tuple[str, ...]:
        """Names written so far, in order."""
        return tuple(self._written)

    def _finish(self) -> None:
        import json

        manifest = self.root / MANIFEST
        previous: list[str] = []
        if manifest.exists():
            try:
                previous = list(json.loads(manifest.read_text(encoding="utf-8")).get("files", []))
            except (OSError, ValueError, AttributeError):
                previous = []
        current = set(self._written)
        for name in previous:
            relative = Path(name)
            if name in current or relative.is_absolute() or ".." in relative.parts:
                continue
            stale = self.root / relative
            with contextlib.suppress(FileNotFoundError, IsADirectoryError):
                stale.unlink()
            # Remove folders the stale files leave empty (word clouds of vanished clusters).
            parent = stale.parent
            while parent != self.root and parent.is_dir() and not any(parent.iterdir()):
                parent.rmdir()
                parent = parent.parent
        payload = {"files": sorted(current)}
        atomic_write_text(manifest, json.dumps(payload, ensure_ascii=False, indent=1) + "\n")
