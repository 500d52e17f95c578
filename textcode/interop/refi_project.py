"""REFI-QDA projects (``.qdpx``): coded survey answers out to NVivo, ATLAS.ti, MAXQDA or
QualCoder, and codings made there back in as a gold file or review decisions.

Export layout (see ``docs/interop.md``):

- one ``Case`` per respondent, named by its id, with the respondent attributes as typed
  ``Variable`` values (attributes that differ between a respondent's answers go on the
  sources instead);
- ``per="answer"`` (default): one ``TextSource`` per non-empty answer, named
  ``<response_id> - <question>``, with the source variables ``response_id`` and ``question``;
  ``per="respondent"``: one ``TextSource`` per respondent holding every answer as a section
  (a line ``## <question>``, the answer, a blank line), offsets shifted to the section;
- the codebook (as :mod:`textcode.interop.refi_codebook` writes it);
- every suggestion as a ``PlainTextSelection`` with one ``Coding`` on its exact span, created by
  the user ``textcode``; with review decisions, by each reviewer who accepted it (rejected ones
  are left out, ``only_accepted`` leaves out the ones nobody reviewed; codes a reviewer added
  without a span cover the whole answer).

Texts are redacted by default (``textcode.privacy``) and spans mapped with the redaction, so
every coding still covers its evidence. Texts are written as UTF-8 without BOM with LF line
ends; a ``\\r\\n`` inside an answer becomes ``\\n`` with the offsets after it moved. The same
data always gives the same bytes.

Import accepts what tools really write: a ``.qde`` of any name, ``Sources/`` or ``sources/``,
one source per respondent with or without textcode's sections, inline ``PlainTextContent``,
GUIDs in braces, BOMs, and CRLF. Positions count the code points of the source as stored
(after a BOM); CRLF then becomes LF in the answer text and the positions move with it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass, replace
from os import PathLike
from pathlib import Path
from typing import Any, Literal, cast

import pandas as pd

from textcode.codebook import Codebook
from textcode.codebook.questions import GroupAnswers, answered_twice, groups_of
from textcode.coding.suggestions import Places
from textcode.errors import InputError, UsageError
from textcode.interop import variables as V
from textcode.interop.refi_codebook import add_codes, code_guids, origin
from textcode.interop.refi_project_import import (
    CODING_COLUMNS,
    SOURCE_VARIABLES,
    RefiProject,
    read_qdpx,
    split_sections,
)
from textcode.interop.suggested import Suggestions, checked_suggestion, placed_table
from textcode.interop.textmap import (
    MappedText,
    Redactor,
    normalize_newlines,
    redacted,
    resolve_redactor,
    unchanged,
)
from textcode.interop.xmlutil import PROJECT_NS, element, make_guid, sub, to_bytes
from textcode.io import atomic_write_bytes
from textcode.lang import get_language
from textcode.parsing.safezip import deterministic_zip
from textcode.records import Suggestion

__all__ = [
    "CODING_COLUMNS",
    "ExportResult",
    "RefiProject",
    "build_qdpx",
    "export_qdpx",
    "read_qdpx",
    "split_sections",
    "suggestions_table",
]

Per = Literal["answer", "respondent"]
MACHINE_USER = "textcode"


# --- export ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Coding:
    key: tuple[str, str]  # (response_id, question id)
    code: str
    start: int
    end: int
    user: str
    sid: str
    note: str = ""
    time: str = ""


@dataclass(frozen=True, slots=True)
class ExportResult:
    """What an export wrote."""

    path: str | None
    per: str
    redacted: bool
    cases: int
    sources: int
    codings: int
    users: tuple[str, ...]
    variables: tuple[str, ...]
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "per": self.per,
            "redacted": self.redacted,
            "cases": self.cases,
            "sources": self.sources,
            "codings": self.codings,
            "users": list(self.users),
            "variables": list(self.variables),
            "warnings": list(self.warnings),
        }


ExportSummary = ExportResult  # the old name


def suggestions_table(suggestions: Suggestions) -> pd.DataFrame:
    """Suggestions as a DataFrame with the contract's columns (see
    :func:`textcode.interop.suggested.placed_table`)."""
    return placed_table(suggestions)[0]


def _answers_index(answers: pd.DataFrame, codebook: Codebook) -> dict[tuple[str, str], int]:
    for column in ("response_id", "question", "text"):
        if column not in answers.columns:
            raise InputError(f"the answers table has no {column!r} column", field=column)
    index: dict[tuple[str, str], int] = {}
    answered = GroupAnswers()
    groups = groups_of(answers["question"].astype(str), codebook)
    for row, (rid, question) in enumerate(
        zip(answers["response_id"].astype(str), answers["question"].astype(str), strict=True)
    ):
        first = answered.add(rid, question, groups[question])
        if first is not None:
            _answered_twice(answers, rid, groups[question], first, question, row)
        index[(rid, groups[question])] = row
    return index


def _answered_twice(
    answers: pd.DataFrame, respondent: str, group: str, first: str, second: str, row: int
) -> None:
    """Refuse two answers of one respondent to one codebook group, naming the input file.

    A table from :func:`textcode.ingest.read_answers` knows its file and layout: the error then
    names the file and the column the question came from (its rows are not the file's, so no
    row is given). A table made in Python gets its own row number instead.
    """
    report = answers.attrs.get("textcode") or {}
    source = report.get("source")
    path = source if isinstance(source, str) and source != "<DataFrame>" else None
    column = report.get("question_column") if report.get("layout") == "long" else None
    where: dict[str, Any] = (
        {"row": row + 1, "field": "question"}
        if path is None
        else {"path": path, "field": str(column or second)}
    )
    if first == second:
        raise InputError(f"respondent {respondent!r} answers question {first!r} twice", **where)
    raise answered_twice(
        respondent,
        group,
        first,
        second,
        "export them separately or give them their own groups in the codebook",
        **where,
    )


def _texts(answers: pd.DataFrame) -> list[str]:
    return ["" if V.is_missing(t) else str(t) for t in answers["text"].tolist()]


def _machine_codings(
    frame: pd.DataFrame,
    places: Places,
    index: dict[tuple[str, str], int],
    texts: list[str],
    codebook: Codebook,
) -> dict[str, tuple[tuple[str, str], str, int, int, str]]:
    """suggestion id -> (answer key, code, start, end, note), each checked against the text
    (errors name the record's place: its file and line, or its row)."""
    from textcode.records import suggestion_id

    result: dict[str, tuple[tuple[str, str], str, int, int, str]] = {}
    records = cast(list[dict[str, Any]], frame.to_dict("records"))
    for n, record in enumerate(records):
        key, _, start, end = checked_suggestion(record, places.of(n), index, texts, codebook)
        code = str(record["code"])
        sid = record.get("suggestion_id")
        if not isinstance(sid, str) or not sid:
            sid = suggestion_id(key[0], key[1], code, start, end)
        note = ""
        if isinstance(record.get("rule"), str) and record["rule"]:
            note = f"{record['rule']}"
            confidence = record.get("confidence")
            if confidence is not None and not V.is_missing(confidence):
                note += f"; confidence {float(confidence):.2f}"
            if record.get("negated") is True:
                note += "; negated"
        result[sid] = (key, code, start, end, note)
    return result


def _codings(
    machine: dict[str, tuple[tuple[str, str], str, int, int, str]],
    decisions: pd.DataFrame | None,
    index: dict[tuple[str, str], int],
    texts: list[str],
    codebook: Codebook,
    only_accepted: bool,
) -> tuple[list[_Coding], list[str]]:
    warnings: list[str] = []
    if decisions is None or decisions.empty:
        if only_accepted:
            raise UsageError("only accepted codings were asked for, but no decisions were given")
        return [
            _Coding(key, code, start, end, MACHINE_USER, sid, note)
            for sid, (key, code, start, end, note) in machine.items()
        ], warnings
    for column in ("suggestion_id", "decision", "reviewer"):
        if column not in decisions.columns:
            raise InputError(f"the decisions have no {column!r} column", field=column)
    by_suggestion: dict[str, list[dict[str, Any]]] = {}
    for record in cast(list[dict[str, Any]], decisions.to_dict("records")):
        by_suggestion.setdefault(str(record["suggestion_id"]), []).append(record)
    codings: list[_Coding] = []
    for sid, (key, code, start, end, note) in machine.items():
        verdicts = by_suggestion.pop(sid, [])
        accepted = [r for r in verdicts if r["decision"] in ("accept", "add")]
        if not verdicts:
            if not only_accepted:
                codings.append(_Coding(key, code, start, end, MACHINE_USER, sid, note))
            continue
        for record in accepted:
            codings.append(
                _Coding(key, code, start, end, str(record["reviewer"]), sid, note, _time(record))
            )
    # Decisions on no exported suggestion: codes reviewers added, or suggestions not given.
    for sid, records in by_suggestion.items():
        for record in records:
            if record["decision"] not in ("accept", "add"):
                continue
            key = (
                str(record.get("response_id")),
                codebook.question_id(str(record.get("question"))),
            )
            code = str(record.get("code"))
            if key not in index:
                warnings.append(f"decision on {sid}: no answer {key[0]!r}/{key[1]!r}; left out")
                continue
            if code not in codebook:
                warnings.append(f"decision on {sid}: code {code!r} not in the codebook; left out")
                continue
            text = texts[index[key]]
            if V.is_missing(record.get("start")) or V.is_missing(record.get("end")):
                start, end = 0, len(text)  # an added code without a span covers the answer
            else:
                start, end = int(record["start"]), int(record["end"])
            if not 0 <= start <= end <= len(text):
                warnings.append(f"decision on {sid}: span outside the answer; left out")
                continue
            codings.append(
                _Coding(key, code, start, end, str(record["reviewer"]), sid, "", _time(record))
            )
    return codings, warnings


def _time(record: dict[str, Any]) -> str:
    value = record.get("time")
    return value if isinstance(value, str) and V.is_xsd_datetime(value) else ""


@dataclass(slots=True)
class _Source:
    guid: str
    name: str
    response_id: str
    text: str
    spans: list[tuple[_Coding, int, int]]
    values: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Variables:
    """Which attributes go on cases (one value per respondent) and which on sources."""

    case: tuple[str, ...]
    answer: tuple[str, ...]
    source: tuple[str, ...]
    kinds: dict[str, str]

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.case, *self.answer, *self.source)

    def guid(self, name: str) -> str:
        return make_guid("variable", name)

    def kind(self, name: str) -> str:
        return self.kinds.get(name, "Text")


