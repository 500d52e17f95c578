"""The desk's parts without a server: one call from the command line, drafts, the polarity of
evidence, long answers cut to a window, actions in the ledger."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from cli_run import run_cli

from textcode.codebook import load_codebook
from textcode.coding import Coder
from textcode.desk import Desk
from textcode.desk.replies import MAX_TEXT, size
from textcode.errors import InputError
from textcode.nlp.negation import span_polarity
from textcode.review.ledger import Ledger, LedgerEntry
from textcode.review.session import ReviewSession
from textcode.workshop.patch import (
    NewPattern,
    Patch,
    apply_patch,
    bump_version,
    load_patch,
    parse_patch,
    write_patch,
)

DATA = Path(__file__).resolve().parent / "data" / "review"
ARGS = [str(DATA / "suggestions_nl.jsonl"), "--codebook", str(DATA / "codebook_review_nl.yaml")]
ARGS += ["--answers", str(DATA / "answers_nl.jsonl"), "--reviewer", "claude"]


def test_one_call_from_the_command_line(tmp_path: Path) -> None:
    ledger = ["--ledger", str(tmp_path / "l.jsonl")]
    ran = run_cli("mcp", *ARGS, *ledger, "--call", "next_item", '{"count": 2}')
    assert ran.returncode == 0, ran.stderr
    items = json.loads(ran.stdout)["items"]
    assert len(items) == 2 and items[0]["response_id"] == "k08"
    verdict = json.dumps({"verdicts": [{"suggestion_id": items[0]["suggestion_id"],
                                        "verdict": "accept"}]})  # fmt: skip
    assert run_cli("mcp", *ARGS, *ledger, "--call", "decide", verdict).returncode == 0
    again = run_cli("mcp", *ARGS, *ledger, "--call", "decide", verdict)
    assert json.loads(again.stdout)["unchanged"][0]["earlier"]["decision"] == "accept"
    assert len(Ledger(tmp_path / "l.jsonl").entries()) == 1
    bad = run_cli("mcp", *ARGS, *ledger, "--call", "next_item", '{"count": 99}')
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert json.loads(bad.stdout)["error"]["code"] == "out_of_range"
    assert run_cli("mcp", *ARGS, *ledger, "--call", "next_item", "{count").returncode == 2
    unknown = run_cli("mcp", *ARGS, *ledger, "--call", "accept")
    assert unknown.returncode == 2 and "next_item" in json.loads(unknown.stdout)["error"]["allowed"]


@pytest.mark.parametrize(
    ("text", "word", "state", "cue"),
    [
        ("Er waren te weinig mensen beschikbaar.", "weinig mensen", "lacking", "weinig"),
        ("Het budget was geen probleem.", "budget", "sufficient", "geen"),
        ("Goede samenwerking met de regio.", "samenwerking", "positive", "Goede"),
        ("Voldoende geld, maar geen tijd.", "geld", "sufficient", "Voldoende"),
        ("Netwerk bouwen en onderhouden.", "Netwerk bouwen", "none", None),
    ],
)
def test_polarity_of_evidence(text: str, word: str, state: str, cue: str | None) -> None:
    start = text.index(word)
    found = span_polarity(text, start, start + len(word))
    assert found.state == state
    assert (cue in found.cues) if cue else found.cues == ()


def test_a_long_answer_is_shown_as_a_window_around_its_evidence(tmp_path: Path) -> None:
    text = "Het project liep goed. " * 600 + "Maar er was te weinig geld voor de uitrol."
    answers = pd.DataFrame([{"response_id": "r1", "question": "belemmering", "text": text}])
    suggestions = Coder().suggest(answers)
    session = ReviewSession(suggestions, tmp_path / "l.jsonl", "claude", answers=answers)
    reply = Desk(session).next_item(count=20)
    item = next(i for i in reply["items"] if i["code"] == "belemmering.financiering")
    assert len(item["text"]) <= MAX_TEXT and item["text_window"]["length"] == len(text)
    assert item["text"][item["start"] : item["end"]] == item["evidence"]
    assert f"[[{item['evidence']}]]" in item["highlighted"]
    assert size(reply) <= 20_000
    answer = Desk(session).read_answer("r1")
    assert len(answer["text"]) <= MAX_TEXT and "[[" in answer["highlighted"]


DRAFT = """textcode_draft: 1
codebook: crisis_innovation_nl
version: "x"
add_codes:
  - group: belemmering
    id: belemmering.regelgeving
    label: Regelgeving
    description: Wet- en regelgeving die het project remde.
    patterns: [regelgeving | AVG]
    examples: {positive: [De AVG maakte het delen lastig], negative: []}
