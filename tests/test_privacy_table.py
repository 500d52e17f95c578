"""``redact_table``: redaction of any table in its own layout, with a log by row and column."""

from __future__ import annotations

import pandas as pd
import pytest

from textcode.errors import InputError
from textcode.privacy import TABLE_LOG_COLUMNS, redact_table


def _wide() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "respnr": ["101", "102", "103"],
            "kennisbehoefte": [
                "Kennis over drones; vraag Petra de Vries.",
                None,
                "Meer over inkoop, bel 06-12345678.",
            ],
            "contact": ["p.devries@vrzeeland.nl", "Petra de Vries", pd.NA],
            "aantal": [3, 0, 12],
            "regio": pd.Categorical(["Zeeland", "Twente", "Zeeland"]),
        }
    )


def test_same_columns_rows_and_types_only_named_string_cells_change() -> None:
    frame = _wide()
    before = frame.copy(deep=True)
    redacted, log = redact_table(frame, ["kennisbehoefte", "contact"])
    pd.testing.assert_frame_equal(frame, before)  # the input is untouched
    assert list(redacted.columns) == list(frame.columns) and len(redacted) == 3
    assert redacted["kennisbehoefte"].tolist()[0] == "Kennis over drones; vraag [NAAM]."
    assert redacted["kennisbehoefte"].tolist()[2] == "Meer over inkoop, bel [TELEFOON]."
    assert pd.isna(redacted["kennisbehoefte"].iloc[1])
    assert redacted["contact"].tolist()[:2] == ["[E-MAIL]", "[NAAM]"]
    assert pd.isna(redacted["contact"].iloc[2])
    assert redacted["contact"].dtype == frame["contact"].dtype
    pd.testing.assert_series_equal(redacted["aantal"], frame["aantal"])
    pd.testing.assert_series_equal(redacted["regio"], frame["regio"])
    assert list(log.columns) == list(TABLE_LOG_COLUMNS)
    assert list(zip(log["row"], log["column"], log["type"], strict=True)) == [
        (0, "kennisbehoefte", "NAME"),
        (0, "contact", "EMAIL"),
        (1, "contact", "NAME"),
        (2, "kennisbehoefte", "PHONE"),
    ]
    assert log["response_id"].tolist() == ["1", "1", "2", "3"]  # no ids: the row number
    flat = log.astype(str).to_string()
    assert "Petra" not in flat and "06-12345678" not in flat and "@" not in flat


def test_consistent_numbering_per_respondent_across_columns() -> None:
    frame = pd.DataFrame(
        {
            "id": ["r1", "r1", "r2"],
            "text": [
                "Vragen aan Petra de Vries.",
                "Jeroen Bakker en Petra de Vries hadden geen tijd.",
                "Jeroen Bakker weet het.",
            ],
            "contact": ["Petra de Vries", "Petra de Vries", "Jeroen Bakker"],
        }
    )
    redacted, log = redact_table(
        frame, ["text", "contact"], ids=frame["id"].tolist(), consistent=True
    )
    assert redacted["text"].tolist() == [
        "Vragen aan [NAAM-1].",
        "[NAAM-2] en [NAAM-1] hadden geen tijd.",
        "[NAAM-1] weet het.",  # another respondent starts at 1 again
    ]
    assert redacted["contact"].tolist() == ["[NAAM-1]", "[NAAM-1]", "[NAAM-1]"]
    assert set(log["response_id"]) == {"r1", "r2"}


def test_unknown_column_and_wrong_number_of_ids() -> None:
    with pytest.raises(InputError, match="toelichting") as info:
        redact_table(_wide(), ["toelichting"])
    assert info.value.field == "toelichting"
    with pytest.raises(ValueError, match="2 ids for 3 rows"):
        redact_table(_wide(), ["contact"], ids=["1", "2"])
    _, log = redact_table(_wide().iloc[:0], ["contact"])
    assert log.empty and list(log.columns) == list(TABLE_LOG_COLUMNS)
