"""Dutch words that name no theme in an open answer (on top of the stop words and fillers).

Theme finding groups answers by the content words they share. Besides spaCy's stop words and
the survey fillers of :mod:`textcode.lang.nl.stop_words`, short answers are full of words that
say how someone answers, not what about: "weet ik niet", "nee", "het ging over", "viel op".
Left in, they would pull unrelated answers together (all answers saying "vooral") or make a
non-answer look substantive ("nee", "yes"). Entries are lower case lemmas or word forms
("name" is the one of "met name", whose lemma would otherwise be "naam").
"""

from __future__ import annotations

THEME_STOP_WORDS: frozenset[str] = frozenset(
    """
    nee neen jawel yes no ok oke okay nou tja hmm
    niks nergens nooit
    weet weten idee denk denken vind vinden vond snap snappen
    opvallen opgevallen
    gaan ga ging gingen gaat komen kwam kwamen komt maken maakt maakte doen deed doet
    zeggen zei zegt laten liet krijgen kreeg krijgt staan stond staat zien zag ziet
    horen hoorde lezen las geven gaf
    ding dingen zaak zaken iets heel erg echt vooral natuurlijk eigenlijk gewoon precies
    meest meeste meestal steeds telkens vaak soms beetje helemaal allemaal elkaar
    incl inclusief enz etc enzovoort name
    """.split()
)

# Word forms that say why or what someone thinks, although spaCy's stop words or the fillers
# have them or their lemma: agreeing ("ben het eens met"), ideas ("hun ideeën"; the singular
# stays a filler for "geen idee"), habit ("altijd al"). Words that carry a motive or a stance
# name a theme in answers to a why-question.
THEME_WORDS: frozenset[str] = frozenset(
    """
    eens ideeën ideeen altijd
    """.split()
)

# Word families whose words say one thing in many ways, each with the name of the family. In
# answers to a why-question, "past bij mij", "spreekt me aan", "sluit aan bij mijn ideeën",
# "ben het eens met", "komt overeen met" all say that someone agrees; "standpunten",
# "programma", "ideeën", "visie", "plannen" all name what someone stands for. Each word of a
# family also counts as the family's name (textcode.themes.features marks it "~instemming",
# never a word of an answer, and never a label), so that such answers meet although they
# share no word.
THEME_FAMILIES: dict[str, frozenset[str]] = {
    "instemming": frozenset(
        """
        passen aanspreken aansluiten overeenkomen overeenkomst overeenstemming eens
        achterstaan aanstaan herkennen instemmen
        """.split()
    ),
    "standpunt": frozenset(
        """
        standpunt mening idee visie opvatting ideaal gedachtegoed programma
        partijprogramma verkiezingsprogramma plan speerpunt punt
        """.split()
    ),
}

# Reflexive verbs with a preposition that say one thing as a whole: "kan me erin vinden",
# "standpunten waar ik mij in kan vinden", "kon me in hun ideeën vinden" all agree, though
# "vinden" alone is a stop word ("ik vind het goed"). A clause with the verb, the preposition
# and a reflexive pronoun counts as the verb given (textcode.themes.features), here one of the
# family of agreeing. "je" and "ons" are left out: they are more often "you" and "our" ("ik
# vind dat je in Nederland ...", "voor ons land").
REFLEXIVE_VERBS: dict[tuple[str, str], str] = {("vinden", "in"): "instemmen"}
REFLEXIVE_PRONOUNS: frozenset[str] = frozenset(
    "me mij zich mezelf mijzelf jezelf zichzelf onszelf".split()
)

# Particles of separable verbs: "spreekt me aan" is "aanspreken", "komt overeen met"
# "overeenkomen", "sluit aan bij" "aansluiten" (textcode.themes.features joins them when the
# lexicon knows the verb). A particle joins when the clause ends after it or when one of
# AFTER_PARTICLE, a preposition, follows it.
SEPARABLE_PARTICLES: frozenset[str] = frozenset(
    """
    aan achter af bij binnen door in langs mee na neer om onder op over overeen terug toe
    tegen uit vast voor voorbij weg samen
    """.split()
)
AFTER_PARTICLE: frozenset[str] = frozenset(
    "aan bij door in met naar om op over tegen tot uit van voor".split()
)

# The wording of the codebook fragment `textcode themes --to-codebook` writes; "code_description"
# is filled in per candidate code (``share`` is a fraction).
PROPOSAL: dict[str, str] = {
    "id_suffix": "_kandidaten",
    "title": "Kandidaatcodes uit textcode themes",
    "description": (
        "Nieuwe codes voorgesteld door het clusteren van antwoorden. Controleer label, "
        "patronen en voorbeelden voordat je ze in het codeboek overneemt."
    ),
    "code_description": (
        "Kandidaatcode uit textcode themes: cluster {id} van vraag {question}, {size} antwoorden "
        "({share:.0%}). Kernwoorden: {keywords}."
    ),
    "unnamed_question": "(zonder naam)",
    "question_slug": "vraag",
    "theme_slug": "thema",
}

# A cluster without distinctive lemmas, and the title of a question's map of clusters.
NO_KEYWORDS = "(geen kernwoorden)"
MAP_TITLE = "{question}: {answers} antwoorden, {clusters} clusters"
