"""The space in which answers are compared: their words, associations, codes and letters.

Two answers are alike when they share content lemmas (TF-IDF, :mod:`features`). On a large
survey that is enough: every theme is mentioned in many wordings. On a small one answers
rarely repeat a word ("Geld" and "Het budget was op"), so two more kinds of evidence count:

- **codes**: the codes the codebook already gives an answer. Answers with the same code share
  that code as if it were a word ("Het budget was geen probleem, maar er waren te weinig
  mensen" and "De coronacrisis slokte alle aandacht op" are both ``capaciteit_tijd``). Not used
  in seeded mode, where the codes are the seeds themselves, nor with ``code_features=False``.
- **letters** (below :data:`SMALL_INPUT` answers): character 3- to 5-grams of the content
  lemmas, so that misspellings and word families meet ("interese" and "interesse",
  "vertrouwe" and "vertrouwen"). Large inputs do without: the words of thousands of answers
  say more, and letters would tie every answer to every other a little.

- **associations** (when the corpus has at least :data:`MIN_CORPUS` answers): what the
  corpus says about the words (:class:`textcode.analysis.associations.WordAssociations`,
  learned from all answers of the question and any other answers the user gives). An answer
  is the idf-weighted mean of its words' vectors, so "covid" comes close to "corona" and
  "WOII" to "tweede wereldoorlog" although they share no letter or word. They weigh as much
  as the words below :data:`SMALL_INPUT` answers, where words rarely repeat, and half as much
  above: with thousands of answers the words say enough, and many answers that name two
  themes at once ("corona en de toeslagen") would otherwise pull the two themes together.
  From :data:`LARGE_CORPUS` answers on, words near each other in an answer count once more
  as co-occurring (:data:`ASSOCIATION_WINDOW`).

- **associated words** (below :data:`NEIGHBOUR_LIMIT` answers, with the associations): in
  the word block each word also counts a little for its nearest associated words of the
  vocabulary (a soft cosine, :func:`soft_words`), so "covid" shares some of "corona" while
  staying closest to "covid" itself.

Each kind is a block of unit-length rows; a row is the blocks side by side, weighted (words
1, codes :data:`CODE_WEIGHT`, letters :data:`LETTER_WEIGHT`, associations
:data:`ASSOCIATION_WEIGHT`) and scaled to unit length again. The cosine of two rows is then
the weighted mean of the cosines of the blocks (weights squared), so sharing a code counts as
much as sharing all words, and letters a quarter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfTransformer, TfidfVectorizer
from sklearn.preprocessing import normalize

from textcode.analysis.associations import WordAssociations
from textcode.themes.features import AnswerFeatures, TermMatrix, term_matrix
from textcode.themes.general_words import MIN_ANSWERS as LARGE_CORPUS
from textcode.themes.general_words import general_words

SMALL_INPUT = 200  # below this many answers a question is a small input (also cluster.py)
CODE_WEIGHT = 1.0
LETTER_WEIGHT = 0.5
LETTER_NGRAMS = (3, 5)
ASSOCIATION_WEIGHT = 0.5
SMALL_ASSOCIATION_WEIGHT = 1.0  # below SMALL_INPUT answers
MIN_CORPUS = 100  # fewer answers say too little about which words share contexts
ASSOCIATION_COMPONENTS = 100
# From LARGE_CORPUS answers on, two words within ASSOCIATION_WINDOW words of each other count
# once more as co-occurring (WordAssociations(window=...)): in the longer answers to a
# why-question ("goede standpunten, en ze komen op voor de ouderen") the words of one clause
# say more about each other than about the other clause's. Below it the answers are too few
# for the nearer contexts to add more than noise.
ASSOCIATION_WINDOW = 4
# The word vectors an answer's association vector is made of: U * S**weight of the SVD
# (WordAssociations.weighted_vectors). Below SMALL_INPUT answers U * S, as latent semantic
# analysis does: the strong directions of the corpus (what many answers say) group the few
# answers better. Above it U * S**0.5, the associations' own vectors: on the 2,170 B1 answers
# the strongest direction is the many answers that name two themes ("corona en de
# toeslagen"), and U * S pulled corona and the allowances affair into one cluster.
EIGENVALUE_WEIGHT = 0.5
SMALL_EIGENVALUE_WEIGHT = 1.0
# The word block counts each term also for its nearest associated terms (a soft cosine,
# Sidorov et al. 2014): NEIGHBOUR_WEIGHT times the similarity, for at most NEIGHBOURS terms
# of the answers' vocabulary at least NEIGHBOUR_SIMILARITY alike (WordAssociations.neighbours).
NEIGHBOUR_WEIGHT = 0.6
NEIGHBOURS = 5
NEIGHBOUR_SIMILARITY = 0.4
NEIGHBOUR_LIMIT = SMALL_INPUT  # only below this many answers


def learn_associations(
    corpus: Sequence[AnswerFeatures], *, seed: int = 0
) -> WordAssociations | None:
    """Word associations learned from a corpus of answers (None below :data:`MIN_CORPUS`).

    From :data:`LARGE_CORPUS` answers on, words near each other in an answer count more
    (:data:`ASSOCIATION_WINDOW`). The corpus's general words (:func:`general_words`:
    "partij" and "goed" in answers to "why did you vote for this party?") are left out, so
    they have no vector and an answer's association vector is made of its other words.
    """
    words = [f.words for f in corpus if f.words]
    if len(words) < MIN_CORPUS:
        return None
    general = general_words(words)
    if general:
        words = [_without(answer, general) for answer in words]
    window = ASSOCIATION_WINDOW if len(words) >= LARGE_CORPUS else None
    return WordAssociations(n_components=ASSOCIATION_COMPONENTS, seed=seed, window=window).fit(
        words
    )


def _without(
    words: tuple[tuple[str, ...], ...], general: frozenset[str]
) -> tuple[tuple[str, ...], ...]:
    """An answer's words without the general ones, also as a compound's part."""
    kept = (tuple(form for form in word if form not in general) for word in words)
    return tuple(word for word in kept if word)


def letters_of(features: Sequence[AnswerFeatures], texts: Sequence[str]) -> list[str]:
    """What the letters of each answer are read from: its content lemmas (else its text).

    Content lemmas leave out stop words and, when redacting, words inside personal data.
    """
    return [" ".join(f.lemmas) or t for f, t in zip(features, texts, strict=True)]


@dataclass(frozen=True)
class AnswerSpace:
    """The answers as unit rows (``matrix``) and how to place other answers in the same space.

    ``terms`` is the word block; ``codes`` the code vocabulary (empty: no code block);
    ``letters`` the fitted character n-gram vectoriser (None: no letter block).
    """

    terms: TermMatrix
    matrix: sp.csr_matrix
    codes: tuple[str, ...] = ()
    code_idf: np.ndarray | None = None
    letters: TfidfVectorizer | None = None
    code_weight: float = CODE_WEIGHT
    letter_weight: float = LETTER_WEIGHT
    associations: WordAssociations | None = None
    association_weight: float = ASSOCIATION_WEIGHT
    eigenvalue_weight: float = EIGENVALUE_WEIGHT
    neighbours: sp.csr_matrix | None = None  # terms x terms (see soft_words)

    @property
    def blocks(self) -> tuple[str, ...]:
        """The kinds of evidence in this space (for clusters.json)."""
        found = ["words"]
        if self.codes:
            found.append("codes")
        if self.letters is not None:
            found.append("letters")
        if self.associations is not None:
            found.append("associations")
        return tuple(found)

    def transform(
        self,
        features: Sequence[AnswerFeatures],
        codes: Sequence[Sequence[str]] | None = None,
        texts: Sequence[str] | None = None,
    ) -> sp.csr_matrix:
        """Rows for other answers (unknown words, codes and n-grams are ignored)."""
        blocks = [soft_words(self.terms.transform(features), self.neighbours)]
        if self.codes and self.code_idf is not None:
            counts = _code_counts(codes or [() for _ in features], self.codes)
            blocks.append(self.code_weight * normalize(counts.multiply(self.code_idf).tocsr()))
        if self.letters is not None:
            source = letters_of(features, texts or ["" for _ in features])
            chars = self.letters.transform(source)
            blocks.append(self.letter_weight * normalize(chars))
        if self.associations is not None:
            blocks.append(
                _association_block(
                    self.associations, features, self.association_weight, self.eigenvalue_weight
                )
            )
        return _joined(blocks)


def term_neighbours(
    terms: TermMatrix, associations: WordAssociations | None
) -> sp.csr_matrix | None:
    """Each term's nearest associated terms of the vocabulary, weighted (None: none known)."""
    if associations is None or NEIGHBOUR_WEIGHT <= 0:
        return None
    found = associations.neighbours(
        terms.vocabulary, NEIGHBOURS, min_similarity=NEIGHBOUR_SIMILARITY
    )
    return sp.csr_matrix(NEIGHBOUR_WEIGHT * found) if found.nnz else None


