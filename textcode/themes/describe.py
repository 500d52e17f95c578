"""Describing clusters: distinctive lemmas (class-based TF-IDF), representative answers, codes.

Class-based TF-IDF is how BERTopic labels topics (Grootendorst, 2022): all answers of a
cluster are read as one document, and a lemma scores high when it is frequent in that
cluster and rare across clusters::

    W(t, c) = tf(t, c) / |c|  *  log(1 + A / f(t))

with ``tf(t, c)`` the count of lemma ``t`` in cluster ``c``, ``|c|`` the cluster's number of
lemmas, ``A`` the average number of lemmas per cluster and ``f(t)`` the count of ``t`` over
all clusters.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer

from textcode.display import listing, one_line, shorten
from textcode.themes.features import AnswerFeatures, is_family

MIXED_BELOW = 0.3  # a cluster whose answers are this little alike to its centre is "mixed"
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Theme:
    """One cluster of one question, described for people.

    ``share`` is the cluster's part of the question's clustered (substantive) answers;
    ``coherence`` the mean cosine similarity of its answers to its centre (1 = all alike);
    ``codes`` the codebook codes already given to its answers, most frequent first. In seeded
    mode ``code`` names the existing code the cluster joins, and ``new`` marks a candidate
    new code.
    """

    question: str
    id: int
    size: int
    share: float
    top_lemmas: tuple[str, ...]
    scores: tuple[float, ...]
    coherence: float
    representative_ids: tuple[str, ...]
    representatives: tuple[str, ...]
    codes: tuple[tuple[str, int], ...] = ()
    code: str | None = None
    new: bool = False
    seeded: bool = field(default=False)
    label_lemmas: tuple[str, ...] = ()  # see label_lemmas(); the top lemmas when empty
    # The label of a cluster without distinctive lemmas, in the answers' language.
    unlabelled: str = field(default="", repr=False)

    @property
    def label(self) -> str:
        """Up to three distinctive lemmas, the way a reader would name the theme."""
        return label_of(self.label_lemmas or self.top_lemmas) or self.unlabelled

    @property
    def mixed(self) -> bool:
        """Answers that share too little to be one theme (the long tail of a large survey)."""
        return self.size > 1 and self.coherence < MIXED_BELOW

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "question": self.question,
            "id": self.id,
            "size": self.size,
            "share": round(self.share, 4),
            "label": self.label,
            "label_lemmas": list(self.label_lemmas or self.top_lemmas[:3]),
            "top_lemmas": list(self.top_lemmas),
            "lemma_scores": [round(s, 4) for s in self.scores],
            "coherence": round(self.coherence, 4),
            "mixed": self.mixed,
            "representative_ids": list(self.representative_ids),
            "representatives": list(self.representatives),
            "codes": [{"code": c, "count": n} for c, n in self.codes],
        }
        if self.seeded:
            data["code"] = self.code
            data["new"] = self.new
        return data

    def __repr__(self) -> str:
        codes = f", codes {listing((c for c, _ in self.codes), 3)}" if self.codes else ""
        return one_line(
            f"<Theme {self.question}#{self.id} {shorten(self.label, 60)!r}: {self.size} answers "
            f"({self.share:.0%}){codes}>"
        )


def label_of(lemmas: Sequence[str], n: int = 3) -> str:
    """A theme's name from its most distinctive lemmas: "corona / coronacrisis / covid".

    Empty without lemmas: the caller says so in the answers' language.
    """
    return " / ".join(lemmas[:n])


def lemma_matrix(
    features: Sequence[AnswerFeatures], *, hidden: frozenset[str] = frozenset()
) -> tuple[sp.csr_matrix, tuple[str, ...]]:
    """Counts of the label lemmas of each answer (``hidden`` lemmas left out), sorted vocabulary."""
    rows = [Counter(lemma for lemma in f.lemmas if lemma not in hidden) for f in features]
    vectorizer = DictVectorizer(dtype=np.float64, sort=True)
    matrix = sp.csr_matrix(vectorizer.fit_transform(rows))
    return matrix, tuple(str(t) for t in vectorizer.get_feature_names_out())


def class_tfidf(counts: sp.csr_matrix, labels: np.ndarray, k: int) -> np.ndarray:
    """The c-TF-IDF weight of every lemma in every cluster (k x vocabulary)."""
    placed = labels >= 0
    indicator = sp.csr_matrix(
        (np.ones(int(placed.sum())), (labels[placed], np.flatnonzero(placed))),
        shape=(k, counts.shape[0]),
    )
    per_class = np.asarray((indicator @ counts).todense())
    if per_class.size == 0:
        return per_class
    totals = per_class.sum(axis=1, keepdims=True)
    tf = np.divide(per_class, totals, out=np.zeros_like(per_class), where=totals > 0)
    frequency = per_class.sum(axis=0)
    average = per_class.sum() / max(k, 1)
    idf = np.log1p(np.divide(average, frequency, out=np.zeros_like(frequency), where=frequency > 0))
    weights: np.ndarray = tf * idf
    return weights


def top_terms(
    weights: np.ndarray, vocabulary: Sequence[str], n: int
) -> list[tuple[tuple[str, ...], tuple[float, ...]]]:
    """The ``n`` highest-weighted lemmas of each cluster (ties in alphabetical order)."""
    result = []
    index = np.arange(len(vocabulary))
    for row in weights:
        order = np.lexsort((index, -row))
        chosen = [i for i in order[:n] if row[i] > 0]
        result.append((tuple(vocabulary[i] for i in chosen), tuple(float(row[i]) for i in chosen)))
    return result


def label_lemmas(
    weights: np.ndarray,
    counts: sp.csr_matrix,
    labels: np.ndarray,
    vocabulary: Sequence[str],
    forms: Mapping[str, frozenset[str]],
    *,
    n: int = 3,
    candidates: int = 10,
    hidden: frozenset[str] = frozenset(),
) -> list[tuple[str, ...]]:
    """The lemmas that name each cluster: up to ``n`` of its ``candidates`` top lemmas.

    A lemma names only the cluster where most of its answers are, an answer of n lemmas
    counting 1/n ("toeslag" does not name the corona theme because many answers say "corona
    en toeslagen"); a lemma that adds no word
    to the ones already chosen is left out ("affaire" and "toeslagaffaire" after
    "toeslagenaffaire"; ``forms`` gives each lemma's compound parts); ``hidden`` lemmas (the
    question's own words) never name a theme. Associated words stay side by side: "corona /
    covid / coronacrisis". A cluster with no such lemma keeps its top lemmas.
    """
    k = weights.shape[0]
    placed = labels >= 0
    indicator = sp.csr_matrix(
        (np.ones(int(placed.sum())), (labels[placed], np.flatnonzero(placed))),
        shape=(k, counts.shape[0]),
    )
    # An answer of three lemmas counts a third for each: "coronacrisis" names the theme where
    # it is said on its own, not the one of "de coronacrisis en de toeslagenaffaire".
    present = sp.csr_matrix((counts > 0).astype(np.float64))
    lengths = np.asarray(present.sum(axis=1)).ravel()
    share = sp.diags(np.divide(1.0, lengths, out=np.zeros_like(lengths), where=lengths > 0))
    answers = np.asarray((indicator @ (share @ present)).todense())
    home = answers.argmax(axis=0) if k else np.zeros(0, dtype=int)
    result = []
    index = np.arange(len(vocabulary))
    for c in range(k):
        order = [i for i in np.lexsort((index, -weights[c]))[:candidates] if weights[c, i] > 0]
        chosen: list[str] = []
        covered: set[str] = set()
        for i in order:
            lemma = vocabulary[i]
            parts = forms.get(lemma, frozenset())
            if home[i] != c or lemma in hidden or lemma in covered:
                continue
            if parts and parts <= covered:
                continue
            chosen.append(lemma)
            covered |= {lemma} | parts
            if len(chosen) >= n:
                break
        result.append(tuple(chosen) or tuple(vocabulary[i] for i in order[:n]))
    return result


def word_forms(features: Sequence[AnswerFeatures]) -> dict[str, frozenset[str]]:
    """Each lemma's compound parts, as the features split it (word families left out)."""
    found: dict[str, frozenset[str]] = {}
    for f in features:
        for lemma, *forms in f.words:
            parts = [p for p in forms if not is_family(p)]
            if parts and lemma not in found:
                found[lemma] = frozenset(parts)
    return found


def _text_key(text: str) -> str:
    return _SPACE_RE.sub(" ", text.casefold()).strip(" .,;:!?-\"'")


def representatives(
    labels: np.ndarray, similarity: np.ndarray, texts: Sequence[str], k: int, n: int
) -> list[list[int]]:
    """For each cluster, up to ``n`` rows closest to its centre, with different texts.

    A cluster of a thousand "corona" answers shows "corona" once, then other wordings.
    """
    order = np.lexsort((np.arange(len(labels)), -similarity))
    chosen: list[list[int]] = [[] for _ in range(k)]
    seen: list[set[str]] = [set() for _ in range(k)]
    for row in order.tolist():
        cluster = int(labels[row])
        if cluster < 0 or len(chosen[cluster]) >= n:
            continue
        key = _text_key(texts[row])
        if key in seen[cluster]:
            continue
        seen[cluster].add(key)
        chosen[cluster].append(row)
    return chosen


def codes_present(
    labels: np.ndarray, codes: Sequence[Sequence[str]], k: int, order: Sequence[str] = ()
) -> list[tuple[tuple[str, int], ...]]:
    """For each cluster, the codes its answers already have, most frequent first."""
    rank = {code: i for i, code in enumerate(order)}
    counters: list[Counter[str]] = [Counter() for _ in range(k)]
    for label, answer_codes in zip(labels.tolist(), codes, strict=True):
        if label >= 0:
            counters[label].update(set(answer_codes))
    return [
        tuple(sorted(c.items(), key=lambda item: (-item[1], rank.get(item[0], len(rank)), item[0])))
        for c in counters
    ]
