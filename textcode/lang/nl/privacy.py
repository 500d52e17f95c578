"""Dutch personal data: how names, addresses, phone numbers, postcodes, plates and the BSN look.

``textcode.privacy`` knows no Dutch; it reads :data:`PRIVACY` from here. The first names live in
``data/privacy_first_names.txt`` and common surnames in ``data/privacy_surnames.txt``; everything
else is small enough to read in this file. Word lists are lower case unless a comment says
otherwise.
"""

from __future__ import annotations

from importlib import resources

from textcode.lang.data import PrivacyData


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _listed(name: str) -> frozenset[str]:
    data = resources.files("textcode.lang.nl") / "data" / name
    lines = data.read_text(encoding="utf-8").splitlines()
    return frozenset(
        " ".join(line.split()) for line in lines if line.strip() and not line.startswith("#")
    )


def is_valid_bsn(digits: str) -> bool:
    """The eleven-test (elfproef) of a nine-digit burgerservicenummer.

    Weights 9..2 for the first eight digits and -1 for the last; the sum must be a multiple of
    11. All-zero numbers pass the arithmetic but are never issued.
    """
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


PLACEHOLDERS = {
    "EMAIL": "E-MAIL",
    "PHONE": "TELEFOON",
    "POSTCODE": "POSTCODE",
    "IBAN": "IBAN",
    "BSN": "BSN",
    "URL": "URL",
    "LICENCE_PLATE": "KENTEKEN",
    "NAME": "NAAM",
    "ADDRESS": "ADRES",
}

# Longest first, so that "van der" wins over "van". Matched in lower case and capitalised.
SURNAME_PREFIXES = (
    "van der",
    "van den",
    "van de",
    "van het",
    "van 't",
    "in 't",
    "in de",
    "in den",
    "op de",
    "op den",
    "op 't",
    "uit de",
    "uit den",
    "van",
    "de",
    "den",
    "der",
    "ter",
    "ten",
    "te",
    "'t",
    "el",
    "al",
    "le",
    "la",
    "da",
    "di",
    "du",
    "von",
)

# Forms of address that are followed by a name ("mevrouw Jansen", "dr. ir. J. de Vries").
TITLES = (
    "mevrouw",
    "mevr.",
    "mevr",
    "mw.",
    "mej.",
    "juffrouw",
    "dhr.",
    "dhr",
    "de heer",
    "meneer",
    "mijnheer",
    "dr.",
    "ir.",
    "ing.",
    "drs.",
    "mr.",
    "prof.",
    "professor",
    "dokter",
    "ds.",
)

# Functions that precede a surname ("burgemeester Aboutaleb", "minister De Jonge"); weaker
# evidence than a title, so the next word must not be an ordinary word.
ROLE_WORDS = _words(
    """
    burgemeester wethouder minister staatssecretaris commissaris gedeputeerde collega
    commandant directeur voorzitter secretaris coördinator coordinator adviseur
    hoofdagent agent brigadier inspecteur officier generaal kolonel majoor kapitein
    luitenant sergeant korporaal
    """
)

# First names that are also ordinary words, months or abbreviations: on their own they are not
# taken for names (only with a surname or after a title). "Wilhelmus" on its own is the anthem.
AMBIGUOUS_FIRST_NAMES = _words(
    """
    ad amber bas ben bob cor fleur floor hoop iris jet job kai kim lex mark max mees merel
    noor roos rosa said sam stan storm tim ton victor wilhelmus
    """
)

# Capitalised words after a first name or prefix that name an organisation or place, not a
# person ("Sandra van de GGD", "Pieter van Rijkswaterstaat", "Jan van Twente").
NOT_SURNAMES = _words(
    """
    afdeling academie alliantie ambulancezorg arbeidsinspectie bond brandweer brandweerkorps
    campus centrum college commissie defensie dienst directie europa europese gemeente
    gemeenten ggd ggz ghor gezondheid hogeschool huis inspectie instituut justitie kamer
    kenniscentrum koninklijke korps kruis landelijke marechaussee meldkamer ministerie
    nationale nederland nederlandse netwerk nipv ifv organisatie overheid politie provincie
    raad regio rijk rijksoverheid rijkswaterstaat rode safety school staat stichting
    team tno unie universiteit vereniging veiligheid veiligheidsberaad veiligheidsregio
    veiligheidsregio's vws waterschap zorg ziekenhuis
    paulowna amsterdam amstelland amersfoort apeldoorn arnhem assen almere alkmaar breda brabant
    delft deventer dordrecht drenthe ede eindhoven emmen enschede flevoland friesland fryslân
    gelderland gooi groningen haag haaglanden haarlem heerlen helmond hengelo hilversum
    holland ijsselland kennemerland leeuwarden leiden lelystad limburg maastricht middelburg
    nijmegen noord oost overijssel rijnmond roermond rotterdam tilburg twente utrecht venlo
    vlissingen west zaanstad zaanstreek zeeland zoetermeer zuid zwolle
    januari februari maart april mei juni juli augustus september oktober november december
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    covid corona microsoft teams zoom google whatsapp excel word twitter linkedin
    """
)

