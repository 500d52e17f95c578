"""``textcode redact INPUT --out FILE``: replace personal data in the answers by placeholders."""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textcode.cli.options import add_input_options, add_quiet

if TYPE_CHECKING:
    import pandas as pd

    from textcode.ingest.layout import Roles
    from textcode.ingest.readers import RawTable

HELP = "replace personal data in answers by placeholders ([NAAM], [E-MAIL], [TELEFOON], ...)"
DESCRIPTION = (
    "Find names, e-mail addresses, phone numbers, street addresses, postcodes, IBANs, BSNs, URLs "
    "and licence plates in INPUT and write it with each one replaced by a typed placeholder. "
    "The output has the input's layout: the same columns and rows (a wide file stays wide, a "
    "long one long). "
    "The open answers are redacted, and so is every other column that holds free text (strings "
    "that are not numbers, dates or SPSS value labels), except the id and question columns; "
    "--columns limits those. --log writes where something was redacted (input row and line, "
    "column, type, offsets), never the value itself. The input file is not changed."
)
EPILOG = """examples:
  textcode redact antwoorden.csv --text-column kennisbehoefte --out geanonimiseerd.csv
  textcode redact antwoorden.jsonl --out schoon.jsonl --log redactie-log.csv --consistent
  textcode redact enquete.xlsx --text-column toelichting --types EMAIL,PHONE --out schoon.xlsx
  textcode redact enquete.csv --text-column belemmering --columns toelichting --out schoon.csv
  textcode redact antwoorden.csv --out schoon.csv --json

output formats (by the extension of --out): .csv .tsv .jsonl .xlsx; '-' writes JSON Lines to
stdout. The log (--log) is .csv or .jsonl.
"""

TABLE_FORMATS = (".csv", ".tsv", ".jsonl", ".xlsx")
LOG_FORMATS = (".csv", ".jsonl")
LOG_COLUMNS = (
    "response_id",
    "question",
    "column",
    "row",
    "line",
    "type",
    "start",
    "end",
    "placeholder",
)


