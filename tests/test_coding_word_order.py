"""Dutch word order in rules: a separable verb's particle at the end of its clause, an R-word
and its preposition written as one word, a preposition that opens the phrase of a word a NOT
rule forbids near it (when that word may be a verb), a separable verb term split by its
clause, a verb-particle BEFORE rule turned round in a verb-last clause; on real Dutch answers,
the same on both matching paths (compiled core and pure Python)."""

from __future__ import annotations

from pathlib import Path

import pytest

from textcode.codebook import parse_codebook
from textcode.coding import Coder
from textcode.interop.dictionaries import read_dictionary

CODEBOOK = """
textcode_codebook: 1
id: woordvolgorde
version: "1"
language: nl
groups:
  - id: q
    codes:
      - id: q.aansluiten
        label: Sluit aan
        patterns: ["sluit NEXT/2 aan"]
      - id: q.eens
        label: Eens
        patterns: ["het NEXT/2 eens"]
      - id: q.aanspreken
        label: Spreekt aan
        patterns: ["spreekt NEXT/2 me NEXT/2 aan"]
      - id: q.achter_staan
        label: Waar ik voor sta
        patterns: ['"waar ik voor sta"']
      - id: q.duidelijk
        label: Zegt waar het op staat
        patterns: ["waar NEXT/2 het NEXT/2 op NEXT/2 staat"]
      - id: q.zorg
        label: Zorg
        patterns: ["zorg* NOT NEAR/2 (voor | dat | om)"]
      - id: q.prestatie
        label: Doen het goed
        patterns: ["doen NEXT/2 het NEXT/2 goed"]
      - id: q.opkomen
        label: Opkomen
        patterns: [opkomen]
      - id: q.opkomen_voor
        label: Komt op voor
        patterns: ["komt NEXT/2 op NEXT/2 voor"]
      - id: q.woord
        label: Doet wat hij zegt
        patterns: ['"doet wat hij zegt"']
      - id: q.aanspreken_woord
        label: Aanspreken als een woord
        patterns: [aanspreken]
      - id: q.aanstaan
        label: Aanstaan
        patterns: [aanstaan]
      - id: q.persoon
        label: Persoon
        patterns: ["(rutte | kaag) NOT NEAR/3 (tegen | zat)"]
      - id: q.achter
        label: Staat achter
        patterns: ["(sta | staan | staat) BEFORE/2 achter"]
"""


@pytest.fixture(scope="module")
def coder(matching_path: str) -> Coder:
    return Coder(parse_codebook(CODEBOOK)).fit()


def codes(coder: Coder, text: str) -> set[str]:
    return {s.code for s in coder.code_text(text, "q")}


@pytest.mark.parametrize(
    ("text", "code", "evidence"),
    [
        ("Het sluit het beste bij mij aan", "q.aansluiten", "sluit het beste bij mij aan"),
        ("Sluit goed aan, vooral op het klimaat", "q.aansluiten", "Sluit goed aan"),
        (
            "Ik ben het met de meeste punten eens",
            "q.eens",
            "het met de meeste punten eens",
        ),
        (
            "Ben het met hun standpunten eens omdat ze eerlijk zijn",
            "q.eens",
            "het met hun standpunten eens",
        ),
        ("Spreekt me het meest aan", "q.aanspreken", "Spreekt me het meest aan"),
        ("Het spreekt mij het meest aan", "q.aanspreken", "spreekt mij het meest aan"),
        ("Ze komen voor de gewone man op", "q.opkomen_voor", "komen voor de gewone man op"),
        (
            "Sluit het meest met mijn normen en waarden aan",
            "q.aansluiten",
            "Sluit het meest met mijn normen en waarden aan",
        ),
        ("Sluit het beste aan bij mijn eigen wensen", "q.aansluiten", "Sluit het beste aan"),
        ("omdat ik het grotendeels met ze eens was", "q.eens", "het grotendeels met ze eens"),
    ],
)
def test_a_particle_at_the_end_of_its_clause_completes_the_phrase(
    coder: Coder, text: str, code: str, evidence: str
) -> None:
    found = {s.code: s.evidence for s in coder.code_text(text, "q")}
    assert found.get(code) == evidence


@pytest.mark.parametrize(
    "text",
    [
        "Ik sluit de deur en ga aan tafel",  # "aan tafel": the particle does not end a clause
        "Het was eens een mooie partij",  # "eens" (once) does not end the clause
        "Het sluit, denk ik, niet goed aan",  # a clause break between verb and particle
        "Sluit de rij van alle grote partijen met de meeste zetels in de Kamer aan",  # 12 words
    ],
)
def test_a_particle_elsewhere_completes_nothing(coder: Coder, text: str) -> None:
    assert codes(coder, text) == set()


@pytest.mark.parametrize(
    ("text", "code", "why"),
    [
        ("Ze doen waarvoor ik sta", "q.achter_staan", '"waarvoor ik sta" (als "waar ik voor sta")'),
        ("Ze doen waar ik voor sta", "q.achter_staan", '"waar ik voor sta"'),
        ("De enige die zegt waarop het staat", "q.duidelijk", '"waarop"'),
    ],
)
def test_an_r_word_and_its_preposition_may_be_one_word(
    coder: Coder, text: str, code: str, why: str
) -> None:
    found = {s.code: s.explanation for s in coder.code_text(text, "q")}
    assert why in found.get(code, "")


def test_a_pronominal_adverb_of_another_preposition_is_not_the_phrase(coder: Coder) -> None:
    assert codes(coder, "Ze doen waarmee ik sta") == set()
    assert codes(coder, "Hij zegt waarvoor het staat") == set()


