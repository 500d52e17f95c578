"""English words for theme finding: no extra theme stop words yet (spaCy's list and the
fillers of ``lang/en/__init__.py`` apply), and the wording of proposed codes."""

from __future__ import annotations

THEME_STOP_WORDS: frozenset[str] = frozenset()

# The wording of the codebook fragment `textcode themes --to-codebook` writes (see lang/nl).
PROPOSAL: dict[str, str] = {
    "id_suffix": "_candidates",
    "title": "Candidate codes from textcode themes",
    "description": (
        "New codes proposed by clustering answers. Check label, patterns and examples before "
        "you take them into the codebook."
    ),
    "code_description": (
        "Candidate code from textcode themes: cluster {id} of question {question}, {size} "
        "answers ({share:.0%}). Keywords: {keywords}."
    ),
    "unnamed_question": "(no name)",
    "question_slug": "question",
    "theme_slug": "theme",
}

# A cluster without distinctive lemmas, and the title of a question's map of clusters.
NO_KEYWORDS = "(no keywords)"
MAP_TITLE = "{question}: {answers} answers, {clusters} clusters"
