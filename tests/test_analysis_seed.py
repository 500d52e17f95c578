"""The seed report's statements, regenerated from samples/ifv2020 by textcode.

Each case names the statement of the IFV 2020 report it reproduces, the sentence textcode
writes for it, and its numbers (n of N). The sample is coded once for the module.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from textcode.analysis import SurveyAnalysis, analyse_survey, verbal_quantifier
from textcode.report import load_and_code

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020"

# (seed statement, insight id, sentence textcode writes, n, N)
STATEMENTS = [
    (
        "Bijna driekwart van de organisaties denkt voldoende kennis en expertise in huis te hebben",
        "kennis_voldoende",
        "Bijna driekwart van de deelnemers denkt voldoende kennis en expertise in huis te hebben "
        "voor het opzetten van innovatietrajecten (18 van 25, 72%).",
        18,
        25,
    ),
    (
        "Eén op de vijf organisaties geeft aan hiervoor niet voldoende kennis en expertise in huis",
        "kennis_onvoldoende",
        "Eén op de vijf deelnemers geeft aan hiervoor niet voldoende kennis en expertise in huis "
        "te hebben (5 van 25, 20%).",
        5,
        25,
    ),
    (
        "... verankerd kunnen worden in de werkwijze van de eigen organisatie (96%)",
        "verankering_eigen",
        "Vrijwel alle deelnemers houden er rekening mee dat resultaten verankerd kunnen worden in "
        "de werkwijze van de eigen organisatie (23 van 24, 96%).",
        23,
        24,
    ),
    (
        "... dan in de werkwijze van ketenpartners (58%)",
        "verankering_keten",
        "Bijna drie op de vijf deelnemers houdt er rekening mee dat resultaten verankerd kunnen "
        "worden in de werkwijze van ketenpartners (14 van 24, 58%).",
        14,
        24,
    ),
    (
        "Bij de inrichting van informatieprocessen ... eigen organisatie (96%) ... "
        "ketenpartners (58%)",
        "verankering_vergelijking",
        "Bij de inrichting van informatieprocessen wordt er meer rekening mee gehouden dat de "
        "resultaten verankerd kunnen worden in de werkwijze van de eigen organisatie (96%) dan in "
        "de werkwijze van ketenpartners (58%) (23 van 24; 14 van 24).",
        23,
        24,
    ),
    (
        "Een kwart van de deelnemers geeft aan dat er geen algemene randvoorwaarden zijn opgesteld",
        "geen_randvoorwaarden",
        "Een kwart van de deelnemers geeft aan dat er geen algemene randvoorwaarden zijn "
        "opgesteld om uitkomsten van een innovatieproces succesvol te verankeren (6 van 24, 25%).",
        6,
        24,
    ),
    (
        "Binnen de helft van de organisaties is er een portefeuillehouder innovatie aangewezen",
        "portefeuillehouder",
        "Binnen de helft van de organisaties is er een portefeuillehouder innovatie aangewezen op "
        "managementniveau (12 van 24, 50%).",
        12,
        24,
    ),
    (
        "Van de organisaties die aangeven een portefeuillehouder ... valt een derde onder 'vitale "
        "infrastructuur'",
        "portefeuillehouder_vitaal",
        "Van de organisaties die aangeven een portefeuillehouder innovatie te hebben, valt een "
        "derde onder 'vitale infrastructuur' (4 van 12, 33%).",
        4,
        12,
    ),
    (
        "Slechts één veiligheidsregio heeft een portefeuillehouder innovatie aangewezen",
        "portefeuillehouder_veiligheidsregio",
        "Slechts één veiligheidsregio heeft een portefeuillehouder innovatie aangewezen "
        "(1 van 12, 8%).",
        1,
        12,
    ),
    (
        "In dat geval [eigen organisatie] is bij twee derde van de projecten het budget voldoende",
        "budget_eigen_voldoende",
        "Bij projecten die vanuit de eigen organisatie worden gefinancierd, is bij twee derde van "
        "de projecten het budget voldoende (40 van 60, 67%).",
        40,
        60,
    ),
    (
        "... bij twee op de tien niet",
        "budget_eigen_onvoldoende",
        "Bij projecten die vanuit de eigen organisatie worden gefinancierd, is bij één op de vijf "
        "projecten het budget niet voldoende (12 van 60, 20%).",
        12,
        60,
    ),
    (
        "Indien er gebruik wordt gemaakt van budget uit externe subsidies is er in bijna "
        "driekwart van de gevallen sprake van voldoende budget",
        "budget_subsidie",
        "Bij budget uit externe subsidies is er in bijna driekwart van de gevallen sprake van "
        "voldoende budget (16 van 22, 73%).",
        16,
        22,
    ),
    (
        "is er sprake van een externe investeerder is dit 100%",
        "budget_investeerder",
        "Bij een externe investeerder is het budget bij alle projecten voldoende (4 van 4, 100%).",
        4,
        4,
    ),
    (
        "Bij meer dan de helft van de innovatieprojecten is de opdrachtgever de directie",
        "directie_opdrachtgever",
        "Bij meer dan de helft van de innovatieprojecten is de opdrachtgever de directie "
        "(48 van 89, 54%).",
        48,
        89,
    ),
    (
        "Er vinden momenteel geen innovatieprojecten plaats op lokaal niveau",
        "geen_lokaal",
        "Er vinden geen innovatieprojecten plaats op lokaal niveau (0 van 89, 0%).",
        0,
        89,
    ),
    (
        "'samenwerking met ketenpartners verbeteren' wordt er slechts voor 31% met ketenpartners "
        "samengewerkt",
        "keten_doel_keten",
        "Voor het doel 'samenwerking met ketenpartners verbeteren' wordt slechts bij 31% van de "
        "projecten met ketenpartners samengewerkt (5 van 16, 31%).",
        5,
        16,
    ),
    (
        "'samenwerking met de samenleving versterken' slechts voor 6% met (groepen) burgers",
        "burgers_doel_samenleving",
        "Voor het doel 'samenwerking met de samenleving versterken' wordt slechts bij 6% van de "
        "projecten met (groepen) burgers samengewerkt (1 van 16, 6%).",
        1,
        16,
    ),
    (
        "Juridische kennis is zelden een succesfactor voor innovatieprojecten",
        "juridisch_succesfactor",
        "Juridische kennis is zelden een succesfactor: vrijwel geen van de projecten noemt haar "
        "(2 van 89, 2%).",
        2,
        89,
    ),
    (
        "[Juridische kennis] wordt in meer dan een kwart van de projecten als belemmering ervaren",
        "juridisch_belemmering",
        "Juridische kennis wordt in meer dan een kwart van de projecten als belemmering ervaren "
        "(25 van 89, 28%).",
        25,
        89,
    ),
    (
        "Bij driekwart van de lopende innovatieprojecten zijn er al tastbare resultaten",
        "tastbaar",
        "Bij driekwart van de lopende innovatieprojecten zijn er al tastbare resultaten "
        "(67 van 89, 75%).",
        67,
        89,
    ),
    (
        "waarvan wederom driekwart al getest zijn in de praktijk",
        "getest",
        "Van de tastbare resultaten is driekwart al getest in de praktijk (50 van 67, 75%).",
        50,
        67,
    ),
    (
        "Bijna de helft van de opgeleverde producten of diensten zijn reeds ... geïmplementeerd",
        "geimplementeerd",
        "Bijna de helft van de opgeleverde producten of diensten is reeds zichtbaar en tastbaar in "
        "de dagelijkse operatie van de eigen organisatie geïmplementeerd (31 van 67, 46%).",
        31,
        67,
    ),
    (
        "Bij één op de tien innovaties is het product alleen geïmplementeerd in een externe "
        "organisatie",
        "alleen_extern",
        "Bij één op de tien innovaties is het product alleen geïmplementeerd in een externe "
        "organisatie (7 van 67, 10%).",
        7,
        67,
    ),
    (
        "Bijna alle ontwikkelde producten blijken ook toepasbaar te zijn in andere organisaties",
        "toepasbaar_elders",
        "Ruim negen op de tien ontwikkelde producten blijkt ook toepasbaar te zijn in andere "
        "organisaties (61 van 67, 91%).",
        61,
        67,
    ),
    (
        "Bij minder dan de helft van de innovatieprojecten heeft al een (tussentijdse) evaluatie "
        "plaatsgevonden",
        "evaluatie",
        "Bij minder dan de helft van de innovatieprojecten heeft al een (tussentijdse) evaluatie "
        "plaatsgevonden (36 van 89, 40%).",
        36,
        89,
    ),
    (
        "zijn de resultaten in twee derde van de gevallen al gedeeld met (een deel van) de "
        "partners",
        "evaluatie_gedeeld",
        "Waar een evaluatie heeft plaatsgevonden, zijn de resultaten in twee derde van de gevallen "
        "al gedeeld met (een deel van) de partners in de keten (24 van 36, 67%).",
        24,
        36,
    ),
]

# The real quotes of the knowledge-needs slide, and the theme(s) the report summarised them as:
# innovation processes, implementation, legal and procurement, ICT and technology, the market
# and networks, connecting organisations.
REAL_KNOWLEDGE_NEEDS = {
    "vl01-p01": {"kennisbehoefte.innovatieproces"},
    "vl07-p01": {"kennisbehoefte.innovatieproces"},
    "vl04-p01": {"kennisbehoefte.implementatie"},
    "vl02-p01": {"kennisbehoefte.implementatie"},
    "vl06-p01": {"kennisbehoefte.juridisch", "kennisbehoefte.inkoop"},
    "vl03-p01": {"kennisbehoefte.technologie"},
    "vl10-p01": {"kennisbehoefte.markt_netwerk"},
    "vl09-p01": {"kennisbehoefte.markt_netwerk"},
    "vl11-p01": {"kennisbehoefte.verbinden"},
    "vl05-p01": {"kennisbehoefte.verbinden"},
}


def _analyse(path: Path) -> SurveyAnalysis:
    loaded = load_and_code(path)
    return analyse_survey(
        loaded.answers, loaded.suggestions, roles=loaded.roles, codebook=loaded.codebook
    )


@pytest.fixture(scope="module")
def analysis() -> SurveyAnalysis:
    return _analyse(SAMPLE / "responses.csv")


@pytest.mark.parametrize(
    ("statement", "insight_id", "sentence", "n", "base"),
    STATEMENTS,
    ids=[s[1] for s in STATEMENTS],
)
def test_seed_statement(
    analysis: SurveyAnalysis, statement: str, insight_id: str, sentence: str, n: int, base: int
) -> None:
    insight = analysis.insights.get(insight_id)
    assert insight.text == sentence, statement
    assert (insight.n, insight.base) == (n, base)
    if insight.kind == "statement":
        assert len(insight.ids) == n  # the answers behind the number, one per unit


def test_report_wording_of_the_same_shares(analysis: SurveyAnalysis) -> None:
    # Where the report words a share differently, textcode's ladder still gives its words.
    own_not_enough = analysis.insights.get("budget_eigen_onvoldoende")
    assert verbal_quantifier(own_not_enough.share, unit=10) == "twee op de tien"
    assert verbal_quantifier(analysis.insights.get("juridisch_belemmering").share) == (
        "ruim een kwart"
    )
    assert analysis.insights.get("toepasbaar_elders").share >= 0.9  # "bijna alle"


def test_knowledge_share_is_counted_per_questionnaire(analysis: SurveyAnalysis) -> None:
    insight = analysis.insights.get("kennis_voldoende")
    assert insight.unit == "respondent"
    assert all(i.startswith("vl") and "-p" not in i for i in insight.ids)


def test_success_factors_and_barriers(analysis: SurveyAnalysis) -> None:
    # "Interne capaciteit, kennis en expertise en betrokkenheid van de eindgebruiker worden vaak
    # als succesfactoren genoemd"; capacity and knowledge "ook vaak als belemmering".
    top = analysis.insights.get("succesfactoren:top")
    assert top.values == (
        "Interne capaciteit",
        "Kennis en expertise",
        "Betrokkenheid eindgebruiker",
    )
    barriers = analysis.insights.get("belemmeringen:top")
    assert barriers.values[:2] == ("Interne capaciteit", "Kennis en expertise")
    # The recoded "overig" answers add to the closed boxes.
    factors = analysis.multiselect["succesfactoren"].set_index("option")
    assert factors.loc["interne_capaciteit", ["closed", "from_other", "n"]].tolist() == [52, 1, 53]
    legal = analysis.multiselect["belemmeringen"].set_index("option").loc["juridische_kennis"]
    assert (legal["closed"], legal["n"]) == (24, 25)
    assert legal["closed"] / 89 > 0.25  # the closed boxes alone already exceed a quarter
    money = analysis.multiselect["belemmeringen"].set_index("option").loc["financiering"]
    assert money["other_ids"] == ("vl04-p05",)  # "Geld"
    kinds = analysis.multiselect["belemmeringen"].set_index("option")["kind"]
    assert kinds["belemmering.vrijblijvendheid"] == "new_theme"


def test_focus_kinds_and_partners(analysis: SurveyAnalysis) -> None:
    # "De meeste innovatieprojecten richten zich op de fasen preparatie en repressie"
    assert analysis.insights.get("fasen:top").values[:2] == ("Preparatie", "Repressie")
    phases = analysis.multiselect["fasen"].set_index("option")["n"]
    assert phases.idxmin() == "nazorg"
    kinds = analysis.multiselect["soorten"].set_index("option")["n"]
    assert kinds.idxmin() == "sociaal"  # "relatief weinig sociale innovaties"
    partners = analysis.insights.get("partners:top").values
    assert partners == ("Andere ketenpartners", "Leveranciers", "Bedrijfsleven")


def test_knowledge_needs_themes_of_the_real_quotes(analysis: SurveyAnalysis) -> None:
    suggestions = analysis.suggestions
    coded = suggestions[suggestions["question"] == "kennisbehoefte"]
    found: dict[str, set[str]] = {}
    for response_id, code in zip(coded["response_id"], coded["code"], strict=True):
        found.setdefault(str(response_id), set()).add(str(code))
    for response_id, expected in REAL_KNOWLEDGE_NEEDS.items():
        assert expected <= found.get(response_id, set()), response_id
    themes = set().union(*(found[r] for r in REAL_KNOWLEDGE_NEEDS))
    assert {
        "kennisbehoefte.innovatieproces",
        "kennisbehoefte.implementatie",
        "kennisbehoefte.juridisch",
        "kennisbehoefte.inkoop",
        "kennisbehoefte.technologie",
        "kennisbehoefte.markt_netwerk",
        "kennisbehoefte.verbinden",
    } <= themes
    # Every knowledge-needs code of the taxonomy occurs in the sample.
    table = analysis.themes("kennisbehoefte")
    assert {c for c in table["code"] if c.startswith("kennisbehoefte.")} == {
        f"kennisbehoefte.{c}"
        for c in (
            "innovatieproces implementatie juridisch inkoop technologie informatiemanagement "
            "markt_netwerk verbinden vakbekwaamheid"
        ).split()
    }
    # The denominator: 22 answered, 2 of them non-substantive.
    assert set(table["base"]) == {20, 22}


def test_spss_file_gives_the_same_statements(analysis: SurveyAnalysis) -> None:
    from_sav = _analyse(SAMPLE / "responses.sav")
    wanted = [i.text for i in analysis.insights if i.kind in ("statement", "compare", "top")]
    got = [i.text for i in from_sav.insights if i.kind in ("statement", "compare", "top")]
    assert got == wanted
