"""The language pipeline: spaCy loading, lemmas, compounds, negation scopes (language-neutral).

The names below are imported on first use: the negation and normalisation modules serve
commands that never tokenise (``textcode review`` shows an evidence's polarity) without
importing spaCy, which only :mod:`textcode.nlp.pipeline` needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textcode.public import lazy_names

_PUBLIC: dict[str, str] = {
    "Lexeme": "textcode.nlp.lexemes",
    "LexemeTable": "textcode.nlp.lexemes",
    "Lexicon": "textcode.nlp.lexicon",
    "load_lexicon": "textcode.nlp.lexicon",
    "fold": "textcode.nlp.normalize",
    "nfc_with_offsets": "textcode.nlp.normalize",
    **{
        name: "textcode.nlp.pipeline"
        for name in (
            "LemmaToken",
            "embedded_pipeline",
            "installed_model",
            "lemma_tokens",
            "lemmas",
            "load_pipeline",
            "pipeline_source",
            "shared_pipeline",
            "token_lemma",
        )
    },
}

__all__ = [
    "LemmaToken",
    "Lexeme",
    "LexemeTable",
    "Lexicon",
    "embedded_pipeline",
    "fold",
    "installed_model",
    "lemma_tokens",
    "lemmas",
    "load_lexicon",
    "load_pipeline",
    "nfc_with_offsets",
    "pipeline_source",
    "shared_pipeline",
    "token_lemma",
]

if TYPE_CHECKING:
    from textcode.nlp.lexemes import Lexeme, LexemeTable
    from textcode.nlp.lexicon import Lexicon, load_lexicon
    from textcode.nlp.normalize import fold, nfc_with_offsets
    from textcode.nlp.pipeline import (
        LemmaToken,
        embedded_pipeline,
        installed_model,
        lemma_tokens,
        lemmas,
        load_pipeline,
        pipeline_source,
        shared_pipeline,
        token_lemma,
    )

__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
