"""Matching one answer: phrases, then rules, then exclusions, negation, marks and exclusivity.

Works on token indices; :mod:`textcode.coding.coder` turns the result into suggestion records
with character offsets into the original text.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from textcode.coding.compiler import (
    HOW_CONFIDENCE,
    PHRASE_CONFIDENCE,
    CompiledCodebook,
    CompiledPhrase,
    CompiledRule,
    PhrasePlan,
    RuleNode,
)
from textcode.lang.data import ENGLISH_MATCH_NOTES
from textcode.nlp.lexemes import (
    BOUNDARY,
    CONJUNCTION,
    CONTRAST,
    FILLER,
    FUNCTION_WORD,
    POLARITY_CUES,
    PUNCT,
    SENT_END,
    SHARED,
    SPACE,
    VERB_FORM,
    Lexeme,
)
from textcode.nlp.negation import (
    LACKING_STATE,
    PLAIN_POLARITY,
    POSITIVE_STATE,
    SUFFICIENT_STATE,
    Clauses,
    Polarity,
    clauses,
    polarity,
)


@dataclass(frozen=True, slots=True)
class Hit:
    """A span of tokens a rule matched, with its confidence and what matched."""

    start: int
    end: int
    confidence: float
    notes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Match:
    """A code's evidence in one answer (token span), before it becomes a suggestion record."""

    code: str
    rule: CompiledRule
    start: int
    end: int
    confidence: float
    polarity: Polarity
    notes: tuple[str, ...]
    flipped_from: str | None = None


class AnswerView:
    """The tokens of one answer with their lexemes and term hits; clauses on demand.

    ``plans`` (optional) are the tokens' :meth:`CompiledCodebook.plan_of`, which a caller that
    keeps them per word form passes to save working them out per answer.
    """

    __slots__ = ("_clauses", "_cued", "entries", "lexemes", "plans", "sentence_ids")

    def __init__(
        self,
        lexemes: Sequence[Lexeme],
        entries: Sequence[tuple[tuple[int, str], ...]],
        sentence_ids: Sequence[int] | None = None,
        plans: Sequence[PhrasePlan] | None = None,
    ) -> None:
        self.lexemes = lexemes
        self.entries = entries
        self.sentence_ids = sentence_ids
        self.plans = plans
        self._clauses: Clauses | None = None
        self._cued: bool | None = None

    @property
    def structure(self) -> Clauses:
        if self._clauses is None:
            found = clauses(self.lexemes)
            if self.sentence_ids is not None:
                # A packaged model's sentence boundaries win over punctuation.
                found = Clauses(tuple(self.sentence_ids), found.clause)
            self._clauses = found
        return self._clauses

    @property
    def cued(self) -> bool:
        """Whether any token can change a mention's polarity (most answers: none)."""
        if self._cued is None:
            self._cued = any(lexeme.flags & POLARITY_CUES for lexeme in self.lexemes)
        return self._cued


