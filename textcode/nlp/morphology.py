"""Derived word forms: the bases a word may be built on, so that a term finds its derivations.

The lemma tables give a word's inflections ("koningen" -> "koning") but not its derivations:
"koningin", "geschoolde", "aansprekend", "remigratie" and "huisje" are words of their own, yet
an answer that uses them speaks of the codebook's "koning", "school", "aanspreken", "migratie"
and "huis". :func:`derivation_bases` lists the bases a word form may be derived from, by the
affixes of the language (``textcode/lang/<code>/morphology.py``); the coder counts a base only
when it is a term of the codebook, so a guess that is no word does no harm.
"""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from textcode.lang import MorphologySettings

_VOWELS = frozenset("aeiouy")


def _shortened(stem: str) -> str | None:
    """The stem with a doubled vowel before its last consonant made single ("verpleeg" ->
    "verpleg"), as Dutch spells it before an ending that opens the syllable ("verplegen")."""
    if (
        len(stem) >= 4
        and stem[-1] not in _VOWELS
        and stem[-2] == stem[-3]
        and stem[-2] in _VOWELS
        and stem[-4] not in _VOWELS
    ):
        return stem[:-2] + stem[-1]
    return None


def _lengthened(stem: str) -> str | None:
    """The stem with the vowel before its last consonant doubled ("lerar" -> "leraar")."""
    if (
        len(stem) >= 3
        and stem[-1] not in _VOWELS
        and stem[-2] in _VOWELS
        and stem[-3] not in _VOWELS
        and stem[-2] != "i"
    ):
        return stem[:-1] + stem[-2] + stem[-1]
    return None


def _verb_forms(stem: str) -> list[str]:
    """The stem and its infinitives: "school" -> "school", "schoolen", "scholen"."""
    forms = [stem, stem + "en"]
    if (short := _shortened(stem)) is not None:
        forms.append(short + "en")
    if stem.endswith(("f", "s")) and len(stem) >= 4:
        forms.append(stem[:-1] + ("v" if stem[-1] == "f" else "z") + "en")
    return forms


def derivation_bases(
    word: str,
    settings: MorphologySettings,
    *,
    participle: bool = True,
    verbs: AbstractSet[str] = frozenset(),
) -> tuple[str, ...]:
    """The words ``word`` (folded, lower case) may be derived from, most specific first.

    Female nouns ("koningin" -> "koning", "lerares" -> "leraar"), present participles
    ("aansprekend" -> "aanspreken"), participles used as adjectives ("geschoolde" -> "school",
    "scholen"), nouns of a quality ("duidelijkheid" -> "duidelijk") or an action ("regering" ->
    "regeren", of the ``verbs`` when given), diminutives ("koninkje" -> "koning") and words
    with a bound prefix ("remigratie" -> "migratie"). Words listed as look-alikes
    (``not_derived``) have none. ``participle`` False leaves out the ge-...-d reading, for a
    word the lemma tables already know as a form of a verb: "geregeld" is "regelen", not a
    derivation of "regel". A participle of one of the ``verbs`` (infinitives) stands for that
    verb alone: "geregelde" is "regelen", while "geschoolde", of no verb the tables know, is
    also "school".
    """
    if not word.isalpha() or word in settings.not_derived or len(word) < 5:
        return ()
    found: dict[str, None] = {}

    def add(*forms: str | None) -> None:
        for form in forms:
            if form and len(form) >= 3 and form != word:
                found.setdefault(form, None)

    for suffix in settings.female_suffixes:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= (4 if len(suffix) > 2 else 3):
            add(stem, _lengthened(stem))
            if suffix == "ster":  # "verpleegster" is a woman who "verpleegt": verplegen
                add(*_verb_forms(stem)[1:], (_shortened(stem) or stem) + "er")
    for ending in settings.present_participles:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 4:
            add(stem + "en", stem)
    prefix = settings.past_participle_prefix
    if participle and prefix and word.startswith(prefix):
        for ending in settings.past_participle_endings:
            core = word[len(prefix) : -len(ending)]
            if word.endswith(ending) and len(core) >= 4:
                forms = _verb_forms(core)
                known = [form for form in forms[1:] if form in verbs]
                add(*(known or forms))
    for suffix in settings.quality_suffixes:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 4:
            add(stem)  # "duidelijkheid": duidelijk
    for suffix in settings.action_suffixes:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            # "verandering": veranderen; of the verbs the tables know, when they know one.
            forms = _verb_forms(stem)[1:]
            known = [form for form in forms if form in verbs]
            add(*(known or ([] if verbs else forms)))
    for suffix in settings.diminutives:
        stem = word[: -len(suffix)]
        if word.endswith(suffix) and len(stem) >= 3:
            add(stem)
            if suffix.startswith("k") and stem.endswith("n"):  # "koninkje": koning
                add(stem + "g")
            if suffix.startswith("etje") and len(stem) >= 4 and stem[-1] == stem[-2]:
                add(stem[:-1])  # "balletje": bal
            break  # the longest diminutive ending that fits is the one
    for bound in settings.bound_prefixes:
        rest = word[len(bound) :]
        if word.startswith(bound) and len(rest) >= settings.min_base:
            add(rest)
    return tuple(found)
