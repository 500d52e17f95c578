"""Dutch derivations, misspellings and compounds written as two words: what a codebook term
also finds, and the explanation that says why (in Dutch for a Dutch codebook)."""

from __future__ import annotations

import pytest

from textcode.codebook import parse_codebook
from textcode.coding import Coder
from textcode.lang import get_language
from textcode.nlp.morphology import derivation_bases
from textcode.nlp.spelling import (
    corrections,
    edit_distance,
    far_corrections,
    letter_mask,
    one_edit_variants,
    sound_variants,
    spellings,
)

DUTCH = get_language("nl").morphology

CODEBOOK = """
textcode_codebook: 1
id: afleidingen
version: "1"
language: nl
groups:
  - id: q
    codes:
      - id: q.koningshuis
        label: Koningshuis
        patterns: [koning]
      - id: q.onderwijs
        label: Onderwijs
        patterns: [school]
      - id: q.standpunten
        label: Standpunten
        patterns: [aanspreken]
      - id: q.migratie
        label: Migratie
        patterns: ["migratie*"]
      - id: q.toeslagen
        label: Toeslagen
        patterns: ["toeslag*", "kinderopvang*"]
      - id: q.regels
        label: Regels
        patterns: [regels]
      - id: q.campagne
        label: Campagne
        patterns: [lijsttrekker, "debat*"]
      - id: q.veiligheid
        label: Veiligheid
        patterns: [veilig]
      - id: q.omvang
        label: Omvang
        patterns: [groot BEFORE/2 partij]
      - id: q.plannen
        label: Plannen
        patterns: [plannen]
      - id: q.wereldoorlog
        label: Wereldoorlog
        patterns: [wereldoorlog]
      - id: q.oorlog
        label: Oorlog
        patterns: [oorlog]
      - id: q.wereld
        label: Wereld
        patterns: ["wereld*"]
      - id: q.partijen
        label: Partijen
        patterns: [lijsttrekkersverkiezing]
      - id: q.kandidaten
        label: Kandidaten
        patterns: ["lijsttrekker*"]
      - id: q.helderheid
        label: Helderheid
        patterns: [duidelijk]
      - id: q.vernieuwing
        label: Vernieuwing
        patterns: [vernieuwen]
      - id: q.punten
        label: Punten
        patterns: ["=punten"]
      - id: q.persoon
        label: Persoon
        patterns: [omtzigt | leijten]
      - id: q.gedachtegoed
        label: Gedachtegoed
        patterns: [gedachtegoed | toeslagenaffaire]
      - id: q.gewoonte
        label: Gewoonte
        patterns: [altijd NEAR/5 gestemd]
      - id: q.richting
        label: Richting
        patterns: ["sociaal-democra* | sociaaldemocra* | anti-kapitalist"]
      - id: q.acroniem
        label: Acroniem
        patterns: [WOII | WO2 | OM]
      - id: q.traditie
        label: Traditie
        patterns: ["gewoonte*"]
      - id: q.opvattingen
        label: Opvattingen
        patterns: ["standpunt*"]
      - id: q.verandering
        label: Verandering
        patterns: ["verander*"]
      - id: q.links
        label: Links
        patterns: [links]
      - id: q.europa
        label: Europa
        patterns: [europese]
      - id: q.corona
        label: Corona
        patterns: [coronavirus]
      - id: q.immigratie
        label: Immigratie
        patterns: [immigratie]
      - id: q.democratie
        label: Democratie
        patterns: [democratie]
      - id: q.bevolking
        label: Bevolking
        patterns: [demografie]
"""


@pytest.fixture(scope="module")
def coder(matching_path: str) -> Coder:
    """On both matching paths (compiled core and pure Python)."""
    return Coder(parse_codebook(CODEBOOK)).fit()


def found(coder: Coder, text: str) -> dict[str, str]:
    return {s.code: s.explanation for s in coder.code_text(text, "q")}


