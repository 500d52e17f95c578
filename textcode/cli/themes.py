"""``textcode themes INPUT``: cluster the answers of a question and name the clusters."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from textcode.cli.options import add_input_options, add_quiet
from textcode.display import counted

if TYPE_CHECKING:
    import pandas as pd

    from textcode.codebook import Codebook
    from textcode.themes import ThemeFinder

HELP = "find themes in the answers by clustering (new codes nobody coded yet)"
DESCRIPTION = (
    "Cluster the answers of each question and describe every cluster by its most distinctive "
    "lemmas (class-based TF-IDF), its size, its representative answers and the codes it "
    "already has. Non-substantive answers ('nvt', 'weet niet', empty) are in no cluster "
    "(-1). The number of clusters is chosen automatically (see docs/themes.md) unless --k "
    "fixes it. Same input, same clusters: the result depends only on --seed."
)
EPILOG = """examples:
  textcode themes antwoorden.csv --text-column belemmering --out out/themes
  textcode themes panel.csv --id-column respondent_id --question-column variable \\
      --text-column antwoord --question kennisbehoefte --out out/kennisbehoefte
  textcode themes antwoorden.csv --text-column kennisbehoefte --seeded --to-codebook nieuw.yaml
  textcode themes antwoorden.csv --text-column belemmering --uncoded-only --k 5 --json
