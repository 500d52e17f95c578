"""Word associations learned from a corpus of answers (textcode.analysis.associations)."""

from __future__ import annotations

import numpy as np
import pytest

from textcode.analysis.associations import WordAssociations, _cooccurrence

# Invented short answers in the style of "what struck you in the news": corona and covid are
# never named together, but both stand next to the same words; the allowance affair has its
# own neighbours, and lists pair it with corona.
CORPUS = (
    ["de aanpak van corona", "corona maatregelen", "corona en de vaccinatie"] * 6
    + ["de aanpak van covid", "covid maatregelen", "covid en de vaccinatie"] * 3
    + ["de toeslagenaffaire", "toeslagen en de belastingdienst", "de belastingdienst"] * 5
    + ["corona en de toeslagenaffaire", "toeslagenaffaire en corona"] * 4
    + ["de val van het kabinet", "het kabinet viel", "val kabinet rutte"] * 4
)


@pytest.fixture(scope="module")
def model() -> WordAssociations:
    return WordAssociations().fit(CORPUS)


def test_words_that_share_contexts_are_associated(model: WordAssociations) -> None:
    assert model.similarity("corona", "covid") > 0.3
    assert model.similarity("corona", "toeslagenaffaire") < 0.1  # named together, not alike
    assert model.similarity("Covid", "CORONA") == model.similarity("covid", "corona")
    assert model.most_similar("covid", 3)[0][0] == "corona"
    assert "covid" not in [w for w, _ in model.most_similar("covid", 10)]


def test_answers_without_a_shared_word_can_be_alike(model: WordAssociations) -> None:
    alike = model.answer_similarity("covid", "de coronamaatregelen")
    unlike = model.answer_similarity("covid", "de val van het kabinet")
    assert alike > 0.15 > 0.05 > unlike
    vectors = model.answer_vectors(["covid", "xyzzy", ""])
    assert np.allclose(np.linalg.norm(vectors, axis=1), [1.0, 0.0, 0.0])


def test_the_forms_of_one_word_do_not_co_occur() -> None:
    # Given as one word ("toeslagenaffaire" with its parts), the parts share that word's
    # contexts and are not each other's context; written as words of their own, they are.
    tail = [["corona", "schandaal"]] * 5 + [["corona", "crisis"]] * 5
    one_word = [[("toeslagenaffaire", "toeslag", "affaire"), "schandaal"]] * 5 + tail
    own_words = [["toeslag", "affaire", "schandaal"]] * 5 + tail
    apart = WordAssociations().fit(one_word)
    together = WordAssociations().fit(own_words)
    assert {"toeslag", "affaire", "toeslagenaffaire"} <= set(apart.vocabulary_)
    assert apart.similarity("toeslag", "affaire") == pytest.approx(1.0)
    assert apart.similarity("toeslag", "schandaal") < 0.1
    assert together.similarity("toeslag", "schandaal") > 0.4


def test_same_corpus_same_vectors_and_unknown_words() -> None:
    first = WordAssociations().fit(CORPUS)
    second = WordAssociations().fit(list(CORPUS))
    assert first.vocabulary_ == second.vocabulary_
    assert np.array_equal(first.vectors_, second.vectors_)
    assert first.vector("onbekendwoord") is None
    assert first.similarity("corona", "onbekendwoord") == 0.0
    assert first.most_similar("onbekendwoord") == []
    assert "corona" in first and "onbekendwoord" not in first
    assert first.counts_[first.vocabulary_.index("corona")] == 26


def test_min_count_and_bad_use() -> None:
    model = WordAssociations(min_count=5).fit(CORPUS)
    assert "kabinet" in model and "rutte" not in model  # "rutte" stands in four answers
    with pytest.raises(ValueError, match="not fitted"):
        WordAssociations().vector("corona")
    with pytest.raises(ValueError, match="n_components"):
        WordAssociations(n_components=0).fit(CORPUS)
    with pytest.raises(TypeError, match="one of each"):
        model.answer_similarity("corona", ["corona"])
    tiny = WordAssociations().fit(["corona", "corona"])
    assert tiny.vocabulary_ == ("corona",) and tiny.similarity("corona", "corona") == 1.0


