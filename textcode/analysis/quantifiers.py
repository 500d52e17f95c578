"""Shares in words: 0.73 -> "bijna driekwart", 0.20 -> "één op de vijf", 0.96 -> "vrijwel alle".

The words and thresholds are language data (``textcode/lang/<code>/quantifiers.py``); the rules
are documented there and in ``docs/analysis.md``.
"""

from __future__ import annotations

import math
import re
from types import ModuleType

from textcode.lang import get_language


def _data(language: str) -> ModuleType:
    return get_language(language or "nl").quantifiers


def percent(share: float) -> int:
    """A share as a whole percent, halves rounded up (0.125 -> 13, not banker's 12)."""
    return math.floor(share * 100 + 0.5 + 1e-9)


def format_percent(share: float) -> str:
    """``"72%"``."""
    return f"{percent(share)}%"


def _check(share: float) -> float:
    if not isinstance(share, (int, float)) or math.isnan(share) or not 0 <= share <= 1:
        raise ValueError(f"a share must be a number from 0 to 1, not {share!r}")
    return float(share)


def _choose(share: float, language: str, unit: int | None) -> tuple[str, bool]:
    data = _data(language)
    share = _check(share)
    if share == 0:
        return data.ZERO
    if share == 1:
        return data.ALL
    if share >= data.NEARLY_ALL_FROM:
        return data.NEARLY_ALL
    if share < data.HARDLY_ANY_BELOW:
        return data.HARDLY_ANY
    anchors = data.TENTHS if unit == 10 else data.ANCHORS
    # Nearest anchor; on a tie the lower one ("ruim" reads better than "bijna").
    value, phrase, of_the = min(anchors, key=lambda a: (abs(share - a[0]), a[0]))
    if percent(share) == percent(value):
        return phrase, of_the
    return f"{data.ALMOST if share < value else data.OVER} {phrase}", of_the


def verbal_quantifier(share: float, *, language: str = "nl", unit: int | None = None) -> str:
    """The share in words: ``verbal_quantifier(0.26) == "ruim een kwart"``.

    ``unit=10`` counts in tenths ("twee op de tien") as some reports do.
    """
    return _choose(share, language, unit)[0]


def quantified_noun(
    share: float, noun: str, *, language: str = "nl", unit: int | None = None
) -> str:
    """The share with its noun: "een kwart van de projecten", "één op de vijf deelnemers"."""
    phrase, of_the = _choose(share, language, unit)
    if not noun:
        return phrase
    return f"{phrase} {_data(language).OF_THE} {noun}" if of_the else f"{phrase} {noun}"


def bound_phrase(share: float, bound: float, *, language: str = "nl") -> str:
    """ "meer dan een kwart" / "minder dan de helft" (or the bound itself when they round equal)."""
    data = _data(language)
    share = _check(share)
    phrase = _choose(bound, language, None)[0]
    if percent(share) == percent(bound):
        return phrase
    return f"{data.MORE_THAN if share > bound else data.LESS_THAN} {phrase}"


def number_word(n: int, *, language: str = "nl") -> str:
    """Small counts in words ("één", "twee"); larger ones as digits."""
    words: tuple[str, ...] = _data(language).NUMBER_WORDS
    return words[n] if 0 <= n < len(words) else str(n)


def out_of(n: int, total: int, *, language: str = "nl") -> str:
    """ "18 van 25" / "18 of 25"."""
    return f"{n} {_data(language).OUT_OF} {total}"


def capitalize(text: str, *, language: str = "nl") -> str:
    """Sentence case the language's way ("Eén op de vijf ...")."""
    result: str = _data(language).capitalize(text)
    return result


def templates(language: str = "nl") -> dict[str, str]:
    """The language's sentence templates for generated insights."""
    return dict(_data(language).TEMPLATES)


def default_noun(language: str = "nl") -> str:
    """What to call units when nothing else is known ("respondenten")."""
    return str(_data(language).DEFAULT_NOUN)


def singular_noun(noun: str, *, language: str = "nl") -> str | None:
    """The noun for a base of one unit ("respondenten" -> "respondent"), or None when the
    language's sentences keep the plural. A plural the lexicon knows loses its ending
    ("deelnemende organisaties" -> "deelnemende organisatie"); another noun stays as written."""
    data = _data(language)
    one: str | None = getattr(data, "DEFAULT_NOUN_ONE", None)
    if one is None or not noun or noun == data.DEFAULT_NOUN:
        return one
    from textcode.nlp.lexicon import load_lexicon

    head, _, last = noun.rpartition(" ")
    lexicon = load_lexicon(language)
    readings = lexicon.readings(last, ("noun",))
    single = readings[0] if readings else lexicon.lemma(last)
    return f"{head} {single}" if head else single


def join_items(items: list[str], *, language: str = "nl") -> str:
    """ "A, B en C"."""
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {_data(language).AND} {items[-1]}"


def takes_plural(share: float, *, language: str = "nl") -> bool:
    """Whether a verb after the share's words is plural ("vrijwel alle deelnemers houden")."""
    plural: frozenset[str] = _data(language).PLURAL_AFTER
    return verbal_quantifier(share, language=language) in plural


_NUMBER_MARK = re.compile(r"\[\[([^|\]]*)\|([^\]]*)\]\]")


def agree_verbs(text: str, share: float, *, language: str = "nl", singular: bool = False) -> str:
    """Resolve ``[[singular|plural]]`` marks for the share's quantifier (or all to the
    singular, for a base of one unit)."""
    plural = not singular and takes_plural(share, language=language)
    return _NUMBER_MARK.sub(lambda m: m.group(2) if plural else m.group(1), text)
