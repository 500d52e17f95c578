"""``textcode review`` on the command line, including the interactive mode."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from textcode.cli import main
from textcode.review.interactive import run_interactive
from textcode.review.ledger import Ledger, replay
from textcode.review.session import ReviewSession

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "review"
SUGGESTIONS = str(DATA / "suggestions_nl.jsonl")
ANSWERS = str(DATA / "answers_nl.jsonl")
CODEBOOK = str(DATA / "codebook_review_nl.yaml")


def _review(ledger: Path, *args: str, reviewer: str = "anna") -> list[str]:
    return [
        "review",
        SUGGESTIONS,
        "--ledger",
        str(ledger),
        "--reviewer",
        reviewer,
        "--codebook",
        CODEBOOK,
        *args,
    ]


def _ids() -> dict[tuple[str, str], str]:
    ids = {}
    for line in Path(SUGGESTIONS).read_text("utf-8").splitlines():
        record = json.loads(line)
        ids[(record["response_id"], record["evidence"])] = record["suggestion_id"]
    return ids


def test_next_json_has_full_answer_evidence_label_rule_and_other_suggestions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    args = _review(ledger, "--answers", ANSWERS, "--next", "--json", "--no-redact")
    assert main(args) == 0
    shown = json.loads(capsys.readouterr().out)["next"]
    assert shown["response_id"] == "k08" and shown["code"] == "kennisbehoefte.verbinden"
    assert shown["text"].startswith("Netwerk bouwen en onderhouden met relevante industrie")
    assert shown["highlighted"].startswith("[[Netwerk bouwen]]")
    assert shown["label"] == "Verbinden van organisaties" and shown["definition"]
    assert shown["rule"] == "kennisbehoefte.verbinden#2"
    assert [o["code"] for o in shown["others"]] == ["kennisbehoefte.markt_netwerk"]


def test_next_text_without_answers_says_how_to_get_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(_review(tmp_path / "l.jsonl", "--next")) == 0
    out = capsys.readouterr().out
    assert "[[Netwerk bouwen]]" in out and "--answers" in out
    assert "0/30 decided" in out


def test_accept_reject_add_undo_and_bulk(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    ids = _ids()
    accept = [ids[("k01", "innovatieprocessen")], ids[("k02", "implementatie")]]
    reject = [ids[("k04", "innovatietrajecten")]]
    args = _review(ledger, "--accept", *accept, "--reject", *reject)
    # s06 has no suggestion for any code: adding to it needs the answers.
    args += ["--answers", ANSWERS, "--add", "s06:succesfactor.bestuurlijke_steun"]
    args += ["--comment", "zie antwoord"]
    assert main(args) == 0
    assert "recorded 2 accept, 1 reject, 1 add by anna" in capsys.readouterr().out
    assert main(_review(ledger, "--accept-rule", "succesfactor.bevlogenheid#2", "--json")) == 0
    recorded = json.loads(capsys.readouterr().out)["recorded"]
    assert sorted(r["response_id"] for r in recorded) == ["s02", "s03"]
    # One call is one action: undo takes back both suggestions of the rule.
    assert main(_review(ledger, "--undo")) == 0
    out = capsys.readouterr().out
    assert out.startswith("undid accept of succesfactor.bevlogenheid") and "1 more" in out
    state = replay(ledger)
    assert len(state) == 4
    assert set(state["decision"]) == {"accept", "reject", "add"}
    assert (state["comment"] == "zie antwoord").sum() == 4
    # A retried call writes nothing and says what was on record.
    assert main(args) == 0
    assert "already on record, not written again: 4" in capsys.readouterr().out
    assert len(replay(ledger)) == 4


def test_errors_exit_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ledger = tmp_path / "l.jsonl"
    assert main(_review(ledger, "--accept", "s0000000000000000")) == 2
    err = capsys.readouterr().err
    assert "no suggestion with id 's0000000000000000'" in err and err.count("\n") == 1
    assert main(_review(ledger, "--add", "s06-bestuur")) == 2
    assert "RESPONSE_ID:CODE" in capsys.readouterr().err
    ledger.write_bytes(b'{"entry_id": "x", "suggestion_id": "s1"')  # torn
    assert main(_review(ledger, "--next")) == 2
    err = capsys.readouterr().err
    assert "line 1" in err and "torn" in err
    assert main(_review(ledger, "--repair-ledger")) == 0
    assert "moved a torn last line" in capsys.readouterr().out
    assert Ledger(ledger).entries() == []


def test_answers_that_were_not_coded_are_refused_before_anything_is_shown(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Answers given are the answers coded, as an export needs them: a suggestion on no answer
    of them, or whose evidence is not its answer's words, is one line (exit 2), not a decision
    on text nobody saw or a highlight on the wrong words."""
    lines = Path(ANSWERS).read_text("utf-8").splitlines(keepends=True)
    ledger = tmp_path / "l.jsonl"
    accept = _ids()[("k01", "innovatieprocessen")]
    line = next(
        n
        for n, t in enumerate(Path(SUGGESTIONS).read_text("utf-8").splitlines(), 1)
        if '"k08"' in t
    )
    partial = tmp_path / "deel.jsonl"  # every answer but k08's
    partial.write_text("".join(t for t in lines if '"k08"' not in t), "utf-8")
    assert main(_review(ledger, "--answers", str(partial), "--accept", accept)) == 2
    err = capsys.readouterr().err
    assert f"suggestions_nl.jsonl, line {line}, field 'response_id'" in err
    assert "'k08'" in err and "no such answer" in err and err.count("\n") == 1
    other = tmp_path / "ander.jsonl"  # k08 answered in other words
    other.write_text(
        "".join(t.replace("Netwerk bouwen", "Geen idee, echt") for t in lines), "utf-8"
    )
    assert main(_review(ledger, "--answers", str(other), "--next")) == 2
    err = capsys.readouterr().err
    assert f"line {line}, field 'evidence'" in err and "Netwerk" not in err
    assert not ledger.exists() or Ledger(ledger).entries() == []
    assert main(_review(ledger, "--answers", ANSWERS, "--accept", accept)) == 0


