"""``textcode code INPUT``: suggest codes for every answer (the contract's main command)."""

from __future__ import annotations

import argparse
import sys

from textcode.cli.options import add_input_options, add_quiet

HELP = "suggest codes for open answers (JSON Lines or CSV records)"
DESCRIPTION = (
    "Code every answer of INPUT with the codebook and write one suggestion record per evidence "
    "span: suggestion_id, response_id, question, code, start, end, evidence, rule, confidence, "
    "negated, explanation. CSV, TSV and JSON Lines inputs are streamed, so files of millions of "
    "answers code in constant memory; --engine processes or dask spreads the work. The output "
    "is the same, byte for byte, whatever the engine, --processes or --batch-size."
)
EPILOG = """examples:
  textcode code antwoorden.csv --text-column kennisbehoefte --text-column belemmeringen
  textcode code antwoorden.jsonl --question-column vraag --out suggesties.jsonl
  textcode code enquete.sav --id-column respnr --text-column Q12_open --format csv --out s.csv
  cat antwoorden.jsonl | textcode code - --quiet
  textcode code consultatie.csv --text-column antwoord --engine processes --out s.jsonl
  textcode code consultatie.csv --text-column antwoord --engine dask \\
      --scheduler tcp://10.0.0.5:8786 --out s.jsonl
"""


def configure(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument("--out", metavar="PATH", help="output file (default: stdout)")
    parser.add_argument(
        "--format",
        choices=("jsonl", "csv"),
        help="output format (default: from --out's extension, else jsonl)",
    )
    parser.add_argument(
        "--engine",
        choices=("local", "processes", "dask"),
        default="local",
        help="where to code: this process (default), worker processes, or a Dask cluster",
    )
    parser.add_argument(
        "--processes",
        metavar="N",
        type=_positive,
        help="worker processes (--engine processes) or local Dask workers (default: one per CPU)",
    )
    parser.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a running Dask scheduler, e.g. tcp://10.0.0.5:8786 (--engine dask; "
        "default: start a local cluster)",
    )
    parser.add_argument(
        "--batch-size",
        metavar="N",
        type=_positive,
        default=2000,
        help="answers coded (and sent to a worker) together; changes speed, never the output "
        "(default: 2000)",
    )
    add_quiet(parser)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected 1 or more, got {value}")
    return value


def run(args: argparse.Namespace) -> int:
    from textcode.coding.files import code_file, output_format

    if args.out == "-":
        args.out = None
    if args.scheduler and args.engine != "dask":
        from textcode.errors import InputError

        raise InputError("--scheduler needs --engine dask", field="--scheduler")
    result = code_file(
        args.input,
        args.out,
        codebook=args.codebook,
        language=args.language,
        engine=args.engine,
        processes=args.processes,
        scheduler=args.scheduler,
        batch_size=args.batch_size,
        fmt=output_format(args.out, args.format),
        quiet=args.quiet,
        freeze_gc=True,
        id_column=args.id_column,
        text_columns=args.text_column,
        question_column=args.question_column,
        sheet=getattr(args, "sheet", None),
    )
    if not args.quiet:
        print(
            f"textcode: {result.n_answers} answers ({result.n_empty} empty), "
            f"{result.n_suggestions} suggestions" + (f" -> {args.out}" if args.out else ""),
            file=sys.stderr,
        )
    return 0
