"""Closed multiple-choice boxes and coded "overig" answers, counted together."""

from __future__ import annotations

import pandas as pd

from textcode.analysis import multiselect_counts, option_for_code
from textcode.codebook import parse_codebook
from textcode.ingest.sidecar import MultiSelect, Option
from textcode.records import SUGGESTION_FIELDS

CODEBOOK = """
id: test
version: "1"
groups:
  - id: belemmering
    codes:
      - id: belemmering.financiering
        label: Gebrek aan financiering
        patterns: [geld]
      - id: belemmering.capaciteit_tijd
        label: Gebrek aan tijd en capaciteit
        maps_to: interne_capaciteit
        patterns: [tijd]
      - id: belemmering.vrijblijvendheid
        label: Vrijblijvendheid
        patterns: [vrijblijvend*]
  - id: overig
    applies_to_all: true
    codes:
      - id: overig.geen_inhoud
        label: Geen inhoudelijk antwoord
        patterns: ["=nvt"]
"""

MULTI = MultiSelect(
    id="belemmeringen",
    group="belemmering",
    other="bl_overig",
    other_text="belemmering_overig",
    options=(
        # Mapped by the sidecar's code.
        Option(
            "financiering", "bl_financiering", "Financiële middelen", "belemmering.financiering"
        ),
        # Mapped by the codebook's maps_to.
        Option("interne_capaciteit", "bl_interne_capaciteit", "Interne capaciteit"),
        # No code stands for it.
        Option("eindgebruiker", "bl_eindgebruiker", "Betrokkenheid eindgebruiker"),
    ),
)


def _rows() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": ["p1", "p2", "p3", "p4", "p5", "p6"],
            # SPSS labels, numbers and text: all spell a tick.
            "bl_financiering": ["Gekozen", 0, 1, 0, 0, 0],
            "bl_interne_capaciteit": [1.0, 1.0, 0.0, 0.0, 0.0, 0.0],
            "bl_eindgebruiker": [0, 0, 0, 1, 0, 0],
            "bl_overig": [1, 0, 1, 1, 1, 0],
            "belemmering_overig": [
                "Geld",  # ticked financiering as well: counted once
                "",
                "Vrijblijvendheid van de afspraken",  # a new theme
                "Te weinig tijd",  # adds to interne_capaciteit
                "n.v.t.",
                "",  # p6 answered nothing at all
            ],
        }
    )


def _suggestions() -> pd.DataFrame:
    rows = [
        ("p1", "belemmering.financiering", 0, 4, "Geld"),
        ("p3", "belemmering.vrijblijvendheid", 0, 16, "Vrijblijvendheid"),
        ("p4", "belemmering.capaciteit_tijd", 10, 14, "tijd"),
        ("p5", "overig.geen_inhoud", 0, 6, "n.v.t."),
    ]
    records = [
        {
            "suggestion_id": f"s{i}",
            "response_id": rid,
            "question": "belemmering",
            "code": code,
            "start": start,
            "end": end,
            "evidence": evidence,
            "rule": f"{code}#1",
            "confidence": 0.9,
            "negated": False,
            "explanation": "",
        }
        for i, (rid, code, start, end, evidence) in enumerate(rows)
    ]
    return pd.DataFrame(records, columns=list(SUGGESTION_FIELDS))


def test_option_for_code_by_sidecar_and_by_maps_to() -> None:
    book = parse_codebook(CODEBOOK)
    assert option_for_code(MULTI, "belemmering.financiering").id == "financiering"  # type: ignore[union-attr]
    assert option_for_code(MULTI, "belemmering.capaciteit_tijd") is None
    assert option_for_code(MULTI, "belemmering.capaciteit_tijd", book).id == "interne_capaciteit"  # type: ignore[union-attr]
    assert option_for_code(MULTI, "belemmering.vrijblijvendheid", book) is None


def test_closed_and_overig_counted_together() -> None:
    book = parse_codebook(CODEBOOK)
    table = multiselect_counts(_rows(), MULTI, suggestions=_suggestions(), codebook=book)
    rows = table.set_index("option")
    # Answered: p1-p5 (a tick or an overig text); p6 nothing.
    assert set(table["base"]) == {5}
    assert rows.loc["financiering", ["closed", "from_other", "n"]].tolist() == [2, 0, 2]
    assert rows.loc["interne_capaciteit", ["closed", "from_other", "n"]].tolist() == [2, 1, 3]
    assert rows.loc["interne_capaciteit", "ids"] == ("p1", "p2", "p4")
    assert rows.loc["interne_capaciteit", "other_ids"] == ("p4",)
    assert rows.loc["eindgebruiker", "n"] == 1
    # New themes stay apart; the non-answer is marked as such.
    assert rows.loc["belemmering.vrijblijvendheid", "kind"] == "new_theme"
    assert rows.loc["belemmering.vrijblijvendheid", "label"] == "Vrijblijvendheid"
    assert rows.loc["overig.geen_inhoud", "kind"] == "no_content"
    assert list(table["kind"]) == ["option"] * 3 + ["new_theme", "no_content"]


def test_without_codebook_maps_to_the_theme_stays_new() -> None:
    table = multiselect_counts(_rows(), MULTI, suggestions=_suggestions())
    rows = table.set_index("option")
    assert rows.loc["interne_capaciteit", "n"] == 2
    assert rows.loc["belemmering.capaciteit_tijd", "kind"] == "new_theme"


def test_without_suggestions_overig_is_uncoded() -> None:
    table = multiselect_counts(_rows(), MULTI)
    rows = table.set_index("option")
    assert rows.loc["overig", "kind"] == "uncoded"
    assert rows.loc["overig", "n"] == 4


def test_units_aggregate_rows() -> None:
    rows = _rows()
    rows["vragenlijst_id"] = ["v1", "v1", "v2", "v2", "v3", "v3"]
    table = multiselect_counts(
        rows, MULTI, suggestions=_suggestions(), codebook=parse_codebook(CODEBOOK),
        unit="vragenlijst_id",
    )  # fmt: skip
    counts = table.set_index("option")
    assert counts.loc["interne_capaciteit", "n"] == 2  # v1 (ticked twice) and v2 (written)
    assert set(table["base"]) == {3}