class PhraseHits(dict[int, list[Hit]]):
    """The phrases found in one answer, by phrase id.

    Most phrases an answer contains are never asked for (no rule of its question can match),
    so the :class:`Hit` objects and their notes are made when a rule first looks a phrase up.
    """

    __slots__ = ("_lexemes", "_notes", "_phrases", "_templates")

    def __init__(
        self,
        lexemes: Sequence[Lexeme],
        phrases: Sequence[CompiledPhrase],
        notes: dict[tuple[int, Lexeme, str], tuple[float, tuple[str]]],
        templates: dict[str, str],
    ) -> None:
        super().__init__()
        self._lexemes = lexemes
        self._phrases = phrases
        self._notes = notes
        self._templates = templates

    def _make(self, pid: int, raw: _Raw) -> list[Hit]:
        lexemes = self._lexemes
        notes = self._notes
        hits = []
        for i, hows in raw:
            size = len(hows)
            if size == 1:
                # A one-word hit reads the same wherever the word is: made once per word form.
                key = (pid, lexemes[i], hows[0])
                made = notes.get(key)
                if made is None:
                    note = _note(self._phrases[pid], lexemes[i : i + 1], hows, self._templates)
                    confidence = HOW_CONFIDENCE.get(hows[0].split(":")[0], PHRASE_CONFIDENCE)
                    made = notes[key] = (confidence, (note,))
                hits.append(Hit(i, i + 1, made[0], made[1]))
                continue
            phrase = self._phrases[pid]
            note = _note(phrase, lexemes[i : i + size], hows, self._templates)
            confidence = HOW_CONFIDENCE["split"] if phrase.written_as else PHRASE_CONFIDENCE
            hits.append(Hit(i, i + size, confidence, (note,)))
        dict.__setitem__(self, pid, hits)
        return hits

    def __getitem__(self, pid: int) -> list[Hit]:
        value = dict.__getitem__(self, pid)
        return self._make(pid, value) if type(value) is _Raw else value

    def get(self, pid: int, default: Any = None) -> Any:
        value = dict.get(self, pid)
        if value is None:
            return default
        return self._make(pid, value) if type(value) is _Raw else value

    def values(self) -> Any:
        return [self[pid] for pid in self]

    def items(self) -> Any:
        return [(pid, self[pid]) for pid in self]


class _Raw(list[tuple[int, Sequence[str]]]):
    """Where a phrase was found, not yet turned into hits: (token index, how each term met)."""


def phrase_hits(compiled: CompiledCodebook, view: AnswerView) -> PhraseHits:
    """Every phrase of the codebook found in the answer, by phrase id."""
    raws: dict[int, _Raw] = {}
    plans = view.plans
    if plans is None:
        plans = view.plans = [compiled.plan_of(entry) for entry in view.entries]
    n = len(plans)
    lexemes = view.lexemes
    for i, (starts, _) in enumerate(plans):
        for pid, hows, rest in starts:
            if rest:
                if i + len(rest) >= n:
                    continue
                found = list(hows)
                k = i
                for wanted in rest:
                    k += 1
                    # A run of spaces ("Tachtig  jarige") is no word between a phrase's words.
                    while k < n and lexemes[k].flags & SPACE:
                        found.append("")
                        k += 1
                    got = plans[k][1].get(wanted) if k < n else None
                    if got is None:
                        break
                    found.append(got)
                else:
                    raw = raws.get(pid)
                    if raw is None:
                        raws[pid] = _Raw([(i, found)])
                    else:
                        raw.append((i, found))
                continue
            raw = raws.get(pid)
            if raw is None:
                raws[pid] = _Raw([(i, hows)])
            else:
                raw.append((i, hows))
    split = compiled._split_phrases
    if split and not split.isdisjoint(raws):
        _claim_split_words(compiled, lexemes, raws, split)
    found_hits = PhraseHits(
        view.lexemes,
        compiled.phrases,
        compiled.hit_notes,
        compiled.table.language.morphology.notes,
    )
    dict.update(found_hits, raws)  # type: ignore[misc]
    return found_hits


def _claim_split_words(
    compiled: CompiledCodebook,
    lexemes: Sequence[Lexeme],
    raws: dict[int, _Raw],
    split: frozenset[int],
) -> None:
    """A compound written as two words is one word: its words meet what that word meets.

    Where ``wereldoorlog`` is a term, "wereldoorlog" holds no "oorlog" of another term
    (``CompiledCodebook._covered``), while ``lijsttrekker*`` still finds
    "lijsttrekkersverkiezing". "wereld oorlog" and "lijsttrekkers verkiezing", the same words
    written apart, do the same: a one-word phrase hit on a token of a split-compound hit is
    kept only when the joined word meets the phrase's term too.
    """
    claimed: dict[int, frozenset[int]] = {}
    for pid in sorted(split.intersection(raws)):
        for i, hows in raws[pid]:
            end = i + len(hows)
            words = [k for k in range(i, end) if hows[k - i]]
            met = compiled.joined_terms(lexemes[words[0]], lexemes[words[-1]])
            for k in range(i, end):
                claimed[k] = claimed[k] & met if k in claimed else met
    phrases = compiled.phrases
    for pid in list(raws):
        if pid in split or len(phrases[pid].terms) != 1:
            continue
        term = phrases[pid].terms[0]
        raw = raws[pid]
        kept = [(i, hows) for i, hows in raw if i not in claimed or term in claimed[i]]
        if not kept:
            del raws[pid]
        elif len(kept) != len(raw):
            raws[pid] = _Raw(kept)


