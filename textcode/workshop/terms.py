"""Vocabulary from the researcher's own answers: terms a codebook lacks, proposed per code.

Three sources, each on the answers being coded (never on a gold sample):

- ``keyness``: words over-represented in the answers that have the code against the rest
  (log-likelihood G2 on a 2x2 table), with small-count guards: at least ``min_count`` answers
  with the code hold the word, and most answers that hold it have the code;
- ``variant``: inflections, derivations and misspellings of the code's own one-word terms
  that occur in the answers but are not matched (two edits away, or the same long stem), never
  the term's base or a compound with another word;
- ``context``: words that share contexts with the code's terms, found in answers no code
  covers: word vectors learned from the answers themselves (``associations``, by default
  :class:`~textcode.analysis.associations.WordAssociations`, PPMI + SVD) place each word near
  the words it shares contexts with; a word is proposed when its vector points the way of the
  code's terms (cosine with their centroid, the terms weighted by how many answers hold them),
  and its evidence names the terms it is nearest and how near (``near``).

A proposal is a word the codebook does not already match for that code (the coder is asked), with
its count, the answers it would newly code (redacted, shortest first) and the other codes among
the answers that hold it; each source gives at most ``top`` proposals per code, so a source that
scores lower does not starve behind another. Proposals are never applied here:
:func:`~textcode.workshop.patch.patch_from_proposals` makes them a codebook patch (each an
``add_patterns`` entry) a researcher reviews and applies with ``textcode codebook apply-patch``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

import numpy as np
import pandas as pd

from textcode.codebook import Codebook
from textcode.codebook.rules import parse_rule
from textcode.codebook.terms import context_terms, standalone_phrases
from textcode.nlp.spelling import edit_distance

if TYPE_CHECKING:
    from textcode.analysis.associations import WordAssociations
    from textcode.lang import LanguageData
    from textcode.nlp.lexicon import Lexicon


class WordVectors(Protocol):
    """What the context source needs of word associations: a unit vector per known word."""

    def vector(self, word: str) -> np.ndarray | None: ...


# Learns word vectors from the answers: one list per answer of its words, each word the tuple
# of its forms (the lemma, then its compound parts); None when the answers say too little.
Associations = Callable[[Sequence[Sequence[tuple[str, ...]]]], WordVectors | None]

SOURCES = ("keyness", "variant", "context")
G2_MIN = 6.63  # p < 0.01 with one degree of freedom
MIN_SHARE = 0.5  # of the answers holding a keyness word, at least this share has the code
MIN_STEM = 6  # a variant shares this many first letters with a term (and most of it)
# Context: fewer answers than this say too little about which words share contexts (as for
# themes); a word needs this cosine with the code's terms; its evidence names this many terms.
MIN_CONTEXT_ANSWERS = 100
MIN_CONTEXT_SIMILARITY = 0.3
NEAR_SHOWN = 3


@dataclass(frozen=True)
class TermProposal:
    """A word to add to a code's rules, and what adding it would do."""

    code: str
    term: str
    source: str  # keyness, variant or context
    score: float  # G2 (keyness), edit similarity (variant), association (context)
    answers: int  # answers that hold the word
    new_answers: int  # of those, answers the code does not have yet
    examples: tuple[str, ...] = ()  # answers it would newly code, redacted, shortest first
    other_codes: dict[str, int] = field(default_factory=dict)  # other codes in those answers
    related_to: str = ""  # the code's term a variant or context word comes from
    # Context: the code's terms the word is nearest, with their cosine, nearest first.
    near: tuple[tuple[str, float], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "code": self.code,
            "rule": self.term,
            "source": self.source,
            "score": round(self.score, 3),
            "answers": self.answers,
            "new_answers": self.new_answers,
        }
        if self.related_to:
            data["related_to"] = self.related_to
        if self.near:
            data["near"] = {term: round(score, 3) for term, score in self.near}
        if self.examples:
            data["examples"] = list(self.examples)
        if self.other_codes:
            data["other_codes"] = dict(self.other_codes)
        return data


