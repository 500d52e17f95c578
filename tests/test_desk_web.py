"""The browser desk without a browser: its guard (token, cross-site requests, host names), the
thin adapter to the desk, and what the desk gained for it (words marked for a code, others'
verdicts, rule-health proposals written as a draft). The browser tests drive the same server
in Chromium (test_desk_browser.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest
from starlette.testclient import TestClient
from test_review_rulehealth import ANSWERS, _ledger

from textcode.desk import Desk
from textcode.desk.web import build_app
from textcode.errors import InputError
from textcode.ingest import read_answers
from textcode.privacy import shown
from textcode.review.ledger import Ledger
from textcode.review.session import ReviewSession
from textcode.workshop.patch import load_patch

DATA = Path(__file__).resolve().parent / "data" / "review"
TOKEN = "test-token-123"


def _desk(tmp_path: Path, reviewer: str = "anna") -> Desk:
    answers = read_answers(DATA / "pii_answers_nl.jsonl")
    return Desk(
        ReviewSession(
            DATA / "pii_suggestions_nl.jsonl", tmp_path / "l.jsonl", reviewer, answers=answers
        )
    )


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(
        build_app(_desk(tmp_path), token=TOKEN, port=8765), base_url="http://127.0.0.1"
    )


def test_marked_words_map_back_through_redaction() -> None:
    text = "Budget was het probleem, zegt Jeroen Bakker (j.bakker@ggd-hvb.nl); de pilot stopte."
    view = shown(text, redact=True, language="nl")
    assert view.redacted and "Jeroen" not in view.text
    for words in ("Budget was het probleem", "de pilot stopte"):
        a = view.text.index(words)
        start, end = view.unmap_span(a, a + len(words))
        assert text[start:end] == words
    a = view.text.index("zegt")
    b = view.text.index(")")  # over the name's and the address's placeholders
    start, end = view.unmap_span(a, b)
    assert text[start:end] == "zegt Jeroen Bakker (j.bakker@ggd-hvb.nl"


def test_a_code_added_on_marked_words_is_on_record_with_them(tmp_path: Path) -> None:
    desk = _desk(tmp_path)
    item = desk.read_answer("p02", "belemmering")
    words = "zegt [NAAM]"
    start = item["text"].index(words)
    code = "belemmering.capaciteit_tijd"
    reply = desk.call("add_code", {"response_id": "p02", "question": "belemmering", "code": code,
                                   "start": start, "end": start + len(words)})  # fmt: skip
    assert len(reply["recorded"]) == 1
    entry = Ledger(tmp_path / "l.jsonl").entries()[-1]
    assert entry.decision == "add" and entry.span is not None
    assert entry.span.evidence == "zegt Jeroen Bakker"  # the ledger keeps the original
    added = desk.read_answer("p02", "belemmering")["added"]
    assert added == [{"code": code, "decision": "add", "suggestion_id": entry.suggestion_id,
                      "start": start, "end": start + len(words), "evidence": words}]  # fmt: skip
    again = desk.add_code("p02", code, "belemmering", start=start, end=start + len(words))
    assert again["recorded"] == [] and len(again["unchanged"]) == 1
    moved = desk.add_code("p02", code, "belemmering", start=0, end=6)
    assert len(moved["recorded"]) == 1
    assert Ledger(tmp_path / "l.jsonl").entries()[-1].span.evidence == "Budget"  # type: ignore[union-attr]
    for bad in ({"start": 0}, {"start": 5, "end": 5}, {"start": 0, "end": 10_000}):
        with pytest.raises(InputError):
            desk.call("add_code", {"response_id": "p02", "code": code, **bad})
    assert len(Ledger(tmp_path / "l.jsonl").entries()) == 2


def test_others_verdicts_stay_hidden_until_you_decide(tmp_path: Path) -> None:
    anna, bert = _desk(tmp_path, "anna"), _desk(tmp_path, "bert")
    first = anna.next_item()["items"][0]
    anna.decide([{"suggestion_id": first["suggestion_id"], "verdict": "reject"}])
    rid, question = first["response_id"], first["question"]
    team = bert.team(rid, question)
    assert team["reviewers"][0]["reviewer"] == "anna" and team["reviewers"][0]["decisions"] == 1
    assert team["verdicts"] == []  # bert has not decided it yet
    bert.decide([{"suggestion_id": first["suggestion_id"], "verdict": "accept"}])
    assert bert.team(rid, question)["verdicts"] == [
        {"reviewer": "anna", "code": first["code"], "decision": "reject"}
    ]
    assert bert.item(first["suggestion_id"])["item"]["decision"] == "accept"


def test_rule_health_proposals_are_written_as_a_draft(tmp_path: Path) -> None:
    _ledger(tmp_path / "l.jsonl")
    # The answers the suggestions were made from, and those the ledger's decisions were on.
    decided = pd.DataFrame(
        [{"response_id": rid, "question": "belemmering", "text": t} for rid, t in ANSWERS.items()]
    )
    answers = pd.concat([read_answers(DATA / "pii_answers_nl.jsonl"), decided], ignore_index=True)
    session = ReviewSession(
        DATA / "pii_suggestions_nl.jsonl", tmp_path / "l.jsonl", "anna", answers=answers
    )
    desk = Desk(session)
    with pytest.raises(InputError, match="proposes no exclusion"):
        desk.call("propose_exclusions", {"choices": [{"rule": "x#1", "word": "geen"}]})
    reply = desk.call(
        "propose_exclusions",
        {"choices": [{"rule": "belemmering.financiering#2", "word": "probleem"}]},
    )
    draft = load_patch(reply["path"])
    ((rule, rewritten),) = draft.replace_patterns
    assert rule == "belemmering.financiering#2" and rewritten.endswith("NOT NEAR/4 probleem")
    assert reply["rules"] == [{"rule": rule, "with": rewritten}]
    assert session.codebook is not None and draft.version == session.codebook.version


def test_every_request_needs_the_token(client: TestClient) -> None:
    for path in ("/", "/health", "/static/desk.js", f"/?token={TOKEN}x"):
        assert client.get(path).status_code == 403
    first = client.get(f"/?token={TOKEN}", follow_redirects=False)
    assert first.status_code == 303 and first.headers["location"] == "/"
    assert "httponly" in first.headers["set-cookie"].lower()
    assert "samesite=strict" in first.headers["set-cookie"].lower()
    page = client.get("/")  # the cookie now
    assert page.status_code == 200 and f'content="{TOKEN}"' in page.text
    assert "default-src 'none'" in page.headers["content-security-policy"]
    assert page.headers["referrer-policy"] == "no-referrer"
    assert "http://" not in page.text and "https://" not in page.text


def test_changes_need_the_header_and_a_request_of_this_site(
    client: TestClient, tmp_path: Path
) -> None:
    client.get(f"/?token={TOKEN}")  # a cookie alone does not let a POST through
    good = {"X-Textcode-Token": TOKEN, "Content-Type": "application/json"}
    assert client.post("/api/undo", content=b"{}").status_code == 403
    for changed in ({"Origin": "http://evil.example"}, {"Content-Type": "text/plain"},
                    {"Sec-Fetch-Site": "cross-site"}):  # fmt: skip
        assert (
            client.post("/api/undo", content=b"{}", headers={**good, **changed}).status_code == 403
        )
    assert not (tmp_path / "l.jsonl").exists()
    listed = client.post("/api/next_item", content=b'{"count": 2}', headers=good)
    assert listed.status_code == 200 and len(listed.json()["items"]) == 2
    origin = {**good, "Origin": "http://127.0.0.1"}
    verdict = {"verdicts": [{"suggestion_id": listed.json()["items"][0]["suggestion_id"],
                             "verdict": "accept"}]}  # fmt: skip
    assert (
        client.post("/api/decide", content=json.dumps(verdict), headers=origin).status_code == 200
    )
    assert len(Ledger(tmp_path / "l.jsonl").entries()) == 1
    refused = client.post("/api/next_item", content=b'{"count": 99}', headers=good)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "out_of_range"
    assert client.post("/api/nope", content=b"{}", headers=good).json()["error"]["code"] == (
        "not_found"
    )
    assert client.post("/api/undo", content=b"[1]", headers=good).status_code == 400
    assert client.post("/api/undo", content=b"{x", headers=good).status_code == 400


def test_only_this_host_name_is_served(tmp_path: Path) -> None:
    app = build_app(_desk(tmp_path), token=TOKEN, port=8765)
    rebinding = TestClient(app, base_url="http://evil.example")
    assert rebinding.get(f"/?token={TOKEN}").status_code == 400


def test_the_page_speaks_every_language_textcode_has() -> None:
    from textcode.lang import get_language, languages

    dutch = get_language("nl").desk.STRINGS
    for code in languages():
        strings = get_language(code).desk.STRINGS
        assert set(strings) - {k for k in dutch if k.startswith("explain")} <= set(dutch)
        assert set(dutch) - set(strings) <= {k for k in dutch if k.startswith("explain")}
    english = re.compile(r"\b(the|accept|reject|skip|undo|rule|answer|code added)\b", re.I)
    assert "Accepteren" in dutch.values() and not english.search(
        re.sub(r"\{\w+\}", "", " ".join(dutch.values()))  # placeholders are no words
    )
