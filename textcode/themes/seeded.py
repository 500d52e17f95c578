"""Seeded mode: the codebook's codes are the first clusters, new themes come on top.

Every code that the codebook finds in the answers becomes a seed cluster: its centre is the
mean of the answers that have it, and those answers stay in it (seeded and constrained
k-means, Basu, Banerjee and Mooney, 2002). The answers the codebook leaves uncoded are then
clustered as usual; a new group is that code's theme already, and no separate start, when
the cut criterion would have merged it with the code's answers (their average cosine
similarity is at least ``1 - threshold``) or its centre is close to the code's (cosine at
least ``join``). Spherical k-means
runs over all answers from these centres, so an uncoded answer either joins an existing
code (a hint that the code's patterns miss it) or lands in a candidate new code.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from textcode.themes.cluster import (
    DEFAULT_MAX_K,
    DEFAULT_MIN_SHARE,
    DEFAULT_SAMPLE,
    DEFAULT_THRESHOLD,
    Clustering,
    KChoice,
    cluster_matrix,
    group_sums,
    initial_groups,
    parse_k,
)

DEFAULT_JOIN = 0.5


@dataclass(frozen=True)
class SeededClustering:
    """A clustering plus, for each cluster, the code it grew from (None: a new theme)."""

    clustering: Clustering
    codes: tuple[str | None, ...]
    n_seeds: int


def primary_codes(codes: Sequence[Sequence[str]], order: Sequence[str]) -> list[str | None]:
    """The first of each answer's codes in codebook order (None for an uncoded answer)."""
    rank = {code: i for i, code in enumerate(order)}
    result: list[str | None] = []
    for answer_codes in codes:
        known = [c for c in answer_codes if c in rank]
        result.append(min(known, key=rank.__getitem__) if known else None)
    return result


def seeded_clustering(
    X: sp.csr_matrix,
    codes: Sequence[Sequence[str]],
    order: Sequence[str],
    *,
    k: int | str = "auto",
    texts: Sequence[str] | None = None,
    join: float | None = DEFAULT_JOIN,
    threshold: float = DEFAULT_THRESHOLD,
    min_share: float = DEFAULT_MIN_SHARE,
    max_k: int = DEFAULT_MAX_K,
    sample_size: int = DEFAULT_SAMPLE,
    seed: int = 0,
) -> SeededClustering:
    """Cluster the rows of ``X`` starting from the codes in ``codes`` (one list per row).

    ``order`` is the codebook's code order (seeds are numbered in it); ``k`` is the number of
    new clusters (``"auto"``: chosen among the uncoded answers as in :mod:`cluster`).
    """
    k = parse_k(k)
    n = X.shape[0]
    primary = primary_codes(codes, order)
    seed_codes = [c for c in order if any(p == c for p in primary)]
    seed_index = {code: i for i, code in enumerate(seed_codes)}
    fixed = np.asarray([seed_index[p] if p is not None else -1 for p in primary], dtype=int)
    seed_groups = [np.asarray([r for r in range(n) if code in codes[r]]) for code in seed_codes]
    seed_sums = group_sums(X, seed_groups)
    centers = normalize(seed_sums) if len(seed_codes) else seed_sums

    free = np.flatnonzero(fixed < 0)
    free_with_terms = free[X[free].getnnz(axis=1) > 0] if len(free) else free
    new_centers = np.zeros((0, X.shape[1]))
    choice = KChoice(0, "fixed" if k != "auto" else "cut", threshold, 1, 0, ())
    if len(free_with_terms):
        groups, choice = initial_groups(
            X[free_with_terms],
            k,
            threshold=threshold,
            min_share=min_share,
            max_k=max_k,
            sample_size=sample_size,
            seed=seed,
        )
        sums = group_sums(X[free_with_terms], groups)
        new_centers = normalize(sums)
        if len(seed_codes) and len(groups):
            # The tree cut's own rule: the average similarity between the new group's answers
            # and the code's answers (average linkage) is at least 1 - threshold.
            sizes = np.asarray([len(g) for g in groups], dtype=float)[:, None]
            seed_sizes = np.asarray([len(g) for g in seed_groups], dtype=float)[None, :]
            linkage = (sums @ seed_sums.T) / (sizes * seed_sizes)
            keep = linkage.max(axis=1) < max(1.0 - threshold, 0.0) + 1e-12
            if join is not None:
                keep &= (new_centers @ centers.T).max(axis=1) < join
            new_centers = new_centers[keep]
            choice = replace(
                choice,
                group_sizes=tuple(
                    s for s, kept in zip(choice.group_sizes, keep, strict=True) if kept
                ),
            )
    init = np.vstack([centers, new_centers]) if len(new_centers) else centers
    if init.shape[0] == 0:
        raise ValueError("no answer has a term to cluster on")
    choice = replace(choice, k=int(init.shape[0]))
    clustering = cluster_matrix(
        X,
        texts=texts,
        init=(init, choice),
        fixed=fixed if len(seed_codes) else None,
        seed=seed,
    )
    cluster_codes = tuple(
        seed_codes[o] if o < len(seed_codes) else None for o in clustering.origin.tolist()
    )
    return SeededClustering(clustering, cluster_codes, len(seed_codes))
