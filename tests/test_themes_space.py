"""The space answers are compared in: how the association block is made, by input size."""

from __future__ import annotations

import numpy as np

from textcode.themes.features import FeatureExtractor
from textcode.themes.space import (
    ASSOCIATION_WINDOW,
    LARGE_CORPUS,
    SMALL_INPUT,
    answer_space,
    learn_associations,
)

ANSWERS = (
    ["de aanpak van corona", "corona maatregelen", "corona en de vaccinatie"] * 20
    + ["de aanpak van covid", "covid maatregelen", "covid en de vaccinatie"] * 10
    + ["de toeslagenaffaire", "toeslagen en de belastingdienst", "de belastingdienst"] * 20
    + ["de val van het kabinet", "het kabinet viel", "val kabinet rutte"] * 20
)


def test_few_answers_meet_through_the_strong_directions_many_through_the_words() -> None:
    features = FeatureExtractor("nl").extract_many(ANSWERS)
    associations = learn_associations(features)
    assert associations is not None
    few, many = features[::9], features[: SMALL_INPUT + 10]
    small = answer_space(few, associations=associations, letters=False)
    large = answer_space(many, associations=associations, letters=False)
    # Below SMALL_INPUT answers the word vectors are U * S (latent semantic analysis), above
    # it the associations' own U * S**0.5, which kept corona and the affair apart on B1.
    assert small.eigenvalue_weight == 1.0 and large.eigenvalue_weight == 0.5
    words = [f.words for f in few]
    strong = associations.answer_vectors(words, eigenvalue_weight=1.0)
    plain = associations.answer_vectors(words)
    block = small.matrix.toarray()[:, len(small.terms.vocabulary) :]
    block /= np.linalg.norm(block, axis=1, keepdims=True)
    assert np.allclose(block, strong) and not np.allclose(block, plain)
    # New answers go into the same space the same way, byte for byte.
    assert small.transform(few).toarray().tobytes() == small.matrix.toarray().tobytes()


def test_few_answers_share_the_associated_words_many_only_their_own() -> None:
    features = FeatureExtractor("nl").extract_many(ANSWERS)
    associations = learn_associations(features)
    assert associations is not None
    few = FeatureExtractor("nl").extract_many(["covid", "corona", "het kabinet"])
    small = answer_space(few, associations=associations, letters=False)
    assert small.neighbours is not None
    words = small.matrix.toarray()[:, : len(small.terms.vocabulary)]
    words /= np.linalg.norm(words, axis=1, keepdims=True)
    # "covid" and "corona" share no word, but each counts a little for the other (soft
    # cosine); each stays closest to itself, and the cabinet shares nothing with them.
    assert 0.1 < words[0] @ words[1] < 0.9
    assert words[0] @ words[2] == 0 and words[1] @ words[2] == 0
    plain = answer_space(few, associations=None, letters=False).matrix.toarray()
    assert plain[0] @ plain[1] == 0
    assert small.transform(few).toarray().tobytes() == small.matrix.toarray().tobytes()
    many = FeatureExtractor("nl").extract_many(ANSWERS[: SMALL_INPUT + 10])
    assert answer_space(many, associations=associations, letters=False).neighbours is None


def test_many_answers_count_words_near_each_other_more() -> None:
    few = FeatureExtractor("nl").extract_many(ANSWERS)
    many = FeatureExtractor("nl").extract_many(ANSWERS * 3)
    assert len(few) < LARGE_CORPUS <= len(many)
    small, large = learn_associations(few), learn_associations(many)
    assert small is not None and large is not None
    # Below LARGE_CORPUS answers the near contexts would add more noise than evidence.
    assert small.window is None and large.window == ASSOCIATION_WINDOW
    assert large.similarity("corona", "covid") > 0.3
    assert large.similarity("covid", "kabinet") < 0.1
