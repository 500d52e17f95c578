"""Build the reconstructed IFV 2020 survey sample (responses.csv and responses.sav).

Run from the repository root: ``.venv/bin/python samples/ifv2020/build_sample.py``.

The raw survey data of the IFV report "Brede inventarisatie van innovatieprojecten op het gebied
van informatievoorziening binnen de risico- en crisisbeheersing" (7 July 2020) is not public. This
script reconstructs a data set that agrees with every aggregate the report states and holds the
report's verbatim open answers; README.md in this folder says which value comes from which
statement. The allocation is fixed (exact counts, shuffled with a fixed seed), so the script
writes the same CSV every time.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

HERE = Path(__file__).resolve().parent
SEED = 2020

# --- value labels (numeric codes in the .sav file, text in the .csv file) -------------------
LIKERT = {
    1: "Helemaal mee eens",
    2: "Enigszins mee eens",
    3: "Noch eens noch oneens",
    4: "Enigszins mee oneens",
    5: "Helemaal niet mee eens",
}
ORGTYPE = {
    1: "Veiligheidsregio",
    2: "Vitale infrastructuur",
    3: "Politie",
    4: "IFV",
    5: "Overig",
}
RANDVOORWAARDEN = {
    1: "Ja, binnen de eigen organisatie",
    2: "Ja, binnen de eigen organisatie én door betrokken ketenpartners/leveranciers",
    3: "Nee",
    4: "Geen zicht op",
}
JA_NEE = {1: "Ja", 2: "Nee"}
JA_NEE_GZ = {1: "Ja", 2: "Nee", 3: "Geen zicht op"}
NIVEAU = {1: "Lokaal", 2: "Regionaal", 3: "Interregionaal", 4: "Landelijk"}
OPDRACHTGEVER = {1: "Bestuur", 2: "Directie", 3: "Overig"}
FINANCIERING = {
    1: "Eigen organisatie",
    2: "Externe subsidie",
    3: "Externe investeerder",
    4: "Overig",
}
GEIMPLEMENTEERD = {
    1: "Ja",
    2: "Nee, maar wel in een externe organisatie",
    3: "Nee, het product/de dienst is (nog) niet geïmplementeerd",
    4: "Geen zicht op",
}
TOEPASBAAR = {
    1: "Ja",
    2: "Nee",
    3: "Het product/dienst wordt enkel voor externe organisaties ontwikkeld",
    4: "Geen zicht op",
}
GEDEELD = {
    1: "Ja",
    2: "Nee",
    3: "Alleen met een deel van de betrokken partners",
    4: "Geen zicht op",
}
CHECKBOX = {0: "Niet gekozen", 1: "Gekozen"}

# --- organisations and questionnaires -------------------------------------------------------
# (questionnaire, organisation, type, number of running projects). 23 organisations, 25
# questionnaires: org01 (IFV) and org06 (a safety region) answered twice, from two departments.
# Projects per organisation: 25, 12, 8, 7, 5, 4, 4, 3, 3, 2, 2, 2, 2 and ten times 1: sum 89,
# min 1, max 25, median 2.
QUESTIONNAIRES: list[tuple[str, str, str, int]] = [
    ("vl01", "org01", "IFV", 14),
    ("vl02", "org01", "IFV", 11),
    ("vl03", "org02", "Politie", 12),
    ("vl04", "org03", "Veiligheidsregio", 8),
    ("vl05", "org04", "Vitale infrastructuur", 7),
    ("vl06", "org05", "Veiligheidsregio", 5),
    ("vl07", "org06", "Veiligheidsregio", 3),
    ("vl08", "org06", "Veiligheidsregio", 1),
    ("vl09", "org07", "Vitale infrastructuur", 4),
    ("vl10", "org08", "Overig", 3),
    ("vl11", "org09", "Veiligheidsregio", 3),
    ("vl12", "org10", "Vitale infrastructuur", 2),
    ("vl13", "org11", "Veiligheidsregio", 2),
    ("vl14", "org12", "Overig", 2),
    ("vl15", "org13", "Veiligheidsregio", 2),
    ("vl16", "org14", "Veiligheidsregio", 1),
    ("vl17", "org15", "Veiligheidsregio", 1),
    ("vl18", "org16", "Veiligheidsregio", 1),
    ("vl19", "org17", "Veiligheidsregio", 1),
    ("vl20", "org18", "Vitale infrastructuur", 1),
    ("vl21", "org19", "Vitale infrastructuur", 1),
    ("vl22", "org20", "Vitale infrastructuur", 1),
    ("vl23", "org21", "Vitale infrastructuur", 1),
    ("vl24", "org22", "Overig", 1),
    ("vl25", "org23", "Overig", 1),
]

# "Onze organisatie heeft voldoende kennis of expertise in huis ..." (N = 25): 18 agree (72%,
# bijna driekwart), 2 neutral, 5 disagree (20%, een op de vijf).
KENNIS = {
    **dict.fromkeys(["vl01", "vl02", "vl03", "vl04", "vl05", "vl09", "vl10"], 1),
    **dict.fromkeys(
        ["vl06", "vl07", "vl11", "vl12", "vl14", "vl15", "vl17", "vl19", "vl20", "vl23", "vl25"],
        2,
    ),
    **dict.fromkeys(["vl18", "vl22"], 3),
    **dict.fromkeys(["vl13", "vl16", "vl21", "vl24"], 4),
    "vl08": 5,
}
# vl23 left the block on anchoring and portfolio holders empty, so those questions have N = 24.
SKIPPED_BLOCK = "vl23"
# Anchoring in the own organisation: 23 of 24 agree (96%).
VERANKERING_EIGEN = {
    **dict.fromkeys(["vl01", "vl02", "vl03", "vl04", "vl05", "vl09", "vl10", "vl11", "vl14"], 1),
    **dict.fromkeys(
        ["vl06", "vl07", "vl08", "vl12", "vl13", "vl15", "vl16", "vl17", "vl18", "vl20"], 2
    ),
    **dict.fromkeys(["vl21", "vl22", "vl24", "vl25"], 2),
    "vl19": 3,
}
# Anchoring with chain partners: 14 of 24 agree (58%).
VERANKERING_KETEN = {
    **dict.fromkeys(["vl01", "vl03", "vl05", "vl09", "vl25"], 1),
    **dict.fromkeys(["vl02", "vl04", "vl06", "vl10", "vl11", "vl12", "vl14", "vl20", "vl24"], 2),
    **dict.fromkeys(["vl07", "vl08", "vl13", "vl15", "vl16", "vl17"], 3),
    **dict.fromkeys(["vl18", "vl19", "vl21"], 4),
    "vl22": 5,
}
# General preconditions for anchoring (N = 24): a quarter (6) says "Nee".
RANDVOORWAARDEN_BY = {
    **dict.fromkeys(["vl04", "vl06", "vl07", "vl10", "vl11", "vl12", "vl14", "vl20", "vl24"], 1),
    **dict.fromkeys(["vl01", "vl02", "vl03", "vl05", "vl09", "vl25"], 2),
    **dict.fromkeys(["vl08", "vl13", "vl16", "vl18", "vl21", "vl22"], 3),
    **dict.fromkeys(["vl15", "vl17", "vl19"], 4),
}
# Portfolio holder "innovatie" (N = 24): half (12) yes; of those a third (4) vital
# infrastructure and only one safety region.
PORTEFEUILLEHOUDER_JA = {
    "vl01", "vl02", "vl03", "vl04", "vl05", "vl09", "vl10", "vl12", "vl14", "vl20", "vl24",
    "vl25",
}  # fmt: skip
# Planned projects: 19 in 9 organisations (min 1, max 8, median 1), all safety regions and IFV.
GEPLAND = {
    "vl01": 8, "vl04": 3, "vl06": 2, "vl07": 1, "vl11": 1, "vl13": 1, "vl15": 1, "vl16": 1,
    "vl17": 1,
}  # fmt: skip

# --- open answers -----------------------------------------------------------------------------
# Verbatim from the report (slide "Aan welke soort kennis of expertise is er behoefte?").
KENNISBEHOEFTE_REAL = {
    "vl01": "Kennis over het organiseren van innovatieprocessen (in relatie tot ontwikkeling)",
    "vl04": "Vermogen om van innovatie naar implementatie te komen.",
    "vl02": (
        "Vertalen van conceptuele modellen naar verankering in uitvoerende organisaties / naar "
        "structurele consequenties in termen van vakbekwaamheid medewerkers, veranderwensen "
        "tijdens gebruik/looptijd"
    ),
    "vl06": "Juridische expertise m.b.t. inkoop en aangaan van open innovatietrajecten",
    "vl03": (
        "(Technische) kennis op ICT gebied en ontwikkelingen (artificial intelligence, big data, "
        "algoritmes, social media, etc)."
    ),
    "vl07": "Vermogen om ideeën om te zetten in Agile action-learning proces.",
    "vl10": (
        "Expertise in business development om de private markt beter en eerder te betrekken bij "
        "innovaties."
    ),
    "vl09": (
        "Netwerk bouwen en onderhouden met relevante industrie die innovaties naar de markt "
        "kunnen brengen"
    ),
    "vl11": "Expertise in het verbinden van organisaties",
    "vl05": (
        "Investeren in het spreken van dezelfde taal. Voorbeeld: behoefte om bij elektriciteits- "
        "en gasincidenten dezelfde taal met de hulpverleners (brandweer/politie/GHOR) te spreken. "
        "Dit vereist wederzijdse kennis en/of expertise uitwisseling (VIAG en BEI) om gezamenlijk "
        "op te treden én situatie bij incidenten veilig te stellen. (procesinnovatie)."
    ),
}
# Written for this sample (not in the report).
KENNISBEHOEFTE_ADDED = {
    "vl08": (
        "Informatiemanagement: hoe houden we onze informatiepositie op orde tijdens een crisis "
        "en wie zijn de bronhouders?"
    ),
    "vl12": (
        "Datagedreven werken: dashboards, sensordata en de inzet van drones bij grote "
        "incidenten."
    ),
    "vl13": (
        "Opleiding en training van medewerkers in het werken met nieuwe systemen, bijvoorbeeld "
        "via webinars of masterclasses."
    ),
    "vl14": (
        "Kennis over innovatiegericht inkopen en aanbesteden, zoals SBIR of een "
        "innovatiepartnerschap."
    ),
    "vl15": (
        "Hoe schalen we een geslaagde pilot op naar een regionale voorziening, en wie neemt "
        "daarna het beheer over?"
    ),
    "vl16": "Privacy en de AVG bij het delen van gegevens met ketenpartners.",
    "vl17": "Netcentrisch werken en de informatievoorziening tussen meldkamer en crisisteams.",
    "vl18": "n.v.t.",
    "vl20": (
        "Samenwerking met kennisinstellingen en start-ups, zodat we weten wat er op de markt "
        "te koop is."
    ),
    "vl21": (
        "Een gezamenlijke begrippenlijst, zodat netbeheerder, brandweer en politie elkaar bij "
        "een storing begrijpen."
    ),
    "vl22": "Geen, we hebben voldoende kennis in huis.",
    "vl24": (
        "Meer kennis van methoden als design thinking en het opzetten van experimenten. Vragen "
        "hierover kunnen naar Petra de Vries (p.devries@voorbeeldregio.nl, 06-12345678)."
    ),
}

# "Overig" answers with the project (questionnaire, project number) that gave them.
SUCCESFACTOR_REAL = {
    ("vl07", 1): "Enthousiasme van projectleider en opdrachtnemer",
    ("vl03", 4): "Doorzettingsvermogen",
    ("vl01", 3): (
        "Volharding en twee programma/projectleiders die elkaar goed kennen en vasthouden."
    ),
    ("vl04", 2): "Het hebben van een unieke locatie waar alles samen komt: de Twente Safety Campus",
    ("vl06", 1): "Inrichting klankbordgroep met stakeholders rond het project",
    ("vl02", 5): "Inzet van regio's en JenV",
}
SUCCESFACTOR_ADDED = {
    ("vl03", 9): "Voldoende uren vrijgemaakt voor het projectteam, naast het dagelijkse werk.",
    ("vl05", 3): "De kennis van een externe adviseur op het gebied van data-analyse.",
    ("vl11", 2): "Meldkamermedewerkers hebben vanaf het begin meegetest en meegedacht.",
    ("vl01", 11): "Cofinanciering door de provincie naast de eigen middelen.",
    ("vl09", 2): "Goede samenwerking met de netbeheerder en de leverancier van de sensoren.",
    ("vl15", 1): "n.v.t.",
}
BELEMMERING_REAL = {
    ("vl04", 5): "Geld",
    ("vl01", 7): "Duidelijke besluitvorming/opdrachtgeverschap naar externe partij.",
    ("vl02", 2): "Externe projectleider, om onafhankelijkheid te borgen en als trekker.",
    ("vl06", 3): "Sceptis binnen de organisatie",
    ("vl10", 1): "Vrijblijvendheid",
}
BELEMMERING_ADDED = {
    ("vl03", 2): (
        "Het budget was geen probleem, maar er waren te weinig mensen om het naast het "
        "dagelijkse werk te doen."
    ),
    ("vl05", 6): "Gebrek aan kennis van datastandaarden bij de eigen medewerkers.",
    (
        "vl07",
        2,
    ): "De privacywetgeving (AVG) maakte het delen van gegevens met ketenpartners lastig.",
    ("vl01", 12): (
        "De koppeling met het meldkamersysteem was instabiel en de datakwaliteit wisselend."
    ),
    ("vl12", 1): "Iedere partner zat op zijn eigen eiland; de belangen liepen uiteen.",
    ("vl03", 11): "De coronacrisis slokte in maart alle aandacht op.",
    ("vl13", 2): "-",
}
# "Met wie wordt er samengewerkt? Overig" (verbatim).
PARTNERS_OVERIG = {
    ("vl03", 1): "Alle disciplines",
    ("vl01", 4): "Landelijke Meldkamersamenwerking (LMS)",
    ("vl06", 1): "Bij het VRF-project waren TNO en IFV in de klankbordgroep vertegenwoordigd.",
    ("vl14", 1): "Gemeenten",
}
# "Wie zijn de formele opdrachtgevers? Overig" (verbatim; "(2x)" = two projects).
OPDRACHTGEVER_OVERIG = {
    ("vl04", 1): "Zelf geïnitieerd",
    ("vl10", 2): "Zelf geïnitieerd",
    ("vl03", 5): "RDVR/RBC, via portefeuillehouders meldkamer",
    ("vl03", 6): "RDVR/RBC, via portefeuillehouders meldkamer",
    ("vl01", 6): "Programma netcentrisch werken",
    ("vl02", 8): "Programmamanager",
    ("vl05", 1): "CIO",
    ("vl09", 3): "Geen formele opdrachtgever",
    ("vl02", 1): "Rijk",
    ("vl01", 9): "Coalitie van 4 veiligheidsregio's en IFV",
    ("vl06", 2): "Stuurgroep bestaande uit vertegenwoordigers van de directie",
    ("vl11", 1): "Afdeling crisismanagement",
    ("vl14", 2): "Rijk",
}
# "Hoe zijn de innovatieprojecten gefinancierd? Overig" (verbatim).
FINANCIERING_OVERIG = {
    ("vl01", 4): "LMS",
    ("vl02", 3): "Ministerie van JenV",
    ("vl02", 5): "Regio's en IFV, aangevuld met JenV",
}

# --- closed multi-select: success factors and barriers (per project) --------------------------
CATEGORIES = (
    "interne_capaciteit",
    "kennis_expertise",
    "juridische_kennis",
    "eindgebruiker",
    "financiering",
    "draagvlak",
    "samenwerking",
)
# Ticks per category among the 89 projects.
SF_COUNTS = {
    "interne_capaciteit": 52,
    "kennis_expertise": 48,
    "juridische_kennis": 2,
    "eindgebruiker": 41,
    "financiering": 26,
    "draagvlak": 20,
    "samenwerking": 30,
}
BL_COUNTS = {
    "interne_capaciteit": 36,
    "kennis_expertise": 31,
    "juridische_kennis": 24,
    "eindgebruiker": 6,
    "financiering": 19,
    "draagvlak": 9,
    "samenwerking": 14,
}
# Projects whose added "overig" answer restates a closed category must not have ticked it, so
# that recoding the open answer visibly adds to the closed count.
SF_NOT_TICKED = {
    ("vl03", 9): "interne_capaciteit",
    ("vl05", 3): "kennis_expertise",
    ("vl11", 2): "eindgebruiker",
    ("vl01", 11): "financiering",
    ("vl09", 2): "samenwerking",
    ("vl02", 5): "draagvlak",
}
BL_NOT_TICKED = {
    ("vl04", 5): "financiering",
    ("vl03", 2): "interne_capaciteit",
    ("vl05", 6): "kennis_expertise",
    ("vl07", 2): "juridische_kennis",
    ("vl12", 1): "samenwerking",
    ("vl06", 3): "draagvlak",
}


def _exact(rng: random.Random, n: int, counts: dict[Any, int]) -> list[Any]:
    values = [value for value, count in counts.items() for _ in range(count)]
    if len(values) != n:
        raise AssertionError(f"counts {counts} sum to {len(values)}, not {n}")
    rng.shuffle(values)
    return values


def _ticks(
    rng: random.Random,
    keys: Sequence[tuple[str, int]],
    counts: dict[str, int],
    forbidden: dict[tuple[str, int], str],
    movable: Sequence[str],
) -> dict[str, set[tuple[str, int]]]:
    """Tick each category for exactly ``counts[c]`` projects, every project at least once."""
    ticked: dict[str, set[tuple[str, int]]] = {}
    for category, count in counts.items():
        allowed = [k for k in keys if forbidden.get(k) != category]
        ticked[category] = set(rng.sample(allowed, count))
    for key in keys:
        if any(key in chosen for chosen in ticked.values()):
            continue
        # Move a tick from a project with two or more, keeping every column's count.
        for category in movable:
            if forbidden.get(key) == category:
                continue
            donors = sorted(
                k for k in ticked[category] if sum(k in chosen for chosen in ticked.values()) >= 2
            )
            if donors:
                ticked[category].remove(donors[0])
                ticked[category].add(key)
                break
        else:  # pragma: no cover - the counts leave plenty of room
            raise AssertionError(f"cannot give {key} a tick")
    return ticked


def build() -> tuple[pd.DataFrame, dict[str, dict[int, str]], dict[str, str]]:
    """The sample as a table with numeric codes, its value labels and its variable labels."""
    rng = random.Random(SEED)
    keys = [(vl, k) for vl, _, _, n in QUESTIONNAIRES for k in range(1, n + 1)]
    n = len(keys)
    assert n == 89

    rows: list[dict[str, Any]] = []
    for vl, org, orgtype, count in QUESTIONNAIRES:
        orgcode = {label: code for code, label in ORGTYPE.items()}[orgtype]
        skipped = vl == SKIPPED_BLOCK
        for k in range(1, count + 1):
            first = k == 1
            text = KENNISBEHOEFTE_REAL.get(vl) or KENNISBEHOEFTE_ADDED.get(vl) or ""
            rows.append(
                {
                    "project_id": f"{vl}-p{k:02d}",
                    "vragenlijst_id": vl,
                    "organisatie_id": org,
                    "organisatietype": orgcode,
                    "project_nr": k,
                    "kennis_voldoende": KENNIS[vl],
                    "kennisbehoefte": text if first else "",
                    "verankering_eigen": None if skipped else VERANKERING_EIGEN[vl],
                    "verankering_keten": None if skipped else VERANKERING_KETEN[vl],
                    "randvoorwaarden": None if skipped else RANDVOORWAARDEN_BY[vl],
                    "portefeuillehouder": None
                    if skipped
                    else (1 if vl in PORTEFEUILLEHOUDER_JA else 2),
                    "geplande_projecten": GEPLAND.get(vl),
                }
            )
    table = pd.DataFrame(rows)

    # Phases of the safety chain (multi-select): preparation and response most, aftercare few.
    phases = {"proactie": 18, "preventie": 25, "preparatie": 58, "repressie": 55, "nazorg": 9}
    ticks = _ticks(rng, keys, phases, {}, ["preparatie", "repressie", "preventie"])
    for name in phases:
        table[f"fase_{name}"] = [int(key in ticks[name]) for key in keys]

    # Kinds of innovation: product, process and technological most; social few.
    kinds = {"product": 48, "proces": 42, "sociaal": 8, "technologisch": 45}
    ticks = _ticks(rng, keys, kinds, {}, ["product", "technologisch", "proces"])
    for name in kinds:
        table[f"soort_{name}"] = [int(key in ticks[name]) for key in keys]

    # Goals.
    goals = {
        "informatiepositie": 52,
        "informatie_uitwisseling": 47,
        "technologie": 41,
        "samenwerking_keten": 16,
        "samenleving": 16,
    }
    goal_ticks = _ticks(
        rng, keys, goals, {}, ["informatiepositie", "informatie_uitwisseling", "technologie"]
    )
    for name in goals:
        table[f"doel_{name}"] = [int(key in goal_ticks[name]) for key in keys]

    # Partners: chain partners, suppliers and industry most; knowledge institutes and citizens
    # few. Of the 16 projects that aim at better cooperation with chain partners, 5 (31%) work
    # with chain partners; of the 16 aiming at society, 1 (6%) works with citizens.
    keten_goal = sorted(goal_ticks["samenwerking_keten"])
    samenleving_goal = sorted(goal_ticks["samenleving"])
    other_keten = [k for k in keys if k not in goal_ticks["samenwerking_keten"]]
    other_burger = [k for k in keys if k not in goal_ticks["samenleving"]]
    partner: dict[str, set[tuple[str, int]]] = {
        "ketenpartners": set(rng.sample(keten_goal, 5)) | set(rng.sample(other_keten, 50)),
        "burgers": set(rng.sample(samenleving_goal, 1)) | set(rng.sample(other_burger, 4)),
        "overig": set(PARTNERS_OVERIG),
    }
    free = _ticks(
        rng,
        keys,
        {"leveranciers": 45, "bedrijfsleven": 38, "kennisinstellingen": 12},
        {},
        ["leveranciers", "bedrijfsleven"],
    )
    partner.update(free)
    for name in ("ketenpartners", "leveranciers", "bedrijfsleven", "kennisinstellingen"):
        table[f"partner_{name}"] = [int(key in partner[name]) for key in keys]
    table["partner_burgers"] = [int(key in partner["burgers"]) for key in keys]
    table["partner_overig"] = [int(key in partner["overig"]) for key in keys]
    table["partners_overig"] = [PARTNERS_OVERIG.get(key, "") for key in keys]

    # Level x commissioner: no local projects; directie > half, mostly interregional; bestuur
    # mostly national.
    opdracht_overig = set(OPDRACHTGEVER_OVERIG)
    pairs_main = _exact(
        rng,
        n - len(opdracht_overig),
        {
            (2, 2): 16,
            (3, 2): 22,
            (4, 2): 10,
            (2, 1): 8,
            (3, 1): 4,
            (4, 1): 16,
        },
    )
    overig_levels = _exact(rng, len(opdracht_overig), {2: 6, 3: 3, 4: 4})
    niveau, opdrachtgever = [], []
    it_main, it_overig = iter(pairs_main), iter(overig_levels)
    for key in keys:
        if key in opdracht_overig:
            niveau.append(next(it_overig))
            opdrachtgever.append(3)
        else:
            level, who = next(it_main)
            niveau.append(level)
            opdrachtgever.append(who)
    table["niveau"] = niveau
    table["opdrachtgever"] = opdrachtgever
    table["opdrachtgever_overig"] = [OPDRACHTGEVER_OVERIG.get(key, "") for key in keys]

    # Funding source x sufficient budget.
    fin_overig = sorted(FINANCIERING_OVERIG)
    pairs = _exact(
        rng,
        n - len(fin_overig),
        {
            (1, 1): 40,
            (1, 2): 12,
            (1, 3): 8,
            (2, 1): 16,
            (2, 2): 4,
            (2, 3): 2,
            (3, 1): 4,
        },
    )
    overig_budget = {fin_overig[0]: 1, fin_overig[1]: 1, fin_overig[2]: 3}
    financiering, budget = [], []
    it = iter(pairs)
    for key in keys:
        if key in overig_budget:
            financiering.append(4)
            budget.append(overig_budget[key])
        else:
            source, enough = next(it)
            financiering.append(source)
            budget.append(enough)
    table["financiering"] = financiering
    table["financiering_overig"] = [FINANCIERING_OVERIG.get(key, "") for key in keys]
    table["budget_voldoende"] = budget

    # Success factors and barriers (closed multi-select plus "overig").
    sf_text = {**SUCCESFACTOR_REAL, **SUCCESFACTOR_ADDED}
    bl_text = {**BELEMMERING_REAL, **BELEMMERING_ADDED}
    sf = _ticks(rng, keys, SF_COUNTS, SF_NOT_TICKED, ["interne_capaciteit", "kennis_expertise"])
    bl = _ticks(rng, keys, BL_COUNTS, BL_NOT_TICKED, ["interne_capaciteit", "kennis_expertise"])
    for category in CATEGORIES:
        table[f"sf_{category}"] = [int(key in sf[category]) for key in keys]
    table["sf_overig"] = [int(key in sf_text) for key in keys]
    table["succesfactor_overig"] = [sf_text.get(key, "") for key in keys]
    for category in CATEGORIES:
        table[f"bl_{category}"] = [int(key in bl[category]) for key in keys]
    table["bl_overig"] = [int(key in bl_text) for key in keys]
    table["belemmering_overig"] = [bl_text.get(key, "") for key in keys]

    # Results: three quarters tangible (67/89); of those three quarters tested (50/67), almost
    # half implemented (31/67), one in ten only externally (7/67); almost all applicable
    # elsewhere (61/67); where implemented, mostly a noticeable change (24/31).
    tangible = _exact(rng, n, {1: 67, 2: 22})
    t_idx = [i for i, v in enumerate(tangible) if v == 1]
    tested = _exact(rng, 67, {1: 50, 2: 17})
    implemented = _exact(rng, 67, {1: 31, 2: 7, 3: 24, 4: 5})
    applicable = _exact(rng, 67, {1: 61, 2: 2, 3: 1, 4: 3})
    change = _exact(rng, 31, {1: 24, 2: 3, 3: 4})
    col_tested: list[int | None] = [None] * n
    col_impl: list[int | None] = [None] * n
    col_appl: list[int | None] = [None] * n
    col_change: list[int | None] = [None] * n
    change_it = iter(change)
    for j, i in enumerate(t_idx):
        col_tested[i] = tested[j]
        col_impl[i] = implemented[j]
        col_appl[i] = applicable[j]
        if implemented[j] == 1:
            col_change[i] = next(change_it)
    table["tastbaar_resultaat"] = tangible
    table["getest"] = col_tested
    table["geimplementeerd"] = col_impl
    table["verandering"] = col_change
    table["toepasbaar_elders"] = col_appl

    # Evaluation: less than half (36/89); shared with (part of) the partners in two thirds
    # (24/36).
    evaluated = _exact(rng, n, {1: 36, 2: 53})
    shared = iter(_exact(rng, 36, {1: 15, 2: 8, 3: 9, 4: 4}))
    table["evaluatie"] = evaluated
    table["evaluatie_gedeeld"] = [next(shared) if v == 1 else None for v in evaluated]

    for column in (
        "verankering_eigen",
        "verankering_keten",
        "randvoorwaarden",
        "portefeuillehouder",
        "geplande_projecten",
        "getest",
        "geimplementeerd",
        "verandering",
        "toepasbaar_elders",
        "evaluatie_gedeeld",
    ):
        table[column] = table[column].astype("Int64")

    value_labels = {
        "organisatietype": ORGTYPE,
        "kennis_voldoende": LIKERT,
        "verankering_eigen": LIKERT,
        "verankering_keten": LIKERT,
        "randvoorwaarden": RANDVOORWAARDEN,
        "portefeuillehouder": JA_NEE,
        "niveau": NIVEAU,
        "opdrachtgever": OPDRACHTGEVER,
        "financiering": FINANCIERING,
        "budget_voldoende": JA_NEE_GZ,
        "tastbaar_resultaat": JA_NEE,
        "getest": JA_NEE,
        "geimplementeerd": GEIMPLEMENTEERD,
        "verandering": JA_NEE_GZ,
        "toepasbaar_elders": TOEPASBAAR,
        "evaluatie": JA_NEE,
        "evaluatie_gedeeld": GEDEELD,
    }
    for column in table.columns:
        if column.startswith(("fase_", "soort_", "doel_", "partner_", "sf_", "bl_")):
            value_labels[column] = CHECKBOX
    return table, value_labels, VARIABLE_LABELS


VARIABLE_LABELS = {
    "project_id": "Lopend innovatieproject (vragenlijst + volgnummer)",
    "vragenlijst_id": "Ingevulde vragenlijst",
    "organisatie_id": "Deelnemende organisatie",
    "organisatietype": "Type organisatie",
    "project_nr": "Volgnummer van het project binnen de vragenlijst",
    "kennis_voldoende": (
        "Onze organisatie heeft voldoende kennis of expertise in huis voor het opzetten van een "
        "innovatietraject."
    ),
    "kennisbehoefte": "Aan welke soort kennis of expertise is er behoefte?",
    "verankering_eigen": (
        "Wij houden er bij de inrichting van informatieprocessen rekening mee dat de "
        "resultaten verankerd kunnen worden in de werkwijze van de eigen organisatie"
    ),
    "verankering_keten": (
        "Wij houden er bij de inrichting van informatieprocessen rekening mee dat de "
        "resultaten verankerd kunnen worden in de werkwijze van ketenpartners"
    ),
    "randvoorwaarden": (
        "Zijn er algemene randvoorwaarden opgesteld om uitkomsten van een innovatieproces "
        "succesvol te verankeren?"
    ),
    "portefeuillehouder": (
        "Is er binnen de organisatie een portefeuillehouder 'innovatie' aangewezen op "
        "managementniveau?"
    ),
    "geplande_projecten": "Aantal geplande innovatieprojecten",
    "fase_proactie": "Fase veiligheidsketen: pro-actie",
    "fase_preventie": "Fase veiligheidsketen: preventie",
    "fase_preparatie": "Fase veiligheidsketen: preparatie",
    "fase_repressie": "Fase veiligheidsketen: repressie",
    "fase_nazorg": "Fase veiligheidsketen: nazorg",
    "soort_product": "Soort innovatie: productinnovatie",
    "soort_proces": "Soort innovatie: procesinnovatie",
    "soort_sociaal": "Soort innovatie: sociale innovatie",
    "soort_technologisch": "Soort innovatie: technologische innovatie",
    "doel_informatiepositie": "Doel: informatiepositie van de eigen organisatie verbeteren",
    "doel_informatie_uitwisseling": "Doel: informatie-uitwisseling met ketenpartners versterken",
    "doel_technologie": "Doel: nieuwe technologieën toepassen",
    "doel_samenwerking_keten": "Doel: samenwerking met ketenpartners verbeteren",
    "doel_samenleving": "Doel: samenwerking met de samenleving versterken",
    "partner_ketenpartners": "Samenwerking met: andere ketenpartners",
    "partner_leveranciers": "Samenwerking met: leveranciers",
    "partner_bedrijfsleven": "Samenwerking met: bedrijfsleven",
    "partner_kennisinstellingen": "Samenwerking met: kennisinstellingen",
    "partner_burgers": "Samenwerking met: (groepen) burgers",
    "partner_overig": "Samenwerking met: overig",
    "partners_overig": "Samenwerking met: overig, namelijk",
    "niveau": "Op welk niveau vindt het innovatieproject plaats?",
    "opdrachtgever": "Wie is de formele opdrachtgever van het innovatieproject?",
    "opdrachtgever_overig": "Formele opdrachtgever: overig, namelijk",
    "financiering": "Hoe is het innovatieproject gefinancierd?",
    "financiering_overig": "Financiering: overig, namelijk",
    "budget_voldoende": (
        "Is/was er voldoende budget om van de ontwikkeling van een prototype tot een proof of "
        "concept te komen?"
    ),
    "sf_interne_capaciteit": "Succesfactor: interne capaciteit (mensen en tijd)",
    "sf_kennis_expertise": "Succesfactor: kennis en expertise",
    "sf_juridische_kennis": "Succesfactor: juridische kennis",
    "sf_eindgebruiker": "Succesfactor: betrokkenheid van de eindgebruiker",
    "sf_financiering": "Succesfactor: financiële middelen",
    "sf_draagvlak": "Succesfactor: draagvlak bij bestuur en organisatie",
    "sf_samenwerking": "Succesfactor: samenwerking met partners",
    "sf_overig": "Succesfactor: overig",
    "succesfactor_overig": "Succesfactor: overig, namelijk",
    "bl_interne_capaciteit": "Belemmering: interne capaciteit (mensen en tijd)",
    "bl_kennis_expertise": "Belemmering: kennis en expertise",
    "bl_juridische_kennis": "Belemmering: juridische kennis",
    "bl_eindgebruiker": "Belemmering: betrokkenheid van de eindgebruiker",
    "bl_financiering": "Belemmering: financiële middelen",
    "bl_draagvlak": "Belemmering: draagvlak bij bestuur en organisatie",
    "bl_samenwerking": "Belemmering: samenwerking met partners",
    "bl_overig": "Belemmering: overig",
    "belemmering_overig": "Belemmering: overig, namelijk",
    "tastbaar_resultaat": "Zijn er al tastbare uitkomsten of resultaten (product of dienst)?",
    "getest": "Indien ja: zijn de ontwikkelde producten/diensten reeds in de praktijk getest?",
    "geimplementeerd": (
        "Zijn de opgeleverde producten of diensten aantoonbaar in de dagelijkse operatie van de "
        "eigen organisatie geïmplementeerd?"
    ),
    "verandering": (
        "Hebben de producten/diensten geleid tot merkbare verandering in de werkwijzen en/of "
        "governance?"
    ),
    "toepasbaar_elders": (
        "Zijn de ontwikkelde producten/diensten (of onderdelen) ook toepasbaar in andere "
        "organisaties?"
    ),
    "evaluatie": "Heeft er reeds een (tussentijdse) evaluatie plaatsgevonden?",
    "evaluatie_gedeeld": "Zijn de uitkomsten van de evaluatie al gedeeld met partners in de keten?",
}


def labelled(table: pd.DataFrame, value_labels: dict[str, dict[int, str]]) -> pd.DataFrame:
    """The table with value labels as text (the CSV form); checkboxes stay 0/1."""
    out = table.copy()
    for column, labels in value_labels.items():
        if labels is CHECKBOX:
            continue
        out[column] = out[column].map(lambda v, labels=labels: "" if pd.isna(v) else labels[v])
    return out


def main() -> None:
    import pyreadstat

    table, value_labels, variable_labels = build()
    missing = set(table.columns) - set(variable_labels)
    assert not missing, missing
    counts = Counter(table["vragenlijst_id"])
    assert len(counts) == 25 and sum(counts.values()) == 89
    labelled(table, value_labels).to_csv(HERE / "responses.csv", index=False, lineterminator="\n")
    sav = table.copy()
    for column in sav.columns:
        if str(sav[column].dtype) == "Int64":
            sav[column] = sav[column].astype("float64")
    pyreadstat.write_sav(
        sav,
        str(HERE / "responses.sav"),
        file_label="IFV 2020 inventarisatie innovatieprojecten (reconstructie)",
        column_labels=[variable_labels[c] for c in sav.columns],
        variable_value_labels={
            c: {float(k): v for k, v in vl.items()} for c, vl in value_labels.items()
        },
        variable_measure={
            c: ("ordinal" if value_labels.get(c) is LIKERT else "nominal") for c in value_labels
        },
    )
    print(f"wrote {HERE / 'responses.csv'} and {HERE / 'responses.sav'}: {len(table)} rows")


if __name__ == "__main__":
    main()
