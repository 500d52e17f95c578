"""Cross-tabulation by a respondent attribute, with a significance test and small-count care.

The test is chosen by the table: Fisher's exact test when an expected count is below 5 and the
table is small (2x2 always, exact; larger tables up to ``FISHER_MAX_N`` respondents, with a
Monte Carlo p-value from a fixed seed so that runs agree), else Pearson's chi-square. Whenever
an expected count is below 5 the result says so (``small_counts``) with a warning, as Cochran's
rule asks; the p-value then needs care.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats

from textcode.analysis.frames import (
    EMPTY_CODE,
    answer_status,
    check_answers,
    decisions,
    filter_rows,
    sorted_ids,
    texts,
    unit_ids,
)
from textcode.analysis.html import escape, frame_html

if TYPE_CHECKING:
    from textcode.codebook import Codebook

FISHER_MAX_N = 120
FISHER_RESAMPLES = 9999
FISHER_SEED = 20200707
SMALL_EXPECTED = 5.0


@dataclass(frozen=True)
class TestResult:
    """A test of independence on one contingency table."""

    test: str  # "chi-square", "fisher exact" or "none"
    statistic: float | None
    p_value: float | None
    dof: int | None
    min_expected: float | None
    small_counts: bool
    warning: str = ""
    small_cells: float = 0.0  # share of the cells that expect fewer than 5


def independence_test(table: np.ndarray | pd.DataFrame) -> TestResult:
    """Chi-square or Fisher exact on a contingency table of counts (see the module doc)."""
    counts = np.asarray(table, dtype=float)
    counts = counts[counts.sum(axis=1) > 0][:, counts.sum(axis=0) > 0]
    if counts.ndim != 2 or min(counts.shape) < 2:
        return TestResult("none", None, None, None, None, False, "fewer than two groups to compare")
    total = counts.sum()
    expected = counts.sum(axis=1, keepdims=True) * counts.sum(axis=0, keepdims=True) / total
    min_expected = float(expected.min())
    small_cells = float((expected < SMALL_EXPECTED).mean())
    small = min_expected < SMALL_EXPECTED
    dof = (counts.shape[0] - 1) * (counts.shape[1] - 1)
    warning = ""
    if small:
        warning = (
            f"small counts: {small_cells:.0%} of the cells expect fewer than 5 "
            f"(smallest {min_expected:.1f})"
        )
    if small and (counts.shape == (2, 2) or total <= FISHER_MAX_N):
        try:
            if counts.shape == (2, 2):
                result = stats.fisher_exact(counts.astype(int))
            else:
                # Larger tables get a Monte Carlo p-value; a fixed seed keeps it reproducible.
                method = stats.MonteCarloMethod(
                    n_resamples=FISHER_RESAMPLES, rng=np.random.default_rng(FISHER_SEED)
                )
                result = stats.fisher_exact(counts.astype(int), method=method)
            statistic = float(result.statistic) if counts.shape == (2, 2) else None
            # scipy returns the Monte Carlo p-value as a one-element array when every
            # resampled table is the observed one (one respondent per group).
            p_value = float(np.asarray(result.pvalue).reshape(-1)[0])
            return TestResult(
                "fisher exact",
                statistic,
                p_value,
                dof,
                min_expected,
                small,
                warning,
                small_cells,
            )
        except (ValueError, MemoryError):  # pragma: no cover - scipy declines large tables
            pass
    chi2, p, dof_, _ = stats.chi2_contingency(counts, correction=False)
    if small:
        warning += "; chi-square p-value unreliable"
    return TestResult(
        "chi-square", float(chi2), float(p), int(dof_), min_expected, small, warning, small_cells
    )


@dataclass(frozen=True)
class Crosstab:
    """Counts of a closed question (columns) by an attribute (rows), with its test."""

    counts: pd.DataFrame
    test: TestResult
    row: str
    column: str
    ids: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def shares(self) -> pd.DataFrame:
        """Row percentages (each attribute value's answers add up to 1)."""
        totals = self.counts.sum(axis=1).replace(0, np.nan)
        return self.counts.div(totals, axis=0).fillna(0.0)

    def _repr_html_(self) -> str:
        return _test_html(self.test) + frame_html(
            self.counts.reset_index(), caption=f"{self.column} by {self.row}"
        )


def crosstab(
    rows: pd.DataFrame,
    row: str,
    column: str,
    *,
    unit: str | None = None,
    row_order: Sequence[str] = (),
    column_order: Sequence[str] = (),
    where: Mapping[str, Sequence[str]] | Sequence[tuple[str, Sequence[str]]] = (),
) -> Crosstab:
    """Two closed variables against each other, counted once per unit."""
    subset = filter_rows(rows, where)
    frame = pd.DataFrame(
        {
            "unit": unit_ids(subset, unit).to_numpy(),
            "row": texts(subset[row]).to_numpy(),
            "column": texts(subset[column]).to_numpy(),
        }
    )
    frame = frame[(frame["row"] != "") & (frame["column"] != "")].drop_duplicates("unit")
    rows_seen = list(row_order) + sorted(set(frame["row"]) - set(row_order))
    cols_seen = list(column_order) + sorted(set(frame["column"]) - set(column_order))
    counts = pd.crosstab(frame["row"], frame["column"]).reindex(
        index=rows_seen, columns=cols_seen, fill_value=0
    )
    counts.index.name, counts.columns.name = row, column
    ids = {
        (str(r), str(c)): sorted_ids(group["unit"])
        for (r, c), group in frame.groupby(["row", "column"], sort=False)
    }
    return Crosstab(counts.astype(int), independence_test(counts), row, column, ids)


@dataclass(frozen=True)
class CodeCrosstab:
    """Respondents mentioning each code (rows) per attribute value (columns), tested per code."""

    counts: pd.DataFrame
    base: pd.Series
    tests: pd.DataFrame
    by: str
    question: str
    ids: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict, repr=False)

    @property
    def shares(self) -> pd.DataFrame:
        """Share of each group's respondents (who answered) that mention the code."""
        return self.counts.div(self.base.replace(0, np.nan), axis=1).fillna(0.0)

    @property
    def small_counts(self) -> bool:
        return bool(self.tests["small_counts"].any()) if len(self.tests) else False

    def _repr_html_(self) -> str:
        table = self.counts.copy()
        table.loc["N (answered)"] = self.base
        head = f"<p><b>{escape(self.question)}</b> by <b>{escape(self.by)}</b></p>"
        return head + frame_html(table.reset_index()) + frame_html(self.tests)


