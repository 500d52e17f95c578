"""Themes on real short answers: textcode against two scikit-learn baselines, per gold set.

    .venv/bin/python benchmarks/bench_themes.py [--sets vu crisis] [--no-timing] [--summary]

Gold sets (the answers with exactly one code that is not ``<group>.geen_inhoud``; the gold
number of themes is the number of distinct codes among them):

- ``B1``, ``A2_text``, ``H8``: the hand-coded gold samples of the VU Election Panel 2021
  (``benchmarks/vu_gold.py``; the texts are read from ../shared, never copied). The theme
  finder clusters the gold answers and learns its word associations from them plus the
  question's other answers (``corpus=``), as it would when a researcher clusters the whole
  question; it is scored on the gold answers only.
- ``crisis <question>``: the crisis answers of ``tests/data/{dev_gold,validation,blind}_nl.jsonl``
  (shipped); the corpus is the question's other answers there. The shipped codebook was
  written for these answers, so textcode runs without its codes (``code_features=False``):
  words, letters and associations only.

Rows per set, all on the same answers:

- textcode's default at the gold number of themes and at ``k="auto"``; at the gold number
  also without the question's other answers (associations from the gold answers alone) and
  without associations at all;
- textcode's other methods at the gold number;
- the baselines of issue 20, run here: scikit-learn ``TfidfVectorizer()`` + ``KMeans``, and
  character 3-5-gram ``TfidfVectorizer(analyzer="char_wb")`` + ``KMeans``, both at the gold
  number (``random_state=0``, ``n_init=10``);
- references: every answer alone, all answers in one cluster.

``--summary`` runs only textcode's default, at the gold number, at the gold number minus and
plus two and at ``k="auto"``, and prints per set and over the sets the mean and the worst NMI
and ARI: the figures by which a setting is chosen (docs/themes.md), on all sets together,
never on one.

Scores: NMI (scikit-learn's default, arithmetic normalisation) and adjusted Rand against the
gold codes; an answer textcode finds non-substantive (cluster -1) counts as one more cluster.
``s/10k``: seconds per 10,000 answers, from one fit on all answers of the question (the gold
answers and the corpus), textcode's default at ``k="auto"`` and each baseline at the gold
number, in this process; the language pipeline is loaded once beforehand and one warm-up fit
runs first, so that loading the pipeline, the lexicon and the codebook is not counted.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import vu_gold  # noqa: E402

from textcode.nlp import load_pipeline  # noqa: E402
from textcode.themes import ThemeFinder  # noqa: E402

CRISIS_FILES = ("dev_gold_nl", "validation_nl", "blind_nl")
CRISIS_QUESTIONS = ("kennisbehoefte", "succesfactor", "belemmering")
METHODS = ("kmeans", "agglomerative", "nmf")
NLP: list[Any] = []  # the language pipeline, loaded once by main()


@dataclass(frozen=True)
class GoldSet:
    """Answers with one gold code each, and the question's other answers (``corpus``)."""

    name: str
    texts: tuple[str, ...]
    gold: tuple[str, ...]
    corpus: tuple[str, ...]
    options: dict[str, Any] = field(default_factory=dict)
    question: str = ""  # the question's name in the shipped codebook (its words hidden)

    @property
    def k(self) -> int:
        return len(set(self.gold))


def single_theme(codes: Sequence[Sequence[str]]) -> list[bool]:
    """Answers with exactly one code, and that code not the group's non-answer."""
    return [len(c) == 1 and not c[0].endswith(".geen_inhoud") for c in codes]


def vu_sets() -> list[GoldSet]:
    if not vu_gold.available():
        print("(VU sets skipped: ../shared/data/real is not present)")
        return []
    sets = []
    for question in vu_gold.GOLD_QUESTIONS:
        gold = vu_gold.gold(question)
        chosen = gold[single_theme(gold["codes"].tolist())]
        every = vu_gold.answers(question)
        others = every[~every["response_id"].isin(chosen["response_id"])]
        sets.append(
            GoldSet(
                question,
                tuple(chosen["text"]),
                tuple(c[0] for c in chosen["codes"]),
                tuple(others["text"]),
            )
        )
    return sets


