"""The MCP review tools show no personal data by default, even without the answers file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import anyio
import pytest

pytest.importorskip("mcp")
from cli_run import mcp_server
from mcp import Client

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "review"
PERSONAL = ("Petra", "Vries", "p.devries", "vrzeeland", "06-12345678", "Jeroen", "Bakker")


def _result(result: Any) -> Any:
    assert not result.is_error, result.content
    if result.structured_content is not None:
        data = result.structured_content
        return data.get("result", data) if set(data) == {"result"} else data
    return json.loads(result.content[0].text)


def test_tools_show_evidence_answers_and_echoes_redacted(tmp_path: Path) -> None:
    args = [str(DATA / "pii_suggestions_nl.jsonl")]
    args += ["--ledger", str(tmp_path / "ledger.jsonl"), "--reviewer", "claude"]
    args += ["--codebook", str(DATA / "codebook_review_nl.yaml")]  # no --answers
    parameters = mcp_server(*args)

    async def review() -> dict[str, Any]:
        seen: dict[str, Any] = {}
        async with Client(parameters) as client:
            listed = _result(await client.call_tool("next_item", {"count": 10}))
            seen["listed"] = listed
            seen["answers"] = [
                _result(await client.call_tool("read_answer", {"response_id": rid}))
                for rid in ("p01", "p02")
            ]
            first = listed["items"][0]["suggestion_id"]
            seen["accepted"] = _result(
                await client.call_tool(
                    "decide",
                    {
                        "verdicts": [
                            {
                                "suggestion_id": first,
                                "verdict": "accept",
                                "comment": "Petra de Vries bevestigt",
                            }
                        ]
                    },
                )
            )
            seen["note"] = _result(
                await client.call_tool("note", {"target": "p02", "text": "Bel Jeroen Bakker"})
            )
            seen["mine"] = _result(await client.call_tool("my_decisions", {}))
            seen["undone"] = _result(await client.call_tool("undo", {}))
            seen["undone_accept"] = _result(await client.call_tool("undo", {}))
        return seen

    seen = anyio.run(review)
    text = json.dumps(seen, ensure_ascii=False)
    assert [value for value in PERSONAL if value in text] == []
    evidence = {item["evidence"] for item in seen["listed"]["items"]}
    assert "organiseren door [NAAM] van innovatieprocessen" in evidence
    assert "mail haar op [E-MAIL]" in evidence
    spans = [s["evidence"] for s in seen["answers"][1]["suggestions"]]
    assert "Budget was het probleem, zegt [NAAM]" in spans
    # Decisions are not echoed; the reviewer's own list shows the comment redacted.
    assert seen["accepted"]["recorded"] and "bevestigt" not in json.dumps(seen["accepted"])
    assert seen["mine"]["items"][0]["comment"] == "[NAAM] bevestigt"
    assert seen["note"]["recorded"] == ["p02"]
    ledger = (tmp_path / "ledger.jsonl").read_text("utf-8")
    assert "Petra de Vries bevestigt" in ledger  # the ledger keeps what was decided