def soft_words(tfidf: sp.csr_matrix, neighbours: sp.csr_matrix | None) -> sp.csr_matrix:
    """The word block with each term also counted for its associated terms, unit rows.

    An answer that says "standpunt" then shares a little of "programma" when the answers of
    the question use the two alike, while an answer that says "programma" itself stays
    closest: the words keep their own weight, unlike the association block, which is one
    mean vector per answer.
    """
    if neighbours is None:
        return tfidf
    return sp.csr_matrix(normalize(tfidf + tfidf @ neighbours))


def _association_block(
    associations: WordAssociations,
    features: Sequence[AnswerFeatures],
    weight: float,
    eigenvalue_weight: float,
) -> sp.csr_matrix:
    vectors = associations.answer_vectors(
        [f.words for f in features], eigenvalue_weight=eigenvalue_weight
    )
    return sp.csr_matrix(weight * vectors)


def _code_counts(codes: Sequence[Sequence[str]], vocabulary: Sequence[str]) -> sp.csr_matrix:
    index = {code: i for i, code in enumerate(vocabulary)}
    rows, cols = [], []
    for row, answer_codes in enumerate(codes):
        for code in dict.fromkeys(answer_codes):
            col = index.get(code)
            if col is not None:
                rows.append(row)
                cols.append(col)
    return sp.csr_matrix(
        (np.ones(len(rows)), (rows, cols)), shape=(len(codes), len(vocabulary)), dtype=np.float64
    )


