"""Cross-tabulation: the test chosen by the counts, and the small-count warning."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from textcode.analysis import code_crosstab, crosstab, independence_test
from textcode.records import SUGGESTION_FIELDS


def test_large_counts_use_chi_square() -> None:
    table = np.array([[30, 20], [15, 35]])
    result = independence_test(table)
    chi2, p, dof, _ = stats.chi2_contingency(table, correction=False)
    assert result.test == "chi-square"
    assert result.statistic == pytest.approx(chi2)
    assert result.p_value == pytest.approx(p)
    assert result.dof == dof == 1
    assert not result.small_counts and result.warning == ""


def test_small_2x2_uses_fisher_and_warns() -> None:
    table = np.array([[3, 0], [1, 4]])
    result = independence_test(table)
    assert result.test == "fisher exact"
    assert result.p_value == pytest.approx(stats.fisher_exact(table).pvalue)
    assert result.small_counts
    assert "small counts" in result.warning
    assert result.min_expected == pytest.approx(4 * 3 / 8)


def test_large_table_with_small_cells_warns_on_chi_square() -> None:
    # Too many respondents to enumerate, one sparse row: chi-square, flagged.
    table = np.array([[1, 0, 1], [40, 50, 45], [30, 35, 40], [20, 25, 30]])
    result = independence_test(table)
    assert result.test == "chi-square"
    assert result.small_counts
    assert "unreliable" in result.warning
    assert result.p_value == pytest.approx(stats.chi2_contingency(table, correction=False)[1])


def test_one_group_has_no_test() -> None:
    result = independence_test(np.array([[3, 4]]))
    assert result.test == "none" and result.p_value is None


def test_crosstab_of_two_closed_questions_counts_units_once() -> None:
    rows = pd.DataFrame(
        {
            "response_id": [f"p{i}" for i in range(8)],
            "vragenlijst_id": ["v1", "v1", "v2", "v3", "v4", "v5", "v6", "v6"],
            "type": ["VR", "VR", "VR", "VI", "VI", "VI", "Politie", "Politie"],
            "portefeuillehouder": ["Ja", "Ja", "Nee", "Ja", "Ja", "Nee", "Ja", "Ja"],
        }
    )
    table = crosstab(rows, "type", "portefeuillehouder", unit="vragenlijst_id")
    assert table.counts.loc["VR", "Ja"] == 1  # v1 counted once
    assert table.counts.loc["VI", "Ja"] == 2
    assert table.counts.values.sum() == 6
    assert table.ids[("VI", "Ja")] == ("v3", "v4")
    assert table.test.small_counts
    assert table.shares.loc["VI", "Ja"] == pytest.approx(2 / 3)
    assert "portefeuillehouder" in table._repr_html_()


def test_code_crosstab_by_organisation_type() -> None:
    answers = pd.DataFrame(
        {
            "response_id": ["a", "b", "c", "d", "e"],
            "question": ["kennisbehoefte"] * 5,
            "text": [
                "Kennis over aanbesteden",
                "Inkoop en aanbesteden van innovatie",
                "Big data en AI",
                "n.v.t.",
                "Drones en sensoren",
            ],
            "organisatietype": ["VR", "VR", "VI", "VI", "VI"],
        }
    )
    records = [
        ("a", "kennisbehoefte.inkoop"),
        ("b", "kennisbehoefte.inkoop"),
        ("c", "kennisbehoefte.technologie"),
        ("d", "overig.geen_inhoud"),
        ("e", "kennisbehoefte.technologie"),
    ]
    suggestions = pd.DataFrame(
        [
            {
                "suggestion_id": f"s{i}",
                "response_id": rid,
                "question": "kennisbehoefte",
                "code": code,
                "start": 0,
                "end": 4,
                "evidence": "",
                "rule": f"{code}#1",
                "confidence": 0.9,
                "negated": False,
                "explanation": "",
            }
            for i, (rid, code) in enumerate(records)
        ],
        columns=list(SUGGESTION_FIELDS),
    )
    table = code_crosstab(suggestions, answers, "organisatietype", question="kennisbehoefte")
    assert table.base.to_dict() == {"VI": 2, "VR": 2}  # "n.v.t." is not in the base
    assert table.counts.loc["kennisbehoefte.inkoop", "VR"] == 2
    assert table.counts.loc["kennisbehoefte.technologie", "VI"] == 2
    assert table.shares.loc["kennisbehoefte.inkoop", "VR"] == 1.0
    tests = table.tests.set_index("code")
    assert tests.loc["kennisbehoefte.inkoop", "test"] == "fisher exact"
    assert bool(tests.loc["kennisbehoefte.inkoop", "small_counts"])
    assert table.small_counts
    assert table.ids[("kennisbehoefte.technologie", "VI")] == ("c", "e")
    with pytest.raises(ValueError, match="leeftijd"):
        code_crosstab(suggestions, answers, "leeftijd", question="kennisbehoefte")


def test_fisher_on_a_table_with_a_single_arrangement() -> None:
    # Three organisations, one respondent each: scipy hands back its Monte Carlo p-value as a
    # one-element array for this table; it must still come out as a plain number.
    result = independence_test(np.array([[1, 0, 1], [0, 1, 0]]))
    assert result.test == "fisher exact"
    assert isinstance(result.p_value, float) and result.p_value == pytest.approx(1.0)
    assert result.small_counts
