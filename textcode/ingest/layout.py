"""From a raw table to the answers table: which column is what, then wide or long to tidy.

Roles are decided in this order (each given option wins over its guess):

1. the question column: given, or found by name (``question``, ``vraag``) unless two or more
   text columns were given;
2. the id column: given, or found by name (``response_id``, ``id``, ``respnr`` ...), else the
   row numbers 1, 2, 3 ... become the ids;
3. with a question column the data is long and has one text column: given, found by name
   (``text``, ``answer``, ``antwoord``, ``tekst``), or the single column that looks like free
   text; without one the data is wide: the text columns given, the column found by name, or the
   columns that look like free text (:mod:`textcode.ingest.freetext`).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, Protocol

from textcode.errors import InputError
from textcode.ingest.columns import guess, list_columns, resolve
from textcode.ingest.readers import RawTable
from textcode.ingest.report import EmptyAnswer, IngestResult
from textcode.ingest.values import infer_text_column, to_label, to_text
from textcode.io.cells import json_text
from textcode.parsing import MAX_ANSWER_CHARS

if TYPE_CHECKING:
    import pandas as pd

RESERVED: tuple[str, ...] = ("response_id", "question", "text")

ID_OPTION = "--id-column"
QUESTION_OPTION = "--question-column"
TEXT_OPTION = "--text-column"


@dataclass(frozen=True)
class Roles:
    """Which column plays which part."""

    layout: Literal["wide", "long"]
    id_column: str | None
    question_column: str | None
    text_columns: tuple[str, ...]
    guessed: tuple[str, ...]


class Place(Protocol):
    """Where rows come from, for the errors that name them (a RawTable, a RawRows)."""

    @property
    def source(self) -> str: ...

    @property
    def context(self) -> str: ...

    def location(self, index: int) -> dict[str, int]: ...


class Columns(Place, Protocol):
    """A raw table's names, and the table itself when roles are guessed from content."""

    @property
    def columns(self) -> list[str]: ...

    @property
    def frame(self) -> pd.DataFrame: ...


def choose_roles(
    raw: Columns,
    *,
    id_column: str | None = None,
    text_columns: Sequence[str] = (),
    question_column: str | None = None,
) -> Roles:
    """Resolve the named columns and guess the others (see the module docstring)."""
    columns = list(raw.columns)
    path, context = raw.source, raw.context

    def named(name: str, option: str) -> str:
        return resolve(name, columns, path=path, option=option, context=context)

    texts = list(dict.fromkeys(named(c, TEXT_OPTION) for c in text_columns))
    qcol = None if question_column is None else named(question_column, QUESTION_OPTION)
    icol = None if id_column is None else named(id_column, ID_OPTION)
    _check_distinct(icol, qcol, texts, path)

    guessed: list[str] = []
    if qcol is None and len(texts) <= 1:
        qcol = guess(
            "question", columns, exclude=[*texts, icol or ""], path=path, option=QUESTION_OPTION
        )
        if qcol is not None:
            guessed.append("question_column")
    if icol is None:
        icol = guess("id", columns, exclude=[*texts, qcol or ""], path=path, option=ID_OPTION)
        if icol is not None:
            guessed.append("id_column")

    taken = [c for c in (icol, qcol) if c is not None]
    if not texts:
        texts = _guess_texts(raw, columns, taken, long=qcol is not None)
        guessed.append("text_columns")
    if qcol is not None and len(texts) > 1:
        raise InputError(
            f"long data (question column {qcol!r}) has one text column; got {list_columns(texts)}",
            path=path,
            field=texts[1],
        )
    return Roles(
        layout="long" if qcol is not None else "wide",
        id_column=icol,
        question_column=qcol,
        text_columns=tuple(texts),
        guessed=tuple(guessed),
    )


def _check_distinct(icol: str | None, qcol: str | None, texts: list[str], path: str) -> None:
    if icol is not None and icol in texts:
        raise InputError("named as both the id column and a text column", path=path, field=icol)
    if qcol is not None and qcol in texts:
        raise InputError(
            "named as both the question column and a text column", path=path, field=qcol
        )
    if icol is not None and icol == qcol:
        raise InputError(
            "named as both the id column and the question column", path=path, field=icol
        )


