"""A code's own words: the one-word terms its rules look for on their own.

:func:`context_terms` gives them as folded lemmas; the workshop finds corpus words that share
their contexts (``suggest-terms``) and the learned suggester weighs how close an answer comes to
them (:mod:`textcode.review.model`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textcode.codebook.rules import AnyOf, Node, Phrase, parse_rule

if TYPE_CHECKING:
    from textcode.codebook import Codebook


def standalone_phrases(node: Node) -> list[Phrase]:
    """The phrases that are a hit on their own: options of the rule, not sides of a relation
    (a variant of "stemden" in ``altijd NEAR/5 stemden`` is no term by itself)."""
    if isinstance(node, AnyOf):
        return [p for option in node.options for p in standalone_phrases(option)]
    return [node] if isinstance(node, Phrase) else []


def context_terms(codebook: Codebook, code_id: str) -> list[str]:
    """The code's standalone one-word terms and glob prefixes as lemmas (folded), sorted: the
    words whose contexts stand for the code."""
    from textcode.nlp import fold
    from textcode.nlp.lexicon import load_lexicon

    lexicon = load_lexicon(codebook.language)
    terms: set[str] = set()
    for pattern in codebook.code(code_id).patterns:
        for phrase in standalone_phrases(parse_rule(pattern.rule)):
            if len(phrase.terms) != 1:
                continue
            term = phrase.terms[0]
            text = fold(term.text.lower())
            if term.kind == "glob" and text.endswith("*"):
                text = text[:-1]
            elif term.kind not in ("word", "exact"):
                continue
            if text.isalpha() and len(text) >= 3:
                terms.update((text, fold(lexicon.lemma(text))))
    return sorted(terms)
