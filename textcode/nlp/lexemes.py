"""What textcode knows about each word form, decided once per vocabulary entry.

Coding a million answers touches the same few thousand word forms over and over, so every
decision that depends only on the form (folding, lemmas, parts of "AI-modellen", cue flags)
is computed the first time a form is seen and then looked up by its spaCy hash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textcode.lang import LanguageData, get_language
from textcode.nlp.compounds import truncated_part
from textcode.nlp.lexicon import Lexicon, load_lexicon
from textcode.nlp.normalize import fold

PUNCT = 1
SENT_END = 2
BOUNDARY = 4
CONTRAST = 8
NEGATOR = 16
LACKING = 32
SENT_LACKING = 64
SUFFICIENT = 128
PROBLEM = 256
FILLER = 512
SPACE = 1024
CONJUNCTION = 2048
ELLIPTIC = 4096
PHRASE_CUE = 8192  # the first word of a lacking phrase ("te" of "te weinig")
POSITIVE = 16384
COPULA = 32768
# A form of a verb ("zorg", "zorgen", "spreekt"): a preposition before it may belong to the
# verb, not open its phrase (textcode.coding.matcher: NOT NEAR).
VERB_FORM = 65536
# A function word of the language (its stop words): it belongs to its own phrase and clause.
FUNCTION_WORD = 131072
# A part written with a hyphen ("wet-" of "wet- en regelgeving", "-welzijn" of "ouderenzorg en
# -welzijn"): it may stand for a word next to it (textcode.nlp.compounds.elisions).
TRUNCATED = 262144
# An adjective or ordinal, and a word that joins two ("en", "of", a comma): "eerste en tweede
# wereldoorlog" shares its head (textcode.nlp.compounds.shared_heads).
MODIFIER = 524288
JOINER = 1048576
# A joiner read as the head it shares: a hit may end on it, never start there (only the
# modifier before it makes it that head).
SHARED = 2097152
# Flags that can change a mention's polarity: an answer with none of them is plain throughout.
POLARITY_CUES = NEGATOR | LACKING | SENT_LACKING | SUFFICIENT | PROBLEM | PHRASE_CUE | POSITIVE

_WORD_RE = re.compile(r"\w", re.UNICODE)
_PART_SPLIT_RE = re.compile(r"[-/]")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]+$")


@dataclass(frozen=True, slots=True, eq=False)
class Lexeme:
    """One word form: ``fold`` is its accent-free lower case, ``lemmas`` its folded lemmas.

    A table makes one object per form, so identity is equality (and hashing is cheap).
    """

    text: str
    fold: str
    lemmas: tuple[str, ...]
    parts: tuple[str, ...]  # folded parts and their lemmas of "AI-modellen", "en/of"
    acronyms: tuple[str, ...]  # "AVG", "IM", and the "AI" of "AI-modellen": capitals only
    flags: int

    @property
    def lemma(self) -> str:
        return self.lemmas[0]


class LexemeTable:
    """Lexemes of one language, cached per spaCy hash (and per model lemma when one is given)."""

    def __init__(self, language: str = "nl") -> None:
        self.language: LanguageData = get_language(language)
        self.lexicon: Lexicon = load_lexicon(language)
        self._by_orth: dict[int, Lexeme] = {}
        self._by_pair: dict[tuple[int, str], Lexeme] = {}
        self._by_text: dict[str, Lexeme] = {}
        self._by_elision: dict[tuple[str, str, int | None], Lexeme] = {}
        cues = self.language.negation
        self._cue_flags: dict[str, int] = {}
        for words, flag in (
            (cues.negators, NEGATOR),
            (cues.lacking, LACKING),
            (cues.sentence_lacking, SENT_LACKING | LACKING),
            (cues.sufficient, SUFFICIENT),
            (cues.problems, PROBLEM),
            (cues.contrast, CONTRAST),
            (cues.conjunctions, CONJUNCTION),
            (cues.elliptic, ELLIPTIC),
            (frozenset(phrase[0] for phrase in cues.lacking_phrases), PHRASE_CUE),
            (cues.positive, POSITIVE),
            (cues.copulas, COPULA),
        ):
            for word in words:
                self._cue_flags[fold(word)] = self._cue_flags.get(fold(word), 0) | flag

    def get(self, orth: int, text: str) -> Lexeme:
        """The lexeme of a token, by its ``orth`` hash and text (embedded lemmas)."""
        lexeme = self._by_orth.get(orth)
        if lexeme is None:
            lexeme = self._make(text, None)
            self._by_orth[orth] = lexeme
        return lexeme

    def word(self, text: str) -> Lexeme:
        """The lexeme of a word that is no token of any answer (two tokens joined), by text."""
        lexeme = self._by_text.get(text)
        if lexeme is None:
            lexeme = self._by_text[text] = self._make(text, None)
        return lexeme

    def elided(self, shown: str, full: str, joiner_flags: int | None = None) -> Lexeme:
        """The lexeme of a token read as the word it stands for: ``shown`` as written,
        everything else of ``full``. A first part written with a hyphen ("wet-" as
        "wetgeving") takes ``full``'s flags; a joiner read as the head it shares ("en" of
        "eerste en tweede wereldoorlog" as "wereldoorlog") keeps its own ``joiner_flags`` (it
        still joins) and is SHARED."""
        key = (shown, full, joiner_flags)
        lexeme = self._by_elision.get(key)
        if lexeme is None:
            made = self.word(full)
            flags = made.flags if joiner_flags is None else joiner_flags | SHARED
            lexeme = Lexeme(shown, made.fold, made.lemmas, made.parts, made.acronyms, flags)
            self._by_elision[key] = lexeme
        return lexeme

    def get_with_lemma(self, orth: int, text: str, lemma: str) -> Lexeme:
        """The lexeme of a token whose lemma a packaged model decided in context."""
        key = (orth, lemma)
        lexeme = self._by_pair.get(key)
        if lexeme is None:
            lexeme = self._make(text, lemma)
            self._by_pair[key] = lexeme
        return lexeme

    def _make(self, text: str, model_lemma: str | None) -> Lexeme:
        lower = text.lower()
        folded = fold(text)
        flags = 0
        if text.isspace():
            flags |= SPACE | BOUNDARY if "\n" in text else SPACE
            if "\n" in text:
                flags |= SENT_END
        elif not _WORD_RE.search(text):
            flags |= PUNCT
            if text in self.language.sentence_ends or set(text) <= {".", "!", "?", "…"}:
                flags |= SENT_END
        if text in self.language.negation.boundaries:
            flags |= BOUNDARY
        variants = self.lexicon.lemma_variants(lower)
        if model_lemma:
            variants = (model_lemma.lower(), *variants)
        lemmas = _unique(fold(v) for v in variants)
        for key in (folded, *lemmas):
            flags |= self._cue_flags.get(key, 0)
        if lower in self.language.fillers or folded in self.language.fillers:
            flags |= FILLER
        if self._verb_form(lower, lemmas):
            flags |= VERB_FORM
        if folded in self.lexicon.stop_words:
            flags |= FUNCTION_WORD
        if truncated_part(text):
            flags |= TRUNCATED
        flags |= self._coordination_flags(lower, lemmas)
        parts: tuple[str, ...] = ()
        acronyms: tuple[str, ...] = (text,) if _ACRONYM_RE.match(text) else ()
        if len(text) > 2 and _PART_SPLIT_RE.search(text.strip("-/")):
            pieces = [p for p in _PART_SPLIT_RE.split(text) if p]
            if len(pieces) > 1:
                found: list[str] = []
                for piece in pieces:
                    found.append(fold(piece))
                    found.extend(fold(v) for v in self.lexicon.lemma_variants(piece.lower()))
                parts = _unique(found)
                acronyms += tuple(p for p in pieces if _ACRONYM_RE.match(p))
        elif flags & TRUNCATED:
            # "wet-" of "wet- en regelgeving" is the word "wet" too, "-welzijn" "welzijn".
            stem = text.strip("-")
            parts = _unique(
                [fold(stem), *(fold(v) for v in self.lexicon.lemma_variants(stem.lower()))]
            )
        return Lexeme(text, folded, lemmas, parts, acronyms, flags)

    def _coordination_flags(self, lower: str, lemmas: tuple[str, ...]) -> int:
        """MODIFIER for an ordinal or an adjective in the form it has before a noun ("grote",
        not "groot" or "genoeg"), JOINER for a word that joins two."""
        settings = self.language.compounds
        if not settings.elision_joiners:
            return 0
        if lower in settings.elision_joiners:
            return JOINER
        if lower in settings.ordinals:
            return MODIFIER
        adjectives = self.lexicon.by_pos.get("adj", frozenset())
        if (
            lower.endswith(settings.attributive_endings)
            and lower.isalpha()
            and lower not in self.lexicon.stop_words
            and (not adjectives.isdisjoint(lemmas) or self.lexicon.readings(lower, ("adj",)))
        ):
            return MODIFIER
        return 0

    def _verb_form(self, lower: str, lemmas: tuple[str, ...]) -> bool:
        """Whether ``lower`` may be a form of a verb: itself, a lemma or another reading is a
        verb, or it is a verb's stem ("zorg" of "zorgen", "ik zorg")."""
        verbs = self.lexicon.by_pos.get("verb", frozenset())
        if not verbs or not lower.isalpha():
            return False
        if lower in verbs or lower + "en" in verbs or not verbs.isdisjoint(lemmas):
            return True
        return not verbs.isdisjoint(self.lexicon.readings(lower, ("verb",)))


def _unique(items: object) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:  # type: ignore[attr-defined]
        if item:
            seen.setdefault(item, None)
    return tuple(seen)
