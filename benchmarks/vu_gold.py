"""Hand-coded gold sets on real answers of the VU Election Panel 2021, and how they were split.

The answers themselves stay in ``../shared/data/real/vu_election_2021/`` (never copied into the
project); ``benchmarks/gold/vu2021/<question>/`` holds only what a researcher wrote:

- ``codebook_150.yaml``: their own codebook for the question, written from the *codebook
  sample*; ``codebook.yaml``: the same codebook revised from further answers of *the rest*
  (``codebook.grown.yaml`` holds the rounds between; each question's ``NOTES.md`` says how);
- ``dictionary.yml`` (``dictionary_150.yml``): the same terms as a quanteda dictionary, as a
  WordStat or quanteda user would have written them;
- ``gold.jsonl``: ids and codes of the *gold sample*, coded by hand before textcode ran on it.

The split is fixed by the respondent ids alone (a hash, so it does not follow file order or
depend on the text): of the question's non-empty answers, the first 150 by hash are the codebook
sample and the next 250 the gold sample. The rest of the question's answers carry no codes; a
researcher may grow their vocabulary on them (``textcode codebook suggest-terms``), never on the
gold sample. H10 and A1_vote are kept as a blind test: no gold and no codebook are built on them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
REAL_DIR = ROOT.parent / "shared" / "data" / "real" / "vu_election_2021"
REAL_FILE = REAL_DIR / "vu_panel_2021_open_answers.csv"
GOLD_DIR = ROOT / "benchmarks" / "gold" / "vu2021"
GOLD_QUESTIONS = ("B1", "A2_text", "H8")
BLIND_QUESTIONS = ("H10", "A1_vote")
N_CODEBOOK_SAMPLE = 150
N_GOLD = 250


def available() -> bool:
    """Whether the real answers are beside this checkout (they are not on a user's clone)."""
    return REAL_FILE.exists()


def answers(question: str) -> pd.DataFrame:
    """The question's non-empty answers: ``response_id`` (str), ``question``, ``text``, ordered
    by the split hash."""
    data = pd.read_csv(REAL_FILE, dtype={"respondent_id": str}, keep_default_na=False)
    data = data[(data["variable"] == question) & (data["answer"].str.strip() != "")]
    frame = pd.DataFrame(
        {
            "response_id": data["respondent_id"].astype(str),
            "question": question,
            "text": data["answer"],
        }
    )
    frame["_key"] = [_split_key(question, rid) for rid in frame["response_id"]]
    return frame.sort_values("_key").drop(columns="_key").reset_index(drop=True)


def split(question: str) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(codebook sample, gold sample, the rest) of the question's answers."""
    if question in BLIND_QUESTIONS:
        raise ValueError(f"{question} is a blind test question: no gold is built on it")
    frame = answers(question)
    cut = N_CODEBOOK_SAMPLE + N_GOLD
    return frame.iloc[:N_CODEBOOK_SAMPLE], frame.iloc[N_CODEBOOK_SAMPLE:cut], frame.iloc[cut:]


def gold(question: str) -> pd.DataFrame:
    """The gold sample with its hand-coded ``codes`` joined to the texts in ``../shared``."""
    path = GOLD_DIR / question / "gold.jsonl"
    codes = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                item = json.loads(line)
                codes[str(item["id"])] = list(item["codes"])
    _, sample, _ = split(question)
    sample = sample[sample["response_id"].isin(codes)].copy()
    sample["codes"] = [codes[rid] for rid in sample["response_id"]]
    return sample.reset_index(drop=True)


def _split_key(question: str, response_id: str) -> str:
    return hashlib.sha1(f"vu2021:{question}:{response_id}".encode()).hexdigest()
