"""English verbal quantifiers (see ``textcode/lang/nl/quantifiers.py`` for the rules)."""

from __future__ import annotations

ANCHORS: tuple[tuple[float, str, bool], ...] = (
    (0.05, "one in twenty", False),
    (0.10, "one in ten", False),
    (0.20, "one in five", False),
    (0.25, "a quarter", True),
    (1 / 3, "a third", True),
    (0.40, "two in five", False),
    (0.50, "half", True),
    (0.60, "three in five", False),
    (2 / 3, "two thirds", True),
    (0.75, "three quarters", True),
    (0.80, "four in five", False),
    (0.90, "nine in ten", False),
)

TENTHS: tuple[tuple[float, str, bool], ...] = tuple(
    (k / 10, f"{word} in ten", False)
    for k, word in enumerate(
        ("", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"), start=0
    )
    if k
)

ZERO = ("none", True)  # "none of the projects"
ALL = ("all", False)
NEARLY_ALL = ("nearly all", False)
HARDLY_ANY = ("hardly any", True)
NEARLY_ALL_FROM = 0.95
HARDLY_ANY_BELOW = 0.045

ALMOST = "almost"
OVER = "just over"
MORE_THAN = "more than"
LESS_THAN = "less than"
OF_THE = "of the"
OUT_OF = "of"

NUMBER_WORDS: tuple[str, ...] = (
    "no",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
)


def capitalize(text: str) -> str:
    """Sentence case."""
    return text[:1].upper() + text[1:]


TEMPLATES: dict[str, str] = {
    "code": "Of the {N} {noun} {population}, {quant} mention '{label}'.",
    "population": "with a substantive answer to '{question}'",
    "option": "{quant_np} mention '{label}'.",
    "new_theme": "{quant_np} mention the new theme '{label}' under 'other'.",
    "top": "Mentioned most for '{question}': {items}.",
    "top_tie": "For '{question}', {count} {what} are mentioned equally often ({each}): {items}.",
    "then_tie": "then {count} {what} equally often ({each}): {items}",
    "each": "each {n} of {N}, {pct}",
    "what_themes": "themes",
    "what_options": "options",
    "closed": "The most frequent answer to '{question}' is '{category}': {quant_np}.",
    "closed_tie": "For '{question}', {items} are chosen equally often: each by {quant_np}.",
    "agree": "{quant_np} (strongly or somewhat) agree with '{question}'.",
    "disagree": "{quant_np} (strongly or somewhat) disagree with '{question}'.",
}
DEFAULT_NOUN = "respondents"
PLURAL_AFTER: frozenset[str] = frozenset(
    {"all", "nearly all", "half", "a quarter", "a third", "two thirds", "three quarters"}
)
AND = "and"

# Evaluative words and the shares they claim (see the Dutch file).
EVALUATIVE: dict[str, str] = {
    "rarely": "<= 10%",
    "hardly": "<= 10%",
    "few": "<= 25%",
    "minority": "< 50%",
    "majority": "> 50%",
    "most": "> 50%",
    "nearly all": ">= 90%",
}
