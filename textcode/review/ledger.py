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
import re
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from filelock import FileLock

from textcode.errors import InputError
from textcode.io.cells import (
    Replacements,
    encodable_json,
    has_surrogate_escape,
    warn_lone_surrogates,
)
from textcode.parsing import loads_json

if TYPE_CHECKING:
    import pandas as pd

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


_TIMESTAMP = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)?", re.ASCII)


def is_timestamp(value: str) -> bool:
    """Whether ``value`` is an ISO 8601 date and time as the ledger writes it (an
    ``xsd:dateTime``: ``2024-05-01T09:30:00.123Z``; the fraction and the zone are optional)."""
    match = _TIMESTAMP.fullmatch(value)
    if match is None:
        return False
    try:
        datetime.strptime(match.group(1), "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return False  # no 31st of February
    zone = match.group(3)
    return zone is None or zone == "Z" or (int(zone[1:3]) < 24 and int(zone[4:6]) < 60)


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
class MarkedSpan:
    """The words a reviewer marked for a code (offsets into the original answer)."""

    start: int
    end: int
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "evidence": self.evidence}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> MarkedSpan:
        start, end = int(data["start"]), int(data["end"])
        if not 0 <= start < end:
            raise ValueError(f"start {start} and end {end} are no span")
        return cls(start=start, end=end, evidence=str(data.get("evidence") or ""))


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    """One line of the ledger: a reviewer's decision on one suggestion (or an added code).

    ``decision`` is ``accept``, ``reject``, ``add`` (a code the machine missed), ``note`` (a
    comment, no verdict) or ``retract`` (undo: ``retracts`` holds the retracted ``entry_id``).
    ``machine`` is the machine's suggestion as it was, ``None`` for an added code. ``action``
    is shared by the entries one call recorded together (a bulk decision), so that an undo
    takes back the whole call; ``None`` in ledgers written before actions were recorded.
    ``span`` is the words the reviewer marked for the code (an added code, or an accepted one
    on other words than the machine's); the line has the field only when it is set.
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
    span: MarkedSpan | None = None

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
        if self.span is not None:
            data["span"] = self.span.to_dict()
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
        time = data.get("time")
        if not isinstance(time, str) or not is_timestamp(time):
            raise InputError(
                f"{time!r} is not a time (expected ISO 8601, e.g. {utc_now()!r})",
                path=path,
                line=line,
                field="time",
            )
        span = None
        if data.get("span") is not None:
            try:
                span = MarkedSpan.from_dict(data["span"])
            except (KeyError, TypeError, ValueError) as exc:
                raise InputError(
                    f"bad marked span ({exc})", path=path, line=line, field="span"
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
            time=time,
            codebook_version=str(data.get("codebook_version") or ""),
            comment=str(data.get("comment") or ""),
            machine=machine,
            retracts=retracts,
            action=action,
            span=span,
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

    def read_from(
        self, offset: int, lines_before: int, earlier: Iterable[LedgerEntry] = ()
    ) -> tuple[list[LedgerEntry], int, int]:
        """Entries after byte ``offset`` (which follows ``lines_before`` lines, holding the
        entries ``earlier``, which later retractions may name).

        Returns the entries, the new offset and the new line count, for incremental reading.
        """
        data = self.read_bytes(offset)
        entries = list(
            parse_lines(data, path=self.path, first_line=lines_before + 1, earlier=earlier)
        )
        return entries, offset + len(data), lines_before + data.count(b"\n")

    def problems(self) -> list[InputError]:
        """What is wrong with the ledger, line by line (empty when every line is sound)."""
        data = self.read_bytes()
        checked = check_lines(data, path=self.path)
        return [found for _, _, found in checked if isinstance(found, InputError)]

    def repair(self) -> Path | None:
        """Move the lines :meth:`problems` finds aside; returns the file holding them, or None.

        A torn last line alone (an interrupted append, never a confirmed decision) is cut off
        into ``<file>.torn-<offset>``. Other bad lines (a hand edit) are moved, exactly as they
        were, into ``<file>.bad-<offset of the first>``, and the ledger is rewritten atomically
        with every sound line unchanged and in order; a retraction of a moved line is moved
        with it. The only changes ever made to existing bytes, and only on request.
        """
        from textcode.io import atomic_write_bytes

        if not self.path.exists():
            return None
        with self._lock():
            data = self.path.read_bytes()
            checked = list(check_lines(data, path=self.path))
            bad = [(n, raw) for n, raw, found in checked if _bad(found)]
            if not bad:
                return None
            if len(bad) == 1 and not data.endswith(b"\n") and bad[0][0] == checked[-1][0]:
                cut = data.rfind(b"\n") + 1
                aside = self.path.with_name(f"{self.path.name}.torn-{cut}")
                atomic_write_bytes(aside, data[cut:])
                os.truncate(self.path, cut)
                with open(self.path, "rb+") as handle:
                    os.fsync(handle.fileno())
                return aside
            first = _offset_of_line(data, bad[0][0])
            aside = self.path.with_name(f"{self.path.name}.bad-{first}")
            atomic_write_bytes(aside, b"".join(raw + b"\n" for _, raw in bad))
            good = b"".join(raw + b"\n" for _, raw, found in checked if not _bad(found))
            atomic_write_bytes(self.path, good)
        return aside


def parse_lines(
    data: bytes,
    *,
    path: str | os.PathLike[str] | None = None,
    first_line: int = 1,
    earlier: Iterable[LedgerEntry] = (),
) -> Iterator[LedgerEntry]:
    """Parse ledger bytes; the first bad line (see :func:`check_lines`) is an error."""
    for _, _, found in check_lines(data, path=path, first_line=first_line, earlier=earlier):
        if isinstance(found, InputError):
            raise found
        yield found


def check_lines(
    data: bytes,
    *,
    path: str | os.PathLike[str] | None = None,
    first_line: int = 1,
    earlier: Iterable[LedgerEntry] = (),
) -> Iterator[tuple[int, bytes, LedgerEntry | InputError]]:
    """Each non-blank line of ledger bytes: its number, its bytes, and its entry or what is
    wrong with it.

    A line is wrong when it is not a JSON object, when a field is missing or of the wrong kind,
    when its ``time`` is not a time, when its ``entry_id`` was used before, or when it retracts
    an entry that is not an earlier decision of this ledger (``earlier``: the entries before
    ``data``). A last line without its newline is a torn write.
    """
    decisions = {e.entry_id: e.decision for e in earlier}
    lines = data.split(b"\n")
    torn = lines.pop()  # b"" when the data ends with a newline
    tally, places = Replacements(), []
    for number, raw in enumerate(lines, start=first_line):
        if not raw.strip():
            continue
        try:
            # A byte-order mark may open the file (an editor saved it), as in every reader.
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield number, raw, InputError("not UTF-8 text", path=path, line=number)
            continue
        try:
            parsed = loads_json(text)
        except json.JSONDecodeError as exc:
            yield number, raw, InputError(f"not a JSON object ({exc})", path=path, line=number)
            continue
        if has_surrogate_escape(text):
            # No character (a hand edit): U+FFFD in what is read, the file stays as it is.
            before = tally.characters
            parsed = encodable_json(parsed, tally)
            if tally.characters > before:
                places.append(number)
        try:
            entry = LedgerEntry.from_dict(parsed, path=path, line=number)
            _check_links(entry, decisions, path=path, line=number)
        except InputError as error:
            yield number, raw, error
            continue
        decisions[entry.entry_id] = entry.decision
        yield number, raw, entry
    if tally.characters:
        warn_lone_surrogates(str(path or "<ledger>"), tally.characters, places)
    if torn:
        line = first_line + len(lines)
        yield line, torn, Ledger(path or "<ledger>")._torn_error(line)


def _check_links(entry: LedgerEntry, decisions: Mapping[str, str], *, path: Any, line: int) -> None:
    if entry.entry_id in decisions:
        raise InputError(
            f"entry id {entry.entry_id!r} was used by an earlier line",
            path=path,
            line=line,
            field="entry_id",
        )
    if entry.retracts is None:
        return
    target = decisions.get(entry.retracts)
    if target is None:
        raise InputError(
            f"retracts {entry.retracts!r}, which is no earlier entry of this ledger",
            path=path,
            line=line,
            field="retracts",
        )
    if target == "retract":
        raise InputError(
            f"retracts {entry.retracts!r}, which is a retraction itself (undo a decision, "
            "not an undo)",
            path=path,
            line=line,
            field="retracts",
        )


def _bad(found: LedgerEntry | InputError) -> bool:
    return isinstance(found, InputError)


def _offset_of_line(data: bytes, line: int) -> int:
    offset = 0
    for _ in range(line - 1):
        offset = data.index(b"\n", offset) + 1
    return offset


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
    import pandas as pd  # here: reading and writing the ledger needs no pandas

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
    import pandas as pd

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
