"""A reproducible corpus of Dutch open answers for the benchmarks, of any size.

Two sources, mixed:

- the real answers of the VU Election Panel 2021 (``../shared/data/real/vu_election_2021/``)
  when that folder is present: everyday Dutch with the noise of real surveys ("Nvt",
  "xxxxxx", typos, one-word answers);
- crisis-innovation answers: the dev gold set and every example of the shipped codebook.

Large surveys repeat themselves ("geen idee" is 5% of the real answers) but most longer answers
are unique, so a third of the answers are taken verbatim and the rest get variation: a second
fragment joined on, a lead-in ("Vooral", "Ik denk dat"), a different capitalisation, a
decomposed accent (NFD, as some exports write it), a number. The real answers' share of distinct
texts is about 66%; the generated corpus stays close to that (printed by the benchmarks).

Answers are spread over the codebook's three questions so every rule is exercised (a real
panel question always maps to the same one). The corpus depends only on ``n``, ``seed`` and
the codebook's examples.
"""

from __future__ import annotations

import csv
import json
import random
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # benchmarks run from a checkout, installed or not
REAL = ROOT.parent / "shared" / "data" / "real" / "vu_election_2021"
REAL_FILE = REAL / "vu_panel_2021_open_answers.csv"
GOLD = ROOT / "tests" / "data" / "dev_gold_nl.jsonl"
QUESTIONS = ("kennisbehoefte", "succesfactor", "belemmering")

LEAD_INS = (
    "",
    "",
    "",
    "Vooral ",
    "Ik denk dat ",
    "Volgens mij ",
    "Eigenlijk ",
    "Naar mijn mening: ",
    "Kort gezegd: ",
    "Vooral ook ",
    "Het belangrijkste: ",
)
JOINERS = (". ", ", ", " en ", "; ", " maar ", ". Daarnaast ", " - ", "\n")
TAILS = ("", "", "", ".", "!", " enz.", " e.d.", " (zie boven)", " :)", "...")


BLIND = ("H10", "A1_vote")  # the VU questions kept as a blind test: nothing is built on them


def real_answers(*, skip_blind: bool = True) -> list[tuple[str, str]]:
    """(question, text) of the non-empty real answers, in file order ([] without ../shared),
    without the blind questions H10 and A1_vote unless ``skip_blind=False``.

    Each panel question is put under one of the codebook's questions (as if it had been
    asked there), so a real answer always answers the same question.
    """
    if not REAL_FILE.exists():
        return []
    with REAL_FILE.open(encoding="utf-8", newline="") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if row["answer"].strip() and not (skip_blind and row["variable"] in BLIND)
        ]
    variables = sorted({row["variable"] for row in rows})
    question = {v: QUESTIONS[i % len(QUESTIONS)] for i, v in enumerate(variables)}
    return [(question[row["variable"]], row["answer"]) for row in rows]


def crisis_answers(codebook_path: str | None = None) -> list[tuple[str, str]]:
    """(question, text) from the dev gold set and the codebook's examples (default: shipped)."""
    from textcode.codebook import load_codebook

    found: list[tuple[str, str]] = []
    with GOLD.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                found.append((record["question"], record["text"]))
    codebook = load_codebook(codebook_path)
    for group in codebook.groups:
        question = group.id if not group.applies_to_all else QUESTIONS[0]
        for code in group.codes:
            for text in (*code.positive_examples, *code.negative_examples):
                found.append((question, text))
    return found


def _vary(rng: random.Random, text: str, pool: list[str]) -> str:
    if rng.random() < 0.45:
        other = pool[rng.randrange(len(pool))]
        text = text.rstrip(".") + rng.choice(JOINERS) + other
    lead = rng.choice(LEAD_INS)
    if lead and text:
        text = lead + text[0].lower() + text[1:]
    roll = rng.random()
    if roll < 0.1:
        text = text.lower()
    elif roll < 0.13:
        text = text.upper()
    elif roll < 0.16:
        text = unicodedata.normalize("NFD", text)
    if rng.random() < 0.08:
        text += f" ({rng.randrange(1, 60)} fte)"
    return text + rng.choice(TAILS)


def iter_corpus(
    n: int,
    seed: int = 0,
    codebook_path: str | None = None,
    *,
    vary_real: bool = True,
    skip_blind: bool = True,
) -> Iterator[tuple[str, str, str]]:
    """``n`` answers as (response_id, question, text), deterministic for ``seed``.

    ``vary_real=False`` repeats the real answers verbatim and varies only the crisis-innovation
    ones (the issue's literal recipe; far more repeats, about a third of the texts distinct).
    ``skip_blind`` (the default) leaves out the real answers to the blind-test questions
    (:data:`BLIND`); the figures of issue 8 and before were measured with them in.
    """
    rng = random.Random(seed)
    real = real_answers(skip_blind=skip_blind)
    real_texts = [text for _, text in real]
    crisis = crisis_answers(codebook_path)
    crisis_texts = [text for _, text in crisis]
    for i in range(n):
        if real and rng.random() < 0.6:
            question, text = real[rng.randrange(len(real))]
            pool = real_texts
        else:
            question, text = crisis[rng.randrange(len(crisis))]
            pool = crisis_texts
        if rng.random() >= 0.34 and (vary_real or pool is crisis_texts):
            text = _vary(rng, text, pool)
        yield f"r{i + 1:07d}", question, text


def build_corpus(
    n: int, seed: int = 0, codebook_path: str | None = None, *, vary_real: bool = True
) -> pd.DataFrame:
    """The answers table (response_id, question, text) of :func:`iter_corpus`."""
    rows = list(iter_corpus(n, seed, codebook_path, vary_real=vary_real))
    return pd.DataFrame(rows, columns=["response_id", "question", "text"])


def write_corpus(path: Path, n: int, seed: int = 0, codebook_path: str | None = None) -> Path:
    """Write the corpus as CSV (``.csv``) or JSON Lines (anything else); returns ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        if path.suffix == ".csv":
            writer = csv.writer(handle)
            writer.writerow(["response_id", "question", "text"])
            writer.writerows(iter_corpus(n, seed, codebook_path))
        else:
            for response_id, question, text in iter_corpus(n, seed, codebook_path):
                record = {"response_id": response_id, "question": question, "text": text}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


def describe(frame: pd.DataFrame) -> str:
    """One line: size, share of distinct texts, mean words."""
    texts = frame["text"]
    distinct = texts.nunique() / max(len(texts), 1)
    words = texts.str.split().str.len().mean()
    return (
        f"{len(frame):,} answers, {distinct:.0%} distinct texts, {words:.1f} words on average"
        + ("" if REAL_FILE.exists() else " (real VU answers absent: crisis answers only)")
    )
