"""What the detectors need to know about one language and country.

Each language folder ships ``textcode/lang/<code>/privacy.py`` with a ``PRIVACY`` object of
type :class:`~textcode.lang.PrivacyData`, reached through :func:`textcode.lang.get_language`;
the detectors in :mod:`textcode.privacy.detect` only read it.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources

from textcode.lang import PrivacyData, get_language

__all__ = ["PrivacyData", "ordinary_words", "privacy_data"]


def privacy_data(language: str) -> PrivacyData:
    """The privacy data of a language code such as ``"nl"``; InputError if there is none."""
    return get_language(language).privacy


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
