"""Suggestion records in files: written as ``textcode code`` writes them, and read back.

Writing: JSON Lines or CSV text, the same bytes whichever engine wrote them; ``json_line``
writes what ``json.dumps(record.to_dict(), ensure_ascii=False)`` writes, several times faster
(coding a million answers writes about a million records). Reading: :func:`load_suggestions`
takes such a file (or a DataFrame, or records) back into a validated table, and
:func:`answer_texts` matches suggestions to the answers' texts.
"""

from __future__ import annotations

import json
import math
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, is_dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeAlias

from textcode.codebook.questions import groups_of
from textcode.coding.core import pure_python_forced
from textcode.errors import InputError, excerpt
from textcode.io.delimited import rows_csv
from textcode.lazy_pandas import is_frame
from textcode.parsing import json_lines, kind_of, read_utf8
from textcode.records import SUGGESTION_FIELDS, Suggestion

if TYPE_CHECKING:
    import pandas as pd

    from textcode.codebook import Codebook

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
        core = sys.modules.get("textcode.coding._core")
        if core is not None and not pure_python_forced():
            # The same lines, formatted in C. Only once coding has loaded the compiled core:
            # it imports spaCy, which the commands that only read records never import.
            return core.jsonl_text(records)
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


# ------------------------------------------------------------------------------------------
# Reading

_INT_FIELDS = ("start", "end")
_STR_FIELDS = ("suggestion_id", "response_id", "question", "code", "evidence", "rule")
_OPTIONAL_DEFAULTS: dict[str, Any] = {"negated": False, "explanation": "", "evidence": ""}
_FIELD_SET = frozenset(SUGGESTION_FIELDS)

SuggestionSource: TypeAlias = "pd.DataFrame | str | os.PathLike[str] | Iterable[Any]"


def load_suggestions(source: SuggestionSource) -> pd.DataFrame:
    """Suggestions as a DataFrame with the contract columns (plus any extra ones), validated.

    ``source`` is a JSON Lines or CSV file as ``textcode code`` writes it, a DataFrame (e.g.
    ``Coder.suggest()``), or an iterable of :class:`~textcode.records.Suggestion` or dicts.
    Bad records raise :class:`InputError` naming the file, line and field.
    """
    return suggestions_table(read_suggestions(source))


def read_suggestions(source: SuggestionSource) -> list[dict[str, Any]]:
    """The validated suggestions of ``source`` (as :func:`load_suggestions` takes it), before
    any table is made: a JSON Lines file or records are read without pandas."""
    return read_placed_suggestions(source)[0]


@dataclass(frozen=True, slots=True)
class Places:
    """Where each suggestion record came from, for the errors a later check raises: the
    file's line numbers (of a JSON Lines or CSV file), else the rows of a table or list."""

    path: str | None = None
    lines: tuple[int, ...] | None = None

    def of(self, index: int) -> dict[str, Any]:
        """``path=``, ``line=`` (or ``row=``) of :class:`InputError` for record ``index``."""
        if self.lines is None:
            return {"path": self.path, "row": index + 1}
        return {"path": self.path, "line": self.lines[index]}


def read_placed_suggestions(source: SuggestionSource) -> tuple[list[dict[str, Any]], Places]:
    """:func:`read_suggestions` and the place of each record (its line in a file)."""
    if is_frame(source):
        numbered = list(enumerate(records(source), start=1))
        return [_validate(record, None, number, "row") for number, record in numbered], Places()
    if isinstance(source, str | os.PathLike):
        path = str(source)
        numbered = _read_file(Path(source))
        rows = [_validate(record, path, number, "line") for number, record in numbered]
        return _once(rows, [number for number, _ in numbered], path)
    numbered = [(n, _as_dict(item)) for n, item in enumerate(source, start=1)]
    return [_validate(record, None, number, "row") for number, record in numbered], Places()


def fitting_span(
    record: Mapping[str, Any], place: Mapping[str, Any], text: str | None
) -> tuple[int, int]:
    """(start, end) of a suggestion record on its answer's ``text`` (None: the answers hold no
    such answer), or an :class:`InputError` at ``place`` (:meth:`Places.of`) when it does not
    fit: no answer, a span outside it, or evidence that is not the answer's words there."""
    if text is None:
        raise InputError(
            f"suggestion for respondent {str(record['response_id'])!r}, question "
            f"{str(record['question'])!r}: no such answer among the answers given "
            "(were these suggestions made from these answers?)",
            field="response_id",
            kind="not_found",
            **place,
        )
    start, end = int(record["start"]), int(record["end"])
    if not 0 <= start <= end <= len(text):
        raise InputError(
            f"span {start}-{end} lies outside the answer ({len(text)} characters)",
            field="start",
            **place,
        )
    evidence = record.get("evidence")
    if isinstance(evidence, str) and evidence != text[start:end]:
        # Neither text is shown: either may hold personal data.
        raise InputError(
            f"the evidence is not the answer's text at {start}-{end} "
            f"({len(evidence)} against {end - start} characters or different words): "
            "were these suggestions made from these answers?",
            field="evidence",
            **place,
        )
    return start, end


