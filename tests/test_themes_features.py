"""Features for theme finding: Dutch lemmas, compounds split into parts, no stop words."""

from __future__ import annotations

import numpy as np
import pytest

from textcode.themes.features import FeatureExtractor, is_family, term_matrix


@pytest.fixture(scope="module")
def extractor() -> FeatureExtractor:
    return FeatureExtractor("nl")


def terms(extractor: FeatureExtractor, text: str) -> dict[str, float]:
    return dict(extractor.extract(text).terms)


def test_compound_spellings_share_their_parts(extractor: FeatureExtractor) -> None:
    one = terms(extractor, "De toeslagenaffaire")
    two = terms(extractor, "toeslagen affaire")
    three = terms(extractor, "de toeslagaffaire")
    for found in (one, two, three):
        assert found["toeslag"] == 1.0
        assert found["affaire"] == 1.0
    # The whole compound is kept, weaker, so identical compounds are closest.
    assert one["toeslagenaffaire"] == 0.5
    assert "toeslagenaffaire" in extractor.extract("De toeslagenaffaire").lemmas


def test_words_that_only_look_like_compounds_stay_whole(extractor: FeatureExtractor) -> None:
    assert set(terms(extractor, "belasting")) == {"belasting"}  # not "belas" + "ting"
    assert "persoon" not in terms(extractor, "persoonlijke problemen")  # adjective


def test_country_names_are_not_split_into_an_old_word_and_land(
    extractor: FeatureExtractor,
) -> None:
    # "Nederland" is no "neder" + "land": split, it shared "land" with "het land" and
    # "landbouw" and pulled answers about the Netherlands into other themes.
    assert set(terms(extractor, "Nederland moet vooruit")) >= {"nederland"}
    for text in ("Nederland", "Nederlanders eerst", "buitenlanders", "Duitsland"):
        found = terms(extractor, text)
        assert not {"neder", "land", "lander", "buit", "duit"} & set(found), (text, found)
    assert {"land", "bouw"} <= set(terms(extractor, "de landbouw"))  # real compounds still split


def test_stop_words_fillers_and_echoes_of_the_question_are_left_out(
    extractor: FeatureExtractor,
) -> None:
    assert set(terms(extractor, "Het ging vooral over de corona")) == {"corona"}
    assert set(terms(extractor, "Wat mij is opgevallen: de avondklok")) >= {"avondklok", "avond"}
    assert "opvallen" not in terms(extractor, "Wat mij is opgevallen: de avondklok")


@pytest.mark.parametrize(
    "text", ["", "   ", "nvt", "n.v.t.", "Nee", "weet ik niet", "xxxxxx", "cxzxzcz", "-", "?"]
)
def test_non_answers_have_no_features(extractor: FeatureExtractor, text: str) -> None:
    assert not extractor.extract(text).substantive


@pytest.mark.parametrize("text", ["VVD", "Rutte", "klimaat", "Geld"])
def test_one_word_answers_are_substantive(extractor: FeatureExtractor, text: str) -> None:
    assert extractor.extract(text).substantive


def test_names_in_personal_data_never_become_labels() -> None:
    text = "Bel Petra de Vries over het budget"
    redacting = FeatureExtractor("nl", redact=True).extract(text)
    assert "petra" not in redacting.lemmas and "budget" in redacting.lemmas
    assert "petra" in redacting.private
    assert "petra" in dict(redacting.terms)  # it still counts for clustering
    plain = FeatureExtractor("nl", redact=False).extract(text)
    assert "petra" in plain.lemmas and not plain.private


def test_term_matrix_is_sorted_unit_and_drops_rare_terms(extractor: FeatureExtractor) -> None:
    features = extractor.extract_many(["corona", "corona crisis", "klimaat", "corona"])
    matrix = term_matrix(features)
    assert list(matrix.vocabulary) == sorted(matrix.vocabulary)
    norms = np.asarray(matrix.tfidf.multiply(matrix.tfidf).sum(axis=1)).ravel()
    assert np.allclose(norms, 1.0)
    pruned = term_matrix(features, min_df=2)
    assert pruned.vocabulary == ("corona",)
    assert pruned.tfidf[2].nnz == 0  # "klimaat" occurs once: the row is empty


def test_new_answers_transform_into_the_same_space(extractor: FeatureExtractor) -> None:
    matrix = term_matrix(extractor.extract_many(["corona crisis", "klimaat beleid"]))
    again = matrix.transform(extractor.extract_many(["corona crisis", "iets onbekends"]))
    assert abs((again[0] - matrix.tfidf[0]).sum()) < 1e-12
    assert again[1].nnz == 0


