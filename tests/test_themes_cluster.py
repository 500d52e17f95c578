"""Clustering: sensible groups on small inputs, the gold set's NMI, the rule for cluster -1."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from textcode.codebook import Codebook, load_codebook
from textcode.ingest import read_answers
from textcode.themes import ThemeFinder, find_themes, parse_k
from textcode.themes.cluster import cluster_matrix, place_by_letters
from textcode.themes.features import FeatureExtractor, term_matrix

DATA = Path(__file__).resolve().parent / "data" / "themes"


@pytest.fixture(scope="module")
def small_codebook() -> Codebook:
    return load_codebook(DATA / "codebook_small.yaml")


@pytest.fixture(scope="module")
def small() -> pd.DataFrame:
    return read_answers(
        DATA / "belemmeringen_nl.csv", id_column="respnr", text_columns=["belemmering"]
    )


def groups_of(finder: ThemeFinder, table: pd.DataFrame) -> dict[str, int]:
    return dict(zip(table["response_id"], finder.labels_.tolist(), strict=True))


def test_small_input_groups_answers_that_share_their_theme(
    small: pd.DataFrame, small_codebook: Codebook
) -> None:
    finder = ThemeFinder(codebook=small_codebook).fit(small)
    group = groups_of(finder, small)
    # geld, tijd, leverancier, weerstand, koppeling: each theme is one cluster
    for members in (
        ("r01", "r02", "r03", "r04"),
        ("r05", "r06", "r07"),
        ("r14", "r15", "r16", "r17"),
        ("r08", "r09"),
        ("r10", "r11"),
    ):
        assert len({group[m] for m in members}) == 1, members
    assert group["r01"] != group["r05"] != group["r14"]
    labels = {t.id: t.top_lemmas[0] for t in finder.themes_}
    assert labels[group["r01"]] == "geld"
    assert labels[group["r05"]] == "tijd"
    assert labels[group["r14"]] == "leverancier"


def test_only_non_substantive_answers_are_in_no_cluster(
    small: pd.DataFrame, small_codebook: Codebook
) -> None:
    finder = ThemeFinder(codebook=small_codebook).fit(small)
    outside = set(small["response_id"][finder.labels_ < 0])
    assert outside == {"r18", "r19", "r20", "r21", "r22"}  # nvt, -, weet ik niet, xxxxxx, ""
    assert set(finder.status_[finder.labels_ < 0]) == {"non_substantive"}
    result = finder.results_[0]
    assert (result.n_answers, result.n_clustered, result.n_non_substantive) == (23, 18, 5)
    assert sum(t.size for t in finder.themes_) == 18


def test_fixed_k_gives_that_many_clusters(small: pd.DataFrame, small_codebook: Codebook) -> None:
    for k in (1, 3, 6):
        finder = ThemeFinder(k, codebook=small_codebook).fit(small)
        assert len(finder.themes_) == k
        assert set(finder.labels_[finder.labels_ >= 0].tolist()) == set(range(k))
    assert len(ThemeFinder("3", codebook=small_codebook).fit(small).themes_) == 3


def test_same_answers_in_another_order_give_the_same_groups(
    small: pd.DataFrame, small_codebook: Codebook
) -> None:
    first = groups_of(ThemeFinder(codebook=small_codebook).fit(small), small)
    shuffled = small.sample(frac=1.0, random_state=3).reset_index(drop=True)
    second = groups_of(ThemeFinder(codebook=small_codebook).fit(shuffled), shuffled)
    ids = sorted(first)
    assert adjusted_rand_score([first[i] for i in ids], [second[i] for i in ids]) == 1.0


def test_themes_describe_size_lemmas_representatives_and_codes(
    small: pd.DataFrame, small_codebook: Codebook
) -> None:
    finder = ThemeFinder(codebook=small_codebook).fit(small)
    money = next(t for t in finder.themes_ if t.top_lemmas[0] == "geld")
    assert money.size == 5 and money.share == pytest.approx(5 / 18)
    assert money.codes[0] == ("belemmering.financiering", 4)
    assert len(money.representatives) == 3 and money.representative_ids[0].startswith("r0")
    assert 0 < money.coherence <= 1
    assert [t.size for t in finder.themes_] == sorted(
        (t.size for t in finder.themes_), reverse=True
    )


def test_representatives_are_redacted_unless_asked(
    small: pd.DataFrame, small_codebook: Codebook
) -> None:
    shown = ThemeFinder(codebook=small_codebook, n_representatives=10).fit(small)
    texts = [r for t in shown.themes_ for r in t.representatives]
    assert any("[TELEFOON]" in r for r in texts)
    assert not any("06-12345678" in r or "Petra" in r for r in texts)
    plain = ThemeFinder(codebook=small_codebook, n_representatives=10, redact=False).fit(small)
    assert any("06-12345678" in r for t in plain.themes_ for r in t.representatives)


def test_dev_gold_nmi_per_question(gold_path: Path) -> None:
    """Issue 5: each question's clustering scores NMI >= 0.5 against the gold codes."""
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    rows = [r for r in rows if len(r["codes"]) == 1]
    table = pd.DataFrame(
        {
            "response_id": [r["id"] for r in rows],
            "question": [r["question"] for r in rows],
            "text": [r["text"] for r in rows],
        }
    )
    finder = ThemeFinder().fit(table)
    gold = np.asarray([r["codes"][0] for r in rows])
    for question in ("kennisbehoefte", "succesfactor", "belemmering"):
        mask = (table["question"] == question).to_numpy()
        nmi = normalized_mutual_info_score(gold[mask], finder.labels_[mask])
        assert nmi >= 0.5, (question, nmi)
        # The non-substantive gold answers are exactly the ones in no cluster.
        assert set(gold[mask][finder.labels_[mask] < 0]) == {"overig.geen_inhoud"}


