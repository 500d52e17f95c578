"""Dictionary formats: quanteda YAML, LIWC .dic, WordStat .cat, Lexicoder .lc3 -> codebook."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from textcode.cli import main
from textcode.codebook import dump_codebook, load_codebook, parse_codebook
from textcode.errors import InputError
from textcode.interop.dictionaries import (
    codebook_to_quanteda,
    entry_to_rule,
    read_dictionary,
    rule_to_entries,
)

DATA = Path(__file__).parent / "data" / "interop"


def rules(codebook, code_id):  # type: ignore[no-untyped-def]
    return [p.rule for p in codebook.code(code_id).patterns]


def assert_valid(codebook) -> None:  # type: ignore[no-untyped-def]
    # The codebook validator must accept what an import produces, and read it back unchanged.
    assert parse_codebook(dump_codebook(codebook)) == codebook


def test_entries_translate_to_rules_with_dictionary_semantics() -> None:
    assert entry_to_rule("geld", literal=True) == "=geld"  # a word form, not a lemma
    assert entry_to_rule("Financier*", literal=True) == "financier*"
    assert entry_to_rule("gebrek aan geld*", literal=True) == "=gebrek =aan geld*"
    assert entry_to_rule("wet?", literal=True) == "wet?"
    assert entry_to_rule(":(", literal=True) == r"/^:\($/"
    assert entry_to_rule("@home") == "/^@home$/"


def test_entries_translate_to_textcode_terms_by_default() -> None:
    assert entry_to_rule("Plicht") == "plicht"  # a word: lemma, inflection, compounds
    assert entry_to_rule("financier*") == "financier*"
    assert entry_to_rule("stem laten horen") == "stem NEXT/2 laten NEXT/2 horen"
    assert rule_to_entries("stem NEXT/2 laten NEXT/2 horen") == ["stem laten horen"]
    assert rule_to_entries(r"/^:\($/") == [":("]
    assert rule_to_entries("=gebrek =aan geld* | budget") == ["gebrek aan geld*", "budget"]
    assert rule_to_entries("geld NEAR/3 tekort") is None
    assert rule_to_entries("/scep(sis|tisch)/") is None


def test_quanteda_yaml_nesting_becomes_groups_and_codes() -> None:
    result = read_dictionary(DATA / "crisis_nl.yml", literal=True)
    book = result.codebook
    assert result.format == "quanteda" and result.warnings == ()
    assert [g.id for g in book.groups] == ["belemmering", "succesfactor", "crisis_nl"]
    assert all(g.applies_to_all for g in book.groups)
    assert rules(book, "belemmering.financiering") == [
        "=geld",
        "budget*",
        "financier*",
        "=gebrek =aan =middelen",
    ]
    assert rules(book, "succesfactor.samenwerking")[-1] == "=ideeën"
    assert book.code("crisis_nl.geen_inhoud").label == "geen_inhoud"
    assert_valid(book)


def test_quanteda_round_trip_keeps_every_category_and_entry() -> None:
    original = yaml.safe_load((DATA / "crisis_nl.yml").read_text(encoding="utf-8"))
    text, warnings = codebook_to_quanteda(
        read_dictionary(DATA / "crisis_nl.yml", literal=True).codebook
    )
    exported = yaml.safe_load(text)
    assert warnings == []
    assert exported["belemmering"] == original["belemmering"]
    assert exported["succesfactor"] == original["succesfactor"]
    # Top-level categories without levels sit in the group named after the file.
    assert exported["crisis_nl"] == {"geen_inhoud": original["geen_inhoud"]}


def test_liwc_dic_windows_file_with_shared_entries() -> None:
    # Windows-1252 with CRLF, as LIWC writes it; "geïrriteerd" must survive the decoding.
    assert b"\r\n" in (DATA / "emotie_nl.dic").read_bytes()
    book = read_dictionary(DATA / "emotie_nl.dic", literal=True).codebook
    assert [c.id for c in book.codes] == [
        "emotie_nl.positief",
        "emotie_nl.negatief",
        "emotie_nl.angst",
        "emotie_nl.boosheid",
    ]
    assert "=geïrriteerd" in rules(book, "emotie_nl.boosheid")
    assert "=geïrriteerd" in rules(book, "emotie_nl.negatief")  # one entry, two categories
    assert rules(book, "emotie_nl.angst") == ["=bang", "=zorgen", "onzeker*"]
    assert rules(book, "emotie_nl.negatief")[-1] == r"/^:\($/"
    assert book.code("emotie_nl.angst").description == "LIWC-categorie 3"
    assert_valid(book)


def test_liwc_errors_and_conditional_entries(tmp_path: Path) -> None:
    bad = tmp_path / "fout.dic"
    bad.write_text("%\n1\tpositief\n%\nblij*\t1\nboos\t7\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"fout.dic, line 5: .*category 7") as info:
        read_dictionary(bad)
    assert info.value.line == 5
    conditional = tmp_path / "liwc2007.dic"
    conditional.write_text("%\n1\tfunctie\n2\tpositief\n%\nzoals\t1\t2/1[3]\n", encoding="utf-8")
    result = read_dictionary(conditional, literal=True)
    assert any("conditional category '2/1[3]'" in w for w in result.warnings)
    assert rules(result.codebook, "liwc2007.functie") == ["=zoals"]


def test_wordstat_weights_become_confidences() -> None:
    book = read_dictionary(DATA / "belemmeringen_nl.cat", literal=True).codebook
    assert [g.id for g in book.groups] == ["belemmeringen", "succesfactoren"]
    financieel = book.code("belemmeringen.financieel")
    assert financieel.label == "FINANCIEEL"
    assert [(p.rule, p.confidence) for p in financieel.patterns] == [
        ("budget*", pytest.approx(2 / 3, abs=1e-6)),
        ("=gebrek =aan =geld", 1.0),
        ("subsidie*", pytest.approx(1 / 3, abs=1e-6)),
        ("=geen =dekking", 1.0),
    ]
    assert rules(book, "belemmeringen.juridisch")[0] == "=avg"  # matching ignores case
    assert "gewicht / 3" in book.description
    assert_valid(book)


def test_a_dictionary_saved_as_unicode_reads_as_saved_in_utf8(tmp_path: Path) -> None:
    """WordStat and LIWC save "Unicode" files as UTF-16: they were read as Windows-1252, so
    every letter became a code of its own ('b_u_d_g_e_t') and none had a rule."""
    text = (DATA / "belemmeringen_nl.cat").read_bytes().decode("utf-8")
    expected = read_dictionary(DATA / "belemmeringen_nl.cat", literal=True).codebook
    for encoding in ("utf-16", "utf-16-le"):
        path = tmp_path / f"belemmeringen_{encoding}.cat"
        path.write_bytes(text.encode(encoding))
        book = read_dictionary(path, literal=True, codebook_id=expected.id).codebook
        assert [c.id for c in book.codes] == [c.id for c in expected.codes]
        assert rules(book, "belemmeringen.financieel") == rules(
            expected, "belemmeringen.financieel"
        )


def test_a_category_with_no_entry_to_match_is_left_out_with_a_warning(tmp_path: Path) -> None:
    """An imported code without rules failed `codebook check`; a dictionary with no usable
    entry at all is one error, not a codebook that fails."""
    path = tmp_path / "woordenboek.yml"
    path.write_text("geld:\n  - ''\n  - '*'\ntijd:\n  - tijdgebrek\n", encoding="utf-8")
    imported = read_dictionary(path)
    assert [c.label for c in imported.codebook.codes] == ["tijd"]
    assert any("'geld' left out" in w for w in imported.warnings)
    path.write_text("geld:\n  - ''\n  - '*'\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"woordenboek\.yml: no category has an entry to match"):
        read_dictionary(path)


def test_wordstat_rejects_weights_that_cannot_be_confidences(tmp_path: Path) -> None:
    path = tmp_path / "negatief.cat"
    path.write_text("SENTIMENT\n\tSLECHT (-1)\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2") as info:
        read_dictionary(path)
    assert "positive weights" in str(info.value)


def test_lexicoder_categories_and_errors(tmp_path: Path) -> None:
    book = read_dictionary(DATA / "sentiment_nl.lc3", literal=True).codebook
    assert [c.id for c in book.codes] == ["sentiment_nl.negatief", "sentiment_nl.positief"]
    assert rules(book, "sentiment_nl.negatief") == [
        "belemmer*",
        "=gebrek =aan",
        "=moeizaam",
        "=traag",
        "versnipper*",
    ]
    assert_valid(book)
    orphan = tmp_path / "zonder.lc3"
    orphan.write_text("goed\n+positief\nsterk\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"zonder\.lc3, line 1"):
        read_dictionary(orphan)


def test_export_of_a_textcode_codebook_reports_what_quanteda_cannot_hold() -> None:
    book = load_codebook(DATA / "codebook_nl.yaml")
    text, warnings = codebook_to_quanteda(book)
    data = yaml.safe_load(text)
    assert data["belemmering"]["financiering"] == [
        "gebrek aan geld",
        "budget",
        "financiering",
    ]
    assert data["kennisbehoefte"]["juridisch"] == ["juridisch*", "AVG"]
    assert data["overig"]["geen_inhoud"] == ["nvt", "weet niet"]
    joined = "\n".join(warnings)
    assert "'wet NEAR/3 regelgeving' has no dictionary equivalent" in joined
    assert "'/drone(s)?/' has no dictionary equivalent" in joined
    assert "'geld NOT NEAR/3 voldoende' has no dictionary equivalent" in joined
    assert "lemma word(s)" in joined


def test_imported_dictionary_codes_dutch_answers() -> None:
    import textcode.coding as coding

    book = read_dictionary(DATA / "emotie_nl.dic").codebook
    found = coding.Coder(book).code_text(
        "Ik ben geïrriteerd en bang :( maar ook blij met het resultaat", question="evaluatie"
    )
    by_code = {(s.code, s.evidence) for s in found}
    assert ("emotie_nl.boosheid", "geïrriteerd") in by_code
    assert ("emotie_nl.angst", "bang") in by_code
    assert ("emotie_nl.negatief", ":(") in by_code
    assert ("emotie_nl.positief", "blij") in by_code
    assert not any(code == "emotie_nl.positief" and ev == "bang" for code, ev in by_code)


QUANTEDA_NL = """
plicht:
  - plicht