def _plan_variables(answers: pd.DataFrame, per: str, warnings: list[str]) -> _Variables:
    attributes = [c for c in answers.columns if c not in ("response_id", "question", "text")]
    by_respondent = answers.groupby(answers["response_id"].astype(str), sort=False)
    case_vars: list[str] = []
    answer_vars: list[str] = []
    for column in attributes:
        varies = bool((by_respondent[column].nunique(dropna=False) > 1).any())
        (answer_vars if varies else case_vars).append(column)
    if per == "respondent" and answer_vars:
        warnings.append(
            f"attribute(s) {', '.join(answer_vars)} differ between answers of one respondent and "
            "cannot go on a respondent's source; use per='answer' to keep them"
        )
        answer_vars = []
    kinds = {column: V.variable_type(answers[column]) for column in (*case_vars, *answer_vars)}
    source_vars = SOURCE_VARIABLES if per == "answer" else ("response_id",)
    return _Variables(tuple(case_vars), tuple(answer_vars), source_vars, kinds)


def _answer_sources(
    answers: pd.DataFrame,
    keys: list[tuple[str, str]],
    texts: list[MappedText],
    codings: dict[tuple[str, str], list[_Coding]],
    variables: _Variables,
    value: Any,
) -> list[_Source]:
    sources = []
    for row, key in enumerate(keys):
        view = texts[row]
        if not view.text.strip():
            continue
        spans = [(c, *view.map_span(c.start, c.end)) for c in codings.get(key, [])]
        values = {"response_id": key[0], "question": str(answers.at[row, "question"])}
        values.update({v: value(v, answers.at[row, v]) for v in variables.answer})
        guid = make_guid("source", f"{key[0]}\x1f{key[1]}")
        sources.append(_Source(guid, f"{key[0]} - {key[1]}", key[0], view.text, spans, values))
    return sources


