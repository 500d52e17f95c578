"""Finding columns by name: the ones the user named, and the ones survey tools usually call so.

Names are compared exactly first, then folded (case, spaces, ``_``, ``-`` and other
punctuation ignored), so ``ResponseId``, ``Response ID`` and ``response_id`` are one name.
Language-specific names live in ``textcode/lang/<code>/data/ingest_columns.json`` (lists under
``id``, ``question`` and ``text``); every shipped language's names are tried, because the
language of a file is not known before it is read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache

from textcode.errors import InputError
from textcode.lang import data_files

# Names that survey tools use in every language (Qualtrics, LimeSurvey, SurveyMonkey, Forms).
ID_COLUMNS: tuple[str, ...] = (
    "response_id",
    "respondent_id",
    "resp_id",
    "respondent",
    "case_id",
    "id",
)
QUESTION_COLUMNS: tuple[str, ...] = ("question", "question_id")
TEXT_COLUMNS: tuple[str, ...] = ("text", "answer", "answer_text", "response_text")

_GENERIC: dict[str, tuple[str, ...]] = {
    "id": ID_COLUMNS,
    "question": QUESTION_COLUMNS,
    "text": TEXT_COLUMNS,
}

LANGUAGE_FILE = "ingest_columns.json"

# Shown in error messages: long lists of SPSS variables are cut here.
MAX_LISTED = 25


def fold(name: str) -> str:
    """A column name reduced to lower-case letters and digits, for lenient comparison."""
    return "".join(ch for ch in name.casefold() if ch.isalnum())


@cache
def known_names(kind: str) -> tuple[str, ...]:
    """Generic names of ``kind`` ("id", "question", "text") followed by each language's names."""
    names = list(_GENERIC[kind])
    for _code, data in _language_names():
        names.extend(str(n) for n in data.get(kind, ()))
    return tuple(dict.fromkeys(names))


@cache
def _language_names() -> tuple[tuple[str, dict[str, list[str]]], ...]:
    # A data file rather than a module: importing textcode.lang.<code> loads spaCy's stop words,
    # which reading a CSV should not wait for.
    return tuple(
        (code, json.loads(found.read_text(encoding="utf-8")))
        for code, found in data_files(LANGUAGE_FILE)
    )


def list_columns(columns: Sequence[str]) -> str:
    """``'a', 'b', 'c'`` for an error message, cut after :data:`MAX_LISTED` names."""
    shown = ", ".join(repr(c) for c in columns[:MAX_LISTED])
    more = len(columns) - MAX_LISTED
    return f"{shown}, ... ({more} more)" if more > 0 else shown or "(none)"


def resolve(name: str, columns: Sequence[str], *, path: str, option: str, context: str = "") -> str:
    """The column the user named: exact, else the one column with the same folded name."""
    if name in columns:
        return name
    matches = [c for c in columns if fold(c) == fold(name)]
    if len(matches) == 1:
        return matches[0]
    raise InputError(
        f"{option} {name!r} is not a column{context}; available columns: {list_columns(columns)}",
        path=path,
        field=name,
    )


def guess(
    kind: str, columns: Sequence[str], *, exclude: Sequence[str] = (), path: str, option: str
) -> str | None:
    """The column whose name is the first known ``kind`` name, or None when there is none."""
    candidates = [c for c in columns if c not in exclude]
    by_fold: dict[str, list[str]] = {}
    for column in candidates:
        by_fold.setdefault(fold(column), []).append(column)
    for known in known_names(kind):
        found = by_fold.get(fold(known), [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise InputError(
                f"columns {list_columns(found)} could all be the {kind} column; "
                f"choose one with {option}",
                path=path,
                field=found[0],
            )
    return None