def _note(
    phrase: CompiledPhrase,
    lexemes: Sequence[Lexeme],
    hows: Sequence[str],
    templates: dict[str, str],
) -> str:
    """What a phrase hit quotes: the words, and how they met the phrase when not plainly
    (in the language's words: "als kern van de samenstelling", "spelfout voor")."""
    words = " ".join(lexeme.text for lexeme in lexemes if not lexeme.flags & SPACE)
    phrase_text = phrase.text
    if phrase.written_as:
        return templates["split"].format(term=phrase.written_as, words=words, base="")
    if phrase.separable is not None:
        term, particle = phrase.separable
        separable = templates.get("separable", ENGLISH_MATCH_NOTES["separable"])
        return separable.format(term=term, words=words, base=particle)
    for how in hows:
        kind, _, base = how.partition(":")
        template = templates.get(kind)
        if template is not None:
            return template.format(term=phrase_text, words=words, base=base)
    if words.casefold() == phrase_text.casefold():
        return f'"{words}"'
    return templates.get("variant", ENGLISH_MATCH_NOTES["variant"]).format(
        term=phrase_text, words=words, base=""
    )


# Below this many hits, looking through all of them is cheaper than an index.
_SCAN_LIMIT = 8
# Tokens that end a clause: a particle before one of them stands at its clause's end.
CLAUSE_BREAK = PUNCT | BOUNDARY | SENT_END | CONTRAST | CONJUNCTION
# Tokens that part a verb from a particle further on ("en" may join two nouns between them).
INNER_BREAK = PUNCT | BOUNDARY | SENT_END


class _Nearby:
    """The hits of one side of a relation by where they start, so that each hit of the other
    side looks only at the hits near it: in an answer of a megabyte with thousands of hits on
    each side, comparing every pair made coding quadratic in the answer's length."""

    __slots__ = ("hits", "longest", "order", "starts")

    def __init__(self, hits: list[Hit]) -> None:
        self.hits = hits
        self.order = sorted(range(len(hits)), key=lambda i: hits[i].start)
        self.starts = [hits[i].start for i in self.order]
        self.longest = max((hit.end - hit.start for hit in hits), default=0)

    def starting(self, *ranges: tuple[int, int]) -> list[Hit]:
        """The hits that start in any of the ``[lo, hi)`` ranges, in their list order."""
        picked: set[int] = set()
        for lo, hi in ranges:
            picked.update(self.order[bisect_left(self.starts, lo) : bisect_left(self.starts, hi)])
        return [self.hits[i] for i in sorted(picked)]

    def overlapping(self, hit: Hit) -> list[Hit]:
        """The hits that share a token with ``hit``, in their list order."""
        return [
            other
            for other in self.starting((hit.start - self.longest + 1, hit.end))
            if other.start < hit.end and hit.start < other.end
        ]


