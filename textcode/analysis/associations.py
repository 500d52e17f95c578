"""Word associations learned from a corpus of answers: which words share contexts.

Short answers share few words: "corona" and "covid", "toeslagen" and "kinderopvangtoeslag"
rarely stand in the same answer, but they stand next to the same other words ("aanpak",
"crisis", "affaire", "belastingdienst"). :class:`WordAssociations` learns that from the
answers themselves, offline and deterministically, the classic count-based way (Levy,
Goldberg and Dagan 2015, "Improving distributional similarity with lessons learned from word
embeddings"):

1. every answer is a bag of its content lemmas and compound parts ("toeslagenaffaire" gives
   "toeslagenaffaire", "toeslag", "affaire"); two words co-occur when they stand in the same
   answer, and with a ``window`` once more when they stand within that many words of each
   other (the answer and the window joined: in a long answer the words near each other say
   more about each other than the words of its other clauses);
2. positive pointwise mutual information (PPMI) of the co-occurrence counts, with the
   context distribution smoothed (counts to the power 0.75) so that rare contexts do not
   dominate;
3. truncated SVD (scikit-learn's :class:`~sklearn.decomposition.TruncatedSVD`) of the PPMI
   matrix; a word's vector is its row of ``U * S**0.5``, scaled to unit length.

Two words are associated when their vectors point the same way (cosine similarity): they
co-occur, or they co-occur with the same words. An answer's vector is the weighted mean of its
words' vectors (rare words weigh more, by their idf), so that two answers without a word in
common can still be alike.

    >>> from textcode.analysis.associations import WordAssociations
    >>> model = WordAssociations().fit(answers)            # doctest: +SKIP
    >>> model.most_similar("corona", 3)                     # doctest: +SKIP
    [('covid', 0.83), ('coronacrisis', 0.79), ('aanpak', 0.61)]
    >>> model.answer_similarity("covid", "de coronamaatregelen")  # doctest: +SKIP

``fit`` takes answer texts (lemmatised with the language pipeline, :mod:`analysis.tokens`)
or lists of lemmas the caller made itself (the theme finder passes its own features).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD
from sklearn.preprocessing import normalize

from textcode.nlp import fold

DEFAULT_COMPONENTS = 100
DEFAULT_MIN_COUNT = 2
CONTEXT_SMOOTHING = 0.75  # Levy et al. 2015: context counts to the power 0.75
EIGENVALUE_WEIGHT = 0.5  # word vectors are U * S**0.5 (symmetric SVD)
_ZERO = 1e-8  # singular values below this share of the largest are zero
_BLOCK = 1000  # rows of word similarities computed at once (neighbours)

Word = str | Sequence[str]  # a word, or a word's forms: ("toeslagenaffaire", "toeslag", "affaire")
Answers = Sequence[str] | Sequence[Sequence[Word]]


class WordAssociations:
    """Word vectors from the co-occurrence of words within answers (PPMI + truncated SVD).

    Parameters (stored unchanged, as scikit-learn does):
      n_components: dimensions of the word vectors (at most the vocabulary size minus one).
      min_count: a word needs this many answers to get a vector.
      language: the pipeline that lemmatises texts given to ``fit`` and the other methods.
      seed: the SVD's random state; the same corpus gives the same vectors in every run.
      window: when set, two words within this many words of each other in an answer count
         once more as co-occurring, besides counting for standing in the same answer.

    Fitted attributes: ``vocabulary_`` (sorted words), ``vectors_`` (unit rows, one per word),
    ``counts_`` (answers each word occurs in), ``idf_`` (smoothed idf of each word),
    ``n_answers_``.
    """

    def __init__(
        self,
        *,
        n_components: int = DEFAULT_COMPONENTS,
        min_count: int = DEFAULT_MIN_COUNT,
        language: str = "nl",
        seed: int = 0,
        window: int | None = None,
    ) -> None:
        self.n_components = n_components
        self.min_count = min_count
        self.language = language
        self.seed = seed
        self.window = window

    # -- fitting ------------------------------------------------------------------------------
    def fit(self, answers: Answers) -> WordAssociations:
        """Learn the vectors from the answers: texts, or one list of words per answer.

        A word in such a list is a lemma or a tuple of the forms of one word (a compound and
        its parts); the forms of one word count as that word, never as co-occurring words.
        """
        if self.n_components < 1:
            raise ValueError(f"n_components must be at least 1, not {self.n_components}")
        if self.window is not None and self.window < 1:
            raise ValueError(f"window must be at least 1 or None, not {self.window}")
        answers_units = self._units(answers)
        counts: dict[str, int] = {}
        for units in answers_units:
            for word in {w for unit in units for w in unit}:
                counts[word] = counts.get(word, 0) + 1
        vocabulary = tuple(sorted(w for w, n in counts.items() if n >= self.min_count))
        index = {word: i for i, word in enumerate(vocabulary)}
        self.vocabulary_ = vocabulary
        self.n_answers_ = len(answers_units)
        self.counts_ = np.asarray([counts[w] for w in vocabulary], dtype=np.int64)
        self.idf_ = np.log((1.0 + len(answers_units)) / (1.0 + self.counts_)) + 1.0
        self._left: np.ndarray | None = None
        self._singular: np.ndarray = np.zeros(0)
        self._weighted_cache: dict[float, np.ndarray] = {}
        self.vectors_ = self._vectors(_cooccurrence(answers_units, index, self.window or 0))
        self._index = index
        return self

    def _vectors(self, cooccurrence: sp.csr_matrix) -> np.ndarray:
        size = cooccurrence.shape[0]
        if size < 2:
            return np.ones((size, 1))
        ppmi = positive_pmi(cooccurrence)
        dimensions = max(1, min(self.n_components, size - 1))
        svd = TruncatedSVD(dimensions, algorithm="randomized", n_iter=7, random_state=self.seed)
        left = svd.fit_transform(ppmi)  # U * S
        singular = np.asarray(svd.singular_values_)
        # Directions of (numerically) zero singular value are noise: the corpus says nothing
        # there, and the last bits of them differ between runs.
        keep = singular > _ZERO * max(float(singular.max(initial=0.0)), 1e-300)
        left, singular = left[:, keep], singular[keep]
        if not keep.any():
            return np.zeros((size, 1))
        self._left, self._singular = left, singular
        return _weighted(left, singular, EIGENVALUE_WEIGHT)

    def weighted_vectors(self, eigenvalue_weight: float) -> np.ndarray:
        """The word vectors as rows of ``U * S**eigenvalue_weight`` (unit length).

        ``vectors_`` weighs the singular values by 0.5 (Levy et al.), best for which words are
        alike; 1.0 (plain latent semantic analysis) keeps the strong directions of the corpus
        strong, which groups whole answers better (the theme finder uses it).
        """
        self._fitted()
        left = getattr(self, "_left", None)
        if left is None or eigenvalue_weight == EIGENVALUE_WEIGHT:
            return self.vectors_
        cached = self._weighted_cache.get(eigenvalue_weight)
        if cached is None:
            cached = _weighted(left, self._singular, eigenvalue_weight)
            self._weighted_cache[eigenvalue_weight] = cached
        return cached

    def _units(self, answers: Answers | Iterable[str]) -> list[list[tuple[str, ...]]]:
        """Each answer as its words, each word as the tuple of its (folded) forms."""
        items = list(answers)
        if not items:
            return []
        if all(isinstance(item, str) for item in items):
            from textcode.analysis.tokens import tokenize_many

            found = []
            for tokens in tokenize_many([str(i) for i in items], language=self.language):
                found.append(
                    [
                        (t.lemma, *(p for p in t.parts if p != t.lemma))
                        for t in tokens
                        if t.word and not t.stop and len(t.lemma) >= 2
                    ]
                )
            return found
        return [
            [
                (fold(word),) if isinstance(word, str) else tuple(fold(w) for w in word)
                for word in item
            ]
            for item in items
        ]

    # -- using it -----------------------------------------------------------------------------
    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and fold(word) in self._fitted()

    def vector(self, word: str) -> np.ndarray | None:
        """The unit vector of a word (folded: "Corona" is "corona"); None when unknown."""
        row = self._fitted().get(fold(word))
        return None if row is None else self.vectors_[row]

    def similarity(self, first: str, second: str) -> float:
        """Cosine similarity of two words (0.0 when either is unknown)."""
        a, b = self.vector(first), self.vector(second)
        return 0.0 if a is None or b is None else float(a @ b)

    def most_similar(
        self, words: str | Sequence[str], n: int = 10, *, min_count: int | None = None
    ) -> list[tuple[str, float]]:
        """The ``n`` words most associated with a word (or with the mean of several words).

        The words asked about are not among the answers; ties go in alphabetical order.
        ``min_count`` leaves out words in fewer answers than that.
        """
        asked = [fold(w) for w in ([words] if isinstance(words, str) else words)]
        rows = [self._fitted()[w] for w in asked if w in self._fitted()]
        if not rows:
            return []
        target = self.vectors_[rows].sum(axis=0)
        norm = np.linalg.norm(target)
        if norm == 0:
            return []
        scores = self.vectors_ @ (target / norm)
        keep = np.ones(len(scores), dtype=bool)
        keep[rows] = False
        if min_count is not None:
            keep &= self.counts_ >= min_count
        order = np.lexsort((np.arange(len(scores)), -scores))
        return [(self.vocabulary_[i], float(scores[i])) for i in order if keep[i]][:n]

    def neighbours(
        self, words: Sequence[str], n: int = 5, *, min_similarity: float = 0.4
    ) -> sp.csr_matrix:
        """Words x words: each word's ``n`` nearest others among ``words``, by cosine.

        Only pairs at least ``min_similarity`` alike count; a word the associations do not
        know has no neighbours and is nobody's. Row ``i`` holds the similarities of word
        ``i``'s neighbours (not symmetric: a neighbour of a word need not have it among its
        own ``n``); ties go to the earlier word. Computed in blocks of rows, so that a large
        vocabulary never makes a dense words x words matrix.
        """
        index = self._fitted()
        found = [index.get(fold(w)) for w in words]
        known = np.asarray([i is not None for i in found], dtype=bool)
        vectors = np.zeros((len(words), self.vectors_.shape[1]))
        rows_known = np.flatnonzero(known)
        vectors[rows_known] = self.vectors_[[i for i in found if i is not None]]
        rows, cols, values = [], [], []
        if n > 0 and len(rows_known) > 1:
            for start in range(0, len(rows_known), _BLOCK):
                block = rows_known[start : start + _BLOCK]
                scores = np.round(vectors[block] @ vectors[rows_known].T, 9)
                scores[np.arange(len(block)), np.arange(start, start + len(block))] = -np.inf
                order = np.argsort(-scores, axis=1, kind="stable")[:, :n]
                best = np.take_along_axis(scores, order, axis=1)
                keep = best >= min_similarity
                rows.append(np.repeat(block, keep.sum(axis=1)))
                cols.append(rows_known[order[keep]])
                values.append(best[keep])
        if not rows:
            return sp.csr_matrix((len(words), len(words)))
        return sp.csr_matrix(
            (np.concatenate(values), (np.concatenate(rows), np.concatenate(cols))),
            shape=(len(words), len(words)),
        )

    def answer_vectors(
        self, answers: Answers, *, eigenvalue_weight: float | None = None
    ) -> np.ndarray:
        """One unit row per answer: the idf-weighted mean of its words' vectors.

        An answer without a known word is a row of zeros. ``eigenvalue_weight`` takes the word
        vectors of :meth:`weighted_vectors` instead of ``vectors_``.
        """
        index = self._fitted()
        bags = [[w for unit in units for w in unit] for units in self._units(answers)]
        rows, cols, values = [], [], []
        for row, bag in enumerate(bags):
            for word in dict.fromkeys(bag):
                col = index.get(word)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
                    values.append(self.idf_[col])
        weights = sp.csr_matrix(
            (values, (rows, cols)), shape=(len(bags), len(index)), dtype=np.float64
        )
        words = (
            self.vectors_ if eigenvalue_weight is None else self.weighted_vectors(eigenvalue_weight)
        )
        vectors: np.ndarray = normalize(np.asarray(weights @ words))
        return vectors

    def answer_similarity(self, first: str | Sequence[str], second: str | Sequence[str]) -> float:
        """Cosine similarity of two answers (texts or lists of lemmas) through their words."""
        if isinstance(first, str) != isinstance(second, str):
            raise TypeError("compare two texts or two lists of lemmas, not one of each")
        vectors = self.answer_vectors([first, second])
        return float(vectors[0] @ vectors[1])

    def _fitted(self) -> dict[str, int]:
        index: dict[str, int] | None = getattr(self, "_index", None)
        if index is None:
            raise ValueError("this WordAssociations is not fitted yet: call fit(answers) first")
        return index


def _weighted(left: np.ndarray, singular: np.ndarray, weight: float) -> np.ndarray:
    """Unit rows of ``U * S**weight`` from ``left`` = ``U * S``; rounded so that the same
    corpus gives the same bytes whatever the order of summing."""
    vectors: np.ndarray = np.round(normalize(left * singular ** (weight - 1)), 12)
    return vectors


def _cooccurrence(
    answers: Sequence[Sequence[tuple[str, ...]]], index: dict[str, int], window: int = 0
) -> sp.csr_matrix:
    """Words x words: in how many answers two words stand as different words, plus (with a
    ``window``) in how many they stand within ``window`` words of each other."""
    pairs: dict[tuple[int, int], int] = {}
    for units in answers:
        known = [[index[w] for w in unit if w in index] for unit in units]
        found: set[tuple[int, int]] = set()
        near: set[tuple[int, int]] = set()
        for i, first in enumerate(known):
            for distance, second in enumerate(known[i + 1 :], start=1):
                these = {(min(a, b), max(a, b)) for a in first for b in second if a != b}
                found |= these
                if distance <= window:
                    near |= these
        for a, b in [*found, *near]:
            pairs[(a, b)] = pairs.get((a, b), 0) + 1
            pairs[(b, a)] = pairs.get((b, a), 0) + 1
    size = len(index)
    if not pairs:
        return sp.csr_matrix((size, size))
    keys = np.asarray(list(pairs), dtype=np.int64)
    values = np.asarray(list(pairs.values()), dtype=np.float64)
    return sp.csr_matrix((values, (keys[:, 0], keys[:, 1])), shape=(size, size))


def positive_pmi(
    cooccurrence: sp.csr_matrix, smoothing: float = CONTEXT_SMOOTHING
) -> sp.csr_matrix:
    """PPMI of a symmetric co-occurrence matrix, contexts smoothed by ``counts**smoothing``."""
    matrix = sp.coo_matrix(cooccurrence)
    total = matrix.sum()
    if total == 0:
        return sp.csr_matrix(matrix.shape)
    word_counts = np.asarray(cooccurrence.sum(axis=1)).ravel()
    context_counts = word_counts**smoothing
    p_word = word_counts / total
    p_context = context_counts / context_counts.sum()
    pmi = np.log(matrix.data / total / (p_word[matrix.row] * p_context[matrix.col]))
    keep = pmi > 0
    return sp.csr_matrix(
        (pmi[keep], (matrix.row[keep], matrix.col[keep])), shape=matrix.shape, dtype=np.float64
    )
