"""Build ``pii_testset.jsonl``: Dutch survey answers with planted personal data, and clean ones.

Run from the repository root: ``python tests/data/privacy/build_testset.py``. The output is
deterministic (no randomness beyond a fixed seed), so the committed file can be rebuilt.

Planted answers are written as templates whose ``{SLOT}`` markers are filled from pools of
values in varied formats; the offsets of each filled slot are recorded with its type. Clean
answers are written out in full and contain look-alikes only (dates, amounts, project numbers,
years, place and organisation names, times, versions, articles of law).
"""

from __future__ import annotations

import json
import random
import re
from itertools import cycle
from pathlib import Path

HERE = Path(__file__).resolve().parent
RNG = random.Random(20200910)


def _nl_iban(bank: str, account: str) -> str:
    """A Dutch IBAN with a correct check number (ISO 13616 mod 97)."""
    bban = bank + account
    numeric = "".join(str(int(c, 36)) for c in bban + "NL00")
    check = 98 - int(numeric) % 97
    return f"NL{check:02d}{bban}"


def _bsn() -> str:
    """A nine-digit number that passes the eleven-test."""
    while True:
        digits = [RNG.randint(0, 9) for _ in range(8)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9 and digits[0] != 0:
            return "".join(map(str, digits)) + str(last)


def _grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


BANKS = ("ABNA", "RABO", "INGB", "SNSB", "TRIO", "ASNB", "KNAB", "BUNQ", "RABO", "INGB")
IBANS = [_nl_iban(bank, f"{RNG.randint(0, 9999999999):010d}") for bank in BANKS]
IBAN_POOL = [
    _grouped(IBANS[0]),
    IBANS[1],
    _grouped(IBANS[2]),
    IBANS[3].lower(),
    _grouped(IBANS[4]),
    "BE68 5390 0754 7034",
    "DE89 3704 0044 0532 0130 00",
    IBANS[5],
    _grouped(IBANS[6]),
    IBANS[7],
    _grouped(IBANS[8]),
    IBANS[9],
]

BSNS = [_bsn() for _ in range(12)]
BSN_POOL = [
    BSNS[0],
    f"{BSNS[1][:4]}.{BSNS[1][4:6]}.{BSNS[1][6:]}",
    f"{BSNS[2][:3]} {BSNS[2][3:6]} {BSNS[2][6:]}",
    BSNS[3],
    f"{BSNS[4][:3]}.{BSNS[4][3:6]}.{BSNS[4][6:]}",
    BSNS[5],
    f"{BSNS[6][:3]}-{BSNS[6][3:6]}-{BSNS[6][6:]}",
    BSNS[7],
    f"{BSNS[8][:4]}.{BSNS[8][4:6]}.{BSNS[8][6:]}",
    BSNS[9],
    f"{BSNS[10][:3]} {BSNS[10][3:6]} {BSNS[10][6:]}",
    BSNS[11],
]

POOLS: dict[str, tuple[str, list[str]]] = {
    "EMAIL": (
        "EMAIL",
        [
            "p.jansen@veiligheidsregio-utrecht.nl",
            "s.devries@ggd.nl",
            "p.jansen @ vrbn.nl",
            "m.bakker@minjenv.nl",
            "j.smit1978@gmail.com",
            "p.jansen [at] vrbn punt nl",
            "anne.visser@nipv.nl",
            "s.bos (at) ggdghor (punt) nl",
            "jan.dekker@ vrhm.nl",
            "k.meijer@hotmail.com",
            "m.hendriks at vrk dot nl",
            "r.peters[at]rivm.nl",
            "mailto:k.visser@ifv.nl",
            "info apenstaartje crisislab punt nl",
            "Fatima.ElAmrani@politie.nl",
            "t.mulder@rws.nl",
            "l.vos@vrzl.nl",
            "h.de.graaf@brandweer-amsterdam.nl",
        ],
    ),
    "PHONE": (
        "PHONE",
        [
            "06-12345678",
            "06 23456789",
            "0634567890",
            "06 - 123 456 78",
            "06-1234 5678",
            "+31 6 12345678",
            "+31612345678",
            "+31 (0)6 1234 5678",
            "0031 6 12 34 56 78",
            "010-1234567",
            "020 123 4567",
            "020-7654321",
            "(020) 123 45 67",
            "(0)20 123 4567",
            "+31 (0)20 123 4567",
            "088-1234567",
            "0318 123456",
            "0575-123456",
            "070 - 123 45 67",
            "0800-1234",
            "0900-1234567",
            "+32 2 123 45 67",
            "06.12.34.56.78",
        ],
    ),
    "POSTCODE": (
        "POSTCODE",
        [
            "1234 AB",
            "1234AB",
            "3511 CX",
            "2514 GL",
            "6800AR",
            "1012 WX",
            "3584 cs",
            "7521ph",
            "9712 CP",
            "5611 EM",
            "2595 BE",
            "8011 ZZ",
        ],
    ),
    "IBAN": ("IBAN", IBAN_POOL),
    "BSN": ("BSN", BSN_POOL),
    "URL": (
        "URL",
        [
            "https://www.nipv.nl/kennisbank/crisisbeheersing",
            "http://crisislab.nl",
            "www.veiligheidsberaad.nl",
            "www.ifv.nl/publicaties?id=12",
            "linkedin.com/in/pjansen",
            "https://forms.office.com/r/AbC123xyz",
            "veiligheidsregio-utrecht.nl/innovatie",
            "https://github.com/brandweer-nl/drone-app",
            "youtube.com/watch?v=abc123",
            "https://www.rijksoverheid.nl/onderwerpen/crisis",
            "www.innovatiebrandweer.nl",
            "http://www.vrgz.nl/nieuws/2020/oefening",
        ],
    ),
    "PLATE": (
        "LICENCE_PLATE",
        [
            "12-ABC-3",
            "AB-12-CD",
            "1-ABC-23",
            "GF-12-34",
            "12-34-HB",
            "45-ZT-12",
            "HG-TL-12",
            "21-NT-JH",
            "GB-123-F",
            "K-123-NB",
            "GVB-12-T",
            "T-12-BHD",
            "8-ZK-512",
            "123-TG-7",
            "35-KTL-9",
            "vz-123-k",
        ],
    ),
    # A first name and a surname, with prefixes and double names.
    "NAME": (
        "NAME",
        [
            "Pieter Jansen",
            "Anne de Vries",
            "Jan van der Berg",
            "Kees van den Heuvel",
            "Sanne ter Horst",
            "Marieke ten Brink",
            "Mohammed El Idrissi",
            "Lieke Brouwer-de Groot",
            "Henk-Jan van der Plas",
            "Xandra de Wit",
            "Fatima el Amrani",
            "Jeroen Smeets",
            "Wendy Hoekstra",
            "Youssef Benali",
            "Ingrid van Leeuwen",
            "Thijs Vermeulen",
            "Esther Kuipers",
            "Bas van Dijk",
        ],
    ),
    # What follows a title ("mevrouw", "dhr.", "dr.").
    "SURNAME": (
        "NAME",
        [
            "Bakker",
            "Van Dam",
            "de Boer",
            "P. de Vries",
            "J.A. van den Heuvel",
            "Hoekstra",
            "Yilmaz",
            "M. Verhoeven",
            "Koster",
            "F. Kok",
            "Smeets",
            "Van der Meer",
        ],
    ),
    # Initials and a surname.
    "INITIALS": (
        "NAME",
        [
            "J.P. de Haan",
            "H. Mulder",
            "A. van Leeuwen",
            "R.M. Postma",
            "T. Hendriks",
            "C. van der Wal",
        ],
    ),
    # A first name on its own.
    "FIRST": (
        "NAME",
        [
            "Sanne",
            "Mohammed",
            "Pieter",
            "Fatima",
            "Joost",
            "Marloes",
            "Wouter",
            "Ilse",
        ],
    ),
    # A street and a house number.
    "ADDRESS": (
        "ADDRESS",
        [
            "Industrieweg 12",
            "Kanaalweg 3",
            "Dorpsstraat 5",
            "Oudegracht 245a",
            "Stationsplein 1",
            "Jan van Galenstraat 12-14",
            "Laan van Meerdervoort 15",
            "Tweede Oosterparkstraat 5-II",
            "Zeedijk 3 B",
            "Kerkstraat 12",
        ],
    ),
}

PLANTED = [
    "Voor meer informatie kunt u contact opnemen met {NAME} via {EMAIL}.",
    "Bel gerust {NAME} ({PHONE}), die weet alles van de drone-pilot.",
    "Ons project met camerabeelden loopt nog; contactpersoon is mevrouw {SURNAME}.",
    "Ik heb hierover contact gehad met dhr. {SURNAME} van de veiligheidsregio.",
    "De pilot met sensoren werd getrokken door {INITIALS}, zij is bereikbaar op {PHONE}.",
    "Mijn collega {FIRST} heeft de evaluatie van de oefening geschreven.",
    "Stuur de vragenlijst naar {EMAIL} en niet naar het algemene adres.",
    "Het adres van de kazerne is {ADDRESS}, {POSTCODE} Utrecht.",
    "De donatie voor het innovatiefonds kan naar {IBAN} t.n.v. Stichting Crisislab.",
    "Respondent gaf zijn BSN op ({BSN}), dat hoort hier natuurlijk niet.",
    "Meer over onze aanpak staat op {URL}, daar staat ook de handreiking.",
    "De proef met de nieuwe commandowagen ({PLATE}) leverde veel op.",
    "Kennisbehoefte: data-gedreven werken. Neem contact op met {NAME}, {PHONE}.",
    "Belemmering was vooral de financiering; {NAME} kan dat toelichten via {EMAIL}.",
    "Succesfactor: de inzet van {FIRST} als verbinder tussen brandweer en GGD.",
    "Wij werken samen met de heer {SURNAME} van het ministerie.",
    "Zie het verslag op {URL} voor de resultaten van de pilot.",
    "Terugbellen kan op {PHONE} of {PHONE} tussen 9 en 17 uur.",
    "De huurauto met kenteken {PLATE} is gebruikt voor de proef met 5G.",
    "Projectleider: dr. {SURNAME}, tel. {PHONE}.",
    "Graag het rapport sturen aan {EMAIL}.",
    "Bezoekadres: {ADDRESS}, {POSTCODE} Den Haag. Postadres volgt.",
    "Vergoeding graag overmaken op rekening {IBAN}.",
    "Mijn burgerservicenummer is {BSN}, nodig voor de vergoeding.",
    "Het dashboard staat online: {URL}",
    "Vraag het aan {NAME}, die zat in het kernteam van de innovatiepilot.",
    "Ik ben {NAME}, adviseur risicobeheersing, bereikbaar via {PHONE}.",
    "Na overleg met {INITIALS} hebben we besloten door te gaan met de pilot.",
    "Onze kennispartner is prof. {SURNAME} van de Universiteit Twente.",
    "Contact: {NAME} - {EMAIL} - {PHONE}",
    "De voertuigen {PLATE} en {PLATE} hadden de nieuwe software aan boord.",
    "Mijn adres: {ADDRESS}, {POSTCODE} Ede.",
    "Het geld is gestort op {IBAN}, maar de factuur ontbreekt nog.",
    "BSN van de melder: {BSN}.",
    "Alle informatie over het lab: {URL}.",
    "In het team zaten {NAME} en {NAME}; zij hebben het initiatief genomen.",
    "Volgens {FIRST} werkte de app niet tijdens de storing.",
    "Mail mij ({EMAIL}) als er vragen zijn over de innovatieagenda.",
    "We kregen steun van burgemeester {SURNAME} bij de aanschaf van drones.",
    "Mobiel: {PHONE}",
    "Ons kantoor ({POSTCODE}) is tijdelijk gesloten wegens verbouwing.",
    "IBAN: {IBAN}",
    "Uw BSN ({BSN}) is verwijderd uit het dossier.",
    "Zie ook {URL} en het filmpje op {URL}.",
    "Kentekens: {PLATE}, {PLATE}.",
    "Heel goed contact met {NAME} van het Rode Kruis over de pilot.",
    "Groet, {NAME}",
    "Bedankt voor de enquête! {NAME}, {EMAIL}",
    "mevr. {SURNAME} is ons aanspreekpunt voor de innovatie-estafette.",
    "Het idee kwam van {INITIALS}; zie zijn notitie.",
    "Er zijn geen middelen, zegt {FIRST}, dus we wachten af.",
    "Informatie opvragen kan via {EMAIL} of {PHONE}.",
    "Wij zitten op {POSTCODE}, vlak bij het station.",
    "Rekeningnummer {IBAN} ten name van de vereniging.",
    "Het BSN {BSN} stond per ongeluk in de bijlage.",
    "Meer op {URL} (Engelstalig).",
    "De auto ({PLATE}) stond bij de meldkamer.",
    "Met {NAME} en {FIRST} hebben we de oefening voorbereid.",
    "Graag contact via {PHONE}; vraag naar {NAME}.",
    "Namens de projectgroep, {NAME} ({EMAIL})",
    "Drs. {SURNAME} heeft het onderzoek begeleid.",
    "Afzender: {NAME}, {POSTCODE} Amsterdam, {PHONE}.",
    "De bijdrage kan naar {IBAN} o.v.v. projectnummer PRJ-2020-0045.",
    "Zijn sofinummer {BSN} hoort niet in dit formulier.",
    "Link naar de evaluatie: {URL}",
    "Het kenteken van de pilotwagen was {PLATE}.",
    "Innovatie stokt zonder trekker; bij ons was dat {NAME}.",
    "De vragen kunt u mailen naar {EMAIL}.",
    "Bereikbaar op {PHONE} (ook via WhatsApp).",
    "Wij hebben {FIRST} gevraagd de resultaten te delen.",
    "Postcode {POSTCODE}, huisnummer 14.",
    "Mijn gegevens: {NAME}, {EMAIL}, {PHONE}, {IBAN}.",
    "Ik heb gesproken met ir. {SURNAME} over de sensoren.",
    "Met dank aan {INITIALS} voor de ondersteuning.",
    "De evaluatie van {NAME} staat op {URL}.",
    "De proef met drones werd geleid door {NAME} uit Twente.",
    "Bel {PHONE} voor een afspraak met {FIRST}.",
    "Voertuig {PLATE} reed mee tijdens de oefening in Zeeland.",
    "Stuur een mail naar {EMAIL} met als onderwerp 'pilot'.",
    "Het BSN ({BSN}) en het IBAN ({IBAN}) van de deelnemer zijn bekend.",
    "Onze website {URL} wordt binnenkort vernieuwd.",
    "Wethouder {SURNAME} heeft de innovatieprijs uitgereikt.",
    "De pilot liep in wijk {POSTCODE} en daarna in de rest van de stad.",
    "Neem contact op met {NAME} ({PHONE}) of {NAME} ({PHONE}).",
    "Ik heb contact gehad met {FIRST} over de eerste resultaten.",
    "Adres: Postbus 7010, {POSTCODE} Arnhem.",
    "Vragen? {EMAIL}",
    "Gesprek gevoerd met meneer {SURNAME}, hij was erg enthousiast.",
    "Voor de app: zie {URL} of bel {PHONE}.",
    "Auto met kenteken {PLATE} is betrokken bij de testrit.",
    "Rapportage door {INITIALS} (2020).",
    "Aanspreekpunt: {NAME}.",
    "De melder ({NAME}, {PHONE}) gaf het adres door: {POSTCODE}.",
    "Betaling via {IBAN} is gelukt.",
    "Controle BSN {BSN} uitgevoerd door de gemeente.",
    "Het e-mailadres van de projectleider is {EMAIL}.",
    "Zie {URL}.",
    "Wagen {PLATE} is uitgerust met de nieuwe camera.",
    "Dank aan {NAME} en {NAME} voor hun inzet bij de evaluatie.",
    "De dienstauto {PLATE} stond bij kazerne Noord.",
    "Vraag {FIRST} of {NAME} naar de stand van zaken.",
    "Telefoonnummer secretariaat: {PHONE}.",
    "Overmaken op {IBAN} graag.",
    "BSN: {BSN}",
    "Stuur het naar {EMAIL} en {EMAIL}.",
    "Lees meer: {URL}",
    "Namens {NAME} en mevrouw {SURNAME}, dank!",
    "Ons nieuwe adres is {POSTCODE} Zwolle.",
    "Mijn rekening: {IBAN}; mijn BSN: {BSN}.",
    "De oefening was op de {ADDRESS}, bij de achteringang.",
    "Ons kantoor zit aan de {ADDRESS} in Utrecht.",
    "Verzamelen op {ADDRESS} om negen uur, daarna naar de kazerne.",
    "Ik woon op de {ADDRESS}, vlak bij de kazerne.",
    "Post graag naar {ADDRESS} t.a.v. {NAME}.",
    "Het pand aan de {ADDRESS} is verkocht.",
    "Afleveren op {ADDRESS}, {POSTCODE} Zwolle.",
]

CLEAN = [
    "Op 10-02-2020 hebben we de eerste oefening gehouden met 45 deelnemers.",
    "Het budget was € 1.250.000 voor drie jaar, dat is te weinig.",
    "Projectnummer PRJ-2020-0045 loopt nog tot eind 2021.",
    "In 2019 en 2020 hebben we geïnvesteerd in drones.",
    "We zijn op excursie geweest naar het Van Gogh museum in Amsterdam.",
    "De bijeenkomst vond plaats in Den Haag, op het ministerie.",
    "De Twente Safety Campus is een mooie plek om te oefenen.",
    "De oefening begon om 14:30 en duurde tot 17.00 uur.",
    "We gebruiken versie 2.1.3 van de software, versie 3.0 komt in maart.",
    "Ongeveer 35% van de medewerkers gebruikt de app dagelijks.",
    "Volgens artikel 10 van de Wet veiligheidsregio's is dat een taak van het bestuur.",
    "Samenwerking met de GGD en de politie is essentieel.",
    "Het Ministerie van Justitie en Veiligheid financiert een deel.",
    "Financiering blijft het grootste probleem, zeker na 2020.",
    "Wij hebben contact met de Universiteit van Twente en TNO.",
    "De Raad van State heeft zich uitgesproken over de wet.",
    "Geen tijd, geen geld en geen mensen: dat is het probleem.",
    "Innovatie vraagt om lef van het bestuur.",
    "In 2020 EN 2021 WILLEN WE MEER DOEN MET DATA.",
    "We trainen met 1000 KM aan brandslangen per jaar, grapje.",
    "Het project kostte € 250.000.000 landelijk, aldus de minister.",
    "KvK-nummer 12345678 staat op de factuur.",
    "Bel bij nood altijd 112.",
    "De pilot liep van 01-03-2020 tot 30-06-2020.",
    "Tussen 09.00-17.00 uur is het secretariaat bereikbaar.",
    "Het Rode Kruis en het Leger des Heils hielpen mee.",
    "Het Erasmus MC en het Jeroen Bosch Ziekenhuis deden mee aan de proef.",
    "Het Prinses Máxima Centrum deelde kennis over zorglogistiek.",
    "We bezochten het Anne Frank Huis tijdens de teamdag.",
    "De evenementen in de Johan Cruijff ArenA vragen veel voorbereiding.",
    "Na COVID-19 is alles anders geworden.",
    "Het systeem voldoet aan ISO-9001 en NEN-EN 1838.",
    "De A2 en de A12 waren afgesloten tijdens de oefening.",
    "Plan B. Daarna hebben we het anders aangepakt.",
    "N.B. De vragenlijst was te lang.",
    "Scenario A. Brandweer en politie oefenen samen.",
    "Er zijn 1500 PV-panelen geplaatst op de kazerne.",
    "Het windpark levert 4000 MW, dat geeft nieuwe risico's.",
    "Het IBAN-nummer van de regio staat op de website.",
    "Jan en alleman heeft een mening over innovatie.",
    "Jan Modaal merkt hier niets van.",
    "De regio Bergen op Zoom werkt samen met Zeeland.",
    "In Alphen aan den Rijn is een proef gedaan met sirenes.",
    "Den Bosch en Den Helder hebben een innovatieteam.",
    "De gemeente Hof van Twente heeft meegedaan.",
    "Huis ter Heide is een oefenlocatie van defensie.",
    "Capelle aan den IJssel ligt in de regio Rotterdam-Rijnmond.",
    "Het aanmeldcentrum in Ter Apel was overvol.",
    "De burgemeester heeft het initiatief gesteund.",
    "De commandant van de brandweer was enthousiast.",
    "De directeur Publieke Gezondheid stuurde een brief.",
    "De voorzitter Veiligheidsberaad sprak op het congres.",
    "Collega's van de meldkamer zijn kritisch over de app.",
    "Max. 10 deelnemers per sessie, anders wordt het te druk.",
    "Roos en Iris zijn namen van de oefenscenario's, geen personen.",
    "Het Emma Kinderziekenhuis en het Sophia Kinderziekenhuis deden mee.",
    "De Sint Maartenskliniek heeft een eigen crisisteam.",
    "Koning Willem I College leidt mbo-studenten op tot crisiscoördinator.",
    "Dat kost 12.500 euro per jaar aan licenties.",
    "Er waren 123.456.789 meldingen in het systeem, schatten wij.",
    "Het bedrag van € 123.456.782 is een schatting voor heel Nederland.",
    "Referentie 2020/11/0012 in het zaaksysteem.",
    "Code 4532-8812-9910 staat op de bon.",
    "NL-Alert werd 3 keer verstuurd in 2019.",
    "Voor 2021 Q3 staat de evaluatie gepland.",
    "Fase 2 start op 1 januari 2021.",
    "Artikel 5:1 van de Awb is van toepassing.",
    "Het rapport.pdf stond op de gedeelde schijf.",
    "o.a. drones, sensoren en VR-brillen worden getest.",
    "M.b.t. innovatie: we missen een visie.",
    "T.b.v. de evaluatie hebben we interviews gehouden.",
    "Er zijn 2 van de 25 veiligheidsregio's die voorop lopen.",
    "Het team bestaat uit 12 fte.",
    "Dossiernummer 2020-03-1234 is afgehandeld.",
    "De temperatuur was 30 graden en de oefening duurde 4 uur.",
    "Tussen 2015 en 2020 is het aantal meldingen met 20% gestegen.",
    "De GHOR en de GGD hebben samen 3 pilots gedaan.",
    "Het Instituut Fysieke Veiligheid heeft een handreiking gemaakt.",
    "Het Veiligheidsberaad besluit in december over de agenda.",
    "De Inspectie Justitie en Veiligheid kijkt mee.",
    "Vanuit Rijkswaterstaat kwam veel steun.",
    "Defensie stelde helikopters beschikbaar.",
    "De provincie Gelderland subsidieert het project.",
    "Zuid-Limburg en Limburg-Noord werken samen.",
    "Brabant-Zuidoost heeft een innovatiecoördinator aangesteld.",
    "Daarnaast de minister van Justitie, die ook betrokken is.",
    "Samenwerking van de Veiligheidsregio's is nodig.",
    "Hogeschool van Amsterdam en Saxion leveren studenten.",
    "De Tweede Kamer heeft er vragen over gesteld.",
    "Het Landelijk Operationeel Coördinatiecentrum was betrokken.",
    "De Nationaal Coördinator Terrorismebestrijding en Veiligheid adviseert.",
    "Microsoft Teams werkt goed voor de crisisoverleggen.",
    "Via WhatsApp delen we foto's van de incidenten.",
    "Uitval van 3 van de 7 systemen leidde tot vertraging.",
    "Tijdens de storing van 21:00 tot 23:45 uur viel alles uit.",
    "Op maandag 2 maart 2020 startte het project.",
    "Het gaat om 0,5 procent van het totale budget.",
    "Score 7,5 op een schaal van 10.",
    "Zo'n 60.000 inwoners kregen een NL-Alert.",
    "Zie bijlage A. Verder geen opmerkingen.",
    "P.S. Dank voor deze enquête.",
    "Het Amsterdamse Bos was het oefenterrein.",
    "Kantoor aan de Jan van Galenstraat is gesloten.",
    "De Willem de Zwijgerlaan werd afgesloten voor de oefening.",
    "Tijdens Koningsdag 2019 testten we crowd monitoring.",
    "In de Randstad is meer capaciteit dan in Drenthe.",
    "We zijn gestart met 5G-proeven in 2020, fase B volgt.",
    "De meetwaarde was 0,05 ppm tijdens de brand.",
    "Het ging om 06:00 uur mis toen het systeem crashte.",
    "Het e-mailadres van de afdeling wordt nog aangepast.",
    "Er waren ongeveer 1.200 deelnemers aan de webinar.",
]

# Written out in full: (text, [(type, exact substring), ...]); the first occurrence counts.
PLANTED_LITERAL: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Wij hebben met Annemieke Verbeek (VRU) en Gert-Jan Mol (Brandweer) gesproken.",
        [("NAME", "Annemieke Verbeek"), ("NAME", "Gert-Jan Mol")],
    ),
    (
        "Contactpersoon: Ruud Timmermans, tel 0681234567",
        [("NAME", "Ruud Timmermans"), ("PHONE", "0681234567")],
    ),
    ("Vraag naar mw. Öztürk op de afdeling.", [("NAME", "Öztürk")]),
    ("De heer A.J. ter Laak heeft dit opgezet.", [("NAME", "A.J. ter Laak")]),
    (
        "Stuur een bericht naar teamlead.innovatie@vrln.nl voor deelname.",
        [("EMAIL", "teamlead.innovatie@vrln.nl")],
    ),
    ("U kunt ons bereiken via +31 10 123 45 67.", [("PHONE", "+31 10 123 45 67")]),
    ("Tel.: 030-2345678 (secretariaat).", [("PHONE", "030-2345678")]),
    ("Telefoon 050 - 3123456", [("PHONE", "050 - 3123456")]),
    (
        "Het adres is Vlietweg 2, 2266 KA Leidschendam.",
        [("ADDRESS", "Vlietweg 2"), ("POSTCODE", "2266 KA")],
    ),
    # Issue 15: what used to leak.
    ("Ik sprak jan de vries gisteren over de pilot.", [("NAME", "jan de vries")]),
    ("GESPREK GEHAD MET PIET BAKKER OVER DE DRONES.", [("NAME", "PIET BAKKER")]),
    ("De Vries heeft dat gezegd.", [("NAME", "De Vries")]),
    ("Volgens De Jong is dat onzin.", [("NAME", "De Jong")]),
    ("Zij gebruikten de methode van Van der Heijden uit 2015.", [("NAME", "Van der Heijden")]),
    ("Met dank aan Jan\nde Vries voor de hulp.", [("NAME", "Jan\nde Vries")]),
    ("Bel 06.12.34.56.78 na vijven.", [("PHONE", "06.12.34.56.78")]),
    (
        "mijn adres is kerkstraat 12, 3511 ab utrecht",
        [("ADDRESS", "kerkstraat 12"), ("POSTCODE", "3511 ab")],
    ),
    ("Factuur naar: Postbus 100, 7500AA Enschede", [("POSTCODE", "7500AA")]),
    ("Overmaken naar NL02ABNA0123456789 graag.", [("IBAN", "NL02ABNA0123456789")]),
    ("mijn bsn is 999999990 en verder niets", [("BSN", "999999990")]),
    (
        "Meer info: https://www.crisislab.nl/projecten/drones?utm_source=enquete",
        [("URL", "https://www.crisislab.nl/projecten/drones?utm_source=enquete")],
    ),
    ("Kijk op vrzhz.nl voor het jaarverslag.", [("URL", "vrzhz.nl")]),
    ("Het voertuig 52-JBK-7 had pech tijdens de inzet.", [("LICENCE_PLATE", "52-JBK-7")]),
    ("De wagen met kenteken TN-451-B stond klaar.", [("LICENCE_PLATE", "TN-451-B")]),
    ("Ik sprak Lotte Kramer over de resultaten.", [("NAME", "Lotte Kramer")]),
    ("Onze trekker was Daan Hermans; hij is inmiddels vertrokken.", [("NAME", "Daan Hermans")]),
    (
        "Contact via Femke Bos-van Dongen, femke.bos@brandweernl.nl",
        [("NAME", "Femke Bos-van Dongen"), ("EMAIL", "femke.bos@brandweernl.nl")],
    ),
    ("Vragen aan ing. R. Schipper.", [("NAME", "R. Schipper")]),
    ("Wij zijn geholpen door Jasper van 't Hof.", [("NAME", "Jasper van 't Hof")]),
    ("Namens de werkgroep: Marjolein de Jong-Pels", [("NAME", "Marjolein de Jong-Pels")]),
    ("Bel Niels (06 4567 8901) voor details.", [("NAME", "Niels"), ("PHONE", "06 4567 8901")]),
    (
        "Haar e-mail is l.vandijk@rivm.nl, haar nummer 0302749111.",
        [("EMAIL", "l.vandijk@rivm.nl"), ("PHONE", "0302749111")],
    ),
    (
        "Het project van Tim de Graaf en Roos Bakker liep goed.",
        [("NAME", "Tim de Graaf"), ("NAME", "Roos Bakker")],
    ),
    (
        "Leverancier: zie www.dronesupplier.com/nl/contact",
        [("URL", "www.dronesupplier.com/nl/contact")],
    ),
    ("Mail naar noreply at ifv dot nl werkt niet.", [("EMAIL", "noreply at ifv dot nl")]),
    ("Ik ben bereikbaar op 06–12345678.", [("PHONE", "06–12345678")]),
    ("Het IBAN is BE71 0961 2345 6769.", [("IBAN", "BE71 0961 2345 6769")]),
    ("Reacties graag naar redactie@nu.nl of naar mij.", [("EMAIL", "redactie@nu.nl")]),
    ("Burgemeester Bruls heeft het veiligheidsberaad ingelicht.", [("NAME", "Bruls")]),
    ("De presentatie van Kim Jansen stond online.", [("NAME", "Kim Jansen")]),
    (
        "Met Sophie en Thomas hebben we het draaiboek herschreven.",
        [("NAME", "Sophie"), ("NAME", "Thomas")],
    ),
    (
        "Contactpersoon dhr. drs. K.L. Wouters, 0612345678.",
        [("NAME", "K.L. Wouters"), ("PHONE", "0612345678")],
    ),
    (
        "Ik heb het gemaild naar Joost (j.devos@ggdhvb.nl).",
        [("NAME", "Joost"), ("EMAIL", "j.devos@ggdhvb.nl")],
    ),
    ("De adviseur, Bram Huisman, gaf de doorslag.", [("NAME", "Bram Huisman")]),
    ("Pc 6511 AB Nijmegen", [("POSTCODE", "6511 AB")]),
    (
        "We hebben Ahmed Yilmaz en Eva Smit gevraagd mee te denken.",
        [("NAME", "Ahmed Yilmaz"), ("NAME", "Eva Smit")],
    ),
    ("Kenteken 7-KGX-12 is van de OvD.", [("LICENCE_PLATE", "7-KGX-12")]),
    ("Prof. Helsloot publiceerde erover.", [("NAME", "Helsloot")]),
    (
        # The last line of the seed report.
        "Voor meer informatie: Ester Willemsen ([ester.willemsen @ifv.nl]"
        "(mailto:ester.willemsen@ifv.nl)) en Josien Oosterhoff (josien.oosterhoff@ifv.nl)",
        [
            ("NAME", "Ester Willemsen"),
            ("EMAIL", "ester.willemsen @ifv.nl"),
            ("EMAIL", "mailto:ester.willemsen@ifv.nl"),
            ("NAME", "Josien Oosterhoff"),
            ("EMAIL", "josien.oosterhoff@ifv.nl"),
        ],
    ),
    ("Ik heb Gerrit gesproken over de pilot.", [("NAME", "Gerrit")]),
    ("Kees zei dat het niet werkte.", [("NAME", "Kees")]),
    ("Hoofd Sectie Communicatie Anne-Marie Vos belde.", [("NAME", "Anne-Marie Vos")]),
    ("Marie-Louise van der Sloot heeft het gedaan.", [("NAME", "Marie-Louise van der Sloot")]),
]

