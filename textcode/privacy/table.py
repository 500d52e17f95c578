"""Redact the cells of a table in its own layout: same columns, same rows, same order.

:func:`redact_answers` works on the answers table (one row per answer); :func:`redact_table`
works on any table, such as a survey export as it was read (wide: one row per respondent), so
that a redacted file can stand in for the original.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from textcode.errors import InputError
from textcode.privacy.detect import detect_pii, normalize_types
from textcode.privacy.redact import _detect_cached, apply_redaction

if TYPE_CHECKING:
    import pandas as pd

TABLE_LOG_COLUMNS: tuple[str, ...] = (
    "response_id",
    "row",
    "column",
    "type",
    "start",
    "end",
    "placeholder",
)


def redact_table(
    frame: pd.DataFrame,
    columns: Iterable[str],
    *,
    ids: Sequence[str] | None = None,
    consistent: bool = False,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
    nlp: Any = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``frame`` with personal data redacted in ``columns``, and a log of every redaction.

    The result has the same columns, rows and index as ``frame`` (which is not modified); only
    string cells of ``columns`` change. Numbers, dates and missing cells stay as they are.
    ``ids`` gives the respondent of each row: with ``consistent=True`` placeholders are
    numbered per respondent across all columns (``[NAAM-1]`` in an answer and in a contact
    column is the same person); without ids every row is its own respondent.

    The log has one row per redaction: ``response_id`` (the id, or the 1-based row number),
    ``row`` (0-based position in ``frame``), ``column``, ``type``, ``start``, ``end`` (offsets
    in the original cell) and ``placeholder`` — never the value itself. Rows come in table
    order, columns in ``frame``'s column order.
    """
    import pandas as pd

    wanted_columns = list(dict.fromkeys(str(c) for c in columns))
    present = [str(c) for c in frame.columns]
    for column in wanted_columns:
        if column not in present:
            raise InputError(f"no column {column!r} to redact", field=column)
    if ids is not None and len(ids) != len(frame):
        raise ValueError(f"{len(ids)} ids for {len(frame)} rows")
    order = [c for c in present if c in set(wanted_columns)]
    wanted = normalize_types(types)
    cells = {c: frame[c].tolist() for c in order}
    changed: dict[str, dict[int, str]] = {c: {} for c in order}
    numbering: dict[str, dict[tuple[str, str], int]] = {}
    log: list[dict[str, Any]] = []
    for row in range(len(frame)):
        response_id = str(ids[row]) if ids is not None else str(row + 1)
        for column in order:
            value = cells[column][row]
            if not isinstance(value, str) or not value.strip():
                continue
            if nlp is not None:
                hits = detect_pii(value, language=language, types=wanted, nlp=nlp)
            else:
                hits = _detect_cached(value, language, wanted)
            if not hits:
                continue
            state = numbering.setdefault(response_id, {}) if consistent else None
            redaction = apply_redaction(value, hits, language=language, numbering=state)
            changed[column][row] = redaction.text
            for hit, placeholder in zip(redaction.hits, redaction.placeholders, strict=True):
                log.append(
                    {
                        "response_id": response_id,
                        "row": row,
                        "column": column,
                        "type": hit.type,
                        "start": hit.start,
                        "end": hit.end,
                        "placeholder": placeholder,
                    }
                )
    redacted = frame.copy()
    for column, new in changed.items():
        if not new:
            continue
        values = list(cells[column])
        for row, text in new.items():
            values[row] = text
        dtype = frame[column].dtype
        keep = pd.api.types.is_string_dtype(dtype) and not isinstance(dtype, pd.CategoricalDtype)
        redacted[column] = pd.Series(values, index=frame.index, dtype=dtype if keep else object)
    log_frame = pd.DataFrame(log, columns=list(TABLE_LOG_COLUMNS))
    for column in ("row", "start", "end"):
        log_frame[column] = log_frame[column].astype("int64")
    return redacted, log_frame
