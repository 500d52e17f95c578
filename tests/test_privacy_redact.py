"""Redaction: placeholders, consistent numbering, offset mapping and the answers table."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from textcode.errors import InputError
from textcode.privacy import LOG_COLUMNS, PiiHit, apply_redaction, redact_answers, redact_text

ANSWER = (
    "Succesfactor was de trekker, Pieter Jansen (p.jansen@vrbn.nl, 06-12345678). "
    "Zonder Pieter Jansen was de pilot met drones gestopt; bel Sanne op 020 123 4567."
)


def test_placeholders_are_dutch_and_typed() -> None:
    r = redact_text(ANSWER)
    assert r.text == (
        "Succesfactor was de trekker, [NAAM] ([E-MAIL], [TELEFOON]). "
        "Zonder [NAAM] was de pilot met drones gestopt; bel [NAAM] op [TELEFOON]."
    )
    assert r.original == ANSWER
    assert len(r.hits) == len(r.placeholders) == 6
    assert r.changed
    assert [r.text[a:b] for a, b in r.spans] == list(r.placeholders)


def test_every_placeholder_type() -> None:
    text = (
        "Mevrouw Jansen, a@b.nl, 06-12345678, 1234 AB, NL91 ABNA 0417 1643 00, 123456782, "
        "www.vr.nl, 12-ABC-3"
    )
    assert redact_text(text).text == (
        "Mevrouw [NAAM], [E-MAIL], [TELEFOON], [POSTCODE], [IBAN], [BSN], [URL], [KENTEKEN]"
    )


def test_consistent_numbering_within_one_text() -> None:
    r = redact_text(ANSWER, consistent=True)
    assert r.placeholders == (
        "[NAAM-1]",
        "[E-MAIL-1]",
        "[TELEFOON-1]",
        "[NAAM-1]",
        "[NAAM-2]",
        "[TELEFOON-2]",
    )
    # The same number written differently is the same number.
    same = redact_text("Bel 06-12345678 of +31 6 1234 5678.", consistent=True)
    assert same.placeholders == ("[TELEFOON-1]", "[TELEFOON-1]")


def test_types_limit_what_is_redacted() -> None:
    r = redact_text(ANSWER, types=["EMAIL", "PHONE"])
    assert "Pieter Jansen" in r.text and "p.jansen" not in r.text and "06-" not in r.text


def test_clean_text_is_returned_unchanged() -> None:
    text = "Op 10-02-2020 is € 1.250.000 besteed aan PRJ-2020-0045 in Den Haag."
    r = redact_text(text)
    assert r.text == text and r.hits == () and not r.changed
    assert r.map_span(3, 13) == (3, 13)


def test_map_span_keeps_evidence_on_the_same_words() -> None:
    r = redact_text(ANSWER)
    for word in ("Succesfactor", "trekker", "pilot met drones", "gestopt", "bel"):
        start = ANSWER.index(word)
        a, b = r.map_span(start, start + len(word))
        assert r.text[a:b] == word


def test_map_span_widens_a_span_that_touches_personal_data() -> None:
    r = redact_text(ANSWER)
    start = ANSWER.index("trekker")
    end = ANSWER.index("Jansen") + 3  # ends inside the name
    a, b = r.map_span(start, end)
    assert r.text[a:b] == "trekker, [NAAM]"
    inside = ANSWER.index("jansen@")
    assert r.text[slice(*r.map_span(inside, inside + 2))] == "[E-MAIL]"
    with pytest.raises(ValueError):
        r.map_span(5, len(ANSWER) + 1)


words = st.sampled_from(
    ["de", "pilot", "met", "drones", "Pieter Jansen", "06-12345678", "a@b.nl", "Den Haag",
     "1234 AB", "budget", "€ 1.250.000", ",", "."]
)  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(st.lists(words, min_size=1, max_size=14), st.data())
def test_map_span_property(parts: list[str], data: st.DataObject) -> None:
    text = " ".join(parts)
    r = redact_text(text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    a, b = r.map_span(start, end)
    assert 0 <= a <= b <= len(r.text)
    touches = any(h.start < end and start < h.end for h in r.hits) or any(
        h.start < start < h.end or h.start < end < h.end for h in r.hits
    )
    if not touches:
        assert r.text[a:b] == text[start:end]
    else:
        # Widened: the redacted span covers every placeholder of the hits it touched.
        for hit, (pa, pb) in zip(r.hits, r.spans, strict=True):
            if hit.start < end and start < hit.end:
                assert a <= pa and pb <= b


def test_apply_redaction_rejects_overlapping_hits() -> None:
    with pytest.raises(ValueError):
        apply_redaction("abcdef", [PiiHit("NAME", 0, 4), PiiHit("URL", 2, 5)])


def test_redact_text_needs_a_string() -> None:
    with pytest.raises(TypeError):
        redact_text(None)  # type: ignore[arg-type]


def _answers() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "response_id": ["r1", "r1", "r2", "r3"],
            "question": ["kennisbehoefte", "belemmering", "kennisbehoefte", "succesfactor"],
            "text": [
                "Vraag het aan Pieter Jansen (06-12345678).",
                "Pieter Jansen en Sanne de Vries hadden geen tijd.",
                "Pieter Jansen weet er meer van: p.jansen@vr.nl",
                None,
            ],
            "regio": ["Utrecht", "Utrecht", "Twente", "Zeeland"],
        }
    )


def test_redact_answers_table_and_log() -> None:
    df = _answers()
    before = df.copy(deep=True)
    redacted, log = redact_answers(df)
    pd.testing.assert_frame_equal(df, before)  # the input is untouched
    assert redacted["text"].tolist()[:3] == [
        "Vraag het aan [NAAM] ([TELEFOON]).",
        "[NAAM] en [NAAM] hadden geen tijd.",
        "[NAAM] weet er meer van: [E-MAIL]",
    ]
    assert pd.isna(redacted["text"].iloc[3])
    assert redacted["regio"].tolist() == df["regio"].tolist()
    assert list(log.columns) == list(LOG_COLUMNS)
    assert log["row"].tolist() == [0, 0, 1, 1, 2, 2]
    assert log["type"].tolist() == ["NAME", "PHONE", "NAME", "NAME", "NAME", "EMAIL"]
    first = log.iloc[0]
    assert (first["response_id"], first["question"]) == ("r1", "kennisbehoefte")
    assert df["text"].iloc[0][first["start"] : first["end"]] == "Pieter Jansen"
    # The log never holds the values themselves.
    flat = log.astype(str).to_string()
    for value in ("Pieter", "Jansen", "06-12345678", "p.jansen"):
        assert value not in flat


def test_redact_answers_consistent_per_respondent() -> None:
    redacted, log = redact_answers(_answers(), consistent=True)
    assert redacted["text"].tolist()[:3] == [
        "Vraag het aan [NAAM-1] ([TELEFOON-1]).",
        "[NAAM-1] en [NAAM-2] hadden geen tijd.",  # same respondent r1: Pieter is still 1
        "[NAAM-1] weet er meer van: [E-MAIL-1]",  # another respondent starts again at 1
    ]
    assert log["placeholder"].tolist()[:4] == ["[NAAM-1]", "[TELEFOON-1]", "[NAAM-1]", "[NAAM-2]"]


def test_redact_answers_without_question_column_and_bad_column() -> None:
    df = _answers().drop(columns=["question"])
    _, log = redact_answers(df, types=["PHONE"])
    assert list(log.columns) == [c for c in LOG_COLUMNS if c != "question"]
    assert log["type"].tolist() == ["PHONE"]
    with pytest.raises(InputError, match="antwoord"):
        redact_answers(df, text_column="antwoord")
    empty = redact_answers(df.iloc[3:])[1]
    assert list(empty.columns) == [c for c in LOG_COLUMNS if c != "question"] and empty.empty
