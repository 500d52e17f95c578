"""Dutch: the first language of textcode."""

from __future__ import annotations

from textcode.lang import LanguageData
from textcode.lang.nl.compounds import COMPOUNDS
from textcode.lang.nl.explanation import EXPLANATION
from textcode.lang.nl.morphology import MORPHOLOGY
from textcode.lang.nl.negation import NEGATION
from textcode.lang.nl.stop_words import FILLERS, KEYWORD_STOP_WORDS, STOP_WORDS

# Abbreviations that must stay one token (spaCy's Dutch exceptions already keep many).
ABBREVIATIONS = (
    "m.b.t.",
    "i.v.m.",
    "t.a.v.",
    "o.a.",
    "n.v.t.",
    "d.w.z.",
    "z.s.m.",
    "i.p.v.",
    "m.u.v.",
    "t.b.v.",
    "i.o.m.",
    "a.d.h.v.",
    "o.b.v.",
    "m.b.v.",
    "e.d.",
    "bijv.",
    "evt.",
    "incl.",
    "excl.",
)

# Forms the lookup tables get wrong or miss, where it matters for survey answers.
LEMMA_OVERRIDES = {
    "ideeën": "idee",
    "ideeen": "idee",
    "sceptisch": "sceptisch",
    "sceptische": "sceptisch",
    "data": "data",
    "media": "media",
    "kennis": "kennis",
    "partners": "partner",
    "ketenpartners": "ketenpartner",
    "stakeholders": "stakeholder",
    "leveranciers": "leverancier",
    "middelen": "middel",
    "wetten": "wet",
    "regels": "regel",
    "processen": "proces",
    "innovaties": "innovatie",
    "projecten": "project",
    "trajecten": "traject",
    "systemen": "systeem",
    "drones": "drone",
    "sensoren": "sensor",
    "webinars": "webinar",
    "trainingen": "training",
    "opleidingen": "opleiding",
    "doet": "doen",  # the tables read it as a word of its own
    # Spoken and clitic forms of pronouns: "doet wat ie zegt" is "doet wat hij zegt".
    "ie": "hij",
    "m'n": "mijn",
    "mn": "mijn",
    "z'n": "zijn",
    "'t": "het",
    "'m": "hem",
    # Weak forms of pronouns: "spreekt mij aan" is "spreekt me aan".
    "me": "mij",
    "we": "wij",
    # Forms the tables read as words of their own, though answers mean the verb or the noun:
    # "ik vertrouw ze", "heb op hen gestemd", "de punten van hun programma"; "Geert" (a name)
    # is no form of "geren".
    "vertrouw": "vertrouwen",
    "stond": "staan",  # "het stond mij aan": the past of "staan", no word of its own
    "stonden": "staan",
    "gestemd": "stemmen",
    "punten": "punt",
    "geert": "geert",
}

LANGUAGE = LanguageData(
    code="nl",
    name="Nederlands",
    spacy_lang="nl",
    model_names=("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm"),
    stop_words=STOP_WORDS,
    fillers=FILLERS,
    negation=NEGATION,
    compounds=COMPOUNDS,
    morphology=MORPHOLOGY,
    abbreviations=ABBREVIATIONS,
    lemma_overrides=LEMMA_OVERRIDES,
    explanation=EXPLANATION,
    keyword_stop_words=KEYWORD_STOP_WORDS,
)
