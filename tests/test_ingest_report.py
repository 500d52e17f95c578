"""The ingest report in df.attrs, determinism, and text surviving every format unchanged."""

from __future__ import annotations

import copy
import csv
import json
import pickle
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ingest_samples import (
    WIDE_HEADER,
    WIDE_ROWS,
    frame,
    write_csv,
)

from textcode.ingest import IngestResult, ingest_report, read_answers
from textcode.ingest.report import EmptyAnswer

TEXT_COLUMNS = ["kennisbehoefte", "succesfactor"]


def test_report_is_plain_json_in_attrs(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "enquete.csv", WIDE_HEADER, WIDE_ROWS, delimiter=";")
    df = read_answers(path, text_columns=TEXT_COLUMNS)
    data = json.loads(json.dumps(df.attrs["textcode"]))
    assert data == df.attrs["textcode"]
    assert data["source"] == str(path)
    assert data["format"] == "csv"
    assert data["layout"] == "wide"
    assert (data["n_rows"], data["n_answers"], data["n_empty"]) == (3, 6, 2)
    assert data["empty"] == [
        {"response_id": "2", "question": "succesfactor"},
        {"response_id": "3", "question": "kennisbehoefte"},
    ]
    assert data["text_columns"] == TEXT_COLUMNS
    assert data["id_column"] == "respnr"
    assert data["guessed"] == ["id_column"]
    assert data["sheet"] is None
    assert data["variable_labels"] == {} and data["value_labels"] == {}


def test_typed_report_round_trips() -> None:
    df = read_answers(frame(WIDE_HEADER, WIDE_ROWS), text_columns=TEXT_COLUMNS)
    report = ingest_report(df)
    assert isinstance(report, IngestResult)
    assert report.empty == (EmptyAnswer("2", "succesfactor"), EmptyAnswer("3", "kennisbehoefte"))
    assert report.text_columns == tuple(TEXT_COLUMNS)
    assert IngestResult.from_dict(report.to_dict()) == report
    with pytest.raises(AttributeError):
        report.n_empty = 0  # type: ignore[misc]


def test_report_survives_filtering_copying_and_pickling() -> None:
    df = read_answers(frame(WIDE_HEADER, WIDE_ROWS), text_columns=TEXT_COLUMNS)
    report = df.attrs["textcode"]
    answered = df[df["text"].str.strip() != ""]
    assert answered.attrs["textcode"] == report
    assert copy.deepcopy(df).attrs["textcode"] == report
    assert pickle.loads(pickle.dumps(df)).attrs["textcode"] == report
    assert ingest_report(answered).n_empty == 2  # the report describes the read, not the slice


def test_report_is_read_only_but_copies_freely() -> None:
    df = read_answers(frame(WIDE_HEADER, WIDE_ROWS), text_columns=TEXT_COLUMNS)
    with pytest.raises(TypeError, match="read-only"):
        df.attrs["textcode"]["n_empty"] = 0
    mine = dict(df.attrs["textcode"])
    mine["n_empty"] = 0
    assert df.attrs["textcode"]["n_empty"] == 2


def test_table_without_report() -> None:
    with pytest.raises(ValueError, match="no ingest report"):
        ingest_report(pd.DataFrame({"text": ["Geld"]}))


def test_same_input_same_output(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", WIDE_HEADER, WIDE_ROWS, encoding="cp1252")
    first = read_answers(path, text_columns=TEXT_COLUMNS)
    second = read_answers(path, text_columns=TEXT_COLUMNS)
    pd.testing.assert_frame_equal(first, second)
    assert json.dumps(first.attrs["textcode"]) == json.dumps(second.attrs["textcode"])


# --- any text survives unchanged ---------------------------------------------------------------

ANSWER = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=st.lists(ANSWER, min_size=1, max_size=5), delimiter=st.sampled_from([",", ";"]))
def test_any_text_survives_csv(tmp_path: Path, answers: list[str], delimiter: str) -> None:
    path = tmp_path / "a.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter, quoting=csv.QUOTE_ALL)
        writer.writerow(["id", "kennisbehoefte"])
        writer.writerows([[str(i), text] for i, text in enumerate(answers, start=1)])
    df = read_answers(path, text_columns="kennisbehoefte")
    assert df["text"].tolist() == answers
    assert ingest_report(df).n_empty == sum(not a.strip() for a in answers)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(answers=st.lists(ANSWER, min_size=1, max_size=5))
def test_any_text_survives_jsonl(tmp_path: Path, answers: list[str]) -> None:
    path = tmp_path / "a.jsonl"
    lines = [
        json.dumps({"id": i, "question": "belemmering", "text": t}, ensure_ascii=False)
        for i, t in enumerate(answers)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert read_answers(path)["text"].tolist() == answers
