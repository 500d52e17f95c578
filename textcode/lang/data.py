"""The records a language folder fills in: compound settings, negation cues, privacy data and
the :class:`LanguageData` that holds them (see :func:`textcode.lang.get_language`)."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from types import ModuleType

from textcode.errors import InputError


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
    # Words that join a part written with a hyphen for what it shares with a later compound
    # ("klimaat- en energiebeleid": "klimaatbeleid"); none switches the reading off.
    elision_joiners: frozenset[str] = frozenset()
    # Ordinals, which modify a noun like an adjective: "eerste en tweede wereldoorlog" shares
    # the head between two of them (textcode.nlp.compounds.shared_heads), as do adjectives of
    # the lemma tables with an attributive ending; with no joiners the reading is off.
    ordinals: frozenset[str] = frozenset()
    # The ending of an adjective before a noun ("grote partij"), and the articles that may
    # open the next modifier ("een grote en een kleine partij").
    attributive_endings: tuple[str, ...] = ()
    articles: frozenset[str] = frozenset()


# How a match that is not a plain word or lemma hit is explained, by how the word met the term.
# ``{term}`` is the rule's term, ``{words}`` the answer's words, ``{base}`` the word the answer's
# form was taken for (the correction of a misspelling, the base of a derived form).
ENGLISH_MATCH_NOTES: dict[str, str] = {
    "head": '"{term}" as the head of the compound "{words}"',
    "first": '"{term}" as the first part of the compound "{words}"',
    "part": '"{term}" as part of "{words}"',
    "derived": '"{words}" as a derived form of "{base}" ("{term}")',
    "fuzzy": '"{words}" as a misspelling of "{base}" ("{term}")',
    "spelling": '"{words}" as another spelling of "{base}" ("{term}")',
    "split": '"{words}" as "{term}" written as two words',
    "separable": '"{words}" with "{base}" further on as "{term}"',  # "spreekt me aan"
    "elided": '"{words}" as "{base}", sharing a part with a word next to it ("{term}")',
    "shared": '"{words}" with the "{base}" it shares with the next word ("{term}")',
    "variant": '"{words}" (as "{term}")',  # another form the rule allows (a wildcard, a regex)
}


# The sentence that explains a suggestion (``textcode.coding.coder.explain``), in parts:
# ``rule`` names the code, the rule and what it found; ``cues.<state>.<one|many>`` says what the
# words around it did; ``flipped`` and ``whole`` are added when they apply.
ENGLISH_EXPLANATION: dict[str, str] = {
    "rule": "{label} ({code}): rule {rule}{pattern} matched {matched}",
    "the_rule": "the rule",
    "cues.lacking.one": "{cues} marks it as missing",
    "cues.lacking.many": "{cues} mark it as missing",
    "cues.sufficient.one": "{cues} marks it as sufficient",
    "cues.sufficient.many": "{cues} mark it as sufficient",
    "cues.context.one": "{cues} marks it in context",
    "cues.context.many": "{cues} mark it in context",
    "flipped": "the codebook turns {source} into {code} here",
    "whole": "it is the whole answer",
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
    quality_suffixes: tuple[str, ...] = ()  # "duidelijkheid": the adjective "duidelijk"
    action_suffixes: tuple[str, ...] = ()  # "verandering", "regering": the verb "veranderen"
    min_base: int = 5  # a base left by a prefix must be this long ("reactie" is no "actie")
    not_derived: frozenset[str] = frozenset()  # lexicalised look-alikes ("reformatie")
    # Misspellings: words of at least this length, one edit from a known word, the first
    # letter kept ("torslagen" -> "toeslagen").
    fuzzy_min_length: int = 0
    # ... and at most this long: a word's one-edit variants number about its length times the
    # alphabet, each looked up, so a pasted run of long made-up words would cost seconds each.
    # A typo in a word longer than this is rare enough to leave to the reviewer.
    fuzzy_max_length: int = 30
    # A word at least this long that is one edit from no known word may be two edits from a term
    # word one letter shorter or longer ("eurposche" for "europese"); 0 switches that off.
    fuzzy_far_min_length: int = 0
    alphabet: str = "abcdefghijklmnopqrstuvwxyz"
    # Letters that sound alike, as (written, meant): a misspelling may write one for the other
    # where one edit does not reach ("Omtzicht" for "Omtzigt", "Leyten" for "Leijten").
    sound_alikes: tuple[tuple[str, str], ...] = ()
    # Letters a digit of the keyboard's top row stands above, as (digit, letters): a digit
    # typed for a letter ("b3ste" for "beste", "8k" for "ik") is read as that letter.
    typed_digits: tuple[tuple[str, str], ...] = ()
    # The words for one to ten: a numbered acronym may have its number written as a word, apart
    # ("WO twee" for "WO2", as "WO II").
    number_words: tuple[str, ...] = ()
    # Linking sounds between the parts of a compound that spellings disagree on: a compound
    # written with another one (or none) is the same word ("gedachtengoed", "gedachtegoed").
    compound_links: tuple[str, ...] = ()
    # Words that may stand between the words of a multi-word dictionary entry (``NEXT/n``):
    # "mijn stem [te] laten horen", "stem [niet] verloren".
    light_words: frozenset[str] = frozenset()
    # Separable verb particles and clause-final predicates, which a main clause puts at its end
    # ("spreekt me het meest aan" for "spreekt me aan", "ben het met de punten eens" for "het
    # eens"): in ``NEXT/n`` such a word may follow at most ``particle_reach`` words later, when
    # it ends its clause (the answer, punctuation, a conjunction or one of ``clause_openers``
    # follows it) and no clause break stands between.
    # Pronominal adverbs: an R-word and a preposition later in the clause ("waar het op staat")
    # are also written as one word ("waarop het staat"); the preposition's form after the
    # R-word ("met": "mee") by preposition.
    r_words: frozenset[str] = frozenset()
    r_prepositions: dict[str, str] = field(default_factory=dict)
    # Prepositions and conjunctions that open the phrase after them: in "A NOT NEAR/n B", a B
    # of these before A, with only light words between ("voor de zorg"), is A's own opener and
    # no word near it ("zorg NOT NEAR/2 voor" is about "zorgen voor", not "voor de zorg").
    phrase_openers: frozenset[str] = frozenset()
    particles: frozenset[str] = frozenset()
    particle_reach: int = 0
    clause_openers: frozenset[str] = frozenset()
    # Auxiliaries that may close a subordinate clause after the particle ("omdat ik het met
    # ze eens was"); a preposition of ``phrase_openers`` may follow it too ("sluit het beste
    # aan bij mijn wensen").
    clause_end_verbs: frozenset[str] = frozenset()
    # A subordinate clause puts the finite verb last: an imported entry that begins with a verb
    # ("doen het goed", "past bij mij") also matches with the verb after its other words ("omdat
    # ze het goed doen", "omdat het bij mij past"), unless it ends in a particle.
    verb_last_clauses: bool = False
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
    explanation: dict[str, str] = field(default_factory=lambda: dict(ENGLISH_EXPLANATION))
    # Words left out of keyword lists and word clouds on top of the stop words.
    keyword_stop_words: frozenset[str] = frozenset()

    # The rest of a language is a module of its folder each, imported on first use: report
    # wording, verbal quantifiers, review and theme words, export wording, personal data.

    def part(self, name: str) -> ModuleType | None:
        """The module ``textcode/lang/<code>/<name>.py``, or None when the language has none."""
        return _language_module(self.code, name)

    def _required(self, name: str, what: str) -> ModuleType:
        module = self.part(name)
        if module is None:
            raise InputError(f"textcode has no {what} for language {self.code!r}", field="language")
        return module

    @property
    def quantifiers(self) -> ModuleType:
        """Verbal quantifiers: "bijna driekwart" (``lang/<code>/quantifiers.py``)."""
        return self._required("quantifiers", "verbal quantifiers")

    @property
    def report(self) -> ModuleType:
        """The report's headings, notes and method text (``lang/<code>/report.py``)."""
        return self._required("report", "report wording")

    @property
    def review(self) -> ModuleType:
        """Rule health's context words and the learned suggester's explanations
        (``lang/<code>/review.py``)."""
        return self._required("review", "review words")

    @property
    def desk(self) -> ModuleType:
        """The wording of the review desk in the browser (``lang/<code>/desk.py``)."""
        return self._required("desk", "review desk wording")

    @property
    def themes(self) -> ModuleType:
        """Theme stop words and the wording of proposed codes (``lang/<code>/themes.py``)."""
        return self._required("themes", "theme words")

    @property
    def interop(self) -> ModuleType:
        """Wording of what exports write for people (``lang/<code>/interop.py``)."""
        return self._required("interop", "export wording")

    @property
    def privacy(self) -> PrivacyData:
        """What personal data looks like in this language (``lang/<code>/privacy.py``)."""
        module = self.part("privacy")
        if module is None:
            raise InputError(
                f"no personal-data rules for language {self.code!r} "
                f"(available: {', '.join(_with_part('privacy'))})",
                field="language",
            )
        data: PrivacyData = module.PRIVACY
        return data