"""


def _k(value: str) -> int | str:
    from textcode.themes.cluster import parse_k

    try:
        return parse_k(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def configure(parser: argparse.ArgumentParser) -> None:
    add_input_options(parser)
    parser.add_argument(
        "--question",
        metavar="Q",
        action="append",
        help="cluster only this question (name or codebook group); repeat for several",
    )
    parser.add_argument(
        "--k", type=_k, default="auto", metavar="auto|N", help="number of clusters (default auto)"
    )
    parser.add_argument(
        "--uncoded-only",
        action="store_true",
        help="cluster only the answers the codebook gives no code",
    )
    parser.add_argument(
        "--words-only",
        action="store_true",
        help="compare answers by their words (and letters) only, not by the codes they have",
    )
    parser.add_argument(
        "--corpus-question",
        metavar="Q",
        action="append",
        help="also learn word associations from the answers to this question of the input "
        "(not clustered); repeat for several",
    )
    parser.add_argument(
        "--no-associations",
        action="store_true",
        help="compare answers without the word associations learned from the answers",
    )
    parser.add_argument(
        "--seeded",
        action="store_true",
        help="start from the codebook's codes: clusters join a code or are candidate new codes",
    )
    parser.add_argument(
        "--to-codebook",
        metavar="FILE",
        help="write the candidate new codes as a codebook YAML fragment",
    )
    parser.add_argument(
        "--out",
        metavar="DIR",
        help="folder for assignments.csv, clusters.json, the map and the word clouds",
    )
    parser.add_argument("--json", action="store_true", help="print clusters.json on stdout")
    parser.add_argument("--seed", type=int, default=0, help="seed for samples (default 0)")
    parser.add_argument(
        "--method",
        choices=("spherical", "kmeans", "agglomerative", "nmf"),
        default="spherical",
        help="clustering method (default spherical: see docs/themes.md for the comparison)",
    )
    parser.add_argument("--no-pictures", action="store_true", help="no map and word clouds")
    parser.add_argument(
        "--no-redact",
        action="store_true",
        help="show answers as written (default: personal data replaced by placeholders)",
    )
    parser.add_argument(
        "--show", type=int, default=10, metavar="N", help="clusters listed per question (10)"
    )
    add_quiet(parser)


def select_questions(
    answers: pd.DataFrame, wanted: list[str] | None, codebook: Codebook | None
) -> pd.DataFrame:
    """The rows of the wanted questions (by name or by codebook group id)."""
    from textcode.errors import InputError

    if not wanted:
        return answers
    from textcode.codebook.questions import selected

    questions = answers["question"].astype(str)
    keep = selected(list(questions), wanted, codebook)
    if not any(keep):
        known = ", ".join(sorted(set(questions))[:20])
        raise InputError(
            f"no answers to question {', '.join(wanted)} (questions: {known})",
            field="question",
        )
    return answers[keep].reset_index(drop=True)


def run(args: argparse.Namespace) -> int:
    from textcode.cli.options import codebook_from_args, read_answers_from_args
    from textcode.themes import ThemeFinder
    from textcode.themes.output import clusters_json, write_outputs
    from textcode.themes.proposal import propose_codebook, write_proposal

    every = read_answers_from_args(args)
    codebook = codebook_from_args(args)
    answers = select_questions(every, args.question, codebook)
    corpus = (
        select_questions(every, args.corpus_question, codebook)["text"].tolist()
        if args.corpus_question
        else None
    )
    finder = ThemeFinder(
        args.k,
        seed=args.seed,
        method=args.method,
        codebook=codebook,
        language=args.language,
        seeded=args.seeded,
        uncoded_only=args.uncoded_only,
        code_features=not args.words_only,
        associations=not args.no_associations,
        corpus=corpus,
        redact=not args.no_redact,
        quiet=args.quiet,
    )
    from textcode.errors import InputError, UsageError

    try:
        finder.fit(answers)
    except InputError as exc:
        if exc.path is None:
            raise InputError(exc.reason, path=args.input, field=exc.field) from None
        raise
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if args.out:
        write_outputs(finder, args.out, pictures=not args.no_pictures, quiet=args.quiet)
    proposal = None
    if args.to_codebook:
        proposal = propose_codebook(finder)
        write_proposal(proposal, args.to_codebook)
    if args.json:
        sys.stdout.write(clusters_json(finder))
    else:
        _print_summary(finder, args.show)
    if not args.quiet:
        _print_notes(args, proposal)
    return 0


def _print_summary(finder: ThemeFinder, show: int) -> None:
    out = sys.stdout
    if not finder.results_:
        out.write("nothing to cluster: no answers\n")
    for result in finder.results_:
        name = result.question or "(answers)"
        renamed = [q for q in result.source_questions if q != result.question]
        if renamed:
            name += f" ({', '.join(renamed)})"
        choice = result.k_choice
        how = "fixed k" if choice.criterion == "fixed" else f"automatic k: {choice.reason}"
        counts = (
            f"{name}: {counted(result.n_answers, 'answer')}, {result.n_clustered} clustered, "
            f"{result.n_non_substantive} non-substantive"
            + (f", {result.n_coded} coded (left out)" if result.n_coded else "")
        )
        if not result.n_clustered:
            out.write(f"{counts}; {choice.reason}\n")
            continue
        out.write(f"{counts}; {counted(len(result.themes), 'cluster')} ({how})\n")
        for merge in choice.merges:
            out.write(
                f"  merged: {merge.merged!r} into {merge.kept!r} (labels alike "
                f"{merge.label_similarity:.2f}, answers alike {merge.member_similarity:.2f})\n"
            )
        for theme in result.themes[:show]:
            tag = " [mixed]" if theme.mixed else ""
            if theme.seeded:
                tag += f" [{theme.code}]" if theme.code else " [new]"
            example = theme.representatives[0] if theme.representatives else ""
            if len(example) > 70:
                example = example[:67] + "..."
            out.write(
                f"  {theme.id:>3}  {theme.size:>6}  {theme.share:6.1%}  "
                f"{theme.label}{tag}  ({', '.join(theme.top_lemmas[:5])})\n"
                f"       e.g. {json.dumps(example, ensure_ascii=False)}\n"
            )
        if len(result.themes) > show:
            rest = result.themes[show:]
            single = sum(1 for t in rest if t.size == 1)
            note = (
                f", {single} of them single answers too unlike the rest to group" if single else ""
            )
            out.write(f"  ... {len(rest)} more clusters{note} (--show N, --json)\n")
    out.flush()


def _print_notes(args: argparse.Namespace, proposal: object) -> None:
    if args.out:
        print(f"textcode: themes written to {args.out}", file=sys.stderr)
    if args.to_codebook and proposal is not None:
        codes = getattr(proposal, "codes", ())
        if codes:
            print(
                f"textcode: {counted(len(codes), 'candidate code')} -> "
                f"{args.to_codebook} "
                f"(check with: textcode codebook check {args.to_codebook})",
                file=sys.stderr,
            )
        else:
            print(
                f"textcode: no candidate code to propose; nothing written to {args.to_codebook}",
                file=sys.stderr,
            )
