"""``textcode codebook check|show PATH``, ``suggest-terms INPUT`` and ``apply-patch``."""

from __future__ import annotations

import argparse
import json
import sys

HELP = "check a codebook's examples, show its codes, or grow it from your answers"
EPILOG = """examples:
  textcode codebook check crisis_innovation_nl.yaml
  textcode codebook show crisis_innovation_nl.yaml --group belemmering
  textcode codebook suggest-terms antwoorden.csv --codebook mijn.yaml --out voorstel.yaml
  textcode codebook apply-patch mijn.yaml voorstel.yaml --out mijn.v2.yaml
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
    from textcode.cli.options import add_input_options, add_quiet

    suggest = sub.add_parser(
        "suggest-terms",
        help="propose terms the codebook lacks, found in your answers (a YAML patch to review)",
    )
    add_input_options(suggest)
    suggest.add_argument("--code", metavar="ID", help="only proposals for this code")
    suggest.add_argument("--question", metavar="Q", help="only the answers to this question")
    suggest.add_argument(
        "--top", metavar="N", type=int, default=10, help="proposals per code (default: 10)"
    )
    suggest.add_argument(
        "--no-context",
        action="store_true",
        help="leave out words that share contexts with a code's terms (learned from the answers)",
    )
    suggest.add_argument("--out", metavar="FILE", help="write the patch here (default: stdout)")
    suggest.add_argument("--no-redact", action="store_true", help="show example answers as written")
    add_quiet(suggest)
    apply = sub.add_parser(
        "apply-patch",
        help="apply a reviewed patch (suggest-terms, a desk draft) to a new codebook file",
    )
    apply.add_argument("path", metavar="CODEBOOK", help="the codebook the patch was made for")
    apply.add_argument(
        "patch",
        metavar="PATCH",
        help="the reviewed patch YAML (textcode_patch: 2; also textcode_patch: 1 and "
        "textcode_draft: 1)",
    )
    apply.add_argument("--out", metavar="FILE", required=True, help="the new codebook YAML")


def run(args: argparse.Namespace) -> int:
    from textcode.codebook import load_codebook

    if args.action == "suggest-terms":
        return _suggest(args)
    if args.action == "apply-patch":
        return _apply(args)

    codebook = load_codebook(args.path)
    if args.action == "show":
        return _show(codebook, args)
    from textcode.coding.check import check_codebook

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


def _suggest(args: argparse.Namespace) -> int:
    from textcode.cli.options import codebook_from_args, read_answers_from_args
    from textcode.display import counted
    from textcode.io import atomic_write_text
    from textcode.workshop import dump_patch, patch_from_proposals, suggest_terms

    codebook = codebook_from_args(args)
    answers = read_answers_from_args(args)
    try:
        proposals = suggest_terms(
            answers,
            codebook,
            code=args.code,
            question=args.question,
            top=args.top,
            context=not args.no_context,
            redact=not args.no_redact,
        )
    except KeyError as exc:
        from textcode.errors import InputError

        raise InputError(str(exc.args[0]), field="--code") from None
    text = dump_patch(patch_from_proposals(codebook, proposals))
    if args.out and args.out != "-":
        atomic_write_text(args.out, text)
        if not args.quiet:
            codes = counted(len({p.code for p in proposals}), "code")
            print(
                f"{counted(len(proposals), 'proposal')} for {codes} -> {args.out}", file=sys.stderr
            )
    else:
        sys.stdout.write(text)
    return 0


def _apply(args: argparse.Namespace) -> int:

    from textcode.codebook import load_codebook, save_codebook
    from textcode.errors import InputError
    from textcode.workshop import apply_patch, load_patch

    codebook = load_codebook(args.path)
    patch = load_patch(args.patch)
    if patch.codebook and patch.codebook != codebook.id:
        raise InputError(
            f"the patch is for codebook {patch.codebook!r}, not {codebook.id!r}",
            path=args.patch,
            field="codebook",
        )
    grown = apply_patch(codebook, patch)
    save_codebook(grown, args.out)
    parts = [
        f"{len(patch.add_codes)} codes added" if patch.add_codes else "",
        f"{len(patch.add_patterns)} rules added to "
        f"{len({e.code for e in patch.add_patterns})} codes"
        if patch.add_patterns
        else "",
        f"{len(patch.replace_patterns)} rules rewritten" if patch.replace_patterns else "",
    ]
    done = ", ".join(part for part in parts if part) or "nothing to change"
    print(
        f"{done}: {codebook.id} {codebook.version} -> {grown.version} ({args.out})",
        file=sys.stderr,
    )
    return 0
