"""Options shared by every subcommand that reads answers: INPUT, the column options of
:func:`textcode.read_answers`, ``--codebook`` and ``--language``."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from textcode.codebook import Codebook


def add_input_options(parser: argparse.ArgumentParser, *, input_required: bool = True) -> None:
    """INPUT plus the column options, the sheet, the codebook and the language."""
    from textcode.datasets import sample_names

    parser.add_argument(
        "input",
        metavar="INPUT",
        nargs="?",
        help="answers file (.jsonl .json .csv .tsv .xlsx .sav .parquet); '-' reads JSON Lines",
    )
    parser.add_argument(
        "--sample",
        metavar="NAME",
        choices=sample_names(),
        help="read a sample packaged with textcode instead of INPUT "
        f"({', '.join(sample_names())}: see textcode.datasets)",
    )
    parser.set_defaults(_input_required=input_required)
    parser.add_argument("--id-column", metavar="COL", help="column with the respondent id")
    parser.add_argument(
        "--text-column",
        metavar="COL",
        action="append",
        help="an open-question column (wide input); repeat for several questions",
    )
    parser.add_argument(
        "--question-column",
        metavar="COL",
        help="column naming the question of each row (long input)",
    )
    parser.add_argument(
        "--sheet",
        metavar="NAME",
        help="Excel sheet to read (default: the sheet with the named columns, else the one "
        "that looks like data; the choice is printed)",
    )
    add_codebook_option(parser)


def add_codebook_option(parser: argparse.ArgumentParser) -> None:
    """``--codebook`` (default: the shipped survey codebook) and ``--language``."""
    parser.add_argument(
        "--codebook",
        metavar="PATH",
        help="codebook YAML (default: the shipped codebooks/crisis_innovation_nl.yaml)",
    )
    parser.add_argument(
        "--language",
        metavar="LANG",
        default=None,
        help="language of the answers (default: the codebook's language, 'nl')",
    )


def add_quiet(parser: argparse.ArgumentParser) -> None:
    """``--quiet``: no progress output."""
    parser.add_argument("--quiet", action="store_true", help="no progress bar")


def resolve_sample(args: argparse.Namespace) -> None:
    """``--sample NAME`` becomes INPUT (the packaged file); INPUT or --sample is required."""
    from textcode.errors import UsageError

    sample = getattr(args, "sample", None)
    given = getattr(args, "input", None)
    if sample is not None:
        if given is not None:
            raise UsageError(f"give INPUT or --sample, not both (INPUT {args.input!r})")
        from textcode.datasets import sample_paths

        args.input = str(sample_paths(sample).data)
    elif given is None and getattr(args, "_input_required", False):
        raise UsageError("INPUT is required (an answers file, or --sample ifv2020)")


def read_answers_from_args(args: argparse.Namespace) -> pd.DataFrame:
    """Read INPUT with the column options given on the command line."""
    from textcode.ingest import read_answers

    return read_answers(
        args.input,
        id_column=args.id_column,
        text_columns=args.text_column,
        question_column=args.question_column,
        sheet=getattr(args, "sheet", None),
    )


def codebook_from_args(args: argparse.Namespace) -> Codebook:
    """The codebook named by ``--codebook``, or the shipped default."""
    from textcode.codebook import load_codebook

    return load_codebook(args.codebook)