CLEAN_MORE = [
    "Gegevens deelnemer: BSN 2345.67.893? Nee, 234567891.",
    "Op 03-04-2020 om 10:15 uur begon de oefening in Rotterdam.",
    "Het investeringsbedrag bedraagt € 3.450.000,- over vijf jaar.",
    "Zaaknummer Z-2020-004512 is gesloten.",
    "In Noord-Holland Noord werken we met 42 vrijwilligers.",
    "Het rapport 'Leren van incidenten' verscheen in 2019.",
    "De evaluatie door het COT was kritisch.",
    "Veel regio's werken met LCMS versie 5.2.",
    "Een kwart (25%) van de projecten stopt voortijdig.",
    "Artikel 3 lid 2 van de Wet publieke gezondheid is relevant.",
    "De GGD Hollands Noorden en GGD Kennemerland werken samen.",
    "Het RIVM publiceert dagelijks cijfers.",
    "Brandweer Nederland heeft een innovatiecommissie.",
    "Tijdens Sail Amsterdam 2015 was de inzet groot.",
    "De pilot in Sint-Oedenrode was succesvol.",
    "Er zijn 2400 BHV'ers opgeleid.",
    "Een investering van 1,2 miljoen is nodig.",
    "Meldingen via 0800-nummers zijn gratis.",
    "Het 06-nummer van de piketfunctionaris staat in het draaiboek.",
    "Vergaderingen op dinsdag van 13.00 tot 15.30 uur.",
    "Gebruik van AI en VR in trainingen neemt toe.",
    "De Veiligheidsregio Utrecht heeft een eigen innovatielab.",
    "Het COVID-19-virus heeft alles vertraagd.",
    "Wij volgen de richtlijn NEN 2575 voor ontruiming.",
    "In het jaar 2021 hopen we op meer budget.",
    "Mensen in Den Haag en Zoetermeer doen mee.",
    "Het Nederlands Instituut Publieke Veiligheid is de opvolger.",
    "De Kustwacht en de KNRM oefenden samen.",
    "Team Bevolkingszorg heeft 8 leden.",
    "Het Landelijk Crisis Management Systeem werkt goed.",
    "Tabel 3. Overzicht van projecten per regio.",
    "Zie hoofdstuk 4. Daar staat meer informatie.",
    "Fase C. Implementatie van de resultaten.",
    "Van Oord en Boskalis leverden materieel.",
    "Philips en ASML sponsoren de hackathon.",
    "De Erasmus Universiteit Rotterdam onderzoekt dit.",
    "Het project heet Sentinel en draait sinds 2018.",
    "Project Argus gebruikt sensoren langs de A4.",
    "Dit kostte ons 250.000 euro.",
    "In Anna Paulowna is een proef gedaan.",
    "Thomas More Hogeschool doet mee.",
    "De Officier van Dienst en de Officier Van Dienst waren ter plaatse.",
    "Algemeen Commandant Bevolkingszorg was bereikbaar.",
    "Adviseur Gevaarlijke Stoffen kwam later.",
    "Coördinator Gemeentelijke Crisisbeheersing regelde het.",
    "Hackathon van de Toekomst was een succes.",
    "A. Drones worden ingezet.",
    "B. Samenwerkingsverbanden zijn belangrijk.",
    "Tussen 09.00 - 10.30 - 12.00 uur zijn er sessies.",
    "Frank en vrij gesproken: het werkt niet.",
    "Ben je bekend met de app?",
    "Iris-scan wordt getest.",
    "Het Max Planck Instituut doet onderzoek.",
    "Zaaknummer 123456782 is afgesloten.",
    "De hele Willem-Alexanderkazerne deed mee.",
    "Kennis van de Brandweer is groot.",
    "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties betaalt.",
    "Veiligheidsregio Midden- en West-Brabant organiseerde het.",
    "Dat was in 2019 OV en 2020 NS.",
    "Met vriendelijke groet, Team Innovatie",
    "Wij werken in Ter Apel en Ten Boer.",
    "De regio IJsselland werkt samen met Twente.",
    "Jaar 2021 AB was een goed jaar voor de regio.",
    "We stonden op de snelweg 30 minuten stil.",
    "De Rijksweg 12 km lang afgesloten voor de oefening.",
    "De Kerkstraat is afgesloten voor verkeer.",
    "De arbeidsmarkt 2021 was krap, er waren te weinig mensen.",
    "Op het sportpark 4 velden gebruikt voor de oefening.",
    "De boer zei dat het droog was, dus brandgevaar.",
    "DE BOER KWAM LANGS MET DE TREKKER.",
    "Op 06.12.20 begonnen we, op 01.02.2021 was het klaar.",
]


