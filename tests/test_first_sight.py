"""A word form's first sight: what is decided once per form gives the same terms, lemmas and
compiled codebook as deciding it afresh.

A shouted form ("BELASTINGDIENST") shares the decision of its lower-case form unless its
capitals are an acronym of the codebook ("ICT"); lemmas are remembered per word; a term's
text is tokenised once however many rules repeat it.
"""

from __future__ import annotations

import pytest

from textcode.codebook.resolve import resolve_codebook
from textcode.coding import Coder
from textcode.coding.compiler import compile_codebook
from textcode.nlp.lexemes import LexemeTable
from textcode.nlp.lexicon import _compute_lemma, load_lexicon

SHOUTED = ["BELASTINGDIENST", "PERSONEELSTEKORT", "WETSWIJZIGING", "TIJDSDRUK", "AVG"]


def _terms(words: list[str]) -> dict[str, tuple[tuple[int, str], ...]]:
    """Each word's terms, decided in this order by a coder of its own."""
    prepared = Coder().fit()._prepare()
    return {word: prepared.compiled.terms_of(prepared.table.word(word)) for word in words}


@pytest.mark.parametrize("first", ["lower", "upper"])
def test_a_shouted_word_meets_the_terms_of_its_lower_case_form(first: str) -> None:
    lower = [word.lower() for word in SHOUTED]
    words = lower + SHOUTED if first == "lower" else SHOUTED + lower
    found = _terms(words)
    for word in SHOUTED:
        assert found[word], word
        assert found[word] == found[word.lower()], word


def test_an_acronym_of_the_codebook_keeps_its_own_reading_in_either_order() -> None:
    one = _terms(["ict", "ICT"])
    other = _terms(["ICT", "ict"])
    assert one == other
    assert "acronym" in dict(one["ICT"]).values()
    assert "acronym" not in dict(one["ict"]).values()
    coder = Coder().fit()
    assert [s.code for s in coder.code_text("Meer kennis over AI-MODELLEN", "kennisbehoefte")]


def test_shouted_answers_get_the_codes_of_the_same_answers_in_lower_case() -> None:
    coder = Coder().fit()
    texts = [
        ("De WETSWIJZIGING kwam te laat", "belemmering"),
        ("GEBREK AAN GELD EN PERSONEELSTEKORT", "belemmering"),
        ("Kennis over de AVG", "kennisbehoefte"),
    ]
    for text, question in texts:
        shouted = [s.code for s in coder.code_text(text, question)]
        assert shouted
        assert shouted == [s.code for s in coder.code_text(text.lower(), question)]


def test_remembered_lemmas_are_the_lemmas_computed_afresh() -> None:
    lexicon = load_lexicon("nl")
    words = "ideeën organisaties innovatietrajecten budgetten middelen gevallen geld het".split()
    first = [lexicon.lemma(word) for word in words]
    again = [lexicon.lemma(word) for word in words]
    assert first == again == [_compute_lemma(lexicon, word) for word in words]
    assert first[:3] == ["idee", "organisatie", "innovatietraject"]


def test_the_codebook_compiles_to_the_same_terms_and_phrases_twice() -> None:
    prepared = Coder().fit()._prepare()
    codebook = resolve_codebook(None)
    assert codebook is not None
    again = compile_codebook(codebook, prepared.nlp, LexemeTable(codebook.language))
    assert again.token_terms == prepared.compiled.token_terms
    assert again.phrases == prepared.compiled.phrases
    # A term's text is cut as the tokenizer cuts it, once however often rules repeat it.
    (design,) = {phrase.terms for phrase in again.phrases if phrase.text == "design thinking"}
    assert [again.token_terms[t].key for t in design] == ["design", "thinking"]


MISSPELT = ["toeslagn", "onderwjs", "klimat", "belastingdienstt", "zorgverzekring", "corna"]


def test_misspellings_get_the_same_corrections_on_both_paths(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textcode.coding import variants
    from textcode.coding.core import compiled_core

    if compiled_core() is None:
        pytest.skip("the compiled core is not in use")
    compiled = Coder().fit()._prepare().compiled
    alphabet = compiled.table.language.morphology.alphabet
    fast = [variants._corrections(compiled, word, alphabet) for word in MISSPELT]
    monkeypatch.setattr(variants, "compiled_core", lambda: None)
    assert fast == [variants._corrections(compiled, word, alphabet) for word in MISSPELT]
    assert "toeslag" in fast[0] and "onderwijs" in fast[1] and "klimaat" in fast[2]


def test_the_edit_filter_turns_away_no_known_word() -> None:
    from textcode.coding.core import compiled_core

    core = compiled_core()
    if core is None:
        pytest.skip("the compiled core is not in use")
    lexicon = load_lexicon("nl")
    keys = {"toeslagenaffaire": [0]}
    made = core.EditFilter(keys, lexicon.folded_words, *lexicon.word_sources())
    words = ["gemeente", "zorg", "financiën", "coordinatie", "café", "burgerparticipatie"]
    for word in [*words, "toeslagenaffaire"]:
        assert lexicon.is_word(word) or word in keys
        # One letter too many: deleting it gives the word back, which must be found known.
        known, _ = core.known_edits(
            word + "q", "q", frozenset(), 4, made, keys, lexicon.words, lexicon.folded_words
        )
        assert word in known, word


def test_a_rule_parsed_again_is_the_same_tree_and_a_bad_one_fails_each_time() -> None:
    from textcode.codebook.rules import RuleSyntaxError, parse_rule

    rule = '(tekort | gebrek) NEAR/3 (personeel | "handen aan het bed")'
    assert parse_rule(rule) == parse_rule(rule)
    for _ in range(2):
        with pytest.raises(RuleSyntaxError):
            parse_rule('tekort NEAR/3 (personeel | "handen aan het bed"')
    with pytest.raises(RuleSyntaxError):
        parse_rule(["tekort"])  # type: ignore[arg-type]
