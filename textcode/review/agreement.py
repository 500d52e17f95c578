"""Agreement between the machine, reviewers and gold codings, on (answer, code) decisions.

The unit is the (answer, code) decision, not the character: uncoded text does not swamp the
figures. A rater gives each unit 1 (the code applies) or 0 (it does not), or no value. Where
the values come from:

- **machine**: 1 for a unit it suggested (any evidence span), 0 for a code a reviewer added or,
  when its suggestions file is given, for any unit it did not suggest; unknown otherwise;
- **a reviewer**: accept/add -> 1, reject -> 0 (the latest verdict per unit, retractions
  undone); on an answer the reviewer decided anything about, a code the machine did not suggest
  and the reviewer did not add counts as 0 (they saw the answer and did not add it);
- **gold**: 1 for the codes a gold file lists for an answer, 0 for every other unit of it.

Statistics (binary categories, q = 2), over units rated by at least two of the raters compared:
percent agreement, Cohen's kappa (pairs only), Fleiss' kappa (Scott's pi for a pair),
Brennan-Prediger, Gwet's AC1 and Krippendorff's alpha (nominal), each with a percentile
bootstrap 95% interval over units (fixed seed), per code and over all codes; and precision,
recall and F1 of the machine against each reviewer and gold.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from textcode.coding.gold import gold_codes
from textcode.display import listing, one_line, table
from textcode.errors import InputError
from textcode.public import deprecated
from textcode.review.ledger import Ledger, LedgerEntry, unit_decisions

if TYPE_CHECKING:
    from textcode.codebook import Codebook

MACHINE = "machine"
GOLD = "gold"
ALL_CODES = "(all)"
STATISTICS: tuple[str, ...] = (
    "percent_agreement",
    "cohen_kappa",
    "fleiss_kappa",
    "brennan_prediger",
    "gwet_ac1",
    "krippendorff_alpha",
)
MULTI_STATISTICS: tuple[str, ...] = tuple(s for s in STATISTICS if s != "cohen_kappa")
N_CATEGORIES = 2  # a code applies or it does not
DEFAULT_RESAMPLES = 1000
DEFAULT_SEED = 20200707  # the seed report's date: any fixed number gives reproducible intervals

Array = np.ndarray[Any, Any]


# --------------------------------------------------------------------------------------------
# The statistics, vectorised over the last axis so that one call serves all bootstrap samples.


def agreement_statistics(
    matrix: Array | Sequence[Sequence[float]], *, pair: bool | None = None
) -> dict[str, float]:
    """All statistics for a units x raters matrix of 0/1 values (NaN = no value).

    Only units with at least two values count. Cohen's kappa is given for two raters only.
    """
    values = np.asarray(matrix, dtype=float)
    if values.ndim != 2:
        raise ValueError("expected a units x raters matrix")
    usable = (~np.isnan(values)).sum(axis=1) >= 2
    values = values[usable]
    pair = values.shape[1] == 2 if pair is None else pair
    stats = _statistics(*_unit_arrays(values, pair))
    return {name: float(value) for name, value in stats.items()}


def _unit_arrays(values: Array, pair: bool) -> tuple[Array, Array, Array | None, Array | None]:
    rated = ~np.isnan(values)
    m = rated.sum(axis=1).astype(float)
    k1 = np.where(rated, values, 0.0).sum(axis=1)
    if pair:
        return m, k1, values[:, 0], values[:, 1]
    return m, k1, None, None


def _statistics(m: Array, k1: Array, a: Array | None, b: Array | None) -> dict[str, Array]:
    """Statistics from the raters per unit ``m`` and the 1-votes per unit ``k1`` (last axis)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        k0 = m - k1
        n_units = m.shape[-1]
        if n_units == 0:
            nan = np.full(m.shape[:-1], np.nan)
            return {name: nan for name in STATISTICS if a is not None or name != "cohen_kappa"}
        per_unit = (k1 * (k1 - 1) + k0 * (k0 - 1)) / (m * (m - 1))
        po = per_unit.mean(axis=-1)
        p1 = k1.sum(axis=-1) / m.sum(axis=-1)
        fleiss_pe = p1**2 + (1 - p1) ** 2
        pi1 = (k1 / m).mean(axis=-1)
        gwet_pe = (pi1 * (1 - pi1) + (1 - pi1) * pi1) / (N_CATEGORIES - 1)
        n_values = m.sum(axis=-1)
        disagree = (k1 * k0 / (m - 1)).sum(axis=-1)
        n1 = k1.sum(axis=-1)
        n0 = k0.sum(axis=-1)
        stats: dict[str, Array] = {"percent_agreement": po}
        if a is not None and b is not None:
            pa1 = a.mean(axis=-1)
            pb1 = b.mean(axis=-1)
            cohen_pe = pa1 * pb1 + (1 - pa1) * (1 - pb1)
            stats["cohen_kappa"] = _kappa(po, cohen_pe)
        stats["fleiss_kappa"] = _kappa(po, fleiss_pe)
        stats["brennan_prediger"] = _kappa(po, np.full_like(po, 1 / N_CATEGORIES))
        stats["gwet_ac1"] = _kappa(po, gwet_pe)
        alpha = 1 - (n_values - 1) * disagree / (n0 * n1)
        stats["krippendorff_alpha"] = np.where(n0 * n1 > 0, alpha, np.nan)
    return stats


