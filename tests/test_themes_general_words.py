"""General words: common words that stand beside every theme are left out of the associations."""

from __future__ import annotations

from textcode.analysis.associations import WordAssociations
from textcode.themes.features import FeatureExtractor
from textcode.themes.general_words import MIN_ANSWERS, general_words
from textcode.themes.space import ASSOCIATION_COMPONENTS, learn_associations

TOPICS = (
    ("het klimaat", "de natuur"),
    ("de zorg", "de ziekenhuizen"),
    ("het onderwijs", "de scholen"),
    ("de ouderen", "het pensioen"),
    ("de boeren", "de stikstof"),
    ("de woningmarkt", "de huurprijzen"),
    ("de economie", "de banen"),
    ("de vluchtelingen", "de asielzoekers"),
    ("het milieu", "het plastic"),
    ("de dieren", "de bio-industrie"),
    ("de ondernemers", "de belastingen"),
    ("de studenten", "de basisbeurs"),
)
# "partij" and "goed" stand beside every topic, never alone; "corona" is common too, but
# mostly the whole answer; "tweede wereldoorlog" always stands beside the same words.
ANSWERS = (
    [
        answer
        for topic, companion in TOPICS
        for answer in (
            [topic] * 10
            + [f"{topic} en {companion}"] * 3
            + [f"de partij van {topic}"] * 6
            + [f"goede plannen voor {companion}"] * 4
            + [f"de beste partij voor {topic}"]
            + [f"{topic} en corona"] * 2
        )
    ]
    + ["corona"] * 150
    + ["de tweede wereldoorlog"] * 80
)


def features(texts: list[str]) -> list[tuple[tuple[str, ...], ...]]:
    return [f.words for f in FeatureExtractor("nl").extract_many(texts)]


def test_words_beside_every_theme_are_general_a_theme_of_its_own_is_not() -> None:
    words = features(ANSWERS)
    assert len(words) >= MIN_ANSWERS
    found = general_words(words)
    assert found == {"partij", "goed"}
    # The same answers in another order: the same words (exact sums).
    assert general_words(words[::-1]) == found


def test_too_few_answers_say_nothing_general() -> None:
    words = features(ANSWERS)[::2]
    assert len(words) < MIN_ANSWERS
    assert general_words(words) == frozenset()


def test_the_associations_are_learned_without_the_general_words() -> None:
    extracted = FeatureExtractor("nl").extract_many([*ANSWERS, *["het partijprogramma"] * 2])
    associations = learn_associations(extracted)
    assert associations is not None
    assert "klimaat" in associations and "corona" in associations
    # Neither on its own nor as a compound's part ("partijprogramma": "programma" stays).
    assert "partij" not in associations and "goed" not in associations
    assert "programma" in associations
    texts = ["de beste partij voor de zorg", "de zorg", "het klimaat"]
    vectors = associations.answer_vectors(features(texts))
    # The answer is its topic: the party and the praise no longer pull it towards the others.
    assert vectors[0] @ vectors[1] > 0.99 > vectors[0] @ vectors[2]
    everything = WordAssociations(n_components=ASSOCIATION_COMPONENTS).fit(
        [f.words for f in extracted]
    )
    kept = everything.answer_vectors(features(texts))
    assert kept[0] @ kept[1] < 0.9
