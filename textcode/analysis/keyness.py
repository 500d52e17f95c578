"""Keyness: the lemmas that set one group's answers apart from the others' (chi-square).

For each group and lemma a 2x2 table (this lemma / other lemmas, this group / the rest) gives
Pearson's chi-square with one degree of freedom; only lemmas used *more* in the group are kept.
``log_ratio`` is the binary log of the ratio of relative frequencies (with 0.5 added to zero
counts), an effect size that does not grow with the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd
from scipy import stats

from textcode.analysis.frames import check_answers, sorted_ids, texts
from textcode.analysis.tokens import content_lemmas_many

KEYNESS_COLUMNS = (
    "group",
    "lemma",
    "count",
    "count_rest",
    "per_1000",
    "per_1000_rest",
    "chi2",
    "p_value",
    "log_ratio",
    "response_ids",
)


def keyness(
    answers: pd.DataFrame,
    by: str,
    *,
    question: str | None = None,
    min_count: int = 2,
    top: int | None = 20,
    language: str = "nl",
    compounds: bool = True,
) -> pd.DataFrame:
    """Per value of the attribute ``by``: its key lemmas, most distinctive first."""
    check_answers(answers)
    if by not in answers.columns:
        raise ValueError(f"no attribute column {by!r} in the answers table")
    frame = answers
    if question is not None:
        frame = frame[frame["question"].astype(str) == question]
    group_of = texts(frame[by]).to_numpy()
    text_of = frame["text"].fillna("").astype(str).to_numpy()
    ids_of = frame["response_id"].astype(str).to_numpy()
    keep = [bool(g) and bool(t.strip()) for g, t in zip(group_of, text_of, strict=True)]
    group_of, text_of, ids_of = group_of[keep], text_of[keep], ids_of[keep]
    counts: dict[str, Counter[str]] = {}
    where: dict[tuple[str, str], set[str]] = {}
    for group, rid, lemmas in zip(
        group_of,
        ids_of,
        content_lemmas_many(text_of, language=language, compounds=compounds),
        strict=True,
    ):
        counts.setdefault(group, Counter()).update(lemmas)
        for lemma in set(lemmas):
            where.setdefault((group, lemma), set()).add(rid)
    return keyness_table(counts, where, min_count=min_count, top=top)


def keyness_table(
    counts: Mapping[str, Counter[str]],
    where: Mapping[tuple[str, str], Iterable[str]],
    *,
    min_count: int = 2,
    top: int | None = 20,
) -> pd.DataFrame:
    """The keyness table of lemma counts per group (``where``: the answers behind each count;
    a report of a large survey counts every answer but lists only its sample's)."""
    total = Counter[str]()
    for counter in counts.values():
        total.update(counter)
    grand = sum(total.values())
    records = []
    for group in sorted(counts):
        in_group = counts[group]
        size = sum(in_group.values())
        rest = grand - size
        if not size or not rest:
            continue
        for lemma, a in in_group.items():
            if a < min_count:
                continue
            c = total[lemma] - a
            if a / size <= c / rest:
                continue
            table = np.array([[a, size - a], [c, rest - c]], dtype=float)
            chi2, p, _, _ = stats.chi2_contingency(table, correction=False)
            ratio = ((a or 0.5) / size) / ((c or 0.5) / rest)
            records.append(
                {
                    "group": group,
                    "lemma": lemma,
                    "count": a,
                    "count_rest": c,
                    "per_1000": 1000 * a / size,
                    "per_1000_rest": 1000 * c / rest,
                    "chi2": float(chi2),
                    "p_value": float(p),
                    "log_ratio": float(np.log2(ratio)),
                    "response_ids": sorted_ids(where.get((group, lemma), ())),
                }
            )
    result = pd.DataFrame.from_records(records, columns=list(KEYNESS_COLUMNS))
    result = result.sort_values(
        ["group", "chi2", "count", "lemma"], ascending=[True, False, False, True], kind="mergesort"
    )
    if top is not None:
        result = result.groupby("group", sort=False).head(top)
    return result.reset_index(drop=True)


def lemma_frequencies(
    answers: pd.DataFrame,
    *,
    question: str | None = None,
    language: str = "nl",
    compounds: bool = False,
) -> Counter[str]:
    """Content-lemma counts of the answers (for word clouds)."""
    check_answers(answers)
    frame = answers
    if question is not None:
        frame = frame[frame["question"].astype(str) == question]
    counter = Counter[str]()
    for lemmas in content_lemmas_many(
        (t for t in frame["text"].fillna("").astype(str) if t.strip()),
        language=language,
        compounds=compounds,
    ):
        counter.update(lemmas)
    return counter
