"""Real Dutch answers for the engine tests: the dev and validation sets, varied and repeated.

Shared by tests/test_parallel_*.py, tests/test_dask_*.py and tests/test_stream_*.py.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pandas as pd

DATA = Path(__file__).resolve().parent / "data"


def answers(n: int = 400) -> pd.DataFrame:
    """``n`` answers (response_id, question, text): every answer of the two labelled sets, then
    the same answers again with a lead-in, in lower case, decomposed accents (NFD) or joined to
    the next one, plus empty and emoji answers; repeats included, as in real surveys."""
    base: list[tuple[str, str]] = []
    for name in ("dev_gold_nl.jsonl", "validation_nl.jsonl"):
        for line in (DATA / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                base.append((record["question"], record["text"]))
    extra = [("belemmering", ""), ("succesfactor", "Top! 👍🏽 samenwerking"), ("x", "n.v.t.")]
    rows: list[tuple[str, str, str]] = []
    i = 0
    while len(rows) < n:
        question, text = base[i % len(base)]
        variant = (i // len(base)) % 5
        if variant == 1:
            text = "Vooral " + text[:1].lower() + text[1:]
        elif variant == 2:
            text = text.lower()
        elif variant == 3:
            text = unicodedata.normalize("NFD", text)
        elif variant == 4:
            text = text.rstrip(".") + ". " + base[(i + 1) % len(base)][1]
        rows.append((f"R{i:04d}", question, text))
        if i % 37 == 0:
            question, text = extra[(i // 37) % len(extra)]
            rows.append((f"E{i:04d}", question, text))
        i += 1
    return pd.DataFrame(rows[:n], columns=["response_id", "question", "text"])
