"""Themes nobody coded yet: clustering open answers, naming the clusters, proposing codes.

    >>> from textcode.themes import find_themes
    >>> finder = find_themes(["corona", "de coronacrisis", "toeslagenaffaire"])  # doctest: +SKIP
    >>> [t.label for t in finder.themes_]  # doctest: +SKIP

See ``docs/themes.md``.
"""

from textcode.themes.cluster import METHODS, Clustering, KChoice, cluster_matrix, parse_k
from textcode.themes.describe import Theme, class_tfidf
from textcode.themes.features import (
    AnswerFeatures,
    FeatureExtractor,
    TermMatrix,
    term_matrix,
    theme_stop_words,
)
from textcode.themes.finder import (
    ASSIGNMENT_COLUMNS,
    QuestionThemes,
    ThemeFinder,
    find_themes,
)

__all__ = [
    "ASSIGNMENT_COLUMNS",
    "METHODS",
    "AnswerFeatures",
    "Clustering",
    "FeatureExtractor",
    "KChoice",
    "QuestionThemes",
    "TermMatrix",
    "Theme",
    "ThemeFinder",
    "class_tfidf",
    "cluster_matrix",
    "find_themes",
    "parse_k",
    "term_matrix",
    "theme_stop_words",
]