def suggest_terms(
    answers: pd.DataFrame,
    codebook: Codebook,
    *,
    code: str | None = None,
    question: str | None = None,
    top: int = 10,
    min_count: int = 3,
    examples: int = 3,
    associations: Associations | None = None,
    context: bool = True,
    redact: bool = True,
) -> list[TermProposal]:
    """Proposals per code, at most ``top`` per source, best first within each source.

    ``answers`` is an answers table (``response_id``, ``question``, ``text``); ``question``
    keeps one question's answers. ``code`` limits the proposals to one code. ``context``
    False leaves out the words that share contexts; ``associations`` replaces how their
    vectors are learned (default :func:`learn_associations`).
    """
    from textcode.analysis.tokens import tokenize_many
    from textcode.coding import Coder

    frame = answers
    if question is not None:
        frame = frame[frame["question"].astype(str) == question]
    frame = frame[frame["text"].fillna("").astype(str).str.strip() != ""].reset_index(drop=True)
    if code is not None and code not in codebook:
        raise KeyError(f"no code {code!r} in codebook {codebook.id!r}")
    coder = Coder(codebook)
    coded = coder.predict(frame[["response_id", "question", "text"]])
    texts = frame["text"].astype(str).tolist()
    words: list[set[str]] = []
    units: list[list[tuple[str, ...]]] = []
    for tokens in tokenize_many(texts, language=codebook.language):
        content = [t for t in tokens if t.word and not t.stop and len(t.lemma) >= 3]
        words.append({t.lemma for t in content})
        units.append([(t.lemma, *(p for p in t.parts if p != t.lemma)) for t in content])
    questions = frame["question"].astype(str).tolist()
    wanted = [c.id for c in codebook.codes if code in (None, c.id) and not c.whole_answer]
    matched = _Matched(coder, questions)
    excluded = _Excluded(codebook, questions)
    vectors = None
    if context and wanted:
        vectors = (associations or learn_associations)(units)
    directions = _directions(codebook, words, vectors) if vectors is not None else {}
    proposals: list[TermProposal] = []
    for code_id in wanted:
        have = [code_id in codes for codes in coded]
        found = _keyness(code_id, have, words, min_count)
        found += _variants(code_id, codebook, have, words)
        if vectors is not None:
            found += _context(code_id, directions, coded, words, vectors, min_count)
        kept: Counter[str] = Counter()
        seen: set[str] = set()
        for item in found:
            term = item.term
            if (
                term in seen
                or kept[item.source] >= top
                or matched(term, code_id)
                or excluded(term, code_id)
            ):
                continue
            seen.add(term)
            holders = [i for i, ws in enumerate(words) if term in ws]
            new = [i for i in holders if not have[i]]
            if not new:
                continue
            others = Counter(c for i in holders for c in coded[i] if c != code_id)
            shown = sorted((texts[i] for i in new), key=lambda t: (len(t), t))[:examples]
            proposals.append(
                TermProposal(
                    code_id,
                    term,
                    item.source,
                    item.score,
                    len(holders),
                    len(new),
                    tuple(_shown(t, codebook.language, redact) for t in shown),
                    dict(others.most_common()),
                    item.related,
                    item.near,
                )
            )
            kept[item.source] += 1
    return proposals


def learn_associations(answers: Sequence[Sequence[tuple[str, ...]]]) -> WordAssociations | None:
    """Word vectors from the answers' own words (PPMI + SVD, :mod:`analysis.associations`);
    None below :data:`MIN_CONTEXT_ANSWERS` answers with words. A word needs three answers for
    a vector: two say too little in answers of a few words."""
    from textcode.analysis.associations import WordAssociations

    with_words = [units for units in answers if units]
    if len(with_words) < MIN_CONTEXT_ANSWERS:
        return None
    return WordAssociations(min_count=3).fit(with_words)


class _Found(NamedTuple):
    """A candidate of one source: (source, term, score, the term it comes from, near terms)."""

    source: str
    term: str
    score: float
    related: str = ""
    near: tuple[tuple[str, float], ...] = ()


class _Matched:
    """Whether the codebook already finds a word for a code (the coder is asked, once)."""

    def __init__(self, coder: Any, questions: list[str]) -> None:
        self.coder = coder
        self.question = Counter(questions).most_common(1)[0][0] if questions else ""
        self.cache: dict[str, set[str]] = {}

    def __call__(self, word: str, code_id: str) -> bool:
        if word not in self.cache:
            found = self.coder.code_text(word, self.question)
            self.cache[word] = {s.code for s in found}
        return code_id in self.cache[word]


class _Excluded(_Matched):
    """Whether a code's own exclusions rule a word out ("Belastingdienst" is no tax policy)."""

    def __init__(self, codebook: Codebook, questions: list[str]) -> None:
        from dataclasses import replace

        from textcode.coding import Coder

        groups = []
        for group in codebook.groups:
            codes = tuple(
                replace(code, patterns=code.exclude, exclude=(), whole_answer=False)
                for code in group.codes
                if code.exclude
            )
            if codes:
                groups.append(replace(group, codes=codes))
        super().__init__(Coder(codebook.with_groups(tuple(groups))) if groups else None, questions)

    def __call__(self, word: str, code_id: str) -> bool:
        return self.coder is not None and super().__call__(word, code_id)


