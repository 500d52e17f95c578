"""Which columns of a wide table hold free-text answers, when the user did not say.

The rule, per column (only its non-empty cells count):

- a column of numbers, dates, booleans or SPSS value labels is an attribute;
- free text: at least half of the values differ, they average three words or more and the
  longest has six words or more ("Juridische expertise m.b.t. inkoop en aangaan van open
  innovatietrajecten");
- an attribute: values average under two words, or none has four words, or (from five values
  on) fewer than 30% of them differ (a region, a yes/no, a name of an organisation);
- anything else (short answers such as "Zelf geïnitieerd", names of people) is unsure, and
  then :func:`textcode.ingest.read_answers` asks for ``--text-column`` rather than guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

Verdict = Literal["text", "attribute", "unsure"]

MIN_DISTINCT_TEXT = 0.5
MIN_MEAN_WORDS_TEXT = 3.0
MIN_MAX_WORDS_TEXT = 6
MAX_MEAN_WORDS_ATTRIBUTE = 2.0
MAX_MAX_WORDS_ATTRIBUTE = 4
MAX_DISTINCT_ATTRIBUTE = 0.3
MIN_VALUES_FOR_DISTINCT = 5


@dataclass(frozen=True)
class ColumnStats:
    """What the rule looks at in one column."""

    n_values: int
    mean_words: float
    max_words: int
    distinct: float


def column_stats(values: pd.Series) -> ColumnStats | None:
    """Word counts and share of distinct values, or None for a column that is not text."""
    if isinstance(values.dtype, pd.CategoricalDtype) or not (
        pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype)
    ):
        return None
    present = [v for v in values.tolist() if v is not None and v == v]
    texts = [v.strip() for v in present if isinstance(v, str)]
    # A stray number among answers (Excel types "5" as a number) does not make it non-text.
    if len(texts) < 0.9 * len(present):
        return None
    texts = [t for t in texts if t]
    if not texts:
        return None
    words = [len(t.split()) for t in texts]
    return ColumnStats(
        n_values=len(texts),
        mean_words=sum(words) / len(words),
        max_words=max(words),
        distinct=len(set(texts)) / len(texts),
    )


def verdict(stats: ColumnStats | None) -> Verdict:
    """``text``, ``attribute`` or ``unsure`` for a column (see the module docstring)."""
    if stats is None:
        return "attribute"
    if (
        stats.distinct >= MIN_DISTINCT_TEXT
        and stats.mean_words >= MIN_MEAN_WORDS_TEXT
        and stats.max_words >= MIN_MAX_WORDS_TEXT
    ):
        return "text"
    if stats.mean_words < MAX_MEAN_WORDS_ATTRIBUTE or stats.max_words < MAX_MAX_WORDS_ATTRIBUTE:
        return "attribute"
    if stats.n_values >= MIN_VALUES_FOR_DISTINCT and stats.distinct < MAX_DISTINCT_ATTRIBUTE:
        return "attribute"
    return "unsure"


def classify(frame: pd.DataFrame, columns: list[str]) -> dict[str, Verdict]:
    """The verdict for each of ``columns``, in order."""
    return {column: verdict(column_stats(frame[column])) for column in columns}
