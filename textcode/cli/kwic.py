"""``textcode kwic INPUT --code ID | --term LEMMA``: every hit with the words around it."""

from __future__ import annotations

import argparse
import json
import sys

from textcode.cli.options import add_input_options, add_quiet
from textcode.errors import InputError, UsageError

HELP = "keyword in context: each hit of a code (per rule) or of a lemma, with its context"
DESCRIPTION = (
    "Code INPUT and list every hit of --code (a code id, or a group such as 'belemmering' for "
    "all its codes; --rule narrows to one pattern) or every word whose lemma is --term, with "
    "--window words either side, grouped per code and rule. Context is redacted unless "
    "--no-redact is given; --term then searches the redacted text, so a redacted name is "
    "never a hit."
)
EPILOG = """examples:
  textcode kwic --sample ifv2020 --code belemmering.capaciteit_tijd
  textcode kwic --sample ifv2020 --code kennisbehoefte --window 8
  textcode kwic --sample ifv2020 --term innovatie --json
  textcode kwic antwoorden.csv --text-column belemmering --rule belemmering.financiering#1 \\
      --out kwic.csv
"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument("--code", metavar="ID", help="a code id, or a group for all its codes")
    parser.add_argument("--rule", metavar="RULE", help="one pattern of a code, e.g. code#2")
    parser.add_argument("--term", metavar="LEMMA", help="a lemma (also found inside compounds)")
    parser.add_argument(
        "--window",
        type=int,
        default=5,
        metavar="N",
        help="words of context either side (default: 5)",
    )
    parser.add_argument(
        "--question", metavar="Q", help="only this question (codebook group, alias or column)"
    )
    parser.add_argument(
        "--no-redact", dest="redact", action="store_false", help="show personal data as written"
    )
    parser.add_argument("--out", metavar="PATH", help="write the table as CSV (default: stdout)")
    parser.add_argument("--json", action="store_true", help="JSON Lines on stdout")
    add_quiet(parser)


def run(args: argparse.Namespace) -> int:
    if not (args.code or args.rule or args.term):
        raise UsageError("give --code ID, --rule RULE or --term LEMMA")
    if args.window < 0:
        raise UsageError("--window must be 0 or more")
    from textcode.analysis.kwic import format_kwic, kwic
    from textcode.report import load_and_code
    from textcode.report.tables import csv_bytes

    loaded = load_and_code(
        args.input,
        codebook=args.codebook,
        id_column=args.id_column,
        text_columns=args.text_column,
        question_column=args.question_column,
        sheet=args.sheet,
        language=args.language,
        quiet=args.quiet,
    )
    language = args.language or loaded.codebook.language
    question = args.question
    if question is not None and loaded.roles is not None:
        # The sidecar may name the column's group (belemmering_overig -> belemmering).
        question = loaded.roles.question_for(question)
    try:
        hits = kwic(
            loaded.answers,
            loaded.suggestions,
            code=args.code,
            rule=args.rule,
            term=args.term,
            question=question,
            window=args.window,
            redact=args.redact,
            language=language,
            codebook=loaded.codebook,
        )
    except InputError as error:
        if error.path is not None or args.input == "-":
            raise
        # A question that no answer is to: name the file the answers came from.
        raise InputError(error.reason, path=args.input, field=error.field) from error
    if args.out:
        from textcode.io import atomic_write_bytes
        from textcode.io.cells import Replacements

        tally = Replacements()
        atomic_write_bytes(args.out, csv_bytes(hits, tally))
        tally.warn(args.out)
    if args.json:
        for record in hits.to_dict(orient="records"):
            print(json.dumps(record, ensure_ascii=False))
    elif not args.out:
        if not len(hits):
            print("no hits", file=sys.stderr)
        for (code, rule), group in hits.groupby(["code", "rule"], sort=False):
            print(f"== {code or args.term}  {rule}  ({len(group)})")
            print(format_kwic(group))
    return 0
