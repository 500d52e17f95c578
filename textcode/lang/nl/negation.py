"""Dutch negation, lack, sufficiency and contrast cues (accent-free lower case, lemmas or forms).

They decide whether "budget" in an answer means budget that was missing ("onvoldoende budget",
"gebrek aan geld"), budget that was fine ("het budget was geen probleem", "voldoende budget"),
or a plain mention. See ``textcode.nlp.negation`` for how scopes are drawn.
"""

from __future__ import annotations

from textcode.lang import NegationCues

NEGATION = NegationCues(
    negators=frozenset(
        {"geen", "niet", "nooit", "niks", "niets", "nergens", "nauwelijks", "amper"}
    ),
    lacking=frozenset(
        {
            "onvoldoende",
            "gebrek",
            "gebrekkig",
            "gebrekkige",
            "tekort",
            "tekorten",
            "tekortschieten",
            "weinig",
            "weinige",
            "beperkt",
            "beperkte",
            "beperking",
            "ontbreken",
            "ontbrak",
            "ontbraken",
            "ontbreekt",
            "missen",
            "miste",
            "misten",
            "mist",
            "gemis",
            "zonder",
            "schaars",
            "schaarse",
            "schaarste",
            "krap",
            "krappe",
            "magere",
            "mager",
            "ontoereikend",
            "ontoereikende",
            "onduidelijk",
            "onduidelijke",
            "onduidelijkheid",
            "afwezig",
            "afwezigheid",
            "uitblijven",
            "uitbleef",
        }
    ),
    lacking_phrases=(("te", "weinig"), ("te", "krap"), ("te", "kort"), ("schiet", "tekort")),
    sentence_lacking=frozenset(
        {"ontbreken", "ontbrak", "ontbraken", "ontbreekt", "missen", "miste", "misten", "schorten"}
    ),
    sufficient=frozenset(
        {
            "voldoende",
            "genoeg",
            "toereikend",
            "toereikende",
            "afdoende",
            "ruimschoots",
            "prima",
        }
    ),
    problems=frozenset(
        {
            "probleem",
            "problemen",
            "belemmering",
            "belemmeringen",
            "knelpunt",
            "knelpunten",
            "issue",
            "issues",
            "obstakel",
            "obstakels",
            "struikelblok",
            "bottleneck",
            "punt",
            "beperkende",
        }
    ),
    contrast=frozenset(
        {"maar", "wel", "echter", "doch", "terwijl", "alleen", "behalve", "daarentegen", "wel,"}
    ),
    boundaries=frozenset({",", ";", ":", "(", ")", "/", "–", "—", "-", "•", "*", "\n"}),
    conjunctions=frozenset({"en", "of", "noch", "&", "+"}),
    elliptic=frozenset({"wel"}),
    positive=frozenset(
        {"goed", "goede", "uitstekend", "uitstekende", "prettig", "prettige", "soepel", "sterk"}
    ),
    copulas=frozenset(
        {
            "is",
            "was",
            "zijn",
            "waren",
            "verliep",
            "verloopt",
            "liep",
            "loopt",
            "ging",
            "gaat",
            "werkte",
            "werkt",
            "bleek",
            "blijkt",
            "bleef",
        }
    ),
)
