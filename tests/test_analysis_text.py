"""Keyword in context, keyness and insight sentences on real Dutch answers."""

from __future__ import annotations

import pandas as pd
import pytest
from hostile.harness import run_limited

from textcode.analysis import (
    Share,
    content_lemmas,
    keyness,
    kwic,
    kwic_summary,
    make_insight,
    render,
)
from textcode.analysis.insights import Insights, compare_insight
from textcode.nlp import lemma_tokens
from textcode.records import SUGGESTION_FIELDS

TEXTS = {
    "r1": "Het budget was geen probleem, maar er waren te weinig mensen voor het project.",
    "r2": "Bel Ester Willemsen op 06-12345678 over het projectbudget en de innovatietrajecten.",
    "r3": "Innovatie vraagt tijd; de innovatie van processen liep vast.",
}


def _answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": list(TEXTS),
            "question": ["belemmering"] * 3,
            "text": list(TEXTS.values()),
            "organisatietype": ["Veiligheidsregio", "Vitale infrastructuur", "Veiligheidsregio"],
        }
    )


def _suggestion(rid: str, code: str, evidence: str, rule: int) -> dict[str, object]:
    start = TEXTS[rid].index(evidence)
    return {
        "suggestion_id": f"{rid}{rule}",
        "response_id": rid,
        "question": "belemmering",
        "code": code,
        "start": start,
        "end": start + len(evidence),
        "evidence": evidence,
        "rule": f"{code}#{rule}",
        "confidence": 0.8,
        "negated": code == "belemmering.capaciteit_tijd",
        "explanation": "",
    }


def _suggestions() -> pd.DataFrame:
    rows = [
        _suggestion("r1", "belemmering.capaciteit_tijd", "te weinig mensen", 2),
        _suggestion("r2", "belemmering.financiering", "projectbudget", 3),
        _suggestion("r3", "belemmering.capaciteit_tijd", "tijd", 1),
    ]
    return pd.DataFrame(rows, columns=list(SUGGESTION_FIELDS))


def test_kwic_per_code_and_rule_with_context() -> None:
    hits = kwic(_answers(), _suggestions(), code="belemmering.capaciteit_tijd", window=3)
    assert list(hits["rule"]) == ["belemmering.capaciteit_tijd#1", "belemmering.capaciteit_tijd#2"]
    first = hits.iloc[1]
    assert first["keyword"] == "te weinig mensen"
    assert first["left"] == "… maar er waren"
    assert first["right"] == "voor het project."
    assert bool(first["negated"])
    summary = kwic_summary(hits)
    assert summary["hits"].sum() == 2


def test_kwic_group_selects_all_codes_and_rule_narrows() -> None:
    assert len(kwic(_answers(), _suggestions(), code="belemmering")) == 3
    assert len(kwic(_answers(), _suggestions(), rule="belemmering.financiering#3")) == 1


def test_kwic_is_redacted_and_keeps_the_keyword() -> None:
    hits = kwic(_answers(), _suggestions(), code="belemmering.financiering", window=10)
    row = hits.iloc[0]
    assert row["keyword"] == "projectbudget"
    assert "06-12345678" not in row["left"] and "Willemsen" not in row["left"]
    assert "[TELEFOON]" in row["left"]
    plain = kwic(_answers(), _suggestions(), code="belemmering.financiering", redact=False)
    assert "06-12345678" in plain.iloc[0]["left"]


def test_kwic_by_lemma_finds_inflections_and_compounds() -> None:
    hits = kwic(_answers(), term="innovatie", window=2)
    assert set(hits["keyword"]) == {"Innovatie", "innovatie", "innovatietrajecten"}
    assert set(hits["response_id"]) == {"r2", "r3"}
    budget = kwic(_answers(), term="budget")
    assert set(budget["keyword"]) == {"budget", "projectbudget"}


def test_kwic_needs_a_selector() -> None:
    with pytest.raises(ValueError, match="code, a rule or a term"):
        kwic(_answers(), _suggestions())


def test_content_lemmas_drop_stop_words() -> None:
    lemmas = content_lemmas("Er waren te weinig mensen voor de projecten")
    assert "project" in lemmas
    assert "de" not in lemmas and "voor" not in lemmas
    assert "traject" in content_lemmas("innovatietrajecten", compounds=True)


def test_keyness_finds_the_words_of_a_group() -> None:
    rows = []
    for i in range(20):
        rows.append(
            (f"v{i}", "Veiligheidsregio", "Brandweer en meldkamer werken samen bij de brand")
        )
        rows.append(
            (f"n{i}", "Vitale infrastructuur", "Storing in het gasnet en het elektriciteitsnet")
        )
    answers = pd.DataFrame(rows, columns=["response_id", "organisatietype", "text"])
    answers["question"] = "kennisbehoefte"
    table = keyness(answers, "organisatietype", min_count=3)
    vital = table[table["group"] == "Vitale infrastructuur"]
    assert "storing" in set(vital["lemma"])
    assert "brandweer" not in set(vital["lemma"])
    top = table[table["group"] == "Veiligheidsregio"].set_index("lemma").loc["meldkamer"]
    assert top["count"] == 20 and top["count_rest"] == 0
    assert top["chi2"] > 5 and top["p_value"] < 0.05
    assert len(top["response_ids"]) == 20
    # Compounds stay whole ("brandweer" is no "brand" too), unless parts are asked for.
    counts = table.set_index(["group", "lemma"])["count"]
    assert counts[("Veiligheidsregio", "brand")] == 20
    assert counts[("Veiligheidsregio", "brandweer")] == 20
    parts = keyness(answers, "organisatietype", min_count=3, compounds=True)
    assert parts.set_index(["group", "lemma"]).loc[("Veiligheidsregio", "brand"), "count"] == 40


