"""The learned suggester: scikit-learn surface, what it proposes and doubts, and its evidence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from textcode.codebook import load_codebook
from textcode.coding import Coder
from textcode.lang import get_language
from textcode.records import SUGGESTION_FIELDS
from textcode.review.learn import labels_from_gold, labels_from_ledger
from textcode.review.model import NO_PROPOSALS, ModelSuggester, is_model_rule
from textcode.review.session import ReviewSession
from textcode.review.suggestions import load_suggestions

DATA = Path(__file__).resolve().parent / "data" / "review"
LABELLED = DATA / "labelled_crisis_nl.jsonl"
CODEBOOK = load_codebook(DATA / "codebook_blind_nl.yaml")
STOP_WORDS = get_language("nl").stop_words

Fitted = tuple[ModelSuggester, pd.DataFrame, list[list[str]], pd.DataFrame]


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


def _units(frame: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(frame["response_id"].astype(str), frame["code"], strict=True))


def test_fit_predict_surface_and_question_scope(fitted: Fitted) -> None:
    model, held_out, _, rules = fitted
    assert model.C == 1.0 and model.threshold is None  # parameters stored unchanged
    assert "belemmering.financiering" in model.classes_
    assert model.threshold_ < 1  # cross-validation found proposals that pay
    assert model.cv_f1_["rules+model"] > model.cv_f1_["rules"]
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


def test_rules_stay_and_proposals_are_contract_records(fitted: Fitted) -> None:
    model, held_out, codes, rules = fitted
    fold_rules = rules[rules.response_id.isin(held_out.response_id)].reset_index(drop=True)
    suggestions = model.suggest(held_out, rules=fold_rules)
    assert list(suggestions.columns) == list(SUGGESTION_FIELDS)
    # the rules' suggestions come first, all of them, in their order and with their ids
    assert suggestions.suggestion_id.iloc[: len(fold_rules)].tolist() == (
        fold_rules.suggestion_id.tolist()
    )
    proposed = suggestions[suggestions.rule.map(is_model_rule)]
    assert len(proposed) >= 3
    texts = dict(zip(held_out.response_id, held_out.text, strict=True))
    for row in proposed.itertuples():
        assert row.rule == f"model:{row.code}"
        assert row.evidence == texts[row.response_id][row.start : row.end]
        assert model.threshold_ <= row.confidence <= 1
        assert "het geleerde model geeft kans" in row.explanation  # Dutch for a Dutch codebook
        assert (row.response_id, row.code) not in _units(fold_rules)
    gold = {(r, c) for r, cs in zip(held_out.response_id, codes, strict=True) for c in cs}
    right = sum(unit in gold for unit in _units(proposed))
    assert right / len(proposed) > 0.6  # more right than wrong on unseen Dutch answers
    combined, alone = _units(suggestions), _units(fold_rules)

    def f1(units: set[tuple[str, str]]) -> float:
        tp = len(units & gold)
        return 2 * tp / (len(units) + len(gold))

    assert f1(combined) > f1(alone)
    assert load_suggestions(suggestions).shape[0] == len(suggestions)  # reviewable as is


def test_evidence_is_content_words_that_carry_the_decision(fitted: Fitted) -> None:
    model, held_out, _, rules = fitted
    suggestions = model.suggest(held_out, rules=rules[rules.response_id.isin(held_out.response_id)])
    quoted = suggestions.explanation.str.findall(r'"([^"]+)"').explode().dropna()
    proposed = suggestions[suggestions.rule.map(is_model_rule)]
    for row in proposed.itertuples():
        words = row.explanation.split("de doorslag geven ")[-1]
        assert not any(f'"{w}"' in words for w in ("te", "door", "de", "het", "een", "en"))
        assert row.evidence.lower() not in STOP_WORDS
    assert not set(quoted) & {"te", "door", "de", "het", "een", "en", "van", "niet"}


def test_doubts_fall_on_rule_hits_that_are_wrong(fitted: Fitted) -> None:
    model, held_out, codes, rules = fitted
    fold_rules = rules[rules.response_id.isin(held_out.response_id)]
    suggestions = model.suggest(held_out, rules=fold_rules)
    kept = suggestions.iloc[: len(fold_rules)]
    doubted = kept[kept.explanation.str.contains("Het geleerde model twijfelt")]
    assert (doubted.confidence < model.doubt).all()
    gold = {(r, c) for r, cs in zip(held_out.response_id, codes, strict=True) for c in cs}
    wrong = [unit not in gold for unit in _units(fold_rules)]
    base_rate = sum(wrong) / len(wrong)
    doubted_wrong = [unit not in gold for unit in _units(doubted)]
    assert doubted_wrong, "the model doubts some rule hits"
    # a doubted rule hit is far more often wrong than a rule hit in general
    assert sum(doubted_wrong) / len(doubted_wrong) > 2 * base_rate


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
    echo = ModelSuggester(CODEBOOK, lemmatizer=model.lemmatizer_).fit(
        train, as_rules, rules=rules
    )
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
    pd.testing.assert_frame_equal(out, fold_rules[list(SUGGESTION_FIELDS)])


def test_english_codebook_gets_english_explanations() -> None:
    from textcode.review.model import explanation_phrases

    english = explanation_phrases("en").proposal("Funding", "b.funding", 0.8125, ["money"], True)
    assert english == 'Funding (b.funding): the learned model gives probability 0.81; carried by "money".'
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
