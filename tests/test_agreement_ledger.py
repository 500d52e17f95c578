"""Agreement from a review ledger: units, implicit zeros, gold, and ``textcode agreement``."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score

from textcode.cli import main
from textcode.ingest import read_answers
from textcode.review.agreement import agreement, ratings_table
from textcode.review.session import ReviewSession

DATA = Path(__file__).resolve().parent / "data" / "review"
SUGGESTIONS = DATA / "suggestions_nl.jsonl"
CODEBOOK = DATA / "codebook_review_nl.yaml"


def _ids() -> dict[tuple[str, str], str]:
    return {
        (r["response_id"], r["evidence"]): r["suggestion_id"]
        for r in map(json.loads, SUGGESTIONS.read_text("utf-8").splitlines())
    }


@pytest.fixture()
def ledger(tmp_path: Path) -> Path:
    path = tmp_path / "ledger.jsonl"
    ids = _ids()
    # anna reads the answers: s06, which the machine made no suggestion for, gets a code.
    anna = ReviewSession(
        SUGGESTIONS,
        path,
        "anna",
        codebook=CODEBOOK,
        answers=read_answers(DATA / "answers_nl.jsonl"),
    )
    anna.accept(
        ids[("k04", "Juridische expertise")],
        ids[("k04", "inkoop")],
        ids[("k01", "innovatieprocessen")],
    )
    anna.reject(ids[("k04", "innovatietrajecten")], ids[("b06", "budget")])
    anna.add("s06", "succesfactor.bestuurlijke_steun")
    bert = ReviewSession(SUGGESTIONS, path, "bert", codebook=CODEBOOK)
    bert.accept(
        ids[("k04", "Juridische expertise")],
        ids[("k04", "innovatietrajecten")],
        ids[("b06", "budget")],
    )
    bert.reject(ids[("k01", "innovatieprocessen")])
    bert.accept(ids[("s01", "Enthousiasme")])
    return path


def test_units_are_answer_code_decisions_with_implicit_zeros(ledger: Path) -> None:
    table = ratings_table(ledger)
    assert list(table.columns) == ["machine", "anna", "bert"]
    k04 = table.loc[("k04", "kennisbehoefte", "kennisbehoefte.innovatieproces")]
    assert (k04["machine"], k04["anna"], k04["bert"]) == (1.0, 0.0, 1.0)
    added = table.loc[("s06", "succesfactor", "succesfactor.bestuurlijke_steun")]
    assert added["machine"] == 0.0 and added["anna"] == 1.0 and math.isnan(added["bert"])
    # bert never saw k04's inkoop suggestion: no value, not a zero
    assert math.isnan(table.loc[("k04", "kennisbehoefte", "kennisbehoefte.inkoop"), "bert"])


def test_gold_and_suggestions_give_machine_values_for_unreviewed_answers(ledger: Path) -> None:
    from textcode.coding.suggestions import load_suggestions

    only_ledger = ratings_table(ledger, gold=DATA / "gold_nl.jsonl")
    assert "k10" not in only_ledger.index.get_level_values(0)
    table = ratings_table(
        ledger, gold=DATA / "gold_nl.jsonl", suggestions=load_suggestions(SUGGESTIONS)
    )
    assert table.loc[("k10", "kennisbehoefte", "kennisbehoefte.verbinden"), "gold"] == 1.0
    assert (
        table.loc[("s03", "succesfactor", "succesfactor.projectleiding")].to_dict()["machine"]
        == 0.0
    )
    assert table["gold"].notna().all() and table["machine"].notna().all()


def test_result_matches_sklearn_on_its_own_table(ledger: Path) -> None:
    result = agreement(ledger, gold=DATA / "gold_nl.jsonl", resamples=200)
    table = result.ratings[["machine", "anna"]].dropna()
    expected = cohen_kappa_score(table["machine"], table["anna"])
    assert result.kappa("machine", "anna") == pytest.approx(expected)
    assert set(result.multi["statistic"]) == {
        "percent_agreement",
        "fleiss_kappa",
        "brennan_prediger",
        "gwet_ac1",
        "krippendorff_alpha",
    }
    prf = result.prf.set_index(["reference", "code"])
    row = prf.loc[("anna", "(all)")]
    assert (row.tp, row.fp, row.fn) == (3, 2, 1)


def test_cli_json_is_one_object(ledger: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["agreement", "--ledger", str(ledger), "--gold", str(DATA / "gold_nl.jsonl"), "--json"]
    assert main([*args, "--resamples", "100"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["unit"] == "answer x code" and data["raters"] == ["machine", "anna", "bert", "gold"]
    pair = next(
        p
        for p in data["pairs"]
        if (p["rater_a"], p["rater_b"], p["code"]) == ("machine", "anna", "(all)")
    )
    assert set(pair["statistics"]) >= {"cohen_kappa", "gwet_ac1", "krippendorff_alpha"}
    low, high = pair["statistics"]["percent_agreement"]["ci95"]
    assert low <= pair["statistics"]["percent_agreement"]["value"] <= high
    assert data["multi"] and data["machine_prf"]
    assert main(["agreement", "--ledger", str(ledger), "--resamples", "50"]) == 0
    text = capsys.readouterr().out
    assert "machine - anna" in text and "Among all 2 reviewers" in text
    assert np.isfinite(pair["n_units"])


def test_a_ledger_that_does_not_exist_is_an_error_not_an_empty_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # review starts a new ledger; agreement only reads one, so a mistyped name is refused.
    missing = tmp_path / "beslisingen.jsonl"
    status = main(["agreement", "--ledger", str(missing), "--codebook", str(CODEBOOK)])
    err = capsys.readouterr().err.strip()
    assert status == 2 and err == f"textcode: error: {missing}: ledger file not found"
    assert not missing.exists()