@pytest.mark.parametrize(
    ("word", "base"),
    [
        ("koningin", "koning"),
        ("lerares", "leraar"),
        ("verpleegster", "verplegen"),
        ("aansprekend", "aanspreken"),
        ("zorgende", "zorgen"),
        ("geschoolde", "school"),
        ("koninkje", "koning"),
        ("balletje", "bal"),
        ("remigratie", "migratie"),
        ("herverkiezing", "verkiezing"),
        ("antiracisme", "racisme"),
        ("duidelijkheid", "duidelijk"),
        ("betrouwbaarheid", "betrouwbaar"),
        ("verandering", "veranderen"),
        ("stemming", "stemmen"),
        ("beweging", "bewegen"),
    ],
)
def test_derived_words_lead_to_their_base(word: str, base: str) -> None:
    assert base in derivation_bases(word, DUTCH)


@pytest.mark.parametrize("word", ["reactie", "reformatie", "gewoonte", "gemiddelde", "weekend"])
def test_lexicalised_look_alikes_have_no_base(word: str) -> None:
    assert derivation_bases(word, DUTCH) == ()


def test_an_action_noun_stands_for_a_verb_the_tables_know() -> None:
    verbs = frozenset({"regeren", "stemmen"})
    assert derivation_bases("stemming", DUTCH, verbs=verbs) == ("stemmen",)
    assert "konen" not in derivation_bases("koning", DUTCH, verbs=verbs)


def test_a_participle_of_a_known_verb_stands_for_that_verb() -> None:
    bases = derivation_bases("geregelde", DUTCH, verbs=frozenset({"regelen"}))
    assert "regelen" in bases
    assert "regel" not in bases


def test_spelling_corrections_keep_the_first_letter() -> None:
    words = {"toeslagen", "veilig", "corona", "boeslagen"}
    assert corrections("torslagen", words.__contains__, DUTCH.alphabet) == ("toeslagen",)
    assert corrections("veilg", words.__contains__, DUTCH.alphabet) == ("veilig",)
    assert corrections("ocrona", words.__contains__, DUTCH.alphabet) == ()
    assert "coroan" in set(one_edit_variants("corona", "ab")) | {"coroan"}
    assert "croona" in set(one_edit_variants("corona", "ab"))  # two neighbours swapped


@pytest.mark.parametrize(
    ("text", "code", "why"),
    [
        ("Het optreden van de koningin", "q.koningshuis", 'afgeleide vorm van "koning"'),
        ("Meer geschoolde mensen", "q.onderwijs", 'afgeleide vorm van "school"'),
        ("Een aansprekend programma", "q.standpunten", 'afgeleide vorm van "aanspreken"'),
        ("Remigratie", "q.migratie", 'afgeleide vorm van "migratie"'),
        ("Vanwege de duidelijkheid", "q.helderheid", 'afgeleide vorm van "duidelijk"'),
        ("Tijd voor vernieuwing", "q.vernieuwing", 'afgeleide vorm van "vernieuwen"'),
        ("De torslagen affaire", "q.toeslagen", 'spelfout voor "toeslagen"'),
        ("Het voelt niet veilg meer", "q.veiligheid", 'spelfout voor "veilig"'),
        # A digit typed for the letter below it on the keyboard.
        ("Het voelt niet v3ilig meer", "q.veiligheid", 'spelfout voor "veilig"'),
        ("Ze zijn d8idelijk", "q.helderheid", 'spelfout voor "duidelijk"'),
        ("De Lijstrekker van de VVD", "q.campagne", 'spelfout voor "lijsttrekker"'),
        ("kinder opvang", "q.toeslagen", '"kinderopvang*" in twee woorden geschreven'),
        ("een goede lijst trekker", "q.campagne", "in twee woorden geschreven"),
        # One sound spelt another way: "ch" for "g", "y" for "ij".
        ("Pieter Omtzicht heeft veel inzet getoond", "q.persoon", 'spelfout voor "omtzigt"'),
        ("Vanwege de inzet van Renske Leyten", "q.persoon", 'spelfout voor "leijten"'),
        # A guessed lemma ("gestemmen") does not make "gestemt" a word.
        ("Heb ik altijd op gestemt", "q.gewoonte", 'spelfout voor "gestemd"'),
        # A word of nine letters or more, two edits from one term word (or its old spelling).
        ("Ik ben voor de Eurposche samenwerking", "q.europa", 'spelfout voor "europese"'),
        ("De Nederlandsche en Europeesche politiek", "q.europa", 'spelfout voor "europe'),
        ("Het caronaviris natuurlijk", "q.corona", 'spelfout voor "coronavirus"'),
        ("Minder imigartie", "q.immigratie", 'spelfout voor "immigratie"'),
        # The linking "-n-" (or none) between the parts of a compound.
        ("het gedachtengoed van Pim Fortuyn", "q.gedachtegoed", 'andere spelling van "ged'),
        ("de toeslagaffaire", "q.gedachtegoed", 'andere spelling van "toeslagenaffaire"'),
        # A hyphenated term, or a glob's known first word, written as two words.
        ("ik voel me een sociaal democraat", "q.richting", "in twee woorden geschreven"),
        ("Rebekka is anti kapitalist", "q.richting", '"anti-kapitalist" in twee woorden'),
        # A numbered acronym with its number apart, as a Roman numeral or a word.
        ("De bevrijding na Wo II", "q.acroniem", '"Wo II" als "WO'),
        ("WO twee natuurlijk", "q.acroniem", '"WO twee" als "WO'),
    ],
)
def test_derived_misspelt_and_split_words_match_and_say_why(
    coder: Coder, text: str, code: str, why: str
) -> None:
    explanations = found(coder, text)
    assert code in explanations
    assert why in explanations[code]