def _respondent_sources(
    answers: pd.DataFrame,
    keys: list[tuple[str, str]],
    texts: list[MappedText],
    codings: dict[tuple[str, str], list[_Coding]],
    respondents: dict[str, list[int]],
) -> list[_Source]:
    sources = []
    for rid, rows in respondents.items():
        parts: list[str] = []
        spans: list[tuple[_Coding, int, int]] = []
        offset = 0
        for row in rows:
            view = texts[row]
            if not view.text.strip():
                continue
            # Sections: "## <question>", the answer, and a blank line between sections.
            header = ("\n" if parts else "") + f"## {answers.at[row, 'question']!s}\n"
            body_start = offset + len(header)
            for coding in codings.get(keys[row], []):
                start, end = view.map_span(coding.start, coding.end)
                spans.append((coding, body_start + start, body_start + end))
            part = header + view.text + "\n"
            parts.append(part)
            offset += len(part)
        if parts:
            guid = make_guid("source", rid)
            sources.append(_Source(guid, rid, rid, "".join(parts), spans, {"response_id": rid}))
    return sources


def _add_selections(
    source_el: ET.Element,
    source: _Source,
    user_guids: dict[str, str],
    code_guid_of: dict[str, str],
    code_order: dict[str, int],
) -> int:
    source.spans.sort(
        key=lambda item: (item[1], item[2], code_order[item[0].code], item[0].user, item[0].sid)
    )
    for coding, start, end in source.spans:
        key = f"{coding.sid}\x1f{coding.user}\x1f{coding.code}"
        stamp = {"creationDateTime": coding.time} if coding.time else {}
        selection_el = sub(
            source_el,
            "PlainTextSelection",
            guid=make_guid("selection", key),
            startPosition=str(start),
            endPosition=str(end),
            creatingUser=user_guids[coding.user],
            **stamp,
        )
        if coding.note:
            sub(selection_el, "Description").text = coding.note
        coding_el = sub(
            selection_el,
            "Coding",
            guid=make_guid("coding", key),
            creatingUser=user_guids[coding.user],
            **stamp,
        )
        sub(coding_el, "CodeRef", targetGUID=code_guid_of[coding.code])
    return len(source.spans)


