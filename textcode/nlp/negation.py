"""Negation and contrast scopes: is a mention missing, fine, or just mentioned?

An answer is cut into clauses at punctuation and contrast words ("maar", "wel"). Within its
clause, a mention is governed by negators ("geen", "niet") and lack words ("gebrek",
"onvoldoende") at most ``window`` tokens away, and by sufficiency words ("voldoende") and problem
nouns ("probleem") anywhere in the clause. Lack verbs such as "ontbreken" also reach later
clauses of the same sentence: in "het ontbrak niet aan geld, wel aan tijd" money is fine and
time is missing.

The outcome is a :class:`Polarity`: ``lacking``, ``sufficient`` or ``plain``, whether any cue
governs the mention (the suggestion's ``negated``), and which cue tokens did it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from textcode.nlp.lexemes import (
    BOUNDARY,
    CONJUNCTION,
    CONTRAST,
    COPULA,
    ELLIPTIC,
    LACKING,
    NEGATOR,
    PHRASE_CUE,
    POLARITY_CUES,
    POSITIVE,
    PROBLEM,
    SENT_END,
    SENT_LACKING,
    SUFFICIENT,
    Lexeme,
    LexemeTable,
)

PLAIN = "plain"
LACKING_STATE = "lacking"
SUFFICIENT_STATE = "sufficient"
POSITIVE_STATE = "positive"


@dataclass(frozen=True, slots=True)
class Polarity:
    """What the cues around a mention say about it."""

    state: str  # "plain", "lacking", "sufficient" or "positive"
    negated: bool
    cues: tuple[int, ...]  # token indices of the governing cues


_PLAIN = Polarity(PLAIN, False, ())
PLAIN_POLARITY = _PLAIN  # what polarity() says wherever no token has a POLARITY_CUES flag


@dataclass(frozen=True, slots=True)
class Clauses:
    """Sentence and clause number of every token of one answer."""

    sentence: tuple[int, ...]
    clause: tuple[int, ...]


def clauses(lexemes: Sequence[Lexeme]) -> Clauses:
    """Number the sentences and clauses of an answer (cut at ends, punctuation, contrast)."""
    sentence: list[int] = []
    clause: list[int] = []
    s = c = 0
    for lexeme in lexemes:
        flags = lexeme.flags
        if flags & (BOUNDARY | CONTRAST) and not flags & SENT_END:
            c += 1
        sentence.append(s)
        clause.append(c)
        if flags & SENT_END:
            s += 1
            c += 1
    return Clauses(tuple(sentence), tuple(clause))


def polarity(
    lexemes: Sequence[Lexeme],
    structure: Clauses,
    start: int,
    end: int,
    window: int,
    lacking_phrases: tuple[tuple[str, ...], ...] = (),
    *,
    cued: bool = False,
) -> Polarity:
    """The polarity of the mention ``lexemes[start:end]`` (token indices, end exclusive).

    ``cued=True`` says the caller has checked that some token has a cue flag (POLARITY_CUES).
    """
    if not cued and not any(lexeme.flags & POLARITY_CUES for lexeme in lexemes):
        return _PLAIN  # most answers: no cue anywhere, nothing to scope
    clause_id = structure.clause[start]
    sentence_id = structure.sentence[start]
    n = len(lexemes)
    lo = start
    while lo > 0 and structure.clause[lo - 1] == clause_id:
        lo -= 1
    hi = end
    while hi < n and structure.clause[hi] == clause_id:
        hi += 1

    # Cue positions that a conjunction ("en", "of") cuts off from the mention: in "een lange
    # adem en niet opgeven" the "niet" belongs to "opgeven", not to "adem".
    blocked_before = max(
        (i for i in range(lo, start) if lexemes[i].flags & CONJUNCTION), default=lo - 1
    )
    blocked_after = min((i for i in range(end, hi) if lexemes[i].flags & CONJUNCTION), default=hi)

    negators = lacking = sufficient = problems = positive = 0
    negated_problem = False
    cues: list[int] = []
    own_cues: list[int] = []
    for i in range(lo, hi):
        flags = lexemes[i].flags
        # "geen probleem" anywhere in the clause: the clause says things were fine.
        if flags & NEGATOR and i + 1 < hi and lexemes[i + 1].flags & PROBLEM:
            negated_problem = True
            cues.append(i)
            continue
        if start <= i < end:
            # A cue the rule itself matched ("niet opgeven", "gebrek aan kennis") is part of
            # what the code means: it marks the evidence as negated but does not turn it.
            if flags & (NEGATOR | LACKING):
                own_cues.append(i)
            continue
        near = start - window <= i < end + window and blocked_before < i < blocked_after
        if flags & NEGATOR and near:
            negators += 1
            cues.append(i)
        elif flags & LACKING and near:
            lacking += 1
            cues.append(i)
        if flags & SUFFICIENT and blocked_before < i < blocked_after:
            sufficient += 1
            cues.append(i)
        if flags & POSITIVE and (
            i == start - 1
            or (
                end <= i < min(end + window, blocked_after)
                and any(lexemes[k].flags & COPULA for k in range(end, i))
            )
        ):
            positive += 1
            cues.append(i)
        if flags & PROBLEM and not (i > lo and lexemes[i - 1].flags & NEGATOR):
            problems += 1
    first = max(lo, start - window, blocked_before + 1)
    last = min(hi, end + window, blocked_after)
    # Where a lacking phrase can start ("te" of "te weinig"): usually nowhere.
    starts = [i for i in range(first, last) if lexemes[i].flags & PHRASE_CUE]
    for phrase in lacking_phrases if starts else ():
        size = len(phrase)
        for i in starts:
            if i > last - size:
                break
            words = lexemes[i : i + size]
            if all(phrase[k] in (w.fold, *w.lemmas) for k, w in enumerate(words)) and not any(
                w.flags & LACKING for w in words
            ):
                lacking += 1
                cues.append(i)
    # A lack verb earlier in the sentence reaches across a contrast ("het ontbrak niet aan geld,
    # wel aan tijd"); any lack word does when the clause opens with "wel" ("aan geld geen
    # gebrek, wel aan mensen").
    reach = LACKING if lexemes[lo].flags & ELLIPTIC else SENT_LACKING
    i = lo - 1
    while i >= 0 and structure.sentence[i] == sentence_id and not lacking:
        if lexemes[i].flags & reach:
            lacking += 1
            cues.append(i)
            break
        i -= 1

    if negated_problem or sufficient:
        state = SUFFICIENT_STATE
    elif lacking or problems:  # problems: "het budget was een probleem"
        state = LACKING_STATE
    elif positive:
        state = POSITIVE_STATE
    else:
        state = PLAIN
    if negators % 2 == 1:
        # "niet goed", "niet voldoende": missing; "geen gebrek aan": fine.
        state = LACKING_STATE if state != LACKING_STATE else SUFFICIENT_STATE
    negated = bool(own_cues) or (bool(cues) and (negators > 0 or lacking > 0 or negated_problem))
    return Polarity(state, negated, tuple(sorted(set(cues + own_cues))))


@dataclass(frozen=True, slots=True)
class SpanPolarity:
    """The polarity of one evidence span of an answer, as a reviewer needs it: ``state`` is
    ``lacking``, ``sufficient``, ``positive`` or ``none``, ``cues`` the words that decide it."""

    state: str
    cues: tuple[str, ...] = ()


NO_POLARITY = SpanPolarity("none")


def span_polarity(
    text: str, start: int, end: int, *, language: str = "nl", window: int = 4
) -> SpanPolarity:
    """What the words around ``text[start:end]`` say about it, the way the coder reads them.

    The coder keeps only its verdict (``negated``) in a suggestion; a reviewer needs to know
    whether the evidence is said to be missing ("te **weinig mensen**": right for a barrier),
    fine ("voldoende budget") or praised, so this reads the answer again with the same cues.
    """
    if not text or start >= end:
        return NO_POLARITY
    table = _lexeme_table(language)
    read = _read(text, language)
    lexemes = read.lexemes
    # The tokens that overlap the span: starts and ends both rise, token after token.
    first = bisect_right(read.ends, start)
    last = bisect_left(read.starts, end) - 1
    if first > last:
        return NO_POLARITY
    found = polarity(
        lexemes,
        read.clauses,
        first,
        last + 1,
        window,
        table.language.negation.lacking_phrases,
    )
    state = found.state
    if state == PLAIN:
        # A lack word the rule itself matched ("weinig mensen", "gebrek aan kennis") leaves
        # the coder's reading plain (it is part of what the code means), but the words still
        # say the thing is missing, and that is what a reviewer needs to see.
        own = [i for i in found.cues if first <= i <= last]
        if any(lexemes[i].flags & LACKING for i in own):
            state = LACKING_STATE
    if state == PLAIN:
        return NO_POLARITY
    return SpanPolarity(state, tuple(read.texts[i] for i in found.cues))


@dataclass(frozen=True, slots=True)
class _Reading:
    """One answer read for :func:`span_polarity`: its tokens' texts, character offsets,
    lexemes and clauses."""

    texts: tuple[str, ...]
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    lexemes: tuple[Lexeme, ...]
    clauses: Clauses


@lru_cache(maxsize=256)
def _read(text: str, language: str) -> _Reading:
    """The reading of one answer, kept for its next span: a review shows every span of an
    answer, and reading the whole answer again for each made a long answer quadratic."""
    from textcode.nlp.pipeline import shared_pipeline

    table = _lexeme_table(language)
    doc = shared_pipeline(language).make_doc(text)
    lexemes = tuple(table.get(token.orth, token.text) for token in doc)
    return _Reading(
        tuple(t.text for t in doc),
        tuple(t.idx for t in doc),
        tuple(t.idx + len(t.text) for t in doc),
        lexemes,
        clauses(lexemes),
    )


def _lexeme_table(language: str) -> LexemeTable:
    table = _TABLES.get(language)
    if table is None:
        table = _TABLES[language] = LexemeTable(language)
    return table


_TABLES: dict[str, LexemeTable] = {}