stem:
  - stem laten horen
  - stem verloren
rechten:
  - recht
partijen:
  - vvd
toeslagen:
  - toeslag*
prestatie:
  - goed gedaan
mening:
  - mijn mening
oorlog:
  - wo2
"""


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[object, object]:
    path = tmp_path_factory.mktemp("dict") / "burger.yml"
    path.write_text(QUANTEDA_NL, encoding="utf-8")
    return read_dictionary(path).codebook, read_dictionary(path, literal=True).codebook


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Stemmen is een burgerplicht", "burger.plicht"),
        ("Om mijn stem te laten horen", "burger.stem"),
        ("zodat mijn stem niet verloren gaat", "burger.stem"),
        ("Voor gelijke rechten", "burger.rechten"),
        ("De kinderopvangtoeslag", "burger.toeslagen"),
        # An auxiliary of a verb-last clause, and "eigen" after a possessive, are light words.
        ("Ik vind dat Rutte het goed heeft gedaan", "burger.prestatie"),
        ("Het ligt het dichtst bij mijn eigen mening", "burger.mening"),
        ("Wat opa over WO twee vertelde", "burger.oorlog"),  # a numbered acronym apart
    ],
)
def test_imported_entries_use_the_language_and_literal_keeps_quanteda(
    imported: tuple[object, object], text: str, code: str
) -> None:
    coding = pytest.importorskip("textcode.coding")
    default, literal = imported
    assert code in {s.code for s in coding.Coder(default).code_text(text, "q")}
    assert code not in {s.code for s in coding.Coder(literal).code_text(text, "q")}


def test_imported_codebook_codes_topics_and_passes_check(imported: tuple[object, object]) -> None:
    from textcode.coding.check import check_codebook

    default, _ = imported
    assert {g.kind for g in default.groups} == {"topics"}
    assert "woordenboek burger" in default.imported_from
    assert rules(default, "burger.partijen") == ["=vvd"]  # an abbreviation stays as written
    report = check_codebook(default)
    assert report.ok and not report.problems
    assert any("examples are optional for imported codes" in n for n in report.notes)
    assert_valid(default)


@pytest.mark.parametrize(
    ("name", "text", "place"),
    [
        ("emotie.dic", "%\n1\tgeld\n%\nbudg\x00et*\t1\n", "line 4, field 'entry'"),
        ("emotie.cat", "FINANCIERING\n\tgeen budg\x07et (1)\n", "line 2, field 'entry'"),
        ("emotie.lc3", "+financ\x00iering\nbudget\n", "line 1, field 'category'"),
    ],
)
def test_a_control_character_in_a_dictionary_is_refused_where_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, place: str
) -> None:
    source = tmp_path / name
    source.write_text(text, encoding="utf-8")
    out = tmp_path / "codeboek.yaml"
    assert main(["import", "codebook", str(source), "--out", str(out)]) == 2
    error = capsys.readouterr().err.strip()
    assert "\n" not in error and f"{source}, {place}" in error and "control character" in error
    assert not out.exists()
