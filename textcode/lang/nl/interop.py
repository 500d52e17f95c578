"""Dutch wording of what exports and imports write for people (descriptions in projects and
imported codebooks); the format's own names and ids are not translated."""

from __future__ import annotations

PROJECT: dict[str, str] = {
    "description": (
        "Geëxporteerd door textcode: codeboek {codebook} versie {version}, één bron per {per}, "
        "{redacted}."
    ),
    "per_answer": "antwoord",
    "per_respondent": "respondent",
    "redacted": "geredigeerd",
    "not_redacted": "niet geredigeerd",
}

IMPORTED: dict[str, str] = {
    "dictionary": "Geïmporteerd uit het {format}-woordenboek {name}",
    "literal": ", letterlijk (woordvormen zoals het woordenboek ze schrijft).",
    "lemmas": ": woorden met hun vormen, samenstellingen en afleidingen.",
    "weights": " Confidence = gewicht / {scale:g}.",
    "refi": "Geïmporteerd uit REFI-QDA ({origin}).",
}
