"""``textcode evaluate GOLD.jsonl``: score the codebook against hand-coded answers."""

from __future__ import annotations

import argparse
import json

from textcode.cli.options import add_codebook_option

HELP = "score the coder against a gold file (precision, recall, F1, kappa)"
EPILOG = """examples:
  textcode evaluate gold.jsonl
  textcode evaluate gold.jsonl --codebook mijn_codeboek.yaml --json
"""


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("gold", metavar="GOLD", help="JSON Lines with id, question, text, codes")
    add_codebook_option(parser)
    parser.add_argument("--json", action="store_true", help="print all figures as one JSON object")
    parser.add_argument(
        "--no-redact",
        action="store_true",
        help="show answers with personal data as written (default: [NAAM], [E-MAIL], ...)",
    )
    parser.add_argument(
        "--no-errors", action="store_true", help="leave out the list of misses and false alarms"
    )


def run(args: argparse.Namespace) -> int:
    from textcode.coding import Coder
    from textcode.coding.evaluate import evaluate, format_report

    coder = Coder(args.codebook, language=args.language)
    result = evaluate(args.gold, coder=coder)
    redact = not args.no_redact
    if args.json:
        print(json.dumps(result.to_dict(redact=redact), ensure_ascii=False, indent=2))
    else:
        print(format_report(result, show_errors=not args.no_errors, redact=redact))
    return 0