def _g2(a: int, b: int, c: int, d: int) -> float:
    """Log-likelihood G2 of the 2x2 table [[a, b], [c, d]] (a: with code and word)."""
    total = a + b + c + d
    score = 0.0
    for observed, row, col in (
        (a, a + b, a + c),
        (b, a + b, b + d),
        (c, c + d, a + c),
        (d, c + d, b + d),
    ):
        if observed:
            score += observed * math.log(observed * total / (row * col))
    return 2 * score


def _keyness(code_id: str, have: list[bool], words: list[set[str]], min_count: int) -> list[_Found]:
    with_code = sum(have)
    if with_code < min_count:
        return []
    inside: Counter[str] = Counter()
    outside: Counter[str] = Counter()
    for has, ws in zip(have, words, strict=True):
        (inside if has else outside).update(ws)
    found = []
    rest = len(have) - with_code
    for word, a in inside.items():
        b = outside[word]
        if a < min_count or a / (a + b) < MIN_SHARE:
            continue
        score = _g2(a, with_code - a, b, rest - b)
        if score >= G2_MIN:
            found.append(_Found("keyness", word, score))
    return sorted(found, key=lambda item: (-item.score, item.term))


def _code_terms(codebook: Codebook, code_id: str) -> list[tuple[str, bool]]:
    """The plain words and glob prefixes of a code's standalone one-word terms (folded), with
    whether the term is exact, longest first (a variant of "politieke" in ``"politieke
    midden"`` is no term by itself)."""
    from textcode.nlp import fold

    terms: dict[str, bool] = {}
    for pattern in codebook.code(code_id).patterns:
        for phrase in standalone_phrases(parse_rule(pattern.rule)):
            if len(phrase.terms) != 1:
                continue
            term = phrase.terms[0]
            if term.kind in ("word", "exact"):
                key = fold(term.text)
                terms[key] = terms.get(key, True) and term.kind == "exact"
            elif term.kind == "glob" and term.text.endswith("*"):
                terms[fold(term.text.rstrip("*"))] = False
    return sorted(
        ((t, exact) for t, exact in terms.items() if t.isalpha() and len(t) >= 5),
        key=lambda item: (-len(item[0]), item[0]),
    )


def _variants(
    code_id: str, codebook: Codebook, have: list[bool], words: list[set[str]]
) -> list[_Found]:
    """Corpus words the code's answers lack that look like one of its terms."""
    from textcode.lang import get_language
    from textcode.nlp.lexicon import load_lexicon

    lexicon = load_lexicon(codebook.language)
    language = get_language(codebook.language)
    terms = _code_terms(codebook, code_id)
    corpus: Counter[str] = Counter()
    for has, ws in zip(have, words, strict=True):
        if not has:
            corpus.update(ws)
    found = []
    for word, _ in sorted(corpus.items(), key=lambda item: (-item[1], item[0])):
        for term, exact in terms:
            similarity = _similar(word, term, known=lexicon.is_word(word))
            if similarity and _form_of(word, term, lexicon, language, exact=exact):
                found.append(_Found("variant", word, similarity, term))
                break
    return sorted(found, key=lambda item: (-item.score, item.term))


def _form_of(
    word: str, term: str, lexicon: Lexicon, language: LanguageData, *, exact: bool = False
) -> bool:
    """Whether ``word`` is a form of ``term``: a misspelling (no known word), an inflection
    (a lemma in common: "oorlogen" of "oorlog") or a derivation of it ("vernieuwing" of
    "vernieuwen"); not its base ("partij" of "partijlid"), not a compound with another word
    ("dierenleed" of "dieren"), not a look-alike ("belangrijk" of "belangen"). Of an exact term
    (``=werkende``, written so that "werken" stays out) only a misspelling is a form."""
    from textcode.nlp.compounds import split_compound
    from textcode.nlp.morphology import derivation_bases

    if not lexicon.is_word(word):
        # A misspelling, or a compound the tables do not know ("goudeneeuw" of "gouden").
        misspelt = edit_distance(word, term) <= (2 if len(word) >= 8 else 1)
        return misspelt or len(split_compound(word, lexicon, language.compounds)) < 2
    if exact:
        return False
    lemmas = {term, *lexicon.lemma_variants(term), *lexicon.readings(term)}
    if lemmas & {word, *lexicon.lemma_variants(word), *lexicon.readings(word)}:
        return True
    verbs = lexicon.by_pos.get("verb", frozenset())
    return any(
        base in lemmas or lexicon.lemma(base) in lemmas
        for base in derivation_bases(word, language.morphology, verbs=verbs)
    )


