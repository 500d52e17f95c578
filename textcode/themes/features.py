"""Features for theme finding: the content lemmas of each answer, compounds split into parts.

Short answers rarely repeat a word form: "toeslagenaffaire", "toeslagaffaire" and "toeslagen
affaire" are one theme. Lemmas unify the inflections; splitting compounds into their parts
("toeslag" + "affaire") unifies the spellings. The whole compound stays as a weaker feature, so
answers that use the very same compound are still closest. Stop words, survey fillers and the
language's theme stop words (``textcode/lang/<code>/themes.py``) are left out; an answer with
no feature left is non-substantive. A word of a word family (``THEME_FAMILIES`` there: "past
bij mij", "spreekt me aan", "ben het eens" all agree) also counts as the family's name
("~instemming"), like one more part, so that such answers meet; the name is never a lemma.

Everything is decided per distinct answer text and cached, so 50,000 answers that repeat
"corona" a thousand times cost one analysis of "corona".
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize
from spacy.language import Language

from textcode.lang import get_language
from textcode.nlp.compounds import split_compound
from textcode.nlp.lexemes import BOUNDARY, CONJUNCTION, PUNCT, SENT_END, SPACE, Lexeme, LexemeTable
from textcode.nlp.morphology import derivation_bases
from textcode.nlp.normalize import fold, map_span, nfc_with_offsets
from textcode.nlp.pipeline import shared_pipeline, uses_model_lemmas
from textcode.progress import progress

_LETTER_RE = re.compile(r"[^\W\d_]")
_VOWEL_RE = re.compile(r"[aeiouy]")
_MIN_PART = 4  # "maatregel" may give "maat" + "regel", but never a three-letter fragment


@dataclass(frozen=True)
class FeatureSettings:
    """How an answer becomes weighted terms.

    ``compound_weight`` is the weight of a whole compound ("toeslagenaffaire") and
    ``part_weight`` that of each of its parts ("toeslag", "affaire"); a plain word weighs 1.
    """

    compound_weight: float = 0.5
    part_weight: float = 1.0
    split_compounds: bool = True


@dataclass(frozen=True, slots=True)
class AnswerFeatures:
    """What one answer says, as features.

    ``terms``: (lemma, weight) pairs for clustering (compound parts included).
    ``lemmas``: the content lemmas as written (compounds whole), for labels and patterns.
    ``private``: lemmas of words inside personal data (names, e-mail addresses), which labels
    and proposed patterns leave out when redacting.
    ``words``: each content word as (lemma, its compound parts..., its family's name), in
    order: the unit whose forms never co-occur with one another when word associations are
    learned.
    """

    terms: tuple[tuple[str, float], ...] = ()
    lemmas: tuple[str, ...] = ()
    private: tuple[str, ...] = field(default=())
    words: tuple[tuple[str, ...], ...] = field(default=())

    @property
    def substantive(self) -> bool:
        return bool(self.terms)


FAMILY_MARK = "~"  # names of word families (THEME_FAMILIES) start with it; no word does


def is_family(term: str) -> bool:
    """Whether a term is the name of a word family ("~instemming"), not a word."""
    return term.startswith(FAMILY_MARK)


def theme_stop_words(language: str) -> frozenset[str]:
    """The language's stop words, fillers and theme stop words, folded (accent-free, lower)."""
    data = get_language(language)
    extra: frozenset[str] = data.themes.THEME_STOP_WORDS
    return frozenset(fold(w) for w in data.stop_words | data.fillers | extra)


def theme_words(language: str) -> frozenset[str]:
    """Word forms that name a theme although a stop list has them or their lemma, folded."""
    words: frozenset[str] = getattr(get_language(language).themes, "THEME_WORDS", frozenset())
    return frozenset(fold(w) for w in words)


class FeatureExtractor:
    """Turns answer texts into :class:`AnswerFeatures` with the language pipeline.

    ``redact`` asks textcode.privacy which words are personal data, so that they never become
    a label; they still count for clustering (a name shared by many answers is a theme).
    """

    def __init__(
        self,
        language: str = "nl",
        *,
        nlp: Language | None = None,
        settings: FeatureSettings | None = None,
        redact: bool = True,
    ) -> None:
        self.language = language
        self.settings = settings or FeatureSettings()
        self.redact = redact
        self._nlp = nlp
        self._table = LexemeTable(language)
        self._lexicon = self._table.lexicon
        self._compounds = get_language(language).compounds
        self._morphology = get_language(language).morphology
        self._nouns = self._lexicon.by_pos.get("noun", frozenset())
        self._verbs = self._lexicon.by_pos.get("verb", frozenset())
        words = get_language(language).themes
        self._particles: frozenset[str] = getattr(words, "SEPARABLE_PARTICLES", frozenset())
        self._after_particle: frozenset[str] = getattr(words, "AFTER_PARTICLE", frozenset())
        self._reflexive: dict[tuple[str, str], str] = getattr(words, "REFLEXIVE_VERBS", {})
        self._pronouns: frozenset[str] = getattr(words, "REFLEXIVE_PRONOUNS", frozenset())
        families: dict[str, frozenset[str]] = getattr(words, "THEME_FAMILIES", {})
        self._families: dict[str, str] = {}
        for name in sorted(families):  # a word in two families: the first name, every run
            for word in sorted(families[name]):
                self._families.setdefault(fold(word), FAMILY_MARK + name)
        self._stop = theme_stop_words(language)
        self._keep = theme_words(language)
        self._cache: dict[str, AnswerFeatures] = {}
        self._lexeme_terms: dict[int, tuple[str, tuple[str, ...]] | None] = {}

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = shared_pipeline(self.language)
        return self._nlp

    def extract(self, text: str) -> AnswerFeatures:
        """The features of one answer (cached per text)."""
        found = self._cache.get(text)
        if found is None:
            found = self._extract_many([text])[0]
        return found

    def extract_many(
        self, texts: Sequence[str], *, quiet: bool = True, batch_size: int = 2000
    ) -> list[AnswerFeatures]:
        """The features of each text, in order; distinct texts are analysed once."""
        todo = list(dict.fromkeys(t for t in texts if t not in self._cache))
        for start in progress(
            range(0, len(todo), batch_size),
            total=(len(todo) + batch_size - 1) // batch_size,
            desc="features",
            unit="batches",
            quiet=quiet or len(todo) < 5 * batch_size,
        ):
            self._extract_many(todo[start : start + batch_size])
        return [self._cache[t] for t in texts]

    # -- internals ----------------------------------------------------------------------------
    def _extract_many(self, texts: list[str]) -> list[AnswerFeatures]:
        nlp = self.nlp
        normalized = [nfc_with_offsets(t) for t in texts]
        model = uses_model_lemmas(nlp)
        if model:
            docs = nlp.pipe([n[0] for n in normalized])
        else:
            docs = nlp.tokenizer.pipe([n[0] for n in normalized])  # type: ignore[union-attr]
        results = []
        for text, (_, offsets), doc in zip(texts, normalized, docs, strict=True):
            private_spans = self._private_spans(text) if self.redact else ()
            terms: dict[str, float] = {}
            lemmas: list[str] = []
            private: list[str] = []
            words: list[tuple[str, ...]] = []
            lexemes = [
                self._table.get_with_lemma(token.orth, token.text, token.lemma_)
                if model
                else self._table.get(token.orth, token.text)
                for token in doc
            ]
            joined = self._separable_verbs(lexemes) if self._particles else {}
            if self._reflexive:
                self._reflexive_verbs(lexemes, joined)
            for token, lexeme in zip(doc, lexemes, strict=True):
                verb = joined.get(token.i)
                if verb == "":  # the particle of a joined verb
                    continue
                found = self._terms_of(lexeme) if verb is None else (verb, ())
                if found is None:
                    continue
                lemma, parts = found
                weight = self.settings.compound_weight if parts else 1.0
                family = self._family_of(lemma, parts)
                if family is not None:  # counts as a part: for the words and the associations
                    parts = (*parts, family)
                terms[lemma] = max(terms.get(lemma, 0.0), weight)
                for part in parts:
                    terms[part] = max(terms.get(part, 0.0), self.settings.part_weight)
                words.append((lemma, *parts))
                if private_spans and _inside(
                    text, token.idx, token.idx + len(token), offsets, private_spans
                ):
                    private.append(lemma)
                else:
                    lemmas.append(lemma)
            features = AnswerFeatures(
                tuple((t, w) for t, w in terms.items() if w > 0),
                tuple(lemmas),
                tuple(dict.fromkeys(private)),
                tuple(words),
            )
            self._cache[text] = features
            results.append(features)
        return results

    def _separable_verbs(self, lexemes: Sequence[Lexeme]) -> dict[int, str]:
        """Verbs whose particle stands further on, joined: "spreekt me aan" is "aanspreken".

        Dutch puts the particle of a separable verb at the end of the clause ("het programma
        spreekt mij het meest aan", "sluit aan bij mijn ideeen", "komt op voor ouderen"). A
        particle joins the verb before it in the same clause when it ends the clause or a
        preposition follows it, and only when particle and verb make a verb the lexicon knows
        ("past bij mij" stays "passen": "bij" is a preposition there). Returns the position of
        each joined verb and the verb it becomes, and of each particle used an empty string.
        """
        stops = PUNCT | SENT_END | BOUNDARY | CONJUNCTION
        joined: dict[int, str] = {}
        used: set[int] = set()
        for i, lexeme in enumerate(lexemes):
            if lexeme.lemma not in self._verbs or lexeme.flags & stops:
                continue
            for j in range(i + 1, len(lexemes)):
                here = lexemes[j]
                if here.flags & stops:
                    break
                if here.fold not in self._particles or j in used:
                    continue
                after = lexemes[j + 1] if j + 1 < len(lexemes) else None
                closes = (
                    after is None or bool(after.flags & stops) or after.fold in self._after_particle
                )
                verb = here.fold + lexeme.lemma
                if closes and verb in self._verbs:
                    joined[i] = verb
                    joined[j] = ""
                    used.add(j)
                    break
        return joined

    def _reflexive_verbs(self, lexemes: Sequence[Lexeme], joined: dict[int, str]) -> None:
        """Reflexive verbs with their preposition, read as one verb: "waar ik mij in kan
        vinden" is "instemmen" (``REFLEXIVE_VERBS``). In each clause with a reflexive pronoun,
        the first such verb and its preposition not yet joined are added to ``joined`` (the
        verb's position: the verb it becomes; the preposition's: an empty string)."""
        stops = PUNCT | SENT_END | BOUNDARY | CONJUNCTION
        start = 0
        for end in range(len(lexemes) + 1):
            if end < len(lexemes) and not lexemes[end].flags & stops:
                continue
            clause = [i for i in range(start, end) if i not in joined]
            start = end + 1
            if not any(lexemes[i].fold in self._pronouns for i in clause):
                continue
            for (verb, preposition), reading in self._reflexive.items():
                verbs = [i for i in clause if lexemes[i].lemma == verb]
                prepositions = [i for i in clause if lexemes[i].fold == preposition]
                if verbs and prepositions:
                    joined[verbs[0]] = reading
                    joined[prepositions[0]] = ""
                    break

    def _family_of(self, lemma: str, parts: tuple[str, ...]) -> str | None:
        """The word family of a word, of its head ("verkiezingsprogramma": "programma") or of
        the word it is derived from ("aansprekend": "aanspreken"; the derivations the coder
        uses, :func:`textcode.nlp.morphology.derivation_bases`)."""
        for word in (lemma, *parts[-1:]):
            family = self._families.get(word)
            if family is not None:
                return family
        if not self._families:
            return None
        for base in derivation_bases(lemma, self._morphology, verbs=self._verbs):
            family = self._families.get(base)
            if family is not None:
                return family
        return None

    def _terms_of(self, lexeme: Lexeme) -> tuple[str, tuple[str, ...]] | None:
        """(lemma, compound parts) of a content word, None for anything else; cached per form."""
        key = id(lexeme)
        if key in self._lexeme_terms:
            return self._lexeme_terms[key]
        result = self._decide(lexeme)
        self._lexeme_terms[key] = result
        return result

    def _decide(self, lexeme: Lexeme) -> tuple[str, tuple[str, ...]] | None:
        if lexeme.flags & (PUNCT | SPACE):
            return None
        lemma = lexeme.lemma
        if lexeme.fold in self._keep:  # "ideeen", "eens": a stance, though a stop word
            return lemma, ()
        if not self._content(lemma) or lexeme.fold in self._stop:
            return None
        if not self.settings.split_compounds:
            return lemma, ()
        parts: tuple[str, ...] = ()
        if lexeme.parts:  # "AI-modellen", "corona/covid": split where the writer split
            parts = tuple(p for p in lexeme.parts if p != lemma and self._content(p))
        elif lemma in self._nouns or not self._lexicon.is_word(lemma):
            # Only nouns and unknown words: adjectives such as "persoonlijk" are no compounds,
            # and every part must itself be a noun ("belasting" is not "belas" + "ting").
            split = split_compound(lemma, self._lexicon, self._compounds)
            if len(split) > 1 and all(len(p) >= _MIN_PART and p in self._nouns for p in split):
                parts = tuple(p for p in split if p not in self._stop)
        return lemma, parts

    def _content(self, word: str) -> bool:
        return (
            len(word) >= 2
            and word not in self._stop
            and _LETTER_RE.search(word) is not None
            and len(set(word)) > 1  # "xxxxxx", "aaa"
            and not (len(word) >= 5 and _VOWEL_RE.search(word) is None)  # "cxzxzcz", not "vvd"
        )

    def _private_spans(self, text: str) -> tuple[tuple[int, int], ...]:
        from textcode.privacy import shown

        return shown(text, language=self.language).hidden


def _inside(
    text: str,
    start: int,
    end: int,
    offsets: list[int] | None,
    spans: tuple[tuple[int, int], ...],
) -> bool:
    start, end = map_span(text, offsets, start, end)
    return any(s < end and start < e for s, e in spans)


@dataclass(frozen=True)
class TermMatrix:
    """Answers by terms: ``tfidf`` (rows of unit length), its ``vocabulary`` and ``idf``.

    A row of zeros is an answer whose terms are all too rare to be kept (see ``min_df``).
    """

    tfidf: sp.csr_matrix
    vocabulary: tuple[str, ...]
    idf: np.ndarray

    def transform(self, features: Sequence[AnswerFeatures]) -> sp.csr_matrix:
        """Rows for other answers in this vocabulary and weighting (unknown terms ignored)."""
        index = {term: i for i, term in enumerate(self.vocabulary)}
        rows, cols, values = [], [], []
        for row, f in enumerate(features):
            for term, weight in f.terms:
                col = index.get(term)
                if col is not None:
                    rows.append(row)
                    cols.append(col)
                    values.append(weight * self.idf[col])
        matrix = sp.csr_matrix(
            (values, (rows, cols)), shape=(len(features), len(self.vocabulary)), dtype=np.float64
        )
        return sp.csr_matrix(normalize(matrix))


def min_df_for(n_answers: int) -> int:
    """Terms must occur in this many answers: all terms below 500 answers, else at least 2."""
    return 1 if n_answers < 500 else 2


def term_matrix(
    features: Sequence[AnswerFeatures] | Sequence[Iterable[tuple[str, float]]],
    *,
    min_df: int | None = None,
) -> TermMatrix:
    """TF-IDF (term weights times smoothed idf, unit rows) of the answers' terms.

    The vocabulary is sorted, so the same answers give the same matrix in every run.
    """
    rows = [dict(f.terms if isinstance(f, AnswerFeatures) else f) for f in features]
    min_df = min_df_for(len(rows)) if min_df is None else min_df
    if min_df > 1:
        df: dict[str, int] = {}
        for row in rows:
            for term in row:
                df[term] = df.get(term, 0) + 1
        rows = [{t: w for t, w in row.items() if df[t] >= min_df} for row in rows]
    vectorizer = DictVectorizer(dtype=np.float64, sort=True)
    counts = sp.csr_matrix(vectorizer.fit_transform(rows))
    vocabulary = tuple(str(t) for t in vectorizer.get_feature_names_out())
    if counts.shape[1] == 0:
        return TermMatrix(counts, vocabulary, np.zeros(0))
    transformer = TfidfTransformer(sublinear_tf=False, smooth_idf=True, norm="l2")
    tfidf = transformer.fit_transform(counts)
    return TermMatrix(sp.csr_matrix(tfidf), vocabulary, np.asarray(transformer.idf_))
