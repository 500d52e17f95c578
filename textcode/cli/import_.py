"""``textcode import codebook|project``: codebooks, dictionaries and codings made elsewhere."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from textcode.cli.export import refuse_json_on_stdout, report_summary
from textcode.cli.options import add_quiet

HELP = "import a codebook or dictionary, or the codings of a .qdpx project as a gold file"
DESCRIPTION = (
    "Read a REFI-QDA codebook (.qdc) or a quanteda (.yml), LIWC (.dic), WordStat (.cat) or "
    "Lexicoder (.lc3) dictionary into textcode's codebook YAML, or the codings of a REFI-QDA "
    "project (.qdpx) made in NVivo, ATLAS.ti, MAXQDA or QualCoder as a gold file and review "
    "decisions."
)
EPILOG = """examples:
  textcode import codebook codeboek.qdc --out codeboek.yaml
  textcode import codebook codeboek.qdc --codebook crisis_innovation_nl.yaml --out terug.yaml
  textcode import codebook emotie.dic --out emotie.yaml
  textcode import codebook woordenboek.yml --literal --out als_in_quanteda.yaml
  textcode import project nvivo_export.qdpx --out gold.jsonl
  textcode import project gecodeerd.qdpx --out gold.jsonl --user anna \\
      --decisions besluiten.jsonl --suggestions s.jsonl
"""

CODEBOOK_FORMATS = ("qdc", "quanteda", "liwc", "wordstat", "lexicoder")


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="what", metavar="WHAT", required=True)
    codebook = sub.add_parser("codebook", help="a .qdc codebook or a dictionary as codebook YAML")
    codebook.add_argument("file", metavar="FILE", help=".qdc .yml .yaml .dic .cat .lc3")
    codebook.add_argument("--out", metavar="FILE", help="codebook YAML (default: stdout)")
    codebook.add_argument(
        "--format", choices=CODEBOOK_FORMATS, help="default: from the file's extension"
    )
    codebook.add_argument(
        "--codebook",
        metavar="PATH",
        help="the codebook a .qdc was exported from: its GUIDs map back to these code ids",
    )
    codebook.add_argument("--id", metavar="ID", help="id of the new codebook (default: file)")
    codebook.add_argument("--language", metavar="LANG", default="nl", help="default: nl")
    codebook.add_argument(
        "--literal",
        action="store_true",
        help="dictionaries: keep the tool's exact word forms (to reproduce a quanteda run); "
        "default: entries match as textcode terms, with inflections, compounds and light words "
        "inside phrases",
    )
    codebook.add_argument(
        "--json", action="store_true", help="print a summary as JSON (needs --out FILE)"
    )
    add_quiet(codebook)

    project = sub.add_parser("project", help="the codings of a .qdpx project as a gold file")
    project.add_argument("file", metavar="FILE", help=".qdpx (or a .qde, or an unpacked folder)")
    project.add_argument("--out", metavar="FILE", required=True, help="gold file (JSON Lines)")
    project.add_argument(
        "--codebook",
        metavar="PATH",
        help="codebook the codes came from (default: the shipped one): textcode's GUIDs map "
        "back to its ids and source names to its questions",
    )
    project.add_argument(
        "--user",
        metavar="NAME",
        action="append",
        help="only this coder's codings in the gold file (repeat for several)",
    )
    project.add_argument(
        "--decisions",
        metavar="LEDGER",
        help="also append the coders' decisions to this review ledger",
    )
    project.add_argument(
        "--suggestions",
        metavar="FILE",
        help="the machine suggestions the project started from (for accept/reject decisions)",
    )
    project.add_argument("--json", action="store_true", help="print a summary as JSON")
    add_quiet(project)


def run(args: argparse.Namespace) -> int:
    if args.what == "codebook":
        refuse_json_on_stdout(args, "codebook YAML")
        return _codebook(args)
    return _project(args)


def _codebook(args: argparse.Namespace) -> int:
    from textcode.codebook import dump_codebook, load_codebook
    from textcode.io import atomic_write_text

    fmt = args.format or ("qdc" if Path(args.file).suffix.lower() == ".qdc" else None)
    if fmt == "qdc":
        from textcode.interop.refi_codebook import read_qdc

        reference = load_codebook(args.codebook) if args.codebook else None
        imported = read_qdc(
            args.file, reference=reference, codebook_id=args.id, language=args.language
        )
        codebook, warnings, fmt = imported.codebook, list(imported.warnings), "qdc"
    else:
        from textcode.interop.dictionaries import read_dictionary

        result = read_dictionary(
            args.file,
            format=fmt,
            codebook_id=args.id,
            language=args.language,
            literal=args.literal,
        )
        codebook, warnings, fmt = result.codebook, list(result.warnings), result.format
    text = dump_codebook(codebook)
    if args.out and args.out != "-":
        atomic_write_text(args.out, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    summary = {
        "codebook": codebook.id,
        "format": fmt,
        "groups": len(codebook.groups),
        "codes": len(codebook.codes),
        "patterns": sum(len(c.patterns) for c in codebook.codes),
        "path": args.out,
        "warnings": warnings,
    }
    report_summary(
        args,
        summary,
        f"{summary['codes']} codes in {summary['groups']} groups from {fmt}"
        + (f" -> {args.out}" if args.out and args.out != "-" else ""),
    )
    return 0


def _project(args: argparse.Namespace) -> int:
    from textcode.codebook import load_codebook
    from textcode.coding.suggestions import load_suggestions
    from textcode.interop.refi_project import read_qdpx
    from textcode.io import atomic_open

    reference = load_codebook(args.codebook)
    project = read_qdpx(args.file, reference=reference)
    if args.user:
        unknown = sorted(set(args.user) - set(project.users))
        if unknown:
            from textcode.errors import InputError

            known = ", ".join(project.users) or "none"
            raise InputError(
                f"no coder {', '.join(map(repr, unknown))} in the project (coders: {known})",
                path=args.file,
                field="user",
            )
    gold = project.gold(users=args.user)
    with atomic_open(args.out, "w") as handle:
        for record in gold:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    summary: dict[str, Any] = {
        "project": project.name,
        "origin": project.origin,
        "answers": len(project.answers),
        "codings": len(project.codings),
        "coded_answers": sum(1 for g in gold if g["codes"]),
        "users": list(project.users),
        "variables": project.variables,
        "gold": args.out,
        "warnings": list(project.warnings),
    }
    if args.decisions:
        from textcode.interop.refi_project_import import decisions_from_project
        from textcode.review.ledger import Ledger

        suggestions = load_suggestions(args.suggestions) if args.suggestions else None
        entries = decisions_from_project(
            project, suggestions, codebook=reference, source=Path(args.file).name
        )
        if args.user:
            entries = [e for e in entries if e.reviewer in set(args.user)]
        Ledger(args.decisions).append_many(entries)
        counts: dict[str, int] = {}
        for entry in entries:
            counts[entry.decision] = counts.get(entry.decision, 0) + 1
        summary["decisions"] = counts
        summary["ledger"] = args.decisions
    report_summary(
        args,
        summary,
        f"{summary['answers']} answers, {summary['codings']} codings by "
        f"{', '.join(project.users) or 'nobody'} -> {args.out}",
    )
    return 0
