"""The coding engine on real Dutch answers: evidence, compounds, negation, rules, records."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from textcode.codebook import parse_codebook
from textcode.coding import Coder, code
from textcode.coding.compiler import UnmatchedQuestionWarning
from textcode.records import SUGGESTION_FIELDS

# Every test here runs on both matching paths (compiled core and pure Python).
pytestmark = pytest.mark.usefixtures("matching_path")


@pytest.fixture(scope="module")
def coder(matching_path: str) -> Coder:
    return Coder().fit()


def codes_of(coder: Coder, text: str, question: str) -> set[str]:
    return {s.code for s in coder.code_text(text, question)}


@pytest.mark.parametrize(
    ("text", "question", "expected"),
    [
        # The report's own quotes.
        (
            "Vermogen om van innovatie naar implementatie te komen.",
            "kennisbehoefte",
            {"kennisbehoefte.implementatie"},
        ),
        (
            "Juridische expertise m.b.t. inkoop en aangaan van open innovatietrajecten",
            "kennisbehoefte",
            {"kennisbehoefte.juridisch", "kennisbehoefte.inkoop"},
        ),
        (
            "Expertise in het verbinden van organisaties",
            "kennisbehoefte",
            {"kennisbehoefte.verbinden"},
        ),
        ("Doorzettingsvermogen", "succesfactor", {"succesfactor.bevlogenheid"}),
        ("Sceptis binnen de organisatie", "belemmering", {"belemmering.draagvlak"}),
        ("Vrijblijvendheid", "belemmering", {"belemmering.vrijblijvendheid"}),
        # Compounds: the term inside, but "altijd" never holds "tijd".
        ("Het projectbudget was toereikend", "succesfactor", {"succesfactor.financiering"}),
        (
            "Een groot personeelstekort in de meldkamer",
            "belemmering",
            {"belemmering.capaciteit_tijd"},
        ),
        (
            "De privacywetgeving liet het delen van beelden niet toe",
            "belemmering",
            {"belemmering.juridisch"},
        ),
        (
            "Wij hebben altijd goed samengewerkt met de ketenpartners",
            "succesfactor",
            {"succesfactor.samenwerking"},
        ),
        # Spelling and inflection.
        (
            "Hoe zet je ideeen om in een Agile proces?",
            "kennisbehoefte",
            {"kennisbehoefte.innovatieproces"},
        ),
        ("Veel sceptische collega's", "belemmering", {"belemmering.draagvlak"}),
        ("Kennis van de AVG i.v.m. camerabeelden", "kennisbehoefte", {"kennisbehoefte.juridisch"}),
        ("Meer IM-kennis in de regio", "kennisbehoefte", {"kennisbehoefte.informatiemanagement"}),
    ],
)
def test_answers_get_their_codes(
    coder: Coder, text: str, question: str, expected: set[str]
) -> None:
    assert codes_of(coder, text, question) == expected


def test_altijd_does_not_contain_tijd(coder: Coder) -> None:
    assert "belemmering.capaciteit_tijd" not in codes_of(
        coder, "Het was altijd lastig", "belemmering"
    )
    assert "belemmering.capaciteit_tijd" in codes_of(
        coder, "Het kostte altijd te veel tijd", "belemmering"
    )


@pytest.mark.parametrize(
    ("text", "present", "absent"),
    [
        (
            "Het budget was geen probleem, maar er waren te weinig mensen",
            {"belemmering.capaciteit_tijd"},
            {"belemmering.financiering"},
        ),
        ("Onvoldoende budget voor opschaling", {"belemmering.financiering"}, set()),
        ("Gebrek aan geld", {"belemmering.financiering"}, set()),
        (
            "Het ontbrak niet aan geld, wel aan tijd",
            {"belemmering.capaciteit_tijd"},
            {"belemmering.financiering"},
        ),
        (
            "Er was voldoende budget maar de koppeling met GMS faalde",
            {"belemmering.techniek"},
            {"belemmering.financiering"},
        ),
    ],
)
def test_negation_and_contrast(
    coder: Coder, text: str, present: set[str], absent: set[str]
) -> None:
    found = codes_of(coder, text, "belemmering")
    assert present <= found
    assert not (absent & found)


def test_negated_flag_marks_lack(coder: Coder) -> None:
    [suggestion] = coder.code_text("Onvoldoende budget", "belemmering")
    assert suggestion.negated is True
    assert '"Onvoldoende"' in suggestion.explanation
    [plain] = coder.code_text("Geld", "belemmering")
    assert plain.negated is False


def test_success_factor_that_was_missing_is_not_a_success(coder: Coder) -> None:
    found = codes_of(coder, "Geen budget, wel veel enthousiasme", "succesfactor")
    assert found == {"succesfactor.bevlogenheid"}


@pytest.mark.parametrize(
    ("text", "question"),
    [
        ("n.v.t.", "kennisbehoefte"),
        ("-", "belemmering"),
        ("Weet ik niet", "succesfactor"),
        ("Geen", "belemmering"),
        ("Geen belemmeringen ervaren.", "belemmering"),
        ("NVT", "succesfactor"),
    ],
)
def test_non_substantive_answers_get_geen_inhoud_alone(
    coder: Coder, text: str, question: str
) -> None:
    suggestions = coder.code_text(text, question)
    assert [s.code for s in suggestions] == ["overig.geen_inhoud"]
    assert suggestions[0].evidence.strip() != ""


def test_geen_with_content_is_not_geen_inhoud(coder: Coder) -> None:
    assert codes_of(coder, "Geen budget", "belemmering") == {"belemmering.financiering"}


def test_answers_only_get_codes_of_their_question(coder: Coder) -> None:
    # "kennis" is a barrier code in belemmering and a success factor in succesfactor.
    assert codes_of(coder, "Gebrek aan kennis", "belemmering") == {"belemmering.kennis"}
    assert codes_of(coder, "Veel kennis in huis", "succesfactor") == {
        "succesfactor.kennis_expertise"
    }
    with pytest.warns(UnmatchedQuestionWarning, match="een_onbekende_vraag"):
        assert codes_of(Coder(), "Gebrek aan kennis", "een_onbekende_vraag") == set()


def test_question_aliases_select_the_group(coder: Coder) -> None:
    assert codes_of(coder, "Geld", "belemmeringen_overig") == {"belemmering.financiering"}


def test_evidence_is_exactly_the_text_span(coder: Coder, gold_path) -> None:  # type: ignore[no-untyped-def]
    rows = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines()]
    answers = pd.DataFrame(
        {
            "response_id": [r["id"] for r in rows],
            "question": [r["question"] for r in rows],
            "text": [r["text"] for r in rows],
        }
    )
    result = coder.code(answers)
    assert len(result.records) >= len(rows)
    texts = dict(zip(answers["response_id"], answers["text"], strict=True))
    for record in result.records:
        assert record.evidence == texts[record.response_id][record.start : record.end]
        assert record.evidence.strip()
        assert 0 < record.confidence <= 1
        assert record.rule.startswith(record.code + "#")


def test_offsets_point_into_the_original_even_when_not_nfc(coder: Coder) -> None:
    decomposed = "Vermogen om ide\u0065\u0308\u0065n om te zetten in een Agile proces"
    [suggestion] = [
        s for s in coder.code_text(decomposed, "kennisbehoefte") if s.evidence == "Agile"
    ]
    assert decomposed[suggestion.start : suggestion.end] == "Agile"
    found = coder.code_text("Privacy en AVG bij ide\u0065\u0308\u0065n", "kennisbehoefte")
    for s in found:
        assert decomposed is not None and s.evidence in "Privacy en AVG bij ide\u0065\u0308\u0065n"


def test_suggestion_ids_are_stable_and_records_follow_the_contract(coder: Coder) -> None:
    first = coder.code_text(
        "Trage besluitvorming en te weinig tijd", "belemmering", response_id="r1"
    )
    again = Coder().code_text(
        "Trage besluitvorming en te weinig tijd", "belemmering", response_id="r1"
    )
    assert [s.suggestion_id for s in first] == [s.suggestion_id for s in again]
    assert len({s.suggestion_id for s in first}) == len(first)
    assert list(first[0].to_dict()) == list(SUGGESTION_FIELDS)


def test_code_returns_frames_and_matrix() -> None:
    answers = pd.DataFrame(
        {
            "response_id": ["1", "1", "2"],
            "question": ["succesfactor", "belemmering", "belemmering"],
            "text": ["Enthousiasme van projectleider en opdrachtnemer", "Geld", ""],
        }
    )
    result = code(answers)
    assert list(result.suggestions.columns) == list(SUGGESTION_FIELDS)
    matrix = result.matrix
    assert matrix.loc[("1", "belemmering"), "belemmering.financiering"] == 1
    assert matrix.loc[("2", "belemmering")].sum() == 0  # an empty answer is kept, uncoded
    assert matrix.shape == (3, len(result.codebook.codes))
    assert result.respondent_matrix().loc["1", "succesfactor.bevlogenheid"] == 1
    assert "<table" in result._repr_html_()


def test_rule_language_near_not_and_code_references() -> None:
    codebook = parse_codebook(
        """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.geld
        label: Geld
        patterns: ["bank NOT NEAR/4 (rivier | oever)", "(geld | budget) NEAR/3 tekort"]
      - id: q.rivier
        label: Rivier
        patterns: ["rivier* BEFORE/3 bank"]
      - id: q.combinatie
        label: Combinatie
        patterns: ["@q.geld SENT kennis"]
      - id: q.exact
        label: Exact
        patterns: ["=tijd"]
        exclude: ["op tijd"]
