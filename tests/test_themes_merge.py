"""Automatic k merges themes whose labels and answers overlap, and says which (issue 20)."""

from __future__ import annotations

import numpy as np
import pytest

from textcode.themes import ThemeFinder

# Invented answers to "what struck you in the news": corona and covid are one theme told in
# two words, which never stand in one answer but stand next to the same words. 260 answers,
# a large input: the words weigh most, so covid is a cluster of its own until merged.
ANSWERS = (
    ["corona"] * 40
    + ["corona en de toeslagenaffaire"] * 10
    + ["corona en het kabinet"] * 6
    + ["covid"] * 16
    + ["covid en de toeslagenaffaire"] * 5
    + ["covid en het kabinet"] * 3
    + ["de toeslagenaffaire"] * 30
    + ["de val van het kabinet"] * 12
    + ["het kabinet is gevallen"] * 8
) * 2


def cluster_of(finder: ThemeFinder, text: str) -> int:
    found = {int(c) for t, c in zip(ANSWERS, finder.labels_, strict=True) if t == text}
    assert len(found) == 1, text
    return found.pop()


@pytest.fixture(scope="module")
def finder() -> ThemeFinder:
    return ThemeFinder(use_codebook=False).fit(ANSWERS)


def test_covid_and_corona_are_merged_and_the_merge_is_reported(finder: ThemeFinder) -> None:
    assert cluster_of(finder, "covid") == cluster_of(finder, "corona")
    assert cluster_of(finder, "de toeslagenaffaire") != cluster_of(finder, "corona")
    assert cluster_of(finder, "de val van het kabinet") not in {
        cluster_of(finder, "corona"),
        cluster_of(finder, "de toeslagenaffaire"),
    }
    choice = finder.results_[0].k_choice
    assert any("covid" in f"{m.kept} {m.merged}" for m in choice.merges)
    assert all(m.label_similarity >= 0.4 and m.member_similarity >= 0.4 for m in choice.merges)
    assert "merged" in choice.reason
    data = finder.to_dict()["questions"][0]["k_choice"]
    assert data["merged"] and {"kept", "merged", "label_similarity"} <= set(data["merged"][0])
    corona = finder.themes_[cluster_of(finder, "corona")]
    assert {"corona", "covid"} <= set(corona.label_lemmas)
    assert "toeslagenaffaire" not in corona.label_lemmas  # said next to corona, named elsewhere
    assert finder.themes_[cluster_of(finder, "de toeslagenaffaire")].label_lemmas[0] == (
        "toeslagenaffaire"
    )


def test_a_fixed_k_never_merges(finder: ThemeFinder) -> None:
    fixed = ThemeFinder(4, use_codebook=False).fit(ANSWERS)
    assert len(fixed.themes_) == 4 and fixed.results_[0].k_choice.merges == ()
    plain = ThemeFinder(use_codebook=False, associations=False).fit(ANSWERS)
    assert plain.results_[0].k_choice.merges == ()
    assert cluster_of(plain, "covid") != cluster_of(plain, "corona")  # words alone: two themes
    assert np.array_equal(ThemeFinder(use_codebook=False).fit(ANSWERS).labels_, finder.labels_)