def test_a_window_counts_words_near_each_other_once_more() -> None:
    # "het klimaat en de natuur, maar ook de zorg voor de ouderen, via de zorgverzekering":
    # its content words in order, the compound with its parts (never each other's context).
    words = ["klimaat", "natuur", "zorg", "oudere", "zorgverzekering", "verzekering"]
    index = {word: i for i, word in enumerate(words)}
    answer = [("klimaat",), ("natuur",), ("zorg",), ("oudere",)]
    answer.append(("zorgverzekering", "zorg", "verzekering"))
    plain = _cooccurrence([answer], index).toarray()
    near = _cooccurrence([answer], index, window=1).toarray()
    assert plain[index["klimaat"], index["natuur"]] == 1
    assert plain[index["klimaat"], index["oudere"]] == 1
    assert near[index["klimaat"], index["natuur"]] == 2  # side by side: answer and window
    assert near[index["zorg"], index["oudere"]] == 2
    assert near[index["klimaat"], index["oudere"]] == 1  # the other clause: the answer only
    assert near[index["oudere"], index["verzekering"]] == 2
    assert near[index["zorgverzekering"], index["verzekering"]] == 0  # forms of one word
    assert (near == near.T).all() and (near >= plain).all()
    assert np.array_equal(_cooccurrence([answer], index, window=0).toarray(), plain)
    # Answers of two content words: every pair is near, all counts double, PPMI stays.
    model = WordAssociations(window=2).fit(CORPUS)
    assert model.similarity("corona", "covid") > 0.3
    assert np.allclose(model.vectors_, WordAssociations().fit(CORPUS).vectors_, atol=1e-9)
    with pytest.raises(ValueError, match="window"):
        WordAssociations(window=0).fit(CORPUS)


def test_answers_through_strongly_weighted_directions(model: WordAssociations) -> None:
    # U * S (plain latent semantic analysis) instead of U * S**0.5: the same words, the
    # corpus's strong directions stronger; covid still meets corona, not the cabinet.
    vectors = model.answer_vectors(["covid", "de coronamaatregelen", "val kabinet"])
    strong = model.answer_vectors(
        ["covid", "de coronamaatregelen", "val kabinet"], eigenvalue_weight=1.0
    )
    assert not np.allclose(vectors, strong)
    assert np.allclose(np.linalg.norm(strong, axis=1), 1.0)
    assert strong[0] @ strong[1] > 0.15 > 0.05 > strong[0] @ strong[2]
    same = model.answer_vectors(["covid"], eigenvalue_weight=0.5)
    assert np.array_equal(same[0], vectors[0])
    again = WordAssociations().fit(CORPUS).answer_vectors(["covid"], eigenvalue_weight=1.0)
    assert again.tobytes() == strong[:1].tobytes()


def test_neighbours_are_the_nearest_associated_words(model: WordAssociations) -> None:
    words = ["corona", "covid", "kabinet", "toeslagenaffaire", "onbekendwoord"]
    near = model.neighbours(words, 1, min_similarity=0.3).toarray()
    assert near.shape == (5, 5)
    assert near[1].argmax() == 0 and near[1, 0] == pytest.approx(
        model.similarity("covid", "corona"), abs=1e-8
    )
    assert (np.count_nonzero(near, axis=1) <= 1).all()
    assert np.diag(near).sum() == 0  # never a word's own neighbour
    assert not near[4].any() and not near[:, 4].any()  # unknown: no neighbours, nobody's
    assert near[2, 0] == 0 and near[0, 2] == 0  # the cabinet is not like corona
    none = model.neighbours(words, 5, min_similarity=1.01)
    assert none.nnz == 0
    again = WordAssociations().fit(CORPUS).neighbours(words, 3, min_similarity=0.0)
    assert (
        again.toarray().tobytes()
        == model.neighbours(words, 3, min_similarity=0.0).toarray().tobytes()
    )