"""
    )
    coder = Coder(codebook)
    found = lambda text: {s.code for s in coder.code_text(text, "q")}  # noqa: E731
    assert found("Geld lenen bij de bank") == {"q.geld"}
    assert found("Zitten op een bank aan de rivier") == set()
    assert found("Een riviertje langs de bank") == {"q.rivier"}
    assert found("Een tekort aan budget en weinig kennis") == {"q.geld", "q.combinatie"}
    assert found("Een tekort aan budget. Weinig kennis") == {"q.geld"}
    assert found("Te weinig tijd") == {"q.exact"}
    assert found("De werktijd was kort") == set()
    assert found("Het kwam niet op tijd") == set()
    near = [s for s in coder.code_text("geld was er tekort", "q") if s.code == "q.geld"]
    assert near[0].evidence == "geld was er tekort"


def test_marks_sentence_and_answer() -> None:
    codebook = parse_codebook(
        """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.zin
        label: Zin
        marks: sentence
        patterns: [budget]
      - id: q.alles
        label: Alles
        marks: answer
        patterns: [tijd]
"""
    )
    coder = Coder(codebook)
    text = "Eerst iets anders. Het budget was op. Daarna tijd tekort."
    by_code = {s.code: s for s in coder.code_text(text, "q")}
    assert by_code["q.zin"].evidence == "Het budget was op."
    assert by_code["q.alles"].evidence == text


def test_negation_can_flip_a_code() -> None:
    codebook = parse_codebook(
        """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.steun
        label: Steun
        negation: {lacking: q.geen_steun}
        patterns: [steun]
      - id: q.geen_steun
        label: Geen steun
        patterns: ["=nooitgebruikt"]