def _guess_texts(raw: Columns, columns: list[str], taken: list[str], *, long: bool) -> list[str]:
    path = raw.source
    by_name = guess("text", columns, exclude=taken, path=path, option=TEXT_OPTION)
    if by_name is not None:
        return [by_name]
    from textcode.ingest.freetext import classify  # (with pandas, for the columns' content)

    rest = [c for c in columns if c not in taken]
    verdicts = classify(raw.frame, rest)
    text = [c for c, v in verdicts.items() if v == "text"]
    unsure = [c for c, v in verdicts.items() if v == "unsure"]
    if long:
        if len(text) == 1 and not unsure:
            return text
        raise InputError(
            f"cannot tell which column holds the answers; name it with {TEXT_OPTION} "
            f"(columns: {list_columns(rest)})",
            path=path,
        )
    if unsure:
        clear = f"{list_columns(text)} look like free text, " if text else ""
        raise InputError(
            f"cannot tell which columns are open questions: {clear}{list_columns(unsure)} "
            f"might be; name each open question with {TEXT_OPTION}",
            path=path,
        )
    if not text:
        raise InputError(
            f"no column looks like free-text answers; name the open questions with "
            f"{TEXT_OPTION} (columns: {list_columns(rest)})",
            path=path,
        )
    return text


@dataclass(frozen=True)
class AnswerRows:
    """The answers of a raw table: the row each comes from, its id, question and text."""

    positions: list[int]
    response_ids: list[str]
    questions: list[str]
    texts: list[str]


def answer_rows(
    raw: Place,
    roles: Roles,
    cells: Callable[[str], list[Any]],
    n_rows: int,
    *,
    number_from: int = 1,
) -> AnswerRows:
    """Each answer's id, question and text from the role columns' values (``cells(column)``),
    checked: an empty id or question, an answer that is no text or too long, an id (long data:
    an id and question) given twice are InputErrors naming the line or row. Without an id
    column the ids are the row numbers counted from ``number_from``."""
    ids = _ids(raw, roles.id_column, cells, n_rows, number_from)
    if roles.layout == "wide" and roles.id_column is not None:
        _no_duplicates(raw, roles.id_column, ids)
    positions: list[int] = []
    questions: list[str] = []
    texts: list[str] = []
    if roles.layout == "wide":
        values = {c: cells(c) for c in roles.text_columns}
        for i in range(n_rows):
            for column in roles.text_columns:
                positions.append(i)
                questions.append(column)
                texts.append(_text(raw, column, values[column][i], i))
    else:
        assert roles.question_column is not None
        column = roles.text_columns[0]
        for i, (question, cell) in enumerate(
            zip(cells(roles.question_column), cells(column), strict=True)
        ):
            # (to_label and _text, with their common case inlined: a row costs a microsecond)
            label = question.strip() if type(question) is str else to_label(question)
            if not label:
                raise InputError(
                    f"the question is empty{raw.context}",
                    path=raw.source,
                    field=roles.question_column,
                    **raw.location(i),
                )
            questions.append(label)
            if type(cell) is str and len(cell) <= MAX_ANSWER_CHARS:
                texts.append(cell)
            else:
                texts.append(_text(raw, column, cell, i))
        positions = list(range(len(questions)))
        if roles.id_column is not None:
            _no_duplicates(raw, roles.id_column, ids, questions)
    answer_ids = ids if roles.layout == "long" else [ids[i] for i in positions]
    return AnswerRows(positions, answer_ids, questions, texts)