def build_qdpx(
    answers: pd.DataFrame,
    suggestions: pd.DataFrame | Iterable[Suggestion] | str | PathLike[str] | None,
    codebook: Codebook,
    *,
    per: Per = "answer",
    decisions: pd.DataFrame | None = None,
    only_accepted: bool = False,
    redact: bool | Redactor = True,
    name: str = "textcode",
) -> tuple[bytes, ExportResult]:
    """The ``.qdpx`` archive as bytes, and a summary; see the module docstring."""
    if per not in ("answer", "respondent"):
        raise UsageError(f"per must be 'answer' or 'respondent', not {per!r}")
    answers = answers.reset_index(drop=True)
    index = _answers_index(answers, codebook)
    keys = list(index)
    texts = _texts(answers)
    machine = _machine_codings(*placed_table(suggestions), index, texts, codebook)
    codings, warnings = _codings(machine, decisions, index, texts, codebook, only_accepted)
    codings_by_key: dict[tuple[str, str], list[_Coding]] = {}
    for coding in codings:
        codings_by_key.setdefault(coding.key, []).append(coding)

    redactor = resolve_redactor(redact, codebook.language or "nl")
    mapped: list[MappedText] = []
    for text in texts:
        view = redacted(text, redactor) if redactor is not None and text else unchanged(text)
        mapped.append(view.then(normalize_newlines(view.text)))

    variables = _plan_variables(answers, per, warnings)

    def value(variable: str, raw: Any) -> Any:
        # Text attributes can hold personal data as much as answers can.
        if redactor is not None and variables.kind(variable) == "Text" and isinstance(raw, str):
            return redactor(raw).text if raw else raw
        return raw

    respondents: dict[str, list[int]] = {}
    for row, rid in enumerate(answers["response_id"].astype(str)):
        respondents.setdefault(rid, []).append(row)
    if per == "answer":
        sources = _answer_sources(answers, keys, mapped, codings_by_key, variables, value)
    else:
        sources = _respondent_sources(answers, keys, mapped, codings_by_key, respondents)

    users = [MACHINE_USER, *sorted({c.user for c in codings} - {MACHINE_USER})]
    user_guids = {user: make_guid("user", user) for user in users}
    root = element("Project", name=name, origin=origin(), creatingUserGUID=user_guids[MACHINE_USER])
    users_el = sub(root, "Users")
    for user in users:
        sub(users_el, "User", guid=user_guids[user], name=user)
    add_codes(sub(root, "CodeBook"), codebook)
    variables_el = sub(root, "Variables")
    for variable in variables.all:
        sub(
            variables_el,
            "Variable",
            guid=variables.guid(variable),
            name=variable,
            typeOfVariable=variables.kind(variable),
        )

    cases_el = sub(root, "Cases")
    sources_of: dict[str, list[str]] = {}
    for source in sources:
        sources_of.setdefault(source.response_id, []).append(source.guid)
    for rid, rows in respondents.items():
        case_el = sub(cases_el, "Case", guid=make_guid("case", rid), name=rid)
        for variable in variables.case:
            raw = answers.at[rows[0], variable]
            _variable_value(
                case_el, variables.guid(variable), variables.kind(variable), value(variable, raw)
            )
        for guid in sources_of.get(rid, []):
            sub(case_el, "SourceRef", targetGUID=guid)

    sources_el = sub(root, "Sources")
    code_guid_of = code_guids(codebook)
    code_order = {code.id: n for n, code in enumerate(codebook.codes)}
    n_codings = 0
    files: list[tuple[str, bytes]] = []
    for source in sources:
        source_el = sub(
            sources_el,
            "TextSource",
            guid=source.guid,
            name=source.name,
            plainTextPath=f"internal://{source.guid}.txt",
        )
        n_codings += _add_selections(source_el, source, user_guids, code_guid_of, code_order)
        for variable in (*variables.source, *variables.answer):
            if variable in source.values:
                _variable_value(
                    source_el,
                    variables.guid(variable),
                    variables.kind(variable),
                    source.values[variable],
                )
        files.append((f"sources/{source.guid}.txt", source.text.encode("utf-8")))

    words = get_language(codebook.language or "nl").interop.PROJECT
    sub(root, "Description").text = words["description"].format(
        codebook=codebook.id,
        version=codebook.version,
        per=words[f"per_{per}"],
        redacted=words["redacted" if redactor is not None else "not_redacted"],
    )
    _drop_empty_wrappers(root)
    data = deterministic_zip([("project.qde", to_bytes(root, PROJECT_NS)), *files])
    summary = ExportResult(
        path=None,
        per=per,
        redacted=redactor is not None,
        cases=len(respondents),
        sources=len(sources),
        codings=n_codings,
        users=tuple(users),
        variables=(*variables.case, *variables.answer),
        warnings=tuple(warnings),
    )
    return data, summary


