"""The agent's desk, driven as an agent drives it: the real ``mcp`` stdio client talking to a
``textcode mcp`` process, over the IFV sample coded with the shipped codebook.

One server process serves the whole module (tests share its ledger and use different
answers); the persistence test opens a second session on the same files.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("mcp")
from anyio.from_thread import BlockingPortal, start_blocking_portal
from cli_run import mcp_server, run_cli
from mcp import Client, StdioServerParameters

from textcode.codebook.loader import default_codebook_path
from textcode.review.ledger import Ledger, replay
from textcode.review.session import ReviewSession

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"
REVIEWER = "claude"
TOOLS = {
    "next_item", "decide", "add_code", "note", "skip", "undo", "progress", "my_decisions",
    "agreement", "rule_health", "codes_for_question", "codebook_entry", "read_answer",
    "try_rule", "suggest_terms", "check_codebook", "evaluate", "propose_code", "item", "team",
    "propose_exclusions",
}  # fmt: skip
READ_ONLY = TOOLS - {
    "decide", "add_code", "note", "skip", "undo", "propose_code", "propose_exclusions"
}  # fmt: skip
# vl03-p02 answered only belemmering: "... er waren te weinig mensen om het ... te doen."
SHORTAGE = "vl03-p02"
# vl10-p01 answered kennisbehoefte and belemmering.
TWO_QUESTIONS = "vl10-p01"
SIZES: list[tuple[str, int]] = []  # every reply of the module: tool, bytes


class Agent:
    """A synchronous face on the stdio client, for plain test functions."""

    def __init__(self, portal: BlockingPortal, client: Client, folder: Path) -> None:
        self.portal = portal
        self.client = client
        self.folder = folder
        self.ledger = folder / "ledger.jsonl"

    def raw(self, tool: str, arguments: dict[str, Any]) -> Any:
        result = self.portal.call(self.client.call_tool, tool, arguments)
        SIZES.append((tool, len(result.content[0].text.encode("utf-8"))))
        return result

    def call(self, tool: str, **arguments: Any) -> dict[str, Any]:
        result = self.raw(tool, arguments)
        assert not result.is_error, result.structured_content
        data: dict[str, Any] = result.structured_content
        assert json.loads(result.content[0].text) == data
        return data

    def error(self, tool: str, **arguments: Any) -> dict[str, Any]:
        before = self.ledger_bytes()
        result = self.raw(tool, arguments)
        assert result.is_error, result.structured_content
        assert self.ledger_bytes() == before  # a refused call records nothing
        error: dict[str, Any] = result.structured_content["error"]
        assert set(error) == {"code", "field", "value", "allowed", "message"}
        return error

    def ledger_bytes(self) -> bytes:
        return self.ledger.read_bytes() if self.ledger.exists() else b""

    def suggestions_lines(self) -> list[str]:
        return (self.folder / "suggestions.jsonl").read_text("utf-8").splitlines()

    def suggestion(self, response_id: str, code: str) -> str:
        for line in self.suggestions_lines():
            row = json.loads(line)
            if (row["response_id"], row["code"]) == (response_id, code):
                return str(row["suggestion_id"])
        raise AssertionError((response_id, code))


def _arguments(folder: Path) -> list[str]:
    args = [str(folder / "suggestions.jsonl"), "--ledger", str(folder / "ledger.jsonl")]
    args += ["--reviewer", REVIEWER, "--answers", str(SAMPLE), "--gold", str(folder / "gold.jsonl")]
    return args


@pytest.fixture(scope="module")
def agent(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Agent]:
    folder = tmp_path_factory.mktemp("desk")
    suggestions = folder / "suggestions.jsonl"
    assert run_cli("code", str(SAMPLE), "--out", str(suggestions), "--quiet").returncode == 0
    # A gold file that agrees with the machine except on one answer.
    gold: dict[tuple[str, str], list[str]] = {}
    for line in suggestions.read_text("utf-8").splitlines():
        row = json.loads(line)
        gold.setdefault((row["response_id"], row["question"]), []).append(row["code"])
    gold[(SHORTAGE, "belemmering")] = ["belemmering.financiering"]
    (folder / "gold.jsonl").write_text(
        "".join(
            json.dumps({"id": rid, "question": q, "codes": sorted(set(codes))}) + "\n"
            for (rid, q), codes in gold.items()
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parameters = StdioServerParameters(
        command=sys.executable,
        args=["-m", "textcode", "mcp", *_arguments(folder)],
        env=env,
        cwd=str(ROOT),
    )
    with (
        start_blocking_portal() as portal,
        portal.wrap_async_context_manager(Client(parameters)) as client,
    ):
        yield Agent(portal, client, folder)


def test_every_tool_has_a_bounded_schema_a_reply_schema_and_hints(agent: Agent) -> None:
    tools = {t.name: t for t in agent.portal.call(agent.client.list_tools).tools}
    assert set(tools) == TOOLS
    for name, tool in tools.items():
        assert tool.input_schema["additionalProperties"] is False, name
        assert tool.output_schema is not None and tool.output_schema["type"] == "object", name
        assert tool.annotations.read_only_hint == (name in READ_ONLY), name
        assert tool.description and "pydantic" not in tool.description
    limit = tools["my_decisions"].input_schema["properties"]["limit"]
    assert (limit["minimum"], limit["maximum"]) == (1, 200)
    verdict = tools["decide"].input_schema["properties"]["verdicts"]["items"]
    assert verdict["properties"]["verdict"]["enum"] == ["accept", "reject"]
    assert verdict["properties"]["comment"]["maxLength"] == 2000
    codes = tools["add_code"].input_schema["properties"]["code"]["enum"]
    assert "belemmering.capaciteit_tijd" in codes and "overig.geen_inhoud" in codes


def test_next_item_holds_what_review_next_json_shows(agent: Agent) -> None:
    reply = agent.call(
        "next_item", count=20, code="belemmering.capaciteit_tijd", question="belemmering"
    )
    item = next(i for i in reply["items"] if i["response_id"] == SHORTAGE)
    assert "[[weinig mensen]] om het" in item["highlighted"]
    assert item["label"] and item["definition"] and item["examples"]
    assert "belemmering.capaciteit_tijd#2" in item["explanation"]
    # The shortage is what the code is about: polarity says so instead of a bare "negated".
    assert item["polarity"] == "lacking" and "weinig" in item["polarity_cues"]
    assert "negated" not in item
    assert reply["matching"] >= 1 and reply["progress"]["total"] > 0
    cli = run_cli(
        "review",
        *[str(agent.folder / "suggestions.jsonl"), "--ledger", str(agent.folder / "cli.jsonl")],
        *["--reviewer", REVIEWER, "--answers", str(SAMPLE), "--next", "--json"],
        *["--question", "belemmering", "--code", "belemmering.capaciteit_tijd"],
    )
    shown = json.loads(cli.stdout)["next"]
    shown.pop("progress")
    assert shown == reply["items"][0]


def test_filters_and_bounds_fail_loudly(agent: Agent) -> None:
    error = agent.error("next_item", code="belemmering.bestaatniet")
    assert error["code"] == "not_allowed" and error["field"] == "code"
    assert "belemmering.capaciteit_tijd" in error["allowed"]
    error = agent.error("next_item", question="vraag_die_niet_bestaat")
    assert error["code"] == "not_allowed" and "belemmering" in error["allowed"]
    error = agent.error("next_item", code="belemmering.financiering", question="succesfactor")
    assert error["code"] == "not_allowed" and "succesfactor.financiering" in error["allowed"]
    for limit in (0, -1, 201):
        error = agent.error("my_decisions", limit=limit)
        assert (error["code"], error["field"], error["value"]) == ("out_of_range", "limit", limit)
    error = agent.error("next_item", count=0)
    assert error["code"] == "out_of_range"
    error = agent.error("decide", verdicts=[], dry_run=True)
    assert error["code"] in ("unknown_argument", "out_of_range")
    error = agent.error("progress", verbose=True)
    assert (error["code"], error["field"]) == ("unknown_argument", "verbose")
    assert error["allowed"] == []
    error = agent.error("next_item", order="random")
    assert error["code"] == "not_allowed" and "uncertain" in error["allowed"]
    error = agent.error("next_item", rule="belemmering.capaciteit_tijd#99")
    assert (error["code"], error["field"]) == ("not_found", "rule")
    # Filters that fit nothing open give an empty page, and say so.
    reply = agent.call(
        "next_item", code="belemmering.techniek", rule="belemmering.capaciteit_tijd#2"
    )
    assert reply["items"] == [] and reply["matching"] == 0 and reply["progress"]["open"] > 0


def test_decide_checks_the_whole_list_and_retries_write_nothing(agent: Agent) -> None:
    lacking = agent.suggestion(SHORTAGE, "belemmering.capaciteit_tijd")
    error = agent.error(
        "decide",
        verdicts=[
            {"suggestion_id": lacking, "verdict": "accept"},
            {"suggestion_id": "s-bestaat-niet", "verdict": "accept"},
        ],
    )
    assert (error["code"], error["field"]) == ("not_found", "verdicts[1].suggestion_id")
    assert error["message"].endswith("no suggestion with id 's-bestaat-niet'")
    first = agent.call(
        "decide",
        verdicts=[{"suggestion_id": lacking, "verdict": "accept", "comment": "tekort aan mensen"}],
    )
    assert first["recorded"] == [lacking] and first["action"]
    assert "tekort" not in json.dumps(first)  # comments are not echoed
    lines = agent.ledger_bytes().count(b"\n")
    again = agent.call(
        "decide",
        verdicts=[{"suggestion_id": lacking, "verdict": "accept", "comment": "tekort aan mensen"}],
    )
    assert again["recorded"] == [] and again["action"] is None
    assert again["unchanged"][0]["earlier"]["decision"] == "accept"
    assert agent.ledger_bytes().count(b"\n") == lines
    error = agent.error(
        "decide",
        verdicts=[
            {"suggestion_id": lacking, "verdict": "accept"},
            {"suggestion_id": lacking, "verdict": "reject"},
        ],
    )
    assert error["code"] == "conflict" and error["field"] == "verdicts[1]"
    error = agent.error("decide", verdicts=[{"suggestion_id": lacking, "verdict": "misschien"}])
    assert error["code"] == "not_allowed" and error["allowed"] == ["accept", "reject"]


def test_a_megabyte_comment_is_refused_with_a_small_error(agent: Agent) -> None:
    target = agent.suggestion("vl05-p06", "belemmering.kennis")
    comment = "lang " * 200_000
    result = agent.raw(
        "decide", {"verdicts": [{"suggestion_id": target, "verdict": "accept", "comment": comment}]}
    )
    assert result.is_error
    error = result.structured_content["error"]
    assert (error["code"], error["field"]) == ("too_long", "verdicts[0].comment")
    assert error["value"] == "1000000 characters"
    assert len(result.content[0].text) < 1000
    error = agent.error("note", target=target, text=comment)
    assert error["code"] == "too_long"
    assert b"lang lang" not in agent.ledger_bytes()


def test_undo_takes_back_a_bulk_decision_and_a_repeated_add(agent: Agent) -> None:
    page = agent.call("next_item", count=3, question="kennisbehoefte", order="respondent")
    ids = [item["suggestion_id"] for item in page["items"]]
    before = agent.call("progress")["decided"]
    bulk = agent.call(
        "decide", verdicts=[{"suggestion_id": sid, "verdict": "accept"} for sid in ids]
    )
    assert sorted(bulk["recorded"]) == sorted(ids)
    assert agent.call("progress")["decided"] == before + 3
    undone = agent.call("undo")
    assert sorted(u["suggestion_id"] for u in undone["undone"]) == sorted(ids)
    assert undone["progress"]["decided"] == before
    again = agent.call("next_item", count=3, question="kennisbehoefte", order="respondent")
    assert ids[0] in [item["suggestion_id"] for item in again["items"]]  # it comes back
    added = agent.call("add_code", response_id=TWO_QUESTIONS, code="belemmering.draagvlak")
    twice = agent.call("add_code", response_id=TWO_QUESTIONS, code="belemmering.draagvlak")
    assert added["recorded"] and twice["recorded"] == [] and twice["unchanged"]
    agent.call("undo")
    mine = agent.call("my_decisions", code="belemmering.draagvlak")
    assert [d for d in mine["items"] if d["response_id"] == TWO_QUESTIONS] == []


def test_note_add_skip_and_read_take_a_question(agent: Agent) -> None:
    error = agent.error("note", target=TWO_QUESTIONS, text="lees dit samen met de rest")
    assert (error["code"], error["field"]) == ("missing", "question")
    assert error["allowed"] == ["belemmering", "kennisbehoefte"]
    noted = agent.call(
        "note", target=TWO_QUESTIONS, text="lees dit samen met de rest", question="belemmering"
    )
    assert noted["recorded"] == [TWO_QUESTIONS]
    assert agent.call("note", target=TWO_QUESTIONS, text="lees dit samen met de rest",
                      question="belemmering")["unchanged"]  # fmt: skip
    # One question answered with text, two left empty: no question needed.
    answer = agent.call("read_answer", response_id=SHORTAGE)
    assert answer["question"] == "belemmering" and "weinig mensen" in answer["text"]
    assert "codes" not in answer
    error = agent.error("read_answer", response_id="ghost")
    assert error["code"] == "not_found" and error["value"] == "ghost"
    skipped = agent.call("skip", response_id=TWO_QUESTIONS, question="kennisbehoefte")
    assert skipped["skipped"] >= 1 and skipped["progress"]["skipped"] >= 1
    error = agent.error("skip")
    assert error["code"] == "missing"


def test_my_decisions_pages_and_agreement(agent: Agent) -> None:
    page = agent.call("next_item", count=2, question="kennisbehoefte")
    agent.call(
        "decide",
        verdicts=[
            {"suggestion_id": page["items"][0]["suggestion_id"], "verdict": "accept"},
            {"suggestion_id": page["items"][1]["suggestion_id"], "verdict": "reject"},
        ],
    )
    first = agent.call("my_decisions", limit=1)
    assert len(first["items"]) == 1 and first["total"] >= 2 and first["next_offset"] == 1
    second = agent.call("my_decisions", limit=1, offset=1)
    assert second["items"][0] != first["items"][0]
    # Another reviewer on the same ledger.
    anna = ReviewSession(
        agent.folder / "suggestions.jsonl", agent.ledger, "anna", codebook=default_codebook_path()
    )
    # A unit the agent decided above, so that the test holds whatever ran before it.
    anna.reject(page["items"][0]["suggestion_id"])
    with_anna = agent.call("agreement", other="anna")
    assert with_anna["n_units"] >= 1 and "cohen_kappa" in with_anna["statistics"]
    machine = agent.call("agreement", other="machine")
    assert machine["machine"]["precision"] is not None
    gold = agent.call("agreement", other="gold")
    assert gold["n_units"] >= 1
    error = agent.error("agreement", other="niemand")
    assert error["code"] == "not_found" and {"anna", "machine", "gold"} <= set(error["allowed"])


def test_definitions_rule_health_and_codebook_entry(agent: Agent) -> None:
    codes = agent.call("codes_for_question", question="belemmering")
    ids = [c["code"] for c in codes["codes"]]
    assert "belemmering.capaciteit_tijd" in ids and "overig.geen_inhoud" in ids
    assert all(c["definition"] for c in codes["codes"]) and codes["next_offset"] is None
    assert codes["codes"][0]["polarity"]["lacking"] == "keep"
    entry = agent.call("codebook_entry", code="belemmering.capaciteit_tijd")
    assert "belemmering.capaciteit_tijd#2" in entry["rules"]
    _accept_one(agent)  # rule health reads decisions
    health = agent.call("rule_health", limit=5)
    assert health["total_rules"] >= 1 and len(health["rules"]) <= 5


def _accept_one(agent: Agent) -> None:
    """One decision of the test's own (on a question no other test decides), so that a test
    reading decisions holds whatever ran before it."""
    item = agent.call("next_item", count=1, question="succesfactor")["items"][0]
    agent.call("decide", verdicts=[{"suggestion_id": item["suggestion_id"], "verdict": "accept"}])


def test_workshop_tries_checks_evaluates_and_proposes(agent: Agent) -> None:
    _accept_one(agent)  # evaluate scores on decisions
    codebook = default_codebook_path()
    digest = hashlib.sha256(codebook.read_bytes()).hexdigest()
    tried = agent.call(
        "try_rule", pattern="(weinig | tekort) NEAR/3 mensen", question="belemmering"
    )
    assert tried["answers_matched"] >= 1 and tried["answers_searched"] >= tried["answers_matched"]
    hit = next(h for h in tried["hits"] if h["response_id"] == SHORTAGE)
    assert hit["keyword"] and "belemmering.capaciteit_tijd" in hit["codes"]
    assert tried["codes_carried"]["belemmering.capaciteit_tijd"] >= 1
    error = agent.error("try_rule", pattern="(weinig NEAR/3", question="belemmering")
    assert (error["code"], error["field"]) == ("invalid_rule", "pattern")
    draft = {"add_patterns": [{"code": "belemmering.capaciteit_tijd", "rule": "dagelijks* werk"}]}
    scored = agent.call("evaluate", draft=draft)
    assert scored["units"] >= 1 and set(scored["current"]) >= {"precision", "recall"}
    error = agent.error("evaluate", draft={"add_patterns": [{"code": "x.y", "rule": "z"}]})
    assert error["code"] == "not_found" and "belemmering.capaciteit_tijd" in error["allowed"]
    proposed = agent.call(
        "propose_code",
        question="belemmering",
        code="belemmering.regelgeving",
        label="Regelgeving",
        definition="Wet- en regelgeving (AVG, aanbesteding) die het project remde.",
        rules=["regelgeving | wetgeving | AVG"],
        examples=["De AVG maakte het delen van gegevens lastig"],
    )
    assert proposed["examples_passed"] == proposed["examples"] == 1
    assert Path(proposed["path"]).exists()
    # The codebook with the draft applied: every example of every code is a test.
    checked = agent.call("check_codebook", draft_name="belemmering.regelgeving")
    assert checked["version"].endswith("+draft") and checked["examples"] > 100
    assert checked["passed"] == checked["examples"] - checked["total_failures"]
    assert agent.call("evaluate", draft_name="belemmering.regelgeving")["new_codes"]
    assert hashlib.sha256(codebook.read_bytes()).hexdigest() == digest  # never changed
    # The draft is a codebook patch: a person applies it as any other, to a new version.
    grown = agent.folder / "codeboek.regelgeving.yaml"
    applied = run_cli(
        "codebook", "apply-patch", str(codebook), proposed["path"], "--out", str(grown)
    )
    assert applied.returncode == 0 and "1 codes added" in applied.stderr
    assert run_cli("codebook", "check", str(grown)).returncode == 0
    # A proposal of suggest_terms is an add_patterns entry of a draft as it stands.
    terms = agent.call("suggest_terms", code="belemmering.financiering", limit=3)
    proposal = terms["proposals"][0]
    assert {"code", "rule", "source"} <= set(proposal)
    scored = agent.call("evaluate", draft={"textcode_patch": 2, "add_patterns": [proposal]})
    assert scored["units"] >= 1


def test_errors_are_plain_and_whole(agent: Agent) -> None:
    messages = []
    for tool, arguments in (
        ("decide", {"verdicts": [{"suggestion_id": "x'y", "verdict": "accept"}]}),
        ("decide", {"verdicts": "alles"}),
        ("next_item", {"count": "drie"}),
        ("read_answer", {}),
    ):
        result = agent.raw(tool, arguments)
        assert result.is_error
        messages.append(result.structured_content["error"]["message"])
    assert messages[0].endswith("""no suggestion with id "x'y\"""")
    for message in messages:
        assert "pydantic" not in message and "http" not in message and "next()" not in message
    assert "must be array" in messages[1] and "must be integer" in messages[2]


