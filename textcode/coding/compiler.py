"""Compiling a codebook once into fast matchers.

Every term of every rule becomes a *token term* (a word with its lemmas, an exact form, an
acronym, a glob or a regex). Which token terms a word form satisfies is decided once per
vocabulary entry and cached, so matching an answer is one dictionary look-up per token plus
work only where something matched. Rules keep their tree shape and refer to phrases by number.
"""

from __future__ import annotations

import fnmatch
import re
from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

import regex
from spacy.language import Language

from textcode.codebook.model import Code, Codebook, Pattern
from textcode.codebook.rules import (
    AnyOf,
    Binary,
    CodeRef,
    Node,
    Phrase,
    Term,
    compile_regex,
    parse_rule,
)
from textcode.coding.variants import (
    far_spellings,
    numbered_acronym_phrases,
    particle_phrases,
    pronominal_phrases,
    separated_particles,
    split_term_phrases,
    typed_digit_hits,
    variant_hits,
)
from textcode.errors import CodebookError, excerpt
from textcode.lang import CompoundSettings
from textcode.nlp.compounds import compound_terms
from textcode.nlp.lexemes import Lexeme, LexemeTable
from textcode.nlp.lexicon import Lexicon
from textcode.nlp.normalize import fold

# How a token met a term, and the confidence a one-term rule gets from it.
HOW_CONFIDENCE: dict[str, float] = {
    "word": 0.85,
    "exact": 0.85,
    "acronym": 0.85,
    "part": 0.8,
    "head": 0.75,
    "first": 0.7,
    "glob": 0.75,
    "regex": 0.75,
    "fuzzy": 0.6,
    "derived": 0.7,
    "spelling": 0.75,
    "split": 0.75,
    "elided": 0.75,
    "shared": 0.75,
}
PHRASE_CONFIDENCE = 0.9
# A regular expression of a rule gets this long on one word. A pattern that backtracks
# catastrophically ("(a|aa)+$" on forty a's) runs for hours; any other finishes in well under a
# millisecond, even on a word of 100,000 characters. Past it, coding stops with an error that
# names the rule.
REGEX_SECONDS = 1.0


@dataclass(frozen=True, slots=True)
class TokenTerm:
    """One token-level condition: what kind, and its normalised key or compiled expression."""

    kind: str  # word, exact, acronym, glob, regex
    key: str
    source: str  # the term as written in the codebook


@dataclass(frozen=True, slots=True)
class CompiledPhrase:
    """A sequence of token terms (by id) and its text as the codebook wrote it."""

    terms: tuple[int, ...]
    text: str
    # A compound term written as two words ("kinder opvang" for "kinderopvang*"): the term.
    written_as: str = ""
    # The verb of a separable verb whose particle stands apart ("spreekt" of "spreekt me aan"
    # for "aanspreken"): the term and the particle.
    separable: tuple[str, str] | None = None


# What one token can start: (phrase id, how its first term met, the phrase's further terms,
# empty for one-word phrases), in the order of the token's terms; and its terms with how.
PhraseStart = tuple[int, tuple[str, ...], tuple[int, ...]]
PhrasePlan = tuple[tuple[PhraseStart, ...], dict[int, str]]
NO_PLAN: PhrasePlan = ((), {})


# A compiled rule node: ("phrase", id) | ("code", code_id) | ("any", nodes) |
# ("rel", relation, distance, negate, left, right)
RuleNode = tuple  # type: ignore[type-arg,unused-ignore]


@dataclass(frozen=True, slots=True)
class CompiledRule:
    """One pattern of a code, compiled."""

    code: str
    pattern: Pattern
    rule_id: str
    node: RuleNode
    phrases: frozenset[int]
    # A necessary condition: each set holds a phrase the answer must have for any hit. Most
    # answers meet a few common phrases ("het", "naar") and so skip most rules unevaluated.
    requires: tuple[frozenset[int], ...] = ()
    uid: int = -1  # position in CompiledCodebook.rules (patterns and exclusions of all codes)

    def applies_to(self, question: str | None) -> bool:
        """Whether the rule is in scope for answers to ``question`` (``questions:``)."""
        scope = self.pattern.questions
        return not scope or question in scope

    def possible(self, found: AbstractSet[int]) -> bool:
        """False when the rule cannot match an answer with the phrases ``found``."""
        for needed in self.requires:  # noqa: SIM110 (a plain loop: this runs per rule and answer)
            if found.isdisjoint(needed):
                return False
        return True


@dataclass
class CompiledCode:
    """A code with its compiled patterns and exclusions."""

    code: Code
    rules: list[CompiledRule]
    exclusions: list[CompiledRule]
    phrases: frozenset[int]
    references: frozenset[str]
    # One of these phrases is in every answer the code can match; None: no such set.
    anchors: frozenset[int] | None = None


# One code to evaluate in answers to a question: (code id, code, rules, exclusions) in the
# question's scope; a plan is these in dependency order, the codes the caller asked for and the
# codes that rules refer to (whose hits must be kept for them).
CodePlan = tuple[str, CompiledCode, tuple[CompiledRule, ...], tuple[CompiledRule, ...]]
RulePlan = tuple[tuple[CodePlan, ...], frozenset[str], frozenset[str]]


