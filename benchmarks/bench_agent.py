"""A scripted agent reviews over MCP: calls and reply bytes per decision.

    python benchmarks/bench_agent.py                 # batches of 1, 5 and 20 items
    python benchmarks/bench_agent.py --count 10 --new 38

The agent talks to a ``textcode mcp`` process through the ``mcp`` package's stdio client, as
an AI assistant would. It reviews the IFV sample (``samples/ifv2020``) and ``--new`` answers
of the labelled set (``tests/data/review/labelled_crisis_nl.jsonl``, every ninth), all coded
with the shipped codebook. Its loop: ``next_item(count=N)``, then one ``decide`` for the whole
page, and an ``add_code`` for each code a page's answer should have and the machine missed.
Its judgement: the hand-coded codes where an answer has them (the new answers), else it
accepts (the sample has no gold; the judgement changes verdicts, not the number of calls).

Printed per batch size: decisions (verdicts and added codes), tool calls, calls per decision,
reply bytes per decision, and the same for the loop before this desk (list the open items,
then read_answer and codebook_entry per item, then accept or reject it: the issue's 3.6).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"
LABELLED = ROOT / "tests" / "data" / "review" / "labelled_crisis_nl.jsonl"


@dataclass
class Tally:
    """What one review run cost."""

    calls: Counter[str] = field(default_factory=Counter)
    reply_bytes: int = 0
    verdicts: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def decisions(self) -> int:
        return sum(self.verdicts.values())


def prepare(folder: Path, new: int) -> tuple[Path, Path, dict[tuple[str, str], set[str]]]:
    """The answers (sample + new), their suggestions, and the gold codes of the new ones."""
    from textcode.cli import main
    from textcode.ingest import read_answers

    sample = read_answers(SAMPLE)
    from textcode.codebook import load_codebook

    codebook = load_codebook()
    rows = [
        {"id": r.response_id, "question": codebook.question_id(r.question), "text": r.text}
        for r in sample.itertuples()
        if isinstance(r.text, str) and r.text.strip()
    ]
    gold: dict[tuple[str, str], set[str]] = {}
    labelled = [json.loads(line) for line in LABELLED.read_text("utf-8").splitlines()]
    for record in labelled[::9][:new]:
        rid = f"nieuw-{record['id']}"
        rows.append({"id": rid, "question": record["question"], "text": record["text"]})
        gold[(rid, record["question"])] = set(record["codes"])
    answers = folder / "answers.jsonl"
    answers.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    suggestions = folder / "suggestions.jsonl"
    assert main(["code", str(answers), "--out", str(suggestions), "--quiet"]) == 0
    return answers, suggestions, gold


async def review(
    server: Any, count: int, gold: dict[tuple[str, str], set[str]], before: bool
) -> Tally:
    """Review everything with ``next_item(count)`` + ``decide`` (or the loop before)."""
    from mcp import Client

    tally = Tally()
    started = time.perf_counter()
    async with Client(server) as client:

        async def call(name: str, arguments: dict[str, Any]) -> dict[str, Any]:
            result = await client.call_tool(name, arguments)
            tally.calls[name] += 1
            tally.reply_bytes += len(result.content[0].text.encode("utf-8"))
            if result.is_error:
                raise RuntimeError(result.content[0].text)
            data: dict[str, Any] = result.structured_content
            return data

        added: set[tuple[str, str, str]] = set()

        def judge(item: dict[str, Any]) -> str:
            codes = gold.get((item["response_id"], item["question"]))
            return "accept" if codes is None or item["code"] in codes else "reject"

        async def add_missing(item: dict[str, Any], seen: set[str]) -> None:
            key = (item["response_id"], item["question"])
            for code in sorted(gold.get(key, set()) - seen):
                if (*key, code) not in added:
                    added.add((*key, code))
                    await call("add_code", {"response_id": key[0], "question": key[1],
                                            "code": code})  # fmt: skip
                    tally.verdicts["add"] += 1

        while True:
            page = await call("next_item", {"count": 1 if before else count})
            items = page["items"]
            if not items:
                break
            if before:
                # The loop before the desk: the answer and the code's entry per item.
                answer = await call(
                    "read_answer",
                    {"response_id": items[0]["response_id"], "question": items[0]["question"]},
                )
                await call("codebook_entry", {"code": items[0]["code"]})
                items = items[:1]
                seen = {s["code"] for s in answer["suggestions"]}
            verdicts = [{"suggestion_id": i["suggestion_id"], "verdict": judge(i)} for i in items]
            await call("decide", {"verdicts": verdicts})
            for item, verdict in zip(items, verdicts, strict=True):
                tally.verdicts[verdict["verdict"]] += 1
                if not before:
                    seen = {item["code"], *(o["code"] for o in item["others"])}
                await add_missing(item, seen)
    tally.seconds = time.perf_counter() - started
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, action="append", help="items per next_item")
    parser.add_argument("--new", type=int, default=38, help="new answers from the labelled set")
    args = parser.parse_args(argv)
    counts = args.count or [1, 5, 20]
    from mcp import StdioServerParameters

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        answers, suggestions, gold = prepare(folder, args.new)
        n_suggestions = len(suggestions.read_text("utf-8").splitlines())
        print(f"answers: {len(answers.read_text('utf-8').splitlines())} "
              f"({args.new} new), suggestions: {n_suggestions}")  # fmt: skip
        print(f"{'loop':<28}{'decisions':>10}{'calls':>7}{'calls/dec':>11}"
              f"{'bytes/dec':>11}{'seconds':>9}  calls by tool")  # fmt: skip
        runs = [(f"next_item(count={n}) + decide", n, False) for n in counts]
        runs.append(("before: list + read + entry", 1, True))
        for n, (name, count, before) in enumerate(runs):
            ledger = folder / f"ledger{n}.jsonl"
            command = ["-m", "textcode", "mcp", str(suggestions), "--ledger", str(ledger)]
            command += ["--reviewer", "agent", "--answers", str(answers)]
            server = StdioServerParameters(
                command=sys.executable,
                args=command,
                env={**os.environ, "PYTHONPATH": str(ROOT)},
                cwd=str(ROOT),
            )
            tally = anyio.run(review, server, count, gold, before)
            calls = sum(tally.calls.values())
            decisions = tally.decisions
            by_tool = ", ".join(f"{k} {v}" for k, v in sorted(tally.calls.items()))
            print(
                f"{name:<28}{decisions:>10}{calls:>7}{calls / decisions:>11.2f}"
                f"{tally.reply_bytes / decisions:>11.0f}{tally.seconds:>9.1f}  {by_tool}",
                flush=True,
            )
        print(f"verdicts (last run): {dict(tally.verdicts)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
