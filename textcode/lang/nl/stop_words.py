"""Dutch stop words: spaCy's list, plus survey filler that carries no theme."""

from __future__ import annotations

from textcode.lang import spacy_stop_words

SPACY_STOP_WORDS = spacy_stop_words("nl")

# Words that are frequent in survey answers but say nothing about the theme.
SURVEY_STOP_WORDS = frozenset(
    """
    antwoord antwoorden bijv bv e.d. enz etc etc. m.b.t. mbt i.v.m. ivm o.a. oa t.a.v. tav
    d.w.z. dwz zgn ca. ca vb wel nvt n.v.t. eg
    """.split()
)

STOP_WORDS: frozenset[str] = frozenset(SPACY_STOP_WORDS) | SURVEY_STOP_WORDS

# In a short answer these add nothing to "geen", "n.v.t." or "weet niet": an answer made only
# of fillers and a non-substantive phrase is itself non-substantive.
FILLERS: frozenset[str] = STOP_WORDS | frozenset(
    """
    specifiek specifieke bijzonder bijzondere speciaal speciale echt echte momenteel moment
    eigenlijk verder nader nadere concreet concrete direct directe duidelijk duidelijke
    hier hierover daarover hiervan daarvan opmerking opmerkingen toelichting
    vraag vragen idee n.v.t nvt. ben heb hebben zijn was waren is er we wij ik
    ervaren ondervonden gehad gezien gemerkt opgemerkt bekend aanwezig sprake genoemd noemen
    melden benoemen geweest verder
    """.split()
)

# Words that say nothing about a theme in a list of keywords (keyness tables, word clouds):
# prepositions and light verbs spaCy's list lacks, and nouns as general as "werk".
KEYWORD_STOP_WORDS: frozenset[str] = frozenset(
    """
    naast komen gaan doen maken krijgen staan zitten liggen zorgen geven nemen houden brengen
    werk manier mogelijk goed goede nieuw nieuwe eigen elkaar zodat waardoor daardoor via
    """.split()
)