@dataclass
class CompiledCodebook:
    """Everything matching needs, built once per codebook and pipeline."""

    codebook: Codebook
    table: LexemeTable
    token_terms: list[TokenTerm]
    phrases: list[CompiledPhrase]
    phrases_by_first: dict[int, tuple[int, ...]]
    codes: dict[str, CompiledCode]
    order: list[str]  # codes in dependency order (referenced codes first)
    codes_by_question: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every rule by uid; rules by the phrases of their anchor (see live_rules).
    rules: list[CompiledRule] = field(default_factory=list)
    _rules_by_anchor: dict[int, tuple[int, ...]] = field(default_factory=dict)
    _unanchored_rules: tuple[int, ...] = ()
    # The same as (uid, requires, code or None for an exclusion), for live_rules; under an
    # anchor phrase, requires leaves out the conditions that phrase meets.
    _anchor_checks: dict[int, tuple[tuple[int, tuple[frozenset[int], ...], str | None], ...]] = (
        field(default_factory=dict)
    )
    _unanchored_checks: tuple[tuple[int, tuple[frozenset[int], ...], str | None], ...] = ()
    _unanchored_codes: frozenset[str] = frozenset()
    _exclusion_uids: frozenset[int] = frozenset()
    _rule_anchors: list[frozenset[int] | None] = field(default_factory=list)
    _screens: dict[str, Screen] = field(default_factory=dict)
    # Confidence and note of a one-word phrase hit, by (phrase, word form, how it met).
    hit_notes: dict[tuple[int, Lexeme, str], tuple[float, tuple[str]]] = field(default_factory=dict)
    # phrases_by_first split by length: one-token phrases need no look-ahead.
    single_phrases: dict[int, tuple[int, ...]] = field(default_factory=dict)
    multi_phrases: dict[int, tuple[int, ...]] = field(default_factory=dict)
    _question_ids: dict[str, str] = field(default_factory=dict)
    _word_keys: dict[str, list[int]] = field(default_factory=dict)
    _exact_keys: dict[str, list[int]] = field(default_factory=dict)
    _acronym_keys: dict[str, list[int]] = field(default_factory=dict)
    # The same by folded key: an acronym typed in another case ("WoII" for ``WOII``).
    _acronym_folds: dict[str, list[int]] = field(default_factory=dict)
    _patterns: list[tuple[int, re.Pattern[str]]] = field(default_factory=list)  # globs
    _regexes: list[tuple[int, regex.Pattern[str]]] = field(default_factory=list)
    # The first rule of each token term (by id): what a regex that runs too long is reported as.
    _term_rules: dict[int, tuple[str, Pattern]] = field(default_factory=dict)
    # "innovatie*": a glob that is a literal prefix, found by slicing instead of a regex scan.
    _prefix_globs: dict[str, list[int]] = field(default_factory=dict)
    _prefix_sizes: tuple[int, ...] = ()
    _compound_terms: frozenset[str] = frozenset()
    # The first terms of the phrases of patterns (not exclusions).
    _pattern_firsts: frozenset[int] = frozenset()
    # Every beginning of a glob's literal prefix ("c", "co", ..., "corona"), to walk a word
    # along them (textcode.coding.variants).
    _glob_stems: frozenset[str] = frozenset()
    # The longest single-word term: no misspelling of a longer word can meet one.
    _fuzzy_longest: int = 0
    # The texts of _word_keys and the lexicon's words as bits, made at the first misspelling
    # search (textcode.coding._core.EditFilter, compiled core only).
    _edit_filter: Any = None
    # Term words long enough to be met two edits away, as (spelling, word, letter mask) by the
    # spelling's first letter and length (textcode.coding.variants).
    _far_words: dict[tuple[str, int], list[tuple[str, str, int]]] = field(default_factory=dict)
    # Phrases that read a compound term written as two words ("wereld oorlog").
    _split_phrases: frozenset[int] = frozenset()
    _joined: dict[tuple[Lexeme, Lexeme], frozenset[int]] = field(default_factory=dict)
    _lexeme_terms: dict[Lexeme, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    # terms_of by what _match_lexeme reads: "Geen" and "geen" are one reading.
    _reading_terms: dict[tuple[object, ...], tuple[tuple[int, str], ...]] = field(
        default_factory=dict
    )
    # Per key, as bits over _regexes: which regexes were tried on it, and which matched it.
    _regex_keys: dict[str, tuple[int, int]] = field(default_factory=dict)
    _plans: dict[tuple[tuple[int, str], ...], PhrasePlan] = field(default_factory=dict)
    _rule_plans: dict[tuple[str | None, tuple[str, ...]], RulePlan] = field(default_factory=dict)
    _code_terms: dict[str, frozenset[int]] = field(default_factory=dict)

    def question_id(self, question: str) -> str:
        """The codebook's group id for a question name (cached: a survey has few questions)."""
        found = self._question_ids.get(question)
        if found is None:
            found = self._question_ids[question] = self.codebook.question_id(question)
            own_groups = any(not g.applies_to_all for g in self.codebook.groups)
            if own_groups and self.codebook.group_for_question(question) is None:
                _warn_unmatched(self.codebook, question)
        return found

    def screen(self, question: str) -> Screen:
        """What an answer to ``question`` needs before any of its rules can match (cached)."""
        found = self._screens.get(question)
        if found is None:
            found = self._screens[question] = _screen(self, question)
        return found

    def live_rules(self, found: AbstractSet[int]) -> tuple[set[str], set[int]]:
        """The codes that may match an answer with the phrases ``found``, and the uids of the
        rules (patterns and exclusions) that may (:meth:`CompiledRule.possible`).

        Only rules anchored at a found phrase are looked at, so an answer with a few common
        words costs a few look-ups rather than a check of every rule of its question.
        """
        codes = set(self._unanchored_codes)
        live: set[int] = set()
        # CompiledRule.possible, inlined: this runs for every rule an answer's phrases anchor.
        for uid, requires, _ in self._unanchored_checks:
            for needed in requires:
                if found.isdisjoint(needed):
                    break
            else:
                live.add(uid)
        by_anchor = self._anchor_checks
        for pid in found:
            checks = by_anchor.get(pid)
            if checks is None:
                continue
            for uid, requires, code in checks:
                if uid in live:
                    continue
                for needed in requires:
                    if found.isdisjoint(needed):
                        break
                else:
                    live.add(uid)
                    if code is not None:
                        codes.add(code)
        return codes, live

    def plan_of(self, entry: tuple[tuple[int, str], ...]) -> PhrasePlan:
        """The phrases a token with the terms ``entry`` (:meth:`terms_of`) can start (cached)."""
        if not entry:
            return NO_PLAN
        found = self._plans.get(entry)
        if found is None:
            starts: list[PhraseStart] = []
            phrases = self.phrases
            for term_id, how in entry:
                for pid in self.single_phrases.get(term_id, ()):
                    starts.append((pid, (how,), ()))
                for pid in self.multi_phrases.get(term_id, ()):
                    starts.append((pid, (how,), phrases[pid].terms[1:]))
            found = self._plans[entry] = (tuple(starts), dict(entry))
        return found

    def rule_plan(self, question: str | None, code_ids: Sequence[str]) -> RulePlan:
        """For each of ``code_ids`` (in order), its rules and exclusions in ``question``'s scope
        (``questions:`` in the codebook); the codes asked for, and the codes their rules refer
        to. Cached and shared."""
        codes = tuple(code_ids)
        key = (question, codes)
        plan = self._rule_plans.get(key)
        if plan is None:
            steps: list[CodePlan] = []
            for code_id in codes:
                entry = self.codes[code_id]
                rules = tuple(r for r in entry.rules if r.applies_to(question))
                exclusions = tuple(r for r in entry.exclusions if r.applies_to(question))
                if rules:
                    steps.append((code_id, entry, rules, exclusions))
            referenced = frozenset().union(*(self.codes[c].references for c in codes))
            plan = self._rule_plans[key] = (tuple(steps), frozenset(codes), referenced)
        return plan

    def code_terms(self, code_id: str) -> frozenset[int]:
        """The token terms of a code's own rules (cached)."""
        found = self._code_terms.get(code_id)
        if found is None:
            phrases = self.phrases
            found = frozenset(t for pid in self.codes[code_id].phrases for t in phrases[pid].terms)
            self._code_terms[code_id] = found
        return found

    def terms_of(self, lexeme: Lexeme) -> tuple[tuple[int, str], ...]:
        """The token terms a word form satisfies, with how: ``((term_id, how), ...)``."""
        found = self._lexeme_terms.get(lexeme)
        if found is None:
            # _match_lexeme reads these fields only (of the text, whether it is a name; of the
            # acronyms, those that are terms: "BELASTINGDIENST" is read as "belastingdienst").
            acronyms = lexeme.acronyms
            if acronyms:
                acronyms = tuple(a for a in acronyms if a in self._acronym_keys)
            reading = (
                lexeme.fold,
                lexeme.lemmas,
                lexeme.parts,
                acronyms,
                _inner_capital(lexeme.text),
            )
            found = self._reading_terms.get(reading)
            if found is None:
                found = self._reading_terms[reading] = self._match_lexeme(lexeme)
            self._lexeme_terms[lexeme] = found
        return found

    def joined_terms(self, first: Lexeme, last: Lexeme) -> frozenset[int]:
        """The token terms the two words of a compound written apart meet as one word
        ("wereld" and "oorlog" as "wereldoorlog"; cached)."""
        key = (first, last)
        found = self._joined.get(key)
        if found is None:
            joined = self.table.word(first.text + last.text)
            found = self._joined[key] = frozenset(term for term, _ in self.terms_of(joined))
        return found

    def _covered(self, word: str, term: str, how: str, hits: dict[int, str]) -> bool:
        """Whether a term the word met more specifically covers the compound part ``term``.

        A word that is itself a word term is that term, not a compound of another: where
        "wereldoorlog" is a term it holds no "oorlog"; where ``belastingdienst*`` is, the
        "belasting" of "Belastingdienst" is that glob's. ``innovatie*`` does not cover the
        head of "innovatietrajecten".
        """
        # Where the part starts and ends (a head may be inflected: "trajecten" for "traject").
        if how == "first":
            start, end = 0, len(term)
        else:
            start, end = word.rfind(term[: max(3, len(term) - 2)]), len(word)
        for term_id, found in hits.items():
            if found == "word":
                return True
            if found == "glob":
                prefix = _literal_prefix(self.token_terms[term_id].key)
                # The glob's prefix reaches into a head, or past the end of a first part.
                if prefix is not None and len(prefix) > (end if how == "first" else start):
                    return True
        return False

    def _match_lexeme(self, lexeme: Lexeme) -> tuple[tuple[int, str], ...]:
        hits: dict[int, str] = {}
        for key in (lexeme.fold, *lexeme.lemmas):
            for term_id in self._word_keys.get(key, ()):
                hits.setdefault(term_id, "word")
        for term_id in self._exact_keys.get(lexeme.fold, ()):
            hits.setdefault(term_id, "exact")
        for acronym in lexeme.acronyms:
            for term_id in self._acronym_keys.get(acronym, ()):
                hits.setdefault(term_id, "acronym")
        if self._acronym_folds:
            # "WoII", "wo2", "avg": an acronym in another case, when that form is no word.
            for key in (lexeme.fold, *lexeme.parts):
                found = self._acronym_folds.get(key)
                if found and not self._is_word(key):
                    for term_id in found:
                        hits.setdefault(term_id, "acronym")
        for key in lexeme.parts:
            for term_id in self._word_keys.get(key, ()):
                hits.setdefault(term_id, "part")
        # Globs and regexes also see the parts of "data-specialist" and "AI-modellen" (each
        # key once: a regular expression with a time limit costs microseconds a call).
        keys = tuple(dict.fromkeys((lexeme.fold, *lexeme.lemmas, *lexeme.parts)))
        prefix_globs = self._prefix_globs
        for key in keys:
            for size in self._prefix_sizes:
                if size > len(key):
                    break
                for term_id in prefix_globs.get(key[:size], ()):
                    hits.setdefault(term_id, "glob")
        for term_id, expression in self._patterns:
            if any(expression.fullmatch(key) for key in keys):
                hits.setdefault(term_id, "glob")
        for index, (term_id, pattern) in enumerate(self._regexes):
            if any(self._regex_tried(index, term_id, pattern, key) for key in keys):
                hits.setdefault(term_id, "regex")
        # "GroenLinks", "ChristenUnie": a name with a capital inside is no compound of words.
        if lexeme.fold.isalpha() and not _inner_capital(lexeme.text):
            settings: CompoundSettings = self.table.language.compounds
            lexicon: Lexicon = self.table.lexicon
            for term, how in compound_terms(
                lexeme.fold,
                self._compound_terms,
                lexicon,
                settings,
                self._prefix_globs,
                self._prefix_sizes,
            ):
                if self._covered(lexeme.fold, term, how, hits):
                    continue
                for term_id in self._word_keys.get(term, ()):
                    hits.setdefault(term_id, how)
                # A glob as the head of a compound: "uitgewoonte" for ``gewoonte*``.
                for term_id in self._prefix_globs.get(term, ()):
                    hits.setdefault(term_id, how)
            firsts = self._pattern_firsts
            if not any(t in firsts and how not in _BROAD for t, how in hits.items()):
                # A derived form ("koningin", "remigratie") or a misspelling ("torslagen") of a
                # term, unless the word itself starts a phrase of a pattern (a word that only an
                # exclusion, a glob or a compound reading meets, as "partij*" meets
                # "partijpogramma", may still be misspelt): see textcode.coding.variants.
                for term_id, how in variant_hits(self, lexeme).items():
                    hits.setdefault(term_id, how)
        elif not hits and any(c.isdigit() for c in lexeme.fold):
            hits.update(typed_digit_hits(self, lexeme))
        return tuple(sorted(hits.items()))

    def _is_word(self, key: str) -> bool:
        """Whether ``key`` is a word of the language (a known form or a stop word): "om" is
        no ``OM``."""
        lexicon = self.table.lexicon
        return lexicon.is_word(key) or key in lexicon.stop_words or lexicon.lemma(key) != key

    def _regex_tried(self, index: int, term_id: int, pattern: regex.Pattern[str], key: str) -> bool:
        """:meth:`_regex_match` of the ``index``-th regex, once per key: a regex with a time
        limit costs microseconds a call, and word forms share keys (lemmas, parts)."""
        bit = 1 << index
        tried, met = self._regex_keys.get(key, (0, 0))
        if not tried & bit:
            if self._regex_match(term_id, pattern, key):
                met |= bit
            self._regex_keys[key] = (tried | bit, met)
        return bool(met & bit)

    def _regex_match(self, term_id: int, pattern: regex.Pattern[str], key: str) -> bool:
        try:
            return pattern.fullmatch(key, timeout=REGEX_SECONDS) is not None
        except TimeoutError:
            code_id, rule = self._term_rules[term_id]
            raise CodebookError(
                f"rule {excerpt(rule.rule)!r}: the regular expression ran longer than "
                f"{REGEX_SECONDS:g} s on one word of {len(key):,} characters; it backtracks "
                "catastrophically (nested repeats such as (a+)+ or (a|aa)+): simplify it",
                path=self.codebook.path,
                line=rule.line,
                field=code_id,
            ) from None


def _inner_capital(text: str) -> bool:
    """Whether ``text`` is a word written with a capital after a small letter, as names of
    parties and firms are ("GroenLinks", "ChristenUnie")."""
    if text[1:].islower() or not text.isalpha():
        return False  # most words: no capital after the first letter
    return any(a.islower() and b.isupper() for a, b in pairwise(text))


# Hits that do not settle what a word is: a glob or regex covers a family of forms, and a
# compound reading may be chance ("aansprekend" is no "aan" + "sprekend").
_BROAD = frozenset({"glob", "regex", "head", "first"})


class UnmatchedQuestionWarning(UserWarning):
    """Answers to a question that no codebook group claims get only the shared codes."""


def _warn_unmatched(codebook: Codebook, question: str) -> None:
    import warnings

    groups = ", ".join(g.id for g in codebook.groups if not g.applies_to_all)
    warnings.warn(
        f"question {question!r} matches no group of codebook {codebook.id} ({groups}, or their "
        "aliases): its answers get only the shared codes; name the column after a group or add "
        "an alias",
        UnmatchedQuestionWarning,
        stacklevel=4,
    )


@dataclass(frozen=True)
class WholeAnswerScreen:
    """A code that marks the whole answer can only match where its own words fill the answer.

    ``words`` are the token terms of its rules, ``anchors`` the first terms of their anchors,
    ``reach`` the largest NEAR/BEFORE/AFTER distance. A relation also covers the words between
    its two sides, so a word outside ``words`` needs a word of such a rule (``brackets``) within
    ``reach`` on each side.
    """

    code: str
    words: frozenset[int]
    anchors: frozenset[int]
    brackets: frozenset[int]
    reach: int


@dataclass(frozen=True)
class Screen:
    """The token terms an answer to one question needs for any code to be possible.

    ``anchors``: an answer with a token meeting one of them may get a code (None: any answer
    may). ``whole``: codes that mark the whole answer, screened by :class:`WholeAnswerScreen`
    instead of by their anchors (a full stop anchors "-" and "?", but rarely fills an answer).
    """

    anchors: frozenset[int] | None
    whole: tuple[WholeAnswerScreen, ...]


def _screen(compiled: CompiledCodebook, question: str) -> Screen:
    anchors: set[int] | None = set()
    whole: list[WholeAnswerScreen] = []
    for code_id in codes_for_question(compiled, question):
        entry = compiled.codes[code_id]
        rule_anchors = [compiled._rule_anchors[rule.uid] for rule in entry.rules]
        if any(anchor is None for anchor in rule_anchors):
            anchors = None
            break
        first = {compiled.phrases[pid].terms[0] for a in rule_anchors for pid in a or ()}
        if entry.code.whole_answer and not entry.references:
            words: set[int] = set()
            brackets: set[int] = set()
            reach = 0
            for rule in entry.rules:
                terms = {t for pid in rule.phrases for t in compiled.phrases[pid].terms}
                words |= terms
                if (span := _reach(rule.node)) > 0:
                    brackets |= terms
                    reach = max(reach, span)
            whole.append(
                WholeAnswerScreen(
                    code_id, frozenset(words), frozenset(first), frozenset(brackets), reach
                )
            )
        else:
            assert anchors is not None
            anchors.update(first)
    if anchors is None:
        return Screen(None, ())
    return Screen(frozenset(anchors), tuple(whole))


def _reach(node: RuleNode) -> int:
    """The largest distance over which a hit of ``node`` spans words that are not its own."""
    kind = node[0]
    if kind == "any":
        return max((_reach(child) for child in node[1]), default=0)
    if kind == "rel":
        _, relation, distance, negate, left, right = node
        spans = relation in ("NEAR", "BEFORE", "AFTER", "NEXT")
        own = distance or 0 if spans and not negate else 0
        return max(own, _reach(left), 0 if negate else _reach(right))
    return 0


def _glob_regex(glob: str) -> re.Pattern[str]:
    return re.compile(fnmatch.translate(fold(glob)))


def _literal_prefix(glob: str) -> str | None:
    """``"innovatie"`` for the (folded) glob ``"innovatie*"``: it matches what starts so."""
    if glob.endswith("*") and not any(c in glob[:-1] for c in "*?["):
        return glob[:-1]
    return None


class _Builder:
    def __init__(self, codebook: Codebook, nlp: Language, table: LexemeTable) -> None:
        self.codebook = codebook
        self.nlp = nlp
        self.table = table
        self.term_ids: dict[tuple[str, str], int] = {}
        self.token_terms: list[TokenTerm] = []
        # By terms; a separable verb's verb by its terms and ("separable", term).
        self.phrase_ids: dict[tuple[object, ...], int] = {}
        self.phrases: list[CompiledPhrase] = []
        self.rules: list[CompiledRule] = []
        self.term_rules: dict[int, tuple[str, Pattern]] = {}
        self.token_texts: dict[str, list[str]] = {}  # a term's text -> its tokens' texts

    def token_term(self, kind: str, key: str, source: str) -> int:
        ident = (kind, key)
        if ident not in self.term_ids:
            self.term_ids[ident] = len(self.token_terms)
            self.token_terms.append(TokenTerm(kind, key, source))
        return self.term_ids[ident]

    def expand(self, term: Term) -> list[int]:
        """Token-term ids for one written term (a word may tokenise into several tokens)."""
        if term.kind in ("glob", "regex", "acronym"):
            key = term.text if term.kind != "glob" else fold(term.text)
            return [self.token_term(term.kind, key, term.text)]
        text = term.text
        tokens = self.token_texts.get(text)
        if tokens is None:
            # Rules repeat their words (variants, exclusions): each is tokenised once.
            tokens = self.token_texts[text] = [t.text for t in self.nlp.make_doc(text)] or [text]
        kind = term.kind
        return [self.token_term(kind, fold(token), token) for token in tokens]

    def phrase(self, node: Phrase, written_as: str = "", text: str = "") -> int:
        """The phrase's id; ``text`` is what its notes quote as the term when another phrase
        is read this way ("waarop het staat" as "waar het op staat")."""
        ids: list[int] = []
        for term in node.terms:
            ids.extend(self.expand(term))
        key = tuple(ids)
        if key not in self.phrase_ids:
            self.phrase_ids[key] = len(self.phrases)
            text = text or " ".join(term.text for term in node.terms)
            self.phrases.append(CompiledPhrase(key, text, written_as))
        return self.phrase_ids[key]

    def node(self, node: Node) -> tuple[RuleNode, set[int]]:
        if isinstance(node, Phrase):
            pid = self.phrase(node)
            split = [
                self.phrase(written, node.terms[0].text)
                for written in (
                    *split_term_phrases(node, self.table.lexicon, self.table.language),
                    *numbered_acronym_phrases(node, self.table.language),
                )
            ]
            text = " ".join(term.text for term in node.terms)
            split += [
                self.phrase(joined, text=text)
                for joined in (
                    *pronominal_phrases(node, self.table.language),
                    *particle_phrases(node, self.table.lexicon, self.table.language),
                )
            ]
            # A separable verb split by a main clause: "spreekt me aan" for ``aanspreken``.
            apart = [
                self._separated(text, verb, particle)
                for verb, particle in separated_particles(
                    node, self.table.lexicon, self.table.language
                )
            ]
            if split or apart:
                options = (
                    ("phrase", pid),
                    *(("phrase", other) for other in split),
                    *(rel for rel, _ in apart),
                )
                return ("any", options), {pid, *split}.union(*(found for _, found in apart))
            return ("phrase", pid), {pid}
        if isinstance(node, CodeRef):
            return ("code", node.code), set()
        if isinstance(node, AnyOf):
            compiled = [self.node(option) for option in node.options]
            return ("any", tuple(c[0] for c in compiled)), set().union(*(c[1] for c in compiled))
        if isinstance(node, Binary):
            joined = [*self._pronominal_chains(node), *self._verb_last_relation(node)]
            if joined:
                # A variant is compiled as written: no variants of variants.
                compiled = [
                    self._relation(node),
                    *(
                        self._relation(chain) if isinstance(chain, Binary) else self.node(chain)
                        for chain in joined
                    ),
                ]
                options = tuple(c[0] for c in compiled)
                return ("any", options), set().union(*(c[1] for c in compiled))
            return self._relation(node)
        raise TypeError(f"unknown rule node {node!r}")

    def _verb_last_relation(self, node: Binary) -> list[Node]:
        """``verb BEFORE/n particle`` turned round, as a subordinate clause has it: "(sta |
        staat) BEFORE/2 achter" also finds "waar ik achter sta", "spreekt BEFORE/5 aan" also
        "omdat het me aan spreekt". Only when every word on the left is a verb form and the
        right is one particle or preposition, and the verb right after it: "achter ons staat"
        is a main clause."""
        settings = self.table.language.morphology
        if (
            not settings.verb_last_clauses
            or node.relation != "BEFORE"
            or node.negate
            or not isinstance(node.right, Phrase)
            or len(node.right.terms) != 1
            or node.right.terms[0].text.lower() not in settings.particles | settings.phrase_openers
        ):
            return []
        options = node.left.options if isinstance(node.left, AnyOf) else (node.left,)
        lexicon = self.table.lexicon
        verbs = lexicon.by_pos.get("verb", frozenset())
        for option in options:
            if not isinstance(option, Phrase) or len(option.terms) != 1:
                return []
            term = option.terms[0]
            text = term.text.lower()
            if term.kind not in ("word", "exact") or (
                lexicon.lemma(text) not in verbs
                and verbs.isdisjoint(lexicon.readings(text, ("verb",)))
            ):
                return []
        return [Binary("BEFORE", node.right, node.left, 1)]

    def _separated(self, term: str, verb: Term, particle: Term) -> tuple[RuleNode, set[int]]:
        """``verb NEXT particle`` for the separable verb ``term``, with no distance: the
        particle must end the verb's clause ("spreekt me aan", "sluit aan bij", not "stond
        aan de muur"); the verb's note names the term."""
        ids = tuple(self.expand(verb))
        key = (*ids, ("separable", term))
        if key not in self.phrase_ids:
            self.phrase_ids[key] = len(self.phrases)
            self.phrases.append(
                CompiledPhrase(ids, verb.text, separable=(term, particle.text.lower()))
            )
        left: RuleNode = ("phrase", self.phrase_ids[key])
        right: RuleNode = ("phrase", self.phrase(Phrase((particle,))))
        return ("rel", "NEXT", None, False, left, right), {left[1], right[1]}

    def _relation(self, node: Binary) -> tuple[RuleNode, set[int]]:
        left, left_phrases = self.node(node.left)
        right, right_phrases = self.node(node.right)
        compiled_node = ("rel", node.relation, node.distance, node.negate, left, right)
        return compiled_node, left_phrases | right_phrases

    def _verb_last(self, words: list[Term]) -> list[Phrase]:
        """``words`` with their first word, a verb, last ("doen het goed" as "het goed
        doen"), when the language puts the verb last in a subordinate clause: three words or
        more, the last no particle (that one joins the verb: "me aanspreekt")."""
        settings = self.table.language.morphology
        lexicon = self.table.lexicon
        if not settings.verb_last_clauses or len(words) < 3:
            return []
        first, last = words[0].text.lower(), words[-1].text.lower()
        if words[0].kind != "word" or last in settings.particles:
            return []
        if lexicon.lemma(first) not in lexicon.by_pos.get("verb", frozenset()):
            return []
        return [Phrase((*words[1:], words[0]))]

    def _particle_last(self, words: list[Term]) -> list[Phrase]:
        """``words`` with the particle after the verb moved to the end ("komt op voor" as
        "komt voor op"): a main clause puts what the verb governs before the particle ("komt
        voor de gewone man op"), which may then end the clause (``NEXT``)."""
        settings = self.table.language.morphology
        lexicon = self.table.lexicon
        if len(words) < 3 or any(word.kind != "word" for word in words[:2]):
            return []
        if words[1].text.lower() not in settings.particles:
            return []
        if lexicon.lemma(words[0].text.lower()) not in lexicon.by_pos.get("verb", frozenset()):
            return []
        return [Phrase((words[0], *words[2:], words[1]))]

    def _pronominal_chains(self, node: Binary) -> list[Node]:
        """A chain of words joined by ``NEXT`` (an imported multi-word entry, "waar NEXT/2 ik
        NEXT/2 voor NEXT/2 sta") with its R-word and preposition as one word ("waarvoor NEXT/2
        ik NEXT/2 sta"), as :func:`pronominal_phrases` does for a phrase, or with its verb last
        (:meth:`_verb_last`)."""
        words = _next_words(node)
        if words is None:
            return []
        chains: list[Node] = []
        for variant in (
            *pronominal_phrases(Phrase(tuple(words)), self.table.language),
            *self._verb_last(words),
            *self._particle_last(words),
        ):
            chain: Node = Phrase(variant.terms[:1])
            for term in variant.terms[1:]:
                chain = Binary("NEXT", chain, Phrase((term,)), node.distance)
            chains.append(chain)
        return chains

    def rule(self, code: Code, pattern: Pattern) -> CompiledRule:
        tree = parse_rule(pattern.rule)
        compiled, phrases = self.node(tree)
        requires = tuple(dict.fromkeys(_requires(compiled)))
        for pid in sorted(phrases):
            for term_id in self.phrases[pid].terms:
                self.term_rules.setdefault(term_id, (code.id, pattern))
        rule = CompiledRule(
            code.id,
            pattern,
            code.rule_id(pattern),
            compiled,
            frozenset(phrases),
            requires,
            len(self.rules),
        )
        self.rules.append(rule)
        return rule


def _next_words(node: Node) -> list[Term] | None:
    """The terms of ``a NEXT/n b NEXT/n c`` (one distance, no NOT, one word a side), else
    None."""
    if isinstance(node, Phrase):
        return list(node.terms) if len(node.terms) == 1 else None
    if (
        not isinstance(node, Binary)
        or node.relation != "NEXT"
        or node.negate
        or not isinstance(node.right, Phrase)
        or len(node.right.terms) != 1
        or (isinstance(node.left, Binary) and node.left.distance != node.distance)
    ):
        return None
    first = _next_words(node.left)
    return None if first is None else [*first, *node.right.terms]


def _requires(node: RuleNode) -> list[frozenset[int]]:
    """Phrase sets that must each be met for ``node`` to have a hit (see ``CompiledRule``).

    Mirrors the evaluator: a phrase needs itself; one of several options needs one of the
    options' conditions; a relation needs both sides, or only its left side with ``NOT``; a
    code reference gives no condition.
    """
    kind = node[0]
    if kind == "phrase":
        return [frozenset((node[1],))]
    if kind == "any":
        options = [_requires(child) for child in node[1]]
        if any(not option for option in options):
            return []
        return [frozenset().union(*(min(option, key=len) for option in options))]
    if kind == "rel":
        negate, left, right = node[3], node[4], node[5]
        return _requires(left) if negate else _requires(left) + _requires(right)
    return []


def _anchor(rule: CompiledRule, common: frozenset[int]) -> frozenset[int] | None:
    """The rule's condition least likely met by chance (fewest common phrases, then fewest)."""
    if not rule.requires:
        return None
    return min(rule.requires, key=lambda needed: (len(needed & common) > 0, len(needed)))


def _references(node: RuleNode) -> set[str]:
    kind = node[0]
    if kind == "code":
        return {node[1]}
    if kind == "any":
        return set().union(*(_references(child) for child in node[1]))
    if kind == "rel":
        return _references(node[4]) | _references(node[5])
    return set()


def _dependency_order(codes: dict[str, CompiledCode]) -> list[str]:
    order: list[str] = []
    done: set[str] = set()

    def visit(code_id: str) -> None:
        if code_id in done:
            return
        done.add(code_id)
        for ref in sorted(codes[code_id].references):
            visit(ref)
        order.append(code_id)

    for code_id in codes:
        visit(code_id)
    return order


def _compiled_code(
    code: Code, rules: list[CompiledRule], exclusions: list[CompiledRule]
) -> CompiledCode:
    phrases = frozenset().union(*(r.phrases for r in rules)) if rules else frozenset()
    references: set[str] = set()
    for compiled_rule in (*rules, *exclusions):
        references |= _references(compiled_rule.node)
    return CompiledCode(code, rules, exclusions, phrases, frozenset(references))


def compile_codebook(codebook: Codebook, nlp: Language, table: LexemeTable) -> CompiledCodebook:
    """Compile every rule of ``codebook`` for the tokenizer of ``nlp``."""
    builder = _Builder(codebook, nlp, table)
    codes: dict[str, CompiledCode] = {}
    # spaCy's tokenizer caches a fixed number of chunks, first come first served: the codebook's
    # words must not take the places of the answers' (3,000 patterns would fill all of them).
    tokenizer = nlp.tokenizer
    cache_size = getattr(tokenizer, "max_cache_size", None)
    if cache_size is not None:
        tokenizer.max_cache_size = 0  # type: ignore[union-attr]
    try:
        for code in codebook.codes:
            rules = [builder.rule(code, pattern) for pattern in code.patterns]
            exclusions = [builder.rule(code, pattern) for pattern in code.exclude]
            codes[code.id] = _compiled_code(code, rules, exclusions)
    finally:
        if cache_size is not None:
            tokenizer.max_cache_size = cache_size  # type: ignore[union-attr]

    common = _common_phrases(builder, table)
    for entry in codes.values():
        anchors = [_anchor(rule, common) for rule in entry.rules]
        if anchors and all(anchor is not None for anchor in anchors):
            entry.anchors = frozenset().union(*anchors)  # type: ignore[arg-type]
    by_anchor: dict[int, list[int]] = defaultdict(list)
    unanchored: list[int] = []
    rule_anchors: list[frozenset[int] | None] = []
    for rule in builder.rules:
        anchor = _anchor(rule, common)
        rule_anchors.append(anchor)
        if anchor is None:
            unanchored.append(rule.uid)
        else:
            for pid in sorted(anchor):
                by_anchor[pid].append(rule.uid)

    by_first: dict[int, list[int]] = defaultdict(list)
    for pid, phrase in enumerate(builder.phrases):
        by_first[phrase.terms[0]].append(pid)

    compiled = CompiledCodebook(
        codebook=codebook,
        table=table,
        token_terms=builder.token_terms,
        phrases=builder.phrases,
        phrases_by_first={k: tuple(v) for k, v in by_first.items()},
        codes=codes,
        order=_dependency_order(codes),
    )
    compiled.rules = builder.rules
    compiled._rule_anchors = rule_anchors
    compiled._rules_by_anchor = {pid: tuple(uids) for pid, uids in by_anchor.items()}
    compiled._unanchored_rules = tuple(unanchored)
    compiled._unanchored_codes = frozenset(c for c, e in codes.items() if e.anchors is None)
    compiled._exclusion_uids = frozenset(
        rule.uid for entry in codes.values() for rule in entry.exclusions
    )

    def check(uid: int, pid: int) -> tuple[int, tuple[frozenset[int], ...], str | None]:
        # Found under its anchor phrase ``pid``, a rule needs only the conditions without it.
        rule = compiled.rules[uid]
        requires = tuple(needed for needed in rule.requires if pid not in needed)
        return uid, requires, None if uid in compiled._exclusion_uids else rule.code

    compiled._anchor_checks = {
        pid: tuple(check(uid, pid) for uid in uids)
        for pid, uids in compiled._rules_by_anchor.items()
    }
    compiled._unanchored_checks = tuple(check(uid, -1) for uid in compiled._unanchored_rules)
    for first, pids in compiled.phrases_by_first.items():
        one = tuple(p for p in pids if len(builder.phrases[p].terms) == 1)
        more = tuple(p for p in pids if len(builder.phrases[p].terms) > 1)
        if one:
            compiled.single_phrases[first] = one
        if more:
            compiled.multi_phrases[first] = more
    lexicon = table.lexicon
    for term_id, term in enumerate(builder.token_terms):
        if term.kind == "word":
            keys = {term.key, *(fold(v) for v in lexicon.lemma_variants(term.source.lower()))}
            for key in keys:
                compiled._word_keys.setdefault(key, []).append(term_id)
        elif term.kind == "exact":
            compiled._exact_keys.setdefault(term.key, []).append(term_id)
        elif term.kind == "acronym":
            compiled._acronym_keys.setdefault(term.key, []).append(term_id)
            compiled._acronym_folds.setdefault(fold(term.key), []).append(term_id)
        elif term.kind == "glob":
            prefix = _literal_prefix(term.key)
            if prefix is not None:
                compiled._prefix_globs.setdefault(prefix, []).append(term_id)
            else:
                compiled._patterns.append((term_id, _glob_regex(term.key)))
        elif term.kind == "regex":
            compiled._regexes.append((term_id, compile_regex(term.key)))
    compiled._prefix_sizes = tuple(sorted({len(p) for p in compiled._prefix_globs}))
    compiled._term_rules = builder.term_rules
    compiled._glob_stems = frozenset(
        prefix[:k] for prefix in compiled._prefix_globs for k in range(1, len(prefix) + 1)
    )
    compiled._pattern_firsts = frozenset(
        builder.phrases[pid].terms[0]
        for entry in codes.values()
        for rule in entry.rules
        for pid in rule.phrases
    )
    # Only single real words can hide inside compounds ("budget" in "projectbudget").
    compiled._compound_terms = frozenset(
        key for key in compiled._word_keys if key.isalpha() and len(key) >= 3
    )
    compiled._fuzzy_longest = max((len(key) for key in compiled._compound_terms), default=0)
    compiled._far_words = far_spellings(compiled._compound_terms, table.language.morphology)
    compiled._split_phrases = frozenset(
        pid for pid, phrase in enumerate(builder.phrases) if phrase.written_as
    )
    return compiled


def _common_phrases(builder: _Builder, table: LexemeTable) -> frozenset[int]:
    """Phrases that many answers have: stop words only, or one regular expression."""
    stop_words = table.lexicon.stop_words
    common = set()
    for pid, phrase in enumerate(builder.phrases):
        terms = [builder.token_terms[t] for t in phrase.terms]
        if all(t.kind != "glob" and t.key in stop_words for t in terms) or (
            len(terms) == 1 and terms[0].kind == "regex"
        ):
            common.add(pid)
    return frozenset(common)


def codes_for_question(compiled: CompiledCodebook, question: str) -> tuple[str, ...]:
    """Ids of the codes an answer to ``question`` can get, in dependency order (cached)."""
    cached = compiled.codes_by_question.get(question)
    if cached is None:
        allowed = {code.id for code in compiled.codebook.codes_for_question(question)}
        # Referenced codes are evaluated too (they may belong to another group) but only
        # the allowed ones are reported.
        needed = set(allowed)
        frontier = list(allowed)
        while frontier:
            for ref in compiled.codes[frontier.pop()].references:
                if ref not in needed:
                    needed.add(ref)
                    frontier.append(ref)
        cached = tuple(code_id for code_id in compiled.order if code_id in needed)
        compiled.codes_by_question[question] = cached
    return cached
