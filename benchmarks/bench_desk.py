"""The review desk in the browser: page response times and decisions per minute by keyboard.

    python benchmarks/bench_desk.py                  # the IFV sample and 100,000 suggestions
    python benchmarks/bench_desk.py --size 20000 --decisions 40

Two files: the IFV sample coded with the shipped codebook, and that sample's answers and
suggestions copied (new response and suggestion ids) until there are ``--size`` suggestions.
For each, a ``textcode review --serve`` app runs in this process (uvicorn on 127.0.0.1) and is
asked over HTTP, on one kept-alive connection as a browser does, for the page and for the
calls one decision makes (next_item, read_answer, team, decide, progress); the median and 95th
percentile of each are printed beside the same desk call made in-process (the reference: what
the HTTP adapter adds). Then, where Debian's Chromium is installed, Playwright presses ``a`` /
``r`` in the page and waits for the next item, ``--decisions`` times: decisions per minute at
the page's own pace (a person is slower; this is the ceiling the page sets).
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"
sys.path.insert(0, str(ROOT / "tests"))
TOKEN = "bench-token"


def prepare(folder: Path, size: int) -> list[tuple[str, Path, pd.DataFrame]]:
    """(name, suggestions file, answers) for the sample and for ``size`` suggestions."""
    from textcode.coding import Coder
    from textcode.ingest import read_answers

    answers = read_answers(SAMPLE)
    coder = Coder()
    frame = coder.suggest(answers)
    sample = folder / "sample.jsonl"
    frame.to_json(sample, orient="records", lines=True, force_ascii=False)
    copies = -(-size // len(frame))
    big_rows, big_answers = [], []
    for n in range(copies):
        rows = frame.copy()
        rows["response_id"] = rows["response_id"].astype(str) + f"-{n}"
        rows["suggestion_id"] = rows["suggestion_id"].astype(str) + f"{n:05d}"
        big_rows.append(rows)
        copy = answers.copy()
        copy["response_id"] = copy["response_id"].astype(str) + f"-{n}"
        big_answers.append(copy)
    big = pd.concat(big_rows, ignore_index=True).head(size)
    many = folder / "many.jsonl"
    big.to_json(many, orient="records", lines=True, force_ascii=False)
    return [
        (f"sample ({len(frame):,} suggestions)", sample, answers),
        (f"{len(big):,} suggestions", many, pd.concat(big_answers, ignore_index=True)),
    ]


def start(desk: Any) -> tuple[int, Callable[[], None]]:
    """The desk's app on a free port in a thread; the port and a stop function."""
    import uvicorn

    from textcode.desk.web import build_app

    sock = socket.socket()
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # as textcode.desk.web.serve
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    app = build_app(desk, token=TOKEN, port=port)
    config = uvicorn.Config(app, log_level="warning", lifespan="off", timeout_keep_alive=600)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.01)

    def stop() -> None:
        server.should_exit = True
        thread.join()

    return port, stop


def timed(run: Callable[[], Any], repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        run()
        times.append((time.perf_counter() - began) * 1000)
    return times


def report(name: str, http_ms: list[float], local_ms: list[float] | None) -> None:
    median = statistics.median(http_ms)
    p95 = sorted(http_ms)[max(0, int(len(http_ms) * 0.95) - 1)]
    line = f"  {name:<12} HTTP median {median:7.1f} ms  p95 {p95:7.1f} ms"
    if local_ms:
        local = statistics.median(local_ms)
        line += f"  | in-process {local:7.1f} ms  HTTP/in-process {median / max(local, 1e-3):5.2f}x"
    print(line)


def response_times(label: str, suggestions: Path, answers: pd.DataFrame, folder: Path,
                   repeat: int) -> None:  # fmt: skip
    from textcode.desk import Desk
    from textcode.review.session import ReviewSession

    began = time.perf_counter()
    ledger = folder / f"{suggestions.stem}.ledger.jsonl"
    desk = Desk(ReviewSession(suggestions, ledger, "bench", answers=answers))
    print(f"{label}: session opened in {time.perf_counter() - began:.1f} s")
    port, stop = start(desk)
    import httpx

    # One kept-alive connection, as a browser's.
    connection = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=60)
    headers = {"X-Textcode-Token": TOKEN, "Content-Type": "application/json"}

    def post(tool: str, args: dict[str, Any]) -> Any:
        response = connection.post(f"/api/{tool}", content=json.dumps(args), headers=headers)
        assert response.status_code == 200, response.text[:300]
        return response.json()

    def page() -> None:
        response = connection.get("/", headers={"X-Textcode-Token": TOKEN})
        assert response.status_code == 200

    try:
        report("page", timed(page, repeat), None)
        # HTTP first, in-process right after: the kept-alive connection never idles long.
        item = post("next_item", {"count": 1})["items"][0]
        where = {"response_id": item["response_id"], "question": item["question"]}
        for tool, args in [("next_item", {"count": 1}), ("read_answer", where),
                           ("team", where), ("progress", {})]:  # fmt: skip
            local = timed(lambda t=tool, a=args: desk.call(t, a), repeat)
            report(tool, timed(lambda t=tool, a=args: post(t, a), repeat), local)
        decisions: list[float] = []
        for n in range(repeat):
            item = post("next_item", {"count": 1})["items"][0]
            verdict = {
                "suggestion_id": item["suggestion_id"],
                "verdict": "accept" if n % 3 else "reject",
            }
            decisions += timed(lambda v=verdict: post("decide", {"verdicts": [v]}), 1)
        report("decide", decisions, None)
    finally:
        connection.close()
        stop()


def keyboard(suggestions: Path, answers: pd.DataFrame, folder: Path, count: int) -> None:
    from desk_browser import CHROMIUM, launch

    from textcode.desk import Desk
    from textcode.review.session import ReviewSession

    if not CHROMIUM.exists():
        print(
            f"decisions per minute: skipped (no Chromium at {CHROMIUM}: apt-get install chromium)"
        )
        return
    from playwright.sync_api import sync_playwright

    desk = Desk(ReviewSession(suggestions, folder / "keys.jsonl", "keys", answers=answers))
    port, stop = start(desk)
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/?token={TOKEN}")
            page.wait_for_selector("#answer mark.current")
            began = time.perf_counter()
            for n in range(1, count + 1):
                page.keyboard.press("a" if n % 4 else "r")
                while page.evaluate("() => document.getElementById('progress').value") < n:
                    time.sleep(0.005)
            seconds = time.perf_counter() - began
            browser.close()
    finally:
        stop()
    print(
        f"keyboard: {count} decisions in {seconds:.1f} s = {count / seconds * 60:,.0f} per minute "
        "(the page's pace: next item, answer, team and progress after each key)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--size", type=int, default=100_000, help="suggestions in the big file")
    parser.add_argument("--repeat", type=int, default=30, help="requests per measurement")
    parser.add_argument("--decisions", type=int, default=40, help="decisions by keyboard")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = prepare(folder, args.size)
        for label, suggestions, answers in files:
            response_times(label, suggestions, answers, folder, args.repeat)
        for label, suggestions, answers in files:
            print(label, end=": ")
            keyboard(suggestions, answers, folder, args.decisions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
