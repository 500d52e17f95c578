"""The largest differences between groups: which answers depend most on an attribute.

For every attribute of the sidecar (organisation type, level, commissioner, …) and every
multiple-choice option and closed-question category, the units that chose it are set against
the units that answered, per group of the attribute, screened with chi-square, and the best
tested for independence with
:func:`~textcode.analysis.crosstab.independence_test` (Fisher's exact test, with a Monte Carlo
p-value for tables larger than 2x2, when expected counts are small; else chi-square). The
result lists each test with the groups at both ends, most significant first, and whether its
groups are small (``small_n``: the smallest group has fewer than ``SMALL_GROUP`` units).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import stats

from textcode.analysis.crosstab import independence_test
from textcode.analysis.frames import sorted_ids, texts, tuples

if TYPE_CHECKING:
    from textcode.analysis.survey import SurveyAnalysis

SMALL_GROUP = 10
DIFFERENCE_COLUMNS = (
    "attribute",
    "question",
    "value",
    "label",
    "unit",
    "high",
    "high_n",
    "high_base",
    "low",
    "low_n",
    "low_base",
    "difference",
    "test",
    "p_value",
    "small_counts",
    "smallest_group",
    "small_n",
    "ids",
)


def _items(
    analysis: SurveyAnalysis,
) -> Iterator[tuple[str, str, str, str | None, frozenset[str], tuple[str, ...]]]:
    """(question, value, label, unit, units who answered, units who chose it) to test."""
    roles = analysis.roles
    if roles is None:
        return
    for multi in roles.multiselect:
        table = analysis.multiselect.get(multi.id)
        if table is None or not len(table):
            continue
        answered = frozenset(i for ids in table["ids"] for i in ids)
        label = multi.label or multi.id
        for row in tuples(table[table["kind"] == "option"]):
            yield (
                multi.id,
                str(row.option),
                f"{label}: {row.label}",
                multi.unit,
                answered,
                tuple(row.ids),
            )
    for question in roles.questions:
        table = analysis.closed.get(question.column)
        if table is None or not len(table):
            continue
        answered = frozenset(i for ids in table["ids"] for i in ids)
        label = question.label or question.column
        if question.scale == "agree" and question.agree:
            chosen = table[table["category"].isin(set(question.agree))]
            ids = tuple(i for group in chosen["ids"] for i in group)
            yield question.column, "+".join(question.agree), label, question.unit, answered, ids
            continue
        for row in tuples(table):
            yield (
                question.column,
                str(row.category),
                f"{label}: {row.category}",
                question.unit,
                answered,
                tuple(row.ids),
            )


def _chi_square_p(table: np.ndarray) -> float:
    """Pearson's chi-square p-value of a table of counts (no zero margins)."""
    counts = table.astype(float)
    expected = counts.sum(axis=1, keepdims=True) * counts.sum(axis=0, keepdims=True) / counts.sum()
    statistic = float(((counts - expected) ** 2 / expected).sum())
    dof = (counts.shape[0] - 1) * (counts.shape[1] - 1)
    return float(stats.chi2.sf(statistic, dof))


def group_differences(
    analysis: SurveyAnalysis, *, min_group: int = 2, top: int = 10
) -> pd.DataFrame:
    """The ``top`` differences of every option and category against every attribute, most
    significant first.

    All pairs are screened with chi-square; the ``top`` get the proper test (exact or Monte
    Carlo where counts are small). Groups with fewer than ``min_group`` units who answered are
    left out of a test.
    """
    roles = analysis.roles
    records: list[dict[str, Any]] = []
    if roles is None:
        return pd.DataFrame(columns=list(DIFFERENCE_COLUMNS))
    rows = analysis.rows
    groups_of: dict[tuple[str, str], dict[str, str]] = {}
    for attribute in roles.attributes:
        if attribute not in rows.columns:
            continue
        for question, value, label, unit, answered, chosen in _items(analysis):
            if question == attribute:
                continue
            column = analysis.unit_columns.get(unit or "", "response_id")
            if column not in rows.columns:
                continue
            key = (attribute, column)
            if key not in groups_of:
                # A unit's group: the attribute on its first row (unit-level answers repeat).
                frame = pd.DataFrame(
                    {
                        "unit": texts(rows[column]).to_numpy(),
                        "group": texts(rows[attribute]).to_numpy(),
                    }
                ).drop_duplicates("unit")
                groups_of[key] = dict(zip(frame["unit"], frame["group"], strict=True))
            group_of = groups_of[key]
            chosen_set = set(chosen)
            size: Counter[str] = Counter()
            hits: Counter[str] = Counter()
            for unit_id in answered:
                group = group_of.get(unit_id, "")
                if group:
                    size[group] += 1
                    hits[group] += unit_id in chosen_set
            groups = sorted(g for g in size if size[g] >= min_group)
            total = sum(hits[g] for g in groups)
            if len(groups) < 2 or total == 0 or total == sum(size[g] for g in groups):
                continue
            table = np.array([[hits[g] for g in groups], [size[g] - hits[g] for g in groups]])
            shares = {g: hits[g] / size[g] for g in groups}
            # The highest share first; equal shares in group order (stable).
            order = sorted(groups, key=lambda g: -shares[g])
            high, low = order[0], order[-1]
            ids = sorted_ids(u for u in chosen_set if group_of.get(u, "") == high)
            records.append(
                {
                    "attribute": attribute,
                    "question": question,
                    "value": value,
                    "label": label,
                    "unit": unit or "",
                    "high": high,
                    "high_n": hits[high],
                    "high_base": size[high],
                    "low": low,
                    "low_n": hits[low],
                    "low_base": size[low],
                    "difference": shares[high] - shares[low],
                    # Screened by chi-square (fast); the best get the proper test below.
                    "test": "",
                    "p_value": _chi_square_p(table),
                    "small_counts": False,
                    "smallest_group": min(size[g] for g in groups),
                    "small_n": min(size[g] for g in groups) < SMALL_GROUP,
                    "ids": ids,
                    "_table": table,
                }
            )
    records.sort(key=lambda r: (r["p_value"], -r["difference"]))
    for record in records[:top]:
        result = independence_test(record["_table"])
        record["test"] = result.test
        record["p_value"] = float(result.p_value) if result.p_value is not None else 1.0
        record["small_counts"] = bool(result.small_counts)
    records = records[:top]
    for record in records:
        del record["_table"]
    frame = pd.DataFrame.from_records(records, columns=list(DIFFERENCE_COLUMNS))
    return frame.sort_values(
        ["p_value", "difference", "attribute", "question", "value"],
        ascending=[True, False, True, True, True],
        kind="mergesort",
    ).reset_index(drop=True)


__all__ = ["DIFFERENCE_COLUMNS", "SMALL_GROUP", "group_differences"]
