"""Detectors of textcode.privacy, one format at a time, with look-alikes that must stay."""

from __future__ import annotations

from itertools import pairwise

import pytest

from textcode.errors import InputError
from textcode.lang.nl.privacy import is_valid_bsn
from textcode.privacy import PII_TYPES, PiiHit, detect_pii, normalize_types
from textcode.privacy.detect import resolve_overlaps


def found(text: str, **kwargs: object) -> list[tuple[str, str]]:
    return [(h.type, text[h.start : h.end]) for h in detect_pii(text, **kwargs)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "address",
    [
        "p.jansen@veiligheidsregio-utrecht.nl",
        "Fatima.ElAmrani@politie.nl",
        "naam @ domein.nl",
        "ester.willemsen @ifv.nl",
        "naam [at] domein punt nl",
        "s.bos (at) ggd (punt) nl",
        "m.hendriks at vrk dot nl",
        "info apenstaartje crisislab punt nl",
        "r.peters[at]rivm.nl",
        "mailto:k.visser@ifv.nl",
    ],
)
def test_email_formats(address: str) -> None:
    assert found(f"Mail naar {address} graag.") == [("EMAIL", address)]


@pytest.mark.parametrize(
    "number",
    [
        "06-12345678",
        "06 12345678",
        "0612345678",
        "06 - 123 456 78",
        "+31 6 12345678",
        "+31612345678",
        "+31 (0)6 1234 5678",
        "0031 6 12 34 56 78",
        "010-1234567",
        "020 123 4567",
        "(020) 123 45 67",
        "(0)20 123 4567",
        "+31 (0)20 123 4567",
        "0575-123456",
        "0800-1234",
        "0900-1234567",
        "06–12345678",
        "+32 2 123 45 67",
    ],
)
def test_phone_formats(number: str) -> None:
    assert found(f"Bel {number} na vijf uur.") == [("PHONE", number)]


def test_two_phone_numbers_in_a_row_are_two_hits() -> None:
    text = "Bel 06 12345678 / 020 1234567 voor informatie."
    assert found(text) == [("PHONE", "06 12345678"), ("PHONE", "020 1234567")]


@pytest.mark.parametrize(
    "text",
    [
        "De pilot liep van 01-03-2020 tot 30-06-2020.",
        "Op 05-06-2020 12 deelnemers aanwezig.",
        "Tussen 09.00 - 10.30 - 12.00 uur zijn er sessies.",
        "Open van 0800-1700 uur.",
        "Het budget was € 1.250.000 voor drie jaar.",
        "Projectnummer PRJ-2020-0045 loopt nog tot 2021.",
        "Bel bij nood altijd 112.",
        "KvK-nummer 12345678 staat op de factuur.",
        "Het 06-nummer van de piketfunctionaris staat in het draaiboek.",
        "De oefening begon om 14:30 en duurde tot 17.00 uur.",
    ],
)
def test_phone_look_alikes(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "postcode"),
    [
        ("Adres: Postbus 3, 1234 AB Den Haag.", "1234 AB"),
        ("Postbus 100, 7500AA Enschede", "7500AA"),
        ("Wij zitten in 3584 cs Utrecht.", "3584 cs"),
        ("Postcode 3584 cs, huisnummer 14.", "3584 cs"),
        ("Ons kantoor (6800AR) is dicht.", "6800AR"),
        ("De wijk 7521ph doet mee.", "7521ph"),
    ],
)
def test_postcodes(text: str, postcode: str) -> None:
    assert found(text) == [("POSTCODE", postcode)]


@pytest.mark.parametrize(
    "text",
    [
        "In 2020 EN 2021 WILLEN WE MEER DOEN MET DATA.",
        "In 2019 en 2020 hebben we geïnvesteerd in drones.",
        "Het windpark levert 4000 MW.",
        "Er zijn 1500 PV-panelen geplaatst.",
        "We liepen 1000km in een jaar.",
        "In 2021 EU-breed afgesproken.",
        "In 2020 en Rotterdam ook.",
        "Code 1234 SS is nooit uitgegeven.",
    ],
)
def test_postcode_look_alikes(text: str) -> None:
    assert found(text) == []


