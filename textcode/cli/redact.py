"""``textcode redact INPUT --out FILE``: replace personal data in the answers by placeholders."""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textcode.cli.options import add_input_options, add_quiet

if TYPE_CHECKING:
    import pandas as pd

HELP = "replace personal data in answers by placeholders ([NAAM], [E-MAIL], [TELEFOON], ...)"
DESCRIPTION = (
    "Find names, e-mail addresses, phone numbers, postcodes, IBANs, BSNs, URLs and licence "
    "plates in the answers of INPUT and write the table with each one replaced by a typed "
    "placeholder. --log writes where something was redacted (response, row, type, offsets), "
    "never the value itself. The input file is not changed."
)
EPILOG = """examples:
  textcode redact antwoorden.csv --text-column kennisbehoefte --out geanonimiseerd.csv
  textcode redact antwoorden.jsonl --out schoon.jsonl --log redactie-log.csv --consistent
  textcode redact enquete.xlsx --text-column toelichting --types EMAIL,PHONE --out schoon.xlsx
  textcode redact antwoorden.csv --out schoon.csv --json

output formats (by the extension of --out): .csv .tsv .jsonl .xlsx; '-' writes JSON Lines to
stdout. The log (--log) is .csv or .jsonl.
"""

TABLE_FORMATS = (".csv", ".tsv", ".jsonl", ".xlsx")
LOG_FORMATS = (".csv", ".jsonl")


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
        "--consistent",
        action="store_true",
        help="number the placeholders per respondent: [NAAM-1], [NAAM-2], ...",
    )
    parser.add_argument(
        "--types",
        metavar="TYPES",
        help="only these types, comma-separated: EMAIL,PHONE,POSTCODE,IBAN,BSN,URL,"
        "LICENCE_PLATE,NAME (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print a JSON summary on stdout")
    add_quiet(parser)


def run(args: argparse.Namespace) -> int:
    from textcode.cli.options import read_answers_from_args
    from textcode.errors import UsageError
    from textcode.privacy import normalize_types, redact_answers

    out_suffix = _suffix(args.out)
    if args.out != "-" and out_suffix not in TABLE_FORMATS:
        raise UsageError(f"--out must end in {', '.join(TABLE_FORMATS)} (or be '-')")
    if args.log and _suffix(args.log) not in LOG_FORMATS:
        raise UsageError(f"--log must end in {', '.join(LOG_FORMATS)}")
    if args.out == "-" and args.json:
        raise UsageError("--json prints a summary on stdout; give --out a file name")
    types = normalize_types(args.types) if args.types else None
    answers = read_answers_from_args(args)
    redacted, log = redact_answers(
        answers, consistent=args.consistent, language=args.language or "nl", types=types
    )
    write_table(redacted, args.out)
    if args.log:
        write_table(log, args.log)
    summary = _summary(answers, log, args)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, sort_keys=True))
    elif not args.quiet:
        counts = ", ".join(f"{n} {kind}" for kind, n in summary["types"].items()) or "nothing"
        print(
            f"textcode redact: {summary['answers_redacted']} of {summary['answers']} answers "
            f"redacted ({counts})",
            file=sys.stderr,
        )
    return 0


def _suffix(path: str) -> str:
    return Path(path).suffix.lower()


def _summary(answers: pd.DataFrame, log: pd.DataFrame, args: argparse.Namespace) -> dict[str, Any]:
    counts = log["type"].value_counts() if len(log) else None
    types = {} if counts is None else {str(k): int(v) for k, v in sorted(counts.items())}
    return {
        "answers": len(answers),
        "answers_redacted": int(log["row"].nunique()) if len(log) else 0,
        "redactions": len(log),
        "types": types,
        "out": args.out,
        "log": args.log,
    }


def write_table(frame: pd.DataFrame, path: str) -> None:
    """Write ``frame`` atomically in the format of ``path``'s extension ('-': JSONL on stdout)."""
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
            frame.to_csv(handle, index=False, sep="\t" if suffix == ".tsv" else ",")


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