def crisis_sets() -> list[GoldSet]:
    rows = [
        json.loads(line)
        for name in CRISIS_FILES
        for line in (ROOT / "tests" / "data" / f"{name}.jsonl").open(encoding="utf-8")
        if line.strip()
    ]
    sets = []
    for question in CRISIS_QUESTIONS:
        asked = [r for r in rows if r["question"] == question]
        keep = single_theme([r["codes"] for r in asked])
        chosen = [r for r, kept in zip(asked, keep, strict=True) if kept]
        sets.append(
            GoldSet(
                f"crisis {question}",
                tuple(r["text"] for r in chosen),
                tuple(r["codes"][0] for r in chosen),
                tuple(r["text"] for r, kept in zip(asked, keep, strict=True) if not kept),
                {"code_features": False},
                question,
            )
        )
    return sets


def scores(gold: Sequence[str], labels: Sequence[int] | np.ndarray) -> tuple[float, float]:
    return (
        float(normalized_mutual_info_score(gold, labels)),
        float(adjusted_rand_score(gold, labels)),
    )


def textcode_labels(
    gold_set: GoldSet, k: int | str, **options: Any
) -> tuple[np.ndarray, ThemeFinder]:
    settings = {"corpus": list(gold_set.corpus), "nlp": NLP[0], **gold_set.options, **options}
    answers: pd.DataFrame | list[str] = list(gold_set.texts)
    if gold_set.question:
        answers = pd.DataFrame({"question": gold_set.question, "text": answers})
    finder = ThemeFinder(k, **settings).fit(answers)
    return finder.labels_, finder


def merges_of(finder: ThemeFinder) -> list[Any]:
    return [m for result in finder.results_ for m in result.k_choice.merges]


def word_baseline(texts: Sequence[str], k: int) -> np.ndarray:
    X = TfidfVectorizer().fit_transform(texts)
    return np.asarray(KMeans(k, random_state=0, n_init=10).fit_predict(X))


def char_baseline(texts: Sequence[str], k: int) -> np.ndarray:
    X = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).fit_transform(texts)
    return np.asarray(KMeans(k, random_state=0, n_init=10).fit_predict(X))


BASELINES: tuple[tuple[str, Callable[[Sequence[str], int], np.ndarray]], ...] = (
    ("scikit-learn TfidfVectorizer + KMeans", word_baseline),
    ("scikit-learn char 3-5 TF-IDF + KMeans", char_baseline),
)


def seconds_per_10k(run: Callable[[], object], n: int) -> float:
    start = time.perf_counter()
    run()
    return (time.perf_counter() - start) * 10_000 / max(n, 1)