def test_a_list_of_texts_is_enough() -> None:
    finder = find_themes(
        ["corona", "de coronacrisis", "toeslagenaffaire", "toeslagen affaire", "nvt"],
        use_codebook=False,
    )
    assert finder.labels_[-1] == -1
    assert finder.labels_[0] == finder.labels_[1] != finder.labels_[2] == finder.labels_[3]
    assert finder.predict(["Corona!", "De toeslagaffaire"]).tolist() == [
        finder.labels_[0],
        finder.labels_[2],
    ]
    distances = finder.transform(["corona"])
    assert distances.shape == (1, 2) and distances[0, finder.labels_[0]] < 0.5


def test_answers_without_a_shared_word_are_placed_by_their_letters() -> None:
    texts = ["kinderopvang", "kinderopvang toeslag", "klimaat", "klimaat beleid", "konderopvang"]
    extractor = FeatureExtractor("nl")
    matrix = term_matrix(extractor.extract_many(texts), min_df=2)
    clustering = cluster_matrix(matrix.tfidf, 2, texts=texts)
    assert clustering.fallback.tolist() == [False, False, False, False, True]
    assert clustering.labels[4] == clustering.labels[0] != clustering.labels[2]
    assert place_by_letters(texts, clustering.labels, 2, np.asarray([4]))[0] == clustering.labels[0]


@pytest.mark.parametrize("value", ["0", "-2", "veel", "2.5"])
def test_k_must_be_auto_or_a_whole_number(value: str) -> None:
    with pytest.raises(ValueError, match="k must be"):
        parse_k(value)


@pytest.mark.parametrize("method", ["kmeans", "agglomerative", "nmf"])
def test_comparison_methods_cluster_every_substantive_answer(
    small: pd.DataFrame, small_codebook: Codebook, method: str
) -> None:
    finder = ThemeFinder(method=method, codebook=small_codebook).fit(small)
    assert ((finder.labels_ >= 0) == (finder.status_ == "clustered")).all()


def test_new_texts_are_predicted_in_the_fitted_question(
    small: pd.DataFrame, small_codebook: Codebook
) -> None:
    finder = ThemeFinder(codebook=small_codebook).fit(small)
    supplier = finder.labels_[(small["response_id"] == "r14").to_numpy()][0]
    assert finder.predict(["De leverancier kwam te laat", "nvt"]).tolist() == [supplier, -1]
    distances = finder.transform(["Te weinig geld"])
    money = finder.labels_[(small["response_id"] == "r01").to_numpy()][0]
    assert distances[0].argmin() == money and distances[0, money] < 0.5


def test_questions_take_their_codebook_group_and_keep_the_input_name() -> None:
    table = pd.DataFrame(
        {
            "response_id": ["1", "2", "3", "4"],
            "question": "belemmering_overig",
            "text": ["Te weinig geld", "Het geld was op", "Geen tijd", "Te weinig tijd"],
        }
    )
    finder = ThemeFinder().fit(table)
    assert list(finder.models_) == ["belemmering"]
    assert {t.question for t in finder.themes_} == {"belemmering"}
    assignments = finder.assignments_
    assert set(assignments["question"]) == {"belemmering"}
    assert set(assignments["source_question"]) == {"belemmering_overig"}
    assert finder.to_dict()["questions"][0]["source_questions"] == ["belemmering_overig"]
    new = pd.DataFrame({"question": ["belemmering_overig"], "text": ["Er was geen geld"]})
    assert finder.predict(new).tolist() == [finder.labels_[0]]
    plain = ThemeFinder(use_codebook=False).fit(table)
    assert list(plain.models_) == ["belemmering_overig"]