@cache
def _language_module(code: str, name: str) -> ModuleType | None:
    module_name = f"textcode.lang.{code}.{name}"
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return None


def _with_part(name: str) -> list[str]:
    from textcode.lang import languages

    return [code for code in languages() if _language_module(code, name) is not None]


def _no_national_id(digits: str) -> bool:
    return False


@dataclass(frozen=True)
class PrivacyData:
    """Word lists, formats and placeholder labels for one language (see ``lang/nl/privacy.py``)."""

    placeholders: Mapping[str, str]
    first_names: frozenset[str] = frozenset()
    ambiguous_first_names: frozenset[str] = frozenset()
    # Lower-case surnames with their particles as written ("bakker", "de vries"): a sequence
    # typed in lower case after a first name or a title is taken into the name only if listed.
    surnames: frozenset[str] = frozenset()
    surname_prefixes: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    role_words: frozenset[str] = frozenset()
    not_surnames: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    institution_suffixes: tuple[str, ...] = ()
    name_preceders: frozenset[str] = frozenset()
    label_words: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    name_idioms: tuple[str, ...] = ()
    # Language code of the spacy-lookups-data lemma table used as a list of ordinary words.
    vocabulary: str | None = None
    tlds: frozenset[str] = frozenset()
    email_at_words: tuple[str, ...] = ()
    email_dot_words: tuple[str, ...] = ()
    postcode_pattern: str | None = None
    postcode_letters: int = 0
    postcode_never_letters: frozenset[str] = frozenset()
    postcode_not_letters: frozenset[str] = frozenset()
    # Words right before a postcode that make any letter case count ("postcode 3584 cs").
    postcode_cues: frozenset[str] = frozenset()
    phone_country_code: str = ""
    phone_national_digits: int = 0
    phone_service_prefixes: tuple[str, ...] = ()
    phone_service_digits: tuple[int, ...] = ()
    phone_not_before: frozenset[str] = frozenset()
    licence_plate_sidecodes: tuple[str, ...] = ()
    national_id_digits: int = 0
    national_id_check: Callable[[str], bool] = field(default=_no_national_id)
    amount_words: frozenset[str] = frozenset()
    # Words right before a number that make it some other identifier ("zaaknummer 123456782").
    other_number_words: frozenset[str] = frozenset()
    # Street addresses: a street name ends in one of these ("Kerkstraat 12", "Oudegracht
    # 245a") or starts with one before a particle ("Laan van Meerdervoort 15").
    street_suffixes: tuple[str, ...] = ()
    # Words right after a number that make it a quantity, not a house number ("30 minuten").
    house_number_not_before: frozenset[str] = frozenset()
    # Words shortly before an address or postcode that make a lower-case one count ("ik woon
    # aan de kerkstraat 12", "adres 3511 ab").
    address_cues: frozenset[str] = frozenset()
    # Words right before four digits that make them a year or a count ("jaar 2021 AB").
    postcode_not_after: frozenset[str] = frozenset()