"""
    )
    coder = Coder(codebook)
    [flipped] = coder.code_text("Er was geen steun van het bestuur", "q")
    assert flipped.code == "q.geen_steun"
    assert flipped.rule == "q.steun#1"
    assert [s.code for s in coder.code_text("Veel steun van het bestuur", "q")] == ["q.steun"]


@pytest.mark.parametrize(
    ("text", "question", "code", "evidence"),
    [
        (
            "voldoende finaciering vanuit de regio",
            "succesfactor",
            "succesfactor.financiering",
            "finaciering",
        ),
        ("onvoldoende budjet voor vervolg", "belemmering", "belemmering.financiering", "budjet"),
    ],
)
def test_misspellings_of_long_words_match_at_lower_confidence(
    coder: Coder, text: str, question: str, code: str, evidence: str
) -> None:
    [found] = [s for s in coder.code_text(text, question) if s.code == code]
    assert found.evidence == evidence
    assert found.confidence < 0.7
    assert "spelfout voor" in found.explanation


def test_known_short_words_are_not_taken_for_misspellings(coder: Coder) -> None:
    assert codes_of(coder, "Het beleid was onduidelijk", "belemmering") <= {
        "belemmering.besluitvorming"
    }


def test_elliptic_wel_carries_the_lack_over(coder: Coder) -> None:
    found = codes_of(
        coder, "Aan geld geen gebrek, wel aan mensen die het konden oppakken.", "belemmering"
    )
    assert found == {"belemmering.capaciteit_tijd"}


def test_praise_in_a_barrier_answer_is_no_barrier(coder: Coder) -> None:
    found = codes_of(coder, "De samenwerking was goed, maar het geld was op", "belemmering")
    assert found == {"belemmering.financiering"}


@pytest.mark.parametrize("word", ["geregeld", "bestuur", "regelmatig", "culturen"])
def test_prefixed_and_derived_words_are_not_compounds(coder: Coder, word: str) -> None:
    text = f"Het was {word}"
    assert "belemmering.financiering" not in codes_of(coder, text, "belemmering")
    assert "belemmering.capaciteit_tijd" not in codes_of(coder, text, "belemmering")
    assert "belemmering.juridisch" not in codes_of(coder, text, "belemmering")


def test_rules_can_be_limited_to_questions() -> None:
    codebook = parse_codebook(
        """
