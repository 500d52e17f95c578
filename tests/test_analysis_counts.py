"""Counting coded answers on hand-made suggestion tables (contract columns), real Dutch text."""

from __future__ import annotations

import pandas as pd
import pytest

from textcode.analysis import (
    answer_status,
    closed_counts,
    code_frequencies,
    codes_per_answer,
    cooccurrence,
    cooccurrence_pairs,
    rows_table,
    share_of,
)
from textcode.records import SUGGESTION_FIELDS, suggestion_id

ANSWERS = [
    # response, question, text, respondent, type
    ("p1", "belemmering", "Te weinig tijd en geen budget", "v1", "Veiligheidsregio"),
    ("p2", "belemmering", "Geld", "v1", "Veiligheidsregio"),
    ("p3", "belemmering", "n.v.t.", "v2", "Vitale infrastructuur"),
    ("p4", "belemmering", "", "v2", "Vitale infrastructuur"),
    ("p5", "belemmering", "Privacywetgeving en te weinig capaciteit", "v3", "Politie"),
    ("p1", "kennisbehoefte", "Kennis over aanbesteden", "v1", "Veiligheidsregio"),
    ("p3", "kennisbehoefte", "Geen", "v2", "Vitale infrastructuur"),
    ("p5", "kennisbehoefte", "", "v3", "Politie"),
]


def _answers() -> pd.DataFrame:
    return pd.DataFrame(
        ANSWERS, columns=["response_id", "question", "text", "vragenlijst_id", "organisatietype"]
    )


def _suggestion(response_id: str, question: str, code: str, evidence: str) -> dict[str, object]:
    text = next(t for r, q, t, *_ in ANSWERS if r == response_id and q == question)
    start = text.index(evidence)
    end = start + len(evidence)
    return {
        "suggestion_id": suggestion_id(response_id, question, code, start, end),
        "response_id": response_id,
        "question": question,
        "code": code,
        "start": start,
        "end": end,
        "evidence": evidence,
        "rule": f"{code}#1",
        "confidence": 0.9,
        "negated": False,
        "explanation": "test",
    }


def _suggestions() -> pd.DataFrame:
    rows = [
        _suggestion("p1", "belemmering", "belemmering.capaciteit_tijd", "weinig tijd"),
        _suggestion("p1", "belemmering", "belemmering.financiering", "geen budget"),
        _suggestion("p2", "belemmering", "belemmering.financiering", "Geld"),
        _suggestion("p3", "belemmering", "overig.geen_inhoud", "n.v.t."),
        _suggestion("p5", "belemmering", "belemmering.juridisch", "Privacywetgeving"),
        _suggestion("p5", "belemmering", "belemmering.capaciteit_tijd", "weinig capaciteit"),
        # Two spans of one code in one answer: one decision.
        _suggestion("p5", "belemmering", "belemmering.capaciteit_tijd", "capaciteit"),
        _suggestion("p1", "kennisbehoefte", "kennisbehoefte.inkoop", "aanbesteden"),
        _suggestion("p3", "kennisbehoefte", "overig.geen_inhoud", "Geen"),
    ]
    return pd.DataFrame(rows, columns=list(SUGGESTION_FIELDS))


def test_answer_status() -> None:
    status = answer_status(_answers(), _suggestions())
    by_key = status.set_index(["response_id", "question"])
    assert by_key.loc[("p3", "belemmering"), "answered"]
    assert not by_key.loc[("p3", "belemmering"), "substantive"]  # only "n.v.t."
    assert not by_key.loc[("p4", "belemmering"), "answered"]
    assert by_key.loc[("p5", "belemmering"), "substantive"]


def test_frequencies_use_substantive_answers_as_base() -> None:
    table = code_frequencies(_suggestions(), _answers(), question="belemmering")
    rows = table.set_index("code")
    # p1, p2, p5 answered with content; p3 said "n.v.t." and p4 nothing.
    assert rows.loc["belemmering.financiering", "n"] == 2
    assert rows.loc["belemmering.financiering", "base"] == 3
    assert rows.loc["belemmering.financiering", "share"] == pytest.approx(2 / 3)
    assert rows.loc["belemmering.capaciteit_tijd", "answers"] == 2  # spans deduplicated
    assert rows.loc["belemmering.financiering", "response_ids"] == ("p1", "p2")
    # The non-answer code is counted over everything answered (4 non-empty answers).
    assert rows.loc["overig.geen_inhoud", "base"] == 4
    assert table["code"].iloc[-1] == "overig.geen_inhoud"
    assert table["code"].iloc[0] in ("belemmering.financiering", "belemmering.capaciteit_tijd")


