"""Personal data that used to leak (issue 15, item 11), and the look-alikes that must stay.

Street addresses, lower-case postcodes beside an address, names in lower or upper case,
surnames with a capitalised particle, names broken over a line and dotted phone numbers are
found; "Jaar 2021 AB", quantities after road names and ordinary phrases are left alone.
"""

from __future__ import annotations

import pytest

from textcode.privacy import detect_pii, redact_text


def found(text: str) -> list[tuple[str, str]]:
    return [(hit.type, text[hit.start : hit.end]) for hit in detect_pii(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ik woon op de Kerkstraat 12 in Utrecht.", [("ADDRESS", "Kerkstraat 12")]),
        ("Ons kantoor zit aan de Oudegracht 245a.", [("ADDRESS", "Oudegracht 245a")]),
        ("Verzamelen op het Stationsplein 1 om negen uur.", [("ADDRESS", "Stationsplein 1")]),
        ("Het pand aan de Jan van Galenstraat 12 is dicht.",
         [("ADDRESS", "Jan van Galenstraat 12")]),
        ("Wij zitten in de Tweede Oosterparkstraat 5-II sinds maart.",
         [("ADDRESS", "Tweede Oosterparkstraat 5-II")]),
        ("Adres: Laan van Meerdervoort 15, 2517 AA Den Haag.",
         [("ADDRESS", "Laan van Meerdervoort 15"), ("POSTCODE", "2517 AA")]),
        ("Bezoekadres: Kanaalweg 3, 1234AB Den Haag.",
         [("ADDRESS", "Kanaalweg 3"), ("POSTCODE", "1234AB")]),
        ("Post graag naar Zeedijk 3 B, de achteringang.", [("ADDRESS", "Zeedijk 3 B")]),
        ("mijn adres is kerkstraat 12, 3511 ab utrecht",
         [("ADDRESS", "kerkstraat 12"), ("POSTCODE", "3511 ab")]),
        ("ik woon aan de molenweg 8", [("ADDRESS", "molenweg 8")]),
        ("HET ADRES IS KERKSTRAAT 12", [("ADDRESS", "KERKSTRAAT 12")]),
    ],
)  # fmt: skip
def test_street_addresses(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Op de snelweg 30 minuten stilgestaan.",
        "De Rijksweg 12 km lang afgesloten.",
        "Jaar 2021 AB was een goed jaar.",
        "De Kerkstraat is afgesloten voor verkeer.",
        "In de file op de A12 richting Utrecht.",
        "Het Binnenhof staat sinds 2021 in de steigers.",
        "We liepen 3 keer over de dijk 2 keer terug.",
        "Het marktplein 2 keer per jaar vol.",
        "De arbeidsmarkt 2021 was krap.",
        "Stationsplein en Kerkplein zijn autovrij.",
        "Op het sportpark 4 velden gebruikt.",
        "Dorpsstraat 5 minuten lopen.",
        "Er reden 3511 auto's over de brug.",
        "Sinds 2019 EV-laders geplaatst.",
    ],
)
def test_address_look_alikes(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ik sprak jan de vries gisteren.", "jan de vries"),
        ("IK SPRAK JAN DE VRIES GISTEREN.", "JAN DE VRIES"),
        ("Contact: Jan De Vries van de gemeente.", "Jan De Vries"),
        ("Vraag het piet bakker maar.", "piet bakker"),
        ("GESPREK MET MEVROUW DE VRIES.", "DE VRIES"),
        ("De Vries zei dat het goed ging.", "De Vries"),
        ("Volgens De Jong is dat onzin.", "De Jong"),
        ("Van den Berg vond het ook.", "Van den Berg"),
        ("Met dank aan Jan\nde Vries voor de hulp.", "Jan\nde Vries"),
        ("Met dank aan Jan de\nVries voor de hulp.", "Jan de\nVries"),
        ("Contact: Ester\nWillemsen", "Ester\nWillemsen"),
    ],
)
def test_names_in_any_case_and_over_a_line(text: str, name: str) -> None:
    assert found(text) == [("NAME", name)]


@pytest.mark.parametrize(
    "text",
    [
        "ik wil de boer spreken over de oogst.",
        "De boer zei dat het droog was.",
        "Volgens de bakker was het brood op.",
        "Den Haag en De Bilt doen mee.",
        "DE BOER KWAM LANGS MET DE TREKKER.",
        "Wij werken in Ter Apel en Ten Boer.",
        "IN 2020 EN 2021 WILLEN WE MEER DOEN MET DATA.",
        "Het Ministerie van Justitie\nVeiligheid voorop.",
    ],
)
def test_name_look_alikes_in_any_case(text: str) -> None:
    assert found(text) == []


def test_a_first_name_at_a_line_end_does_not_take_the_next_line() -> None:
    assert found("Groeten, Sanne\nDaarna gaan we verder.") == [("NAME", "Sanne")]


@pytest.mark.parametrize(
    ("text", "phone"),
    [
        ("Bel 06.12.34.56.78 na vijven.", "06.12.34.56.78"),
        ("Mijn nummer: 020.123.45.67", "020.123.45.67"),
    ],
)
def test_dotted_phone_numbers(text: str, phone: str) -> None:
    assert found(text) == [("PHONE", phone)]


def test_dotted_dates_stay() -> None:
    assert found("Op 06.12.20 begonnen we, op 01.02.2021 was het klaar.") == []


def test_redaction_of_an_address_line() -> None:
    redaction = redact_text("Stuur het naar Oudegracht 245a, 3511 AB Utrecht t.a.v. jan de vries.")
    assert redaction.text == "Stuur het naar [ADRES], [POSTCODE] Utrecht t.a.v. [NAAM]."