@pytest.mark.parametrize(
    ("text", "code", "compound"),
    [
        ("Uitgewoonte", "q.traditie", "Uitgewoonte"),  # "uit gewoonte" typed as one word
        ("Vanwege hun goede klimaatstandpunten", "q.opvattingen", "klimaatstandpunten"),
    ],
)
def test_a_glob_meets_the_head_of_a_compound(
    coder: Coder, text: str, code: str, compound: str
) -> None:
    explanations = found(coder, text)
    assert code in explanations
    assert f'als kern van de samenstelling "{compound}"' in explanations[code]


def test_a_glob_leaves_the_head_of_a_listed_compound_alone(coder: Coder) -> None:
    # "klimaatverandering" is a word of its own: climate change, no wish for change.
    assert "q.verandering" not in found(coder, "Wil wat doen aan de klimaatverandering")
    assert "q.verandering" in found(coder, "Tijd voor verandering")


def test_a_numbered_acronym_apart_needs_its_number_right_after_it(coder: Coder) -> None:
    assert "q.acroniem" in found(coder, "Wo 2")
    assert "q.acroniem" not in found(coder, "Wo je nu? Twee jaar geleden")
    assert "q.acroniem" not in found(coder, "Wo 12")  # only one to ten


def test_a_name_with_a_capital_inside_is_no_compound(coder: Coder) -> None:
    # "GroenLinks" names a party; it is no "groen" + "links" (the head "links" of a compound
    # such as "centrumlinks" still counts).
    assert "q.links" not in found(coder, "Ik stem altijd voor GroenLinks")
    assert "q.links" in found(coder, "Ik ben centrumlinks")


@pytest.mark.parametrize(
    ("one_word", "two_words", "codes"),
    [
        # "wereldoorlog" holds no "oorlog" of another code, but "wereld*" finds it as a whole.
        ("de tweede wereldoorlog", "de tweede wereld oorlog", {"q.wereldoorlog", "q.wereld"}),
        (
            "de lijsttrekkersverkiezing",
            "de lijsttrekkers verkiezing",
            {"q.partijen", "q.kandidaten"},
        ),
    ],
)
def test_a_compound_written_apart_gets_the_codes_of_the_compound(
    coder: Coder, one_word: str, two_words: str, codes: set[str]
) -> None:
    assert set(found(coder, one_word)) == set(found(coder, two_words)) == codes
    assert set(found(coder, "de oorlog in de wereld")) == {"q.oorlog", "q.wereld"}


@pytest.mark.parametrize(
    ("text", "code", "form"),
    [
        ("Een vrij grote partij", "q.omvang", "grote"),  # a noun to the tables, and "groot"
        ("Een duidelijk plan", "q.plannen", "plan"),  # "plannen" is a verb to them, and plural
    ],
)
def test_a_form_the_tables_read_as_another_word_first_meets_its_other_lemma(
    coder: Coder, text: str, code: str, form: str
) -> None:
    explanations = found(coder, text)
    assert code in explanations
    assert f'"{form}"' in explanations[code]