def test_a_suggestion_id_is_one_suggestion_and_an_empty_file_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two runs' files put together repeat records: kept once. An id on two different
    suggestions (a hand edit) lost the first; now one line names both lines. An empty file
    said "Everything is decided"."""
    lines = Path(SUGGESTIONS).read_text("utf-8").splitlines(keepends=True)
    path = tmp_path / "suggesties.jsonl"
    path.write_text("".join(lines + lines[:2]), "utf-8")
    ledger = tmp_path / "l.jsonl"
    args = ["review", str(path), "--ledger", str(ledger), "--reviewer", "anna"]
    assert main([*args, "--codebook", CODEBOOK, "--next"]) == 0
    assert "0/30 decided" in capsys.readouterr().out
    other = json.loads(lines[0]) | {"code": "kennisbehoefte.juridisch"}
    path.write_text("".join(lines) + json.dumps(other, ensure_ascii=False) + "\n", "utf-8")
    assert main([*args, "--codebook", CODEBOOK, "--next"]) == 2
    err = capsys.readouterr().err
    assert f"line {len(lines) + 1}, field 'suggestion_id'" in err and "on line 1" in err
    path.write_text("", "utf-8")
    assert main([*args, "--next"]) == 0
    assert capsys.readouterr().out == f"No suggestions to review in {path}.\n"


def test_interactive_mode_with_injected_keys(tmp_path: Path) -> None:
    session = ReviewSession(
        SUGGESTIONS, tmp_path / "l.jsonl", "anna", codebook=CODEBOOK, order="respondent"
    )
    keys = iter("arsxu" + "a" + "q")
    shown: list[str] = []
    done = run_interactive(session, read_key=lambda: next(keys), write=shown.append)
    # a: accept k01, r: reject k02, s: skip k03 implementatie, x: help, u: undo the reject,
    # a: accept k02 again (the undone item comes back first), q: quit
    assert done == {"accept": 2, "reject": 1, "skip": 1, "undo": 1}
    screen = "".join(shown)
    assert "[a] accept" in screen and "undid reject of kennisbehoefte.implementatie" in screen
    assert "2/30 decided" in screen
    state = replay(tmp_path / "l.jsonl")
    assert sorted(zip(state.response_id, state.decision, strict=True)) == [
        ("k01", "accept"),
        ("k02", "accept"),
    ]


def test_interactive_mode_on_a_pseudo_terminal(tmp_path: Path) -> None:
    ledger = tmp_path / "l.jsonl"
    master, slave = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEXTCODE_REVIEWER": "pty"}
    cmd = [sys.executable, "-m", "textcode", *_review(ledger, "--order", "respondent")]
    cmd.remove("--reviewer")
    cmd.remove("anna")
    child = subprocess.Popen(cmd, stdin=slave, stdout=slave, stderr=slave, env=env)
    os.close(slave)
    output = b""
    seen = 0

    def read_until(marker: bytes, timeout: float = 30) -> None:
        # Wait for output after what was consumed so far, so a key is sent only at its prompt.
        nonlocal output, seen
        deadline = time.monotonic() + timeout
        while marker not in output[seen:] and time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 0.5)
            if ready:
                try:
                    output += os.read(master, 4096)
                except OSError:
                    break
        if marker in output[seen:]:
            seen = output.index(marker, seen) + len(marker)

    try:
        for key, progress in ((b"a", b"0/30 decided"), (b"r", b"1/30 decided"), (b"q", b"2/30")):
            read_until(progress)
            read_until(b"[?] help > ")
            os.write(master, key)
        read_until(b"undone.")
        assert child.wait(30) == 0
    finally:
        if child.poll() is None:
            child.kill()
        os.close(master)
    state = replay(ledger)
    assert list(zip(state.response_id, state.decision, strict=True)) == [
        ("k01", "accept"),
        ("k02", "reject"),
    ]
    assert b"1 accepted, 1 rejected" in output


def test_review_views_are_redacted_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "l.jsonl"
    args = ["--answers", ANSWERS, "--code", "belemmering.techniek", "--next", "--json"]
    assert main(_review(ledger, *args)) == 0
    shown = json.loads(capsys.readouterr().out)["next"]
    assert shown["redacted"] is True
    assert "06-12345678" not in shown["text"] and "Jan de Vries" not in shown["text"]
    assert shown["evidence"] == "verouderd systeem"  # the highlight still lands on the words
    assert main(_review(ledger, *args, "--no-redact")) == 0
    assert "06-12345678" in json.loads(capsys.readouterr().out)["next"]["text"]


def test_repair_ledger_moves_hand_edited_lines_aside(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from textcode.review.ledger import LedgerEntry

    ledger = tmp_path / "l.jsonl"
    first = Ledger(ledger).append(
        LedgerEntry("s1", "r1", "belemmering", "belemmering.financiering", "accept", "anna")
    )
    edited = json.loads(first.to_line())
    edited.update(entry_id="x2", time="vorige week")
    retract = {**edited, "entry_id": "x3", "decision": "retract", "retracts": "onbekend"}
    retract["time"] = first.time
    with open(ledger, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(edited) + "\n" + json.dumps(retract) + "\n")
    assert main(_review(ledger, "--next")) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line 2" in err and "'time'" in err
    assert main(_review(ledger, "--repair-ledger", "--json")) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["lines"] == [2, 3] and out["bad_lines_moved_to"].endswith(
        ".bad-" + str(len(first.to_line()))
    )
    assert [e.entry_id for e in Ledger(ledger).entries()] == [first.entry_id]
