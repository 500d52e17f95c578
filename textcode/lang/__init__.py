"""Language data: everything textcode knows about one language, in one folder, behind one door.

The engine knows nothing Dutch; it asks :func:`get_language` for a :class:`LanguageData`
(cues, stop words, compound settings) whose other parts (report wording, quantifiers, privacy
lists, review and theme words) load on first use. Adding a language is adding a folder
``textcode/lang/<code>/`` whose ``__init__`` defines ``LANGUAGE``.

    >>> get_language("nl").report.STRINGS["themes"]
    "Thema's"
    >>> get_language("xx")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    textcode.errors.InputError: field 'language': textcode has no language data for 'xx' ...
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Iterator
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable

from textcode.errors import InputError
from textcode.lang.data import (
    ENGLISH_EXPLANATION,
    ENGLISH_MATCH_NOTES,
    CompoundSettings,
    LanguageData,
    MorphologySettings,
    NegationCues,
    PrivacyData,
)

__all__ = [
    "ENGLISH_EXPLANATION",
    "ENGLISH_MATCH_NOTES",
    "CompoundSettings",
    "LanguageData",
    "MorphologySettings",
    "NegationCues",
    "PrivacyData",
    "data_files",
    "get_language",
    "languages",
    "spacy_stop_words",
]


@cache
def get_language(code: str) -> LanguageData:
    """The language data for a code such as ``"nl"``.

    An unknown code raises :class:`~textcode.errors.InputError` (a ``ValueError``) listing the
    known ones; it is the one error for an unknown language everywhere in textcode.
    """
    code = (code or "").strip().lower()
    if code not in languages():
        raise InputError(
            f"textcode has no language data for {code!r} (available: {', '.join(languages())})",
            field="language",
        )
    language: LanguageData = importlib.import_module(f"textcode.lang.{code}").LANGUAGE
    return language


@cache
def _languages() -> tuple[str, ...]:
    root = resources.files("textcode.lang")
    return tuple(
        sorted(
            entry.name
            for entry in root.iterdir()
            if entry.is_dir()
            and not entry.name.startswith("_")
            and (entry / "__init__.py").is_file()
        )
    )


def languages() -> list[str]:
    """Codes of the languages textcode ships."""
    return list(_languages())


def data_files(name: str) -> Iterator[tuple[str, Traversable]]:
    """(code, file) of every language that ships ``data/<name>``, without importing any.

    For readers that must stay light (reading a CSV should not wait for spaCy's stop words).
    """
    root = resources.files("textcode.lang")
    for code in _languages():
        found = root / code / "data" / name
        if found.is_file():
            yield code, found


def spacy_stop_words(code: str) -> frozenset[str]:
    """spaCy's stop words for a language, read from ``spacy/lang/<code>/stop_words.py`` alone.

    Importing ``spacy.lang.<code>.stop_words`` would import spaCy itself (seconds), and
    commands that only read and redact records (``textcode review --state``) need no spaCy.
    That file is one literal set with no imports, so it is loaded on its own.
    """
    spacy = importlib.util.find_spec("spacy")
    if spacy is None or not spacy.submodule_search_locations:
        raise ModuleNotFoundError("spaCy is not installed", name="spacy")
    root = next(iter(spacy.submodule_search_locations))
    path = f"{root}/lang/{code}/stop_words.py"
    spec = importlib.util.spec_from_file_location(f"_spacy_stop_words_{code}", path)
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(f"spaCy has no stop words for {code!r}", name="spacy")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return frozenset(module.STOP_WORDS)
