"""The ledger: atomic appends, replay, retractions, torn lines, concurrency and crashes."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from textcode.errors import InputError
from textcode.review.ledger import (
    Ledger,
    LedgerEntry,
    MachineSuggestion,
    replay,
    unit_decisions,
)

ROOT = Path(__file__).resolve().parents[1]

MACHINE = MachineSuggestion(
    rule="belemmering.financiering#2",
    confidence=0.8,
    codebook_version="2024.1",
    start=0,
    end=10,
    evidence="Te weinig geld",
    negated=False,
)


def _entry(sid: str, decision: str, reviewer: str = "anna", **kw: object) -> LedgerEntry:
    return LedgerEntry(
        suggestion_id=sid,
        response_id=kw.pop("response_id", "r1"),  # type: ignore[arg-type]
        question="belemmering",
        code=kw.pop("code", "belemmering.financiering"),  # type: ignore[arg-type]
        decision=decision,
        reviewer=reviewer,
        machine=MACHINE if decision != "add" else None,
        **kw,  # type: ignore[arg-type]
    )


def test_append_replay_latest_wins_and_audit_trail(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.jsonl")
    ledger.append(_entry("s1", "accept"))
    ledger.append(_entry("s1", "reject", comment="geld was geen probleem"))
    ledger.append(_entry("s1", "accept", reviewer="bert"))
    state = replay(ledger)
    assert list(state["reviewer"]) == ["anna", "bert"]
    assert list(state["decision"]) == ["reject", "accept"]
    assert state.loc[0, "comment"] == "geld was geen probleem"
    # The machine's suggestion stays on record beside the human decision.
    line = json.loads((tmp_path / "ledger.jsonl").read_text("utf-8").splitlines()[1])
    assert line["machine"]["rule"] == "belemmering.financiering#2"
    assert line["machine"]["codebook_version"] == "2024.1"
    assert line["time"].endswith("Z") and "T" in line["time"]


def test_retract_restores_previous_decision_without_rewriting(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger(path)
    first = ledger.append(_entry("s1", "accept"))
    second = ledger.append(_entry("s1", "reject"))
    before = path.read_bytes()
    ledger.append(_entry("s1", "retract", retracts=second.entry_id))
    assert path.read_bytes().startswith(before)  # appended, never rewritten
    state = replay(ledger)
    assert list(state["decision"]) == ["accept"]
    assert state.loc[0, "entry_id"] == first.entry_id
    ledger.append(_entry("s1", "retract", retracts=first.entry_id))
    assert replay(ledger).empty


def test_unit_is_answer_and_code_latest_span_decides(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.jsonl")
    ledger.append(_entry("s1", "accept"))
    ledger.append(_entry("s2", "reject"))  # another span of the same answer and code
    units = unit_decisions(ledger)
    assert units["anna"][("r1", "belemmering", "belemmering.financiering")].decision == "reject"


def test_torn_last_line_is_reported_with_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger(path)
    ledger.append(_entry("s1", "accept"))
    ledger.append(_entry("s2", "accept"))
    with open(path, "ab") as handle:
        handle.write(_entry("s3", "reject").to_line()[:40])  # a crash mid-write
    with pytest.raises(InputError) as info:
        ledger.entries()
    assert info.value.line == 3
    assert str(path) in str(info.value) and "torn" in str(info.value)
    # Appending after a torn line would glue two records together: refused.
    with pytest.raises(InputError):
        ledger.append(_entry("s4", "accept"))
    aside = ledger.repair()
    assert aside is not None and aside.read_bytes().startswith(b'{"entry_id"')
    assert [e.suggestion_id for e in ledger.entries()] == ["s1", "s2"]


def test_bad_line_names_line_and_field(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    Ledger(path).append(_entry("s1", "accept"))
    bad = json.loads(_entry("s2", "accept").to_line())
    bad["decision"] = "misschien"
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(bad) + "\n")
    with pytest.raises(InputError) as info:
        Ledger(path).entries()
    assert (info.value.line, info.value.field) == (2, "decision")


def _append_many(path: str, reviewer: str, count: int) -> None:
    ledger = Ledger(path)
    for n in range(count):
        ledger.append(_entry(f"{reviewer}-{n}", "accept", reviewer=reviewer))


def test_two_processes_appending_at_once_lose_nothing(tmp_path: Path) -> None:
    path = str(tmp_path / "ledger.jsonl")
    context = multiprocessing.get_context("fork")
    workers = [context.Process(target=_append_many, args=(path, name, 150)) for name in "ab"]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    entries = Ledger(path).entries()
    assert len(entries) == 300
    for name in "ab":
        assert {e.suggestion_id for e in entries if e.reviewer == name} == {
            f"{name}-{n}" for n in range(150)
        }


CHILD = """
import sys
from textcode.review.ledger import Ledger, LedgerEntry
ledger = Ledger(sys.argv[1])
n = 0
while True:
    ledger.append(LedgerEntry(f"s{n}", f"r{n}", "succesfactor", "succesfactor.bevlogenheid",
                              "accept", reviewer="kill", comment="enthousiaste trekker " * 20))
    print(n, flush=True)  # acknowledged: the decision is on disk
    n += 1
