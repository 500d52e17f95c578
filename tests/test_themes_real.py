"""Real answers (VU election panel 2021, question B1): clusters a Dutch reader recognises.

Reads ../shared/data/real when it exists (never copied into the repository); skipped otherwise.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from textcode.ingest import read_answers
from textcode.themes import ThemeFinder

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
    assert 5 <= len(b1.themes_) <= 40


def test_b1_leaves_only_non_answers_outside_the_clusters(b1: ThemeFinder) -> None:
    outside = b1.labels_ < 0
    assert outside.mean() < 0.15  # "xxxxxx", "Nvt", "weet ik niet": about a tenth
    assert set(b1.status_[outside]) == {"non_substantive"}
    texts = b1.answers_["text"].to_numpy()[outside]
    lowered = {t.strip().lower() for t in texts}
    assert {"nvt", "xxxxxx", "weet ik niet"} <= lowered
    assert not {"corona", "toeslagenaffaire", "rutte"} & lowered
    assert np.isfinite(b1.distances_[~outside]).all()