def _fill(template: str, pools: dict[str, cycle[str]]) -> dict[str, object]:
    text = ""
    spans = []
    position = 0
    for m in re.finditer(r"\{([A-Z]+)\}", template):
        text += template[position : m.start()]
        kind, _ = POOLS[m.group(1)]
        value = next(pools[m.group(1)])
        spans.append({"type": kind, "start": len(text), "end": len(text) + len(value)})
        text += value
        position = m.end()
    text += template[position:]
    return {"text": text, "spans": spans}


def build() -> list[dict[str, object]]:
    pools = {slot: cycle(values) for slot, (_, values) in POOLS.items()}
    records: list[dict[str, object]] = []
    for i, template in enumerate(PLANTED, 1):
        record = _fill(template, pools)
        records.append({"id": f"p{i:03d}", "kind": "planted", **record})
    for j, (text, found) in enumerate(PLANTED_LITERAL, len(PLANTED) + 1):
        spans = []
        for kind, value in found:
            start = text.index(value)
            spans.append({"type": kind, "start": start, "end": start + len(value)})
        records.append({"id": f"p{j:03d}", "kind": "planted", "text": text, "spans": spans})
    for i, text in enumerate(CLEAN + CLEAN_MORE, 1):
        records.append({"id": f"c{i:03d}", "kind": "clean", "text": text, "spans": []})
    return records


def main() -> None:
    records = build()
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    (HERE / "pii_testset.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    planted = sum(1 for r in records if r["kind"] == "planted")
    print(f"{len(records)} answers: {planted} planted, {len(records) - planted} clean")


if __name__ == "__main__":
    main()
