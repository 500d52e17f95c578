"""Merging themes that are one: their labels and their answers overlap strongly.

Clustering compares answers by their words, so one theme told in two vocabularies ends up as
two clusters: "corona" and "covid", "toeslagenaffaire" and "kinderopvang(toeslag)". After an
automatic choice of k, two clusters are merged when both

- their **labels** overlap: the mean association vector of their distinctive lemmas
  (c-TF-IDF weights, :mod:`textcode.analysis.associations`) has a cosine similarity of at
  least ``threshold``; and
- their **answers** overlap: the mean association vector of their answers has a cosine
  similarity of at least ``threshold``.

The most similar pair is merged first and the comparison is redone after each merge, so a
theme can absorb several others. Each merge is reported (:class:`~textcode.themes.cluster.Merge`)
with both similarities and the labels the clusters had. ``k=N`` never merges: it always gives
N clusters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from textcode.analysis.associations import WordAssociations
from textcode.themes.cluster import Clustering, Merge, centers_of, renumber, row_similarity
from textcode.themes.describe import class_tfidf, label_of, top_terms
from textcode.themes.features import AnswerFeatures

MERGE_SIMILARITY = 0.4
_LABEL_LEMMAS = 5


def merge_overlapping(
    X: sp.csr_matrix,
    clustering: Clustering,
    features: Sequence[AnswerFeatures],
    associations: WordAssociations,
    lemma_counts: sp.csr_matrix,
    vocabulary: Sequence[str],
    *,
    threshold: float = MERGE_SIMILARITY,
) -> Clustering:
    """The clustering with overlapping themes merged (``k_choice.merges`` says which)."""
    labels = clustering.labels.copy()
    answers = associations.answer_vectors([f.words for f in features])
    word_vectors = np.asarray(
        [
            v if (v := associations.vector(w)) is not None else np.zeros(answers.shape[1])
            for w in vocabulary
        ]
    )
    merges: list[Merge] = []
    while True:
        alive = np.unique(labels[labels >= 0])
        if len(alive) < 2:
            break
        k = int(labels.max()) + 1
        weights = class_tfidf(lemma_counts, labels, k)
        tops = top_terms(weights, vocabulary, _LABEL_LEMMAS)
        label_vectors = np.zeros((k, answers.shape[1]))
        for c in alive.tolist():
            chosen = [vocabulary.index(w) for w in tops[c][0]] if tops[c][0] else []
            if chosen:
                label_vectors[c] = np.asarray(tops[c][1]) @ word_vectors[chosen]
        label_vectors = normalize(label_vectors)
        indicator = sp.csr_matrix(
            (np.ones(int((labels >= 0).sum())), (labels[labels >= 0], np.flatnonzero(labels >= 0))),
            shape=(k, len(labels)),
        )
        member_vectors = normalize(np.asarray(indicator @ answers))
        by_label = label_vectors @ label_vectors.T
        by_members = member_vectors @ member_vectors.T
        both = np.minimum(by_label, by_members)
        np.fill_diagonal(both, -np.inf)
        both[np.ix_(np.setdiff1d(np.arange(k), alive), np.arange(k))] = -np.inf
        both[np.ix_(np.arange(k), np.setdiff1d(np.arange(k), alive))] = -np.inf
        first, second = np.unravel_index(int(np.argmax(both)), both.shape)
        if both[first, second] < threshold:
            break
        sizes = np.bincount(labels[labels >= 0], minlength=k)
        kept, merged = (first, second) if sizes[first] >= sizes[second] else (second, first)
        merges.append(
            Merge(
                kept=label_of(tops[kept][0]),
                merged=label_of(tops[merged][0]),
                label_similarity=float(by_label[kept, merged]),
                member_similarity=float(by_members[kept, merged]),
            )
        )
        labels[labels == merged] = kept
    if not merges:
        return clustering
    labels, centers, order = renumber(labels, centers_of(X, labels, int(labels.max()) + 1))
    centers = centers_of(X, labels, centers.shape[0], previous=centers)
    similarity = row_similarity(X, centers, labels)
    similarity[clustering.fallback] = 0.0
    choice = replace(clustering.k_choice, k=int(centers.shape[0]), merges=tuple(merges))
    return replace(
        clustering,
        labels=labels,
        centers=centers,
        similarity=similarity,
        k_choice=choice,
        origin=clustering.origin[order] if len(clustering.origin) > int(order.max()) else order,
    )
