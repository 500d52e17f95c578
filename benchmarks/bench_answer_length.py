"""Coding time against answer length: seconds per MB from 1 kB to 1 MB answers (run by hand).

    python benchmarks/bench_answer_length.py --repeat 3

One stream of Dutch text (the dev gold set, the codebook's examples and, when ../shared is
present, the real panel answers except the blind questions H10 and A1_vote) is cut into
answers of 1 kB, 10 kB, 100 kB and 1 MB; each size codes the same first megabyte with the
shipped codebook, through :meth:`textcode.Coder.code` as a researcher would. The stream is
coded once beforehand, so every size meets the same word forms already known. Printed per
size: seconds per MB and the ratio to the 1 kB answers (flat means coding time is linear in
answer length). Then hostile tokens: one answer of 100,000 characters without a break
("x" * 100,000, and 100,000 accented letters), with the ratio to 100 kB of ordinary text.
Best of ``--repeat`` runs. It runs on the compiled core when it is built; run it again with
``TEXTCODE_PURE_PYTHON=1`` for the pure-Python path.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import pandas as pd
from corpus import BLIND, REAL_FILE, crisis_answers

from textcode import Coder
from textcode.coding.core import core_status

MB = 1_000_000
SIZES = (1_000, 10_000, 100_000, MB)


def text_stream(length: int, seed: int = 0) -> str:
    """At least ``length`` characters of answers joined by spaces, deterministic for ``seed``."""
    texts = [text for _, text in crisis_answers()]
    if REAL_FILE.exists():
        with REAL_FILE.open(encoding="utf-8", newline="") as handle:
            texts += [
                row["answer"]
                for row in csv.DictReader(handle)
                if row["answer"].strip() and row["variable"] not in BLIND
            ]
    rng = random.Random(seed)
    pieces: list[str] = []
    size = 0
    while size < length:
        order = texts[:]
        rng.shuffle(order)
        for text in order:
            pieces.append(text)
            size += len(text) + 1
    return " ".join(pieces)


def answers(texts: list[str]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": [f"r{n}" for n in range(len(texts))],
            "question": ["belemmering"] * len(texts),
            "text": texts,
        }
    )


def best_seconds(run: Callable[[int], object], repeat: int) -> float:
    """The fastest of ``repeat`` runs; each run gets its number (texts that differ per run, or
    the coder's cache of identical answers would answer the second)."""
    best = float("inf")
    for number in range(repeat):
        started = time.perf_counter()
        run(number)
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    print(core_status(), "(TEXTCODE_PURE_PYTHON=1 for the pure-Python path)")
    stream = text_stream(MB + 1_000)
    coder = Coder()
    coder.code(answers([stream[i : i + 10_000] for i in range(500, len(stream), 10_000)]))

    def cut(size: int, shift: int) -> pd.DataFrame:
        return answers([stream[i + shift : i + shift + size] for i in range(0, MB, size)])

    print(f"{'answer size':>12} {'answers':>8} {'s per MB':>9} {'vs 1 kB':>8}")
    reference = None
    for size in SIZES:
        seconds = best_seconds(lambda run, size=size: coder.code(cut(size, run)), args.repeat)
        reference = reference or seconds
        print(f"{size:>12,} {MB // size:>8,} {seconds:>9.2f} {seconds / reference:>8.2f}")

    base = best_seconds(
        lambda run: coder.code(answers([stream[100 + run : 100 + run + 100_000]])), args.repeat
    )
    print(f"\n{'one answer':>28} {'seconds':>8} {'vs 100 kB of text':>18}")
    print(f"{'100 kB of ordinary text':>28} {base:>8.3f} {1:>18.2f}")
    for label, letter in (("'x' * 100,000", "x"), ("'é' * 100,000", "é")):
        # A new token each run (a known one is only looked up): one letter more each time.
        seconds = best_seconds(
            lambda run, letter=letter: coder.code(answers([letter * (100_000 + run)])),
            args.repeat,
        )
        print(f"{label:>28} {seconds:>8.3f} {seconds / base:>18.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