def evaluate(gold_set: GoldSet, timing: bool, merges: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    k = gold_set.k

    def add(method: str, labels: np.ndarray, seconds: float | None = None) -> None:
        nmi, ari = scores(gold_set.gold, labels)
        clusters = len(set(np.asarray(labels).tolist()) - {-1})
        rows.append(
            {
                "set": gold_set.name,
                "n": len(gold_set.texts),
                "gold k": k,
                "method": method,
                "k": clusters,
                "NMI": nmi,
                "ARI": ari,
                "s/10k": seconds,
            }
        )

    corpus = [*gold_set.texts, *gold_set.corpus]
    timed: dict[str, float | None] = {}
    if timing:
        timed["textcode"] = seconds_per_10k(
            lambda: ThemeFinder(nlp=NLP[0], **gold_set.options).fit(corpus), len(corpus)
        )
        for name, baseline in BASELINES:
            timed[name] = seconds_per_10k(lambda b=baseline: b(corpus, k), len(corpus))
    labels, _ = textcode_labels(gold_set, k)
    add("textcode default, gold k", labels)
    labels, finder = textcode_labels(gold_set, "auto")
    add("textcode default, automatic k", labels, timed.get("textcode"))
    merges.extend(f"{gold_set.name}: {m.merged!r} into {m.kept!r}" for m in merges_of(finder))
    labels, _ = textcode_labels(gold_set, k, corpus=None)
    add("textcode default, gold k, without the other answers", labels)
    labels, _ = textcode_labels(gold_set, k, associations=False)
    add("textcode default, gold k, without associations", labels)
    for method in METHODS:
        labels, _ = textcode_labels(gold_set, k, method=method)
        add(f"textcode --method {method}, gold k", labels)
    for name, baseline in BASELINES:
        add(f"{name}, gold k", baseline(list(gold_set.texts), k), timed.get(name))
    n = len(gold_set.texts)
    add("reference: every answer alone", np.arange(n))
    add("reference: one cluster", np.zeros(n, dtype=int))
    return rows


SUMMARY_KS: tuple[tuple[str, int | None], ...] = (
    ("gold k", 0),
    ("gold k - 2", -2),
    ("gold k + 2", 2),
    ("automatic k", None),
)


def summary(sets: Sequence[GoldSet]) -> str:
    """The default at the gold k, the gold k minus and plus two and the automatic k: per set,
    and the mean and the worst over the sets (NMI / ARI)."""
    found: dict[str, dict[str, tuple[float, float, int]]] = {}
    for gold_set in sets:
        row = {}
        for name, shift in SUMMARY_KS:
            k: int | str = "auto" if shift is None else max(2, gold_set.k + shift)
            labels, _ = textcode_labels(gold_set, k)
            clusters = len(set(np.asarray(labels).tolist()) - {-1})
            row[name] = (*scores(gold_set.gold, labels), clusters)
        found[gold_set.name] = row
    names = [name for name, _ in SUMMARY_KS]
    lines = ["| set | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for set_name, row in found.items():
        cells = [f"{row[n][0]:.3f} / {row[n][1]:.3f} ({row[n][2]})" for n in names]
        lines.append(f"| {set_name} | " + " | ".join(cells) + " |")
    for label, pick in (("mean", np.mean), ("worst", np.min)):
        cells = [
            f"{pick([r[n][0] for r in found.values()]):.3f} / "
            f"{pick([r[n][1] for r in found.values()]):.3f}"
            for n in names
        ]
        lines.append(f"| **{label}** | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def markdown(results: pd.DataFrame) -> str:
    lines = []
    for name, part in results.groupby("set", sort=False):
        first = part.iloc[0]
        lines.append(f"**{name}** ({first['n']} answers, {first['gold k']} gold themes)")
        lines.append("")
        lines.append("| method | clusters | NMI | ARI | s/10k |")
        lines.append("|---|---|---|---|---|")
        for row in part.itertuples(index=False):
            seconds = "" if pd.isna(row[-1]) else f"{row[-1]:.1f}"
            lines.append(f"| {row.method} | {row.k} | {row.NMI:.3f} | {row.ARI:.3f} | {seconds} |")
        lines.append("")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", nargs="+", choices=("vu", "crisis"), default=["vu", "crisis"])
    parser.add_argument("--no-timing", action="store_true", help="skip the seconds per 10,000")
    parser.add_argument(
        "--summary",
        action="store_true",
        help="only the default at the gold k, gold k -/+ 2 and automatic k; mean and worst",
    )
    args = parser.parse_args()
    warnings.filterwarnings("ignore")
    sets = (vu_sets() if "vu" in args.sets else []) + (
        crisis_sets() if "crisis" in args.sets else []
    )
    NLP.append(load_pipeline("nl"))  # loaded once, as in a session; not timed
    if args.summary:
        print(summary(sets))
        return 0
    if not args.no_timing and sets:
        ThemeFinder(nlp=NLP[0]).fit(list(sets[-1].texts))  # warm-up: lexicon, codebook
    merges: list[str] = []
    rows = [row for gold_set in sets for row in evaluate(gold_set, not args.no_timing, merges)]
    print(markdown(pd.DataFrame(rows)))
    print("Merged at automatic k:")
    print("\n".join(f"- {line}" for line in merges) or "- none")
    return 0


if __name__ == "__main__":
    sys.exit(main())