def test_frequencies_per_respondent_unit() -> None:
    table = code_frequencies(
        _suggestions(),
        _answers(),
        question="belemmering",
        unit="vragenlijst_id",
        units={"projects": None, "organisation_types": "organisatietype"},
    )
    rows = table.set_index("code")
    # Both money answers come from questionnaire v1: one respondent, two projects.
    assert rows.loc["belemmering.financiering", "n"] == 1
    assert rows.loc["belemmering.financiering", "projects"] == 2
    assert rows.loc["belemmering.financiering", "base"] == 2  # v1 and v3
    assert rows.loc["belemmering.capaciteit_tijd", "organisation_types"] == 2


def test_codes_per_answer() -> None:
    table = codes_per_answer(_suggestions(), _answers())
    belemmering = table[table["question"] == "belemmering"].set_index("codes")
    assert belemmering.loc[2, "answers"] == 2  # p1 and p5
    assert belemmering.loc[1, "answers"] == 1  # p2
    assert belemmering.loc[0, "answers"] == 1  # "n.v.t." has no substantive code
    assert belemmering["share"].sum() == pytest.approx(1.0)


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
            "vragenlijst_id": ["v1", "v1", "v2", "v2", "v3", "v4"],
            # A questionnaire-level answer repeats on every project row.
            "kennis": ["Eens", "Eens", "Oneens", "Oneens", "Eens", ""],
            "tastbaar": ["Ja", "Ja", "Nee", "Ja", "Ja", "Nee"],
            "getest": ["Ja", "Nee", "", "Ja", "Ja", ""],
            "financiering": ["Eigen", "Eigen", "Subsidie", "Eigen", "Subsidie", "Eigen"],
        }
    )


def test_questionnaire_answers_count_once() -> None:
    share = share_of(_rows(), "kennis", ["Eens"], unit="vragenlijst_id")
    assert (share.n, share.base) == (2, 3)  # v1, v3 agree; v2 not; v4 did not answer
    assert share.ids == ("v1", "v3")
    per_row = share_of(_rows(), "kennis", ["Eens"])
    assert (per_row.n, per_row.base) == (3, 5)


def test_follow_up_question_base_is_who_got_it() -> None:
    counts = closed_counts(_rows(), "getest", categories=["Ja", "Nee"])
    assert counts.set_index("category").loc["Ja", "n"] == 3
    assert int(counts["base"].iloc[0]) == 4


def test_closed_counts_where_and_order() -> None:
    counts = closed_counts(
        _rows(),
        "tastbaar",
        categories=["Ja", "Nee", "Weet niet"],
        where={"financiering": ["Eigen"]},
    )
    assert list(counts["category"]) == ["Ja", "Nee", "Weet niet"]
    assert list(counts["n"]) == [3, 1, 0]
    assert counts["ids"].iloc[0] == ("p1", "p2", "p4")


def test_rows_table_keeps_first_appearance() -> None:
    rows = rows_table(_answers())
    assert list(rows["response_id"]) == ["p1", "p2", "p3", "p4", "p5"]
    assert "question" not in rows and "text" not in rows


def test_cooccurrence() -> None:
    matrix = cooccurrence(_suggestions(), question="belemmering")
    assert matrix.loc["belemmering.financiering", "belemmering.financiering"] == 2
    assert matrix.loc["belemmering.financiering", "belemmering.capaciteit_tijd"] == 1
    assert matrix.loc["belemmering.capaciteit_tijd", "belemmering.financiering"] == 1
    assert "overig.geen_inhoud" not in matrix.index
    pairs = cooccurrence_pairs(_suggestions(), question="belemmering")
    top = pairs.iloc[0]
    assert top["n"] == 1 and top["response_ids"] in (("p1",), ("p5",))
    assert set(pairs["response_ids"]) == {("p1",), ("p5",)}


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match="response_id"):
        code_frequencies(_suggestions(), pd.DataFrame({"text": ["x"]}))
    with pytest.raises(ValueError, match="code"):
        code_frequencies(pd.DataFrame({"response_id": ["p1"]}), _answers())


def test_counts_of_a_file_without_answers() -> None:
    # A CSV with only its header: the tables are empty, with their columns, not a KeyError.
    answers = pd.DataFrame(
        {
            "response_id": pd.Series(dtype=str),
            "question": pd.Series(dtype=str),
            "text": pd.Series(dtype=str),
            "organisatietype": pd.Series(dtype=str),
        }
    )
    suggestions = pd.DataFrame(columns=list(SUGGESTION_FIELDS))
    table = codes_per_answer(suggestions, answers)
    assert len(table) == 0
    assert list(table.columns) == ["question", "codes", "answers", "share", "response_ids"]
    assert len(code_frequencies(suggestions, answers)) == 0
    # Answers that are all empty count no answer either.
    blank = _answers().assign(text="")
    assert len(codes_per_answer(suggestions, blank)) == 0
