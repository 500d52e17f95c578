"""Active learning: the answers whose review teaches the learned suggester most come first."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from textcode.cli import main
from textcode.codebook import load_codebook
from textcode.coding import Coder
from textcode.coding.suggestions import load_suggestions
from textcode.desk import Desk
from textcode.review.informative import informative_order
from textcode.review.learn import labels_from_gold
from textcode.review.model import ModelSuggester
from textcode.review.queue import build_units
from textcode.review.session import ReviewSession

DATA = Path(__file__).resolve().parent / "data" / "review"
LABELLED = DATA / "labelled_crisis_nl.jsonl"
CODEBOOK = load_codebook(DATA / "codebook_blind_nl.yaml")


def _answers(*texts: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [f"r{i}" for i in range(len(texts))],
            "question": "belemmering",
            "text": list(texts),
        }
    )


def test_before_a_model_uncoded_and_unsure_answers_take_turns() -> None:
    answers = _answers(
        "Te weinig budget voor innovatie.",  # coded by a rule
        "Het ontbreekt ons aan handen om het op te pakken.",  # no rule: a miss, or nothing
        "Het ontbreekt ons aan handen om het op te pakken.",  # the same again
        "Geen geld en geen tijd.",
        "De cultuur houdt vernieuwing tegen.",
    )
    rules = Coder(CODEBOOK).suggest(answers)
    coded = set(rules.response_id)
    order = informative_order(answers, codebook=CODEBOOK, rules=rules)
    ranked = order.response_id.tolist()
    assert sorted(ranked) == sorted(answers.response_id)
    assert ranked[0] not in coded  # an uncoded answer first
    assert ranked[1] in coded  # then a coded one
    # the repeated answer comes after every answer that says something else
    assert ranked.index("r2") > max(ranked.index(r) for r in ("r0", "r1", "r3", "r4"))
    assert order.score.is_monotonic_decreasing


def test_with_a_model_the_expected_corrections_decide() -> None:
    answers, codes = labels_from_gold(LABELLED)
    rules = Coder(CODEBOOK).suggest(answers)
    pool = answers.iloc[200:].reset_index(drop=True)
    model = ModelSuggester(CODEBOOK).fit(
        answers.iloc[:200], codes[:200], rules=rules, unlabelled=pool
    )
    order = informative_order(pool, codebook=CODEBOOK, rules=rules, model=model)
    expected = model.expected_corrections(pool, rules=rules)
    by_id = dict(zip(pool.response_id, expected, strict=True))
    top, bottom = order.response_id.iloc[:20], order.response_id.iloc[-20:]
    assert sum(by_id[r] for r in top) > 3 * sum(by_id[r] for r in bottom)
    # the first answers to review are ones where the machine's coding is most often wrong
    gold = {
        r: set(c)
        for r, c in zip(answers.response_id, codes, strict=True)
        if r in set(pool.response_id)
    }
    machine = model.predict(pool, rules=rules)
    wrong = {
        rid: any(
            (machine.loc[i, code] == 1) != (code in gold[rid])
            for code in machine.columns
            if not pd.isna(machine.loc[i, code])
        )
        for i, rid in enumerate(pool.response_id)
    }
    assert sum(wrong[r] for r in top) > sum(wrong[r] for r in bottom)


@pytest.fixture
def review_files(tmp_path: Path) -> tuple[Path, Path, Path]:
    """Answers (the labelled set's texts), the rules' suggestions for them, an empty ledger."""
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    answers = tmp_path / "antwoorden.jsonl"
    answers.write_text(
        "".join(
            json.dumps(
                {"response_id": r["id"], "question": r["question"], "text": r["text"]},
                ensure_ascii=False,
            )
            + "\n"
            for r in rows[:120]
        ),
        encoding="utf-8",
    )
    suggestions = tmp_path / "suggesties.jsonl"
    args = ["code", str(answers), "--codebook", str(DATA / "codebook_blind_nl.yaml"), "--quiet"]
    assert main([*args, "--out", str(suggestions)]) == 0
    return answers, suggestions, tmp_path / "beslissingen.jsonl"


def test_queue_orders_by_priority_answer_by_answer(
    review_files: tuple[Path, Path, Path],
) -> None:
    _, suggestions, _ = review_files
    rows = load_suggestions(suggestions).to_dict("records")
    wanted = (str(rows[-1]["response_id"]), str(rows[-1]["question"]))
    units = list(build_units(rows, CODEBOOK, "informative", {wanted: 5.0}).values())
    assert units[0].key[:2] == wanted
    # the other answers keep file order, each answer's units together
    seen: list[tuple[str, str]] = []
    for unit in units:
        if not seen or seen[-1] != unit.key[:2]:
            assert unit.key[:2] not in seen
            seen.append(unit.key[:2])
    assert seen[1:] == sorted(
        seen[1:], key=[(str(r["response_id"]), str(r["question"])) for r in rows].index
    )
    with pytest.raises(ValueError, match="priority"):
        build_units(rows, CODEBOOK, "informative")


def test_desk_serves_the_informative_order(review_files: tuple[Path, Path, Path]) -> None:
    answers, suggestions, ledger = review_files
    table = pd.read_json(answers, lines=True, dtype={"response_id": str})
    session = ReviewSession(suggestions, ledger, "agent", codebook=CODEBOOK, answers=table)
    desk = Desk(session)
    assert "informative" in desk.orders()
    reply = desk.call("next_item", {"count": 3, "order": "informative"})
    first = reply["items"][0]
    # before any decision: an answer no rule coded with certainty comes first, not file order
    ranked = informative_order(table, codebook=CODEBOOK, rules=session.suggestions)
    coded = ranked[ranked.response_id.isin(set(session.suggestions.response_id))]
    assert first["response_id"] == coded.response_id.iloc[0]


def test_review_order_informative_learns_from_the_ledger(
    review_files: tuple[Path, Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    answers, suggestions, ledger = review_files
    base = [
        "review",
        str(suggestions),
        "--ledger",
        str(ledger),
        "--reviewer",
        "anna",
        "--answers",
        str(answers),
        "--codebook",
        str(DATA / "codebook_blind_nl.yaml"),
        "--order",
        "informative",
    ]
    assert main([*base, "--next", "--json"]) == 0
    cold = json.loads(capsys.readouterr().out)["next"]
    assert cold["suggestion_id"]
    # a reviewer works through 40 answers, deciding as the gold says
    gold = {
        r["id"]: set(r["codes"])
        for r in map(json.loads, LABELLED.read_text(encoding="utf-8").splitlines())
    }
    session = ReviewSession(suggestions, ledger, "anna", codebook=CODEBOOK, order="respondent")
    reviewed: set[str] = set()
    for item in session.open_items():
        if len(reviewed) >= 40 and item.response_id not in reviewed:
            break
        reviewed.add(item.response_id)
        if item.code in gold[item.response_id]:
            session.accept(item.suggestion_id)
        else:
            session.reject(item.suggestion_id)
    warm = ReviewSession(
        suggestions,
        ledger,
        "anna",
        codebook=CODEBOOK,
        order="informative",
        answers=pd.read_json(answers, lines=True, dtype={"response_id": str}),
    )
    assert warm._priority  # scored by a model trained on the 40 reviewed answers
    ranked = [i.response_id for i in warm.open_items()]
    assert ranked and not set(ranked) & reviewed
    assert main([*base, "--next", "--json"]) == 0
    item = json.loads(capsys.readouterr().out)["next"]
    assert item["response_id"] == ranked[0]