add_patterns:
  - {code: belemmering.capaciteit_tijd, rule: handen NEAR/3 tekort}
replace_patterns:
  - {rule: belemmering.financiering#1, with: budget}
"""


def test_a_draft_applies_in_memory_and_round_trips(tmp_path: Path) -> None:
    codebook = load_codebook()
    draft = parse_patch(DRAFT, source="voorstel.yaml")  # the desk's first form of a patch
    changed = apply_patch(codebook, draft)
    assert changed.version == bump_version(codebook.version)
    assert changed.code("belemmering.regelgeving").label == "Regelgeving"
    rules = [p.rule for p in changed.code("belemmering.capaciteit_tijd").patterns]
    assert rules[-1] == "handen NEAR/3 tekort"
    assert changed.code("belemmering.financiering").patterns[0].rule == "budget"
    assert codebook.code("belemmering.financiering").patterns[0].rule != "budget"
    assert write_patch(draft, tmp_path / "d.yaml") == draft
    assert "textcode_patch: 2" in (tmp_path / "d.yaml").read_text(encoding="utf-8")
    assert load_patch(tmp_path / "d.yaml").new_codes == ["belemmering.regelgeving"]


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("textcode_draft: 1\nadd_rules: []\n", 2, "add_rules"),
        ("add_patterns:\n  - {code: a.b, rule: '(geld'}\n", None, "add_patterns[0].rule"),
        ("add_patterns:\n  - {code: a.b}\n", None, "add_patterns[0].rule"),
        ("replace_patterns:\n  - {rule: a#1, by: x}\n", None, "replace_patterns[0].by"),
    ],
)
def test_a_bad_draft_names_its_line_and_field(text: str, line: int | None, field: str) -> None:
    with pytest.raises(InputError) as info:
        parse_patch(text, source="voorstel.yaml")
    assert info.value.field == field and info.value.path == "voorstel.yaml"
    if line is not None:
        assert info.value.line == line


def test_a_draft_for_what_does_not_exist_is_refused() -> None:
    codebook = load_codebook()
    for draft, field in (
        (Patch("c", "v", replace_patterns=(("belemmering.financiering#99", "geld"),)),
         "replace_patterns"),
        (Patch("c", "v", add_patterns=(NewPattern("belemmering.bestaatniet", "geld"),)),
         "add_patterns"),
        (Patch("c", "v", add_codes=(("nergens", {"id": "nergens.x", "label": "x"}),)),
         "add_codes"),
    ):  # fmt: skip
        with pytest.raises(InputError) as info:
            apply_patch(codebook, draft)
        assert info.value.field == field and info.value.kind == "not_found"


def test_entries_of_one_call_share_an_action_and_old_entries_undo_one_by_one(
    tmp_path: Path,
) -> None:
    path = tmp_path / "l.jsonl"
    session = ReviewSession(
        DATA / "suggestions_nl.jsonl", path, "anna", codebook=DATA / "codebook_review_nl.yaml"
    )
    ids = [item.suggestion_id for item in session.next_items(3)]
    entries = session.accept(*ids)
    assert len({e.action for e in entries}) == 1 and entries[0].action
    assert len(session.undo_action()) == 3
    # A ledger written before actions: each entry is its own action.
    old = [LedgerEntry(e.suggestion_id, e.response_id, e.question, e.code, "accept", "bert")
           for e in entries]  # fmt: skip
    Ledger(path).append_many(old)
    bert = ReviewSession(
        DATA / "suggestions_nl.jsonl", path, "bert", codebook=DATA / "codebook_review_nl.yaml"
    )
    assert [e.suggestion_id for e in bert.undo_action()] == [old[-1].suggestion_id]
    path.write_text(
        path.read_text("utf-8") + json.dumps({**old[0].to_dict(), "action": 7}) + "\n", "utf-8"
    )
    with pytest.raises(InputError) as info:
        Ledger(path).entries()
    assert info.value.field == "action" and info.value.line is not None


def test_a_retried_batch_of_a_hundred_verdicts_stays_under_20_kb(tmp_path: Path) -> None:
    lines = (DATA / "labelled_crisis_nl.jsonl").read_text("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    answers = pd.DataFrame(
        [{"response_id": r["id"], "question": r["question"], "text": r["text"]} for r in records]
    )
    session = ReviewSession(Coder().suggest(answers), tmp_path / "l.jsonl", "claude")
    desk = Desk(session)
    ids = [item.suggestion_id for item in session.next_items(100)]
    verdicts = {
        "verdicts": [{"suggestion_id": i, "verdict": "accept", "comment": "ja"} for i in ids]
    }
    first = desk.call("decide", verdicts)
    again = desk.call("decide", verdicts)
    assert len(first["recorded"]) == len(again["unchanged"]) == 100
    assert max(size(first), size(again)) <= 20_000
    too_many = {"verdicts": verdicts["verdicts"] + verdicts["verdicts"][:1]}
    with pytest.raises(InputError) as info:
        desk.call("decide", too_many)
    assert info.value.kind == "out_of_range"


def test_workshop_hits_and_listings_are_redacted(tmp_path: Path) -> None:
    from textcode.ingest import read_answers

    answers = read_answers(DATA / "pii_answers_nl.jsonl")
    session = ReviewSession(
        DATA / "pii_suggestions_nl.jsonl", tmp_path / "l.jsonl", "claude", answers=answers
    )
    desk = Desk(session)
    tried = desk.try_rule("zegt | mail", "belemmering")
    tried_other = desk.try_rule("mail | bel", "kennisbehoefte")
    shown = json.dumps([tried, tried_other], ensure_ascii=False)
    assert tried["answers_matched"] == 1 and tried_other["answers_matched"] == 1
    assert "[NAAM]" in shown and "[E-MAIL]" in shown
    for personal in ("Petra", "Vries", "Bakker", "p.devries", "06-12345678", "ggd-hvb"):
        assert personal not in shown


def test_an_answer_with_hundreds_of_hits_still_fits_one_reply(tmp_path: Path) -> None:
    text = "Er was te weinig geld, te weinig tijd en geen kennis van de techniek. " * 300
    answers = pd.DataFrame([{"response_id": "r1", "question": "belemmering", "text": text}])
    suggestions = Coder().suggest(answers)
    assert len(suggestions) > 300
    session = ReviewSession(suggestions, tmp_path / "l.jsonl", "claude", answers=answers)
    desk = Desk(session)
    page = desk.call("next_item", {"count": 20})
    assert page["items"] and size(page) <= 20_000
    assert page["items"][0]["spans_total"] > len(page["items"][0]["spans"])
    answer = desk.call("read_answer", {"response_id": "r1"})
    assert answer["total_suggestions"] == len(suggestions) > len(answer["suggestions"])
    verdicts = [{"suggestion_id": i["suggestion_id"], "verdict": "accept"} for i in page["items"]]
    assert size(desk.call("decide", {"verdicts": verdicts})) <= 20_000
