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
- ``shape``: one feature for "no content word at all" (a non-answer);
- ``assoc`` (with ``associations=k``): the answer's place among the survey's own word
  associations (:class:`AnswerAssociations`: PPMI + SVD of which content words share answers,
  :mod:`textcode.analysis.associations`), so "covid" and "coronamaatregelen" come close
  without a letter in common once the survey's answers put them beside the same words.

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
from sklearn.base import BaseEstimator, TransformerMixin

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


def _unigrams(lemmas: list[str]) -> list[str]:
    return list(lemmas)


def _lemma_lists(samples: Sequence[Sample], function_words: bool) -> list[list[str]]:
    return [sample.lemmas(function_words) for sample in samples]


def _lemma_strings(samples: Sequence[Sample], function_words: bool) -> list[str]:
    return [" ".join(sample.lemmas(function_words)) for sample in samples]


def _shapes(samples: Sequence[Sample]) -> list[dict[str, float]]:
    return [{NO_CONTENT: 1.0} if not sample.content else {} for sample in samples]


def term_affinity(model: Any, samples: Sequence[Sample], terms: Sequence[str]) -> np.ndarray:
    """Per sample, how close its content words come to a code's own terms among the survey's
    word associations (a fitted :class:`~textcode.analysis.associations.WordAssociations`):
    column 0 the cosine of the answer's vector and the terms' centroid, column 1 the closest
    (answer word, term) pair. A paraphrase ("asielzoekers" for a code whose term is
    "migratie") comes close without a labelled answer that says it. NaN when none of the terms
    has a vector; 0 for an answer without a known word.
    """
    out = np.full((len(samples), 2), np.nan)
    found = [v for v in (model.vector(t) for t in dict.fromkeys(terms)) if v is not None]
    if not found or not samples:
        return out
    term_vectors = np.vstack(found)
    centroid = term_vectors.sum(axis=0)
    centroid = centroid / max(float(np.linalg.norm(centroid)), 1e-12)
    out[:, 0] = model.answer_vectors([sample.lemmas() for sample in samples]) @ centroid
    for i, sample in enumerate(samples):
        known = [
            v for v in (model.vector(w) for w in dict.fromkeys(sample.lemmas())) if v is not None
        ]
        out[i, 1] = float((np.vstack(known) @ term_vectors.T).max()) if known else 0.0
    return out


class AnswerAssociations(TransformerMixin, BaseEstimator):
    """Samples -> dense rows: each answer's place among the survey's own word associations.

    :class:`~textcode.analysis.associations.WordAssociations` (PPMI + truncated SVD of which
    content words share answers) is fitted on the samples it is given, without labels: the
    reviewed answers and the unlabelled rest of the survey. An answer's row is the idf-weighted
    mean of its content words' vectors, times ``weight``; a paraphrase whose words stand in
    the same answers as a code's trained words lands near them. Too few answers (fewer than
    two words in two answers) give one column of zeros.
    """

    def __init__(self, *, n_components: int = 100, min_count: int = 2, weight: float = 1.0):
        self.n_components = n_components
        self.min_count = min_count
        self.weight = weight

    def fit(self, samples: Sequence[Sample], y: Any = None) -> AnswerAssociations:
        from textcode.analysis.associations import WordAssociations

        model = WordAssociations(n_components=self.n_components, min_count=self.min_count)
        self.model_ = model.fit([sample.lemmas() for sample in samples])
        self.width_ = self.model_.vectors_.shape[1] if len(self.model_.vocabulary_) else 1
        return self

    def transform(self, samples: Sequence[Sample]) -> sp.csr_matrix:
        if not len(self.model_.vocabulary_) or not samples:
            return sp.csr_matrix((len(samples), self.width_))
        rows = self.model_.answer_vectors([sample.lemmas() for sample in samples])
        return sp.csr_matrix(rows * self.weight)

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray[Any, Any]:
        return np.asarray([f"assoc:{k}" for k in range(self.width_)], dtype=object)


class SampleVectorizer(TransformerMixin, BaseEstimator):
    """Samples -> a sparse matrix of word, letter and shape features.

    A scikit-learn transformer: a :class:`~sklearn.pipeline.FeatureUnion` of three pipelines
    (samples -> lemma lists -> :class:`~sklearn.feature_extraction.text.TfidfVectorizer` of
    lemmas and lemma pairs; samples -> lemma strings -> TF-IDF of letter n-grams inside words;
    samples -> shape -> :class:`~sklearn.feature_extraction.DictVectorizer`). ``min_df``
    applies to the letter n-grams; ``function_words`` adds stop words to the word and letter
    features.
    """

    def __init__(
        self,
        *,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] = (3, 5),
        min_df: int = 2,
        function_words: bool = False,
        associations: int = 0,
        association_weight: float = 1.0,
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.function_words = function_words
        self.associations = associations
        self.association_weight = association_weight

    def _union(self) -> Any:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.pipeline import FeatureUnion, make_pipeline
        from sklearn.preprocessing import FunctionTransformer

        options = {"function_words": self.function_words}
        words = TfidfVectorizer(
            analyzer=_word_grams if self.word_ngrams[1] > 1 else _unigrams, sublinear_tf=True
        )
        letters = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.char_ngrams,
            sublinear_tf=True,
            min_df=self.min_df,
            lowercase=False,
        )
        blocks = [
            ("word", make_pipeline(FunctionTransformer(_lemma_lists, kw_args=options), words)),
            (
                "char",
                make_pipeline(FunctionTransformer(_lemma_strings, kw_args=options), letters),
            ),
            ("shape", make_pipeline(FunctionTransformer(_shapes), DictVectorizer())),
        ]
        if self.associations:
            assoc = AnswerAssociations(
                n_components=self.associations, weight=self.association_weight
            )
            blocks.append(("assoc", make_pipeline(assoc)))
        return FeatureUnion(blocks)

    def fit(self, samples: Sequence[Sample], y: Any = None) -> SampleVectorizer:
        # The shape block always knows "no content", even when every training answer has some.
        self.union_ = self._union().fit([*samples, Sample(words=())])
        return self

    def transform(self, samples: Sequence[Sample]) -> sp.csr_matrix:
        if not samples:
            return sp.csr_matrix((0, len(self.feature_names())))
        return sp.csr_matrix(self.union_.transform(list(samples)))

    def word_vectors(self, lemmas: Sequence[str]) -> sp.csr_matrix:
        """Each word on its own (its lemma and letter n-grams), as a one-word answer."""
        return self.transform([Sample(words=(Word(lemma, 0, len(lemma)),)) for lemma in lemmas])

    def associations_model(self) -> Any:
        """The fitted :class:`~textcode.analysis.associations.WordAssociations` of the
        associations block (None without it, or when too few answers gave it a vocabulary)."""
        blocks = dict(self.union_.transformer_list)
        if "assoc" not in blocks:
            return None
        model = blocks["assoc"].steps[-1][1].model_
        return model if len(model.vocabulary_) else None

    def association_width(self) -> int:
        """How many of the last columns are the associations block (0 without it)."""
        blocks = dict(self.union_.transformer_list)
        return int(blocks["assoc"].steps[-1][1].width_) if "assoc" in blocks else 0

    def feature_names(self) -> np.ndarray[Any, Any]:
        return np.concatenate(
            [step.steps[-1][1].get_feature_names_out() for _, step in self.union_.transformer_list]
        )
