"""ReviewSession: the queue, decisions, undo, bulk decisions, added codes and the views."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from textcode.codebook import load_codebook
from textcode.coding.suggestions import load_suggestions
from textcode.errors import InputError
from textcode.review.ledger import Ledger, replay
from textcode.review.session import ReviewSession, added_suggestion_id

DATA = Path(__file__).resolve().parent / "data" / "review"
SUGGESTIONS = DATA / "suggestions_nl.jsonl"
CODEBOOK = load_codebook(DATA / "codebook_review_nl.yaml")


def _answers() -> pd.DataFrame:
    rows = [
        json.loads(line) for line in (DATA / "answers_nl.jsonl").read_text("utf-8").splitlines()
    ]
    return pd.DataFrame(rows).rename(columns={"id": "response_id"})


def _session(tmp_path: Path, reviewer: str = "anna", **kw: object) -> ReviewSession:
    kw.setdefault("redact", False)
    return ReviewSession(
        SUGGESTIONS,
        tmp_path / "ledger.jsonl",
        reviewer,
        answers=_answers(),
        codebook=CODEBOOK,
        **kw,  # type: ignore[arg-type]
    )


def test_next_shows_least_certain_first_with_answer_label_and_other_codes(tmp_path: Path) -> None:
    session = _session(tmp_path)
    item = session.next()
    assert item is not None
    # confidence 0.5 is the least certain suggestion of the fixture
    assert (item.response_id, item.code) == ("k08", "kennisbehoefte.verbinden")
    assert item.text is not None and item.text.startswith("Netwerk bouwen en onderhouden")
    assert item.highlighted().startswith("[[Netwerk bouwen]] en onderhouden")
    assert item.label == "Verbinden van organisaties"
    assert "dezelfde taal" in item.definition
    assert [o.code for o in item.others] == ["kennisbehoefte.markt_netwerk"]
    assert item.progress == {"total": 30, "decided": 0, "open": 30, "skipped": 0}
    data = item.to_dict()
    assert data["others"][0]["label"] == "Markt en netwerk"


def test_decisions_undo_and_state(tmp_path: Path) -> None:
    session = _session(tmp_path)
    first = session.next()
    assert first is not None
    session.reject(comment="netwerk bouwen gaat hier over de markt")
    second = session.next()
    assert second is not None and second.suggestion_id != first.suggestion_id
    session.accept()
    assert session.progress()["decided"] == 2
    undone = session.undo()
    assert undone is not None and undone.suggestion_id == second.suggestion_id
    again = session.next()
    assert again is not None and again.suggestion_id == second.suggestion_id  # undone comes back
    state = session.state().set_index(["response_id", "code"])
    assert state.loc[("k08", "kennisbehoefte.verbinden"), "decision"] == "reject"
    assert state.loc[("k08", "kennisbehoefte.verbinden"), "value"] == 0
    assert state.loc[(second.response_id, second.code), "decision"] == "open"
    lines = (tmp_path / "ledger.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["decision"] for line in lines] == ["reject", "accept", "retract"]


def test_several_spans_form_one_unit(tmp_path: Path) -> None:
    session = _session(tmp_path, order="respondent")
    ids = {
        row.evidence: row.suggestion_id
        for row in session.suggestions.itertuples()
        if row.response_id == "k05"
    }
    item = session.item(ids["big data"])
    assert item.evidence == "big data"
    assert sorted(span.evidence for span in item.spans) == ["ICT", "algoritmes"]
    session.accept(ids["big data"])
    state = session.state()
    k05 = state[state.response_id == "k05"]
    assert len(k05) == 1 and k05.iloc[0]["n_spans"] == 3 and k05.iloc[0]["decision"] == "accept"
    assert all(i.response_id != "k05" for i in session.open_items())


def test_add_codes_the_machine_missed(tmp_path: Path) -> None:
    session = _session(tmp_path)
    entry = session.add("s06", "succesfactor.bestuurlijke_steun", comment="inzet van regio's")
    assert entry.decision == "add" and entry.machine is None and entry.question == "succesfactor"
    assert entry.suggestion_id == added_suggestion_id(
        "s06", "succesfactor", "succesfactor.bestuurlijke_steun"
    )
    # A code the machine did suggest is accepted, with its suggestion on record.
    accepted = session.add("b05", "belemmering.vrijblijvendheid")
    assert accepted.decision == "accept" and accepted.machine is not None
    # overig.geen_inhoud serves every question: the answer's own question is used.
    assert session.add("b07", "overig.geen_inhoud").question == "belemmering"
    with pytest.raises(InputError, match="does not belong"):
        session.add("s06", "belemmering.financiering", question="succesfactor")
    with pytest.raises(InputError, match="no code"):
        session.add("s06", "succesfactor.geluk")
    state = session.state()
    added = state[state.code == "succesfactor.bestuurlijke_steun"].iloc[0]
    assert added["decision"] == "add" and added["value"] == 1 and added["n_spans"] == 0


def test_bulk_accept_by_rule_is_one_entry_per_suggestion(tmp_path: Path) -> None:
    session = _session(tmp_path)
    entries = session.accept_rule("succesfactor.bevlogenheid#2", question="succesfactor")
    assert sorted(e.response_id for e in entries) == ["s02", "s03"]
    assert session.accept_rule("succesfactor.bevlogenheid#2") == []  # nothing open any more
    with pytest.raises(InputError, match="no suggestion has rule"):
        session.accept_rule("succesfactor.bevlogenheid#99")
    assert len(Ledger(tmp_path / "ledger.jsonl").entries()) == 2


def test_orders(tmp_path: Path) -> None:
    by_code = [i.code for i in _session(tmp_path, order="code").open_items()]
    rank = {c.id: n for n, c in enumerate(CODEBOOK.codes)}
    assert by_code == sorted(by_code, key=rank.__getitem__)
    by_respondent = [i.response_id for i in _session(tmp_path, order="respondent").open_items()]
    assert by_respondent[:4] == ["k01", "k02", "k03", "k03"]
    uncertain = [i.confidence for i in _session(tmp_path).open_items()]
    assert [abs(c - 0.5) for c in uncertain] == sorted(abs(c - 0.5) for c in uncertain)


def test_reviewers_keep_their_own_queue(tmp_path: Path) -> None:
    anna = _session(tmp_path, "anna")
    bert = _session(tmp_path, "bert")
    anna.next()
    anna.accept()
    assert bert.progress()["decided"] == 0
    item = bert.next()
    assert item is not None and item.decision == "open"
    bert.reject()
    assert set(replay(tmp_path / "ledger.jsonl")["reviewer"]) == {"anna", "bert"}


def test_redaction_by_default_keeps_evidence_on_the_right_words(tmp_path: Path) -> None:
    session = _session(tmp_path, redact=True, order="respondent")
    item = next(i for i in session.open_items() if i.code == "belemmering.techniek")
    assert item.redacted and item.text is not None
    assert "06-12345678" not in item.text and "Jan de Vries" not in item.text
    assert "bel [NAAM] op [TELEFOON]" in item.text
    assert item.evidence == "verouderd systeem"
    assert item.text[item.start : item.end] == "verouderd systeem"
    answer = session.answer("b08")
    assert "Jan" not in answer["text"] and answer["redacted"]
    plain = _session(tmp_path, redact=False).answer("b08")
    assert "06-12345678" in plain["text"]


def test_a_session_that_cannot_redact_raises_instead_of_showing_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import textcode.privacy.display as display
    from textcode.privacy import RedactionError

    def broken(text: str, **kwargs: object) -> object:
        raise OSError("word lists are missing")

    monkeypatch.setattr(display, "redact_text", broken)
    display.clear_cache()
    session = _session(tmp_path, redact=True, order="respondent")
    with pytest.raises(RedactionError):
        session.next()
    with pytest.raises(RedactionError):
        session.answer("b08")
    with pytest.raises(RedactionError):
        session.open_items(limit=1)
    # --no-redact still shows the original
    assert "Jan de Vries" in str(_session(tmp_path, redact=False).answer("b08")["text"])


def test_bad_suggestion_line_names_file_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    lines = SUGGESTIONS.read_text("utf-8").splitlines()[:3]
    record = json.loads(lines[1])
    record["confidence"] = "hoog"
    lines[1] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_suggestions(path)
    assert (info.value.line, info.value.field) == (2, "confidence")
    assert str(path) in str(info.value)


def test_a_csv_record_spanning_lines_does_not_shift_the_next_ones_line(tmp_path: Path) -> None:
    # A spreadsheet keeps a line break inside an explanation as a quoted field over two lines;
    # the bad record after it is on line 5 of the file, not on "record 3 + header".
    rows = load_suggestions(SUGGESTIONS).head(4)
    rows.loc[0, "explanation"] += "\ntweede regel"
    rows["confidence"] = rows["confidence"].astype(object)
    rows.loc[2, "confidence"] = "hoog"
    path = tmp_path / "s.csv"
    rows.to_csv(path, index=False)
    assert path.read_text("utf-8").splitlines()[4].startswith(str(rows.loc[2, "suggestion_id"]))
    with pytest.raises(InputError) as info:
        load_suggestions(path)
    assert (info.value.line, info.value.field) == (5, "confidence")


def test_a_csv_suggestions_file_is_read_in_one_pass_and_its_faults_name_a_line(
    tmp_path: Path,
) -> None:
    """One reader gives the records and their lines: a CSV that reads back as written, and a
    record with a field too many or too few, or a header naming a column twice, is one error
    at its line (pandas had named the last line it parsed, or filled a missing field)."""
    rows = load_suggestions(SUGGESTIONS).head(3)
    path = tmp_path / "s.csv"
    rows.to_csv(path, index=False)
    back = load_suggestions(path)
    assert back["evidence"].tolist() == rows["evidence"].tolist()
    assert back["start"].tolist() == rows["start"].tolist()
    lines = path.read_text("utf-8").splitlines(keepends=True)
    for changed, line, field in (
        (lines[2].rstrip("\n") + ',"te veel"\n', 3, None),
        (",".join(lines[2].split(",")[:3]) + "\n", 3, "code"),
    ):
        path.write_text("".join([*lines[:2], changed, *lines[3:]]), "utf-8")
        with pytest.raises(InputError) as info:
            load_suggestions(path)
        assert (info.value.line, info.value.field) == (line, field), str(info.value)
    path.write_text(lines[0].replace("code,", "evidence,", 1) + "".join(lines[1:]), "utf-8")
    with pytest.raises(InputError, match="twice in the header") as info:
        load_suggestions(path)
    assert (info.value.line, info.value.field) == (1, "evidence")


def test_a_lone_surrogate_in_evidence_becomes_a_replacement_character(tmp_path: Path) -> None:
    # A "\\ud800" escape is valid JSON but no character: pandas and every UTF-8 writer
    # downstream (--state --json, the desk) would fail on it, so it is read as U+FFFD, with
    # one warning naming the file and the line.
    from textcode.io.cells import LoneSurrogateWarning

    path = tmp_path / "s.jsonl"
    lines = SUGGESTIONS.read_text("utf-8").splitlines()[:3]
    record = json.loads(lines[1])
    record["evidence"] = record["evidence"][:2] + "\ud800" + record["evidence"][2:]
    lines[1] = json.dumps(record)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.warns(LoneSurrogateWarning, match=r"s\.jsonl: 1 .* \(line 2\)"):
        table = load_suggestions(path)
    assert "\ufffd" in table["evidence"].iloc[1]
    table.to_json(tmp_path / "state.json")  # encodable now


def test_a_line_separator_inside_a_suggestion_does_not_split_its_line(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    lines = SUGGESTIONS.read_text("utf-8").splitlines()[:3]
    record = json.loads(lines[2])
    record["explanation"] += "\u2028tweede regel"
    lines[2] = json.dumps(record, ensure_ascii=False)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = load_suggestions(path)
    assert len(table) == 3 and table["explanation"].iloc[2].endswith("\u2028tweede regel")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv"])
def test_bytes_that_are_not_utf8_name_the_file_and_line(tmp_path: Path, suffix: str) -> None:
    rows = load_suggestions(SUGGESTIONS).head(3)
    path = tmp_path / f"s{suffix}"
    if suffix == ".csv":
        rows.to_csv(path, index=False)
    else:
        rows.to_json(path, orient="records", lines=True, force_ascii=False)
    data = path.read_bytes()
    cut = data.index(b"\n", data.index(b"\n") + 1) + 1  # the start of the third line
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    with pytest.raises(InputError) as info:
        load_suggestions(path)
    assert info.value.line == 3 and "not UTF-8" in str(info.value)


def test_the_state_csv_is_the_tables_csv_in_every_state(tmp_path: Path) -> None:
    # review --state writes the state's rows without making the table (no pandas to import):
    # the same bytes as the table's CSV, whose typing turns a column of 1/0 and None into
    # floats ("1.0"), before any decision, after some, and with codes added by hand.
    from textcode.io.delimited import frame_csv, records_csv
    from textcode.review.session import STATE_FIELDS

    session = _session(tmp_path)

    def same() -> str:
        text = records_csv(session.state_rows(), STATE_FIELDS)
        assert text == frame_csv(session.state())
        return text

    assert ",open,," in same()
    session.next()
    session.reject(comment='gaat over de markt, "netwerk"')
    session.next()
    session.accept()
    assert ",reject,0.0," in same()
    session.add("s06", "succesfactor.bestuurlijke_steun", comment="inzet van regio's")
    assert ",add,1.0," in same()
    for _ in range(40):
        if session.next() is None:
            break
        session.accept()
    assert ",accept,1," in same()  # every unit decided: whole numbers stay whole


def test_suggestion_records_are_the_tables_records(tmp_path: Path) -> None:
    from textcode.coding.suggestions import read_suggestions, records, suggestion_records

    read = read_suggestions(SUGGESTIONS)
    assert suggestion_records(read) == records(load_suggestions(SUGGESTIONS))
    # Extra fields take their column's type in the table (a number among missing ones: float).
    extra = [dict(read[0], pagina=3), dict(read[1])]
    made = suggestion_records(extra)
    assert made[0]["pagina"] == 3.0 and made[1]["pagina"] != made[1]["pagina"]  # NaN
    big = tmp_path / "groot.jsonl"
    big.write_text(json.dumps(dict(read[0], start=2**70, end=2**70)) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"line 1.*start"):
        read_suggestions(big)


@pytest.mark.parametrize(
    ("field", "value", "reason"),
    [
        ("code", ["kennisbehoefte.innovatieproces"], "must be text, not a list"),
        ("response_id", {"id": "k01"}, "must be text, not a mapping"),
        ("evidence", True, "must be text, not true or false"),
        ("start", 32.5, "not a whole number"),
        ("end", True, "not a whole number"),
        ("confidence", False, "not a number"),
    ],
)
def test_a_field_of_the_wrong_kind_names_its_line_and_field(
    tmp_path: Path, field: str, value: object, reason: str
) -> None:
    lines = SUGGESTIONS.read_text("utf-8").splitlines()[:3]
    record = json.loads(lines[1])
    record[field] = value
    lines[1] = json.dumps(record, ensure_ascii=False)
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load_suggestions(path)
    assert str(info.value) == f"{path}, line 2, field '{field}': {reason}"


def test_a_number_as_an_id_is_its_text(tmp_path: Path) -> None:
    lines = SUGGESTIONS.read_text("utf-8").splitlines()[:2]
    record = json.loads(lines[1])
    record["response_id"], record["start"] = 17, 32.0
    lines[1] = json.dumps(record, ensure_ascii=False)
    path = tmp_path / "s.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    table = load_suggestions(path)
    assert table["response_id"].iloc[1] == "17" and table["start"].iloc[1] == 32