def test_decisions_persist_across_sessions_and_agree_with_the_cli(agent: Agent) -> None:
    mine = agent.call("my_decisions", limit=200)
    progress = agent.call("progress")
    server = mcp_server(*_arguments(agent.folder))  # a second session on the same files

    async def look() -> tuple[Any, Any]:
        async with Client(server) as client:
            return (
                (await client.call_tool("my_decisions", {"limit": 200})).structured_content,
                (await client.call_tool("progress", {})).structured_content,
            )

    again, progress_again = agent.portal.call(look)
    assert again == mine
    assert {k: v for k, v in progress_again.items() if k != "skipped"} == {
        k: v for k, v in progress.items() if k != "skipped"
    }
    state = replay(Ledger(agent.ledger))
    verdicts = state[state.reviewer == REVIEWER]
    assert sorted(verdicts["suggestion_id"]) == sorted(d["suggestion_id"] for d in mine["items"])


def test_no_reply_exceeds_20_kb(agent: Agent) -> None:
    agent.call("next_item", count=20)
    agent.call("my_decisions", limit=200)
    agent.call("codes_for_question", question="kennisbehoefte", limit=200)
    agent.call("try_rule", pattern="kennis*", question="kennisbehoefte", limit=200)
    largest = max(SIZES, key=lambda s: s[1])
    assert largest[1] <= 20_000, largest