def configure(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument(
        "--out",
        metavar="FILE",
        required=True,
        help="the redacted table (.csv .tsv .jsonl .xlsx; '-' for JSON Lines on stdout)",
    )
    parser.add_argument(
        "--log", metavar="FILE", help="where something was redacted (.csv or .jsonl)"
    )
    parser.add_argument(
        "--columns",
        metavar="COLS",
        help="the other columns to redact besides the answers, comma-separated (default: every "
        "free-text column; '' for the answers only)",
    )
    parser.add_argument(
        "--consistent",
        action="store_true",
        help="number the placeholders per respondent: [NAAM-1], [NAAM-2], ...",
    )
    parser.add_argument(
        "--types",
        metavar="TYPES",
        help="only these types, comma-separated: EMAIL,PHONE,ADDRESS,POSTCODE,IBAN,BSN,URL,"
        "LICENCE_PLATE,NAME (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    add_quiet(parser)


@dataclass(frozen=True)
class _Input:
    """The input as it was read (its own layout) and the part each column plays."""

    raw: RawTable
    roles: Roles

    @property
    def answer_columns(self) -> tuple[str, ...]:
        return self.roles.text_columns

    @property
    def fixed_columns(self) -> tuple[str, ...]:
        """Columns that are never redacted by default: they identify, not describe."""
        return tuple(c for c in (self.roles.id_column, self.roles.question_column) if c)


def run(args: argparse.Namespace) -> int:
    from textcode.errors import UsageError
    from textcode.privacy import normalize_types, redact_table

    out_suffix = _suffix(args.out)
    if args.out != "-" and out_suffix not in TABLE_FORMATS:
        raise UsageError(f"--out must end in {', '.join(TABLE_FORMATS)} (or be '-')")
    if args.log and _suffix(args.log) not in LOG_FORMATS:
        raise UsageError(f"--log must end in {', '.join(LOG_FORMATS)}")
    if args.out == "-" and args.json:
        raise UsageError("--json prints a summary on stdout; give --out a file name")
    types = normalize_types(args.types) if args.types else None
    source = read_input(args)
    frame = source.raw.frame
    if args.columns is None:
        others = free_text_columns(source)
    else:
        others = _named_columns(args.columns, source)
    wanted = {*source.answer_columns, *others}
    checked = [str(c) for c in frame.columns if c in wanted]
    redacted, log = redact_table(
        frame,
        checked,
        ids=_ids(source),
        consistent=args.consistent,
        language=args.language or "nl",
        types=types,
    )
    log = _input_log(log, source, _question_id(args))
    delimiter = source.raw.delimiter if source.raw.format == "csv" else None
    write_table(_typed_for(redacted, source, checked, args.out), args.out, delimiter=delimiter)
    if args.log:
        write_table(log, args.log)
    summary = _summary(source, log, checked, args)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    elif not args.quiet:
        counts = ", ".join(f"{n} {kind}" for kind, n in summary["types"].items()) or "nothing"
        other = summary["cells_redacted"] - summary["answers_redacted"]
        print(
            f"textcode redact: {summary['answers_redacted']} of {summary['answers']} answers "
            f"and {other} other cells redacted ({counts})",
            file=sys.stderr,
        )
    return 0


def read_input(args: argparse.Namespace) -> _Input:
    """INPUT as a table in its own layout, with the roles ``read_answers`` would give it."""
    from textcode.errors import InputError
    from textcode.ingest.layout import choose_roles
    from textcode.ingest.read import sidecar_roles
    from textcode.ingest.readers import STDIN, detect_format, read_raw

    name = str(args.input)
    if not name.strip():
        raise InputError("no input file given")
    id_column, text_columns, _ = sidecar_roles(
        name, args.id_column, args.text_column, args.question_column
    )
    raw = read_raw(name if name != STDIN else STDIN, detect_format(name, None), sheet=args.sheet)
    if isinstance(text_columns, str):
        text_columns = [text_columns]
    roles = choose_roles(
        raw,
        id_column=id_column,
        text_columns=list(text_columns or ()),
        question_column=args.question_column,
    )
    return _Input(raw, roles)


def free_text_columns(source: _Input) -> list[str]:
    """The columns besides the answers that are redacted by default.

    Every column that holds text: strings that do not all read as numbers, except the id and
    question columns and SPSS variables with value labels (their values are the questionnaire's
    categories, not what respondents wrote). Numbers, dates and booleans hold no names.
    """
    import pandas as pd

    from textcode.ingest.values import infer_text_column

    skip = {*source.answer_columns, *source.fixed_columns}
    found = []
    for column in source.raw.frame.columns:
        name = str(column)
        series = source.raw.frame[column]
        if name in skip or isinstance(series.dtype, pd.CategoricalDtype):
            continue
        values = series.tolist()
        if not source.raw.typed:
            if not all(isinstance(v, str) for v in values):
                continue
            typed = infer_text_column(values)
            if pd.api.types.is_numeric_dtype(typed.dtype):
                continue
        if any(isinstance(v, str) and v.strip() for v in values):
            found.append(name)
    return found


def _named_columns(value: str, source: _Input) -> list[str]:
    from textcode.ingest.columns import resolve

    columns = [str(c) for c in source.raw.frame.columns]
    names = [n.strip() for n in value.split(",") if n.strip()]
    return [
        resolve(n, columns, path=source.raw.source, option="--columns", context=source.raw.context)
        for n in names
    ]


def _ids(source: _Input) -> list[str]:
    """The respondent of each row (consistent numbering): the id, else the row number."""
    from textcode.ingest.values import to_label

    column = source.roles.id_column
    frame = source.raw.frame
    if column is None:
        return [str(n) for n in range(1, len(frame) + 1)]
    return [to_label(v) or str(n) for n, v in enumerate(frame[column].tolist(), start=1)]


def _question_id(args: argparse.Namespace) -> Callable[[str], str]:
    """Question names as the codebook's group ids, so the log joins with suggestions."""
    from textcode.cli.options import codebook_from_args

    return codebook_from_args(args).question_id


def _input_log(
    log: pd.DataFrame, source: _Input, question_id: Callable[[str], str]
) -> pd.DataFrame:
    """The redaction log in the input's terms: 1-based data row, file line, column, question."""
    import pandas as pd

    from textcode.ingest.values import to_label

    raw, roles = source.raw, source.roles
    rows = [int(r) for r in log["row"]]
    columns = [str(c) for c in log["column"]]
    question_cells = (
        raw.frame[roles.question_column].tolist() if roles.question_column is not None else None
    )
    answers = set(roles.text_columns)

    def question(row: int, column: str) -> str:
        if column not in answers:
            return ""  # an attribute answers no question
        name = column if question_cells is None else to_label(question_cells[row]) or ""
        return question_id(name) if name else ""

    where = raw.lines if raw.lines is not None else raw.rows
    result = pd.DataFrame(
        {
            "response_id": log["response_id"].astype(str),
            "question": [question(r, c) for r, c in zip(rows, columns, strict=True)],
            "column": columns,
            "row": pd.Series([r + 1 for r in rows], dtype="int64"),
            "line": pd.array([where[r] if where is not None else None for r in rows], "Int64"),
            "type": log["type"],
            "start": log["start"],
            "end": log["end"],
            "placeholder": log["placeholder"],
        },
        columns=list(LOG_COLUMNS),
    )
    return result


def _typed_for(frame: pd.DataFrame, source: _Input, redacted: list[str], out: str) -> pd.DataFrame:
    """Cells read from CSV are all text; JSON Lines and Excel get numbers as numbers again.

    CSV and TSV output keep every cell exactly as it was written; ids, questions and answers
    stay text in every format.
    """
    from textcode.ingest.values import infer_text_column

    if source.raw.typed or (out != "-" and _suffix(out) in (".csv", ".tsv")):
        return frame
    keep = {*source.answer_columns, *source.fixed_columns, *redacted}
    typed = frame.copy()
    for column in typed.columns:
        if str(column) not in keep:
            series = infer_text_column([str(v) for v in frame[column].tolist()])
            series.index = frame.index
            typed[column] = series
    return typed


def _suffix(path: str) -> str:
    return Path(path).suffix.lower()


def _summary(
    source: _Input, log: pd.DataFrame, checked: list[str], args: argparse.Namespace
) -> dict[str, Any]:
    frame, roles = source.raw.frame, source.roles
    counts = log["type"].value_counts() if len(log) else None
    types = {} if counts is None else {str(k): int(v) for k, v in sorted(counts.items())}
    per_column = log["column"].value_counts() if len(log) else None
    columns = {} if per_column is None else {str(k): int(v) for k, v in per_column.items()}
    cells = set(zip(log["row"].tolist(), log["column"].tolist(), strict=True))
    answers = set(roles.text_columns)
    return {
        "layout": roles.layout,
        "rows": len(frame),
        "answers": len(frame) * len(roles.text_columns),
        "answers_redacted": sum(1 for _, column in cells if column in answers),
        "cells_redacted": len(cells),
        "redactions": len(log),
        "types": types,
        "columns": dict(sorted(columns.items())),
        "columns_checked": checked,
        "out": args.out,
        "log": args.log,
    }


def write_table(frame: pd.DataFrame, path: str, *, delimiter: str | None = None) -> None:
    """Write ``frame`` atomically in the format of ``path``'s extension ('-': JSONL on stdout).

    ``delimiter``: for ``.csv`` (a Dutch Excel export's ``;`` stays ``;``); default ``,``.
    """
    from textcode.io import atomic_open, atomic_write_bytes

    if path == "-":
        _write_jsonl(frame, sys.stdout)
        return
    suffix = _suffix(path)
    if suffix == ".xlsx":
        buffer = io.BytesIO()
        frame.to_excel(buffer, index=False, engine="openpyxl")
        atomic_write_bytes(path, buffer.getvalue())
        return
    with atomic_open(path, "w") as handle:
        if suffix == ".jsonl":
            _write_jsonl(frame, handle)
        else:
            sep = "\t" if suffix == ".tsv" else delimiter or ","
            # LF on every system: the same answers give the same bytes on Windows too.
            frame.to_csv(handle, index=False, sep=sep, lineterminator="\n")


def _write_jsonl(frame: pd.DataFrame, handle: Any) -> None:
    for record in frame.to_dict(orient="records"):
        clean = {str(k): _plain(v) for k, v in record.items()}
        handle.write(json.dumps(clean, ensure_ascii=False, default=str) + "\n")


def _plain(value: Any) -> Any:
    """JSON-friendly cell values: NaN and NA become null, numpy scalars plain numbers."""
    import pandas as pd

    if value is None or (not isinstance(value, (list, dict, str)) and pd.isna(value)):
        return None
    if hasattr(value, "item"):
        return value.item()
    return value
