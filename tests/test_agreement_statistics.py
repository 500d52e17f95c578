"""Agreement statistics equal scikit-learn, the krippendorff package and nltk on the same data."""

from __future__ import annotations

import math
import warnings

import krippendorff  # GPL-3.0: an oracle in tests only, never imported by textcode
import numpy as np
import pytest
from nltk.metrics.agreement import AnnotationTask
from sklearn.metrics import cohen_kappa_score

from textcode.review.agreement import agreement_statistics, bootstrap_intervals


def _raters(n_units: int, n_raters: int, seed: int, flip: float = 0.2) -> np.ndarray:
    rng = np.random.default_rng(seed)
    truth = rng.random(n_units) < 0.35
    noise = rng.random((n_units, n_raters)) < flip
    return (truth[:, None] ^ noise).astype(float)


def _task(matrix: np.ndarray) -> AnnotationTask:
    data = [
        (f"r{j}", f"u{i}", int(matrix[i, j]))
        for i in range(matrix.shape[0])
        for j in range(matrix.shape[1])
        if not np.isnan(matrix[i, j])
    ]
    return AnnotationTask(data=data)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pair_statistics_equal_sklearn_nltk_and_krippendorff(seed: int) -> None:
    matrix = _raters(80, 2, seed)
    stats = agreement_statistics(matrix)
    task = _task(matrix)
    assert stats["cohen_kappa"] == pytest.approx(cohen_kappa_score(matrix[:, 0], matrix[:, 1]))
    assert stats["cohen_kappa"] == pytest.approx(task.kappa())
    assert stats["fleiss_kappa"] == pytest.approx(task.pi())  # Scott's pi for two raters
    assert stats["brennan_prediger"] == pytest.approx(task.S())
    assert stats["percent_agreement"] == pytest.approx(task.avg_Ao())
    assert stats["krippendorff_alpha"] == pytest.approx(task.alpha())
    assert stats["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=matrix.T, level_of_measurement="nominal")
    )


def test_multi_rater_statistics_equal_nltk_and_krippendorff() -> None:
    matrix = _raters(120, 4, seed=7)
    stats = agreement_statistics(matrix)
    task = _task(matrix)
    assert "cohen_kappa" not in stats
    assert stats["fleiss_kappa"] == pytest.approx(task.pi())
    assert stats["brennan_prediger"] == pytest.approx(task.S())
    assert stats["percent_agreement"] == pytest.approx(task.avg_Ao())
    assert stats["krippendorff_alpha"] == pytest.approx(task.alpha())
    assert stats["krippendorff_alpha"] == pytest.approx(
        krippendorff.alpha(reliability_data=matrix.T, level_of_measurement="nominal")
    )


def test_krippendorff_alpha_with_missing_values_equals_package() -> None:
    matrix = _raters(100, 3, seed=11)
    rng = np.random.default_rng(5)
    matrix[rng.random(matrix.shape) < 0.3] = np.nan
    expected = krippendorff.alpha(reliability_data=matrix.T, level_of_measurement="nominal")
    assert agreement_statistics(matrix)["krippendorff_alpha"] == pytest.approx(expected)


def test_gwet_ac1_resolves_the_kappa_paradox() -> None:
    # Gwet's (2008) textbook table: 118 agree on "code", 5 + 2 disagree, 0 agree on "no code".
    rows = [(1, 1)] * 118 + [(1, 0)] * 5 + [(0, 1)] * 2
    matrix = np.array(rows, dtype=float)
    stats = agreement_statistics(matrix)
    assert stats["percent_agreement"] == pytest.approx(118 / 125)
    pi = (123 / 125 + 120 / 125) / 2
    expected_ac1 = (118 / 125 - 2 * pi * (1 - pi)) / (1 - 2 * pi * (1 - pi))
    assert stats["gwet_ac1"] == pytest.approx(expected_ac1)
    assert stats["gwet_ac1"] == pytest.approx(0.9408, abs=1e-4)
    assert stats["cohen_kappa"] == pytest.approx(cohen_kappa_score(matrix[:, 0], matrix[:, 1]))
    assert stats["cohen_kappa"] < 0 < stats["gwet_ac1"]


def test_undefined_kappa_is_nan_like_sklearn() -> None:
    matrix = np.ones((10, 2))
    stats = agreement_statistics(matrix)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert math.isnan(cohen_kappa_score(matrix[:, 0], matrix[:, 1]))
    assert math.isnan(stats["cohen_kappa"]) and math.isnan(stats["krippendorff_alpha"])
    assert stats["percent_agreement"] == 1.0


def test_bootstrap_is_reproducible_and_brackets_the_estimate() -> None:
    matrix = _raters(150, 2, seed=3)
    first = bootstrap_intervals(matrix, pair=True, resamples=500, seed=42)
    again = bootstrap_intervals(matrix, pair=True, resamples=500, seed=42)
    other = bootstrap_intervals(matrix, pair=True, resamples=500, seed=43)
    assert first == again and first != other
    stats = agreement_statistics(matrix)
    for name, (low, high) in first.items():
        assert low <= stats[name] <= high, name
        assert high - low < 0.5
