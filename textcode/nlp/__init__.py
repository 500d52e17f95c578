"""The language pipeline: spaCy loading, lemmas, compounds, negation scopes (language-neutral)."""

from textcode.nlp.lexemes import Lexeme, LexemeTable
from textcode.nlp.lexicon import Lexicon, load_lexicon
from textcode.nlp.normalize import fold, nfc_with_offsets
from textcode.nlp.pipeline import (
    embedded_pipeline,
    installed_model,
    lemmas,
    load_pipeline,
    pipeline_source,
)

__all__ = [
    "Lexeme",
    "LexemeTable",
    "Lexicon",
    "embedded_pipeline",
    "fold",
    "installed_model",
    "lemmas",
    "load_lexicon",
    "load_pipeline",
    "nfc_with_offsets",
    "pipeline_source",
]