def test_a_literal_dictionary_keeps_its_phrases_as_written(tmp_path: Path) -> None:
    path = tmp_path / "woordenboek.yml"
    path.write_text("stand:\n  - waar ik voor sta\n", encoding="utf-8")
    coder = Coder(read_dictionary(path, literal=True).codebook).fit()
    assert coder.code_text("Ze doen waar ik voor sta", "q")
    assert not coder.code_text("Ze doen waarvoor ik sta", "q")
    assert Coder(read_dictionary(path).codebook).fit().code_text("Ze doen waarvoor ik sta", "q")


@pytest.mark.parametrize(
    "text",
    ["Voor de zorg", "Meer geld voor de zorg en het onderwijs", "Ik vind dat de zorg beter moet"],
)
def test_a_preposition_before_a_word_opens_its_phrase_and_forbids_nothing(
    coder: Coder, text: str
) -> None:
    assert codes(coder, text) == {"q.zorg"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Tegen Rutte", False),  # a name is no verb: "tegen" is what the rule forbids
        ("Ik stem tegen Rutte en zijn kabinet", False),
        ("Voor Rutte, omdat hij een goede premier is", True),
        ("Ik vertrouw Kaag", True),
    ],
)
def test_a_preposition_before_a_name_still_forbids(coder: Coder, text: str, found: bool) -> None:
    assert ("q.persoon" in codes(coder, text)) is found


@pytest.mark.parametrize(
    "text",
    [
        "Goede zorg, dat vind ik het belangrijkst",  # "dat" opens the next clause
        "Betere zorg. Om die reden stemde ik zo",
    ],
)
def test_a_function_word_past_punctuation_forbids_nothing(coder: Coder, text: str) -> None:
    assert "q.zorg" in codes(coder, text)


@pytest.mark.parametrize(
    "text",
    [
        "Ze zorgen voor de mensen",  # "zorgen voor": the word the rule forbids
        "Ze maken zich zorgen om hun baan",
        "Zorgen dat het land goed bestuurd wordt",
        "Voor goede zorg",  # "goede" is no light word: "voor" is near, as written
    ],
)
def test_a_forbidden_word_after_or_apart_still_forbids(coder: Coder, text: str) -> None:
    assert "q.zorg" not in codes(coder, text)


@pytest.mark.parametrize(
    ("text", "code", "evidence"),
    [
        ("omdat deze partij het goed doet", "q.prestatie", "het goed doet"),
        ("Volgens mij doen ze het gewoon goed", "q.prestatie", "doen ze het gewoon goed"),
        ("Omdat deze partij voor Nederland op komt.", "q.opkomen", "op komt"),
    ],
)
def test_a_subordinate_clause_puts_the_verb_last(
    coder: Coder, text: str, code: str, evidence: str
) -> None:
    found = {s.code: s for s in coder.code_text(text, "q")}
    assert found[code].evidence == evidence
    if code == "q.opkomen":
        assert '"op komt" (als "opkomen")' in found[code].explanation


@pytest.mark.parametrize("text", ["Zet het op, komt wel goed", "Het doen, goed of niet"])
def test_words_of_another_clause_are_no_verb_last_phrase(coder: Coder, text: str) -> None:
    assert not codes(coder, text) & {"q.prestatie", "q.opkomen"}


def test_a_spoken_pronoun_is_the_pronoun(coder: Coder) -> None:
    found = {s.code: s.explanation for s in coder.code_text("doet wat ie zegt", "q")}
    assert '"doet wat ie zegt" (als "doet wat hij zegt")' in found["q.woord"]


@pytest.mark.parametrize(
    ("text", "code", "evidence"),
    [
        (
            "Het programma spreekt me het meest aan",
            "q.aanspreken_woord",
            "spreekt me het meest aan",
        ),
        ("Partij sprak mij aan", "q.aanspreken_woord", "sprak mij aan"),
        ("omdat het me aanspreekt", "q.aanspreken_woord", "aanspreekt"),
        ("Stond mij het beste aan", "q.aanstaan", "Stond mij het beste aan"),
        ("Doelen staan me aan, vooral het klimaat", "q.aanstaan", "staan me aan"),
    ],
)
def test_a_separable_verb_term_finds_its_particle_at_the_clause_end(
    coder: Coder, text: str, code: str, evidence: str
) -> None:
    found = {s.code: s for s in coder.code_text(text, "q")}
    assert code in found
    assert found[code].evidence == evidence
    if evidence != "aanspreekt":
        assert "verderop als" in found[code].explanation


@pytest.mark.parametrize(
    "text",
    [
        "Het bord stond aan de muur",  # "aan" opens a phrase: no particle
        "Ik sprak hem aan de telefoon",
        "Het stond er. Aan de kant",  # a sentence between
    ],
)
def test_a_particle_that_opens_a_phrase_is_no_separable_verb(coder: Coder, text: str) -> None:
    assert not {"q.aanspreken_woord", "q.aanstaan"} & codes(coder, text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ik sta achter hun standpunten", True),
        ("De standpunten waar ik achter sta", True),  # a subordinate clause: verb last
        ("Het zijn de punten waar de partij achter staat.", True),
        ("Achter ons staat de rest van het land", False),  # a main clause, inverted
        ("Achter de schermen staat veel op het spel", False),
    ],
)
def test_a_before_rule_of_verb_and_particle_turns_round_in_a_verb_last_clause(
    coder: Coder, text: str, found: bool
) -> None:
    assert ("q.achter" in codes(coder, text)) is found
