"""Done-when of the review issue: a simulated review that replays gold decisions through the
command line, the Python API and the MCP server (over stdio) gives the same ledger state and
the same kappa, on suggestions from the real coder."""

from __future__ import annotations

import json
from pathlib import Path

import anyio
import pandas as pd
import pytest

from textcode.cli import main
from textcode.ingest import read_answers
from textcode.review.agreement import agreement
from textcode.review.ledger import replay
from textcode.review.session import ReviewSession
from textcode.review.simulate import apply_plan, plan_from_gold

pytest.importorskip("mcp")
from cli_run import mcp_server
from mcp import Client

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "review"
REVIEWER = "gold-volger"


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every sixth labelled answer, coded by `textcode code` with the shipped codebook."""
    folder = tmp_path_factory.mktemp("sim")
    lines = (DATA / "labelled_crisis_nl.jsonl").read_text("utf-8").splitlines()[::6]
    gold = folder / "gold.jsonl"
    gold.write_text("\n".join(lines) + "\n", encoding="utf-8")
    answers = folder / "answers.jsonl"
    answers.write_text(
        "".join(
            json.dumps({k: r[k] for k in ("id", "question", "text")}, ensure_ascii=False) + "\n"
            for r in map(json.loads, lines)
        ),
        encoding="utf-8",
    )
    suggestions = folder / "suggestions.jsonl"
    assert main(["code", str(answers), "--out", str(suggestions), "--quiet"]) == 0
    return {"gold": gold, "answers": answers, "suggestions": suggestions, "folder": folder}


def _state(ledger: Path) -> pd.DataFrame:
    return replay(ledger).drop(columns=["time", "entry_id"])


def test_cli_api_and_mcp_record_the_same_review(coded: dict[str, Path]) -> None:
    folder = coded["folder"]
    plan = plan_from_gold(coded["suggestions"], coded["gold"])
    assert plan.accept and plan.reject and plan.add  # the coder is right, wrong and incomplete

    # Python API
    api = folder / "api.jsonl"
    # The answers are needed: gold adds codes to answers the coder made no suggestion for.
    session = ReviewSession(
        coded["suggestions"], api, REVIEWER, answers=read_answers(coded["answers"])
    )
    apply_plan(session, plan)

    # Command line: one call, bulk ids and repeated --add
    cli = folder / "cli.jsonl"
    args = ["review", str(coded["suggestions"]), "--ledger", str(cli), "--reviewer", REVIEWER]
    args += ["--answers", str(coded["answers"])]
    args += ["--accept", *plan.accept, "--reject", *plan.reject]
    for response_id, _question, code in plan.add:
        args += ["--add", f"{response_id}:{code}"]
    assert main(args) == 0

    # the MCP server, driven by the MCP client
    mcp = folder / "mcp.jsonl"
    server = mcp_server(
        str(coded["suggestions"]),
        *["--ledger", str(mcp), "--reviewer", REVIEWER, "--answers", str(coded["answers"])],
    )

    async def review() -> None:
        async with Client(server) as client:
            verdicts = [{"suggestion_id": sid, "verdict": "accept"} for sid in plan.accept]
            verdicts += [{"suggestion_id": sid, "verdict": "reject"} for sid in plan.reject]
            for start in range(0, len(verdicts), 100):  # at most 100 verdicts per call
                result = await client.call_tool("decide", {"verdicts": verdicts[start:][:100]})
                assert not result.is_error, result.content
            for response_id, question, code in plan.add:
                result = await client.call_tool(
                    "add_code", {"response_id": response_id, "code": code, "question": question}
                )
                assert not result.is_error, result.content

    anyio.run(review)

    state = _state(api)
    assert len(state) == len(plan.accept) + len(plan.reject) + len(plan.add)
    pd.testing.assert_frame_equal(state, _state(cli))
    pd.testing.assert_frame_equal(state, _state(mcp))

    kappas = []
    for ledger in (api, cli, mcp):
        result = agreement(ledger, gold=coded["gold"], resamples=200)
        kappas.append(result.kappa("machine", REVIEWER))
        assert result.kappa("gold", REVIEWER) == pytest.approx(1.0)  # the reviewer follows gold
    assert kappas[0] == kappas[1] == kappas[2]
    print(f"\nunits {len(state)}, kappa machine vs simulated reviewer {kappas[0]:.4f}")