@pytest.mark.parametrize(
    "text",
    [
        "Het was geregeld",  # regelen (arrange), not regels
        "Uit gewoonte",  # no "wonen"
        "De reactie van de premier",
        "Death of democracy",  # no misspelt "debat"
        "Het verkiezingsdebat",  # a plain compound, matched as such, not a misspelling
        "De uitstoot van co2 en de positie van D66",  # a digit at the end is no typo
        "Lijst 50plus of JA21",  # nor are two digits
    ],
)
def test_look_alikes_are_not_derivations_or_misspellings(coder: Coder, text: str) -> None:
    explanations = found(coder, text)
    assert not any("spelfout" in e or "afgeleide" in e for e in explanations.values())
    assert "q.regels" not in explanations


def test_the_edit_distance_counts_a_swap_of_neighbours_as_one_edit() -> None:
    assert edit_distance("eurpose", "europese") == 2  # "po" swapped, an "e" left out
    assert edit_distance("imigartie", "immigratie") == 2
    assert edit_distance("europa", "europese") == 3  # capped: more than two is too far
    assert edit_distance("coronavirus", "coronavirus") == 0


def test_far_corrections_read_the_old_sche_and_keep_the_first_letter() -> None:
    words = ("europese", "europees", "euthanasie")
    spelt = [
        (s, word, letter_mask(s)) for word in words for s in spellings(word, DUTCH.sound_alikes)
    ]
    assert ("europesche", "europese", letter_mask("europesche")) in spelt
    # "eurposche": two edits from "europesche", the old spelling's "-sche" for "-se".
    assert far_corrections("eurposche", spelt) == ("europese",)
    assert far_corrections("eurposche", [(w, w, letter_mask(w)) for w in words]) == ()
    assert far_corrections("uerposche", spelt) == ()
    assert far_corrections("europesee", spelt) == ("europese", "europees")  # nearest first


@pytest.mark.parametrize(
    "text",
    [
        "Over corona, imigrati en economie",  # eight letters: two edits are too many
        "De damocrafie van het land",  # two edits from "democratie" and from "demografie"
        "Death of democracy",  # three edits from "democratie"
    ],
)
def test_two_edits_need_a_long_word_and_one_term_word_that_near(coder: Coder, text: str) -> None:
    explanations = found(coder, text)
    assert not {"q.immigratie", "q.democratie", "q.bevolking", "q.europa"} & set(explanations)


def test_sound_variants_write_one_spelling_of_a_sound_as_another() -> None:
    variants = set(sound_variants("omtzicht", DUTCH.sound_alikes))
    assert "omtzigt" in variants
    assert "leijten" in set(sound_variants("leyten", DUTCH.sound_alikes))
    assert set(sound_variants("kaart", DUTCH.sound_alikes)) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Een gedachte over het goed",  # two words, no compound
        "Pieter heeft een goed gezicht",  # "gezicht" is a word: no misspelt name
        "De sociaal zwakkeren",  # "sociaal" alone is no "sociaal-democraat"
    ],
)
def test_spellings_and_split_terms_leave_other_words_alone(coder: Coder, text: str) -> None:
    explanations = found(coder, text)
    assert not {"q.persoon", "q.gedachtegoed", "q.richting"} & set(explanations)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("De WOII", True),
        ("De WoII en de bevrijding", True),  # an acronym typed in another case
        ("de bezetting in wo2", True),
        ("Het OM vervolgde hem", True),
        ("Ik stem om de zorg", False),  # "om" is a word: no OM
    ],
)
def test_an_acronym_in_another_case_is_the_acronym_unless_a_word(
    coder: Coder, text: str, found: bool
) -> None:
    assert ("q.acroniem" in found_codes(coder, text)) is found


def found_codes(coder: Coder, text: str) -> set[str]:
    return set(found(coder, text))


def test_an_exact_term_stays_exact(coder: Coder) -> None:
    # "=punten" (and a --literal dictionary's entries) wants that form: no misspelling of it.
    assert "q.punten" not in found(coder, "Omdat hij punte heeft")
    assert "q.punten" in found(coder, "Omdat hij punten heeft")


def test_english_codebooks_keep_english_explanations() -> None:
    notes = get_language("en").morphology.notes
    assert "misspelling" in notes["fuzzy"]
    assert "derived" in notes["derived"]