def _kappa(po: Array, pe: Array) -> Array:
    with np.errstate(divide="ignore", invalid="ignore"):
        # Chance agreement of 1 (every value the same) leaves a kappa undefined, as scikit-learn.
        return np.where(np.isclose(pe, 1.0), np.nan, (po - pe) / (1 - pe))


def bootstrap_intervals(
    matrix: Array,
    *,
    pair: bool,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    level: float = 0.95,
) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap intervals over units (resampled with replacement, fixed seed)."""
    m, k1, a, b = _unit_arrays(matrix, pair)
    n = m.shape[0]
    names = STATISTICS if pair else MULTI_STATISTICS
    if n < 2 or resamples <= 0:
        return {name: (math.nan, math.nan) for name in names}
    rng = np.random.default_rng(seed)
    samples: dict[str, list[Array]] = {name: [] for name in names}
    chunk = max(1, min(resamples, 2_000_000 // n))
    done = 0
    while done < resamples:
        size = min(chunk, resamples - done)
        idx = rng.integers(0, n, size=(size, n))
        stats = _statistics(
            m[idx], k1[idx], None if a is None else a[idx], None if b is None else b[idx]
        )
        for name in names:
            samples[name].append(stats[name])
        done += size
    tail = (1 - level) / 2 * 100
    intervals = {}
    for name in names:
        values = np.concatenate(samples[name])
        values = values[~np.isnan(values)]
        if values.size == 0:
            intervals[name] = (math.nan, math.nan)
        else:
            low, high = np.percentile(values, [tail, 100 - tail])
            intervals[name] = (float(low), float(high))
    return intervals


# --------------------------------------------------------------------------------------------
# From ledger, suggestions and gold to a units x raters table.


# The old name of gold_codes, which returned a mapping where coding.gold.read_gold returns a
# table: two public read_gold with different types.
read_gold = deprecated(gold_codes, "textcode.review.agreement.read_gold", "gold_codes")


def ratings_table(
    ledger: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry],
    *,
    gold: Mapping[tuple[str, str], set[str]] | str | os.PathLike[str] | None = None,
    suggestions: pd.DataFrame | None = None,
    machine: bool = True,
    codebook: Codebook | None = None,
) -> pd.DataFrame:
    """Units x raters: index (response_id, question, code), one column per rater, 1/0/NaN.

    Raters are ``machine`` (unless ``machine=False``), every reviewer in the ledger (sorted),
    and ``gold`` when a gold file is given. ``suggestions`` (the coder's output) tells the
    machine's values for answers nobody reviewed.
    """
    if isinstance(ledger, Ledger):
        entries = ledger.entries()
    elif isinstance(ledger, str | os.PathLike):
        if not os.path.exists(ledger):
            # Review starts a ledger that does not exist yet; agreement only reads one, and a
            # mistyped name would otherwise read as a ledger with no decisions.
            raise InputError("ledger file not found", path=ledger, kind="not_found")
        entries = Ledger(ledger).entries()
    else:
        entries = list(ledger)
    if gold is not None and not isinstance(gold, Mapping):
        # Gold made elsewhere ("import project") names questions as the survey did; the
        # ledger names the codebook's groups. The shipped codebook maps them when none is given.
        if codebook is None:
            from textcode.codebook import load_codebook

            codebook = load_codebook()
        gold = gold_codes(gold, codebook)
    decided = unit_decisions(entries)
    reviewers = sorted(decided)

    # What the machine suggested is certain for units with its suggestion on record and for
    # codes a reviewer added (the machine had none); with the suggestions file, for every unit.
    suggested: set[tuple[str, str, str]] = set()
    not_suggested: set[tuple[str, str, str]] = set()
    for entry in entries:
        unit = (entry.response_id, entry.question, entry.code)
        if entry.machine is not None:
            suggested.add(unit)
        elif entry.decision == "add":
            not_suggested.add(unit)
    complete = suggestions is not None
    if suggestions is not None and len(suggestions):
        for rid, question, code in suggestions[["response_id", "question", "code"]].itertuples(
            index=False
        ):
            suggested.add((str(rid), str(question), str(code)))
    not_suggested -= suggested

    def machine_value(unit: tuple[str, str, str]) -> float:
        if unit in suggested:
            return 1.0
        return 0.0 if complete or unit in not_suggested else math.nan

    units: set[tuple[str, str, str]] = set()
    touched: dict[str, set[tuple[str, str]]] = {}
    for reviewer, decisions in decided.items():
        units.update(decisions)
        touched[reviewer] = {(rid, q) for rid, q, _ in decisions}
    ledger_answers = {(rid, q) for rid, q, _ in units}
    if complete:
        units.update(suggested)
    gold_answers: set[tuple[str, str]] = set()
    if gold is not None:
        gold_answers = set(gold) if complete else set(gold) & ledger_answers
        for answer in gold_answers:
            units.update((answer[0], answer[1], code) for code in gold[answer])

    ordered = sorted(units)
    machine_values = [machine_value(u) for u in ordered]
    columns: dict[str, list[float]] = {}
    if machine:
        columns[MACHINE] = machine_values
    for reviewer in reviewers:
        decisions = decided[reviewer]
        seen = touched[reviewer]
        values = []
        for unit, by_machine in zip(ordered, machine_values, strict=True):
            decision = decisions.get(unit)
            if decision is not None:
                values.append(float(decision.value or 0))
            elif by_machine == 0.0 and (unit[0], unit[1]) in seen:
                # They saw this answer and did not add a code the machine had not suggested.
                values.append(0.0)
            else:
                values.append(math.nan)
        columns[reviewer] = values
    if gold is not None:
        columns[GOLD] = [
            (1.0 if u[2] in gold[(u[0], u[1])] else 0.0)
            if (u[0], u[1]) in gold_answers
            else math.nan
            for u in ordered
        ]
    index = pd.MultiIndex.from_tuples(ordered, names=["response_id", "question", "code"])
    if not ordered:
        index = pd.MultiIndex.from_arrays([[], [], []], names=["response_id", "question", "code"])
    return pd.DataFrame(columns, index=index, dtype=float)


# --------------------------------------------------------------------------------------------
# The result.


@dataclass(frozen=True)
class AgreementResult:
    """Agreement figures as tidy frames, and :meth:`to_dict` for ``--json``.

    ``pairs``: rater_a, rater_b, code, statistic, value, low, high, n_units — machine vs each
    reviewer, every pair of reviewers, gold vs machine and each reviewer.
    ``multi``: the same among all reviewers together (two or more), without Cohen's kappa.
    ``prf``: precision, recall and F1 of the machine against each reviewer and gold, per code.
    ``ratings``: the units x raters table everything was computed from.
    """

    ratings: pd.DataFrame
    pairs: pd.DataFrame
    multi: pd.DataFrame
    prf: pd.DataFrame
    resamples: int
    seed: int

    @property
    def raters(self) -> list[str]:
        return list(self.ratings.columns)

    def kappa(self, a: str, b: str, code: str = ALL_CODES) -> float:
        """Cohen's kappa between two raters (over all codes by default)."""
        return self.value(a, b, "cohen_kappa", code)

    def value(self, a: str, b: str, statistic: str, code: str = ALL_CODES) -> float:
        rows = self.pairs[
            (
                ((self.pairs.rater_a == a) & (self.pairs.rater_b == b))
                | ((self.pairs.rater_a == b) & (self.pairs.rater_b == a))
            )
            & (self.pairs.code == code)
            & (self.pairs.statistic == statistic)
        ]
        if rows.empty:
            raise KeyError(f"no {statistic} for {a} and {b} on {code}")
        return float(rows["value"].iloc[0])

    def to_dict(self) -> dict[str, Any]:
        """One JSON-ready object with everything (NaN becomes null)."""

        def figures(frame: pd.DataFrame, keys: list[str]) -> list[dict[str, Any]]:
            out: list[dict[str, Any]] = []
            if frame.empty:
                return out
            for key, group in frame.groupby(keys, sort=False):
                key = key if isinstance(key, tuple) else (key,)
                item: dict[str, Any] = dict(zip(keys, key, strict=True))
                item["n_units"] = int(group["n_units"].iloc[0])
                item["statistics"] = {
                    row.statistic: {
                        "value": _json_float(row.value),
                        "ci95": [_json_float(row.low), _json_float(row.high)],
                    }
                    for row in group.itertuples()
                }
                out.append(item)
            return out

        return {
            "unit": "answer x code",
            "n_units": len(self.ratings),
            "raters": self.raters,
            "bootstrap": {"resamples": self.resamples, "seed": self.seed, "level": 0.95},
            "pairs": figures(self.pairs, ["rater_a", "rater_b", "code"]),
            "multi": figures(self.multi, ["code"]),
            "machine_prf": [
                {k: (_json_float(v) if isinstance(v, float) else v) for k, v in row.items()}
                for row in self.prf.to_dict("records")
            ],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2, sort_keys=False)

    def __repr__(self) -> str:
        return one_line(
            f"<AgreementResult: {len(self.ratings)} units (answer x code), raters "
            f"{listing(self.raters, 4)}; {self._kappa_line()}>"
        )

    def _kappa_line(self) -> str:
        overall = self.pairs[
            (self.pairs.code == ALL_CODES) & (self.pairs.statistic == "cohen_kappa")
        ]
        parts = [
            f"{row['rater_a']}~{row['rater_b']} kappa {row['value']:.2f}"
            for row in overall.to_dict("records")
            if not math.isnan(float(row["value"]))
        ]
        return listing(parts, 3) if parts else "no pair to compare"

    def _repr_html_(self) -> str:
        """Per pair of raters over all codes: the statistics with their 95% intervals."""
        overall = self.pairs[self.pairs.code == ALL_CODES]
        statistics = [s for s in STATISTICS if s in set(overall.statistic)]
        rows = []
        for (a, b), group in overall.groupby(["rater_a", "rater_b"], sort=False):
            by = {str(row["statistic"]): row for row in group.to_dict("records")}
            cells = [str(a), str(b), str(int(group["n_units"].iloc[0]))]
            for name in statistics:
                row = by.get(name)
                value = float(row["value"]) if row is not None else math.nan
                cells.append(
                    ""
                    if row is None or math.isnan(value)
                    else f"{value:.3f} [{float(row['low']):.2f}, {float(row['high']):.2f}]"
                )
            rows.append(cells)
        caption = repr(self)[1:-1]
        return table(["rater", "rater", "units", *statistics], rows, caption=caption)


def _json_float(value: Any) -> float | None:
    if value is None:
        return None
    value = float(value)
    return None if math.isnan(value) else round(value, 6)


def agreement(
    ledger: Ledger | str | os.PathLike[str] | Iterable[LedgerEntry] | None = None,
    *,
    gold: Mapping[tuple[str, str], set[str]] | str | os.PathLike[str] | None = None,
    suggestions: pd.DataFrame | None = None,
    ratings: pd.DataFrame | None = None,
    codes: Sequence[str] | None = None,
    resamples: int = DEFAULT_RESAMPLES,
    seed: int = DEFAULT_SEED,
    codebook: Codebook | None = None,
) -> AgreementResult:
    """Agreement from a ledger (and optionally a gold file and the machine's suggestions).

    Pass ``ratings`` (a units x raters table as :func:`ratings_table` builds) instead of a
    ledger to compute the figures for other data. ``codes`` fixes the order of per-code rows.
    """
    if ratings is None:
        if ledger is None:
            raise ValueError("give a ledger or a ratings table")
        ratings = ratings_table(ledger, gold=gold, suggestions=suggestions, codebook=codebook)
    unit_codes = ratings.index.get_level_values("code")
    present = list(dict.fromkeys(sorted(unit_codes)))
    order = [c for c in (codes or []) if c in present] + [
        c for c in present if c not in (codes or [])
    ]
    raters = list(ratings.columns)
    reviewers = [r for r in raters if r not in (MACHINE, GOLD)]

    pair_list: list[tuple[str, str]] = []
    if MACHINE in raters:
        pair_list += [(MACHINE, r) for r in reviewers]
    pair_list += list(combinations(reviewers, 2))
    if GOLD in raters:
        pair_list += [(GOLD, r) for r in ([MACHINE] if MACHINE in raters else []) + reviewers]

    subsets = [(ALL_CODES, np.ones(len(ratings), dtype=bool))] + [
        (code, np.asarray(unit_codes == code)) for code in order
    ]
    pair_rows: list[dict[str, Any]] = []
    for a, b in pair_list:
        both = ratings[[a, b]].to_numpy()
        for code, mask in subsets:
            sub = both[mask]
            sub = sub[~np.isnan(sub).any(axis=1)]
            pair_rows += _rows(sub, True, resamples, seed, rater_a=a, rater_b=b, code=code)
    multi_rows: list[dict[str, Any]] = []
    if len(reviewers) >= 2:
        values = ratings[reviewers].to_numpy()
        for code, mask in subsets:
            sub = values[mask]
            sub = sub[(~np.isnan(sub)).sum(axis=1) >= 2]
            multi_rows += _rows(sub, False, resamples, seed, code=code, n_raters=len(reviewers))
    prf_rows: list[dict[str, Any]] = []
    if MACHINE in raters:
        for reference in [*reviewers, *([GOLD] if GOLD in raters else [])]:
            both = ratings[[MACHINE, reference]].to_numpy()
            for code, mask in subsets:
                sub = both[mask]
                sub = sub[~np.isnan(sub).any(axis=1)]
                prf_rows.append({"reference": reference, "code": code, **_prf(sub)})
    pair_columns = ["rater_a", "rater_b", "code", "statistic", "value", "low", "high", "n_units"]
    multi_columns = ["code", "n_raters", "statistic", "value", "low", "high", "n_units"]
    prf_columns = ["reference", "code", "n_units", "tp", "fp", "fn", "precision", "recall", "f1"]
    return AgreementResult(
        ratings=ratings,
        pairs=pd.DataFrame(pair_rows, columns=pair_columns),
        multi=pd.DataFrame(multi_rows, columns=multi_columns),
        prf=pd.DataFrame(prf_rows, columns=prf_columns),
        resamples=resamples,
        seed=seed,
    )


# The package exports the function under this name: ``textcode.review.agreement`` is the module.
measure_agreement = agreement


def _rows(matrix: Array, pair: bool, resamples: int, seed: int, **key: Any) -> list[dict[str, Any]]:
    stats = agreement_statistics(matrix, pair=pair)
    intervals = bootstrap_intervals(matrix, pair=pair, resamples=resamples, seed=seed)
    return [
        {
            **key,
            "statistic": name,
            "value": stats[name],
            "low": intervals[name][0],
            "high": intervals[name][1],
            "n_units": int(matrix.shape[0]),
        }
        for name in (STATISTICS if pair else MULTI_STATISTICS)
    ]


def _prf(matrix: Array) -> dict[str, Any]:
    machine, reference = matrix[:, 0], matrix[:, 1]
    tp = int(((machine == 1) & (reference == 1)).sum())
    fp = int(((machine == 1) & (reference == 0)).sum())
    fn = int(((machine == 0) & (reference == 1)).sum())
    precision = tp / (tp + fp) if tp + fp else math.nan
    recall = tp / (tp + fn) if tp + fn else math.nan
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else math.nan
    return {
        "n_units": int(matrix.shape[0]),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "precision": precision,
        "recall": recall,
        "f1": f1,
    }