def _similar(word: str, term: str, *, known: bool) -> float:
    """How much ``word`` looks like ``term``: 0 when it does not. A word the language does not
    know is a misspelling at two edits (one for words under eight letters), with the first
    letter kept; any word is a derivation or inflection when it shares a stem of ``MIN_STEM``
    letters and most of the shorter word ("politicus", "politici")."""
    if word == term or not word.isalpha():
        return 0.0
    if not known and word[0] == term[0] and len(word) >= 6:
        distance = edit_distance(word, term)
        if distance <= (2 if len(word) >= 8 else 1):
            return 1 - distance / max(len(word), len(term))
    # A shared stem that is most of both words: "lijsttrekkerschap" of "lijsttrekker", not
    # "verkiezing" of "verkiezingsprogramma".
    shared = len(_common_prefix(word, term))
    if shared >= MIN_STEM and shared >= len(term) - 3 and shared >= len(word) - 5:
        return shared / max(len(word), len(term))
    return 0.0


def _common_prefix(a: str, b: str) -> str:
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    return a[:i]


class _Direction(NamedTuple):
    """A code's terms with vectors, those vectors (rows), and their weighted centroid."""

    terms: tuple[str, ...]
    vectors: np.ndarray
    centroid: np.ndarray


def _directions(
    codebook: Codebook, words: list[set[str]], vectors: WordVectors
) -> dict[str, _Direction]:
    """Per code (not whole-answer codes), the direction of its terms: the centroid of their
    vectors, each weighted by the answers that hold it."""
    counts: Counter[str] = Counter(w for ws in words for w in ws)
    found = {}
    for code in codebook.codes:
        if code.whole_answer:
            continue
        terms, rows, weights = [], [], []
        for term in context_terms(codebook, code.id):
            vector = vectors.vector(term)
            if vector is not None and np.any(vector):
                terms.append(term)
                rows.append(vector)
                weights.append(max(counts[term], 1))
        if not rows:
            continue
        matrix = np.asarray(rows)
        centroid = (np.asarray(weights, dtype=float)[:, None] * matrix).sum(axis=0)
        norm = float(np.linalg.norm(centroid))
        if norm > 0:
            found[code.id] = _Direction(tuple(terms), matrix, centroid / norm)
    return found


def _context(
    code_id: str,
    directions: dict[str, _Direction],
    coded: list[list[str]],
    words: list[set[str]],
    vectors: WordVectors,
    min_count: int,
) -> list[_Found]:
    """Words of answers no code has whose vectors point the way of the code's terms.

    A word at least ``min_count`` answers hold is proposed when its cosine with the code's
    direction reaches :data:`MIN_CONTEXT_SIMILARITY` and no other code's direction is nearer
    (a word near every code, as "partij" is, says nothing about this one); its evidence is
    the terms it is nearest, with their cosines.
    """
    own = directions.get(code_id)
    if own is None:
        return []
    others = [d.centroid for c, d in sorted(directions.items()) if c != code_id]
    counts: Counter[str] = Counter(w for ws in words for w in ws)
    uncovered = {w for ws, codes in zip(words, coded, strict=True) if not codes for w in ws}
    found = []
    for word in sorted(uncovered):
        if counts[word] < min_count or word in own.terms:
            continue
        vector = vectors.vector(word)
        if vector is None:
            continue
        # Rounded, so that the order does not hang on the last bits of a sum.
        score = round(float(own.centroid @ vector), 6)
        if score < MIN_CONTEXT_SIMILARITY:
            continue
        if others and round(float(np.max(np.asarray(others) @ vector)), 6) >= score:
            continue
        similarities = [round(float(v), 6) for v in own.vectors @ vector]
        near = sorted(zip(own.terms, similarities, strict=True), key=lambda p: (-p[1], p[0]))
        nearest = tuple(near[:NEAR_SHOWN])
        found.append(_Found("context", word, score, nearest[0][0], nearest))
    return sorted(found, key=lambda item: (-item.score, item.term))


def _shown(text: str, language: str, redact: bool) -> str:
    if not redact:
        return text
    from textcode.privacy import redact_text

    return redact_text(text, language=language).text