def code_crosstab(
    suggestions: pd.DataFrame,
    answers: pd.DataFrame,
    by: str,
    *,
    question: str,
    codebook: Codebook | None = None,
    respondent: str | None = None,
    group_order: Sequence[str] = (),
    empty_code: str = EMPTY_CODE,
) -> CodeCrosstab:
    """Codes of one open question by an attribute such as the organisation type.

    Counts respondents (the ``respondent`` column, default the response id) with a substantive
    answer; each code gets a test of mentioned / not mentioned against the groups.
    """
    check_answers(answers)
    if by not in answers.columns:
        raise ValueError(f"no attribute column {by!r} in the answers table")
    status = answer_status(answers, suggestions, empty_code=empty_code).reset_index(drop=True)
    status["unit"] = unit_ids(answers.reset_index(drop=True), respondent).to_numpy()
    status["group"] = texts(answers[by].reset_index(drop=True)).to_numpy()
    status = status[
        (status["question"] == question) & status["substantive"] & (status["group"] != "")
    ]
    units = status.drop_duplicates("unit")
    groups = list(group_order) + sorted(set(units["group"]) - set(group_order))
    base = units.groupby("group").size().reindex(groups, fill_value=0)
    coded = decisions(suggestions)
    coded = coded[(coded["question"] == question) & (coded["code"] != empty_code)]
    merged = coded.merge(status[["response_id", "unit", "group"]], on="response_id")
    merged = merged.drop_duplicates(["unit", "code"])
    order = {c.id: i for i, c in enumerate(codebook.codes)} if codebook is not None else {}
    codes = sorted(set(merged["code"]), key=lambda c: (order.get(c, len(order)), c))
    counts = (
        merged.groupby(["code", "group"]).size().unstack(fill_value=0)
        if len(merged)
        else pd.DataFrame()
    )
    counts = counts.reindex(index=codes, columns=groups, fill_value=0).astype(int)
    counts.index.name, counts.columns.name = "code", by
    records = []
    for code in codes:
        mentioned = counts.loc[code].to_numpy()
        table = np.vstack([mentioned, base.to_numpy() - mentioned])
        result = independence_test(table)
        records.append(
            {
                "code": code,
                "test": result.test,
                "statistic": result.statistic,
                "p_value": result.p_value,
                "min_expected": result.min_expected,
                "small_counts": result.small_counts,
                "warning": result.warning,
                "small_cells": result.small_cells,
            }
        )
    tests = pd.DataFrame.from_records(
        records,
        columns=[
            "code",
            "test",
            "statistic",
            "p_value",
            "min_expected",
            "small_counts",
            "warning",
            "small_cells",
        ],
    )
    ids = {
        (str(code), str(group)): sorted_ids(part["unit"])
        for (code, group), part in merged.groupby(["code", "group"], sort=False)
    }
    return CodeCrosstab(counts, base.astype(int), tests, by, question, ids)


def _test_html(test: TestResult) -> str:
    if test.p_value is None:
        return f"<p>No test: {escape(test.warning)}</p>"
    text = f"<p>{escape(test.test)}: p = {test.p_value:.3g}"
    if test.statistic is not None:
        text += f", statistic = {test.statistic:.3g}"
    if test.warning:
        text += f" <b>({escape(test.warning)})</b>"
    return text + "</p>"