# A capitalised word right after a name candidate that turns it into an institution or a place
# ("Jeroen Bosch Ziekenhuis", "Anne Frank Huis", "Johan Cruijff Arena", "Sophia Kinderziekenhuis").
INSTITUTION_WORDS = _words(
    """
    arena academie hogeschool brug campus centrum college dome fonds gasthuis gebouw hal hallen
    hoeve
    huis instituut kazerne kinderziekenhuis kliniek mc museum park plein prijs award school
    stadion stichting straat laan weg kade gracht singel tunnel umc universiteit ziekenhuis
    lyceum gymnasium kerk zaal theater polder haven
    """
)

# A name candidate whose surname ends like this is a street, a building or a place.
INSTITUTION_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "kade",
    "gracht",
    "singel",
    "dreef",
    "ziekenhuis",
    "kazerne",
    "museum",
    "school",
    "college",
    "centrum",
    "huis",
    "park",
    "brug",
    "tunnel",
)

# Words before a first name that make it a saint, a royal or an institution ("Sint Jan",
# "Prins Willem", "Koning Willem-Alexander").
NAME_PRECEDERS = _words(
    """
    sint st. st prins prinses koning koningin hertog hertogin graaf gravin paus heilige
    """
)

# A single capital with a dot after these is a label ("fase B.", "bijlage A."), not an initial.
LABEL_WORDS = _words(
    """
    bijlage fase scenario niveau categorie punt optie plan groep type klasse variant model
    versie stap zone kolom blok deel hoofdstuk paragraaf artikel lid sector vak afdeling
    vitamine code regel figuur tabel kaart bladzijde pagina
    """
)

# Function words: capitalised at the start of a sentence, never part of a name. A first name
# that is one of them ("Elke") is no name at the start of a sentence before a lower-case word
# ("Elke stem telt").
FUNCTION_WORDS = _words(
    """
    aan al alle alleen als alsnog andere anders bij binnen daar daarbij daarmee daarna daarom
    daardoor dan dat de deze die dit door doordat dus een eigenlijk elk elke en enkele er erg
    even geen gisteren graag had heb ieder iedere hebben heeft het hier hij hoe hoewel hun ik in
    is je jij
    juist kan komen kunnen maar meer men met mijn misschien na naar nadat naast niet nog nu
    of ofwel om omdat ondanks onder ons onze ook op over per tegen ten ter tijdens toch toen
    tot tussen uit vaak van vanaf vandaag vanuit veel verder via volgens voor vooral voordat
    waar waardoor wanneer wat we wel welke werd werden wie wij wordt worden zal ze zeker zij
    zich zijn zo zoals zodat zonder zou zouden zowel
    """
)

# Top-level domains accepted in bare domains ("ifv.nl/publicaties") and obfuscated e-mail
# addresses ("naam [at] domein punt nl"); a fuller list would turn "o.a." into a domain.
TLDS = _words(
    """
    nl com org net eu be de info nu io gov edu int uk fr biz online app frl amsterdam nrw
    lu dk se no fi es it at ch pl cz ie us ca au co tv me site website email
    """
)

# "naam [at] domein punt nl": the words that stand for @ and for the dot.
EMAIL_AT_WORDS = ("at", "apenstaartje")
EMAIL_DOT_WORDS = ("punt", "dot")

# Two-letter words, units and abbreviations after four digits that make "2020 EN", "1000 KM",
# "2021 EU" not postcodes. SA, SD and SS are never issued as postcode letters.
POSTCODE_NEVER_LETTERS = frozenset({"SA", "SD", "SS"})
POSTCODE_NOT_LETTERS = _words(
    """
    ad af ai al bv ca cm db de dl en er eu gb gj gw ha hr ik in is it je jr kb kg kj km
    kv kw mb mg ml mm mw na nl nu nv of ok om op pc pj pp sr st te tj tv tw uk ve vr vs we
    xl ze zo ov pr ns ek wk ms ps
    """
)

# Dutch phone numbers: 10 digits from 0, or country code 31 and 9 digits. Service numbers
# (0800, 0900, ...) have 4 or 7 digits after the prefix.
PHONE_COUNTRY_CODE = "31"
PHONE_NATIONAL_DIGITS = 10
PHONE_SERVICE_PREFIXES = ("0800", "0900", "0906", "0909")
PHONE_SERVICE_DIGITS = (8, 11)
# A number followed by these is a time range ("0800-1700 uur"), not a phone number.
PHONE_NOT_BEFORE = _words("uur u h")

# Dutch licence plates (kentekens) by sidecode: X a letter, 9 a digit, dashes as written.
LICENCE_PLATE_SIDECODES = (
    "XX-99-99",
    "99-99-XX",
    "99-XX-99",
    "XX-99-XX",
    "XX-XX-99",
    "99-XX-XX",
    "99-XXX-9",
    "9-XXX-99",
    "XX-999-X",
    "X-999-XX",
    "XXX-99-X",
    "X-99-XXX",
    "9-XX-999",
    "999-XX-9",
)

