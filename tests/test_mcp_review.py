"""The MCP server, driven by the MCP client over stdio like an AI assistant would."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import anyio
import pytest

from textcode.review.ledger import replay

pytest.importorskip("mcp")
from mcp import Client, StdioServerParameters

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "review"


def server_parameters(ledger: Path, reviewer: str = "claude", *extra: str) -> StdioServerParameters:
    args = ["-m", "textcode", "mcp", str(DATA / "suggestions_nl.jsonl"), "--ledger", str(ledger)]
    args += ["--reviewer", reviewer, "--codebook", str(DATA / "codebook_review_nl.yaml")]
    args += ["--answers", str(DATA / "answers_nl.jsonl"), *extra]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return StdioServerParameters(command=sys.executable, args=args, env=env, cwd=str(ROOT))


def result_data(result: Any) -> Any:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        data = result.structured_content
        return data.get("result", data) if set(data) == {"result"} else data
    return json.loads(result.content[0].text)


def test_an_assistant_reviews_over_stdio(tmp_path: Path) -> None:
    ledger = tmp_path / "ledger.jsonl"

    async def session() -> dict[str, Any]:
        seen: dict[str, Any] = {}
        async with Client(server_parameters(ledger, "claude", "--no-redact")) as client:
            tools = {tool.name for tool in (await client.list_tools()).tools}
            seen["tools"] = tools
            listed = result_data(await client.call_tool("list_open_suggestions", {"limit": 3}))
            seen["first"] = listed["items"][0]
            answer = result_data(
                await client.call_tool(
                    "read_answer", {"response_id": listed["items"][0]["response_id"]}
                )
            )
            seen["answer"] = answer
            entry = result_data(
                await client.call_tool("codebook_entry", {"code": "kennisbehoefte.verbinden"})
            )
            seen["entry"] = entry
            ids = [s["suggestion_id"] for s in answer["suggestions"]]
            result_data(
                await client.call_tool("reject", {"suggestion_ids": ids[-1:], "comment": "markt"})
            )
            result_data(await client.call_tool("accept", {"suggestion_ids": ids[:1]}))
            added = result_data(
                await client.call_tool(
                    "add_code", {"response_id": "s06", "code": "succesfactor.bestuurlijke_steun"}
                )
            )
            seen["added"] = added
            bad = await client.call_tool("accept", {"suggestion_ids": ["s-bestaat-niet"]})
            seen["bad"] = bad
            undone = result_data(await client.call_tool("undo", {}))
            seen["undone"] = undone
            seen["progress"] = result_data(await client.call_tool("progress", {}))
        return seen

    seen = anyio.run(session)
    assert {
        "list_open_suggestions",
        "read_answer",
        "codebook_entry",
        "accept",
        "reject",
        "add_code",
        "undo",
    } <= seen["tools"]
    assert (
        seen["first"]["response_id"] == "k08"
        and seen["first"]["label"] == "Verbinden van organisaties"
    )
    assert seen["answer"]["text"].startswith("Netwerk bouwen")
    assert "[[Netwerk bouwen]]" in seen["answer"]["highlighted"]
    assert {"code": "kennisbehoefte.inkoop", "label": "Inkoop en aanbesteden"} in seen["answer"][
        "codes"
    ]
    assert "dezelfde taal" in seen["entry"]["definition"]
    assert seen["bad"].is_error and "no suggestion with id" in seen["bad"].content[0].text
    assert seen["undone"]["undone"]["decision"] == "add"
    assert seen["progress"]["decided"] == 2
    state = replay(ledger)
    assert set(state["reviewer"]) == {"claude"}
    assert sorted(state["decision"]) == ["accept", "reject"]
    assert list(state.loc[state.decision == "reject", "comment"]) == ["markt"]
