"""``textcode agreement``: agreement between the machine, reviewers and gold codings."""

from __future__ import annotations

import argparse
import math
from typing import Any

from textcode.cli.options import add_codebook_option

HELP = "agreement (kappa, alpha, AC1, ...) between machine, reviewers and gold, per code"
DESCRIPTION = """Agreement on (answer, code) decisions from a review ledger: machine vs each
reviewer, reviewers among themselves, and gold vs each when --gold is given. Percent agreement,
Cohen's kappa, Fleiss' kappa, Brennan-Prediger, Gwet's AC1 and Krippendorff's alpha (nominal),
per code and overall, with bootstrap 95% intervals and the number of units; and precision,
recall and F1 of the machine against each reviewer."""
EPILOG = """examples:
  textcode agreement --ledger beslissingen.jsonl
  textcode agreement --ledger beslissingen.jsonl --gold gold.jsonl --json > overeenstemming.json
  textcode agreement --ledger beslissingen.jsonl --suggestions suggesties.jsonl --gold gold.jsonl
"""

_SHORT = {
    "percent_agreement": "%agree",
    "cohen_kappa": "kappa",
    "fleiss_kappa": "Fleiss",
    "brennan_prediger": "BP",
    "gwet_ac1": "AC1",
    "krippendorff_alpha": "alpha",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--ledger", metavar="FILE", required=True, help="the review ledger")
    parser.add_argument(
        "--gold", metavar="GOLD", help="gold codings (JSON Lines: id, question, codes)"
    )
    parser.add_argument(
        "--suggestions",
        metavar="FILE",
        help="the machine's suggestions, for answers nobody reviewed (with --gold)",
    )
    add_codebook_option(parser)
    parser.add_argument(
        "--resamples", type=int, default=1000, metavar="N", help="bootstrap resamples (1000)"
    )
    parser.add_argument("--seed", type=int, default=None, metavar="N", help="bootstrap seed")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    from textcode.review.agreement import DEFAULT_SEED, agreement

    suggestions = None
    if args.suggestions:
        from textcode.coding.suggestions import load_suggestions

        suggestions = load_suggestions(args.suggestions)
    from textcode.cli.options import codebook_from_args

    codebook = codebook_from_args(args)
    result = agreement(
        args.ledger,
        gold=args.gold,
        suggestions=suggestions,
        codes=[code.id for code in codebook.codes],
        codebook=codebook,
        resamples=args.resamples,
        seed=DEFAULT_SEED if args.seed is None else args.seed,
    )
    if args.json:
        print(result.to_json())
        return 0
    print(render(result))
    return 0


def _f(value: Any, digits: int = 2) -> str:
    number = float(value) if value is not None else math.nan
    return "-" if math.isnan(number) else f"{number:.{digits}f}"


def render(result: object) -> str:
    """A plain-text summary of an :class:`~textcode.review.agreement.AgreementResult`."""
    from textcode.review.agreement import ALL_CODES, AgreementResult

    assert isinstance(result, AgreementResult)
    lines = [
        f"Agreement on {len(result.ratings)} units (answer x code); "
        f"raters: {', '.join(result.raters) or 'none'}",
        f"Bootstrap 95% intervals: {result.resamples} resamples, seed {result.seed}",
        "",
    ]
    if result.pairs.empty:
        lines.append("No pair of raters has units in common yet.")
        return "\n".join(lines)
    header = f"{'pair':<28}{'units':>6}  " + "  ".join(f"{v:>18}" for v in _SHORT.values())
    lines.append(header)
    overall = result.pairs[result.pairs.code == ALL_CODES]
    for (a, b), group in overall.groupby(["rater_a", "rater_b"], sort=False):
        stats = {row.statistic: row for row in group.itertuples()}
        cells = [
            f"{_f(stats[s].value)} [{_f(stats[s].low)},{_f(stats[s].high)}]".rjust(18)
            for s in _SHORT
        ]
        units = int(group["n_units"].iloc[0])
        lines.append(f"{f'{a} - {b}':<28}{units:>6}  " + "  ".join(cells))
    if not result.multi.empty:
        multi = result.multi[result.multi.code == ALL_CODES]
        stats = {row.statistic: row for row in multi.itertuples()}
        cells = [
            f"{_SHORT[s]} {_f(stats[s].value)} [{_f(stats[s].low)},{_f(stats[s].high)}]"
            for s in _SHORT
            if s in stats
        ]
        lines += [
            "",
            f"Among all {int(multi['n_raters'].iloc[0])} reviewers "
            f"({int(multi['n_units'].iloc[0])} units): " + "; ".join(cells),
        ]
    lines += ["", "Cohen's kappa per code (units):"]
    per_code = result.pairs[
        (result.pairs.code != ALL_CODES) & (result.pairs.statistic == "cohen_kappa")
    ]
    for code, group in per_code.groupby("code", sort=False):
        cells = [
            f"{row.rater_a}-{row.rater_b} {_f(row.value)} ({row.n_units})"
            for row in group.itertuples()
        ]
        lines.append(f"  {code:<40}" + "  ".join(cells))
    if not result.prf.empty:
        lines += ["", "Machine against each reviewer: precision / recall / F1 (units)"]
        for row in result.prf.itertuples():
            indent = "  " if row.code == ALL_CODES else "      "
            lines.append(
                f"{indent}{row.reference:<10}{row.code:<40} {_f(row.precision)} / "
                f"{_f(row.recall)} / {_f(row.f1)} ({row.n_units})"
            )
    return "\n".join(lines)
