"""Compare clustering methods for `textcode themes` against gold codes (NMI, adjusted Rand).

    .venv/bin/python benchmarks/themes_methods.py [--codebook PATH] [--real]

Sets with gold codes:
- dev: tests/data/dev_gold_nl.jsonl, the answers with one gold code, per question;
- examples: the positive examples of the shipped codebook's codes (plus the non-substantive
  ones), per question group, with the code they exemplify as gold.

Each method clusters each question's answers on its own; non-substantive answers (cluster -1)
count as one more cluster, as the gold set has a code for them. Reported per method: the mean
over the questions of NMI (arithmetic normalisation, scikit-learn's default) and adjusted
Rand, and the mean k. "auto" uses textcode's criterion (tree cut), "silhouette" the k in
2..n-1 with the best cosine silhouette, "gold k" the number of gold codes. Two references
show what the scores mean on such small sets: every answer alone, and all answers together.

``--real`` adds the VU 2021 question B1 (no gold): k, the share of answers in mixed clusters
(coherence below 0.3), the mean coherence and the time, from ../shared/data/real when present.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score, silhouette_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from textcode.codebook import load_codebook  # noqa: E402
from textcode.themes import ThemeFinder  # noqa: E402
from textcode.themes.finder import matrix_of  # noqa: E402

REAL = ROOT.parent / "shared" / "data" / "real" / "vu_election_2021"
REAL_CSV = REAL / "vu_panel_2021_open_answers.csv"


def gold_sets(codebook_path: str | None) -> list[tuple[str, pd.DataFrame, list[str]]]:
    rows = [json.loads(line) for line in (ROOT / "tests/data/dev_gold_nl.jsonl").open()]
    rows = [r for r in rows if len(r["codes"]) == 1]
    sets = []
    for question in dict.fromkeys(r["question"] for r in rows):
        chosen = [r for r in rows if r["question"] == question]
        frame = pd.DataFrame(
            {
                "response_id": [r["id"] for r in chosen],
                "question": question,
                "text": [r["text"] for r in chosen],
            }
        )
        sets.append((f"dev {question}", frame, [r["codes"][0] for r in chosen]))
    codebook = load_codebook(codebook_path)
    for group in codebook.groups:
        if group.applies_to_all:
            continue
        examples = [
            (text, code.id)
            for code in codebook.codes
            if code.group == group.id or codebook.group(code.group).applies_to_all
            for text in code.positive_examples
        ]
        frame = pd.DataFrame(
            {
                "response_id": [str(i) for i in range(len(examples))],
                "question": group.id,
                "text": [t for t, _ in examples],
            }
        )
        sets.append((f"examples {group.id}", frame, [c for _, c in examples]))
    return sets


def score(gold: list[str], labels: np.ndarray) -> tuple[float, float]:
    return (
        float(normalized_mutual_info_score(gold, labels)),
        float(adjusted_rand_score(gold, labels)),
    )


def silhouette_k(frame: pd.DataFrame, method: str, codebook: str | None) -> ThemeFinder:
    """The finder whose k (2..n-1, at most 40) has the best cosine silhouette."""
    probe = ThemeFinder(2, method=method, codebook=codebook, **OPTIONS).fit(frame)
    X = matrix_of(probe, frame["question"].iloc[0])
    best: tuple[float, ThemeFinder] | None = None
    for k in range(2, min(X.shape[0] - 1, 40) + 1):
        finder = ThemeFinder(k, method=method, codebook=codebook, **OPTIONS).fit(frame)
        model = finder.models_[frame["question"].iloc[0]]
        labels = model.clustering.labels
        if len(set(labels.tolist())) < 2 or len(set(labels.tolist())) >= X.shape[0]:
            continue
        value = float(
            silhouette_score(
                X, labels, metric="cosine", sample_size=min(3000, X.shape[0]), random_state=0
            )
        )
        if best is None or value > best[0] + 1e-12:
            best = (value, finder)
    return best[1] if best else probe


# Finder options of every run; --words-only leaves the codes out of the space the answers are
# compared in, which is the fair comparison on the dev set the codebook was tuned on.
OPTIONS: dict[str, bool] = {}

CONFIGS: tuple[tuple[str, str, str], ...] = (
    ("spherical (default)", "spherical", "auto"),
    ("k-means", "kmeans", "auto"),
    ("agglomerative", "agglomerative", "auto"),
    ("NMF", "nmf", "auto"),
    ("k-means, silhouette k", "kmeans", "silhouette"),
    ("spherical, gold k", "spherical", "gold"),
    ("k-means, gold k", "kmeans", "gold"),
    ("agglomerative, gold k", "agglomerative", "gold"),
    ("NMF, gold k", "nmf", "gold"),
    ("seeded (codebook)", "spherical", "seeded"),
)


def evaluate(codebook: str | None) -> pd.DataFrame:
    records = []
    for name, frame, gold in gold_sets(codebook):
        kind = name.split()[0]
        n_gold = len(set(gold))
        for label, method, k_mode in CONFIGS:
            if k_mode == "silhouette":
                finder = silhouette_k(frame, method, codebook)
            elif k_mode == "seeded":
                finder = ThemeFinder(seeded=True, codebook=codebook, **OPTIONS).fit(frame)
            else:
                k = n_gold if k_mode == "gold" else "auto"
                finder = ThemeFinder(k, method=method, codebook=codebook, **OPTIONS).fit(frame)
            nmi, ari = score(gold, finder.labels_)
            records.append((kind, name, label, len(finder.themes_), nmi, ari))
        n = len(gold)
        for label, labels in (
            ("reference: every answer alone", np.arange(n)),
            ("reference: one cluster", np.zeros(n, dtype=int)),
        ):
            nmi, ari = score(gold, labels)
            records.append((kind, name, label, len(set(labels.tolist())), nmi, ari))
    return pd.DataFrame(records, columns=["set", "question", "method", "k", "nmi", "ari"])


def table(results: pd.DataFrame) -> str:
    order = list(dict.fromkeys(results["method"]))
    summary = results.groupby(["method", "set"], sort=False)[["nmi", "ari", "k"]].mean().unstack()
    lines = [
        "| method | dev NMI | dev ARI | dev min NMI | examples NMI | examples ARI | mean k (dev) |",
        "|---|---|---|---|---|---|---|",
    ]
    minimum = results[results["set"] == "dev"].groupby("method")["nmi"].min()
    for method in order:
        row = summary.loc[method]
        lines.append(
            f"| {method} | {row[('nmi', 'dev')]:.3f} | {row[('ari', 'dev')]:.3f} | "
            f"{minimum[method]:.3f} | {row[('nmi', 'examples')]:.3f} | "
            f"{row[('ari', 'examples')]:.3f} | {row[('k', 'dev')]:.1f} |"
        )
    return "\n".join(lines)


def real_table(codebook: str | None) -> str:
    from textcode.ingest import read_answers

    answers = read_answers(
        REAL_CSV, id_column="respondent_id", question_column="variable", text_columns=["answer"]
    )
    b1 = answers[answers["question"] == "B1"].reset_index(drop=True)
    lines = [
        "| method (B1, 2,170 answers) | k | in mixed clusters | mean coherence | largest "
        "| seconds |",
        "|---|---|---|---|---|---|",
    ]
    for label, method, _ in CONFIGS[:4]:
        start = time.perf_counter()
        finder = ThemeFinder(method=method, codebook=codebook, **OPTIONS).fit(b1)
        seconds = time.perf_counter() - start
        themes = finder.themes_
        clustered = sum(t.size for t in themes)
        mixed = sum(t.size for t in themes if t.mixed) / clustered
        coherence = sum(t.coherence * t.size for t in themes) / clustered
        largest = max(t.share for t in themes)
        lines.append(
            f"| {label} | {len(themes)} | {mixed:.1%} | {coherence:.2f} | {largest:.1%} | "
            f"{seconds:.1f} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", help="codebook (default: the shipped one)")
    parser.add_argument("--real", action="store_true", help="also B1 of the VU 2021 panel")
    parser.add_argument("--details", action="store_true", help="per question rows too")
    parser.add_argument(
        "--words-only",
        action="store_true",
        help="compare answers by words and letters only, not by the codes they already have",
    )
    args = parser.parse_args()
    if args.words_only:
        OPTIONS["code_features"] = False
    results = evaluate(args.codebook)
    print(table(results))
    if args.details:
        print()
        print(results.round(3).to_string(index=False))
    if args.real and REAL_CSV.exists():
        print()
        print(real_table(args.codebook))
    return 0


if __name__ == "__main__":
    sys.exit(main())
