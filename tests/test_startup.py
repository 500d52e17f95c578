"""Commands that need no NLP start without spaCy: reviewing, agreement, exporting a codebook.

Importing spaCy takes seconds; a reviewer who accepts one suggestion or asks for the state of
a review should not wait for it. Each command runs in one fresh interpreter, which then says
whether spaCy (or textcode's coder) was imported, and whether pandas was (half a second with
pyarrow: coding a JSON Lines or CSV file and the state of a review make no table).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from textcode.cli import main

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data" / "review"
SUGGESTIONS = DATA / "suggestions_nl.jsonl"
CODEBOOK = DATA / "codebook_review_nl.yaml"

SCRIPT = """
import json, sys
from textcode.cli import main
status = main(sys.argv[1:])
heavy = [name for name in ("spacy", "thinc", "textcode.coding.coder") if name in sys.modules]
print(json.dumps({"status": status, "heavy": heavy, "pandas": "pandas" in sys.modules}))
"""


def run_fresh(*args: str) -> dict[str, object]:
    """``textcode *args`` in a new interpreter: its exit status and the heavy modules it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        check=False,
    )
    last = done.stdout.strip().splitlines()[-1]
    result: dict[str, object] = json.loads(last)
    assert result["status"] == 0, done.stderr
    return result


def first_suggestion_id() -> str:
    with SUGGESTIONS.open(encoding="utf-8") as handle:
        return str(json.loads(handle.readline())["suggestion_id"])


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A ledger holding one decision, made in this process: each test that reads it runs
    alone too (with ``-k``, or on another xdist worker than the test that accepts)."""
    path = tmp_path_factory.mktemp("startup") / "besluiten.jsonl"
    assert main(list(review(path, "--accept", first_suggestion_id()))) == 0
    return path


def review(ledger: Path, *args: str) -> tuple[str, ...]:
    return (
        "review",
        str(SUGGESTIONS),
        "--ledger",
        str(ledger),
        "--reviewer",
        "anna",
        "--codebook",
        str(CODEBOOK),
        *args,
    )


def test_accepting_a_suggestion_imports_no_spacy(tmp_path: Path) -> None:
    ledger = tmp_path / "besluiten.jsonl"
    assert run_fresh(*review(ledger, "--accept", first_suggestion_id()))["heavy"] == []
    assert ledger.read_text(encoding="utf-8").count('"accept"') == 1


def test_the_state_of_a_review_imports_no_spacy(ledger: Path) -> None:
    assert run_fresh(*review(ledger, "--state", "--json"))["heavy"] == []


def test_the_state_of_a_review_as_csv_imports_no_pandas(ledger: Path) -> None:
    found = run_fresh(*review(ledger, "--state"))
    assert found["heavy"] == [] and found["pandas"] is False
    # --json makes the table (pandas' JSON of it): the check can fail.
    assert run_fresh(*review(ledger, "--state", "--json"))["pandas"] is True


def test_agreement_imports_no_spacy(ledger: Path) -> None:
    found = run_fresh("agreement", "--ledger", str(ledger), "--suggestions", str(SUGGESTIONS))
    assert found["heavy"] == []


def test_exporting_a_codebook_imports_no_spacy(tmp_path: Path) -> None:
    out = tmp_path / "codeboek.qdc"
    found = run_fresh("export", "codebook", str(CODEBOOK), "--format", "qdc", "--out", str(out))
    assert found["heavy"] == []
    assert "<CodeBook" in out.read_text(encoding="utf-8")


def test_coding_does_import_spacy(tmp_path: Path) -> None:
    # The check above can fail: a command that tokenises shows spaCy in the same report.
    answers = tmp_path / "antwoorden.csv"
    answers.write_text("id,kennisbehoefte\n1,Meer kennis over AI-modellen\n", encoding="utf-8")
    out = str(tmp_path / "s.jsonl")
    found = run_fresh("code", str(answers), "--text-column", "kennisbehoefte", "--out", out)
    assert "spacy" in found["heavy"]  # type: ignore[operator]
    assert found["pandas"] is False


def test_coding_json_lines_imports_no_pandas(tmp_path: Path) -> None:
    answers = tmp_path / "antwoorden.jsonl"
    lines = [
        {"response_id": "r1", "question": "belemmering", "text": "Te weinig budget en tijd"},
        {"response_id": "r2", "question": "kennisbehoefte", "text": "Meer kennis over AI"},
    ]
    answers.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "s.jsonl"
    found = run_fresh("code", str(answers), "--out", str(out))
    assert found["pandas"] is False
    assert '"belemmering.financiering"' in out.read_text(encoding="utf-8")
    # A source read whole into a table (SPSS) does import it: the check above can fail.
    spss = ROOT / "samples" / "ifv2020" / "responses.sav"
    found = run_fresh("code", str(spss), "--out", str(out))
    assert found["pandas"] is True
