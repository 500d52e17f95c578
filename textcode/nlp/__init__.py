"""The language pipeline: spaCy loading, lemmas, compounds, negation scopes (language-neutral)."""

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
