"""Review validates before it records: codes only for answers that exist and are not empty,
errors that name the file, and a bulk rule with nothing left is done, not a mistake."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pandas as pd
import pytest

from textcode.cli import main
from textcode.codebook import load_codebook
from textcode.errors import InputError
from textcode.ingest import read_answers
from textcode.review.ledger import Ledger, replay
from textcode.review.session import ReviewSession

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"
DATA = Path(__file__).resolve().parent / "data" / "review"
REVIEW_SUGGESTIONS = DATA / "suggestions_nl.jsonl"
REVIEW_CODEBOOK = DATA / "codebook_review_nl.yaml"

# vl01-p01 answered kennisbehoefte but left belemmering_overig empty; vl01-p07 wrote
# "Trage besluitvorming en onduidelijk opdrachtgeverschap ..." as its barrier.
EMPTY = "vl01-p01"
WRITTEN = "vl01-p07"
RULE = "belemmering.besluitvorming#1"


@pytest.fixture(scope="module")
def suggestions(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("validation") / "suggesties.jsonl"
    assert main(["code", str(SAMPLE), "--out", str(out), "--quiet"]) == 0
    return out


def _review(suggestions: Path, ledger: Path, *args: str) -> list[str]:
    return ["review", str(suggestions), "--ledger", str(ledger), "--reviewer", "anna", *args]


def _error(capsys: pytest.CaptureFixture[str]) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    return err


def _lines(ledger: Path) -> list[str]:
    return ledger.read_text("utf-8").splitlines() if ledger.exists() else []


# ------------------------------------------------------------------------- the command line


def test_add_for_a_response_not_in_the_answers_exits_2_and_records_nothing(
    suggestions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    args = _review(suggestions, ledger, "--answers", str(SAMPLE))
    assert main([*args, "--add", "nobody:belemmering.kennis"]) == 2
    err = _error(capsys)
    assert str(SAMPLE) in err and "'nobody'" in err and "field 'response_id'" in err
    assert _lines(ledger) == []


def test_add_for_an_empty_answer_exits_2_naming_response_and_question(
    suggestions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    args = _review(suggestions, ledger, "--answers", str(SAMPLE))
    assert main([*args, "--add", f"{EMPTY}:belemmering.kennis"]) == 2
    err = _error(capsys)
    assert str(SAMPLE) in err and f"'{EMPTY}'" in err and "'belemmering'" in err
    assert "empty" in err
    assert _lines(ledger) == []
    # The same respondent's written answer takes a code.
    assert main([*args, "--add", f"{WRITTEN}:belemmering.kennis"]) == 0
    assert [json.loads(line)["response_id"] for line in _lines(ledger)] == [WRITTEN]


def test_without_answers_only_answers_the_suggestions_show_take_a_code(
    suggestions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    assert main(_review(suggestions, ledger, "--add", "nobody:belemmering.kennis")) == 2
    err = _error(capsys)
    assert str(suggestions) in err and "'nobody'" in err
    # vl01-p01 has a suggestion for kennisbehoefte, none for belemmering (its answer is empty).
    assert main(_review(suggestions, ledger, "--add", f"{EMPTY}:belemmering.kennis")) == 2
    err = _error(capsys)
    assert str(suggestions) in err and f"'{EMPTY}'" in err and "'belemmering'" in err
    assert "field 'question'" in err
    # A code outside the codebook names the codebook file.
    assert main(_review(suggestions, ledger, "--add", f"{WRITTEN}:belemmering.verzonnen")) == 2
    err = _error(capsys)
    assert "crisis_innovation_nl.yaml" in err and "field 'code'" in err
    assert _lines(ledger) == []
    assert main(_review(suggestions, ledger, "--add", f"{WRITTEN}:belemmering.kennis")) == 0
    assert len(_lines(ledger)) == 1


def test_one_bad_action_records_none_of_the_others(
    suggestions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    first = json.loads(suggestions.read_text("utf-8").splitlines()[0])["suggestion_id"]
    args = _review(suggestions, ledger, "--accept", first, "--add", "nobody:belemmering.kennis")
    assert main(args) == 2
    assert "'nobody'" in _error(capsys)
    assert main(_review(suggestions, ledger, "--accept", first, "--reject-rule", "geen#1")) == 2
    assert "'geen#1'" in _error(capsys)
    assert main(_review(suggestions, ledger, "--accept", first, "--note", "nobody", "zie")) == 2
    assert "'nobody'" in _error(capsys)
    assert _lines(ledger) == []


def test_unknown_suggestion_id_names_the_suggestions_file(
    suggestions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    assert main(_review(suggestions, ledger, "--accept", "sNOTEXIST")) == 2
    err = _error(capsys)
    assert f"{suggestions}, field 'suggestion_id': no suggestion with id 'sNOTEXIST'" in err
    assert _lines(ledger) == []


def test_accept_rule_a_second_time_is_done_not_a_usage_error(
    suggestions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    assert main(_review(suggestions, ledger, "--accept-rule", RULE, "--json")) == 0
    first = json.loads(capsys.readouterr().out)
    assert first["accept_rule"] == {"rule": RULE, "count": 1}
    assert [entry["response_id"] for entry in first["recorded"]] == [WRITTEN]
    assert main(_review(suggestions, ledger, "--accept-rule", RULE)) == 0
    captured = capsys.readouterr()
    assert f"rule {RULE}: 0 suggestions were left to decide" in captured.out
    assert captured.err == ""
    assert main(_review(suggestions, ledger, "--accept-rule", RULE, "--json")) == 0
    again = json.loads(capsys.readouterr().out)
    assert again == {"accept_rule": {"rule": RULE, "count": 0}}
    assert len(_lines(ledger)) == 1


def test_evaluate_names_gold_file_and_line_of_an_unknown_code(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [
        {
            "id": "g1",
            "question": "belemmering",
            "text": "Trage besluitvorming en onduidelijk opdrachtgeverschap.",
            "codes": ["belemmering.besluitvorming"],
        },
        {
            "id": "g2",
            "question": "belemmering",
            "text": "Te weinig geld voor de pilot.",
            "codes": ["belemmering.geldgebrek"],
        },
    ]
    gold.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")
    assert main(["evaluate", str(gold)]) == 2
    err = _error(capsys)
    assert f"{gold}, line 2, field 'codes'" in err and "belemmering.geldgebrek" in err


# ------------------------------------------------------------------------- the Python API


def _session(tmp_path: Path, answers: pd.DataFrame | None) -> ReviewSession:
    return ReviewSession(
        REVIEW_SUGGESTIONS,
        tmp_path / "l.jsonl",
        "anna",
        answers=answers,
        codebook=load_codebook(REVIEW_CODEBOOK),
        redact=False,
    )


def test_session_add_raises_input_error_and_leaves_the_ledger_alone(
    suggestions: Path, tmp_path: Path
) -> None:
    answers = read_answers(SAMPLE)
    session = ReviewSession(
        suggestions, tmp_path / "l.jsonl", "anna", answers=answers, redact=False
    )
    with pytest.raises(InputError) as unknown:
        session.add("ghost", "belemmering.kennis")
    assert unknown.value.path == str(SAMPLE) and unknown.value.field == "response_id"
    assert "'ghost'" in str(unknown.value)
    with pytest.raises(InputError, match="empty") as empty:
        session.add(EMPTY, "belemmering.kennis")
    assert f"'{EMPTY}'" in str(empty.value) and "'belemmering'" in str(empty.value)
    with pytest.raises(InputError, match="'ghost'"):
        session.note("ghost", "bestaat niet", question="belemmering")
    assert not (tmp_path / "l.jsonl").exists()
    assert session.add(WRITTEN, "belemmering.kennis").decision == "add"


def test_answers_decide_which_answers_take_a_code_without_suggestions(tmp_path: Path) -> None:
    lines = (DATA / "answers_nl.jsonl").read_text("utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    answers = pd.DataFrame(rows).rename(columns={"id": "response_id"})
    # s06 ("inzet van regio's ...") has no suggestion: only with the answers can it get a code.
    with pytest.raises(InputError, match="'s06'") as blind:
        _session(tmp_path, None).add("s06", "succesfactor.bestuurlijke_steun")
    assert blind.value.path == str(REVIEW_SUGGESTIONS)
    assert Ledger(tmp_path / "l.jsonl").entries() == []
    entry = _session(tmp_path, answers).add("s06", "succesfactor.bestuurlijke_steun")
    assert entry.decision == "add" and entry.question == "succesfactor"
    # A code the machine suggested is accepted, with or without the answers.
    accepted = _session(tmp_path, None).add("b05", "belemmering.vrijblijvendheid")
    assert accepted.decision == "accept"
    assert len(replay(tmp_path / "l.jsonl")) == 2


# ------------------------------------------------------------------------- MCP


def test_mcp_add_code_for_a_ghost_is_a_tool_error(tmp_path: Path) -> None:
    pytest.importorskip("mcp")
    from mcp import Client

    from textcode.desk import Desk, build_server

    session = _session(tmp_path, None)

    async def call() -> Any:
        async with Client(build_server(Desk(session))) as client:
            return await client.call_tool(
                "add_code", {"response_id": "ghost", "code": "belemmering.kennis"}
            )

    result = anyio.run(call)
    assert result.is_error
    error = result.structured_content["error"]
    assert error["code"] == "not_found" and error["field"] == "response_id"
    assert error["value"] == "ghost" and str(REVIEW_SUGGESTIONS) in error["message"]
    assert not (tmp_path / "l.jsonl").exists()


def test_reading_an_unknown_answer_is_an_error_an_empty_one_is_not(
    suggestions: Path, tmp_path: Path
) -> None:
    session = ReviewSession(
        suggestions, tmp_path / "l.jsonl", "anna", answers=read_answers(SAMPLE), redact=False
    )
    with pytest.raises(InputError, match="'ghost'"):
        session.answer("ghost", "belemmering")
    empty = session.answer(EMPTY, "belemmering")
    assert empty["suggestions"] == [] and not empty["text"]
    written = session.answer(WRITTEN, "belemmering")
    assert "besluitvorming" in written["text"].lower()
