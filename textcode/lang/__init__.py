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
