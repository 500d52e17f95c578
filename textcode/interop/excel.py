"""An Excel workbook of the coded answers that MAXQDA's and NVivo's spreadsheet imports read.

Sheets, each a plain table (one header row, one row per record, no merged cells, no formulas):

- one sheet per question: ``response_id``, the answer in a column named after the question (the
  open-question column those imports turn into documents), the respondent attributes, then one
  0/1 column per code of that question (classifying variables there);
- ``matrix``: one row per answer (``response_id``, ``question``), one 0/1 column per code;
- ``counts``: per code the answers and respondents coded, the answers to its question and the
  share of them;
- ``suggestions``: the suggestion records (contract fields); ``start``/``end`` are offsets into
  the answer as this workbook shows it, so ``text[start:end] == evidence`` on the sheets' text;
- ``codebook``: groups, codes, labels, descriptions, colours and patterns.

Answer texts are redacted by default (``redact=False``, ``--no-redact``: the original words).
Redacted, a suggestion's evidence is cut from the redacted answer, its offsets are mapped into
it (a span touching a name covers the whole placeholder), and each word its explanation quotes
from the answer that redaction hid is shown as the placeholder (``vond "[NAAM]"``). Line
ends are ``\\n`` in every case (a sheet cannot keep ``\\r``), offsets moved with them. A
suggestion that does not fit the answers (no such answer, a code not in the codebook, a span
that is not its evidence) is bad input (``InputError`` naming its file and line). The file is
byte-identical for the same input: time stamps in the workbook properties and the archive are
fixed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from os import PathLike
from typing import Any

import pandas as pd

from textcode.codebook import Codebook
from textcode.interop import variables as V
from textcode.interop.suggested import checked_suggestion, placed_table
from textcode.interop.textmap import (
    MappedText,
    Redactor,
    normalize_newlines,
    redacted,
    resolve_redactor,
    unchanged,
)
from textcode.io import atomic_write_bytes
from textcode.io.cells import Replacements
from textcode.io.workbook import append_table, new_workbook, sheet_names, workbook_bytes
from textcode.privacy.display import redact_quotes
from textcode.records import SUGGESTION_FIELDS, Suggestion

FIXED_SHEETS = ("matrix", "counts", "suggestions", "codebook")


@dataclass(frozen=True, slots=True)
class ExcelResult:
    """What an Excel export wrote."""

    path: str | None
    sheets: tuple[str, ...]
    answers: int
    suggestions: int
    redacted: bool
    warnings: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "sheets": list(self.sheets),
            "answers": self.answers,
            "suggestions": self.suggestions,
            "redacted": self.redacted,
            "warnings": list(self.warnings),
        }


ExcelSummary = ExcelResult  # the old name


def _shown_view(text: str, redactor: Redactor | None) -> MappedText:
    """The answer as the workbook shows it: redacted (unless told not to), with LF line ends.

    A cell cannot keep a ``\\r``: the sheet's XML reads ``\\r\\n`` back as ``\\n``, so line ends
    are normalised here and the offsets after them moved, redacted or not.
    """
    view = redacted(text, redactor) if redactor is not None and text else unchanged(text)
    return view.then(normalize_newlines(view.text))


def build_workbook(
    answers: pd.DataFrame,
    suggestions: pd.DataFrame | Iterable[Suggestion] | str | PathLike[str] | None,
    codebook: Codebook,
    *,
    redact: bool | Redactor = True,
) -> tuple[bytes, ExcelResult]:
    """The ``.xlsx`` bytes and a summary; see the module docstring."""
    tally = Replacements()
    answers = answers.reset_index(drop=True)
    frame, places = placed_table(suggestions)
    redactor = resolve_redactor(redact, codebook.language or "nl")
    texts = ["" if V.is_missing(t) else str(t) for t in answers["text"]]
    qids = [codebook.question_id(str(q)) for q in answers["question"]]
    rids = [str(r) for r in answers["response_id"]]
    row_of = {(rid, qid): n for n, (rid, qid) in enumerate(zip(rids, qids, strict=True))}
    records = [{str(k): v for k, v in record.items()} for record in frame.to_dict("records")]
    # Every suggestion checked before any work: one that does not fit the answers is refused.
    checked = [
        checked_suggestion(record, places.of(n), row_of, texts, codebook)
        for n, record in enumerate(records)
    ]
    views = [_shown_view(t, redactor) for t in texts]
    coded: dict[tuple[str, str], set[str]] = {}
    for record, (key, *_) in zip(records, checked, strict=True):
        coded.setdefault(key, set()).add(str(record["code"]))
    attributes = [c for c in answers.columns if c not in ("response_id", "question", "text")]

    def attribute(row: int, column: str) -> Any:
        value = answers.at[row, column]
        if redactor is not None and isinstance(value, str) and value:
            return redactor(value).text
        return value

    wb = new_workbook()
    sheets: list[str] = []

    questions = list(dict.fromkeys(zip(qids, answers["question"].astype(str), strict=True)))
    names = sheet_names([question for _, question in questions], reserved=FIXED_SHEETS)
    for (qid, question), name in zip(questions, names, strict=True):
        codes = [c.id for c in codebook.codes_for_question(question)]
        rows = [n for n, q in enumerate(qids) if q == qid]
        ws = wb.create_sheet(name)
        sheets.append(name)
        text_header = question if question not in ("response_id", *attributes, *codes) else "text"
        append_table(
            ws,
            ["response_id", text_header, *attributes, *codes],
            (
                [
                    rids[n],
                    views[n].text,
                    *(attribute(n, a) for a in attributes),
                    *(int(c in coded.get((rids[n], qid), ())) for c in codes),
                ]
                for n in rows
            ),
            tally,
        )
        ws.column_dimensions["B"].width = 60

    all_codes = [c.id for c in codebook.codes]
    append_table(
        wb.create_sheet("matrix"),
        ["response_id", "question", *all_codes],
        (
            [rids[n], qids[n], *(int(c in coded.get((rids[n], qids[n]), ())) for c in all_codes)]
            for n in range(len(answers))
        ),
        tally,
    )

    answered: dict[str, int] = {}
    for n, qid in enumerate(qids):
        if texts[n].strip():
            answered[qid] = answered.get(qid, 0) + 1
    count_rows = []
    for code in codebook.codes:
        keys = [k for k, codes in coded.items() if code.id in codes]
        # The share's base: the answers to the questions the code can be given to.
        shared = codebook.group(code.group).applies_to_all
        base = sum(answered.values()) if shared else answered.get(code.group, 0)
        n_answers = len(keys)
        count_rows.append(
            [
                code.group,
                code.id,
                code.label,
                n_answers,
                len({k[0] for k in keys}),
                base,
                round(n_answers / base, 4) if base else None,
                int((frame["code"] == code.id).sum()) if len(frame) else 0,
            ]
        )
    append_table(
        wb.create_sheet("counts"),
        ["group", "code", "label", "answers", "respondents", "answered", "share", "suggestions"],
        count_rows,
        tally,
    )

    suggestion_rows = []
    for row, (_, at, start, end) in zip(records, checked, strict=True):
        # Offsets into the text this workbook shows, so that slicing it gives the evidence.
        shown_start, shown_end = views[at].map_span(start, end)
        row["start"], row["end"] = shown_start, shown_end
        row["evidence"] = views[at].text[shown_start:shown_end]
        if redactor is not None and isinstance(row.get("explanation"), str):
            quoted = (
                redact_quotes(row["explanation"], texts[at], views[at], (start, end))
                if views[at].changed
                else row["explanation"]
            )
            row["explanation"] = redactor(quoted).text
        suggestion_rows.append([row.get(f) for f in SUGGESTION_FIELDS])
    append_table(wb.create_sheet("suggestions"), list(SUGGESTION_FIELDS), suggestion_rows, tally)

    append_table(
        wb.create_sheet("codebook"),
        ["group", "question", "code", "label", "description", "color", "patterns"],
        (
            [
                group.id,
                group.question,
                code.id,
                code.label,
                code.description,
                code.color,
                "\n".join(p.rule for p in code.patterns),
            ]
            for group in codebook.groups
            for code in group.codes
        ),
        tally,
    )
    sheets += list(FIXED_SHEETS)
    summary = ExcelResult(
        path=None,
        sheets=tuple(sheets),
        answers=len(answers),
        suggestions=len(frame),
        redacted=redactor is not None,
        warnings=tuple(tally.messages()),
    )
    return workbook_bytes(wb), summary


def export_excel(
    answers: pd.DataFrame,
    suggestions: pd.DataFrame | Iterable[Suggestion] | str | PathLike[str] | None,
    codebook: Codebook,
    out: str | PathLike[str],
    *,
    redact: bool | Redactor = True,
) -> ExcelResult:
    """Write the workbook to ``out`` atomically (see the module docstring)."""
    from dataclasses import replace

    data, summary = build_workbook(answers, suggestions, codebook, redact=redact)
    atomic_write_bytes(out, data)
    return replace(summary, path=str(out))
