"""English wording of what exports and imports write for people (see ``lang/nl/interop.py``)."""

from __future__ import annotations

PROJECT: dict[str, str] = {
    "description": (
        "Exported by textcode: codebook {codebook} version {version}, one source per {per}, "
        "{redacted}."
    ),
    "per_answer": "answer",
    "per_respondent": "respondent",
    "redacted": "redacted",
    "not_redacted": "not redacted",
}

IMPORTED: dict[str, str] = {
    "dictionary": "Imported from the {format} dictionary {name}",
    "literal": ", literally (word forms as the dictionary writes them).",
    "lemmas": ": words with their forms, compounds and derivations.",
    "weights": " Confidence = weight / {scale:g}.",
    "refi": "Imported from REFI-QDA ({origin}).",
}
