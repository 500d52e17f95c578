"""Errors that textcode reports to its users.

An :class:`InputError` is the user's to fix (a file, a row, a field); the command line turns it
into exit status 2 and one line on stderr. Anything else is textcode's fault and exits 1.
"""

from __future__ import annotations

from collections.abc import Iterable
from os import PathLike


def excerpt(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters for an error message (a hostile rule, key or
    name may be megabytes long, and an error is one line)."""
    return text if len(text) <= limit else text[:limit] + "..."


class TextcodeError(Exception):
    """Base class of every error textcode raises on purpose."""


class InputError(TextcodeError, ValueError):
    """Bad input: names the file, the row or line, and the field when they are known.

    Front ends that answer in JSON (the MCP server) also show ``kind`` (what went wrong, e.g.
    ``not_found``), the offending ``value`` (cut short) and the ``allowed`` values when there
    are few enough to list; the one-line message stays the same for the command line.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | PathLike[str] | None = None,
        row: int | None = None,
        line: int | None = None,
        field: str | None = None,
        kind: object = "invalid",
        value: object = None,
        allowed: Iterable[object] | object = None,
    ) -> None:
        # Typed loosely so that callers may pass a location dict (``**{"row": 3}``) beside.
        self.path = None if path is None else str(path)
        self.row = row
        self.line = line
        self.field = field
        self.reason = message
        self.kind = str(kind)
        self.value = value
        self.allowed: tuple[str, ...] | None = (
            tuple(str(a) for a in allowed)
            if isinstance(allowed, Iterable) and not isinstance(allowed, str)
            else None
        )
        super().__init__(self._format())

    def _format(self) -> str:
        where = []
        if self.path is not None:
            where.append(self.path)
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.field is not None:
            where.append(f"field {self.field!r}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.reason}" if prefix else self.reason


class CodebookError(InputError):
    """A codebook that cannot be loaded or does not validate (names file, line and key)."""


class UsageError(TextcodeError):
    """A command used with options that do not fit together."""


class Notice(UserWarning):
    """Not an error: a choice textcode made that the user should know about (which sheet of a
    workbook it read). The command line prints it as ``textcode: <message>``; in Python it is a
    warning of this class."""