def test_iban_checksum() -> None:
    assert found("Rekening NL91 ABNA 0417 1643 00 t.n.v. de stichting.") == [
        ("IBAN", "NL91 ABNA 0417 1643 00")
    ]
    assert found("IBAN NL91ABNA0417164300.") == [("IBAN", "NL91ABNA0417164300")]
    assert found("Belgisch: BE68 5390 0754 7034 en verder niets.") == [
        ("IBAN", "BE68 5390 0754 7034")
    ]
    # One digit off: the mod-97 check fails, nothing is flagged as an IBAN.
    assert all(t != "IBAN" for t, _ in found("Rekening NL91 ABNA 0417 1643 01."))


def test_bsn_eleven_test() -> None:
    assert is_valid_bsn("111222333")
    assert is_valid_bsn("123456782")
    assert not is_valid_bsn("123456789")
    assert not is_valid_bsn("000000000")
    assert found("Mijn BSN is 123456782.") == [("BSN", "123456782")]
    assert found("BSN 1234.56.782 graag verwijderen") == [("BSN", "1234.56.782")]
    assert found("BSN 123 456 782 graag verwijderen") == [("BSN", "123 456 782")]
    # A random nine-digit number fails the eleven-test.
    assert found("Er waren 123456789 meldingen.") == []
    # Valid by the eleven-test, but an amount or another kind of number.
    assert found("Het bedrag van € 123.456.782 is een schatting.") == []
    assert found("Zaaknummer 123456782 is afgesloten.") == []


@pytest.mark.parametrize(
    "url",
    [
        "https://www.nipv.nl/kennisbank/crisisbeheersing",
        "http://crisislab.nl",
        "www.veiligheidsberaad.nl",
        "www.ifv.nl/publicaties?id=12",
        "linkedin.com/in/pjansen",
        "veiligheidsregio-utrecht.nl/innovatie",
        "nu.nl",
    ],
)
def test_urls(url: str) -> None:
    assert found(f"Zie {url}.") == [("URL", url)]


def test_url_in_brackets_and_markdown() -> None:
    text = "Meer (zie https://x.nl/a) en [site](https://y.nl/b)."
    assert found(text) == [("URL", "https://x.nl/a"), ("URL", "https://y.nl/b")]


@pytest.mark.parametrize(
    "plate",
    ["12-ABC-3", "AB-12-CD", "1-ABC-23", "GF-12-34", "K-123-NB", "GVB-12-T", "123-TG-7"],
)
def test_licence_plates(plate: str) -> None:
    assert found(f"De wagen {plate} stond klaar.") == [("LICENCE_PLATE", plate)]


@pytest.mark.parametrize(
    "text",
    [
        "Na COVID-19 is alles anders.",
        "Het systeem voldoet aan ISO-9001.",
        "Projectnummer PRJ-2020-0045.",
        "Een Ab-12-cD is geen kenteken.",
    ],
)
def test_plate_look_alikes(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Contact met Ester Willemsen hierover.", "Ester Willemsen"),
        ("Vraag Jan van der Berg ernaar.", "Jan van der Berg"),
        ("Dank aan mevrouw Jansen.", "Jansen"),
        ("Dank aan dhr. P. de Vries.", "P. de Vries"),
        ("Dank aan dr. ir. J.A. van den Berg.", "J.A. van den Berg"),
        ("Namens mevrouw Van der Meer, dank!", "Van der Meer"),
        ("Gesprek met de heer Hoekstra.", "Hoekstra"),
        ("Ook Henk-Jan van der Plas was er.", "Henk-Jan van der Plas"),
        ("Ook Xandra de Wit was er.", "Xandra de Wit"),
        ("Burgemeester Bruls belde.", "Bruls"),
        ("Met dank aan H. Mulder voor de hulp.", "H. Mulder"),
        ("Mijn collega Sanne schreef het.", "Sanne"),
        ("Contact via Femke Bos-van Dongen.", "Femke Bos-van Dongen"),
        ("Wij zijn geholpen door Jasper van 't Hof.", "Jasper van 't Hof"),
        ("Vraag naar mw. Öztürk op de afdeling.", "Öztürk"),
    ],
)
def test_names(text: str, name: str) -> None:
    assert found(text) == [("NAME", name)]