# Fixed expressions with a first name that name nobody ("Jan Modaal", "Jan en alleman").
NAME_IDIOMS = (
    "jan modaal",
    "jan publiek",
    "jan en alleman",
    "jan met de pet",
    "jan rap en zijn maat",
    "jantje beton",
    "pietje precies",
    "klaas vaak",
    "zwarte piet",
    "brave hendrik",
    "frank en vrij",
)

# Nine digits before or after these are an amount, not a BSN.
AMOUNT_WORDS = _words("€ eur euro euros mln miljoen miljard ,- ,--")

# Nine digits after these are another kind of number, not a BSN.
OTHER_NUMBER_WORDS = _words(
    """
    kvk kvk-nummer kvk-nr zaaknummer zaaknr dossiernummer dossiernr ordernummer ordernr
    factuurnummer factuurnr projectnummer projectnr referentie referentienummer ref
    artikelnummer artikelnr kenmerk btw-nummer klantnummer polisnummer registratienummer
    """
)

# Street names end in these ("Kerkstraat", "Oudegracht", "Stationsplein") or start with one
# before a particle ("Laan van Meerdervoort"). Left out: endings that also end place names
# ("Barneveld", "Rotterdam", "Lauwersoog").
STREET_SUFFIXES = (
    "straat",
    "laan",
    "weg",
    "plein",
    "gracht",
    "kade",
    "singel",
    "dijk",
    "dreef",
    "steeg",
    "pad",
    "hof",
    "markt",
    "plantsoen",
    "boulevard",
    "allee",
    "wal",
    "baan",
    "ring",
    "park",
)

# A number followed by these is a quantity or a time, not a house number ("de snelweg 30
# minuten", "Rijksweg 12 km").
HOUSE_NUMBER_NOT_BEFORE = _words(
    """
    minuut minuten min uur u h sec seconden dag dagen week weken maand maanden jaar jaren
    keer maal x km kilometer kilometers m meter meters cm mm kg ton liter procent % euro eur €
    graden mensen personen man auto's auto wagens voertuigen stuks woningen huizen deelnemers
    leden banen plaatsen rijstroken stroken uitgangen keren rondes
    """
)

# Words shortly before a street address or a postcode that make a lower-case one count.
ADDRESS_CUES = _words(
    """
    adres adresgegevens woonadres bezoekadres postadres afleveradres factuuradres postcode pc
    woon woont wonen woonde woonachtig wonend gevestigd verhuisd
    """
)

# Four digits that are a year after these are no postcode: "jaar 2021 AB", "sinds 2019 EV".
POSTCODE_NOT_AFTER = _words(
    """
    jaar jaartal jaargang sinds vanaf tot t/m na voor rond circa ca medio begin eind zomer
    winter voorjaar najaar herfst lente januari februari maart april mei juni juli augustus
    september oktober november december editie versie seizoen schooljaar boekjaar
    """
)

PRIVACY = PrivacyData(
    placeholders=PLACEHOLDERS,
    first_names=_listed("privacy_first_names.txt"),
    surnames=_listed("privacy_surnames.txt"),
    ambiguous_first_names=AMBIGUOUS_FIRST_NAMES,
    surname_prefixes=SURNAME_PREFIXES,
    titles=TITLES,
    role_words=ROLE_WORDS,
    not_surnames=NOT_SURNAMES,
    institution_words=INSTITUTION_WORDS,
    institution_suffixes=INSTITUTION_SUFFIXES,
    name_preceders=NAME_PRECEDERS,
    label_words=LABEL_WORDS,
    function_words=FUNCTION_WORDS,
    name_idioms=NAME_IDIOMS,
    vocabulary="nl",
    tlds=TLDS,
    email_at_words=EMAIL_AT_WORDS,
    email_dot_words=EMAIL_DOT_WORDS,
    postcode_pattern=r"[1-9][0-9]{3}",
    postcode_letters=2,
    postcode_never_letters=POSTCODE_NEVER_LETTERS,
    postcode_not_letters=POSTCODE_NOT_LETTERS,
    postcode_cues=frozenset({"postcode", "pc", "postcode en plaats", "adres"}),
    phone_country_code=PHONE_COUNTRY_CODE,
    phone_national_digits=PHONE_NATIONAL_DIGITS,
    phone_service_prefixes=PHONE_SERVICE_PREFIXES,
    phone_service_digits=PHONE_SERVICE_DIGITS,
    phone_not_before=PHONE_NOT_BEFORE,
    licence_plate_sidecodes=LICENCE_PLATE_SIDECODES,
    national_id_digits=9,
    national_id_check=is_valid_bsn,
    amount_words=AMOUNT_WORDS,
    other_number_words=OTHER_NUMBER_WORDS,
    street_suffixes=STREET_SUFFIXES,
    house_number_not_before=HOUSE_NUMBER_NOT_BEFORE,
    address_cues=ADDRESS_CUES,
    postcode_not_after=POSTCODE_NOT_AFTER,
)
