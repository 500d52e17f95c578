"""``textcode redact INPUT --out FILE``: replace personal data in the answers by placeholders."""

from __future__ import annotations

import argparse
import json
import sys

from textcode.cli.options import add_input_options, add_quiet

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


def run(args: argparse.Namespace) -> int:
    from textcode.cli.options import codebook_from_args
    from textcode.errors import UsageError
    from textcode.io.table import STDOUT, TABLE_FORMATS, table_suffix
    from textcode.privacy import normalize_types
    from textcode.privacy.files import LOG_FORMATS, redact_file

    if args.out != STDOUT and table_suffix(args.out) not in TABLE_FORMATS:
        raise UsageError(f"--out must end in {', '.join(TABLE_FORMATS)} (or be '-')")
    if args.log and (args.log == STDOUT or table_suffix(args.log) not in LOG_FORMATS):
        raise UsageError(f"--log must end in {', '.join(LOG_FORMATS)}")
    if args.out == STDOUT and args.json:
        raise UsageError("--json prints a summary on stdout; give --out a file name")
    columns = None
    if args.columns is not None:
        columns = [name.strip() for name in args.columns.split(",") if name.strip()]
    result = redact_file(
        args.input,
        args.out,
        log=args.log,
        id_column=args.id_column,
        text_columns=args.text_column,
        question_column=args.question_column,
        sheet=args.sheet,
        columns=columns,
        consistent=args.consistent,
        language=args.language or "nl",
        types=normalize_types(args.types) if args.types else None,
        question_id=codebook_from_args(args).question_id,
    )
    summary = result.to_dict()
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    elif not args.quiet:
        counts = ", ".join(f"{n} {kind}" for kind, n in summary["types"].items()) or "nothing"
        other = result.cells_redacted - result.answers_redacted
        print(
            f"textcode redact: {result.answers_redacted} of {result.answers} answers "
            f"and {other} other cells redacted ({counts})",
            file=sys.stderr,
        )
    return 0