def _once(
    rows: list[dict[str, Any]], lines: list[int], path: str
) -> tuple[list[dict[str, Any]], Places]:
    """A file's records, each suggestion once: a record repeated as it was (two runs' files
    put together) is kept once; an id that names two different suggestions is an error."""
    first: dict[str, int] = {}
    kept: list[int] = []
    for at, row in enumerate(rows):
        seen = first.setdefault(str(row["suggestion_id"]), at)
        if seen == at:
            kept.append(at)
        elif rows[seen] != row:
            raise InputError(
                f"suggestion id {excerpt(str(row['suggestion_id']))!r} names another "
                f"suggestion on line {lines[seen]}",
                path=path,
                line=lines[at],
                field="suggestion_id",
            )
    if len(kept) == len(rows):
        return rows, Places(path, tuple(lines))
    return [rows[at] for at in kept], Places(path, tuple(lines[at] for at in kept))


def suggestions_table(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Validated suggestions (:func:`read_suggestions`) as :func:`load_suggestions`' table."""
    import pandas as pd

    columns = list(SUGGESTION_FIELDS)
    extra = sorted({key for row in rows for key in row} - set(columns))
    frame = pd.DataFrame(rows, columns=columns + extra)
    if frame.empty:
        return frame
    return frame.astype({"start": "int64", "end": "int64", "confidence": "float64"})


def suggestion_records(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``records(suggestions_table(rows))``: the same dicts, without pandas when every row has
    the contract's fields only (as ``textcode code`` writes them; the validation fixed their
    types and order, so they are ``rows`` themselves); extra fields get the types their column
    takes in the table."""
    if any(row.keys() != _FIELD_SET for row in rows):
        return records(suggestions_table(rows))
    return rows


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


def _read_file(path: Path) -> list[tuple[int, dict[str, Any]]]:
    text = read_utf8(path, "suggestions")
    if path.suffix.lower() in (".csv", ".tsv"):
        return _delimited_records(text, "\t" if path.suffix.lower() == ".tsv" else ",", path)
    parsed: list[tuple[int, dict[str, Any]]] = []
    for number, record in json_lines(text, path):
        if not isinstance(record, dict):
            raise InputError("a suggestion must be a JSON object", path=path, line=number)
        parsed.append((number, record))
    return parsed


def _delimited_records(text: str, sep: str, path: Path) -> list[tuple[int, dict[str, Any]]]:
    """The records of a CSV or TSV text by its header, each with the line it starts on (a
    quoted field may hold a line break, so a record's count is not its line), blank lines
    skipped, in one pass. A field the record lacks is left out (the check names it missing)."""
    import csv
    import io

    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header: list[str] | None = None
    parsed: list[tuple[int, dict[str, Any]]] = []
    end = 0
    try:
        for row in reader:
            start, end = end + 1, reader.line_num
            if not row:
                continue
            if header is None:
                twice = sorted({name for name in row if row.count(name) > 1})
                if twice:
                    raise InputError(
                        "the column name appears twice in the header",
                        path=path,
                        line=start,
                        field=twice[0],
                    )
                header = row
            elif len(row) > len(header):
                raise InputError(
                    f"{len(row)} fields where the header names {len(header)}",
                    path=path,
                    line=start,
                )
            else:
                parsed.append((start, dict(zip(header, row, strict=False))))
    except csv.Error as exc:
        raise InputError(f"cannot read suggestions ({exc})", path=path, line=end + 1) from None
    return parsed


def _validate(record: dict[str, Any], path: str | None, number: int, where: str) -> dict[str, Any]:
    place: dict[str, Any] = {"path": path, where: number}
    row = {**_OPTIONAL_DEFAULTS, **record}
    for name in _STR_FIELDS:
        value = row.get(name)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            raise InputError("missing", field=name, **place)
        if isinstance(value, (list, dict, bool)):
            # A number is an id as its text ("17"); a list, mapping or truth value is none.
            raise InputError(f"must be text, not {kind_of(value)}", field=name, **place)
        row[name] = str(value)
    for name in _INT_FIELDS:
        value = row.get(name)
        if isinstance(value, bool) or (isinstance(value, float) and not value.is_integer()):
            raise InputError("not a whole number", field=name, **place)
        try:
            row[name] = int(value)  # type: ignore[arg-type]
        except (TypeError, ValueError, OverflowError) as exc:
            raise InputError("not a whole number", field=name, **place) from exc
        if not -(2**63) <= row[name] < 2**63:
            raise InputError("too large a number for a position in a text", field=name, **place)
    try:
        if isinstance(row.get("confidence"), bool):
            raise TypeError("true or false")
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
    if row.keys() == _FIELD_SET:
        return {name: row[name] for name in SUGGESTION_FIELDS}  # in the table's order
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
    # Each distinct question name once: a long table repeats a few names many times.
    ids = groups_of(answers["question"].astype(str), codebook)
    for rid, question, text in answers[["response_id", "question", "text"]].itertuples(index=False):
        value = "" if text is None or (isinstance(text, float) and math.isnan(text)) else str(text)
        qid = ids[str(question)]
        texts[(str(rid), qid)] = value
        texts.setdefault((str(rid), str(question)), value)
    return texts
