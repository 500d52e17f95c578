"""Replace personal data by typed placeholders, and map offsets from the original text.

Coding runs on the original answers; every output that shows text shows the redacted text.
:meth:`Redaction.map_span` carries evidence offsets across, so a highlighted span still lands on
the same words (or on the placeholder that replaced them).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from textcode.display import one_line, shorten
from textcode.errors import InputError
from textcode.privacy.detect import PiiHit, detect_pii, normalize_types
from textcode.privacy.language import privacy_data

if TYPE_CHECKING:
    import pandas as pd

LOG_COLUMNS: tuple[str, ...] = (
    "response_id",
    "question",
    "row",
    "type",
    "start",
    "end",
    "placeholder",
)


@dataclass(frozen=True)
class Redaction:
    """A text with its personal data replaced.

    ``original`` and ``text`` are the text before and after; ``hits`` the spans found in the
    original (sorted, non-overlapping) and ``placeholders`` the replacement of each hit, in the
    same order ("[NAAM]", or "[NAAM-2]" with consistent numbering).
    """

    original: str
    text: str
    hits: tuple[PiiHit, ...]
    placeholders: tuple[str, ...]

    def __repr__(self) -> str:
        # The redacted text only: a repr must not show the personal data it hides.
        return one_line(f"Redaction({shorten(self.text, 80)!r}, {len(self.hits)} hits)")

    @cached_property
    def _table(self) -> tuple[list[int], list[int], list[int], list[int]]:
        starts, ends, new_starts, new_ends = [], [], [], []
        shift = 0
        for hit, placeholder in zip(self.hits, self.placeholders, strict=True):
            starts.append(hit.start)
            ends.append(hit.end)
            new_starts.append(hit.start + shift)
            shift += len(placeholder) - (hit.end - hit.start)
            new_ends.append(hit.end + shift)
        return starts, ends, new_starts, new_ends

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Where each placeholder sits in the redacted text (same order as ``hits``)."""
        _, _, new_starts, new_ends = self._table
        return tuple(zip(new_starts, new_ends, strict=True))

    @property
    def changed(self) -> bool:
        """Whether anything was redacted."""
        return bool(self.hits)

    def map_offset(self, offset: int) -> int:
        """An offset in the original that is outside every hit, as an offset in ``text``."""
        _, ends, _, new_ends = self._table
        k = bisect_right(ends, offset)
        return offset if k == 0 else offset - ends[k - 1] + new_ends[k - 1]

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets ``[start, end)`` in the original as offsets in the redacted text.

        A span that does not touch personal data keeps its words exactly:
        ``text[a:b] == original[start:end]`` for ``(a, b) = map_span(start, end)``. A span that
        overlaps a hit is widened to cover the whole placeholder.
        """
        if not 0 <= start <= end <= len(self.original):
            raise ValueError(
                f"span ({start}, {end}) is outside the text (length {len(self.original)})"
            )
        starts, ends, new_starts, new_ends = self._table
        k = bisect_right(starts, start) - 1
        new_start = new_starts[k] if k >= 0 and start < ends[k] else self.map_offset(start)
        k = bisect_left(ends, end)
        inside = k < len(starts) and starts[k] < end
        new_end = new_ends[k] if inside else self.map_offset(end)
        return new_start, max(new_start, new_end)

    def unmap_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets ``[start, end)`` of the redacted text as offsets in the original (the
        inverse of :meth:`map_span`): a span that overlaps a placeholder covers the whole
        value it replaced."""
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) is outside the text (length {len(self.text)})")
        starts, ends, new_starts, new_ends = self._table

        def back(offset: int, *, closing: bool) -> int:
            k = bisect_right(new_starts, offset) - 1
            if k < 0:
                return offset
            if offset >= new_ends[k]:
                return offset - new_ends[k] + ends[k]
            if offset == new_starts[k]:
                return starts[k]
            return ends[k] if closing else starts[k]  # inside a placeholder

        old_start = back(start, closing=False)
        return old_start, max(old_start, back(end, closing=True))


def placeholder_labels(language: str = "nl") -> Mapping[str, str]:
    """Type -> placeholder label in ``language`` (``{"NAME": "NAAM", "EMAIL": "E-MAIL", ...}``)."""
    return privacy_data(language).placeholders


def redact_text(
    text: str,
    *,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
    consistent: bool = False,
    nlp: Any = None,
) -> Redaction:
    """``text`` with its personal data replaced by placeholders such as ``[NAAM]``.

    ``consistent=True`` numbers the values ("[NAAM-1]", "[NAAM-2]", the same person the same
    number). ``types`` limits what is redacted (see :data:`textcode.privacy.PII_TYPES`).
    ``nlp``: a spaCy pipeline whose NER finds the names (see :func:`detect_pii`). Results
    without ``nlp`` are cached, so calling this again for the same answer is cheap.
    """
    if not isinstance(text, str):
        raise TypeError(f"redact_text needs a str, not {type(text).__name__}")
    wanted = normalize_types(types)
    if nlp is None:
        return _redact_cached(text, language, wanted, consistent)
    hits = detect_pii(text, language=language, types=wanted, nlp=nlp)
    return apply_redaction(text, hits, language=language, numbering={} if consistent else None)


