"""Words that look like a code's term but are not, and praise that is not "no answer".

Cases a reviewer found on plain Dutch answers: an alderman ("wethouder") is no law, a moment
("tijdstip") no lack of time; "Het budget was prima" names the budget as a success factor
rather than saying nothing; "speelde geen rol" is an idiom, not unclear roles.
"""

from __future__ import annotations

import pytest

from textcode.coding import Coder

# Every test here runs on both matching paths (compiled core and pure Python).
pytestmark = pytest.mark.usefixtures("matching_path")


@pytest.fixture(scope="module")
def coder(matching_path: str) -> Coder:
    return Coder().fit()


def codes(coder: Coder, text: str, question: str) -> list[str]:
    return [s.code for s in coder.code_text(text, question)]


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("De wethouder was tegen", "belemmering"),
        ("De wethouders waren er niet bij", "belemmering"),
        ("Hoe betrek je de wethouder erbij", "kennisbehoefte"),
        ("Hoe de wetenschap erover dacht", "belemmering"),
        ("Het tijdstip van de vergadering", "belemmering"),
        ("Tijdelijke medewerkers vertrokken", "belemmering"),
        ("De personeelsvereniging organiseerde de borrel", "belemmering"),
    ],
)
def test_lexicalised_lookalikes_get_no_code(coder: Coder, text: str, question: str) -> None:
    assert codes(coder, text, question) == []


@pytest.mark.parametrize(
    ("text", "question", "code"),
    [
        ("Personeelstekort", "belemmering", "belemmering.capaciteit_tijd"),
        ("Tijdsdruk vanuit de regio", "belemmering", "belemmering.capaciteit_tijd"),
        ("Een wetswijziging was nodig", "belemmering", "belemmering.juridisch"),
        ("Kennis over de avg", "kennisbehoefte", "kennisbehoefte.juridisch"),
    ],
)
def test_genuine_compounds_and_lower_case_acronyms_still_match(
    coder: Coder, text: str, question: str, code: str
) -> None:
    assert code in codes(coder, text, question)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Het budget was prima", "succesfactor.financiering"),
        ("Het oefenterrein was prima", "succesfactor.faciliteiten"),
        ("Het trekkerschap was goed", "succesfactor.projectleiding"),
        ("Het draagvlak was prima", "succesfactor.stakeholders"),
    ],
)
def test_praise_of_a_named_factor_is_not_a_non_answer(coder: Coder, text: str, code: str) -> None:
    assert codes(coder, text, "succesfactor") == [code]


@pytest.mark.parametrize("text", ["Alles ging goed", "Het liep prima", "Geen, alles liep goed"])
def test_praise_of_nothing_in_particular_is_still_a_non_answer(coder: Coder, text: str) -> None:
    assert codes(coder, text, "belemmering") == ["overig.geen_inhoud"]


def test_idiom_geen_rol_is_not_unclear_roles(coder: Coder) -> None:
    assert "belemmering.besluitvorming" not in codes(coder, "Tijd speelde geen rol", "belemmering")
    found = codes(coder, "Onduidelijke rollen tussen de regio en het ministerie", "belemmering")
    assert found == ["belemmering.besluitvorming"]


def test_knowledge_in_house_is_not_a_knowledge_barrier(coder: Coder) -> None:
    found = codes(coder, "Er was veel kennis in huis, maar te weinig handjes.", "belemmering")
    assert found == ["belemmering.capaciteit_tijd"]
    assert codes(coder, "Te weinig kennis in huis", "belemmering") == ["belemmering.kennis"]
