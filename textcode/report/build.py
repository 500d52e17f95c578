"""From a survey file to a report folder: read, code, analyse, render, write.

>>> from textcode.report import build_report
>>> files = build_report("samples/ifv2020/responses.csv", "out/ifv2020")  # doctest: +SKIP
>>> files.html  # doctest: +SKIP
PosixPath('out/ifv2020/report.html')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from textcode.errors import InputError
from textcode.io import OutputFolder
from textcode.report.render import ReportOptions, render_report
from textcode.report.tables import table_files

if TYPE_CHECKING:
    from textcode.analysis.survey import SurveyAnalysis
    from textcode.codebook import Codebook
    from textcode.ingest.sidecar import DatasetRoles

REPORT_FILE = "report.html"
WORKBOOK_FILE = "tabellen.xlsx"
TABLES_FOLDER = "tabellen"


@dataclass(frozen=True)
class ReportResult:
    """What a report run wrote."""

    folder: Path
    html: Path
    workbook: Path
    tables: tuple[Path, ...] = ()
    images: int = 0
    insights: int = 0
    summary: dict[str, Any] = field(default_factory=dict)


ReportFiles = ReportResult  # the old name


@dataclass(frozen=True)
class LoadedSurvey:
    """A survey read with its roles and coded: what :func:`analyse_survey` needs."""

    answers: pd.DataFrame
    suggestions: pd.DataFrame
    codebook: Codebook
    roles: DatasetRoles | None
    source: str


def load_and_code(
    source: str | Path | pd.DataFrame,
    *,
    codebook: Codebook | str | Path | None = None,
    roles: DatasetRoles | str | Path | None = None,
    id_column: str | None = None,
    text_columns: Sequence[str] | None = None,
    question_column: str | None = None,
    sheet: str | None = None,
    language: str | None = None,
    quiet: bool = True,
) -> LoadedSurvey:
    """Read a survey (with its sidecar unless column options are given) and code it.

    Coding runs on the original text; question names are mapped to codebook groups first.
    """
    from textcode.analysis.survey import normalize_questions
    from textcode.coding import Coder
    from textcode.ingest import read_answers

    book, roles, id_column, text_columns = _roles_and_codebook(
        source, codebook, roles, id_column, text_columns, question_column
    )
    answers = read_answers(
        source,
        id_column=id_column,
        text_columns=list(text_columns) if text_columns else None,
        question_column=question_column,
        sheet=sheet,
    )
    _check_roles(roles, answers, source)
    answers = normalize_questions(answers, roles=roles, codebook=book)
    coder = Coder(book, language=language)
    result = coder.code(answers, quiet=quiet)
    name = "<DataFrame>" if isinstance(source, pd.DataFrame) else Path(str(source)).name
    return LoadedSurvey(answers, result.suggestions, book, roles, name)


def _roles_and_codebook(
    source: str | Path | pd.DataFrame,
    codebook: Codebook | str | Path | None,
    roles: DatasetRoles | str | Path | None,
    id_column: str | None,
    text_columns: Sequence[str] | None,
    question_column: str | None,
) -> tuple[Codebook, DatasetRoles | None, str | None, Sequence[str] | None]:
    """The codebook, the sidecar (unless column options are given) and the columns it names."""
    from textcode.codebook import Codebook, load_codebook
    from textcode.ingest.sidecar import DatasetRoles, find_sidecar, load_sidecar

    book = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    if isinstance(roles, (str, Path)):
        roles = load_sidecar(roles)
    elif roles is None and not (id_column or text_columns or question_column):
        found = find_sidecar(source) if isinstance(source, (str, Path)) else None
        roles = load_sidecar(found) if found else None
    if isinstance(roles, DatasetRoles):
        id_column = id_column or roles.id_column
        text_columns = text_columns or roles.text_column_names or None
    return book, roles, id_column, text_columns


def _check_roles(
    roles: DatasetRoles | None, answers: pd.DataFrame, source: str | Path | pd.DataFrame
) -> None:
    if roles is None:
        return
    attributes = [c for c in answers.columns if c not in ("response_id", "question", "text")]
    roles.check_columns(
        [
            *attributes,
            *(roles.text_column_names),
            *([roles.id_column] if roles.id_column else []),
        ],
        source=str(source) if not isinstance(source, pd.DataFrame) else None,
    )


def write_report(
    analysis: SurveyAnalysis,
    out: str | Path,
    *,
    options: ReportOptions | None = None,
    step: Callable[[str], None] | None = None,
) -> ReportResult:
    """Render ``analysis`` into ``out``: report.html, tabellen/*.csv and tabellen.xlsx.

    Files an earlier report wrote into ``out`` and this one does not (the tables of a question
    that is gone) are removed; files textcode did not write stay.
    """
    folder = Path(out)
    from textcode.analysis.survey import contradictions

    rendered = render_report(analysis, options, step=step)
    # Every file is made before the first is written: a failure leaves the previous report.
    tables = table_files(rendered.tables, folder=TABLES_FOLDER, workbook=WORKBOOK_FILE, root=folder)
    with OutputFolder(folder, command="report") as output:
        html = output.write_text(REPORT_FILE, rendered.html)
        written = [output.write_bytes(name, data) for name, data in tables.items()]
    paths = [p for p in written if p.suffix == ".csv"]
    target = folder / WORKBOOK_FILE
    summary = {
        "report": str(html),
        "workbook": str(target),
        "tables": [str(p) for p in paths],
        "rows": len(analysis.rows),
        "questions": list(analysis.questions),
        "suggestions": len(analysis.suggestions),
        "insights": len(analysis.insights),
        "images": rendered.images,
        "redacted": (options or ReportOptions()).redact,
        "contradicted": contradictions(analysis),
    }
    return ReportResult(
        folder=folder,
        html=html,
        workbook=target,
        tables=tuple(paths),
        images=rendered.images,
        insights=len(analysis.insights),
        summary=summary,
    )


def build_report(
    source: str | Path | pd.DataFrame,
    out: str | Path,
    *,
    codebook: Codebook | str | Path | None = None,
    roles: DatasetRoles | str | Path | None = None,
    id_column: str | None = None,
    text_columns: Sequence[str] | None = None,
    question_column: str | None = None,
    sheet: str | None = None,
    language: str | None = None,
    by: str | None = None,
    redact: bool = True,
    title: str | None = None,
    quiet: bool = True,
) -> ReportResult:
    """Read, code, analyse and write the report of a survey file in one call."""
    from textcode.analysis.survey import analyse_survey
    from textcode.progress import progress
    from textcode.report.stream import stream_survey

    steps = iter(progress(range(4), total=4, desc="rapport", unit="stappen", quiet=quiet))
    next(steps, None)
    book, found, ids, columns = _roles_and_codebook(
        source, codebook, roles, id_column, text_columns, question_column
    )
    streamed = None
    if not isinstance(source, pd.DataFrame):
        streamed = stream_survey(
            source,
            codebook=book,
            roles=found,
            id_column=ids,
            text_columns=columns,
            question_column=question_column,
            sheet=sheet,
            language=language,
            by=by,
            redact=redact,
            quiet=quiet,
        )
    try:
        if streamed is not None:
            _check_roles(streamed.roles, streamed.sample_answers, source)
            next(steps, None)
            analysis = streamed.analyse(language=language, by=by)
            name = streamed.source
        else:
            loaded = load_and_code(
                source,
                codebook=book,
                roles=found,
                id_column=ids,
                text_columns=columns,
                question_column=question_column,
                sheet=sheet,
                language=language,
                quiet=quiet,
            )
            next(steps, None)
            analysis = analyse_survey(
                loaded.answers,
                loaded.suggestions,
                roles=loaded.roles,
                codebook=loaded.codebook,
                language=language,
                by=by,
            )
            name = loaded.source
    except InputError as error:
        # analyse_survey sees a table, not a file: name the file the bad field (--by) is in.
        if error.path is not None or isinstance(source, pd.DataFrame):
            raise
        raise InputError(
            error.reason, path=source, row=error.row, line=error.line, field=error.field
        ) from error
    next(steps, None)
    files = write_report(
        analysis,
        out,
        options=ReportOptions(redact=redact, title=title, source=name),
    )
    next(steps, None)
    for _ in steps:
        pass
    return files
