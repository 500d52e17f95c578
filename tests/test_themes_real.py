"""Real answers (VU election panel 2021, question B1): clusters a Dutch reader recognises.

Reads ../shared/data/real when it exists (never copied into the repository); skipped otherwise.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from textcode.ingest import read_answers
from textcode.themes import ThemeFinder
from textcode.themes.features import FeatureExtractor
from textcode.themes.general_words import general_words

REAL = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "data"
    / "real"
    / "vu_election_2021"
    / "vu_panel_2021_open_answers.csv"
)
pytestmark = pytest.mark.skipif(not REAL.exists(), reason="../shared/data/real is not present")


@pytest.fixture(scope="module")
def b1() -> ThemeFinder:
    answers = read_answers(
        REAL, id_column="respondent_id", question_column="variable", text_columns=["answer"]
    )
    return ThemeFinder().fit(answers[answers["question"] == "B1"])


def test_b1_names_the_themes_of_the_2021_campaign(b1: ThemeFinder) -> None:
    labels = [" ".join(t.top_lemmas[:3]) for t in b1.themes_]
    top = labels[:5]
    assert any("toeslag" in label for label in top)
    assert any("corona" in label for label in top)
    assert any("kabinet" in label for label in top)
    assert any("rutte" in label for label in labels)
    assert 5 <= len(b1.themes_) <= 30


def test_b1_leaves_only_non_answers_outside_the_clusters(b1: ThemeFinder) -> None:
    outside = b1.labels_ < 0
    assert outside.mean() < 0.15  # "xxxxxx", "Nvt", "weet ik niet": about a tenth
    assert set(b1.status_[outside]) == {"non_substantive"}
    texts = b1.answers_["text"].to_numpy()[outside]
    lowered = {t.strip().lower() for t in texts}
    assert {"nvt", "xxxxxx", "weet ik niet"} <= lowered
    assert not {"corona", "toeslagenaffaire", "rutte"} & lowered
    assert np.isfinite(b1.distances_[~outside]).all()


def test_b1_the_affair_is_one_theme_and_corona_covid_another(b1: ThemeFinder) -> None:
    """Issue 20: the allowances affair was split over three clusters and corona and covid
    were two themes. Answers that are one word (or a common spelling) are looked up by text."""
    texts = b1.answers_["text"].str.strip().str.lower().to_numpy()

    def clusters_of(*answers: str) -> set[int]:
        found = np.isin(texts, answers)
        assert found.sum() >= len(answers), answers
        return set(b1.labels_[found].tolist())

    affair = clusters_of(
        "toeslagenaffaire", "toeslagen affaire", "toeslagaffaire", "kindertoeslag",
        "kinderopvangtoeslag",
    )  # fmt: skip
    corona = clusters_of("corona", "covid", "coronacrisis", "corona crisis")
    assert len(affair) == 1 and len(corona) == 1 and affair != corona
    choice = b1.results_[0].k_choice
    merged = " ".join(f"{m.kept} {m.merged}" for m in choice.merges)
    assert "covid" in merged and "kinderopvang" in merged  # said, not done silently
    corona_theme = b1.themes_[corona.pop()]
    assert {"corona", "covid"} <= set(corona_theme.label_lemmas)
    assert "toeslag" not in corona_theme.label_lemmas
    assert 5 <= len(b1.themes_) <= 30


@pytest.mark.parametrize(
    ("question", "general"),
    [("A2_text", {"partij", "goed"}), ("B1", set()), ("H8", set())],
)
def test_only_the_vote_question_has_general_words(question: str, general: set[str]) -> None:
    """Answers to "why did you vote for this party?": "partij" and "goed" stand beside every motive;
    "corona" (B1) and "oorlog" (H8) are as common but themes of their own."""
    answers = read_answers(
        REAL, id_column="respondent_id", question_column="variable", text_columns=["answer"]
    )
    texts = answers.loc[answers["question"] == question, "text"].tolist()
    words = [f.words for f in FeatureExtractor("nl").extract_many(texts)]
    assert general_words(words) == general
