"""Wide and long layouts, guessed roles, ids as text, attributes, empty answers kept."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pandas as pd
import pytest
from ingest_samples import (
    BUDGET,
    GEINITIEERD,
    IDEEEN,
    JURIDISCH,
    LONG_HEADER,
    LONG_ROWS,
    SAMENWERKING,
    TREKKER,
    WIDE_HEADER,
    WIDE_ROWS,
    frame,
    write_csv,
)

from textcode.errors import InputError
from textcode.ingest import ingest_report, read_answers
from textcode.ingest.freetext import ColumnStats, column_stats, verdict

# --- wide -------------------------------------------------------------------------------------


def test_wide_order_is_respondent_then_question_in_given_order() -> None:
    df = read_answers(
        frame(WIDE_HEADER, WIDE_ROWS), text_columns=["succesfactor", "kennisbehoefte"]
    )
    assert df["question"].tolist()[:2] == ["succesfactor", "kennisbehoefte"]
    assert df["response_id"].tolist() == ["1", "1", "2", "2", "3", "3"]
    assert df["text"].tolist()[:2] == [GEINITIEERD, IDEEEN]


def test_wide_attributes_repeat_per_answer_and_text_columns_are_not_attributes() -> None:
    df = read_answers(frame(WIDE_HEADER, WIDE_ROWS), text_columns=["kennisbehoefte"])
    assert list(df.columns) == ["response_id", "question", "text", "regio", "succesfactor"]
    assert len(df) == 3
    report = ingest_report(df)
    assert report.attribute_columns == ("regio", "succesfactor")
    assert report.layout == "wide"


def test_text_columns_accepts_one_string() -> None:
    df = read_answers(frame(WIDE_HEADER, WIDE_ROWS), text_columns="kennisbehoefte")
    assert df["question"].unique().tolist() == ["kennisbehoefte"]


def test_empty_and_whitespace_answers_are_kept_and_reported(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS)
    df = read_answers(path, text_columns=["kennisbehoefte", "succesfactor"])
    assert len(df) == 6
    assert df["text"].tolist()[3:5] == ["", "   "]  # missing -> "", spaces kept as they were
    report = ingest_report(df)
    assert (report.n_rows, report.n_answers, report.n_empty) == (3, 6, 2)
    assert [(e.response_id, e.question) for e in report.empty] == [
        ("2", "succesfactor"),
        ("3", "kennisbehoefte"),
    ]


def test_missing_values_in_a_dataframe_become_empty_text() -> None:
    source = pd.DataFrame(
        {"id": ["a", "b", "c"], "antwoord": [IDEEEN, None, float("nan")], "x": [1, 2, 3]}
    )
    df = read_answers(source, text_columns="antwoord")
    assert df["text"].tolist() == [IDEEEN, "", ""]
    assert ingest_report(df).n_empty == 2


def test_guessed_free_text_columns(tmp_path: Path) -> None:
    rows = [
        ["11", "Noord", "ja", IDEEEN, BUDGET],
        ["12", "Zuid", "nee", JURIDISCH, TREKKER],
        ["13", "Noord", "ja", SAMENWERKING, "Geen"],
    ]
    header = ["respondent_id", "regio", "akkoord", "kennisbehoefte", "belemmering"]
    df = read_answers(write_csv(tmp_path / "a.csv", header, rows))
    report = ingest_report(df)
    assert report.id_column == "respondent_id"
    assert report.text_columns == ("kennisbehoefte", "belemmering")
    assert report.attribute_columns == ("regio", "akkoord")
    assert report.guessed == ("id_column", "text_columns")


def test_ambiguous_wide_data_asks_for_text_columns() -> None:
    source = pd.DataFrame(
        {
            "respnr": [1, 2, 3],
            "contactpersoon": ["Jan de Vries", "Fatima el Amrani", "Piet van der Berg"],
            "kennisbehoefte": [IDEEEN, JURIDISCH, SAMENWERKING],
        }
    )
    with pytest.raises(InputError) as info:
        read_answers(source)
    message = str(info.value)
    assert "'kennisbehoefte' look like free text" in message
    assert "'contactpersoon' might be" in message
    assert "--text-column" in message
    # Naming the column settles it.
    assert read_answers(source, text_columns="kennisbehoefte")["contactpersoon"].iloc[0] == (
        "Jan de Vries"
    )


def test_column_named_like_an_answer_is_the_text_column() -> None:
    source = pd.DataFrame({"respnr": [1, 2], "antwoord": ["Geld", GEINITIEERD]})
    df = read_answers(source)
    assert df["question"].tolist() == ["antwoord", "antwoord"]
    assert df["text"].tolist() == ["Geld", GEINITIEERD]


@pytest.mark.parametrize(
    ("stats", "expected"),
    [
        (ColumnStats(n_values=40, mean_words=9.0, max_words=30, distinct=0.95), "text"),
        (ColumnStats(n_values=40, mean_words=1.2, max_words=3, distinct=0.9), "attribute"),
        (ColumnStats(n_values=40, mean_words=2.5, max_words=5, distinct=0.1), "attribute"),
        (ColumnStats(n_values=40, mean_words=2.5, max_words=5, distinct=0.8), "unsure"),
        (None, "attribute"),
    ],
)
def test_free_text_rule(stats: ColumnStats | None, expected: str) -> None:
    assert verdict(stats) == expected


def test_free_text_stats_ignore_numbers_and_labels() -> None:
    assert column_stats(pd.Series([1, 2, 3])) is None
    assert column_stats(pd.Series(pd.Categorical(["Noord", "Zuid"]))) is None
    answers = [IDEEEN, JURIDISCH, GEINITIEERD, BUDGET, SAMENWERKING, TREKKER, "Geld", "Tijd"]
    # One stray number in ten (Excel typed "5" as a number) keeps it a text column.
    stats = column_stats(pd.Series([*answers, None, "  ", 5]))
    assert stats is not None and stats.n_values == 8 and stats.max_words == len(BUDGET.split())
    assert column_stats(pd.Series([*answers[:4], 5, 6])) is None


# --- long -------------------------------------------------------------------------------------


def test_long_guessed_from_dutch_names(tmp_path: Path) -> None:
    df = read_answers(write_csv(tmp_path / "a.csv", LONG_HEADER, LONG_ROWS))
    assert df["question"].tolist() == [r[1] for r in LONG_ROWS]
    assert df["text"].tolist() == [r[2] for r in LONG_ROWS]
    assert list(df.columns) == ["response_id", "question", "text", "organisatie"]
    report = ingest_report(df)
    assert report.layout == "long"
    assert report.n_empty == 1
    assert report.empty[0].question == "belemmering"


def test_long_with_explicit_options_and_odd_names(tmp_path: Path) -> None:
    header = ["Deelnemer", "Item", "Reactie", "Leeftijd"]
    rows = [["A7", "kennisbehoefte ", IDEEEN, "41"], ["A7", "succesfactor", GEINITIEERD, ""]]
    path = write_csv(tmp_path / "a.csv", header, rows)
    df = read_answers(path, question_column="Item", text_columns=["Reactie"])
    assert df["question"].tolist() == ["kennisbehoefte", "succesfactor"]  # stripped
    assert df["response_id"].tolist() == ["A7", "A7"]  # Deelnemer found by name
    assert df["Leeftijd"].dtype == "Int64"


def test_long_needs_a_text_column_it_can_find() -> None:
    source = pd.DataFrame({"vraag": ["kennisbehoefte"], "a": ["Geld"], "b": ["Tijd"]})
    with pytest.raises(InputError, match="--text-column"):
        read_answers(source)


def test_many_text_columns_given_mean_wide_even_with_a_question_column() -> None:
    source = pd.DataFrame(
        {"id": [1], "question": ["Q7"], "kennis": [IDEEEN], "succes": [GEINITIEERD]}
    )
    df = read_answers(source, text_columns=["kennis", "succes"])
    assert ingest_report(df).layout == "wide"
    assert df["question"].tolist() == ["kennis", "succes"]
    assert df["question_input"].tolist() == ["Q7", "Q7"]
    assert ingest_report(df).renamed_columns == {"question": "question_input"}


# --- ids --------------------------------------------------------------------------------------


def test_float_ids_lose_their_decimal_zero() -> None:
    source = pd.DataFrame({"respnr": [1.0, 2.0, 10.0], "antwoord": [IDEEEN, JURIDISCH, BUDGET]})
    assert read_answers(source)["response_id"].tolist() == ["1", "2", "10"]


def test_text_ids_are_kept_as_written(tmp_path: Path) -> None:
    rows = [["007", IDEEEN], ["1.0", JURIDISCH], [" R-12 ", BUDGET]]
    df = read_answers(write_csv(tmp_path / "a.csv", ["id", "antwoord"], rows))
    assert df["response_id"].tolist() == ["007", "1.0", "R-12"]


def test_no_id_column_means_row_numbers() -> None:
    df = read_answers(pd.DataFrame({"kennisbehoefte": [IDEEEN, JURIDISCH]}))
    assert df["response_id"].tolist() == ["1", "2"]
    assert ingest_report(df).id_column is None


def test_id_column_preference_order() -> None:
    source = pd.DataFrame({"id": [5, 6], "ResponseId": ["R_a", "R_b"], "antwoord": ["x", "y"]})
    assert read_answers(source)["response_id"].tolist() == ["R_a", "R_b"]


def test_two_columns_with_the_same_folded_name_are_ambiguous() -> None:
    source = pd.DataFrame({"Resp_ID": [1, 2], "resp id": [3, 4], "antwoord": ["x", "y"]})
    with pytest.raises(InputError, match="--id-column"):
        read_answers(source)


# --- attributes -------------------------------------------------------------------------------


def test_csv_attributes_are_typed_but_leading_zeros_and_commas_stay_text(tmp_path: Path) -> None:
    header = ["id", "leeftijd", "score", "postcode", "bedrag", "regio", "antwoord"]
    rows = [
        ["1", "34", "7.5", "0123", "1,5", "Noord", IDEEEN],
        ["2", "", "8", "1011", "2", "", JURIDISCH],
    ]
    df = read_answers(write_csv(tmp_path / "a.csv", header, rows))
    assert df["leeftijd"].dtype == "Int64" and pd.isna(df["leeftijd"].iloc[1])
    assert df["score"].tolist() == [7.5, 8.0]
    assert df["postcode"].tolist() == ["0123", "1011"]
    assert df["bedrag"].tolist() == ["1,5", "2"]
    assert df["regio"].iloc[0] == "Noord" and pd.isna(df["regio"].iloc[1])


def test_text_is_never_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Zelf geïnitieerd, ideeën")
    assert decomposed != unicodedata.normalize("NFC", decomposed)
    df = read_answers(pd.DataFrame({"id": [1], "antwoord": [decomposed]}))
    assert df["text"].iloc[0] == decomposed
    assert ingest_report(df).n_not_nfc == 1


def test_blank_lines_are_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(f"id;antwoord\n1;{IDEEEN}\n\n;\n2;{JURIDISCH}\n", encoding="utf-8")
    df = read_answers(path)
    assert df["response_id"].tolist() == ["1", "2"]
    assert ingest_report(df).n_blank_rows == 2


def test_one_column_file_keeps_blank_lines_as_empty_answers(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(f"kennisbehoefte\n{IDEEEN}\n\n{JURIDISCH}\n", encoding="utf-8")
    df = read_answers(path, text_columns="kennisbehoefte")
    assert df["text"].tolist() == [IDEEEN, "", JURIDISCH]
    assert df["response_id"].tolist() == ["1", "2", "3"]


def test_reading_does_not_load_spacy(tmp_path: Path) -> None:
    # Guessing columns reads the Dutch names from a data file, not from textcode.lang.nl
    # (which loads every Dutch word list): reading a CSV stays fast for commands that never
    # tokenise.
    import subprocess
    import sys

    path = write_csv(tmp_path / "a.csv", LONG_HEADER, LONG_ROWS)
    script = (
        "import sys; from textcode.ingest import read_answers; "
        f"df = read_answers({str(path)!r}); "
        "assert df.attrs['textcode']['id_column'] == 'id'; "
        "print('spacy' in sys.modules)"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": ""},
    )
    assert done.stdout.strip() == "False"
