"""What the learned suggester sees: the survey's own word associations as features."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from sklearn.linear_model import LogisticRegression

import textcode.review.model as model_module
from textcode.codebook import load_codebook
from textcode.coding import Coder
from textcode.lang import get_language
from textcode.review.features import Sample, SampleVectorizer, make_samples, term_affinity
from textcode.review.learn import _Lemmatizer, labels_from_gold
from textcode.review.model import ModelSuggester, is_model_rule

DATA = Path(__file__).resolve().parent / "data" / "review"

# Short Dutch answers in the style of "what struck you in the news": "covid" never stands in
# an answer with "corona", but both stand beside "maatregelen", "aanpak" and "vaccinatie".
POOL = (
    ["de aanpak van corona", "de coronamaatregelen", "corona en de vaccinatie"] * 6
    + ["de aanpak van covid", "covid maatregelen", "covid en de vaccinatie"] * 3
    + ["de toeslagenaffaire", "toeslagen en de belastingdienst", "de belastingdienst"] * 5
    + ["de val van het kabinet", "het kabinet viel", "val kabinet rutte"] * 4
)
# What a reviewer coded as "corona" (1) or not (0): "covid" is not among these answers.
REVIEWED = [
    ("corona", 1),
    ("de corona crisis", 1),
    ("alles rond corona", 1),
    ("de toeslagenaffaire", 0),
    ("het kabinet viel", 0),
    ("de belastingdienst", 0),
]


def _samples(lemmatizer: _Lemmatizer, texts: list[str]) -> list[Sample]:
    stop_words = get_language("nl").stop_words
    return make_samples(lemmatizer.tokens(texts), [()] * len(texts), stop_words)


@pytest.fixture(scope="module")
def lemmatizer() -> _Lemmatizer:
    return _Lemmatizer("nl")


def test_association_block_places_paraphrases_together(lemmatizer: _Lemmatizer) -> None:
    samples = _samples(lemmatizer, POOL)
    vectorizer = SampleVectorizer(associations=20).fit(samples)
    width = vectorizer.association_width()
    assert width >= 2
    assert SampleVectorizer().fit(samples).association_width() == 0
    names = vectorizer.feature_names()
    assert all(str(n).startswith("assoc:") for n in names[-width:])
    rows = vectorizer.transform(_samples(lemmatizer, ["covid", "corona", "het kabinet viel", "de"]))
    assoc = rows[:, -width:].toarray()
    assert assoc[0] @ assoc[1] > 0.3 > 0.1 > assoc[0] @ assoc[2]
    assert not assoc[3].any()  # no content word, no place among the associations
    # the same answers give the same bytes
    again = SampleVectorizer(associations=20).fit(_samples(lemmatizer, list(POOL)))
    assert (again.transform(_samples(lemmatizer, ["covid"])) != rows[0]).nnz == 0


def test_term_affinity_brings_a_paraphrase_close_to_a_codes_terms(
    lemmatizer: _Lemmatizer,
) -> None:
    """A code whose only term is "corona": "covid" (no letter in common) comes closer to it
    than the fall of the cabinet does, through the survey's associations alone."""
    vectorizer = SampleVectorizer(associations=20).fit(_samples(lemmatizer, POOL))
    model = vectorizer.associations_model()
    assert model is not None
    answers = _samples(lemmatizer, ["covid", "het kabinet viel", "de", "corona"])
    near = term_affinity(model, answers, ["corona"])
    assert near.shape == (4, 2)
    assert near[0, 0] > near[1, 0] + 0.2
    assert near[0, 1] > near[1, 1] + 0.2
    assert near[2].tolist() == [0.0, 0.0]  # no word the survey knows
    assert near[3, 1] == pytest.approx(1.0)  # the term itself
    # a code whose terms the survey never uses gives no prior at all
    assert np.isnan(term_affinity(model, answers, ["stikstof"])).all()
    assert SampleVectorizer().fit(_samples(lemmatizer, POOL)).associations_model() is None


