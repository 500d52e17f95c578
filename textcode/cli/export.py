"""``textcode export codebook|project|excel``: hand codebooks and coded answers to other tools."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from textcode.cli.options import add_input_options, add_quiet

HELP = "export a codebook (REFI-QDA .qdc, quanteda YAML), a .qdpx project, or Excel"
DESCRIPTION = (
    "Hand textcode's work to NVivo, ATLAS.ti, MAXQDA, QualCoder or quanteda. Project and Excel "
    "exports redact personal data in answer texts unless --no-redact is given."
)
EPILOG = """examples:
  textcode export codebook --format qdc --out codeboek.qdc
  textcode export codebook mijn_codeboek.yaml --format yaml-quanteda --out woordenboek.yml
  textcode export project antwoorden.csv --text-column kennisbehoefte --out enquete.qdpx
  textcode export project antwoorden.csv --suggestions s.jsonl --per respondent --out enquete.qdpx
  textcode export project antwoorden.csv --suggestions s.jsonl --ledger besluiten.jsonl \\
      --only-accepted --out gecontroleerd.qdpx
  textcode export excel antwoorden.csv --suggestions s.jsonl --out codering.xlsx
"""


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="WHAT", required=True)

    codebook = sub.add_parser(
        "codebook",
        help="a codebook as REFI-QDA .qdc or quanteda YAML",
        epilog="example:\n  textcode export codebook --format qdc --out codeboek.qdc",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    codebook.add_argument(
        "path", metavar="PATH", nargs="?", help="codebook YAML (default: the shipped one)"
    )
    codebook.add_argument(
        "--format", choices=("qdc", "yaml-quanteda"), default="qdc", help="default: qdc"
    )
    codebook.add_argument("--out", metavar="FILE", help="output file (default: stdout)")
    codebook.add_argument(
        "--json", action="store_true", help="print a summary as JSON (needs --out FILE)"
    )
    add_quiet(codebook)

    for name, help_text in (
        ("project", "answers, codebook and codings as a REFI-QDA project (.qdpx)"),
        ("excel", "answers, codes, counts and codebook as an Excel workbook"),
    ):
        command = sub.add_parser(name, help=help_text)
        add_input_options(command)
        command.add_argument("--out", metavar="FILE", required=True, help="output file")
        command.add_argument(
            "--suggestions",
            metavar="FILE",
            help="suggestion records (JSON Lines or CSV from `textcode code`); "
            "default: code INPUT now",
        )
        command.add_argument(
            "--no-redact",
            dest="redact",
            action="store_false",
            help="keep personal data in the texts (default: redact it)",
        )
        command.add_argument("--json", action="store_true", help="print a summary as JSON")
        add_quiet(command)
        if name == "project":
            command.add_argument(
                "--per",
                choices=("answer", "respondent"),
                default="answer",
                help="one text source per answer (default) or per respondent (answers as sections)",
            )
            command.add_argument(
                "--ledger", metavar="FILE", help="review ledger: codings by their reviewers"
            )
            command.add_argument(
                "--only-accepted",
                action="store_true",
                help="only codings a reviewer accepted or added (needs --ledger)",
            )
            command.add_argument("--name", metavar="NAME", help="project name (default: file)")


def _suggestions(args: argparse.Namespace, answers: Any, codebook: Any) -> Any:
    if args.suggestions:
        # The file itself, not a table read from it: the export's errors then name the file
        # (and its rows), not INPUT.
        return args.suggestions
    from textcode.coding import Coder

    return Coder(codebook, language=args.language).suggest(answers, quiet=args.quiet)


def report_summary(args: argparse.Namespace, summary: dict[str, Any], line: str) -> None:
    """``--json``: the summary on stdout; unless ``--quiet``: warnings and one line on stderr."""
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    if not args.quiet:
        for warning in summary.get("warnings", []):
            print(f"textcode: warning: {warning}", file=sys.stderr)
        print(f"textcode: {line}", file=sys.stderr)


def refuse_json_on_stdout(args: argparse.Namespace, what: str) -> None:
    """``--json`` with the file itself on stdout is a usage error, checked before any work.

    stdout can hold one thing for a pipe to read: the file, or the JSON summary. Putting the
    summary on stderr instead would mix it with warnings where no JSON reader looks.
    """
    if args.json and (not args.out or args.out == "-"):
        from textcode.errors import UsageError

        raise UsageError(
            f"--json prints a summary on stdout, where the {what} would go too; "
            "give --out a file name"
        )


def run(args: argparse.Namespace) -> int:
    if args.what == "codebook":
        refuse_json_on_stdout(args, "codebook")
        return _codebook(args)
    from textcode.cli.options import codebook_from_args, read_answers_from_args
    from textcode.errors import UsageError

    if args.what == "project" and args.only_accepted and not args.ledger:
        raise UsageError("--only-accepted needs --ledger")
    answers = read_answers_from_args(args)
    codebook = codebook_from_args(args)
    suggestions = _suggestions(args, answers, codebook)
    if args.what == "excel":
        from textcode.interop.excel import export_excel

        excel = export_excel(answers, suggestions, codebook, args.out, redact=args.redact)
        report_summary(
            args,
            excel.to_dict(),
            f"{excel.answers} answers, {excel.suggestions} suggestions, "
            f"{len(excel.sheets)} sheets -> {args.out}",
        )
        return 0
    from textcode.interop.refi_project import export_qdpx

    decisions = None
    if args.ledger:
        from textcode.review.ledger import replay

        decisions = replay(args.ledger)
    summary = export_qdpx(
        answers,
        suggestions,
        codebook,
        args.out,
        per=args.per,
        decisions=decisions,
        only_accepted=args.only_accepted,
        redact=args.redact,
        name=args.name,
    )
    report_summary(
        args,
        summary.to_dict(),
        f"{summary.cases} cases, {summary.sources} sources, {summary.codings} codings by "
        f"{', '.join(summary.users)} -> {args.out}",
    )
    return 0


def _codebook(args: argparse.Namespace) -> int:
    from textcode.codebook import load_codebook
    from textcode.io import atomic_write_bytes

    codebook = load_codebook(args.path)
    warnings: list[str] = []
    if args.format == "qdc":
        from textcode.interop.refi_codebook import codebook_to_qdc

        data = codebook_to_qdc(codebook)
    else:
        from textcode.interop.dictionaries import codebook_to_quanteda

        text, warnings = codebook_to_quanteda(codebook)
        data = text.encode("utf-8")
    if args.out and args.out != "-":
        atomic_write_bytes(args.out, data)
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    summary = {
        "codebook": codebook.id,
        "version": codebook.version,
        "format": args.format,
        "codes": len(codebook.codes),
        "path": args.out,
        "warnings": warnings,
    }
    where = f" -> {args.out}" if args.out and args.out != "-" else ""
    report_summary(args, summary, f"{len(codebook.codes)} codes as {args.format}{where}")
    return 0