@pytest.mark.parametrize(
    "text",
    [
        "We gingen naar het Van Gogh museum in Amsterdam.",
        "De bijeenkomst was in Den Haag.",
        "De Twente Safety Campus is een mooie plek.",
        "Het Ministerie van Justitie en Veiligheid betaalt.",
        "Samenwerking met de Universiteit van Twente.",
        "Plan B. Daarna ging het beter.",
        "N.B. De vragenlijst was te lang.",
        "Het Jeroen Bosch Ziekenhuis deed mee.",
        "Het Anne Frank Huis en de Johan Cruijff ArenA.",
        "Kantoor aan de Jan van Galenstraat is dicht.",
        "Jan en alleman heeft een mening.",
        "Max. 10 deelnemers per sessie.",
        "Roos en Iris zijn oefenscenario's.",
        "Samenwerking van de Veiligheidsregio's is nodig.",
        "De directeur Publieke Gezondheid schreef.",
        "Coördinator Gemeentelijke Crisisbeheersing regelde het.",
        "In Anna Paulowna en Ter Apel.",
        "Daarnaast de Minister van Justitie.",
    ],
)
def test_name_look_alikes(text: str) -> None:
    assert found(text) == []


def test_email_local_part_is_not_a_name() -> None:
    text = "Mail Ester.Willemsen@ifv.nl of bel."
    assert found(text) == [("EMAIL", "Ester.Willemsen@ifv.nl")]
    assert found(text, types=["NAME"]) == []


def test_names_with_a_spacy_ner_component() -> None:
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("nl")
    ruler = nlp.add_pipe("entity_ruler", name="ner")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Willemsen"}])
    text = "Ik sprak Willemsen en Pieter Jansen over 06-12345678."
    # The NER pipeline decides the names; the rules (which would find Pieter Jansen) do not.
    assert found(text, nlp=nlp) == [("NAME", "Willemsen"), ("PHONE", "06-12345678")]
    # Without an "ner" component the rules are used.
    assert found(text, nlp=spacy.blank("nl")) == [
        ("NAME", "Pieter Jansen"),
        ("PHONE", "06-12345678"),
    ]


def test_hits_sorted_and_non_overlapping() -> None:
    text = (
        "Jan Pieter Jansen (j.jansen@vr.nl, 06-12345678, NL91 ABNA 0417 1643 00) woont op "
        "1234 AB en rijdt 12-ABC-3; zie www.vr.nl/jan."
    )
    hits = detect_pii(text)
    assert [h.type for h in hits] == [
        "NAME",
        "EMAIL",
        "PHONE",
        "IBAN",
        "POSTCODE",
        "LICENCE_PLATE",
        "URL",
    ]
    assert text[hits[0].start : hits[0].end] == "Jan Pieter Jansen"
    assert all(a.end <= b.start for a, b in pairwise(hits))


def test_overlap_resolution_is_deterministic() -> None:
    hits = [PiiHit("PHONE", 10, 20), PiiHit("IBAN", 5, 25), PiiHit("NAME", 0, 4)]
    assert resolve_overlaps(hits) == [PiiHit("NAME", 0, 4), PiiHit("IBAN", 5, 25)]
    # Same length: the type that comes first in PII_TYPES wins, in any input order.
    tie = [PiiHit("NAME", 0, 10), PiiHit("URL", 0, 10)]
    assert resolve_overlaps(tie) == resolve_overlaps(tie[::-1]) == [PiiHit("URL", 0, 10)]
    # Overlapping spans of one type are joined.
    assert resolve_overlaps([PiiHit("NAME", 0, 10), PiiHit("NAME", 4, 17)]) == [
        PiiHit("NAME", 0, 17)
    ]


def test_types_filter_and_errors() -> None:
    text = "Pieter Jansen, 06-12345678, p.jansen@vr.nl"
    assert found(text, types=["PHONE"]) == [("PHONE", "06-12345678")]
    assert found(text, types="email,telefoon") == [
        ("PHONE", "06-12345678"),
        ("EMAIL", "p.jansen@vr.nl"),
    ]
    assert normalize_types(None) == frozenset(PII_TYPES)
    assert normalize_types(["kenteken", "licence-plate"]) == {"LICENCE_PLATE"}
    with pytest.raises(InputError, match="FOO"):
        detect_pii(text, types=["FOO"])
    with pytest.raises(InputError, match="language"):
        detect_pii(text, language="xx")
    assert detect_pii("") == ()