id: test
version: "1"
groups:
  - id: a
    codes:
      - id: a.x
        label: X
        patterns: [budget]
  - id: b
    codes:
      - id: b.y
        label: Y
        patterns: [tijd]
  - id: overig
    applies_to_all: true
    codes:
      - id: overig.leeg
        label: Leeg
        patterns:
          - {rule: "voldoende kennis", questions: [a]}
"""
    )
    coder = Coder(codebook)
    assert [s.code for s in coder.code_text("voldoende kennis", "a")] == ["overig.leeg"]
    assert coder.code_text("voldoende kennis", "b") == []


def test_enough_knowledge_in_house_depends_on_the_question(coder: Coder) -> None:
    assert codes_of(coder, "Voldoende kennis in huis", "kennisbehoefte") == {"overig.geen_inhoud"}
    assert codes_of(coder, "Voldoende kennis in huis", "succesfactor") == {
        "succesfactor.kennis_expertise"
    }


def test_praise_counts_before_the_mention_or_across_a_copula(coder: Coder) -> None:
    assert codes_of(coder, "Goede samenwerking en te weinig tijd", "belemmering") == {
        "belemmering.capaciteit_tijd"
    }
    assert codes_of(coder, "De samenwerking liep niet goed", "belemmering") == {
        "belemmering.samenwerking"
    }
    # An adverb elsewhere praises nothing: the missing expertise is still a barrier.
    found = codes_of(
        coder, "Ontbrekende deskundigheid om de leverancier goed te bevragen", "belemmering"
    )
    assert "belemmering.kennis" in found


def test_no_lack_of_a_topic_is_not_a_knowledge_need(coder: Coder) -> None:
    found = codes_of(
        coder, "Geen gebrek aan technische kennis, wel aan kennis over inkoop", "kennisbehoefte"
    )
    assert found == {"kennisbehoefte.inkoop"}


def test_an_exclusion_removes_the_words_it_matched_not_those_between() -> None:
    codebook = parse_codebook(
        """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.tech
        label: Tech
        patterns: [drone, technisch]
        exclude: ["drone NEAR/6 wetgeving"]
"""
    )
    coder = Coder(codebook)
    found = [s.evidence for s in coder.code_text("wetgeving, technisch en drones", "q")]
    assert found == ["technisch"]


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("Te weinig budget\u200b", "budget"),
        ("Te weinig bud\u00adget", "bud\u00adget"),
        ("\ufeffTe weinig budget", "budget"),
        ("Te weinig\x00 budget", "budget"),
    ],
)
def test_invisible_characters_do_not_hide_words(coder: Coder, text: str, evidence: str) -> None:
    [found] = coder.code_text(text, "belemmering")
    assert found.code == "belemmering.financiering"
    assert found.evidence == evidence == text[found.start : found.end]


def test_a_distance_that_is_not_a_number_is_a_rule_error() -> None:
    from textcode.codebook.rules import RuleSyntaxError, parse_rule

    with pytest.raises(RuleSyntaxError, match="whole number"):
        parse_rule("budget NEAR/x geld")


ELISION_CODEBOOK = """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.wetgeving
        label: Wetgeving
        patterns: [wetgeving]
      - id: q.stemhulp
        label: Stemhulp
        patterns: [stemwijzer]
      - id: q.jeugd
        label: Jeugdzorg
        patterns: [jeugdzorg]
      - id: q.klimaat
        label: Klimaat
        patterns: [klimaatbeleid]
      - id: q.welzijn
        label: Welzijn
        patterns: [ouderenwelzijn, zorgpremie]
