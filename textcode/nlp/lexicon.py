"""A language's word list and lemmas, from the lookup tables of spacy-lookups-data.

Lemmas come from the lookup table, then the irregular forms, then suffix rules whose result
must be a real word of the index (so "ideeën" -> "idee", "organisaties" -> "organisatie",
but an unknown word stays itself). The same word list tells compounds apart from look-alikes.

The work per word is bounded by its length: a word longer than
:attr:`Lexicon.longest_compound` (two of the longest known words) cannot be made of known words,
so it is only looked up, never cut into parts; "x" * 100_000 costs a few dictionary look-ups.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from itertools import chain, filterfalse
from typing import Any

from textcode.lang import LanguageData, get_language
from textcode.nlp.normalize import fold

_POS_ORDER = ("noun", "verb", "adj", "num")
# The parts of speech whose readings a word form can meet a term through (Lexicon.readings).
_READING_POS = ("noun", "verb", "adj")
_READING_RULES = frozenset({"noun", "adj"})


def _table(lang: str, name: str) -> Any:
    try:
        root = resources.files("spacy_lookups_data") / "data" / f"{lang}_{name}.json.gz"
        with root.open("rb") as handle, gzip.open(handle, "rt", encoding="utf-8") as text:
            return json.load(text)
    except (FileNotFoundError, ModuleNotFoundError):
        return {}


@dataclass(frozen=True)
class Lexicon:
    """Lemma lookup and word list of one language (lower-case forms)."""

    language: str
    lookup: dict[str, str]
    base_words: frozenset[str]
    words: frozenset[str]
    folded_words: frozenset[str]
    by_pos: dict[str, frozenset[str]]
    rules: dict[str, list[tuple[str, str]]]
    exceptions: dict[str, dict[str, list[str]]]
    overrides: dict[str, str]
    folded_lookup: dict[str, str]
    stop_words: frozenset[str]
    longest_word: int = 0  # characters of the longest known word form or lemma
    longest_rule_form: int = 0  # the longest word a suffix rule can turn into a known word
    # The index's word lists in the tables' order: with the lookup table's forms and lemmas,
    # the same words as ``words`` (see word_sources).
    word_lists: tuple[list[str], ...] = field(default=(), repr=False, compare=False)
    # Lemmas decided so far (words up to longest_compound characters): a word's first sight
    # asks for the lemmas of many of its endings, and later sights for the same again.
    _lemmas: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @property
    def longest_compound(self) -> int:
        """The longest word that can be made of known words: two of the longest and a letter
        between them. Compound analysis, suffix rules and misspellings stop above it."""
        return 2 * self.longest_word + 1

    def word_sources(self) -> tuple[Iterable[str], ...]:
        """The known words as the tables list them (repeats included): walking these costs a
        tenth of walking ``words``, whose strings lie scattered in memory."""
        return (self.lookup.keys(), self.lookup.values(), *self.word_lists)

    def is_word(self, word: str) -> bool:
        """Whether ``word`` (lower case, accents optional) is a known word form or lemma."""
        return word in self.words or word in self.folded_words

    def lemma(self, word: str) -> str:
        """The lemma of a lower-case word form (the form itself when nothing better is known)."""
        found = self._lemmas.get(word)
        if found is None:
            found = _compute_lemma(self, word)
            # A longer word costs a few look-ups: not worth a place in the memo.
            if len(word) <= self.longest_compound:
                self._lemmas[word] = found
        return found

    def lemma_variants(self, word: str) -> tuple[str, ...]:
        """The lemma plus the lookup table's reading when it differs ("middelen" -> "middel").

        Matching a token against codebook terms uses all of them, so a form the word list
        knows as a base form ("middelen", to average) still meets the term "middel".
        """
        primary = self.lemma(word)
        other = self.lookup.get(word)
        if other is None or other == primary or word in self.stop_words:
            return (primary,)
        return (primary, other)

    def readings(self, word: str, pos: tuple[str, ...] = _READING_POS) -> tuple[str, ...]:
        """The lemmas ``word`` has as a form of another word, one per reading the tables give,
        other than ``word`` itself: "grote" is a noun to them and also a form of "groot",
        "gevallen" of "geval" and of "vallen", "plannen" a verb and the plural of "plan".

        The irregular forms of each part of speech in ``pos`` come first, then the suffix
        rules of nouns and adjectives whose result is a known word of that part of speech (a
        verb's rules read participles, "aansprekend", which are derivations to textcode:
        :mod:`textcode.nlp.morphology`). Stop words have none.
        """
        if word in self.stop_words or not word.isalpha():
            return ()
        found: dict[str, None] = {}
        for part in pos:
            for lemma in self.exceptions.get(part, {}).get(word, ()):
                found.setdefault(lemma, None)
            known = self.by_pos.get(part, frozenset())
            for old, new in self.rules.get(part, ()) if part in _READING_RULES else ():
                if old and word.endswith(old) and len(word) > len(old) + 1:
                    candidate = word[: len(word) - len(old)] + new
                    if candidate in known:
                        found.setdefault(candidate, None)
        found.pop(word, None)
        return tuple(found)


def _compute_lemma(lexicon: Lexicon, word: str) -> str:
    if word in lexicon.overrides:
        return lexicon.overrides[word]
    # The lookup table maps many base forms to a wrong lemma ("geld" -> "gelden", "het" ->
    # "hebben"); a word that is itself a base form or a stop word is its own lemma.
    if word in lexicon.base_words or word in lexicon.stop_words:
        return word
    found = lexicon.lookup.get(word)
    if found is not None:
        return found
    for pos in _POS_ORDER:
        irregular = lexicon.exceptions.get(pos, {}).get(word)
        if irregular:
            return irregular[0]
    folded = fold(word)
    if folded != word or not word.isascii():
        found = lexicon.folded_lookup.get(folded)
        if found is not None:
            return found
    # A suffix rule must end in a known word: longer words skip the rules.
    for pos in _POS_ORDER if len(word) <= lexicon.longest_rule_form else ():
        known = lexicon.by_pos.get(pos)
        if not known:
            continue
        for old, new in lexicon.rules.get(pos, ()):
            if old and word.endswith(old) and len(word) > len(old) + 1:
                candidate = word[: len(word) - len(old)] + new
                if candidate in known:
                    return candidate
    if folded in lexicon.folded_lookup:
        return lexicon.folded_lookup[folded]
    return _compound_lemma(lexicon, word)


def _compound_lemma(lexicon: Lexicon, word: str) -> str:
    """An unknown compound takes the lemma of its head: "innovatietrajecten" -> "...traject"."""
    # The head is a form of the lookup table and the modifier a known word (or one and an "s"):
    # only the cuts that leave both short enough can succeed.
    longest = lexicon.longest_word
    for cut in range(max(3, len(word) - longest), min(len(word) - 3, longest + 2)):
        head = word[cut:]
        head_lemma = lexicon.lookup.get(head)
        if head_lemma is None or head_lemma == head or head in lexicon.base_words:
            continue
        modifier = word[:cut]
        if lexicon.is_word(modifier) or (modifier[-1:] == "s" and lexicon.is_word(modifier[:-1])):
            return modifier + head_lemma
    return word


@cache
def load_lexicon(language: str = "nl") -> Lexicon:
    """The lexicon of a language, loaded once per process (about half a second for Dutch)."""
    data: LanguageData = get_language(language)
    code = data.spacy_lang
    lookup: dict[str, str] = _table(code, "lemma_lookup")
    index: dict[str, list[str]] = _table(code, "lemma_index")
    rules_raw: dict[str, list[list[str]]] = _table(code, "lemma_rules")
    exceptions: dict[str, dict[str, list[str]]] = _table(code, "lemma_exc")
    by_pos = {pos: frozenset(words) for pos, words in index.items()}
    rules = {pos: [(old, new) for old, new in pairs] for pos, pairs in rules_raw.items()}
    base_words = frozenset().union(*by_pos.values()) if by_pos else frozenset()
    # The words' set, lengths and accents are read from the tables' lists, which hold the
    # same words: walking a set of 400,000 strings costs ten times walking a list of them.
    sources: tuple[Iterable[str], ...] = (lookup.keys(), lookup.values(), *index.values())
    words = frozenset(chain.from_iterable(sources))
    longest = max((max(map(len, source), default=0) for source in sources), default=0)
    accented = list(
        dict.fromkeys(chain.from_iterable(filterfalse(str.isascii, s) for s in sources))
    )
    folded = {word: fold(word) for word in accented}
    shrink = [len(old) - len(new) for pairs in rules.values() for old, new in pairs]
    folded_lookup: dict[str, str] = {}
    for form, lemma in lookup.items():
        if not form.isascii():
            folded_lookup.setdefault(folded[form], lemma)
    # In the tables' order, so that of two words that fold alike ("protegé", "protégé") the
    # same one wins in every process (a set's order changes with the process's hash seed).
    for word in accented:
        folded_lookup.setdefault(folded[word], lookup.get(word, word))
    return Lexicon(
        language=language,
        lookup=lookup,
        base_words=base_words,
        words=words,
        folded_words=frozenset(folded.values()),
        by_pos=by_pos,
        rules=rules,
        exceptions=exceptions,
        overrides=dict(data.lemma_overrides),
        folded_lookup=folded_lookup,
        stop_words=data.stop_words,
        longest_word=longest,
        longest_rule_form=longest + max(shrink, default=0),
        word_lists=tuple(index.values()),
    )
