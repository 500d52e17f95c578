"""Suggestion records as JSON Lines or CSV text, the same bytes whichever engine wrote them.

``json_line`` writes what ``json.dumps(record.to_dict(), ensure_ascii=False)`` writes, several
times faster (coding a million answers writes about a million records).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO

from textcode.io.delimited import rows_csv
from textcode.records import SUGGESTION_FIELDS, Suggestion

FORMATS: tuple[str, ...] = ("jsonl", "csv")

# The C string encoder json.dumps uses with ensure_ascii=False.
_string = json.encoder.encode_basestring
_float = float.__repr__


def json_line(record: Suggestion) -> str:
    """One record as a JSON object on one line (with the newline), fields in contract order."""
    confidence = record.confidence
    number = _float(confidence) if isinstance(confidence, float) else json.dumps(confidence)
    return (
        f'{{"suggestion_id": {_string(record.suggestion_id)}, '
        f'"response_id": {_string(record.response_id)}, '
        f'"question": {_string(record.question)}, '
        f'"code": {_string(record.code)}, '
        f'"start": {record.start:d}, "end": {record.end:d}, '
        f'"evidence": {_string(record.evidence)}, '
        f'"rule": {_string(record.rule)}, '
        f'"confidence": {number}, '
        f'"negated": {"true" if record.negated else "false"}, '
        f'"explanation": {_string(record.explanation)}}}\n'
    )


def csv_header() -> str:
    """The CSV header line."""
    return ",".join(SUGGESTION_FIELDS) + "\n"


def format_records(records: Iterable[Suggestion], fmt: str) -> str:
    """Records as text in ``fmt`` (``jsonl`` or ``csv``, without the CSV header)."""
    if fmt == "jsonl":
        return "".join(json_line(record) for record in records)
    if fmt != "csv":
        raise ValueError(f"unknown output format {fmt!r}; known: {', '.join(FORMATS)}")
    return rows_csv([getattr(r, name) for name in SUGGESTION_FIELDS] for r in records)


def write_records(records: Iterable[Suggestion], handle: IO[str], fmt: str) -> int:
    """Write records (CSV with its header); returns how many were written."""
    count = 0
    if fmt == "csv":
        handle.write(csv_header())
    batch: list[Suggestion] = []
    for record in records:
        batch.append(record)
        if len(batch) >= 1000:
            handle.write(format_records(batch, fmt))
            count += len(batch)
            batch = []
    handle.write(format_records(batch, fmt))
    return count + len(batch)