def _variable_value(parent: ET.Element, guid: str, kind: str, value: Any) -> None:
    text = V.format_value(kind, value)
    if text is None:
        return
    value_el = sub(parent, "VariableValue")
    sub(value_el, "VariableRef", targetGUID=guid)
    sub(value_el, V.VALUE_ELEMENTS[kind]).text = text


def _drop_empty_wrappers(root: ET.Element) -> None:
    # The schema forbids a wrapper (Users, Variables, Cases, Sources ...) without children.
    for child in list(root):
        if child.tag in ("Users", "Variables", "Cases", "Sources") and len(child) == 0:
            root.remove(child)


def export_qdpx(
    answers: pd.DataFrame,
    suggestions: pd.DataFrame | Iterable[Suggestion] | str | PathLike[str] | None,
    codebook: Codebook,
    out: str | PathLike[str],
    *,
    per: Per = "answer",
    decisions: pd.DataFrame | None = None,
    only_accepted: bool = False,
    redact: bool | Redactor = True,
    name: str | None = None,
) -> ExportResult:
    """Write answers, codebook and suggestions as a REFI-QDA project (``.qdpx``), atomically.

    ``decisions`` is a replayed review ledger (:func:`textcode.review.replay`); ``redact``
    (default on) redacts personal data in texts and text variables.
    """
    data, summary = build_qdpx(
        answers,
        suggestions,
        codebook,
        per=per,
        decisions=decisions,
        only_accepted=only_accepted,
        redact=redact,
        name=name or Path(out).stem,
    )
    atomic_write_bytes(out, data)
    return replace(summary, path=str(out))