def test_separable_verbs_are_joined_with_their_particle(extractor: FeatureExtractor) -> None:
    # The particle ends the clause or a preposition follows it: "spreekt ... aan" is one verb.
    assert "aanspreken" in terms(extractor, "Het programma spreekt mij het meest aan")
    assert "aanspreken" in terms(extractor, "De partij spreekt me aan, de rest niet")
    assert "aansluiten" in terms(extractor, "Sluit het beste aan bij mijn ideeën")
    assert set(terms(extractor, "Hun mening komt overeen met de mijne")) == {
        "mening",
        "overeenkomen",
        "~standpunt",
        "~instemming",
    }
    assert "opkomen" in terms(extractor, "Omdat ze opkomen voor ouderen")
    assert "opkomen" in terms(extractor, "Ze komen op voor de ouderen")
    # A preposition before its noun phrase is no particle: "past bij mij" is "passen".
    assert set(terms(extractor, "Het past bij mij")) == {"passen", "~instemming"}
    assert "spreken" in terms(extractor, "Ik spreek aan het eind")  # no particle: "aan het"


def test_a_reflexive_verb_with_its_preposition_is_one_verb(extractor: FeatureExtractor) -> None:
    # "zich vinden in" agrees, though "vinden" alone is a stop word ("ik vind het goed").
    assert set(terms(extractor, "Kan ik me in vinden")) == {"instemmen", "~instemming"}
    assert "~instemming" in terms(extractor, "Standpunten waar ik mij in kan vinden")
    assert "~instemming" in terms(extractor, "Kon me in hun ideeën vinden")
    # Without a reflexive pronoun "vinden" and "in" stay what they were ("ons" is "our").
    found = extractor.extract("Ik vind het in alles een goede partij voor ons land")
    assert found.lemmas == ("goed", "partij", "land")
    assert "instemmen" not in terms(extractor, "Ik vind dat in de zorg te weinig gebeurt")
    # The pronoun must stand in the clause of the verb: "Ik vind hem eerlijk" and "me" there
    # are two clauses.
    assert "instemmen" not in terms(extractor, "Ik vind het eerlijk, in het debat viel hij me op")


def test_words_of_a_stance_count_although_stop_lists_have_them(
    extractor: FeatureExtractor,
) -> None:
    assert extractor.extract("Ik ben het eens met hun ideeën").lemmas == ("eens", "idee")
    assert "altijd" in terms(extractor, "Ik stem altijd op deze partij")
    assert not extractor.extract("geen idee").substantive  # the singular stays a filler


def test_forms_the_tables_read_as_other_words_get_the_lemma_answers_mean(
    extractor: FeatureExtractor,
) -> None:
    # The tables know "vertrouw" and "gestemd" as words of their own and "punten" as a verb;
    # in an answer they are forms of "vertrouwen", "stemmen" and "punt". "Geert" is a name.
    assert "vertrouwen" in terms(extractor, "Ik vertrouw die mensen")
    assert "stemmen" in terms(extractor, "Heb altijd op hen gestemd")
    assert "punt" in terms(extractor, "De punten van hun programma")
    assert "geert" in terms(extractor, "Geert Wilders")
    # "stond" is the past of "staan", so "stond mij aan" is "aanstaan".
    assert "aanstaan" in terms(extractor, "Het stond mij wel aan")


def test_words_of_one_family_meet_through_its_name(extractor: FeatureExtractor) -> None:
    # "past bij mij", "spreekt me aan" and "ben het eens" share no word but say one thing:
    # agreeing. Standpoints, programmes and ideas are another family.
    agree = [terms(extractor, t) for t in ("Past bij mij", "Spreekt me aan", "Ben het eens")]
    assert all(is_family("~instemming") and "~instemming" in t for t in agree)
    assert "~standpunt" in terms(extractor, "Het verkiezingsprogramma")
    assert "~standpunt" in terms(extractor, "Goede standpunten")
    assert not any(is_family(t) for t in terms(extractor, "Vanwege het klimaat"))
    # A word derived from a family's word is in the family, by the coder's derivations:
    # "aansprekend" and "passend" agree as "aanspreken" and "passen" do.
    assert "~instemming" in terms(extractor, "Een aansprekend verhaal")
    assert "~instemming" in terms(extractor, "Passend bij wat ik wil")
    assert "~instemming" in terms(extractor, "Het stond mij wel aan")
    assert not any(is_family(t) for t in terms(extractor, "Een spannende verkiezing"))
    # The family's name is never a lemma: labels and proposed patterns stay words.
    assert extractor.extract("Past bij mij").lemmas == ("passen",)
