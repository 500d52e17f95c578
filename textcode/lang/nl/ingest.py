"""Dutch column names that survey exports use, for guessing the id, question and text columns.

Compared after folding case and dropping everything that is not a letter or digit, so
``Respondent nummer``, ``respondent_nummer`` and ``RespondentNummer`` are one name. Earlier names
win when a table has several.
"""

from __future__ import annotations

ID_COLUMNS: tuple[str, ...] = (
    "respondentnummer",
    "respondentnr",
    "respnr",
    "deelnemernummer",
    "deelnemer_id",
    "deelnemer",
    "volgnummer",
)

QUESTION_COLUMNS: tuple[str, ...] = (
    "vraag",
    "vraag_id",
    "vraagcode",
    "vraagnummer",
)

TEXT_COLUMNS: tuple[str, ...] = (
    "antwoord",
    "antwoordtekst",
    "tekst",
    "open_antwoord",
)
