"""The review ledger: an append-only JSON Lines file of human decisions on machine suggestions.

Every line is one :class:`LedgerEntry`. Appends take a file lock, write whole lines with one
``os.write`` and ``fsync`` before returning, so a decision that was acknowledged is on disk and
two reviewers appending at once lose nothing. The file is never rewritten: an undo is a new
``retract`` entry. A torn last line (a crash in the middle of a write) is reported as an
:class:`~textcode.errors.InputError` naming the file and line, never skipped silently.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from filelock import FileLock

from textcode.errors import InputError
from textcode.parsing import loads_json

DECISIONS: tuple[str, ...] = ("accept", "reject", "add", "note", "retract")
# Decisions that say whether a code applies; notes and retractions do not.
VERDICTS: dict[str, int] = {"accept": 1, "reject": 0, "add": 1}
FORMAT_VERSION = 1

ENTRY_FIELDS: tuple[str, ...] = (
    "entry_id",
    "suggestion_id",
    "response_id",
    "question",
    "code",
    "decision",
    "reviewer",
    "time",
    "codebook_version",
    "comment",
    "machine",
    "retracts",
    "action",
)
MACHINE_FIELDS: tuple[str, ...] = (
    "rule",
    "confidence",
    "codebook_version",
    "start",
    "end",
    "evidence",
    "negated",
)


def utc_now() -> str:
    """The current time as ISO 8601 UTC with milliseconds, e.g. ``2024-05-01T09:30:00.123Z``."""
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def new_entry_id() -> str:
    """A random id for a ledger entry (retractions point at it)."""
    return uuid.uuid4().hex


@dataclass(frozen=True, slots=True)
class MachineSuggestion:
    """The machine's original suggestion, kept beside every human decision (the audit trail)."""

    rule: str
    confidence: float
    codebook_version: str
    start: int
    end: int
    evidence: str
    negated: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in MACHINE_FIELDS}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MachineSuggestion:
        return cls(
            rule=str(data["rule"]),
            confidence=float(data["confidence"]),
            codebook_version=str(data.get("codebook_version") or ""),
            start=int(data["start"]),
            end=int(data["end"]),
            evidence=str(data.get("evidence") or ""),
            negated=bool(data.get("negated", False)),
        )


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One line of the ledger: a reviewer's decision on one suggestion (or an added code).

    ``decision`` is ``accept``, ``reject``, ``add`` (a code the machine missed), ``note`` (a
    comment, no verdict) or ``retract`` (undo: ``retracts`` holds the retracted ``entry_id``).
    ``machine`` is the machine's suggestion as it was, ``None`` for an added code. ``action``
    is shared by the entries one call recorded together (a bulk decision), so that an undo
    takes back the whole call; ``None`` in ledgers written before actions were recorded.
    """

    suggestion_id: str
    response_id: str
    question: str
    code: str
    decision: str
    reviewer: str
    time: str = field(default_factory=utc_now)
    codebook_version: str = ""
    comment: str = ""
    machine: MachineSuggestion | None = None
    retracts: str | None = None
    entry_id: str = field(default_factory=new_entry_id)
    action: str | None = None

    def __post_init__(self) -> None:
        if self.decision not in DECISIONS:
            raise ValueError(
                f"decision must be one of {', '.join(DECISIONS)}, not {self.decision!r}"
            )
        if not self.reviewer:
            raise ValueError("a decision needs a reviewer name")
        if (self.decision == "retract") != (self.retracts is not None):
            raise ValueError("a retract entry (and only a retract entry) names what it retracts")

    @property
    def value(self) -> int | None:
        """1 when the decision says the code applies, 0 when not, None for notes/retractions."""
        return VERDICTS.get(self.decision)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {name: getattr(self, name) for name in ENTRY_FIELDS}
        data["machine"] = None if self.machine is None else self.machine.to_dict()
        return data

    def to_line(self) -> bytes:
        """The entry as one JSON line (UTF-8, fields in a fixed order)."""
        return (json.dumps(self.to_dict(), ensure_ascii=False) + "\n").encode("utf-8")

    @classmethod
    def from_dict(
        cls, data: Any, *, path: str | os.PathLike[str] | None = None, line: int | None = None
    ) -> LedgerEntry:
        """Validate one parsed line; an :class:`InputError` names the file, line and field."""
        if not isinstance(data, dict):
            raise InputError("a ledger line must be a JSON object", path=path, line=line)
        for name in ("suggestion_id", "response_id", "question", "code", "decision", "reviewer"):
            if not isinstance(data.get(name), str):
                raise InputError("missing or not a string", path=path, line=line, field=name)
        if data["decision"] not in DECISIONS:
            raise InputError(
                f"unknown decision {data['decision']!r} (expected one of {', '.join(DECISIONS)})",
                path=path,
                line=line,
                field="decision",
            )
        machine_data = data.get("machine")
        machine = None
        if machine_data is not None:
            try:
                machine = MachineSuggestion.from_dict(machine_data)
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(
                    f"bad machine suggestion ({exc})", path=path, line=line, field="machine"
                ) from exc
        retracts = data.get("retracts")
        action = data.get("action")
        if action is not None and not isinstance(action, str):
            raise InputError("not a string", path=path, line=line, field="action")
        if (data["decision"] == "retract") != isinstance(retracts, str):
            raise InputError(
                "a retract entry (and only a retract entry) names what it retracts",
                path=path,
                line=line,
                field="retracts",
            )
        return cls(
            entry_id=str(data.get("entry_id") or f"line{line}"),
            suggestion_id=data["suggestion_id"],
            response_id=data["response_id"],
            question=data["question"],
            code=data["code"],
            decision=data["decision"],
            reviewer=data["reviewer"],
            time=str(data.get("time") or ""),
            codebook_version=str(data.get("codebook_version") or ""),
            comment=str(data.get("comment") or ""),
            machine=machine,
            retracts=retracts,
            action=action,
        )


class Ledger:
    """An append-only JSON Lines ledger file guarded by ``<file>.lock``.

    >>> ledger = Ledger("beslissingen.jsonl")          # doctest: +SKIP
    >>> ledger.append(LedgerEntry("s1", "r1", "belemmering", "belemmering.financiering",
    ...                           "accept", reviewer="anna"))  # doctest: +SKIP
    """

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 60.0) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self.timeout = timeout

    def __repr__(self) -> str:
        return f"Ledger({str(self.path)!r})"

    def _lock(self) -> FileLock:
        return FileLock(str(self.lock_path), timeout=self.timeout)

    def append(self, entry: LedgerEntry) -> LedgerEntry:
        """Append one entry; on return it is on disk."""
        self.append_many([entry])
        return entry

    def append_many(self, entries: Sequence[LedgerEntry]) -> list[LedgerEntry]:
        """Append entries as whole lines in one write under the lock, then ``fsync``."""
        if not entries:
            return []
        data = b"".join(entry.to_line() for entry in entries)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock():
            fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                self._refuse_torn_tail(fd)
                view = memoryview(data)
                while view:
                    written = os.write(fd, view)
                    view = view[written:]
                os.fsync(fd)
            finally:
                os.close(fd)
        return list(entries)

    def _refuse_torn_tail(self, fd: int) -> None:
        size = os.fstat(fd).st_size
        if size and os.pread(fd, 1, size - 1) != b"\n":
            raise self._torn_error(self._count_lines())

    def _count_lines(self) -> int:
        with open(self.path, "rb") as handle:
            return sum(chunk.count(b"\n") for chunk in iter(lambda: handle.read(1 << 20), b"")) + 1

    def _torn_error(self, line: int) -> InputError:
        return InputError(
            "torn last line: an append was interrupted before it finished; no decision on it "
            "was confirmed. Inspect it, then run `textcode review --repair-ledger` to move it "
            "aside",
            path=self.path,
            line=line,
        )

    def read_bytes(self, offset: int = 0) -> bytes:
        """The raw bytes from ``offset`` on, read under the lock (never half a write)."""
        if not self.path.exists():
            return b""
        with self._lock(), open(self.path, "rb") as handle:
            handle.seek(offset)
            return handle.read()

    def entries(self) -> list[LedgerEntry]:
        """Every entry in file order; raises :class:`InputError` on a bad or torn line."""
        entries, _, _ = self.read_from(0, 0)
        return entries

    def __iter__(self) -> Iterator[LedgerEntry]:
        return iter(self.entries())

    def read_from(self, offset: int, lines_before: int) -> tuple[list[LedgerEntry], int, int]:
        """Entries after byte ``offset`` (which follows ``lines_before`` lines).

        Returns the entries, the new offset and the new line count, for incremental reading.
        """
        data = self.read_bytes(offset)
        entries = list(parse_lines(data, path=self.path, first_line=lines_before + 1))
        return entries, offset + len(data), lines_before + data.count(b"\n")

    def repair(self) -> Path | None:
        """Move a torn last line to ``<file>.torn-<offset>`` and cut it off the ledger.

        The only change ever made to existing bytes, and only on request: the torn fragment was
        never a confirmed decision. Returns the file holding the fragment, or None if intact.
        """
        from textcode.io import atomic_write_bytes

        if not self.path.exists():
            return None
        with self._lock():
            data = self.path.read_bytes()
            if not data or data.endswith(b"\n"):
                return None
            cut = data.rfind(b"\n") + 1
            aside = self.path.with_name(f"{self.path.name}.torn-{cut}")
            atomic_write_bytes(aside, data[cut:])
            os.truncate(self.path, cut)
            with open(self.path, "rb+") as handle:
                os.fsync(handle.fileno())
        return aside


def parse_lines(
    data: bytes, *, path: str | os.PathLike[str] | None = None, first_line: int = 1
) -> Iterator[LedgerEntry]:
    """Parse ledger bytes; a last line without its newline is a torn write and an error."""
    lines = data.split(b"\n")
    torn = lines.pop()  # b"" when the data ends with a newline
    for number, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            continue
        try:
            parsed = loads_json(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"not a JSON object ({exc})", path=path, line=number) from exc
        yield LedgerEntry.from_dict(parsed, path=path, line=number)
    if torn:
        raise Ledger(path or "<ledger>")._torn_error(first_line + len(lines))


def effective_entries(entries: Iterable[LedgerEntry]) -> list[LedgerEntry]:
    """Entries that still count: without retract entries and without what they retracted."""
    entries = list(entries)
    retracted = {e.retracts for e in entries if e.decision == "retract"}
    return [e for e in entries if e.decision != "retract" and e.entry_id not in retracted]


def current_decisions(
    entries: Iterable[LedgerEntry], *, ordered: bool = False
) -> dict[tuple[str, str], LedgerEntry]:
    """(reviewer, suggestion_id) -> the latest verdict (accept/reject/add) that still counts.

    With ``ordered`` the dict iterates in the ledger order of those latest verdicts.
    """
    current: dict[tuple[str, str], LedgerEntry] = {}
    for entry in effective_entries(entries):
        if entry.decision in VERDICTS:
            key = (entry.reviewer, entry.suggestion_id)
            if ordered:
                current.pop(key, None)
            current[key] = entry
    return current


STATE_COLUMNS: tuple[str, ...] = (
    "reviewer",
    "suggestion_id",
    "response_id",
    "question",
    "code",
    "decision",
    "value",
    "comment",
    "time",
    "codebook_version",
    "rule",
    "confidence",
    "start",
    "end",
    "evidence",
    "entry_id",
)


def replay(source: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry]) -> pd.DataFrame:
    """The current state: one row per (reviewer, suggestion) with its latest decision.

    Sorted by reviewer, response, question, code and suggestion id, so two ledgers that hold
    the same decisions (in any order, at any time) replay to equal frames apart from ``time``
    and ``entry_id``.
    """
    entries = _entries_of(source)
    rows = []
    for entry in current_decisions(entries).values():
        machine = entry.machine
        rows.append(
            {
                "reviewer": entry.reviewer,
                "suggestion_id": entry.suggestion_id,
                "response_id": entry.response_id,
                "question": entry.question,
                "code": entry.code,
                "decision": entry.decision,
                "value": entry.value,
                "comment": entry.comment,
                "time": entry.time,
                "codebook_version": entry.codebook_version,
                "rule": machine.rule if machine else None,
                "confidence": machine.confidence if machine else None,
                "start": machine.start if machine else None,
                "end": machine.end if machine else None,
                "evidence": machine.evidence if machine else None,
                "entry_id": entry.entry_id,
            }
        )
    frame = pd.DataFrame(rows, columns=list(STATE_COLUMNS))
    frame = frame.sort_values(["reviewer", "response_id", "question", "code", "suggestion_id"])
    return frame.reset_index(drop=True)


def notes(source: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry]) -> pd.DataFrame:
    """The notes that still count, in ledger order."""
    rows = [
        {
            "reviewer": e.reviewer,
            "suggestion_id": e.suggestion_id,
            "response_id": e.response_id,
            "question": e.question,
            "code": e.code,
            "comment": e.comment,
            "time": e.time,
        }
        for e in effective_entries(_entries_of(source))
        if e.decision == "note"
    ]
    return pd.DataFrame(
        rows,
        columns=["reviewer", "suggestion_id", "response_id", "question", "code", "comment", "time"],
    )


def _entries_of(
    source: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry],
) -> list[LedgerEntry]:
    if isinstance(source, Ledger):
        return source.entries()
    if isinstance(source, str | os.PathLike):
        return Ledger(source).entries()
    return list(source)


def with_time(entry: LedgerEntry, time: str) -> LedgerEntry:
    """A copy with another time stamp (for tests and imports)."""
    return replace(entry, time=time)


UnitKey = tuple[str, str, str]  # (response_id, question, code): the unit of agreement


def unit_decisions(
    source: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry],
) -> dict[str, dict[UnitKey, LedgerEntry]]:
    """reviewer -> unit -> the verdict that decides it.

    The unit is the (answer, code) decision: when an answer has several evidence spans for one
    code, the latest verdict on any of them decides the unit.
    """
    latest: dict[str, dict[UnitKey, LedgerEntry]] = {}
    # Effective entries are in ledger order, so the last verdict seen for a unit is the latest.
    for entry in current_decisions(_entries_of(source), ordered=True).values():
        key = (entry.response_id, entry.question, entry.code)
        latest.setdefault(entry.reviewer, {})[key] = entry
    return latest
