"""``textcode codebook check|show PATH``."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "check a codebook's examples, or show its codes"
EPILOG = """examples:
  textcode codebook check codebooks/crisis_innovation_nl.yaml
  textcode codebook show codebooks/crisis_innovation_nl.yaml --group belemmering
"""


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    check = sub.add_parser(
        "check", help="validate and run every example as a test (exit 1 on failure)"
    )
    check.add_argument(
        "path", metavar="PATH", nargs="?", help="codebook YAML (default: the shipped one)"
    )
    check.add_argument("--json", action="store_true", help="print the results as JSON")
    show = sub.add_parser("show", help="print the codes as a table")
    show.add_argument(
        "path", metavar="PATH", nargs="?", help="codebook YAML (default: the shipped one)"
    )
    show.add_argument("--group", metavar="ID", help="only this group")
    show.add_argument("--json", action="store_true", help="print the codebook as JSON")


def run(args: argparse.Namespace) -> int:
    from textcode.codebook import load_codebook

    codebook = load_codebook(args.path)
    if args.action == "show":
        return _show(codebook, args)
    from textcode.codebook.check import check_codebook

    report = check_codebook(codebook)
    if args.json:
        payload = {
            "codebook": codebook.id,
            "version": codebook.version,
            "examples": len(report.results),
            "failures": [vars(f) | {"found": list(f.found)} for f in report.failures],
            "problems": list(report.problems),
            "warnings": list(report.warnings),
            "notes": list(report.notes),
            "ok": report.ok,
        }
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return 0 if report.ok else 1
    for failure in report.failures:
        expected = "should get" if failure.kind == "positive" else "should not get"
        found = ", ".join(failure.found) or "no codes"
        example = f"{failure.kind} example {failure.text!r}"
        print(f"FAIL {failure.code}: {example} {expected} it (got {found})")
    for problem in report.problems:
        print(f"PROBLEM {problem}")
    for warning in report.warnings:
        print(f"WARNING {warning}")
    for note in report.notes:
        print(f"NOTE {note}")
    passed = len(report.results) - len(report.failures)
    print(
        f"{codebook.id} {codebook.version}: {passed}/{len(report.results)} examples pass, "
        f"{len(codebook.codes)} codes, {len(report.problems)} problems"
    )
    return 0 if report.ok else 1


def _show(codebook: object, args: argparse.Namespace) -> int:
    from textcode.codebook import Codebook

    assert isinstance(codebook, Codebook)
    groups = [g for g in codebook.groups if args.group in (None, g.id)]
    if args.json:
        data = codebook.to_dict()
        data["groups"] = [g.to_dict() for g in groups]
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    rows = [
        (
            code.id,
            code.label,
            str(len(code.patterns)),
            str(len(code.positive_examples) + len(code.negative_examples)),
        )
        for group in groups
        for code in group.codes
    ]
    header = ("code", "label", "patterns", "examples")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(4)]
    out = sys.stdout
    out.write(f"{codebook.id} {codebook.version} ({codebook.language})\n")
    for row in [header, *rows]:
        out.write(
            "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
            + "\n"
        )
    return 0
