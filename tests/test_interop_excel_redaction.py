"""Excel export, redacted: the suggestions sheet's offsets and explanations fit the shown text."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest
from cli_run import run_cli

from textcode.codebook import load_codebook
from textcode.errors import InputError
from textcode.interop.excel import build_workbook

ROOT = Path(__file__).resolve().parents[1]

ANSWERS = [
    ("1", "Het overleg met Jan de Wet liep stroef door de wetgeving."),
    ("2", "Volgens Karin Kennis ontbrak het aan tijd en kennis van drones."),
    ("3", "Geen budget voor nieuwe apparatuur."),
    ("4", "Mail j.dewet@brandweer.nl of bel 06-12345678 over de wetgeving en de kosten."),
    ("5", "Te weinig tijd.\r\nPieter Jansen (0612345678) regelde de aanbesteding niet."),
    ("6", "Onvoldoende financiering en weinig draagvlak bij het management."),
]
PERSONAL = ["Jan de Wet", "Karin Kennis", "j.dewet@brandweer.nl", "06-12345678", "0612345678"]


@pytest.fixture(scope="module")
def codebook():  # type: ignore[no-untyped-def]
    return load_codebook()


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    rows = [(rid, "belemmering", text) for rid, text in ANSWERS]
    return pd.DataFrame(rows, columns=["response_id", "question", "text"])


@pytest.fixture(scope="module")
def suggestions(codebook, answers) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    import textcode.coding as coding

    return coding.Coder(codebook).suggest(answers)


def _sheets(data: bytes) -> dict[str, pd.DataFrame]:
    return pd.read_excel(io.BytesIO(data), sheet_name=None, dtype={"response_id": str})


def _texts(sheets: dict[str, pd.DataFrame]) -> dict[str, str]:
    answers = sheets["belemmering"]
    return dict(zip(answers["response_id"], answers["belemmering"], strict=True))


@pytest.mark.parametrize("redact", [True, False])
def test_every_span_slices_the_evidence_out_of_the_sheet_text(  # type: ignore[no-untyped-def]
    answers, suggestions, codebook, redact
) -> None:
    data, summary = build_workbook(answers, suggestions, codebook, redact=redact)
    sheets = _sheets(data)
    texts = _texts(sheets)
    rows = sheets["suggestions"]
    assert summary.redacted is redact
    assert len(rows) == len(suggestions) >= 8
    for row in rows.itertuples():
        assert texts[row.response_id][row.start : row.end] == row.evidence
    # The names the coder matched are the cases the old offsets got wrong.
    name_rows = rows[rows["response_id"].isin(["1", "2"]) & (rows["start"] < 25)]
    expected = {"[NAAM]"} if redact else {"Wet", "Kennis"}
    assert set(name_rows["evidence"]) == expected


def test_redacted_workbook_quotes_no_personal_data(answers, suggestions, codebook) -> None:  # type: ignore[no-untyped-def]
    data, _ = build_workbook(answers, suggestions, codebook)
    sheets = _sheets(data)
    cells = [
        str(v) for name in ("belemmering", "suggestions") for v in sheets[name].to_numpy().ravel()
    ]
    for value in PERSONAL:
        assert not any(value in cell for cell in cells), value
    explanations = sheets["suggestions"].set_index(["response_id", "start"])["explanation"]
    assert 'vond "[NAAM]"' in explanations[("1", 16)]
    assert '"Wet"' not in " ".join(explanations)
    assert '"Kennis"' not in " ".join(explanations)
    # Words outside a name stay quoted as they are.
    assert 'vond "wetgeving"' in explanations[("1", 43)]
    assert '"ontbrak" geeft aan dat het ontbreekt' in explanations[("2", 8)]


def test_without_redaction_offsets_and_explanations_are_the_original(  # type: ignore[no-untyped-def]
    answers, suggestions, codebook
) -> None:
    data, _ = build_workbook(answers, suggestions, codebook, redact=False)
    rows = _sheets(data)["suggestions"]
    by_id = suggestions.set_index("suggestion_id")
    for row in rows.itertuples():
        original = by_id.loc[row.suggestion_id]
        assert row.explanation == original["explanation"]
        if row.response_id != "5":  # no line break before the span: offsets are the coder's
            assert (row.start, row.end) == (original["start"], original["end"])
    assert any('vond "Wet"' in e for e in rows["explanation"])


def test_crlf_answer_keeps_its_spans_after_the_line_break(answers, suggestions, codebook) -> None:  # type: ignore[no-untyped-def]
    data, _ = build_workbook(answers, suggestions, codebook, redact=False)
    sheets = _sheets(data)
    text = _texts(sheets)["5"]
    assert text.startswith("Te weinig tijd.\nPieter")
    late = sheets["suggestions"].query("response_id == '5' and start > 16")
    assert len(late), "the coder should find something after the line break"
    for row in late.itertuples():
        assert text[row.start : row.end] == row.evidence


def test_quote_marks_in_a_rule_do_not_let_a_quoted_name_through(codebook) -> None:  # type: ignore[no-untyped-def]
    text = "Het overleg met Jan de Wet liep stroef."
    answers = pd.DataFrame(
        [("7", "belemmering", text)], columns=["response_id", "question", "text"]
    )
    suggestions = pd.DataFrame(
        [
            {
                "response_id": "7",
                "question": "belemmering",
                "code": "belemmering.juridisch",
                "start": 23,
                "end": 26,
                "evidence": "Wet",
                "explanation": 'Juridisch: rule r#1 ""wet"" matched "Wet"; "stroef" and "Jan" too.',
            }
        ]
    )
    data, _ = build_workbook(answers, suggestions, codebook)
    row = _sheets(data)["suggestions"].iloc[0]
    assert row["evidence"] == "[NAAM]"
    assert row["explanation"].count("[NAAM]") == 2
    assert "Wet" not in row["explanation"].replace('""wet""', "")
    assert "Jan" not in row["explanation"]
    assert '"stroef"' in row["explanation"]


def test_a_span_that_is_not_its_evidence_is_bad_input(codebook) -> None:  # type: ignore[no-untyped-def]
    answers = pd.DataFrame(
        [("8", "belemmering", "Geen budget.")], columns=["response_id", "question", "text"]
    )
    wrong = pd.DataFrame(
        [
            {
                "response_id": "8",
                "question": "belemmering",
                "code": "belemmering.financiering",
                "start": 0,
                "end": 4,
                "evidence": "budget",
            }
        ]
    )
    with pytest.raises(InputError) as caught:
        build_workbook(answers, wrong, codebook)
    assert caught.value.field == "evidence"
    assert "budget" not in str(caught.value).replace("Geen budget", "")


def test_cli_no_redact_keeps_names_and_default_hides_them(tmp_path: Path) -> None:
    source = tmp_path / "antwoorden.csv"
    lines = ["id,belemmering"] + [f'{rid},"{text}"' for rid, text in ANSWERS[:4]]
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = {}
    for flag in ([], ["--no-redact"]):
        out = tmp_path / f"x{len(flag)}.xlsx"
        command = ["export", "excel", str(source)]
        command += ["--text-column", "belemmering", "--out", str(out), "--quiet", *flag]
        done = run_cli(*command)
        assert done.returncode == 0, done.stderr
        sheets = pd.read_excel(out, sheet_name=None, dtype={"response_id": str})
        texts = _texts(sheets)
        for row in sheets["suggestions"].itertuples():
            assert texts[row.response_id][row.start : row.end] == row.evidence
        results[bool(flag)] = " ".join(sheets["suggestions"]["explanation"])
    assert '"Wet"' in results[True] and '"Wet"' not in results[False]
