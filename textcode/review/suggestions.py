"""Reading the coder's suggestions (``textcode code --out``) and matching them to answer texts."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping
from dataclasses import asdict, is_dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from textcode.errors import InputError
from textcode.parsing import loads_json
from textcode.records import SUGGESTION_FIELDS

if TYPE_CHECKING:
    from textcode.codebook import Codebook

_INT_FIELDS = ("start", "end")
_STR_FIELDS = ("suggestion_id", "response_id", "question", "code", "evidence", "rule")
_OPTIONAL_DEFAULTS: dict[str, Any] = {"negated": False, "explanation": "", "evidence": ""}

SuggestionSource = pd.DataFrame | str | os.PathLike[str] | Iterable[Any]


def load_suggestions(source: SuggestionSource) -> pd.DataFrame:
    """Suggestions as a DataFrame with the contract columns (plus any extra ones), validated.

    ``source`` is a JSON Lines or CSV file as ``textcode code`` writes it, a DataFrame (e.g.
    ``Coder.suggest()``), or an iterable of :class:`~textcode.records.Suggestion` or dicts.
    Bad records raise :class:`InputError` naming the file, line and field.
    """
    path: str | None = None
    if isinstance(source, pd.DataFrame):
        numbered = list(enumerate(records(source), start=1))
        where = "row"
    elif isinstance(source, str | os.PathLike):
        path = str(source)
        numbered, where = _read_file(Path(source))
    else:
        numbered = [(n, _as_dict(item)) for n, item in enumerate(source, start=1)]
        where = "row"
    rows = [_validate(record, path, number, where) for number, record in numbered]
    columns = list(SUGGESTION_FIELDS)
    extra = sorted({key for row in rows for key in row} - set(columns))
    frame = pd.DataFrame(rows, columns=columns + extra)
    if frame.empty:
        return frame
    return frame.astype({"start": "int64", "end": "int64", "confidence": "float64"})


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows of a frame as dicts with string keys."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _as_dict(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        return dict(item)
    if hasattr(item, "to_dict"):
        return dict(item.to_dict())
    if is_dataclass(item) and not isinstance(item, type):
        return asdict(item)
    raise TypeError(f"not a suggestion record: {item!r}")


def _read_file(path: Path) -> tuple[list[tuple[int, dict[str, Any]]], str]:
    if path.suffix.lower() in (".csv", ".tsv"):
        try:
            frame = pd.read_csv(
                path,
                sep="\t" if path.suffix.lower() == ".tsv" else ",",
                dtype=str,
                keep_default_na=False,
            )
        except (OSError, pd.errors.ParserError) as exc:
            raise InputError(f"cannot read suggestions ({exc})", path=path) from exc
        # Line numbers: the header is line 1.
        return list(enumerate(records(frame), start=2)), "line"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(f"cannot read suggestions ({exc.strerror})", path=path) from exc
    except UnicodeDecodeError as exc:
        raise InputError("not UTF-8 text", path=path) from exc
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = loads_json(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"not JSON ({exc.msg})", path=path, line=number) from exc
        if not isinstance(record, dict):
            raise InputError("a suggestion must be a JSON object", path=path, line=number)
        parsed.append((number, record))
    return parsed, "line"


def _validate(record: dict[str, Any], path: str | None, number: int, where: str) -> dict[str, Any]:
    place: dict[str, Any] = {"path": path, where: number}
    row = {**_OPTIONAL_DEFAULTS, **record}
    for name in _STR_FIELDS:
        value = row.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise InputError("missing", field=name, **place)
        row[name] = str(value)
    for name in _INT_FIELDS:
        try:
            row[name] = int(row[name])
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError("not a whole number", field=name, **place) from exc
    try:
        row["confidence"] = float(row["confidence"])
    except (KeyError, TypeError, ValueError) as exc:
        raise InputError("not a number", field="confidence", **place) from exc
    if not 0.0 <= row["confidence"] <= 1.0:
        raise InputError("must be between 0 and 1", field="confidence", **place)
    negated = row.get("negated")
    if isinstance(negated, str):
        negated = negated.strip().lower() in ("true", "1", "yes")
    row["negated"] = bool(negated)
    row["explanation"] = "" if row.get("explanation") is None else str(row["explanation"])
    if row["end"] < row["start"]:
        raise InputError("end before start", field="end", **place)
    return row


def answer_texts(
    answers: pd.DataFrame | None, codebook: Codebook | None = None
) -> dict[tuple[str, str], str]:
    """(response_id, question id) -> original text, from a table as ``read_answers`` gives.

    Questions are mapped to codebook group ids, as the coder does, so wide input (question =
    column name) matches the suggestions' question ids.
    """
    texts: dict[tuple[str, str], str] = {}
    if answers is None or answers.empty:
        return texts
    for column in ("response_id", "question", "text"):
        if column not in answers.columns:
            raise InputError("the answers table has no such column", field=column)
    for rid, question, text in answers[["response_id", "question", "text"]].itertuples(index=False):
        value = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
        qid = codebook.question_id(str(question)) if codebook is not None else str(question)
        texts[(str(rid), qid)] = value
        texts.setdefault((str(rid), str(question)), value)
    return texts
