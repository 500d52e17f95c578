"""Rule health: precision per rule, and exclusions where rejections share a context."""

from __future__ import annotations

from pathlib import Path

import pytest

from textcode.cli import main
from textcode.review.ledger import Ledger, LedgerEntry, MachineSuggestion
from textcode.review.rulehealth import rule_health

ANSWERS = {
    "b1": "Het budget was geen probleem, maar er waren te weinig mensen.",
    "b2": "Budget was geen probleem; de planning wel.",
    "b3": "Het ontbrak aan budget voor de uitrol.",
    "b4": "Te weinig budget en geen tijd.",
    "b5": "Het budget was ruim voldoende, de techniek haperde.",
}
VERDICT = {"b1": "reject", "b2": "reject", "b3": "accept", "b4": "accept", "b5": "reject"}


def _ledger(path: Path) -> Ledger:
    ledger = Ledger(path)
    entries = []
    for rid, text in ANSWERS.items():
        start = text.lower().index("budget")
        machine = MachineSuggestion(
            "belemmering.financiering#2",
            0.8,
            "2026.11.2",
            start,
            start + 6,
            text[start : start + 6],
        )
        entries.append(
            LedgerEntry(
                f"s{rid}",
                rid,
                "belemmering",
                "belemmering.financiering",
                VERDICT[rid],
                reviewer="anna",
                machine=machine,
            )
        )
    machine = MachineSuggestion(
        "belemmering.capaciteit_tijd#1", 0.9, "2026.11.2", 41, 57, "te weinig mensen"
    )
    entries.append(
        LedgerEntry(
            "sx",
            "b1",
            "belemmering",
            "belemmering.capaciteit_tijd",
            "accept",
            reviewer="anna",
            machine=machine,
        )
    )
    ledger.append_many(entries)
    return ledger


def test_precision_per_rule_and_proposed_exclusion(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path / "l.jsonl")
    texts = {(rid, "belemmering"): text for rid, text in ANSWERS.items()}
    health = rule_health(ledger, texts=texts, redact=False)
    rules = health.rules.set_index("rule")
    assert rules.loc["belemmering.financiering#2", "precision"] == pytest.approx(2 / 5)
    assert rules.loc["belemmering.capaciteit_tijd#1", "precision"] == 1.0
    assert health.rules.iloc[0]["rule"] == "belemmering.financiering#2"  # least precise first
    words = {p.word: p for p in health.exclusions}
    assert "probleem" in words and "geen" not in words  # 'geen' also appears near accepted evidence
    proposal = words["probleem"]
    assert (proposal.rejected_with, proposal.rejected, proposal.accepted_with) == (2, 3, 0)
    assert proposal.proposed.endswith("NOT NEAR/4 probleem")
    assert {e["response_id"] for e in proposal.evidence} == {"b1", "b2"}
    assert "[[budget]]" in proposal.evidence[0]["context"].lower()


def test_rule_health_on_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(__file__).resolve().parent / "data" / "review"
    ledger = tmp_path / "l.jsonl"
    base = [
        "review",
        str(data / "suggestions_nl.jsonl"),
        "--ledger",
        str(ledger),
        "--reviewer",
        "anna",
    ]
    assert main([*base, "--accept-rule", "succesfactor.bevlogenheid#2"]) == 0
    capsys.readouterr()
    assert main([*base, "--rule-health", "--json"]) == 0
    import json

    health = json.loads(capsys.readouterr().out)["rule_health"]
    assert health["rules"][0]["rule"] == "succesfactor.bevlogenheid#2"
    assert health["rules"][0]["precision"] == 1.0 and health["exclusions"] == []


NAMED = {
    "b1": "Bel Petra de Vries, zij zegt dat men vindt dat het budget geen probleem was.",
    "b2": "Volgens Petra de Vries was budget geen probleem bij de uitrol.",
    "b3": "Petra de Vries (p.devries@vrzeeland.nl): het budget was geen probleem.",
    "b4": "Te weinig budget en geen tijd.",
}


def _named_entries() -> list[LedgerEntry]:
    entries = []
    for rid, text in NAMED.items():
        start = text.index("budget")
        machine = MachineSuggestion(
            "belemmering.financiering#2", 0.8, "2026.11.2", start, start + 6, "budget"
        )
        verdict = "accept" if rid == "b4" else "reject"
        entries.append(
            LedgerEntry(
                f"s{rid}",
                rid,
                "belemmering",
                "belemmering.financiering",
                verdict,
                reviewer="anna",
                machine=machine,
            )
        )
    return entries


def test_rule_health_shows_no_personal_data_in_contexts_or_proposed_words() -> None:
    texts = {(rid, "belemmering"): text for rid, text in NAMED.items()}
    health = rule_health(_named_entries(), texts=texts)
    shown = health.to_text() + repr(health.to_dict())
    # the context window starts inside a name: the name is found in the whole answer
    assert "Vries" not in shown and "Petra" not in shown and "p.devries" not in shown
    assert "petra" not in shown and "vries" not in shown  # a name is no exclusion word
    contexts = {e["response_id"]: e["context"] for p in health.exclusions for e in p.evidence}
    assert contexts["b1"].startswith("[NAAM], zij zegt dat men vindt dat het [[budget]]")
    assert "[NAAM] ([E-MAIL]): het [[budget]] was geen probleem" in contexts["b3"]
    assert {p.word for p in health.exclusions} == {"probleem"}
    # --no-redact: the reviewer asked for the original
    plain = rule_health(_named_entries(), texts=texts, redact=False)
    assert "Petra de Vries" in plain.to_text()


def test_rule_health_redacts_evidence_when_no_answers_are_given() -> None:
    entries = _named_entries()
    near = "organiseren door Petra de Vries van innovatieprocessen"
    entries = [
        LedgerEntry(
            f"n{n}",
            f"k{n}",
            "kennisbehoefte",
            "kennisbehoefte.innovatieproces",
            "reject",
            reviewer="anna",
            machine=MachineSuggestion("kennisbehoefte.innovatieproces#3", 0.6, "x", 0, 53, near),
        )
        for n in range(3)
    ]
    health = rule_health(entries, min_share=0.3)
    shown = health.to_text() + repr(health.to_dict())
    assert "Petra" not in shown and "Vries" not in shown
    assert "[[organiseren door [NAAM] van innovatieprocessen]]" in shown
