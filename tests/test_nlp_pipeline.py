"""The Dutch pipeline: embedded default and packaged-model paths, lemmas, compounds, tokens."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from textcode.coding import Coder
from textcode.lang import get_language, languages
from textcode.nlp import (
    fold,
    lemmas,
    load_lexicon,
    load_pipeline,
    nfc_with_offsets,
    pipeline_source,
)
from textcode.nlp import pipeline as pipeline_module
from textcode.nlp.compounds import compound_terms, split_compound


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline("nl")


def test_embedded_pipeline_is_blank_dutch_with_lemmas_and_sentences(nlp: Language) -> None:
    assert pipeline_source(nlp) == "embedded"
    assert nlp.lang == "nl"
    assert nlp.pipe_names == ["textcode_lemmatizer", "sentencizer"]
    doc = nlp("Vermogen om ideeën om te zetten. Het ontbrak aan geld!")
    assert [t.lemma_ for t in doc][:3] == ["vermogen", "om", "idee"]
    assert len(list(doc.sents)) == 2


def test_abbreviations_and_slashes_tokenise_as_a_reader_expects(nlp: Language) -> None:
    doc = nlp.make_doc(
        "Kennis m.b.t. de AVG i.v.m. IM, t.a.v. besluitvorming/opdrachtgeverschap en 24/7"
    )
    words = [t.text for t in doc]
    for expected in (
        "m.b.t.",
        "AVG",
        "i.v.m.",
        "IM",
        "t.a.v.",
        "besluitvorming",
        "opdrachtgeverschap",
        "24/7",
    ):
        assert expected in words


def test_lemmas_meet_across_inflection_and_accents() -> None:
    lexicon = load_lexicon("nl")
    assert lexicon.lemma("ideeën") == "idee"
    assert lexicon.lemma("ideeen") == "idee"
    assert lexicon.lemma("organisaties") == "organisatie"
    assert lexicon.lemma("geïnitieerd") == lexicon.lemma("geinitieerd")
    assert lexicon.lemma("belemmeringen") == "belemmering"
    # Base forms are not "corrected" into something else by the noisy lookup table.
    assert lexicon.lemma("geld") == "geld"
    assert lexicon.lemma("het") == "het"
    assert fold("Ideeën") == "ideeen"
    assert lemmas("De ideeën van de ketenpartners") == ["de", "idee", "van", "de", "ketenpartner"]


@pytest.mark.parametrize(
    ("word", "term", "kind"),
    [
        ("projectbudget", "budget", "head"),
        ("innovatietrajecten", "traject", "head"),
        ("innovatietrajecten", "innovatie", "first"),
        ("ketenpartners", "partner", "head"),
        ("personeelstekort", "tekort", "head"),
        ("personeelstekort", "personeel", "first"),
        ("privacywetgeving", "privacy", "first"),
    ],
)
def test_compound_terms_use_the_word_list(word: str, term: str, kind: str) -> None:
    settings = get_language("nl").compounds
    found = compound_terms(word, {term}, load_lexicon("nl"), settings)
    assert (term, kind) in found


@pytest.mark.parametrize("word", ["altijd", "tijdens", "bijtijds", "tijdig"])
def test_look_alikes_are_not_compounds(word: str) -> None:
    settings = get_language("nl").compounds
    assert compound_terms(word, {"tijd"}, load_lexicon("nl"), settings) == []


def test_split_compound_for_features() -> None:
    settings = get_language("nl").compounds
    lexicon = load_lexicon("nl")
    assert split_compound("innovatietrajecten", lexicon, settings) == ("innovatie", "traject")
    assert split_compound("tijdsdruk", lexicon, settings) == ("tijd", "druk")
    assert split_compound("organisatie", lexicon, settings) == ("organisatie",)


def test_nfc_offsets_map_back_to_the_original() -> None:
    original = "ide\u0065\u0308\u0065n en co\u00f6rdinatie"
    normal, offsets = nfc_with_offsets(original)
    assert normal == "ideëen en coördinatie"
    assert offsets is not None
    start = normal.index("en ")
    assert original[offsets[start] : offsets[start + 2]] == "en"
    assert nfc_with_offsets("geen accenten")[1] is None


def test_language_is_a_parameter() -> None:
    assert {"nl", "en"} <= set(languages())
    english = load_pipeline("en")
    assert english.lang == "en"
    with pytest.raises(ValueError, match="available"):
        get_language("xx")


def test_packaged_model_path_is_detected_and_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A stand-in for nl_core_news_sm: a saved pipeline with its own lemmatizer and senter."""
    stand_in = spacy.blank("nl")
    stand_in.add_pipe("lemmatizer", config={"mode": "lookup"})
    stand_in.add_pipe("sentencizer")
    stand_in.initialize()
    model_dir = tmp_path / "nl_core_news_sm"
    stand_in.to_disk(model_dir)

    monkeypatch.setattr(pipeline_module, "installed_model", lambda language="nl": str(model_dir))
    nlp = load_pipeline("nl")
    assert pipeline_source(nlp) == f"model:{model_dir}"
    assert "lemmatizer" in nlp.pipe_names and "textcode_lemmatizer" not in nlp.pipe_names

    coder = Coder(nlp=nlp)
    found = {s.code for s in coder.code_text("Onvoldoende budget voor opschaling", "belemmering")}
    assert found == {"belemmering.financiering"}
    found = {
        s.code
        for s in coder.code_text(
            "Het budget was geen probleem, maar te weinig mensen", "belemmering"
        )
    }
    assert found == {"belemmering.capaciteit_tijd"}
