"""Verbal quantifiers: the shares the seed report puts into words, and the rules around them."""

from __future__ import annotations

import pytest

from textcode.analysis.counts import Share
from textcode.analysis.insights import render
from textcode.analysis.quantifiers import (
    agree_verbs,
    bound_phrase,
    capitalize,
    format_percent,
    join_items,
    number_word,
    percent,
    quantified_noun,
    singular_noun,
    verbal_quantifier,
)


@pytest.mark.parametrize(
    ("share", "words"),
    [
        # The examples of the issue, as the seed report writes them.
        (0.73, "bijna driekwart"),
        (0.20, "één op de vijf"),
        (0.26, "ruim een kwart"),
        (0.50, "de helft"),
        (0.67, "twee derde"),
        (0.96, "vrijwel alle"),
        # The sample's figures.
        (18 / 25, "bijna driekwart"),
        (2 / 3, "twee derde"),
        (67 / 89, "driekwart"),
        (50 / 67, "driekwart"),
        (31 / 67, "bijna de helft"),
        (7 / 67, "één op de tien"),
        (4 / 12, "een derde"),
        (25 / 89, "ruim een kwart"),
        (48 / 89, "ruim de helft"),
        (23 / 24, "vrijwel alle"),
        # The edges of the ladder.
        (0.0, "geen"),
        (1.0, "alle"),
        (0.95, "vrijwel alle"),
        (0.949, "ruim negen op de tien"),
        (0.90, "negen op de tien"),
        (0.044, "vrijwel geen"),
        (0.045, "één op de twintig"),  # 4.5% rounds to 5%
        (0.05, "één op de twintig"),
        (0.15, "ruim één op de tien"),  # a tie goes to the lower anchor
        (0.70, "ruim twee derde"),
        (0.77, "ruim driekwart"),
        (0.245, "een kwart"),  # 24.5% rounds to 25%
        (0.244, "bijna een kwart"),
    ],
)
def test_dutch_quantifiers(share: float, words: str) -> None:
    assert verbal_quantifier(share) == words


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (0.73, "almost three quarters"),
        (0.20, "one in five"),
        (0.26, "just over a quarter"),
        (0.50, "half"),
        (0.67, "two thirds"),
        (0.96, "nearly all"),
        (0.0, "none"),
    ],
)
def test_english_quantifiers(share: float, words: str) -> None:
    assert verbal_quantifier(share, language="en") == words


def test_tenths_as_the_report_writes_them() -> None:
    # "bij twee op de tien niet" (12 of 60 own-funded projects).
    assert verbal_quantifier(12 / 60, unit=10) == "twee op de tien"
    assert verbal_quantifier(0.27, unit=10) == "bijna drie op de tien"


def test_noun_phrases() -> None:
    assert quantified_noun(0.25, "projecten") == "een kwart van de projecten"
    assert quantified_noun(0.20, "organisaties") == "één op de vijf organisaties"
    assert quantified_noun(0.96, "deelnemers") == "vrijwel alle deelnemers"
    assert quantified_noun(0.0, "projecten") == "geen van de projecten"
    assert quantified_noun(0.5, "projects", language="en") == "half of the projects"
    assert quantified_noun(0.2, "projects", language="en") == "one in five projects"


def test_bounds() -> None:
    assert bound_phrase(25 / 89, 0.25) == "meer dan een kwart"
    assert bound_phrase(36 / 89, 0.5) == "minder dan de helft"
    assert bound_phrase(48 / 89, 0.5) == "meer dan de helft"
    assert bound_phrase(0.5, 0.5) == "de helft"
    assert bound_phrase(0.3, 0.25, language="en") == "more than a quarter"


def test_numbers_and_percentages() -> None:
    assert number_word(1) == "één"
    assert number_word(0) == "geen"
    assert number_word(25) == "25"
    assert number_word(2, language="en") == "two"
    assert percent(0.125) == 13  # halves round up, not to even
    assert percent(23 / 24) == 96
    assert format_percent(14 / 24) == "58%"


def test_sentence_case_and_lists() -> None:
    assert capitalize("één op de vijf deelnemers") == "Eén op de vijf deelnemers"
    assert capitalize("bijna driekwart") == "Bijna driekwart"
    assert join_items(["a", "b", "c"]) == "a, b en c"
    assert join_items(["a", "b"], language="en") == "a and b"


def test_verb_agrees_with_quantifier() -> None:
    text = "{x} [[houdt|houden]] rekening"
    assert agree_verbs(text, 0.96) == "{x} houden rekening"
    assert agree_verbs(text, 0.72) == "{x} houdt rekening"


@pytest.mark.parametrize("bad", [-0.1, 1.2, float("nan")])
def test_bad_share(bad: float) -> None:
    with pytest.raises(ValueError, match="share"):
        verbal_quantifier(bad)


def test_unknown_language() -> None:
    with pytest.raises(ValueError, match="xx"):
        verbal_quantifier(0.5, language="xx")


@pytest.mark.parametrize(
    ("noun", "n", "sentence"),
    [
        ("projecten", 1, "Eén project noemt 'Financiering'."),
        ("deelnemende organisaties", 0, "Geen deelnemende organisatie noemt 'Financiering'."),
        ("projecten", 3, "Driekwart van de projecten noemt 'Financiering'."),
    ],
)
def test_a_base_of_one_unit_is_singular(noun: str, n: int, sentence: str) -> None:
    share = Share(n, 1 if n < 2 else 4, ())
    assert render("{quant_np} [[noemt|noemen]] 'Financiering'.", share, noun=noun) == sentence
    if n < 2:  # English keeps its plural sentences
        assert singular_noun(noun, language="en") is None