"""


def test_killing_a_reviewer_mid_append_loses_no_completed_decision(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    acknowledged = []
    for line in child.stdout:
        acknowledged.append(int(line))
        if len(acknowledged) >= 80:
            break
    os.kill(child.pid, signal.SIGKILL)
    acknowledged.extend(int(line) for line in child.stdout)  # acks still in the pipe
    child.wait()
    assert child.returncode == -signal.SIGKILL
    found = {e.suggestion_id for e in Ledger(path).entries()}  # replays without a torn line
    assert {f"s{n}" for n in acknowledged} <= found
    assert len(found) >= len(acknowledged)


def _hand_edit(path: Path, entry: LedgerEntry, **changes: object) -> None:
    record = {**json.loads(entry.to_line()), **changes}
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")


@pytest.mark.parametrize("time", ["gisteren", "", None, "2024-02-30T10:00:00Z", "2024-05-01"])
def test_a_time_that_is_not_one_names_line_and_field(tmp_path: Path, time: object) -> None:
    path = tmp_path / "ledger.jsonl"
    Ledger(path).append(_entry("s1", "accept"))
    _hand_edit(path, _entry("s2", "reject"), time=time)
    with pytest.raises(InputError) as info:
        Ledger(path).entries()
    assert (info.value.line, info.value.field) == (2, "time")


def test_times_the_ledger_and_imports_write_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    for n, time in enumerate(
        ["2024-05-01T09:30:00.123Z", "2024-05-01T09:30:00", "2024-05-01T11:30:00+02:00"]
    ):
        _hand_edit(path, _entry(f"s{n}", "accept"), time=time)
    assert len(Ledger(path).entries()) == 3


def test_a_retraction_must_name_an_earlier_decision(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger(path)
    first = ledger.append(_entry("s1", "accept"))
    undo = ledger.append(_entry("s1", "retract", retracts=first.entry_id))
    assert replay(ledger).empty
    _hand_edit(path, _entry("s1", "retract", retracts="bestaat-niet"))
    with pytest.raises(InputError, match="no earlier entry") as info:
        ledger.entries()
    assert (info.value.line, info.value.field) == (3, "retracts")
    path.write_bytes(first.to_line() + undo.to_line())
    _hand_edit(path, _entry("s1", "retract", retracts=undo.entry_id))
    with pytest.raises(InputError, match="a retraction itself"):
        ledger.entries()
    path.write_bytes(first.to_line())
    _hand_edit(path, _entry("s2", "accept"), entry_id=first.entry_id)
    with pytest.raises(InputError, match="used by an earlier line") as info:
        ledger.entries()
    assert info.value.field == "entry_id"


def test_repair_moves_bad_lines_aside_and_keeps_every_sound_one(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger(path)
    good = [ledger.append(_entry("s1", "accept")), ledger.append(_entry("s2", "reject"))]
    _hand_edit(path, _entry("s3", "accept"), time="vanmiddag")  # line 3
    bad_id = json.loads(path.read_bytes().split(b"\n")[2])["entry_id"]
    _hand_edit(path, _entry("s3", "retract", retracts=bad_id))  # retracts a bad line: line 4
    good.append(ledger.append(_entry("s4", "accept")))  # line 5
    before = path.read_bytes().split(b"\n")
    assert [p.line for p in ledger.problems()] == [3, 4]
    aside = ledger.repair()
    assert aside is not None and aside.name.startswith("ledger.jsonl.bad-")
    assert aside.read_bytes() == before[2] + b"\n" + before[3] + b"\n"
    assert path.read_bytes() == b"".join(e.to_line() for e in good)
    assert ledger.problems() == [] and ledger.repair() is None
    # Appends go on as before.
    ledger.append(_entry("s5", "accept"))
    assert [e.suggestion_id for e in ledger.entries()] == ["s1", "s2", "s4", "s5"]


def test_a_session_reading_new_lines_checks_retractions_against_what_it_read(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.jsonl"
    ledger = Ledger(path)
    first = ledger.append(_entry("s1", "accept"))
    entries, offset, lines = ledger.read_from(0, 0)
    ledger.append(_entry("s1", "retract", retracts=first.entry_id))
    new, _, _ = ledger.read_from(offset, lines, entries)
    assert [e.retracts for e in new] == [first.entry_id]


def _read_hand_edited(path: Path) -> tuple[list[str], list[str], str]:
    """Reviewers and comments as read, the warnings, and the state as JSON text."""
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        entries = Ledger(path).entries()
    state = replay(entries).to_json(orient="records", force_ascii=False)
    return [e.reviewer for e in entries], [str(w.message) for w in caught], state


def test_a_hand_edited_lone_surrogate_is_read_as_a_replacement_character(
    tmp_path: Path,
) -> None:
    path = tmp_path / "ledger.jsonl"
    Ledger(path).append(_entry("s1", "accept", comment="te weinig geld"))
    edited = _entry("s2", "reject", reviewer="an\ud800na", comment="geen geld\udfff").to_dict()
    with open(path, "a", encoding="utf-8") as handle:  # json.dumps escapes them as \udXXX
        handle.write(json.dumps(edited) + "\n")
    before = path.read_bytes()
    reviewers, warned, state = _read_hand_edited(path)
    assert reviewers == ["anna", "an\ufffdna"]
    assert len(warned) == 1 and "ledger.jsonl: 2 \\u escapes" in warned[0]
    assert "(line 2)" in warned[0] and "geen geld\ufffd" in state
    assert path.read_bytes() == before  # read, never rewritten


def test_a_line_that_is_not_utf8_says_so_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "ledger.jsonl"
    Ledger(path).append(_entry("s1", "accept"))
    line = _entry("s2", "reject", comment="te weinig geld").to_line()
    with open(path, "ab") as handle:
        handle.write(line.replace(b"weinig", b"w\xe9inig").rstrip(b"\n") + b"\n")
    with pytest.raises(InputError) as info:
        Ledger(path).entries()
    assert str(info.value) == f"{path}, line 2: not UTF-8 text"


def test_a_ledger_an_editor_saved_with_a_byte_order_mark_reads_and_grows(tmp_path: Path) -> None:
    """Notepad and Excel save UTF-8 with a byte-order mark; every reader of textcode allows one,
    the ledger too: the same entries, and appending and replaying go on as before."""
    path = tmp_path / "beslissingen.jsonl"
    ledger = Ledger(path)
    ledger.append(_entry("s1", "accept", comment="te weinig geld"))
    ledger.append(_entry("s2", "reject", comment="gaat over kennis, niet over geld"))
    entries = ledger.entries()
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert Ledger(path).entries() == entries
    assert Ledger(path).problems() == []
    ledger.append(_entry("s1", "reject", comment="toch niet"))
    assert list(replay(Ledger(path))["decision"]) == ["reject", "reject"]
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # read, never rewritten
