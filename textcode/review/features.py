"""What the learned suggester sees of an answer: its words, their letters, the rules' hits.

An answer becomes a :class:`Sample`: its words (lemmas with their offsets in the text, each
marked as a content word or a function word, i.e. one of the language's stop words) and the
codes the rules suggested for it. :class:`SampleVectorizer` turns samples into one sparse
matrix with scikit-learn's vectorizers:

- ``word``: lemmas and pairs of adjacent lemmas (TF-IDF; function words only with
  ``function_words=True``: "weinig" and "niet veel" can mark a non-answer);
- ``char``: letter 3- to 5-grams inside each of those lemmas (TF-IDF), so a compound, an
  inflection the lemma tables miss and a misspelling share features with the word they contain
  or resemble ("coronamaatregelen", "torslagen");
- ``shape``: one feature for "no content word at all" (a non-answer).

The rules' hits travel with the sample (:attr:`Sample.hits`) but are not among these
features: the model learns from the words what the rules cannot see, and weighs its own
judgement against the rules' in a second step (:mod:`textcode.review.model`).

:meth:`SampleVectorizer.word_vectors` gives each word on its own, so a model's weight for a
code can be read per word: the content words that carry a decision are its evidence.
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

NO_CONTENT = "content:none"


@dataclass(frozen=True, slots=True)
class Word:
    """A word: its lemma (lower case, accent-folded), where it is in the text, and whether it
    is a content word (not one of the language's stop words)."""

    lemma: str
    start: int
    end: int
    content: bool = True


@dataclass(frozen=True, slots=True)
class Sample:
    """One answer as the learned suggester sees it."""

    words: tuple[Word, ...]
    hits: frozenset[str] = frozenset()

    @property
    def content(self) -> tuple[Word, ...]:
        return tuple(word for word in self.words if word.content)

    def lemmas(self, function_words: bool = False) -> list[str]:
        return [word.lemma for word in self.words if function_words or word.content]


def is_content(lemma: str, stop_words: frozenset[str]) -> bool:
    """A word that can carry a code: not a stop word, with a letter or digit in it."""
    if lemma in stop_words:
        return False
    return any(unicodedata.category(ch)[0] in "LN" for ch in lemma)


def make_samples(
    tokens: Sequence[Sequence[tuple[str, int, int]]],
    hits: Sequence[Iterable[str]],
    stop_words: frozenset[str],
) -> list[Sample]:
    """Samples from lemma tokens (lemma, start, end) and each answer's rule hits."""
    return [
        Sample(
            words=tuple(Word(lemma, s, e, is_content(lemma, stop_words)) for lemma, s, e in toks),
            hits=frozenset(codes),
        )
        for toks, codes in zip(tokens, hits, strict=True)
    ]


def _word_grams(lemmas: list[str]) -> list[str]:
    return lemmas + [f"{a} {b}" for a, b in itertools.pairwise(lemmas)]


def _shape_features(sample: Sample) -> dict[str, float]:
    return {NO_CONTENT: 1.0} if not sample.content else {}


class SampleVectorizer:
    """Samples -> a sparse matrix of word, letter and shape features (scikit-learn style).

    ``min_df`` applies to the letter n-grams; ``function_words`` adds stop words to the word
    and letter features.
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (3, 5),
        min_df: int = 2,
        function_words: bool = False,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.function_words = function_words

    def fit(self, samples: Sequence[Sample]) -> SampleVectorizer:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.words_ = TfidfVectorizer(
            analyzer=_word_grams if self.word_ngrams[1] > 1 else _unigrams,
            sublinear_tf=True,
        )
        self.chars_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngrams,
            sublinear_tf=True,
            min_df=self.min_df,
            lowercase=False,
        )
        self.shape_ = DictVectorizer()
        lemmas = [sample.lemmas(self.function_words) for sample in samples]
        self.words_.fit(lemmas)
        self.chars_.fit([" ".join(x) for x in lemmas])
        self.shape_.fit([_shape_features(sample) for sample in samples] + [{NO_CONTENT: 1.0}])
        return self

    def transform(self, samples: Sequence[Sample]) -> sp.csr_matrix:
        if not samples:
            return sp.csr_matrix((0, len(self.feature_names())))
        lemmas = [sample.lemmas(self.function_words) for sample in samples]
        blocks = [
            self.words_.transform(lemmas),
            self.chars_.transform([" ".join(x) for x in lemmas]),
            self.shape_.transform([_shape_features(sample) for sample in samples]),
        ]
        return sp.hstack(blocks, format="csr")

    def fit_transform(self, samples: Sequence[Sample]) -> sp.csr_matrix:
        return self.fit(samples).transform(samples)

    def word_vectors(self, lemmas: Sequence[str]) -> sp.csr_matrix:
        """Each word on its own (its lemma and letter n-grams)."""
        single = [[lemma] for lemma in lemmas]
        empty = sp.csr_matrix((len(lemmas), len(self.shape_.vocabulary_)))
        return sp.hstack(
            [self.words_.transform(single), self.chars_.transform(list(lemmas)), empty],
            format="csr",
        )

    def feature_names(self) -> np.ndarray[Any, Any]:
        return np.concatenate(
            [
                self.words_.get_feature_names_out(),
                self.chars_.get_feature_names_out(),
                self.shape_.get_feature_names_out(),
            ]
        )


def _unigrams(lemmas: list[str]) -> list[str]:
    return list(lemmas)