class _Evaluator:
    def __init__(
        self,
        compiled: CompiledCodebook,
        view: AnswerView,
        found: dict[int, list[Hit]],
        code_hits: dict[str, list[Hit]],
        words_only: bool = False,
    ) -> None:
        self.compiled = compiled
        self.view = view
        self.found = found
        self.code_hits = code_hits
        # For exclusions: a relation's hit is the words its two sides matched, not the span
        # between them, so "drone NEAR/6 wetgeving" does not exclude a word in between.
        self.words_only = words_only

    def evaluate(self, node: RuleNode) -> list[Hit]:
        kind = node[0]
        if kind == "phrase":
            return self.found.get(node[1], [])
        if kind == "code":
            return self.code_hits.get(node[1], [])
        if kind == "any":
            found = self.found
            options: list[tuple[RuleNode, list[Hit]]] = []
            for child in node[1]:
                if child[0] == "phrase":
                    # A found phrase has hits; most options of a long alternation are absent.
                    if child[1] in found:
                        options.append((child, found[child[1]]))
                    continue
                hits = self.evaluate(child)
                if hits:
                    options.append((child, hits))
            if not options:
                return []
            if len(options) == 1 and options[0][0][0] == "phrase":
                # One phrase's hits are already in order, one per place: nothing to merge.
                return options[0][1]
            merged: dict[tuple[int, int], Hit] = {}
            for _, hits in options:
                for hit in hits:
                    key = (hit.start, hit.end)
                    if key not in merged or hit.confidence > merged[key].confidence:
                        merged[key] = hit
            return sorted(merged.values(), key=lambda h: (h.start, h.end))
        _, relation, distance, negate, left_node, right_node = node
        left = self.evaluate(left_node)
        if not left:
            return []
        right = self.evaluate(right_node)
        nearby = None
        if (
            len(right) > _SCAN_LIMIT
            and relation != "AND"
            and (relation != "SENT" or _rising(self.view.structure.sentence))
        ):
            nearby = _Nearby(right)
        result: list[Hit] = []
        for hit in left:
            # Only the right-hand hits that overlap this one or can be its partner matter; the
            # others are skipped by the same loop, so the partner is the one a full scan finds.
            candidates = right if nearby is None else self._near(hit, nearby, relation, distance)
            partner = self._partner(hit, candidates, relation, distance, negate)
            if negate:
                if partner is None:
                    result.append(hit)
            elif partner is not None:
                if self.words_only:
                    result.append(hit)
                    result.append(partner)
                elif relation in ("NEAR", "BEFORE", "AFTER", "NEXT"):
                    start = min(hit.start, partner.start)
                    end = max(hit.end, partner.end)
                    confidence = min(0.95, max(hit.confidence, partner.confidence) + 0.05)
                    result.append(Hit(start, end, confidence, hit.notes + partner.notes))
                else:
                    confidence = min(0.95, hit.confidence + 0.03)
                    result.append(Hit(hit.start, hit.end, confidence, hit.notes + partner.notes))
        return result

    def _near(self, hit: Hit, nearby: _Nearby, relation: str, distance: int | None) -> list[Hit]:
        """The hits of ``nearby`` that overlap ``hit`` or stand in ``relation`` to it."""
        overlap = (hit.start - nearby.longest + 1, hit.end)
        if relation == "SENT":
            sentence = self.view.structure.sentence
            wanted = sentence[hit.start]
            # Sentence numbers rise along the tokens: the sentence is one run of them.
            same = (bisect_left(sentence, wanted), bisect_right(sentence, wanted))
            return nearby.starting(overlap, same)
        reach = distance or 0
        if relation == "NEXT":
            # NEXT counts light words, not tokens: a whitespace token may stand beside each.
            # A particle at the end of its clause may stand further (_final_particle).
            particles = self.compiled.table.language.morphology.particle_reach
            reach = 2 * max(reach, particles) + 1
        return nearby.starting((hit.start - reach + 1 - nearby.longest, hit.end + reach))

    def _light_gap(self, start: int, end: int) -> int | None:
        """How many light words ("te", "niet", "mijn") fill the tokens ``start:end``; None
        when another word stands there."""
        light = self.compiled.table.language.morphology.light_words
        count = 0
        for lexeme in self.view.lexemes[start:end]:
            if lexeme.flags & SPACE:
                continue
            if lexeme.fold not in light:
                return None
            count += 1
        return count

    def _final_particle(self, start: int, at: int) -> bool:
        """Whether the token ``at`` is a separable verb particle (or "eens") that ends its
        clause, with at most ``particle_reach`` words and no clause break in ``start:at``:
        "spreekt me het meest aan", "ben het met de meeste punten eens", "sluit het beste aan
        bij mijn wensen", "omdat ik het met ze eens was"."""
        settings = self.compiled.table.language.morphology
        lexemes = self.view.lexemes
        if lexemes[at].fold not in settings.particles:
            return False
        words = 0
        for lexeme in lexemes[start:at]:
            if lexeme.flags & INNER_BREAK or (
                lexeme.fold in settings.clause_openers and not lexeme.flags & CONJUNCTION
            ):
                return False
            if not lexeme.flags & SPACE:
                words += 1
        if words > settings.particle_reach:
            return False
        following = at + 1
        verbs = 0
        while following < len(lexemes):
            lexeme = lexemes[following]
            if lexeme.flags & SPACE and not lexeme.flags & (BOUNDARY | SENT_END):
                following += 1
            elif lexeme.fold in settings.clause_end_verbs and verbs < 2:
                following += 1
                verbs += 1
            else:
                break
        if following == len(lexemes):
            return True
        after = lexemes[following]
        return (
            bool(after.flags & CLAUSE_BREAK)
            or after.fold in settings.clause_openers
            or (not verbs and after.fold in settings.phrase_openers)
        )

    def _opens(self, other: Hit, hit: Hit) -> bool:
        """Whether ``other`` is a preposition or conjunction that opens the phrase of ``hit``
        ("voor de zorg"): one word before it, only light words between. Only a word that may
        be a verb is worth it: a rule forbids a word near a verb for the verb's own
        preposition ("zorgen voor"), but near a name or a noun for the one before it ("tegen
        Rutte")."""
        if other.end > hit.start or other.end - other.start != 1:
            return False
        if not self.view.lexemes[hit.start].flags & VERB_FORM:
            return False
        openers = self.compiled.table.language.morphology.phrase_openers
        if self.view.lexemes[other.start].fold not in openers:
            return False
        return self._light_gap(other.end, hit.start) is not None

    def _other_clause(self, other: Hit, hit: Hit) -> bool:
        """Whether ``other`` is a function word with punctuation between it and ``hit``: it
        belongs to the next phrase or clause ("goede zorg, dat vind ik belangrijk" is no
        "zorgen dat"), so a NOT rule's function word there forbids nothing."""
        if other.end - other.start != 1:
            return False
        lexemes = self.view.lexemes
        if not lexemes[other.start].flags & FUNCTION_WORD:
            return False
        start, end = (hit.end, other.start) if other.start >= hit.end else (other.end, hit.start)
        return any(lexeme.flags & INNER_BREAK for lexeme in lexemes[start:end])

    def _partner(
        self, hit: Hit, right: list[Hit], relation: str, distance: int | None, negate: bool
    ) -> Hit | None:
        best: Hit | None = None
        best_gap = 1 << 30
        sentence = None
        if relation == "SENT":
            sentence = self.view.structure.sentence
        for other in right:
            if other.start < hit.end and hit.start < other.end:
                # The same words cannot be both sides of a relation, but a word that a NOT
                # rule forbids counts wherever it stands, inside the hit too.
                if negate:
                    return other
                continue
            if relation == "AND":
                return other
            if (
                not negate
                and relation != "SENT"
                and self.view.lexemes[min(hit.start, other.start)].flags & SHARED
            ):
                continue  # a joiner read as a shared head only ends a span (match_answer)
            if (
                negate
                and relation == "NEAR"
                and (self._opens(other, hit) or self._other_clause(other, hit))
            ):
                continue
            if relation == "NEXT":
                if other.start >= hit.end and other.start - hit.end < best_gap:
                    gap = self._light_gap(hit.end, other.start)
                    if (gap is not None and distance is not None and gap <= distance) or (
                        other.end - other.start == 1 and self._final_particle(hit.end, other.start)
                    ):
                        best, best_gap = other, other.start - hit.end
                continue
            if relation == "SENT":
                assert sentence is not None
                if sentence[other.start] == sentence[hit.start]:
                    return other
                continue
            after = other.start >= hit.end
            gap = other.start - hit.end + 1 if after else hit.start - other.end + 1
            if relation == "BEFORE" and not after:
                continue
            if relation == "AFTER" and after:
                continue
            if distance is not None and gap <= distance and gap < best_gap:
                best, best_gap = other, gap
        return best