def _joined(blocks: list[sp.csr_matrix]) -> sp.csr_matrix:
    if len(blocks) == 1:
        return sp.csr_matrix(blocks[0])
    return sp.csr_matrix(normalize(sp.hstack(blocks, format="csr")))


def answer_space(
    features: Sequence[AnswerFeatures],
    *,
    codes: Sequence[Sequence[str]] | None = None,
    texts: Sequence[str] | None = None,
    letters: bool | None = None,
    code_weight: float = CODE_WEIGHT,
    letter_weight: float = LETTER_WEIGHT,
    associations: WordAssociations | None = None,
    association_weight: float | None = None,
    eigenvalue_weight: float | None = None,
) -> AnswerSpace:
    """The space of these answers: words, plus ``codes`` (one list per answer) when given,
    letters when ``letters`` (default: below :data:`SMALL_INPUT` answers, with ``texts``) and
    the answers' word ``associations`` when given (weighted ``association_weight``, default
    :data:`SMALL_ASSOCIATION_WEIGHT` below :data:`SMALL_INPUT` answers, else
    :data:`ASSOCIATION_WEIGHT`; word vectors ``U * S**eigenvalue_weight``, default
    :data:`SMALL_EIGENVALUE_WEIGHT` below :data:`SMALL_INPUT` answers, else
    :data:`EIGENVALUE_WEIGHT`)."""
    if association_weight is None:
        small = len(features) < SMALL_INPUT
        association_weight = SMALL_ASSOCIATION_WEIGHT if small else ASSOCIATION_WEIGHT
    if eigenvalue_weight is None:
        small = len(features) < SMALL_INPUT
        eigenvalue_weight = SMALL_EIGENVALUE_WEIGHT if small else EIGENVALUE_WEIGHT
    terms = term_matrix(features)
    if associations is None or association_weight <= 0:
        associations = None
    neighbours = term_neighbours(terms, associations) if len(features) < NEIGHBOUR_LIMIT else None
    blocks = [soft_words(terms.tfidf, neighbours)]
    vocabulary: tuple[str, ...] = ()
    idf = None
    if codes is not None and code_weight > 0:
        vocabulary = tuple(sorted({c for answer_codes in codes for c in answer_codes}))
        if vocabulary:
            counts = _code_counts(codes, vocabulary)
            transformer = TfidfTransformer(smooth_idf=True, norm="l2").fit(counts)
            idf = np.asarray(transformer.idf_)
            blocks.append(code_weight * sp.csr_matrix(transformer.transform(counts)))
    vectorizer = None
    if letters is None:
        letters = len(features) < SMALL_INPUT
    if letters and texts is not None and letter_weight > 0:
        vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=LETTER_NGRAMS, lowercase=True, sublinear_tf=True
        )
        try:
            chars = vectorizer.fit_transform(letters_of(features, texts))
            blocks.append(letter_weight * normalize(chars))
        except ValueError:  # no n-gram at all
            vectorizer = None
    if associations is not None:
        blocks.append(
            _association_block(associations, features, association_weight, eigenvalue_weight)
        )
    return AnswerSpace(
        terms=terms,
        matrix=_joined(blocks),
        codes=vocabulary,
        code_idf=idf,
        letters=vectorizer,
        code_weight=code_weight,
        letter_weight=letter_weight,
        associations=associations,
        association_weight=association_weight,
        eigenvalue_weight=eigenvalue_weight,
        neighbours=neighbours,
    )
