"""The learned suggester: scikit-learn surface, suggestion records, training from a ledger."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from textcode.codebook import load_codebook
from textcode.coding.suggestions import load_suggestions
from textcode.records import SUGGESTION_FIELDS
from textcode.review.learn import (
    ModelSuggester,
    combine_suggestions,
    labels_from_gold,
    labels_from_ledger,
)
from textcode.review.session import ReviewSession

DATA = Path(__file__).resolve().parent / "data" / "review"
LABELLED = DATA / "labelled_crisis_nl.jsonl"
CODEBOOK = load_codebook(DATA / "codebook_blind_nl.yaml")


@pytest.fixture(scope="module")
def fitted() -> tuple[ModelSuggester, pd.DataFrame, list[list[str]]]:
    answers, codes = labels_from_gold(LABELLED)
    model = ModelSuggester(CODEBOOK).fit(answers.iloc[:280], codes[:280])
    return model, answers.iloc[280:].reset_index(drop=True), codes[280:]


def test_fit_predict_surface_and_question_scope(
    fitted: tuple[ModelSuggester, pd.DataFrame, list[list[str]]],
) -> None:
    model, held_out, _ = fitted
    assert model.C == 10.0 and model.threshold == 0.5  # parameters stored unchanged
    assert "belemmering.financiering" in model.classes_
    proba = model.predict_proba(held_out)
    assert list(proba.columns) == model.classes_ and len(proba) == len(held_out)
    values = proba.to_numpy()
    assert np.nanmin(values) >= 0 and np.nanmax(values) <= 1
    # an answer to the barrier question gets no probability for success factors
    barrier = held_out.index[held_out.question == "belemmering"][0]
    assert (
        proba.loc[barrier, "succesfactor.financiering"]
        != proba.loc[barrier, "succesfactor.financiering"]
    )
    assert set(np.unique(model.predict(held_out).to_numpy())) <= {0, 1}


def test_suggestions_are_contract_records_with_model_rule(
    fitted: tuple[ModelSuggester, pd.DataFrame, list[list[str]]],
) -> None:
    model, held_out, codes = fitted
    suggestions = model.suggest(held_out)
    assert list(suggestions.columns) == list(SUGGESTION_FIELDS) and len(suggestions) > 10
    texts = dict(zip(held_out.response_id, held_out.text, strict=True))
    for row in suggestions.itertuples():
        assert row.rule == f"model:{row.code}"
        assert row.evidence == texts[row.response_id][row.start : row.end]
        assert model.threshold <= row.confidence <= 1
    gold = {(r, c) for r, cs in zip(held_out.response_id, codes, strict=True) for c in cs}
    hits = sum(
        (r, c) in gold for r, c in zip(suggestions.response_id, suggestions.code, strict=True)
    )
    assert hits / len(suggestions) > 0.5  # better than chance on unseen Dutch answers
    money = suggestions[suggestions.code == "belemmering.financiering"]
    assert not money.empty and all(
        "budget" in e.lower() or "geld" in e.lower() or "kost" in e.lower() or e
        for e in money.evidence
    )
    assert load_suggestions(suggestions).shape[0] == len(suggestions)  # reviewable as is


def test_fit_is_deterministic(
    fitted: tuple[ModelSuggester, pd.DataFrame, list[list[str]]],
) -> None:
    model, held_out, _ = fitted
    answers, codes = labels_from_gold(LABELLED)
    again = ModelSuggester(CODEBOOK, lemmatizer=model.lemmatizer_).fit(
        answers.iloc[:280], codes[:280]
    )
    pd.testing.assert_frame_equal(model.predict_proba(held_out), again.predict_proba(held_out))


def test_combine_fallback_and_union() -> None:
    def record(rid: str, code: str, conf: float, rule: str) -> dict[str, object]:
        return {
            "suggestion_id": f"{rid}{code}",
            "response_id": rid,
            "question": "belemmering",
            "code": code,
            "start": 0,
            "end": 4,
            "evidence": "Geld",
            "rule": rule,
            "confidence": conf,
            "negated": False,
            "explanation": "",
        }

    rules = pd.DataFrame(
        [record("b1", "belemmering.financiering", 0.9, "belemmering.financiering#1")]
    )
    model = pd.DataFrame(
        [
            record("b1", "belemmering.capaciteit_tijd", 0.8, "model:belemmering.capaciteit_tijd"),
            record("b2", "belemmering.kennis", 0.6, "model:belemmering.kennis"),
            record("b2", "belemmering.draagvlak", 0.7, "model:belemmering.draagvlak"),
        ]
    )
    fallback = combine_suggestions(rules, model)
    assert list(zip(fallback.response_id, fallback.code, strict=True)) == [
        ("b1", "belemmering.financiering"),
        ("b2", "belemmering.draagvlak"),
    ]
    union = combine_suggestions(rules, model, mode="union")
    assert len(union) == 4


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
