"""``textcode report INPUT --out DIR``: code a survey and write the HTML report with its tables."""

from __future__ import annotations

import argparse
import json
import sys

from textcode.cli.options import add_input_options, add_quiet

HELP = "code a survey and write a self-contained HTML report, CSV tables and an Excel workbook"
DESCRIPTION = (
    "Read INPUT (with its <name>.textcode.yaml sidecar when there is one and no column options "
    "are given), code the open answers, count and cross-tabulate them and write DIR/report.html "
    "(one self-contained file: charts, word clouds, quotes with highlighted evidence, every "
    "number linked to the answers behind it), DIR/tabellen/*.csv and DIR/tabellen.xlsx. Quotes "
    "are redacted unless --no-redact is given."
)
EPILOG = """examples:
  textcode report --sample ifv2020 --out out/ifv2020
  textcode report enquete.sav --text-column Q12_open --by organisatietype --out rapport
  textcode report antwoorden.jsonl --question-column vraag --no-redact --out intern
  textcode report --sample ifv2020 --strict --out out/ifv2020  # claims checked
"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument(
        "--out", metavar="DIR", default="rapport", help="report folder (default: ./rapport)"
    )
    parser.add_argument(
        "--sidecar",
        metavar="PATH",
        help="column roles file (default: <name>.textcode.yaml beside INPUT, if any)",
    )
    parser.add_argument(
        "--by", metavar="COL", help="attribute to cross-tabulate by (default: the sidecar's first)"
    )
    parser.add_argument("--title", metavar="TEXT", help="title of the report")
    parser.add_argument(
        "--no-redact",
        dest="redact",
        action="store_false",
        help="show quotes with personal data (names, e-mail, phone numbers) as written",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit 1 when the data contradict a statement or conclusion of the sidecar (the "
        "report is written and marks them)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    add_quiet(parser)


def run(args: argparse.Namespace) -> int:
    from textcode.report import build_report

    files = build_report(
        args.input,
        args.out,
        codebook=args.codebook,
        roles=args.sidecar,
        id_column=args.id_column,
        text_columns=args.text_column,
        question_column=args.question_column,
        sheet=args.sheet,
        language=args.language,
        by=args.by,
        redact=args.redact,
        title=args.title,
        quiet=args.quiet,
    )
    if args.json:
        print(json.dumps(files.summary, ensure_ascii=False, indent=2))
    else:
        print(files.html)
        if not args.quiet:
            print(
                f"{len(files.tables)} tables in {files.workbook} and {files.html.parent}/tabellen",
                file=sys.stderr,
            )
    contradicted = files.summary.get("contradicted", [])
    for line in contradicted:
        print(f"warning: {line}", file=sys.stderr)
    if args.strict and contradicted:
        print(
            f"error: the data contradict {len(contradicted)} claim(s) (--strict)", file=sys.stderr
        )
        return 1
    return 0
