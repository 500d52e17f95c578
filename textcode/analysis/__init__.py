"""Counting and explaining coded answers: small functions over DataFrames.

    >>> from textcode.analysis import code_frequencies, verbal_quantifier
    >>> verbal_quantifier(0.73)
    'bijna driekwart'

See ``docs/analysis.md`` for every function with a runnable example.
"""

from textcode.analysis.cooccurrence import cooccurrence, cooccurrence_pairs
from textcode.analysis.counts import (
    Share,
    closed_counts,
    code_frequencies,
    codes_per_answer,
    per_unit,
    share_of,
)
from textcode.analysis.crosstab import (
    CodeCrosstab,
    Crosstab,
    TestResult,
    code_crosstab,
    crosstab,
    independence_test,
)
from textcode.analysis.frames import (
    EMPTY_CODE,
    answer_status,
    decisions,
    is_selected,
    rows_table,
)
from textcode.analysis.insights import Insight, Insights, make_insight, render
from textcode.analysis.keyness import keyness, lemma_frequencies
from textcode.analysis.kwic import format_kwic, kwic, kwic_summary
from textcode.analysis.multiselect import multiselect_counts, option_for_code
from textcode.analysis.quantifiers import (
    bound_phrase,
    format_percent,
    number_word,
    quantified_noun,
    verbal_quantifier,
)
from textcode.analysis.survey import SurveyAnalysis, analyse_survey, normalize_questions
from textcode.analysis.tokens import content_lemmas, tokenize

__all__ = [
    "EMPTY_CODE",
    "CodeCrosstab",
    "Crosstab",
    "Insight",
    "Insights",
    "Share",
    "SurveyAnalysis",
    "TestResult",
    "analyse_survey",
    "answer_status",
    "bound_phrase",
    "closed_counts",
    "code_crosstab",
    "code_frequencies",
    "codes_per_answer",
    "content_lemmas",
    "cooccurrence",
    "cooccurrence_pairs",
    "crosstab",
    "decisions",
    "format_kwic",
    "format_percent",
    "independence_test",
    "is_selected",
    "keyness",
    "kwic",
    "kwic_summary",
    "lemma_frequencies",
    "make_insight",
    "multiselect_counts",
    "normalize_questions",
    "number_word",
    "option_for_code",
    "per_unit",
    "quantified_noun",
    "render",
    "rows_table",
    "share_of",
    "tokenize",
    "verbal_quantifier",
]