def test_an_unseen_paraphrase_meets_the_trained_words(lemmatizer: _Lemmatizer) -> None:
    """A model trained on answers that say "corona" scores "covid" (a word no reviewed answer
    holds) as corona once the survey's associations are among its features."""
    texts = [text for text, _ in REVIEWED]
    labels = np.array([label for _, label in REVIEWED])
    scores = {}
    for k in (0, 20):
        vectorizer = SampleVectorizer(associations=k).fit(_samples(lemmatizer, [*POOL, *texts]))
        model = LogisticRegression(C=10.0).fit(
            vectorizer.transform(_samples(lemmatizer, texts)), labels
        )
        test = vectorizer.transform(_samples(lemmatizer, ["covid", "val van het kabinet", "de"]))
        covid, cabinet, empty = model.decision_function(test)
        scores[k] = (covid - empty, covid - cabinet)
    # Without associations "covid" is a word the model never saw: it scores about as an answer
    # without content; with them it moves towards the corona answers.
    assert abs(scores[0][0]) < 0.2
    assert scores[20][0] > scores[0][0] + 0.3
    assert scores[20][1] > scores[0][1] + 0.3


def test_the_model_learns_associations_from_a_survey_large_enough(
    lemmatizer: _Lemmatizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """351 labelled Dutch answers: too few to count co-occurrence in by default (the same
    answers fit at the default bar in ``test_learn_model``: no association there); with the
    bar lowered the model reads the associations, the same answers give the same
    probabilities, and its evidence stays content words."""
    answers, codes = labels_from_gold(DATA / "labelled_crisis_nl.jsonl")
    codebook = load_codebook(DATA / "codebook_blind_nl.yaml")
    rules = Coder(codebook).suggest(answers)
    train, pool = answers.iloc[:250], answers.iloc[250:].reset_index(drop=True)
    pool_rules = rules[rules.response_id.isin(pool.response_id)]

    # C = 10, what cross-validation over the default Cs (1, 10) chooses on these answers, given
    # directly: the same model for two thirds of the fitting.
    def fit(**params: bool) -> ModelSuggester:
        model = ModelSuggester(codebook, Cs=(10.0,), lemmatizer=lemmatizer, **params)
        return model.fit(train, codes[:250], rules=rules, unlabelled=pool)

    monkeypatch.setattr(model_module, "MIN_ASSOCIATION_ANSWERS", 300)
    first, second = fit(), fit()
    assert first.vectorizer_.association_width() >= 20
    assert first.association_weight_ in first.association_weights
    # the codes' own terms and the nearest reviewed answers are two more scores for the judge
    assert first.code_terms_ and first.neighbour_vectors_ is not None
    plain = fit(term_affinity=False, neighbours=False)
    assert first.judge_.coef_.shape[1] == plain.judge_.coef_.shape[1] + 2 * 2 * 3
    pd.testing.assert_frame_equal(
        first.predict_proba(pool, rules=pool_rules), second.predict_proba(pool, rules=pool_rules)
    )
    suggested = first.suggest(pool, rules=pool_rules)
    proposed = suggested[suggested.rule.map(is_model_rule)]
    stop_words = get_language("nl").stop_words
    assert len(proposed)
    for evidence in proposed.evidence:
        assert evidence.lower() not in stop_words


def test_nearest_reviewed_answers_side_with_a_paraphrase(
    lemmatizer: _Lemmatizer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The judge's neighbour scores: "covid" (said by no reviewed answer) stands closest to a
    reviewed answer coded corona, "het kabinet is gevallen" closest to one that is not."""
    monkeypatch.setattr(model_module, "MIN_ASSOCIATION_ANSWERS", 30)
    texts = [text for text, _ in REVIEWED]
    answers = pd.DataFrame({"response_id": texts, "question": "B1", "text": texts})
    pool = pd.DataFrame(
        {"response_id": [f"p{i}" for i in range(len(POOL))], "question": "B1", "text": POOL}
    )
    model = ModelSuggester(lemmatizer=lemmatizer, associations=20)
    model.fit(answers, [["corona"] if label else [] for _, label in REVIEWED], unlabelled=pool)
    assert model.neighbour_vectors_ is not None
    new = _samples(lemmatizer, ["covid", "het kabinet is gevallen"])
    vectors = model.vectorizer_.associations_model().answer_vectors([s.lemmas() for s in new])
    refs = np.ones(len(REVIEWED), dtype=bool)
    near = model._near(np.arange(2), refs, model.codes_.index("corona"), vectors)
    assert near[0, 0] > near[0, 1] + 0.2  # closest "with corona" beats closest "without"
    assert near[1, 1] > near[1, 0] + 0.2
    # the unreviewed neighbours (all refs left out) give no score
    assert np.isnan(model._near(np.arange(2), ~refs, 0, vectors)).all()
