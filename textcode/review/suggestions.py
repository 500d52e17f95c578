"""Moved to :mod:`textcode.coding.suggestions`, where suggestion records are written and read;
these names stay importable from here."""

from textcode.coding.suggestions import (
    SuggestionSource,
    answer_texts,
    load_suggestions,
    records,
)

__all__ = ["SuggestionSource", "answer_texts", "load_suggestions", "records"]
