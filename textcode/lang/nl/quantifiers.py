"""Dutch verbal quantifiers, the way Dutch research reports write shares.

``textcode.analysis.quantifiers`` turns a share into words with these data:

- exactly 0 -> ``ZERO``, exactly 1 -> ``ALL``;
- from ``NEARLY_ALL_FROM`` (95%) up to (not including) 100% -> ``NEARLY_ALL``;
- above 0 and below ``HARDLY_ANY_BELOW`` (4.5%) -> ``HARDLY_ANY``;
- otherwise the nearest anchor: its phrase when the share rounds to the same whole percent
  ("twee derde" for 67%), else ``ALMOST`` + phrase below it ("bijna driekwart" for 73%) or
  ``OVER`` + phrase above it ("ruim een kwart" for 26%).

Each anchor says whether a noun follows with ``van de`` ("een kwart van de projecten") or
directly ("één op de vijf projecten", "vrijwel alle projecten").
"""

from __future__ import annotations

# (share, phrase, takes "van de" before a noun)
ANCHORS: tuple[tuple[float, str, bool], ...] = (
    (0.05, "één op de twintig", False),
    (0.10, "één op de tien", False),
    (0.20, "één op de vijf", False),
    (0.25, "een kwart", True),
    (1 / 3, "een derde", True),
    (0.40, "twee op de vijf", False),
    (0.50, "de helft", True),
    (0.60, "drie op de vijf", False),
    (2 / 3, "twee derde", True),
    (0.75, "driekwart", True),
    (0.80, "vier op de vijf", False),
    (0.90, "negen op de tien", False),
)

# Tenths, as in "bij twee op de tien niet" (``unit=10``).
TENTHS: tuple[tuple[float, str, bool], ...] = tuple(
    (k / 10, f"{word} op de tien", False)
    for k, word in enumerate(
        ("", "één", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen"), start=0
    )
    if k
)

ZERO = ("geen", True)  # "geen van de projecten"
ALL = ("alle", False)  # "alle projecten"
NEARLY_ALL = ("vrijwel alle", False)
HARDLY_ANY = ("vrijwel geen", True)
NEARLY_ALL_FROM = 0.95
HARDLY_ANY_BELOW = 0.045

ALMOST = "bijna"
OVER = "ruim"
MORE_THAN = "meer dan"
LESS_THAN = "minder dan"
OF_THE = "van de"
OUT_OF = "van"  # "18 van 25"

NUMBER_WORDS: tuple[str, ...] = (
    "geen",
    "één",
    "twee",
    "drie",
    "vier",
    "vijf",
    "zes",
    "zeven",
    "acht",
    "negen",
    "tien",
    "elf",
    "twaalf",
)


def capitalize(text: str) -> str:
    """Sentence case: "één op de vijf" -> "Eén op de vijf" (the accent moves off the capital)."""
    if text.startswith("één"):
        return "Eén" + text[3:]
    return text[:1].upper() + text[1:]


# Sentences textcode writes by itself (the statements of a sidecar bring their own text).
# Placeholders: {quant_np} (share with noun), {label}, {question}, {category}, {items}.
TEMPLATES: dict[str, str] = {
    "code": "Van de {N} {noun} {population}, [[noemt|noemen]] {quant} '{label}'.",
    # A base of one unit: "Eén respondent met een inhoudelijk antwoord op 'X' noemt 'Y'."
    "code_one": "{quant_np} {population} [[noemt|noemen]] '{label}'.",
    "population": "met een inhoudelijk antwoord op '{question}'",
    "option": "{quant_np} [[noemt|noemen]] '{label}'.",
    "new_theme": "{quant_np} [[noemt|noemen]] bij 'overig' het nieuwe thema '{label}'.",
    "top": "Het vaakst genoemd bij '{question}': {items}.",
    # Ties are said, not hidden behind "het vaakst" (elk 3 van 20).
    "top_tie": "Bij '{question}' worden {count} {what} even vaak genoemd ({each}): {items}.",
    "then_tie": "daarna {count} {what} even vaak ({each}): {items}",
    "each": "elk {n} van {N}, {pct}",
    "what_themes": "thema's",
    "what_options": "antwoordopties",
    "closed": "Het meest gekozen antwoord op '{question}' is '{category}': {quant_np}.",
    "closed_tie": "Op '{question}' worden {items} even vaak gekozen: elk door {quant_np}.",
    "agree": "{quant_np} [[is|zijn]] het (helemaal of enigszins) eens met '{question}'.",
    "disagree": "{quant_np} [[is|zijn]] het (helemaal of enigszins) oneens met '{question}'.",
}
DEFAULT_NOUN = "respondenten"
# Of a base of one unit the report speaks in the singular: "één respondent", "geen deelnemer"
# (a sidecar's plural noun is made singular with the lexicon).
DEFAULT_NOUN_ONE = "respondent"
# After these the verb is plural ("vrijwel alle deelnemers houden"); Dutch takes the singular
# after "een kwart van de", "één op de vijf" and the like, as the report does.
PLURAL_AFTER: frozenset[str] = frozenset({"alle", "vrijwel alle"})
AND = "en"

# Evaluative words a researcher types into a statement, and the shares they claim: a statement
# that says "zelden" over 56% is marked as contradicted by its data (textcode.analysis.claims).
EVALUATIVE: dict[str, str] = {
    "zelden": "<= 10%",
    "nauwelijks": "<= 10%",
    "weinig": "<= 25%",
    "slechts": "<= 33%",
    "minderheid": "< 50%",
    "meerderheid": "> 50%",
    "meeste": "> 50%",
    "merendeel": "> 50%",
    "overgrote deel": ">= 75%",
    "bijna alle": ">= 90%",
}
