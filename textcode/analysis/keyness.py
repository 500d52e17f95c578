"""Keyness: the lemmas that set one group's answers apart from the others' (chi-square).

For each group and lemma a 2x2 table (this lemma / other lemmas, this group / the rest) gives
Pearson's chi-square with one degree of freedom; only lemmas used *more* in the group are kept.
``log_ratio`` is the binary log of the ratio of relative frequencies (with 0.5 added to zero
counts), an effect size that does not grow with the corpus.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Mapping

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
    "small_counts",
    "response_ids",
)
SMALL_EXPECTED = 5.0


def keyness(
    answers: pd.DataFrame,
    by: str,
    *,
    question: str | None = None,
    min_count: int = 2,
    top: int | None = 20,
    language: str = "nl",
    compounds: bool = False,
    exclude: Collection[str] = (),
) -> pd.DataFrame:
    """Per value of the attribute ``by``: its key lemmas, most distinctive first.

    Compounds stay whole ("projectleider" is not also "leider"); ``exclude`` lemmas (the
    question's own words) are left out.
    """
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
    return keyness_table(counts, where, min_count=min_count, top=top, exclude=exclude)


def keyness_table(
    counts: Mapping[str, Counter[str]],
    where: Mapping[tuple[str, str], Iterable[str]],
    *,
    min_count: int = 2,
    top: int | None = 20,
    exclude: Collection[str] = (),
) -> pd.DataFrame:
    """The keyness table of lemma counts per group (``where``: the answers behind each count;
    a report of a large survey counts every answer but lists only its sample's).

    A lemma needs ``min_count`` uses in the group. When an expected count is below 5 the
    chi-square p-value is unreliable (2 uses against 0 give p < 0.001): the p-value is then
    Fisher's exact test and ``small_counts`` is set.
    """
    left_out = set(exclude)
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
            if a < min_count or lemma in left_out:
                continue
            c = total[lemma] - a
            if a / size <= c / rest:
                continue
            table = np.array([[a, size - a], [c, rest - c]], dtype=float)
            chi2, p, _, expected = stats.chi2_contingency(table, correction=False)
            small = bool(expected.min() < SMALL_EXPECTED)
            if small:
                p = stats.fisher_exact(table.astype(int), alternative="greater").pvalue
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
                    "small_counts": small,
                    "response_ids": sorted_ids(where.get((group, lemma), ())),
                }
            )
    result = pd.DataFrame.from_records(records, columns=list(KEYNESS_COLUMNS))
    # Most distinctive first by p-value (exact where counts are small, so 2 against 0 does not
    # come first on a chi-square that cannot be trusted), then by count.
    result = result.sort_values(
        ["group", "p_value", "count", "lemma"],
        ascending=[True, True, False, True],
        kind="mergesort",
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
    exclude: Collection[str] = (),
) -> Counter[str]:
    """Content-lemma counts of the answers (for word clouds), without ``exclude``."""
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
        counter.update(lemma for lemma in lemmas if lemma not in exclude)
    return counter
