"""Dutch compounds: a codebook term matches as the head or the first part of a compound.

"projectbudget" has the head "budget", "personeelstekort" is "personeel" + linking "s" +
"tekort". Parts must be real words of the lemma tables that textcode already ships, and long
enough that "altijd" does not hide "tijd".
"""

from __future__ import annotations

from textcode.lang import CompoundSettings

COMPOUNDS = CompoundSettings(
    enabled=True,
    weak_prefixes=("ge", "be", "ver", "ont", "her", "er"),
    # "wet- en regelgeving", "stem- of kieswijzer", "klimaat-, milieu- & energiebeleid".
    elision_joiners=frozenset({"en", "of", "&", ",", "en/of", "noch"}),
    # "eerste en tweede wereldoorlog", "1e en 2e kamer", "derde of vierde klas".
    ordinals=frozenset(
        """
        eerste tweede derde vierde vijfde zesde zevende achtste negende tiende elfde twaalfde
        1e 2e 3e 4e 5e 6e 7e 8e 9e 10e 1ste 2de 3de 4de 5de 8ste
        """.split()
    ),
    attributive_endings=("e",),
    articles=frozenset({"een", "de", "het"}),
    # Words that are also derivational suffixes: "regelmatig", "kinderachtig", "zinloos".
    not_parts=frozenset(
        {
            "matig",
            "matige",
            "achtig",
            "achtige",
            "loos",
            "loze",
            "vol",
            "volle",
            "rijk",
            "rijke",
            "waardig",
            "zaam",
            "lijk",
            "lijke",
            "tje",
            "tjes",
            "heid",
            "schap",
            "ing",
            "baar",
        }
    ),
    min_modifier=3,
    min_remainder=4,
    linking=("s", "e", "en", "er"),
    not_compounds=frozenset(
        {
            "altijd",
            "bijtijds",
            "tijdens",
            "tijdig",
            "tijdelijk",
            "tijdelijkheid",
            "ontijdig",
            "geldig",
            "gelden",
            "ongeldig",
            "geldend",
            "budgettair",
            "kennisgeving",
            "mensenrechten",
            "mensheid",
            "markant",
            "marktkoopman",
            "verdrag",
            "bedrag",
            "gedrag",
            "bedragen",
            "overeenkomst",
            "afgifte",
            "techno",
            "datum",
            "datums",
            # Lexicalised words whose first part is a codebook term in form only: an alderman
            # is no law, a magazine no time, a staff party no staffing.
            "wethouder",
            "wethouderschap",
            "wetenschap",
            "wetenschapper",
            "wetenschappelijk",
            "wetering",
            "wetland",
            "wetsteen",
            "tijdstip",
            "tijdschrift",
            "tijdperk",
            "tijdgeest",
            "tijdsgeest",
            "tijdgenoot",
            "tijdzone",
            "tijdreis",
            "tijdmachine",
            "tijdverdrijf",
            "tijdeloos",
            "tijdloos",
            "personeelsvereniging",
            "personeelsfeest",
            "personeelsblad",
            "rolstoel",
            "rolluik",
            "rolmodel",
            # Names of countries and their people whose first part is an old word: the
            # Netherlands are no "neder" + "land", a foreigner no "buit" + "lander".
            "nederland",
            "nederlands",
            "nederlandse",
            "nederlander",
            "nederlanders",
            "buitenland",
            "buitenlands",
            "buitenlandse",
            "buitenlander",
            "buitenlanders",
            "duitsland",
        }
    ),
)
