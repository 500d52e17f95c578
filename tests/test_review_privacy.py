"""Review views never show personal data by default: not in the evidence, not in the answer,
not in state, not in the echo of a decision, with or without the answers at hand.

The fixture's suggestions come from NEAR-style rules whose evidence reaches across a name or an
e-mail address ("organiseren door Petra de Vries van innovatieprocessen").
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from textcode.cli import main
from textcode.codebook import load_codebook
from textcode.review.session import ReviewSession

DATA = Path(__file__).resolve().parent / "data" / "review"
SUGGESTIONS = DATA / "pii_suggestions_nl.jsonl"
ANSWERS = DATA / "pii_answers_nl.jsonl"
CODEBOOK = DATA / "codebook_review_nl.yaml"
PERSONAL = (
    "Petra",
    "Vries",
    "p.devries",
    "vrzeeland",
    "06-12345678",
    "Jeroen",
    "Bakker",
    "j.bakker",
    "Sanne",
    "Jansen",
)
NEAR_ID = "scfbe447cf5afb386"  # organiseren door Petra de Vries van innovatieprocessen
MAIL_ID = "s2e6d7a511ed678b3"  # mail haar op p.devries@vrzeeland.nl
BAKKER_ID = "s81325d3bd942d402"  # Budget was het probleem, zegt Jeroen Bakker


def _answers() -> pd.DataFrame:
    rows = [json.loads(line) for line in ANSWERS.read_text("utf-8").splitlines()]
    return pd.DataFrame(rows).rename(columns={"id": "response_id"})


def _session(tmp_path: Path, *, answers: bool = False, **kw: object) -> ReviewSession:
    return ReviewSession(
        SUGGESTIONS,
        tmp_path / "ledger.jsonl",
        "anna",
        answers=_answers() if answers else None,
        codebook=load_codebook(CODEBOOK),
        **kw,  # type: ignore[arg-type]
    )


def _leaks(shown: object) -> list[str]:
    text = json.dumps(shown, ensure_ascii=False, default=str)
    return [value for value in PERSONAL if value in text]


def test_next_without_answers_shows_the_evidence_redacted(tmp_path: Path) -> None:
    item = _session(tmp_path).next()
    assert item is not None and item.suggestion_id == NEAR_ID and item.text is None
    assert item.evidence == "organiseren door [NAAM] van innovatieprocessen"
    assert item.highlighted() == "[[organiseren door [NAAM] van innovatieprocessen]]"
    assert [o.evidence for o in item.others] == ["mail haar op [E-MAIL]"]
    assert _leaks(item.to_dict()) == []
    plain = _session(tmp_path, redact=False).next()
    assert plain is not None and plain.evidence == (
        "organiseren door Petra de Vries van innovatieprocessen"
    )


def test_every_open_item_and_answer_is_redacted_with_or_without_answers(tmp_path: Path) -> None:
    for answers in (False, True):
        session = _session(tmp_path, answers=answers)
        items = session.open_items()
        assert len(items) == 4
        assert _leaks([item.to_dict() for item in items]) == []
        assert _leaks([session.answer(rid) for rid in ("p01", "p02", "p03")]) == []
        budget = next(item for item in items if item.code == "belemmering.financiering")
        # the unit's other span (evidence ending in a name) and the explanation quoting it
        assert [s.evidence for s in budget.spans] == ["Budget was het probleem, zegt [NAAM]"]
        assert _leaks([s.to_dict() for s in budget.spans]) == []
    with_text = _session(tmp_path, answers=True).item(BAKKER_ID)
    assert with_text.text is not None and with_text.redacted
    assert with_text.evidence == "Budget was het probleem, zegt [NAAM]"


def test_state_shows_evidence_and_comments_redacted(tmp_path: Path) -> None:
    session = _session(tmp_path)
    session.accept(NEAR_ID, comment="Petra de Vries noemt dit zelf")
    session.reject(MAIL_ID, comment="geen kennisbehoefte, alleen contactgegevens")
    state = session.state().set_index("suggestion_id")
    assert state.loc[NEAR_ID, "evidence"] == "organiseren door [NAAM] van innovatieprocessen"
    assert state.loc[NEAR_ID, "comment"] == "[NAAM] noemt dit zelf"
    assert state.loc[MAIL_ID, "evidence"] == "mail haar op [E-MAIL]"
    assert _leaks(state.reset_index().to_dict("records")) == []
    # a decision outside this session's queue (another --code) comes from the ledger entry
    narrow = _session(tmp_path, code="belemmering.financiering").state()
    outside = narrow.set_index("suggestion_id").loc[NEAR_ID]
    assert outside["evidence"] == "organiseren door [NAAM] van innovatieprocessen"
    assert _leaks(narrow.to_dict("records")) == []
    # with the answers, the evidence is cut from the redacted answer
    full = _session(tmp_path, answers=True).state().set_index("suggestion_id")
    assert full.loc[NEAR_ID, "evidence"] == "organiseren door [NAAM] van innovatieprocessen"
    raw = _session(tmp_path, redact=False).state().set_index("suggestion_id")
    assert raw.loc[NEAR_ID, "comment"] == "Petra de Vries noemt dit zelf"


def test_echoed_decisions_are_redacted_but_the_ledger_keeps_the_record(tmp_path: Path) -> None:
    session = _session(tmp_path)
    entries = session.accept(NEAR_ID, BAKKER_ID, comment="zie Petra de Vries")
    shown = [session.shown_entry(entry) for entry in entries]
    assert shown[0]["machine"]["evidence"] == "organiseren door [NAAM] van innovatieprocessen"
    assert shown[1]["machine"]["evidence"] == "Budget was het probleem, zegt [NAAM]"
    assert shown[0]["comment"] == "zie [NAAM]"
    assert _leaks(shown) == []
    # the audit trail on disk holds what the machine saw
    assert "Petra de Vries van innovatieprocessen" in (tmp_path / "ledger.jsonl").read_text("utf-8")
    undone = session.undo()
    assert undone is not None and _leaks(session.shown_entry(undone)) == []
    plain = _session(tmp_path, redact=False)
    assert plain.shown_entry(entries[0]) == entries[0].to_dict()


def _review(ledger: Path, *args: str) -> list[str]:
    return ["review", str(SUGGESTIONS), "--ledger", str(ledger), "--reviewer", "anna",
            "--codebook", str(CODEBOOK), *args]  # fmt: skip


@pytest.mark.parametrize(
    "args",
    [
        ("--next",),
        ("--next", "--json"),
        ("--next", "--json", "--answers", str(ANSWERS), "--question-column", "question"),
        ("--accept", NEAR_ID, "--comment", "Petra de Vries", "--json"),
        ("--reject", MAIL_ID, "--json"),
        ("--accept", BAKKER_ID, "--undo", "--json"),
        ("--add", "p03:kennisbehoefte.innovatieproces", "--comment", "Sanne Jansen", "--json"),
        ("--note", NEAR_ID, "Bel Jeroen Bakker hierover", "--json"),
        ("--state",),
        ("--state", "--json"),
    ],
)
def test_command_line_views_are_redacted_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: tuple[str, ...]
) -> None:
    ledger = tmp_path / "l.jsonl"
    # decisions on record first, so that --state has something to show
    assert main(_review(ledger, "--accept", NEAR_ID, "--comment", "Petra de Vries zegt ja")) == 0
    assert main(_review(ledger, "--reject", BAKKER_ID)) == 0
    # The same call on the same ledger would be a retry that writes and echoes nothing.
    twin = tmp_path / "twin.jsonl"
    twin.write_bytes(ledger.read_bytes())
    capsys.readouterr()
    assert main(_review(ledger, *args)) == 0
    assert _leaks(capsys.readouterr().out) == []
    assert main(_review(twin, *args, "--no-redact")) == 0
    assert _leaks(capsys.readouterr().out) != []  # --no-redact shows the original


def test_rule_health_on_the_command_line_is_redacted_unless_no_redact(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from textcode.review.ledger import Ledger, LedgerEntry, MachineSuggestion

    evidence = "Volgens Petra de Vries was budget geen probleem"
    Ledger(tmp_path / "l.jsonl").append_many(
        [
            LedgerEntry(
                f"r{n}",
                f"r{n}",
                "belemmering",
                "belemmering.financiering",
                "reject",
                reviewer="anna",
                machine=MachineSuggestion("belemmering.financiering#4", 0.6, "x", 0, 47, evidence),
            )
            for n in range(3)
        ]
    )
    assert main(_review(tmp_path / "l.jsonl", "--rule-health", "--json")) == 0
    health = json.loads(capsys.readouterr().out)["rule_health"]
    assert health["exclusions"] and _leaks(health) == []
    contexts = {e["context"] for p in health["exclusions"] for e in p["evidence"]}
    assert contexts == {"[[Volgens [NAAM] was budget geen probleem]]"}
    assert main(_review(tmp_path / "l.jsonl", "--rule-health", "--json", "--no-redact")) == 0
    assert "Petra de Vries" in capsys.readouterr().out


def test_command_line_fails_closed_when_redaction_cannot_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import textcode.privacy.display as display

    def broken(text: str, **kwargs: object) -> object:
        raise OSError("word lists are missing")

    monkeypatch.setattr(display, "redact_text", broken)
    display.clear_cache()
    ledger = tmp_path / "l.jsonl"
    assert main(_review(ledger, "--next", "--json")) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and _leaks(captured.err) == []
    assert captured.err.count("\n") == 1 and "could not be redacted" in captured.err
    assert main(_review(ledger, "--next", "--json", "--no-redact")) == 0