"""


@pytest.mark.parametrize(
    ("text", "code", "evidence", "word"),
    [
        # The part with a hyphen shares the end of the word after "en", "of" or a comma.
        ("Wet- en regelgeving maakten het lastig", "q.wetgeving", "Wet-", "wetgeving"),
        ("Verschillende stem- en kieswijzers gaven dit aan", "q.stemhulp", "stem-", "stemwijzers"),
        ("Te weinig geld voor jeugd- of ouderenzorg", "q.jeugd", "jeugd-", "jeugdzorg"),
        ("Hun klimaat-, milieu- en energiebeleid", "q.klimaat", "klimaat-", "klimaatbeleid"),
        # A last part with a hyphen shares the start of the word before "en".
        ("Meer geld voor ouderenzorg en -welzijn", "q.welzijn", "-welzijn", "ouderenwelzijn"),
        ("De zorgverzekering en -premie stijgen", "q.welzijn", "-premie", "zorgpremie"),
    ],
)
def test_a_part_with_a_hyphen_is_read_as_the_word_it_shares_an_end_or_start_with(
    text: str, code: str, evidence: str, word: str
) -> None:
    coder = Coder(parse_codebook(ELISION_CODEBOOK))
    [found] = [s for s in coder.code_text(text, "q") if s.code == code]
    assert found.evidence == evidence
    assert f'als "{word}", samengetrokken met een woord ernaast' in found.explanation


SHARED_HEAD_CODEBOOK = """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.ww1
        label: Eerste Wereldoorlog
        patterns: ["(eerste | 1e) BEFORE/1 wereldoorlog"]
      - id: q.kamer
        label: Eerste Kamer
        patterns: ['"eerste kamer"']
      - id: q.groot
        label: Grote partij
        patterns: ["grote NEAR/1 partij"]
      - id: q.samenleving
        label: Eerlijke samenleving
        patterns: ["eerlijk* NEAR/3 samenleving"]
      - id: q.zorg
        label: Zorg
        patterns: [zorg]
      - id: q.mensen
        label: Mensen genoeg
        patterns: ["mensen NEAR/1 genoeg"]
"""


@pytest.mark.parametrize(
    ("text", "code", "evidence", "head"),
    [
        # Two modifiers share one noun: "eerste [wereldoorlog] en tweede wereldoorlog".
        ("De eerste en tweede wereldoorlog", "q.ww1", "eerste en", "wereldoorlog"),
        # A head written as two words is the word they make.
        ("eerste en tweede wereld oorlog", "q.ww1", "eerste en", "wereldoorlog"),
        ("1e en 2e wereldoorlog", "q.ww1", "1e en", "wereldoorlog"),
        # A run of modifiers with commas, and a number before the next modifier.
        ("De eerste, tweede en derde kamer", "q.kamer", "eerste,", "kamer"),
        ("Wij kiezen voor 1 grote en 1 kleine partij", "q.groot", "grote en", "partij"),
    ],
)
def test_modifiers_joined_by_en_share_the_noun_after_them(
    text: str, code: str, evidence: str, head: str
) -> None:
    coder = Coder(parse_codebook(SHARED_HEAD_CODEBOOK))
    [found] = [s for s in coder.code_text(text, "q") if s.code == code]
    assert found.evidence == evidence == text[found.start : found.end]
    assert f'met het gedeelde "{head}" erna' in found.explanation


def test_a_shared_noun_only_completes_the_modifier_before_it() -> None:
    coder = Coder(parse_codebook(SHARED_HEAD_CODEBOOK))
    found = lambda text: [(s.code, s.evidence) for s in coder.code_text(text, "q")]  # noqa: E731
    # The joiner is no hit of the noun on its own, nor the start of one.
    assert found("Goede en betaalbare zorg") == [("q.zorg", "zorg")]
    assert found("Een duurzame, inclusieve en eerlijke samenleving") == [
        ("q.samenleving", "eerlijke samenleving")
    ]
    # No modifier before the joiner, or no noun after the run: nothing is shared.
    assert found("Eerst corona en toen de tweede wereldoorlog") == []
    assert found("De eerste en de tweede") == []
    # Only an ordinal or an adjective in its form before a noun modifies: "genoeg" does not.
    assert found("Geld was er genoeg, alleen geen mensen") == []


def test_a_hyphen_part_is_still_its_own_word_and_needs_a_joiner() -> None:
    codebook = parse_codebook(
        """
id: test
version: "1"
groups:
  - id: q
    codes:
      - id: q.wet
        label: Wet
        patterns: [wet]
      - id: q.wetgeving
        label: Wetgeving
        patterns: [wetgeving]
      - id: q.onderwijs
        label: Onderwijs
        patterns: [zorgwijs]
"""
    )
    coder = Coder(codebook)
    found = lambda text: {s.code for s in coder.code_text(text, "q")}  # noqa: E731
    # "Wet-" is the word "wet" too, and "wetgeving" through the word after "en".
    assert found("Wet- en regelgeving") == {"q.wet", "q.wetgeving"}
    # Without "en", "of" or a comma between them the part stands alone.
    assert found("Wet- regelgeving") == {"q.wet"}
    # "onder" of "onderwijs" is a function word: only a part like "in-" or "voor-" shares it.
    assert found("Goede zorg- en onderwijs") == set()
