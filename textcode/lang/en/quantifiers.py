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
    "code": "{quant_np} mention '{label}'.",
    "option": "{quant_np} mention '{label}'.",
    "new_theme": "{quant_np} mention the new theme '{label}' under 'other'.",
    "top": "Mentioned most for '{question}': {items}.",
    "closed": "The most frequent answer to '{question}' is '{category}': {quant_np}.",
    "agree": "{quant_np} (strongly or somewhat) agree with '{question}'.",
    "disagree": "{quant_np} (strongly or somewhat) disagree with '{question}'.",
}
DEFAULT_NOUN = "respondents"
PLURAL_AFTER: frozenset[str] = frozenset(
    {"all", "nearly all", "half", "a quarter", "a third", "two thirds", "three quarters"}
)
AND = "and"
