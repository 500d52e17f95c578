"""``textcode code INPUT``: suggest codes for every answer (the contract's main command)."""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Iterator
from contextlib import contextmanager

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
  textcode code antwoorden.csv --text-column kennisbehoefte --text-column belemmering
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
    parser.add_argument(
        "--learn-from",
        metavar="FILE",
        action="append",
        help="gold file or review ledger to train the learned suggester on (repeatable); its "
        "'model:<code>' suggestions are added where the rules found nothing",
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


# Tracked objects allocated (net) before the garbage collector's youngest pass runs; Python's
# default is 700. See _rare_collections.
GC_THRESHOLD = 50_000


@contextmanager
def _rare_collections() -> Iterator[None]:
    """The garbage collector's passes made rarer while the command runs.

    Start-up makes hundreds of thousands of objects that live to the end (spaCy, the lexicon's
    400,000 words, the compiled codebook) and coding makes few reference cycles, so the default
    thresholds spend their passes walking objects that are never garbage: about 0.7 s of CPU
    on 200,000 answers, 0.2 s with these. Memory is the same (a pass still frees any cycle).
    """
    before = gc.get_threshold()
    gc.set_threshold(GC_THRESHOLD, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def run(args: argparse.Namespace) -> int:
    with _rare_collections():
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    from textcode.coding.files import code_file, output_format

    if args.out == "-":
        args.out = None
    if args.learn_from:
        return _run_with_model(args, output_format(args.out, args.format))
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


def _run_with_model(args: argparse.Namespace, fmt: str) -> int:
    """Rules plus the learned suggester: the whole table at once (the model needs it)."""
    from textcode.cli.options import read_answers_from_args
    from textcode.coding import Coder
    from textcode.coding.suggestions import write_records
    from textcode.errors import InputError
    from textcode.io import atomic_open
    from textcode.records import Suggestion
    from textcode.review.learn import suggester_from_files
    from textcode.review.model import is_model_rule

    if args.engine != "local":
        raise InputError("--learn-from codes in this process: leave out --engine", field="--engine")
    answers = read_answers_from_args(args)
    coder = Coder(args.codebook, language=args.language)
    rules = coder.suggest(answers, quiet=args.quiet)
    model = suggester_from_files(
        args.learn_from, answers=answers, codebook=coder.codebook_, suggestions=rules
    )
    combined = model.suggest(answers, rules=rules)
    records = [
        Suggestion(
            suggestion_id=str(row["suggestion_id"]),
            response_id=str(row["response_id"]),
            question=str(row["question"]),
            code=str(row["code"]),
            start=int(row["start"]),
            end=int(row["end"]),
            evidence=str(row["evidence"]),
            rule=str(row["rule"]),
            confidence=float(row["confidence"]),
            negated=bool(row["negated"]),
            explanation=str(row["explanation"]),
        )
        for row in combined.to_dict("records")
    ]
    if args.out:
        with atomic_open(args.out, "w") as handle:
            write_records(records, handle, fmt)
    else:
        write_records(records, sys.stdout, fmt)
        sys.stdout.flush()
    if not args.quiet:
        learned = sum(is_model_rule(record.rule) for record in records)
        # Rule suggestions come first, in the rules' order; a doubted one has a lower confidence.
        doubted = sum(
            record.confidence < float(confidence)
            for record, confidence in zip(records, rules["confidence"], strict=False)
        )
        print(
            f"textcode: {len(answers)} answers, {len(records)} suggestions "
            f"({learned} proposed by the learned suggester, {doubted} rule suggestions it "
            "doubts)" + (f" -> {args.out}" if args.out else ""),
            file=sys.stderr,
        )
    return 0
