"""``textcode code INPUT``: suggest codes for every answer (the contract's main command)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterable, Iterator
from typing import IO

from textcode.cli.options import add_input_options, add_quiet
from textcode.records import SUGGESTION_FIELDS, Suggestion

HELP = "suggest codes for open answers (JSON Lines or CSV records)"
DESCRIPTION = (
    "Code every answer of INPUT with the codebook and write one suggestion record per evidence "
    "span: suggestion_id, response_id, question, code, start, end, evidence, rule, confidence, "
    "negated, explanation."
)
EPILOG = """examples:
  textcode code antwoorden.csv --text-column kennisbehoefte --text-column belemmeringen
  textcode code antwoorden.jsonl --question-column vraag --out suggesties.jsonl
  textcode code enquete.sav --id-column respnr --text-column Q12_open --format csv --out s.csv
  cat antwoorden.jsonl | textcode code - --quiet
"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument("--out", metavar="PATH", help="output file (default: stdout)")
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        help="output format (default: from --out's extension, else jsonl)",
    )
    add_quiet(parser)


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return str(args.format)
    if args.out and args.out.lower().endswith(".csv"):
        return "csv"
    return "jsonl"


def write_records(records: Iterable[Suggestion], handle: IO[str], fmt: str) -> int:
    """Write records as JSON Lines or CSV; returns how many were written."""
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(handle, fieldnames=list(SUGGESTION_FIELDS), lineterminator="\n")
        writer.writeheader()
        for record in records:
            writer.writerow(record.to_dict())
            count += 1
        return count
    for record in records:
        handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
        count += 1
    return count


def run(args: argparse.Namespace) -> int:
    from textcode.cli.options import read_answers_from_args
    from textcode.coding import Coder
    from textcode.io import atomic_open

    fmt = _format(args)
    if args.out == "-":
        args.out = None
    answers = read_answers_from_args(args)
    coder = Coder(args.codebook, language=args.language)
    coder.fit()
    records: Iterator[Suggestion] = coder.iter_suggestions(answers, quiet=args.quiet)
    if args.out:
        with atomic_open(args.out, "w") as handle:
            count = write_records(records, handle, fmt)
    else:
        count = write_records(records, sys.stdout, fmt)
        sys.stdout.flush()
    if not args.quiet:
        report = answers.attrs.get("textcode", {})
        empty = report.get("n_empty", 0)
        print(
            f"textcode: {len(answers)} answers ({empty} empty), {count} suggestions"
            + (f" -> {args.out}" if args.out else ""),
            file=sys.stderr,
        )
    return 0
