"""Language data: everything the engine needs to know about one language, in one folder.

The engine (``textcode.nlp``, ``textcode.coding``) knows nothing Dutch; it asks
:func:`get_language` for cues, stop words and compound settings. Adding a language is adding a
folder ``textcode/lang/<code>/`` whose ``__init__`` defines ``LANGUAGE``.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from functools import cache


@dataclass(frozen=True)
class CompoundSettings:
    """How to recognise a codebook term inside a compound word."""

    enabled: bool = False
    min_modifier: int = 3  # a head match needs this many characters before the term
    min_head: int = 4  # and the term itself this many ("bestuur" does not hide "uur")
    min_remainder: int = 4  # a first-part match needs this many characters after the term
    linking: tuple[str, ...] = ()  # linking morphemes between parts ("s" in "personeelstekort")
    not_compounds: frozenset[str] = frozenset()  # words that only look like compounds
    not_parts: frozenset[str] = frozenset()  # suffix-like words: "regel" + "matig" is no compound
    # Unstressed verb prefixes: a short modifier made of one ("gere" + "geld" in "geregeld",
    # "best" + "uur" in "bestuur") is a prefixed word, not a compound.
    weak_prefixes: tuple[str, ...] = ()


# How a match that is not a plain word or lemma hit is explained, by how the word met the term.
# ``{term}`` is the rule's term, ``{words}`` the answer's words, ``{base}`` the word the answer's
# form was taken for (the correction of a misspelling, the base of a derived form).
ENGLISH_MATCH_NOTES: dict[str, str] = {
    "head": '"{term}" as the head of the compound "{words}"',
    "first": '"{term}" as the first part of the compound "{words}"',
    "part": '"{term}" as part of "{words}"',
    "derived": '"{words}" as a derived form of "{base}" ("{term}")',
    "fuzzy": '"{words}" as a misspelling of "{base}" ("{term}")',
    "split": '"{words}" as "{term}" written as two words',
}


@dataclass(frozen=True)
class MorphologySettings:
    """Derived forms and misspellings a codebook term also matches (see ``nlp.morphology``).

    Suffixes and prefixes are folded (accent-free, lower case). An empty tuple switches a kind
    of derivation off; ``fuzzy_min_length`` 0 switches misspellings off.
    """

    female_suffixes: tuple[str, ...] = ()  # "koningin", "lerares", "verpleegster"
    present_participles: tuple[str, ...] = ()  # "aansprekend(e)": the infinitive plus these
    past_participle_prefix: str = ""  # "ge" of "geschoold(e)"
    past_participle_endings: tuple[str, ...] = ()  # "d", "de", "t", "te"
    diminutives: tuple[str, ...] = ()  # "huisje", "boompje", "koninkje"
    bound_prefixes: tuple[str, ...] = ()  # "remigratie", "herverkiezing", "antiracisme"
    min_base: int = 5  # a base left by a prefix must be this long ("reactie" is no "actie")
    not_derived: frozenset[str] = frozenset()  # lexicalised look-alikes ("reformatie")
    # Misspellings: words of at least this length, one edit from a known word, the first
    # letter kept ("torslagen" -> "toeslagen").
    fuzzy_min_length: int = 0
    alphabet: str = "abcdefghijklmnopqrstuvwxyz"
    # Words that may stand between the words of a multi-word dictionary entry (``NEXT/n``):
    # "mijn stem [te] laten horen", "stem [niet] verloren".
    light_words: frozenset[str] = frozenset()
    notes: dict[str, str] = field(default_factory=lambda: dict(ENGLISH_MATCH_NOTES))


@dataclass(frozen=True)
class NegationCues:
    """Words that change what a mention means (all lower case, accent-free lemmas or forms).

    ``negators`` invert ("geen", "niet"); ``lacking`` say something is missing ("gebrek",
    "onvoldoende"); ``sentence_lacking`` are verbs whose lack reaches across a contrast in the
    same sentence ("het ontbrak niet aan geld, wel aan tijd"); ``sufficient`` say something is
    fine ("voldoende"); ``problems`` are nouns whose negation means fine ("geen probleem");
    ``contrast`` words and ``boundaries`` punctuation end a clause.
    """

    negators: frozenset[str] = frozenset()
    lacking: frozenset[str] = frozenset()
    lacking_phrases: tuple[tuple[str, ...], ...] = ()
    sentence_lacking: frozenset[str] = frozenset()
    sufficient: frozenset[str] = frozenset()
    problems: frozenset[str] = frozenset()
    contrast: frozenset[str] = frozenset()
    boundaries: frozenset[str] = frozenset()
    conjunctions: frozenset[str] = frozenset()  # a cue does not reach across "en" / "of"
    # Praise ("goede samenwerking", "de samenwerking verliep goed"): it counts right before the
    # mention, or after it across a copula, not as an adverb elsewhere ("goed te bevragen").
    positive: frozenset[str] = frozenset()
    copulas: frozenset[str] = frozenset()
    # A clause opened by one of these repeats the previous clause's predicate: in "aan geld
    # geen gebrek, wel aan mensen" the lack reaches "mensen".
    elliptic: frozenset[str] = frozenset()


@dataclass(frozen=True)
class LanguageData:
    """Everything textcode knows about one language."""

    code: str
    name: str
    spacy_lang: str
    model_names: tuple[str, ...] = ()
    stop_words: frozenset[str] = frozenset()
    fillers: frozenset[str] = frozenset()  # words that carry no content in a short answer
    negation: NegationCues = field(default_factory=NegationCues)
    compounds: CompoundSettings = field(default_factory=CompoundSettings)
    morphology: MorphologySettings = field(default_factory=MorphologySettings)
    abbreviations: tuple[str, ...] = ()
    lemma_overrides: dict[str, str] = field(default_factory=dict)
    sentence_ends: frozenset[str] = frozenset({".", "!", "?", "…"})


@cache
def get_language(code: str) -> LanguageData:
    """The language data for a code such as ``"nl"``; ``ValueError`` lists the known ones."""
    code = (code or "").strip().lower()
    try:
        module = importlib.import_module(f"textcode.lang.{code}")
    except ModuleNotFoundError:
        raise ValueError(
            f"textcode has no language data for {code!r} (available: {', '.join(languages())})"
        ) from None
    language: LanguageData = module.LANGUAGE
    return language


def languages() -> list[str]:
    """Codes of the languages textcode ships."""
    from importlib import resources

    root = resources.files("textcode.lang")
    return sorted(
        entry.name
        for entry in root.iterdir()
        if entry.is_dir() and not entry.name.startswith("_") and (entry / "__init__.py").is_file()
    )