@lru_cache(maxsize=16384)
def _redact_cached(text: str, language: str, types: frozenset[str], consistent: bool) -> Redaction:
    hits = _detect_cached(text, language, types)
    return apply_redaction(text, hits, language=language, numbering={} if consistent else None)


@lru_cache(maxsize=16384)
def _detect_cached(text: str, language: str, types: frozenset[str]) -> tuple[PiiHit, ...]:
    return detect_pii(text, language=language, types=types)


def apply_redaction(
    text: str,
    hits: Iterable[PiiHit],
    *,
    language: str = "nl",
    numbering: dict[tuple[str, str], int] | None = None,
) -> Redaction:
    """Replace ``hits`` (sorted, non-overlapping, e.g. from :func:`detect_pii`) in ``text``.

    ``numbering``: ``None`` for plain placeholders; a dict to number them, shared between calls
    to number consistently across several texts (one dict per respondent).
    """
    labels = placeholder_labels(language)
    hits = tuple(hits)
    pieces: list[str] = []
    placeholders: list[str] = []
    position = 0
    for hit in hits:
        if hit.start < position:
            raise ValueError(f"overlapping or unsorted hits at offset {hit.start}")
        label = labels.get(hit.type, hit.type)
        if numbering is not None:
            key = (hit.type, _identity(hit.type, text[hit.start : hit.end]))
            if key not in numbering:
                numbering[key] = 1 + sum(1 for t, _ in numbering if t == hit.type)
            label = f"{label}-{numbering[key]}"
        placeholder = f"[{label}]"
        pieces.append(text[position : hit.start])
        pieces.append(placeholder)
        placeholders.append(placeholder)
        position = hit.end
    pieces.append(text[position:])
    return Redaction(
        original=text, text="".join(pieces), hits=hits, placeholders=tuple(placeholders)
    )


def _identity(kind: str, value: str) -> str:
    """What makes two mentions the same value: case, spacing and phone prefixes aside."""
    value = value.casefold()
    if kind == "PHONE":
        digits = re.sub(r"\D", "", value)
        for prefix in ("0031", "31"):
            if digits.startswith(prefix) and len(digits) > 10:
                digits = "0" + digits[len(prefix) :].removeprefix("0")
        return digits
    if kind == "EMAIL":
        value = value.removeprefix("mailto:")
    if kind in ("EMAIL", "IBAN", "BSN", "POSTCODE", "LICENCE_PLATE", "URL"):
        return re.sub(r"[\s.\-]", "", value) if kind != "URL" else value.rstrip("/")
    return " ".join(value.split())


def redact_answers(
    df: pd.DataFrame,
    *,
    text_column: str = "text",
    id_column: str = "response_id",
    consistent: bool = False,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
    nlp: Any = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The answers table with personal data redacted, and a log of what was redacted where.

    The input is not modified. ``consistent=True`` numbers placeholders per respondent (the same
    person in two answers of one respondent gets the same ``[NAAM-1]``). The log has one row per
    redaction with the columns ``response_id``, ``question`` (when the table has one), ``row``
    (0-based position in the table), ``type``, ``start``, ``end`` (offsets in the original
    text) and ``placeholder`` — never the value itself.
    """
    import pandas as pd

    if text_column not in df.columns:
        raise InputError(f"no column {text_column!r} with answer texts", field=text_column)
    wanted = normalize_types(types)
    has_question = "question" in df.columns
    ids = df[id_column].astype(str).tolist() if id_column in df.columns else None
    questions = df["question"].tolist() if has_question else None
    numbering: dict[str, dict[tuple[str, str], int]] = {}
    new_texts: list[Any] = []
    log: list[dict[str, Any]] = []
    for row, value in enumerate(df[text_column].tolist()):
        if not isinstance(value, str) or not value:
            new_texts.append(value)
            continue
        response_id = ids[row] if ids is not None else str(row)
        if nlp is not None:
            hits = detect_pii(value, language=language, types=wanted, nlp=nlp)
        else:
            hits = _detect_cached(value, language, wanted)
        if not hits:
            new_texts.append(value)
            continue
        state = numbering.setdefault(response_id, {}) if consistent else None
        redaction = apply_redaction(value, hits, language=language, numbering=state)
        new_texts.append(redaction.text)
        for hit, placeholder in zip(redaction.hits, redaction.placeholders, strict=True):
            entry: dict[str, Any] = {"response_id": response_id}
            if questions is not None:
                entry["question"] = "" if questions[row] is None else str(questions[row])
            entry.update(
                row=row, type=hit.type, start=hit.start, end=hit.end, placeholder=placeholder
            )
            log.append(entry)
    redacted = df.copy()
    redacted[text_column] = pd.Series(new_texts, index=df.index, dtype=df[text_column].dtype)
    columns = [c for c in LOG_COLUMNS if has_question or c != "question"]
    log_frame = pd.DataFrame(log, columns=columns)
    for column in ("row", "start", "end"):
        log_frame[column] = log_frame[column].astype("int64")
    return redacted, log_frame