def test_render_fills_placeholders_and_capitalises() -> None:
    share = Share(18, 25, ("v1",))
    text = render("{quant_np} denkt voldoende kennis te hebben.", share, noun="organisaties")
    assert text == "Bijna driekwart van de organisaties denkt voldoende kennis te hebben."
    assert render("{n_word} op {N}: {pct}", Share(1, 12)) == "Eén op 12: 8%"
    assert (
        render("Juridisch in {bound} van de projecten.", Share(25, 89), bound=0.25)
        == "Juridisch in meer dan een kwart van de projecten."
    )
    with pytest.raises(ValueError, match="onbekend"):
        render("{onbekend}", share)
    with pytest.raises(ValueError, match="bound"):
        render("{bound}", share)


def test_insight_carries_numbers_and_ids() -> None:
    insight = make_insight(
        "k",
        "{quant_np} geeft aan hiervoor niet voldoende kennis in huis te hebben.",
        Share(5, 25, ("v08", "v13", "v16", "v21", "v24")),
        noun="organisaties",
        unit="respondent",
    )
    assert insight.text == (
        "Eén op de vijf organisaties geeft aan hiervoor niet voldoende kennis in huis te "
        "hebben (5 van 25, 20%)."
    )
    assert (insight.n, insight.base, insight.share) == (5, 25, 0.2)
    assert insight.ids[0] == "v08"
    other = make_insight("j", "{quant_np} wel.", Share(23, 24), noun="deelnemers")
    both = compare_insight("c", "Eigen ({pct1}) tegen keten ({pct2}).", other, insight)
    assert both.text == "Eigen (96%) tegen keten (20%) (23 van 24; 5 van 25)."
    frame = Insights([insight, other]).to_frame()
    assert list(frame["percent"]) == ["20%", "96%"]
    assert "v08 v13" in frame["ids"].iloc[0]
    assert Insights([insight]).get("k") is insight


def test_kwic_checks_its_filters_against_the_codebook() -> None:
    from textcode.codebook import load_codebook
    from textcode.errors import InputError

    book = load_codebook()
    with pytest.raises(InputError, match=r"belemmering\.nope") as caught:
        kwic(_answers(), _suggestions(), code="belemmering.nope", codebook=book)
    assert caught.value.field == "code"
    with pytest.raises(InputError, match="'nope'") as caught:
        kwic(_answers(), _suggestions(), rule="nope", codebook=book)
    assert caught.value.field == "rule"
    with pytest.raises(InputError, match="not a rule of") as caught:
        kwic(
            _answers(),
            _suggestions(),
            code="belemmering.financiering",
            rule="belemmering.capaciteit_tijd#2",
            codebook=book,
        )
    with pytest.raises(InputError, match="nope") as caught:
        kwic(_answers(), _suggestions(), code="belemmering", question="nope", codebook=book)
    assert caught.value.field == "question"
    # An alias of the question is its group; a group id selects all its codes.
    aliased = kwic(
        _answers(), _suggestions(), code="belemmering", question="belemmering_overig", codebook=book
    )
    assert len(aliased) == 3
    assert len(kwic(_answers(), term="budget", question="belemmeringen", codebook=book)) == 2


def _kwic_of_a_long_answer() -> tuple[int, list[object]]:
    one = TEXTS["r1"] + " "
    text = one * 13_000  # a million characters
    at = one.index("te weinig mensen")
    rows = [
        {
            **_suggestion("r1", "belemmering.capaciteit_tijd", "te weinig mensen", 2),
            "suggestion_id": f"r1-{n}",
            "start": n * len(one) + at,
            "end": n * len(one) + at + len("te weinig mensen"),
        }
        for n in range(0, 13_000, 3)
    ]
    answers = pd.DataFrame({"response_id": ["r1"], "question": ["belemmering"], "text": [text]})
    suggestions = pd.DataFrame(rows, columns=list(SUGGESTION_FIELDS))
    hits = kwic(answers, suggestions, code="belemmering.capaciteit_tijd", redact=False)
    return len(hits), hits.loc[5, ["left", "keyword", "right"]].tolist()


def test_thousands_of_hits_in_a_long_answer_read_only_their_context() -> None:
    # Each hit split the whole answer for its context: hours for a million characters.
    count, row = run_limited(_kwic_of_a_long_answer, seconds=20)
    assert count == 4334
    assert row == [
        "… geen probleem, maar er waren",
        "te weinig mensen",
        "voor het project. Het budget …",
    ]


def test_an_answer_over_a_million_characters_gets_its_lemmas() -> None:
    # spaCy refuses a text over nlp.max_length (a million); the readers accept two million.
    text = "Te weinig budget voor innovatie." + " " * 1_000_000
    tokens = next(lemma_tokens([text]))
    assert [t.lemma for t in tokens if t.word] == ["te", "weinig", "budget", "voor", "innovatie"]