def _whole_answer(
    view: AnswerView, candidates: list[tuple[Hit, CompiledRule]], own_terms: AbstractSet[int]
) -> list[tuple[Hit, CompiledRule]]:
    """One hit covering the answer when the hits leave only punctuation and fillers uncovered.

    "Geen, alles liep goed" is non-substantive as a whole even though two rules matched parts.
    A relation's span covers the words between its sides ("het *liep* prima"), but not a word
    that meets other codes' terms and none of this code's: "het *budget* was prima" is about
    the budget.
    """
    covered: set[int] = set()
    entries = view.entries
    for hit, _ in candidates:
        for i in range(hit.start, hit.end):
            entry = entries[i]
            if entry and own_terms.isdisjoint([term for term, _ in entry]):
                continue
            covered.add(i)
    for i, lexeme in enumerate(view.lexemes):
        if i not in covered and not lexeme.flags & (PUNCT | SPACE | FILLER):
            return []
    best_hit, best_rule = max(candidates, key=lambda c: (c[0].end - c[0].start, -c[0].start))
    start = min(hit.start for hit, _ in candidates)
    end = max(hit.end for hit, _ in candidates)
    notes = tuple(dict.fromkeys(note for hit, _ in candidates for note in hit.notes))
    return [(Hit(start, end, best_hit.confidence, notes), best_rule)]


