"""What the detectors need to know about one language and country.

Each language folder ships ``textcode/lang/<code>/privacy.py`` with a ``PRIVACY`` object of
this type; the detectors in :mod:`textcode.privacy.detect` only read it.
"""

from __future__ import annotations

import gzip
import importlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from textcode.errors import InputError


def _no_national_id(digits: str) -> bool:
    return False


@dataclass(frozen=True)
class PrivacyData:
    """Word lists, formats and placeholder labels for one language (see ``lang/nl/privacy.py``)."""

    placeholders: Mapping[str, str]
    first_names: frozenset[str] = frozenset()
    ambiguous_first_names: frozenset[str] = frozenset()
    # Lower-case surnames with their particles as written ("bakker", "de vries"): a sequence
    # typed in lower case after a first name or a title is taken into the name only if listed.
    surnames: frozenset[str] = frozenset()
    surname_prefixes: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    role_words: frozenset[str] = frozenset()
    not_surnames: frozenset[str] = frozenset()
    institution_words: frozenset[str] = frozenset()
    institution_suffixes: tuple[str, ...] = ()
    name_preceders: frozenset[str] = frozenset()
    label_words: frozenset[str] = frozenset()
    function_words: frozenset[str] = frozenset()
    name_idioms: tuple[str, ...] = ()
    # Language code of the spacy-lookups-data lemma table used as a list of ordinary words.
    vocabulary: str | None = None
    tlds: frozenset[str] = frozenset()
    email_at_words: tuple[str, ...] = ()
    email_dot_words: tuple[str, ...] = ()
    postcode_pattern: str | None = None
    postcode_letters: int = 0
    postcode_never_letters: frozenset[str] = frozenset()
    postcode_not_letters: frozenset[str] = frozenset()
    # Words right before a postcode that make any letter case count ("postcode 3584 cs").
    postcode_cues: frozenset[str] = frozenset()
    phone_country_code: str = ""
    phone_national_digits: int = 0
    phone_service_prefixes: tuple[str, ...] = ()
    phone_service_digits: tuple[int, ...] = ()
    phone_not_before: frozenset[str] = frozenset()
    licence_plate_sidecodes: tuple[str, ...] = ()
    national_id_digits: int = 0
    national_id_check: Callable[[str], bool] = field(default=_no_national_id)
    amount_words: frozenset[str] = frozenset()
    # Words right before a number that make it some other identifier ("zaaknummer 123456782").
    other_number_words: frozenset[str] = frozenset()
    # Street addresses: a street name ends in one of these ("Kerkstraat 12", "Oudegracht
    # 245a") or starts with one before a particle ("Laan van Meerdervoort 15").
    street_suffixes: tuple[str, ...] = ()
    # Words right after a number that make it a quantity, not a house number ("30 minuten").
    house_number_not_before: frozenset[str] = frozenset()
    # Words shortly before an address or postcode that make a lower-case one count ("ik woon
    # aan de kerkstraat 12", "adres 3511 ab").
    address_cues: frozenset[str] = frozenset()
    # Words right before four digits that make them a year or a count ("jaar 2021 AB").
    postcode_not_after: frozenset[str] = frozenset()


@cache
def privacy_data(language: str) -> PrivacyData:
    """The privacy data of a language code such as ``"nl"``; InputError if there is none."""
    code = (language or "").strip().lower()
    try:
        module = importlib.import_module(f"textcode.lang.{code}.privacy")
    except ModuleNotFoundError:
        raise InputError(
            f"no personal-data rules for language {language!r} (available: nl)", field="language"
        ) from None
    data: PrivacyData = module.PRIVACY
    return data


@cache
def ordinary_words(code: str) -> frozenset[str]:
    """Lower-case words of the language (spacy-lookups-data lemma tables), or empty.

    Used to tell "Ministerie van Justitie" (an ordinary noun, capitalised) from "Henk-Jan van
    der Plas" (a name). Loaded once, on first need (about half a second).
    """
    words: set[str] = set()
    try:
        folder = resources.files("spacy_lookups_data") / "data"
        with (folder / f"{code}_lemma_lookup.json.gz").open("rb") as handle:
            lookup: dict[str, str] = json.loads(gzip.decompress(handle.read()))
        with (folder / f"{code}_lemma_index.json.gz").open("rb") as handle:
            index: dict[str, list[str]] = json.loads(gzip.decompress(handle.read()))
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
    words.update(lookup)
    words.update(lookup.values())
    for lemmas in index.values():
        words.update(lemmas)
    return frozenset(word.lower() for word in words)
