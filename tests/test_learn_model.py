"""The learned suggester: scikit-learn surface, what it proposes and doubts, and its evidence."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from textcode.codebook import load_codebook
from textcode.coding import Coder
from textcode.coding.suggestions import load_suggestions
from textcode.lang import get_language
from textcode.records import SUGGESTION_FIELDS
from textcode.review.learn import labels_from_gold, labels_from_ledger
from textcode.review.model import NO_PROPOSALS, ModelSuggester, is_model_rule, proposals
from textcode.review.session import ReviewSession

DATA = Path(__file__).resolve().parent / "data" / "review"
LABELLED = DATA / "labelled_crisis_nl.jsonl"
CODEBOOK = load_codebook(DATA / "codebook_blind_nl.yaml")
STOP_WORDS = get_language("nl").stop_words

Fitted = tuple[ModelSuggester, pd.DataFrame, list[list[str]], pd.DataFrame]
MODEL_PHRASES = ("de doorslag geven ", "ertegen spreken ")


@pytest.fixture(scope="module")
def fitted() -> Fitted:
    """Trained on 280 labelled answers (the other 71 as its unlabelled pool), with the
    rules of the codebook as it was before those answers existed."""
    answers, codes = labels_from_gold(LABELLED)
    rules = Coder(CODEBOOK).suggest(answers)
    held_out = answers.iloc[280:].reset_index(drop=True)
    model = ModelSuggester(CODEBOOK).fit(
        answers.iloc[:280], codes[:280], rules=rules, unlabelled=held_out
    )
    return model, held_out, codes[280:], rules


@pytest.fixture(scope="module")
def crossfit(fitted: Fitted) -> tuple[pd.DataFrame, pd.DataFrame, set[tuple[str, str]]]:
    """Rules + model on every labelled answer, each by a model that never saw it (5 folds):
    (the rules' suggestions, rules + model, the gold units). Each fold fits at C = 10 only,
    one of the two the default grid (1, 10) chooses between: half the fits; choosing C is
    tested on ``fitted``."""
    from sklearn.model_selection import KFold

    model, _, _, rules = fitted
    answers, codes = labels_from_gold(LABELLED)
    combined = []
    for train, test in KFold(5, shuffle=True, random_state=0).split(answers):
        held = answers.iloc[test].reset_index(drop=True)
        fold = ModelSuggester(CODEBOOK, Cs=(10.0,), lemmatizer=model.lemmatizer_).fit(
            answers.iloc[train], [codes[i] for i in train], rules=rules, unlabelled=held
        )
        combined.append(fold.suggest(held, rules=rules[rules.response_id.isin(held.response_id)]))
    gold = {(r, c) for r, cs in zip(answers.response_id, codes, strict=True) for c in cs}
    return rules, pd.concat(combined, ignore_index=True), gold


def _units(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["response_id"].astype(str), frame["code"], strict=True))


def _f1(units: set[tuple[str, str]], gold: set[tuple[str, str]]) -> float:
    return 2 * len(units & gold) / (len(units) + len(gold))


def test_fit_predict_surface_and_question_scope(fitted: Fitted) -> None:
    model, held_out, _, rules = fitted
    assert model.Cs == (1.0, 10.0) and model.threshold is None  # parameters stored unchanged
    # 280 labelled and 71 unlabelled answers: too few to count co-occurrence in by default
    assert model.vectorizer_.association_width() == 0
    assert "belemmering.financiering" in model.classes_
    assert model.cv_f1_["rules+model"] >= model.cv_f1_["rules"]
    proba = model.predict_proba(held_out, rules=rules)
    assert list(proba.columns) == model.classes_ and len(proba) == len(held_out)
    values = proba.to_numpy()
    assert np.nanmin(values) >= 0 and np.nanmax(values) <= 1
    # an answer to the barrier question gets no probability for success factors
    barrier = held_out.index[held_out.question == "belemmering"][0]
    assert np.isnan(proba.loc[barrier, "succesfactor.financiering"])
    predicted = model.predict(held_out, rules=rules)
    assert set(np.unique(predicted.to_numpy())) <= {0, 1}
    # every rule hit stays coded
    hits = rules[rules.response_id.isin(held_out.response_id)]
    for rid, code in _units(hits):
        assert predicted.loc[held_out.index[held_out.response_id == rid][0], code] == 1


def test_probabilities_are_calibrated(fitted: Fitted) -> None:
    """On answers the model never saw, the mean probability of a band of units is near the
    share of them that gold codes, and the probabilities beat the base rate (Brier)."""
    model, held_out, codes, rules = fitted
    proba = model.predict_proba(held_out, rules=rules)
    gold = {(r, c) for r, cs in zip(held_out.response_id, codes, strict=True) for c in cs}
    p, y = [], []
    for i, rid in enumerate(held_out.response_id):
        for code in proba.columns:
            value = proba.iat[i, proba.columns.get_loc(code)]
            if not np.isnan(value):
                p.append(value)
                y.append((rid, code) in gold)
    p_arr, y_arr = np.array(p), np.array(y, dtype=float)
    assert abs(p_arr.mean() - y_arr.mean()) < 0.03
    brier = float(((p_arr - y_arr) ** 2).mean())
    assert brier < 0.5 * float(((y_arr.mean() - y_arr) ** 2).mean())
    for low, high in ((0.0, 0.2), (0.8, 1.01)):
        band = (p_arr >= low) & (p_arr < high)
        assert band.sum() >= 10 and abs(p_arr[band].mean() - y_arr[band].mean()) < 0.15


def test_rules_stay_and_proposals_are_contract_records(fitted: Fitted) -> None:
    model, held_out, _, rules = fitted
    fold_rules = rules[rules.response_id.isin(held_out.response_id)].reset_index(drop=True)
    suggestions = model.suggest(held_out, rules=fold_rules)
    assert list(suggestions.columns) == list(SUGGESTION_FIELDS)
    # the rules' suggestions come first, all of them, in their order and with their ids
    assert suggestions.suggestion_id.iloc[: len(fold_rules)].tolist() == (
        fold_rules.suggestion_id.tolist()
    )
    proposed = suggestions[suggestions.rule.map(is_model_rule)]
    assert len(proposed) >= 1
    texts = dict(zip(held_out.response_id, held_out.text, strict=True))
    for row in proposed.itertuples():
        assert row.rule == f"model:{row.code}"
        assert row.evidence == texts[row.response_id][row.start : row.end]
        assert model.threshold_ <= row.confidence <= 1
        assert "het geleerde model geeft kans" in row.explanation  # Dutch for a Dutch codebook
        assert (row.response_id, row.code) not in _units(fold_rules)
    assert load_suggestions(suggestions).shape[0] == len(suggestions)  # reviewable as is


def test_proposals_on_unseen_answers_are_mostly_right_and_pay(
    crossfit: tuple[pd.DataFrame, pd.DataFrame, set[tuple[str, str]]],
) -> None:
    rules, combined, gold = crossfit
    proposed = _units(combined[combined.rule.map(is_model_rule)])
    assert len(proposed) >= 10
    assert len(proposed & gold) / len(proposed) > 0.5  # more right than wrong
    assert _f1(_units(combined), gold) > _f1(_units(rules), gold)


def test_a_threshold_per_code_moves_only_that_code(fitted: Fitted) -> None:
    """proposals() takes one threshold for all codes or one per code (a column each): on the
    held-out Dutch answers, closing one code leaves the other codes' proposals as they were."""
    model, held_out, _, rules = fitted
    proba = model.predict_proba(held_out, rules=rules).to_numpy(dtype=float)
    hit = model._hits(model._samples(held_out, rules))
    common = proposals(proba, hit, model.threshold_)
    assert common.any()
    closed = int(np.flatnonzero(common.any(axis=0))[0])
    per_code = np.full(len(model.classes_), model.threshold_)
    per_code[closed] = NO_PROPOSALS
    moved = proposals(proba, hit, per_code)
    assert not moved[:, closed].any()
    others = np.arange(len(model.classes_)) != closed
    assert (moved[:, others] == common[:, others]).all()
    assert (proposals(proba, hit, per_code * 0 + model.threshold_) == common).all()


def test_evidence_is_content_words_that_carry_the_decision(
    crossfit: tuple[pd.DataFrame, pd.DataFrame, set[tuple[str, str]]],
) -> None:
    _, combined, _ = crossfit
    quoted: list[str] = []
    for explanation in combined.explanation:
        for phrase in MODEL_PHRASES:
            if phrase in explanation:
                quoted += re.findall(r'"([^"]+)"', explanation.split(phrase)[-1])
    assert quoted, "the model names the words that carry its decisions"
    assert not {w.lower() for w in quoted} & STOP_WORDS
    proposed = combined[combined.rule.map(is_model_rule)]
    for row in proposed.itertuples():
        assert row.evidence.lower() not in STOP_WORDS


def test_doubted_rule_hits_keep_their_place_with_the_reasons(fitted: Fitted) -> None:
    """A rule hit the model gives a probability under ``doubt`` stays (a reviewer decides),
    with that probability as confidence and the content words that speak against it; only
    codes whose rules reviewers saw go wrong are doubted."""
    model, _, _, rules = fitted
    answers, codes = labels_from_gold(LABELLED)
    doubter = ModelSuggester(CODEBOOK, doubt=0.9, lemmatizer=model.lemmatizer_).fit(
        answers.iloc[:280], codes[:280], rules=rules
    )
    # the mechanism, on answers of all three questions (some of them seen in training)
    held_out = answers.iloc[:71].reset_index(drop=True)
    assert doubter.doubt_ == 0.9 and doubter.doubted_codes_
    fold_rules = rules[rules.response_id.isin(held_out.response_id)].reset_index(drop=True)
    out = doubter.suggest(held_out, rules=fold_rules)
    assert out.suggestion_id.iloc[: len(fold_rules)].tolist() == fold_rules.suggestion_id.tolist()
    doubted = out[out.explanation.str.contains("Het geleerde model twijfelt")]
    assert len(doubted) >= 1 and not doubted.rule.map(is_model_rule).any()
    assert set(doubted.code) <= set(doubter.doubted_codes_)
    by_id = dict(zip(fold_rules.suggestion_id, fold_rules.confidence, strict=True))
    proba = doubter.predict_proba(held_out, rules=fold_rules)
    for row in doubted.itertuples():
        i = held_out.index[held_out.response_id == row.response_id][0]
        assert row.confidence == round(proba.loc[i, row.code], 4) < 0.9
        assert row.confidence < by_id[row.suggestion_id]
        words = re.findall(r'"([^"]+)"', row.explanation.split("ertegen spreken ")[-1])
        assert not {w.lower() for w in words} & STOP_WORDS
    undoubted = out.iloc[: len(fold_rules)].drop(doubted.index)
    assert (undoubted.confidence.to_numpy() == fold_rules.drop(doubted.index).confidence).all()


def test_fit_is_deterministic(fitted: Fitted) -> None:
    model, held_out, _, rules = fitted
    answers, codes = labels_from_gold(LABELLED)
    again = ModelSuggester(CODEBOOK, lemmatizer=model.lemmatizer_).fit(
        answers.iloc[:280], codes[:280], rules=rules, unlabelled=held_out
    )
    pd.testing.assert_frame_equal(
        model.predict_proba(held_out, rules=rules), again.predict_proba(held_out, rules=rules)
    )
    pd.testing.assert_frame_equal(
        model.suggest(held_out, rules=rules), again.suggest(held_out, rules=rules)
    )


def test_reviews_that_confirm_the_rules_teach_no_proposals(fitted: Fitted) -> None:
    """Labels equal to the rules' output: nothing beats the rules, so nothing is proposed."""
    model, _, _, rules = fitted
    answers, _ = labels_from_gold(LABELLED)
    train = answers.iloc[:120]
    as_rules = [
        sorted(set(rules.code[(rules.response_id == rid) & (rules.question == q)]))
        for rid, q in zip(train.response_id, train.question, strict=True)
    ]
    echo = ModelSuggester(CODEBOOK, lemmatizer=model.lemmatizer_).fit(train, as_rules, rules=rules)
    assert echo.threshold_ == NO_PROPOSALS
    out = echo.suggest(answers.iloc[280:], rules=rules)
    assert not out.rule.map(is_model_rule).any()


def test_too_few_reviews_leave_the_rules_alone(fitted: Fitted) -> None:
    model, held_out, _, rules = fitted
    answers, codes = labels_from_gold(LABELLED)
    small = ModelSuggester(CODEBOOK, lemmatizer=model.lemmatizer_).fit(
        answers.iloc[:6], codes[:6], rules=rules
    )
    assert small.classes_ == []
    fold_rules = rules[rules.response_id.isin(held_out.response_id)].reset_index(drop=True)
    out = small.suggest(held_out, rules=fold_rules)
    pd.testing.assert_frame_equal(out, fold_rules[list(SUGGESTION_FIELDS)], check_dtype=False)


def test_english_codebook_gets_english_explanations() -> None:
    from textcode.review.model import explanation_phrases

    english = explanation_phrases("en").proposal("Funding", "b.funding", 0.8125, ["money"], True)
    assert (
        english
        == 'Funding (b.funding): the learned model gives probability 0.81; carried by "money".'
    )
    dutch = explanation_phrases("nl").doubt(0.125, ["probleem"])
    assert dutch == 'Het geleerde model twijfelt: kans 0,12; ertegen spreken "probleem".'


def test_training_data_from_a_ledger(tmp_path: Path) -> None:
    suggestions = DATA / "suggestions_nl.jsonl"
    answers = pd.DataFrame(
        [json.loads(line) for line in (DATA / "answers_nl.jsonl").read_text("utf-8").splitlines()]
    ).rename(columns={"id": "response_id"})
    review_codebook = load_codebook(DATA / "codebook_review_nl.yaml")
    session = ReviewSession(suggestions, tmp_path / "l.jsonl", "anna", codebook=review_codebook)
    ids = {
        (r["response_id"], r["code"]): r["suggestion_id"]
        for r in map(json.loads, suggestions.read_text("utf-8").splitlines())
    }
    session.accept(ids[("b01", "belemmering.financiering")])
    session.reject(ids[("b06", "belemmering.financiering")], comment="budget was geen probleem")
    session.add("b06", "belemmering.capaciteit_tijd")
    frame, labels = labels_from_ledger(
        tmp_path / "l.jsonl",
        answers,
        codebook=review_codebook,
        suggestions=load_suggestions(suggestions),
    )
    assert sorted(frame.response_id) == ["b01", "b06"]
    row = labels.loc[frame.index[frame.response_id == "b06"][0]]
    assert row["belemmering.financiering"] == 0 and row["belemmering.capaciteit_tijd"] == 1
    assert row["belemmering.kennis"] == 0  # seen, not suggested, not added
    assert "succesfactor.financiering" not in labels.columns  # no reviewed answer to that question