def _overlaps(hit: Hit, spans: list[Hit]) -> bool:
    return any(hit.start < other.end and other.start < hit.end for other in spans)


def match_answer(
    compiled: CompiledCodebook,
    view: AnswerView,
    code_ids: Sequence[str],
    question: str | None = None,
) -> list[Match]:
    """The matches of the codes ``code_ids`` (dependency order) in one answer to ``question``.

    Rules scoped to other questions (``questions:`` in the codebook) are skipped.
    """
    found = phrase_hits(compiled, view)
    if not found:
        return []
    steps, allowed, referenced = compiled.rule_plan(question, code_ids)
    live_codes, live = compiled.live_rules(found.keys())
    code_hits: dict[str, list[Hit]] = {}
    matches: dict[str, list[Match]] = {}
    evaluator = _Evaluator(compiled, view, found, code_hits)
    lacking_phrases = compiled.table.language.negation.lacking_phrases
    cued: bool | None = None  # whether any token is a cue word, once a code has candidates
    for code_id, entry, rules, exclusions in steps:
        if code_id not in live_codes:
            continue
        candidates: list[tuple[Hit, CompiledRule]] = []
        for rule in rules:
            if rule.uid in live:
                for hit in evaluator.evaluate(rule.node):
                    # A joiner read as a shared head ("en" of "eerste en tweede
                    # wereldoorlog") only completes the modifier before it.
                    if not view.lexemes[hit.start].flags & SHARED:
                        candidates.append((hit, rule))
        if not candidates:
            continue
        code = entry.code
        if entry.exclusions:
            words = _Evaluator(compiled, view, found, code_hits, words_only=True)
            excluded = [
                h for rule in exclusions if rule.uid in live for h in words.evaluate(rule.node)
            ]
            if len(excluded) > _SCAN_LIMIT:
                index = _Nearby(excluded)
                candidates = [(h, r) for h, r in candidates if not index.overlapping(h)]
            else:
                candidates = [(h, r) for h, r in candidates if not _overlaps(h, excluded)]
        if code.whole_answer:
            candidates = _whole_answer(view, candidates, compiled.code_terms(code_id))
        kept: list[Match] = []
        if cued is None:
            cued = view.cued
        for hit, rule in candidates:
            if cued:
                pol = polarity(
                    view.lexemes,
                    view.structure,
                    hit.start,
                    hit.end,
                    code.window,
                    lacking_phrases,
                    cued=True,
                )
            else:
                pol = PLAIN_POLARITY
            action = "keep"
            if pol.state == LACKING_STATE:
                action = code.negation.lacking
            elif pol.state == SUFFICIENT_STATE:
                action = code.negation.sufficient
            elif pol.state == POSITIVE_STATE:
                action = code.negation.positive
            if action == "drop":
                continue
            confidence = rule.pattern.confidence or hit.confidence
            if code.whole_answer:
                confidence = rule.pattern.confidence or 0.95
            target, flipped = code_id, None
            if action != "keep":
                target, flipped = action, code_id
            kept.append(
                Match(target, rule, hit.start, hit.end, confidence, pol, hit.notes, flipped)
            )
        for match in kept:
            matches.setdefault(match.code, []).append(match)
        own = [m for m in kept if m.code == code_id] if code_id in referenced else None
        if own:
            code_hits[code_id] = [Hit(m.start, m.end, m.confidence, m.notes) for m in own]
    return _finish(compiled, view, matches, allowed)