def tidy(raw: RawTable, roles: Roles) -> tuple[pd.DataFrame, IngestResult]:
    """The answers table (``response_id``, ``question``, ``text``, attributes) and its report."""
    import pandas as pd

    frame = raw.frame
    rows = answer_rows(raw, roles, lambda column: frame[column].tolist(), len(frame))
    positions, answer_ids = rows.positions, rows.response_ids
    questions, texts = rows.questions, rows.texts

    used = {roles.id_column, roles.question_column, *roles.text_columns}
    attribute_columns = [str(c) for c in frame.columns if c not in used]
    attributes = frame[attribute_columns]
    if not raw.typed:
        attributes = pd.DataFrame(
            {c: infer_text_column(attributes[c].tolist()) for c in attribute_columns},
            columns=attribute_columns,
            index=attributes.index,
        )
    attributes = _json_texts(attributes)
    if roles.layout == "wide":
        attributes = attributes.iloc[positions]
    attributes = attributes.reset_index(drop=True)
    renamed = _rename_reserved(attribute_columns)
    attributes.columns = [renamed.get(c, c) for c in attribute_columns]

    table = pd.DataFrame(
        {
            "response_id": pd.Series(answer_ids, dtype=str),
            "question": pd.Series(questions, dtype=str),
            "text": pd.Series(texts, dtype=str),
        }
    )
    table = pd.concat([table, attributes], axis=1)

    empty = tuple(
        EmptyAnswer(answer_ids[k], questions[k]) for k, text in enumerate(texts) if not text.strip()
    )
    report = IngestResult(
        source=raw.source,
        format=raw.format,
        layout=roles.layout,
        n_rows=len(frame),
        n_answers=len(table),
        n_empty=len(empty),
        empty=empty,
        id_column=roles.id_column,
        question_column=roles.question_column,
        text_columns=roles.text_columns,
        attribute_columns=tuple(attributes.columns),
        guessed=roles.guessed,
        renamed_columns=renamed,
        encoding=raw.encoding,
        delimiter=raw.delimiter,
        sheet=raw.sheet,
        n_blank_rows=raw.n_blank,
        n_not_nfc=sum(not unicodedata.is_normalized("NFC", t) for t in texts),
        variable_labels=dict(raw.variable_labels),
        value_labels={k: dict(v) for k, v in raw.value_labels.items()},
    )
    return table, report


def _ids(
    raw: Place, id_column: str | None, cells: Callable[[str], list[Any]], n_rows: int, first: int
) -> list[str]:
    if id_column is None:
        return [str(i) for i in range(first, first + n_rows)]
    ids: list[str] = []
    for i, value in enumerate(cells(id_column)):
        label = value.strip() if type(value) is str else to_label(value)
        if not label:
            raise InputError(
                f"the id is empty{raw.context}",
                path=raw.source,
                field=id_column,
                **raw.location(i),
            )
        ids.append(label)
    return ids


def _no_duplicates(
    raw: Place, id_column: str, ids: list[str], questions: list[str] | None = None
) -> None:
    """Wide data: one row per id. Long data: one row per (id, question)."""
    if len(set(ids)) == len(ids) or (
        questions is not None and len(set(zip(ids, questions, strict=True))) == len(ids)
    ):
        return  # none repeats (the common case, settled in C); else the loop finds the first
    first: dict[tuple[str, str], int] = {}
    for i, response_id in enumerate(ids):
        key = (response_id, "" if questions is None else questions[i])
        if key in first:
            ((kind, number),) = raw.location(first[key]).items()
            what = (
                f"duplicate id {response_id!r}"
                if questions is None
                else f"id {response_id!r} answers question {key[1]!r} twice"
            )
            raise InputError(
                f"{what} (first at {kind} {number}){raw.context}",
                path=raw.source,
                field=id_column,
                **raw.location(i),
            )
        first[key] = i


def _text(raw: Place, column: str, cell: object, index: int) -> str:
    try:
        text = to_text(cell)
    except TypeError as exc:
        raise InputError(
            f"{exc}{raw.context}", path=raw.source, field=column, **raw.location(index)
        ) from None
    if len(text) > MAX_ANSWER_CHARS:
        raise InputError(
            f"the answer is {len(text):,} characters long; the most an answer may hold is "
            f"{MAX_ANSWER_CHARS:,}{raw.context}",
            path=raw.source,
            field=column,
            **raw.location(index),
        )
    return text


def _json_texts(attributes: pd.DataFrame) -> pd.DataFrame:
    """Attribute cells holding a list or an object (JSON Lines) become their JSON text."""
    import pandas as pd

    nested = [
        c
        for c in attributes.columns
        if attributes[c].dtype == object
        and any(isinstance(v, list | dict) for v in attributes[c].tolist())
    ]
    if not nested:
        return attributes
    out = attributes.copy()
    for column in nested:
        out[column] = pd.Series(
            [json_text(v) if isinstance(v, list | dict) else v for v in out[column].tolist()],
            index=out.index,
            dtype=object,
        )
    return out


def _rename_reserved(columns: list[str]) -> dict[str, str]:
    """Attributes named like an answers-table column get an ``_input`` suffix."""
    renamed: dict[str, str] = {}
    taken = set(columns) | set(RESERVED)
    for column in columns:
        if column in RESERVED:
            new = f"{column}_input"
            n = 2
            while new in taken:
                new, n = f"{column}_input{n}", n + 1
            renamed[column] = new
            taken.add(new)
    return renamed
