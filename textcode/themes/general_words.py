"""General words: words that say what a question's answers are about, not which theme.

Answers to "why did you vote for this party?" say "partij" and "goed" in every theme ("de
partij komt op voor ouderen", "goede standpunten", "beste partij voor het klimaat"). Such a
word stands in many answers, hardly ever alone, and beside many different words, spread
evenly: it co-occurs with everything, so the word associations learned from the answers give
it a strong vector that pulls answers of unrelated themes together. A theme's own word is
different even when it is as common: "corona" (B1) is often the whole answer, "oorlog" (H8)
stands beside the same few words ("tweede", "wereld").

:func:`general_words` finds them in a corpus of at least :data:`MIN_ANSWERS` answers, where
how evenly a word's neighbours spread can be read; the theme finder learns its associations
without them (they still count as words).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

MIN_ANSWERS = 500  # fewer answers say too little about how a word's neighbours spread
MIN_SHARE = 0.10  # in at least this share of the answers
MAX_ALONE = 0.10  # the whole answer (its only word) in less than this share of its answers
MIN_SPREAD = 0.7  # entropy of its neighbours, against that of every word of the corpus alike

Words = Sequence[tuple[str, ...]]  # an answer: each word as (lemma, its parts..., family)


def general_words(answers: Sequence[Words]) -> frozenset[str]:
    """The lemmas that stand in many answers beside many different words, spread evenly.

    ``answers``: each answer as its words (:attr:`AnswerFeatures.words`). A word counts once
    per answer, by its lemma; its neighbours are the other lemmas of the answers it stands in.
    Compound parts and word family names ("~standpunt") are never general: they are not
    lemmas of a word of their own.
    """
    lemma_sets = [frozenset(word[0] for word in words) for words in answers if words]
    if len(lemma_sets) < MIN_ANSWERS:
        return frozenset()
    counts: dict[str, int] = {}
    for lemmas in lemma_sets:
        for lemma in lemmas:
            counts[lemma] = counts.get(lemma, 0) + 1
    candidates = {lemma for lemma, n in counts.items() if n >= MIN_SHARE * len(lemma_sets)}
    if not candidates:
        return frozenset()
    alone = dict.fromkeys(candidates, 0)
    neighbours: dict[str, dict[str, int]] = {lemma: {} for lemma in candidates}
    for lemmas in lemma_sets:
        for lemma in lemmas & candidates:
            if len(lemmas) == 1:
                alone[lemma] += 1
            found = neighbours[lemma]
            for other in lemmas:
                if other != lemma:
                    found[other] = found.get(other, 0) + 1
    most = math.log(max(2, len(counts)))
    return frozenset(
        lemma
        for lemma in candidates
        if alone[lemma] < MAX_ALONE * counts[lemma]
        and _entropy(neighbours[lemma].values()) >= MIN_SPREAD * most
    )


def _entropy(counts: Iterable[int]) -> float:
    """Shannon entropy (natural log) of a distribution given by counts; exact sums, so the
    answers' order never changes it."""
    values = [c for c in counts if c > 0]
    total = sum(values)
    if not total:
        return 0.0
    return -math.fsum(c / total * math.log(c / total) for c in values)
