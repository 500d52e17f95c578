"""Output folders that several commands may share: each removes only its own leftovers.

``.textcode-outputs.json`` in the folder records which command wrote each file::

    {"files": {"report.html": "report", "assignments.csv": "themes", ...}}

When a command's run ends without an error, the files that *its* previous run wrote here and
this run did not are removed (the tables of a question that is gone), so a folder never mixes
two runs of one command. Files of other commands and files textcode did not write are never
touched: ``report --out gedeeld`` then ``themes --out gedeeld`` keeps both. The manifest is
updated under a lock (a file in the system's temporary folder, named after the output folder,
so nothing is left in it), so two commands finishing at once lose no entry.

A manifest of an older textcode (``{"files": [...]}``, no command recorded) counts as this
command's when this run writes one of its files again, and is otherwise left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from pathlib import Path

from filelock import FileLock

from textcode.io.atomic import atomic_write_bytes, atomic_write_text

MANIFEST = ".textcode-outputs.json"
_UNKNOWN = ""  # the owner of files an older manifest listed without naming the command


class OutputFolder:
    """A folder that a command writes its files into, run after run.

    Each file is written atomically; see the module docstring for what is removed when.

        with OutputFolder(out, command="report") as folder:
            folder.write_text("report.html", html)
            folder.write_bytes("kaart.png", png)
    """

    def __init__(self, path: str | os.PathLike[str], *, command: str) -> None:
        if not command:
            raise ValueError("an output folder needs the name of the command that writes it")
        self.root = Path(path)
        self.command = command
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
        if relative.is_absolute() or ".." in relative.parts or name == MANIFEST:
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
        with FileLock(_lock_path(self.root)):
            owners = read_manifest(self.root)
            current = set(self._written)
            legacy = [name for name, owner in owners.items() if owner == _UNKNOWN]
            if current.intersection(legacy):
                owners.update(dict.fromkeys(legacy, self.command))
            for name, owner in list(owners.items()):
                if owner == self.command and name not in current:
                    self._remove(name)
                    del owners[name]
                elif not (self.root / name).is_file():
                    del owners[name]  # gone: nothing left to own
            owners.update(dict.fromkeys(current, self.command))
            payload = {"files": dict(sorted(owners.items()))}
            text = json.dumps(payload, ensure_ascii=False, indent=1) + "\n"
            atomic_write_text(self.root / MANIFEST, text)

    def _remove(self, name: str) -> None:
        if not _inside(name) or name in (".", MANIFEST):
            return
        stale = self.root / Path(name)
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            stale.unlink()
        # Remove folders the stale files leave empty (word clouds of vanished clusters).
        parent = stale.parent
        while parent != self.root and parent.is_dir() and not any(parent.iterdir()):
            parent.rmdir()
            parent = parent.parent


def _lock_path(root: Path) -> str:
    digest = hashlib.sha256(os.fsencode(root.resolve())).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"textcode-outputs-{digest}.lock")


def read_manifest(root: Path) -> dict[str, str]:
    """File name -> the command that wrote it (``""`` when an older manifest did not say)."""
    path = root / MANIFEST
    try:
        files = json.loads(path.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if isinstance(files, list):
        owners = {str(name): _UNKNOWN for name in files}
    elif isinstance(files, dict):
        owners = {str(name): str(owner) for name, owner in files.items()}
    else:
        return {}
    # A name that leaves the folder was never written by textcode: it is not trusted.
    return {name: owner for name, owner in owners.items() if _inside(name)}


def _inside(name: str) -> bool:
    relative = Path(name)
    return bool(name) and not relative.is_absolute() and ".." not in relative.parts