def _finish(
    compiled: CompiledCodebook,
    view: AnswerView,
    matches: dict[str, list[Match]],
    allowed: AbstractSet[str],
) -> list[Match]:
    """Marks, one match per place and code, and exclusive codes; in a stable order."""
    result: list[Match] = []
    for code_id, found in matches.items():
        if code_id not in allowed:
            continue
        code = compiled.codes[code_id].code
        if len(found) == 1:  # most codes: one place, nothing to choose between
            result.append(_mark(view, found[0], code.marks))
            continue
        expanded = [_mark(view, match, code.marks) for match in found]
        expanded.sort(key=lambda m: (-m.confidence, -(m.end - m.start), m.start, m.rule.rule_id))
        result.extend(_one_per_place(expanded))
    exclusive = {m.code for m in result if compiled.codes[m.code].code.exclusive}
    if exclusive:
        result = [m for m in result if m.code in exclusive]
    if len(result) > 1:
        result.sort(key=lambda m: (m.start, m.end, m.code, m.rule.rule_id))
    return result


def _rising(numbers: Sequence[int]) -> bool:
    """Whether ``numbers`` never go down (sentence numbers along the tokens)."""
    return all(a <= b for a, b in pairwise(numbers))


def _one_per_place(ranked: list[Match]) -> list[Match]:
    """Each match that overlaps none ranked before it and kept.

    What is kept never overlaps, so its spans sorted by start also have their ends in order, and
    the only kept span a new one can overlap is the last that starts before it ends.
    """
    if any(match.start >= match.end for match in ranked):  # an empty span: compare them all
        chosen: list[Match] = []
        for match in ranked:
            if not any(match.start < c.end and c.start < match.end for c in chosen):
                chosen.append(match)
        return chosen
    kept: list[Match] = []
    spans: list[tuple[int, int]] = []
    for match in ranked:
        before = bisect_left(spans, (match.end, -1)) - 1
        if before >= 0 and spans[before][1] > match.start:
            continue
        insort(spans, (match.start, match.end))
        kept.append(match)
    return kept


def _mark(view: AnswerView, match: Match, marks: str) -> Match:
    if marks == "hit":
        return match
    lexemes = view.lexemes
    if marks == "answer":
        start, end = 0, len(lexemes)
    else:
        sentence = view.structure.sentence
        wanted = sentence[match.start]
        start = match.start
        while start > 0 and sentence[start - 1] == wanted:
            start -= 1
        end = match.end
        while end < len(lexemes) and sentence[end] == wanted:
            end += 1
    while start < end and lexemes[start].flags & SPACE:
        start += 1
    while end > start and lexemes[end - 1].flags & SPACE:
        end -= 1
    return Match(
        match.code,
        match.rule,
        start,
        end,
        match.confidence,
        match.polarity,
        match.notes,
        match.flipped_from,
    )
