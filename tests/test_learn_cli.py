"""`textcode code --learn-from`: the learned suggester joins the rules on the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from textcode.cli import main

LABELLED = Path(__file__).resolve().parent / "data" / "review" / "labelled_crisis_nl.jsonl"
BLIND = Path(__file__).resolve().parent / "data" / "review" / "codebook_blind_nl.yaml"


def test_model_proposes_codes_the_rules_missed(tmp_path: Path) -> None:
    rows = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    train, new = rows[:300], rows[300:]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in train), encoding="utf-8"
    )
    answers = tmp_path / "nieuw.jsonl"
    answers.write_text(
        "".join(
            json.dumps(
                {"response_id": r["id"], "question": r["question"], "text": r["text"]},
                ensure_ascii=False,
            )
            + "\n"
            for r in new
        ),
        encoding="utf-8",
    )
    out = tmp_path / "s.jsonl"
    args = ["code", str(answers), "--codebook", str(BLIND), "--learn-from", str(gold), "--quiet"]
    assert main([*args, "--out", str(out)]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    learned = [r for r in records if r["rule"].startswith("model:")]
    assert learned, "the model adds codes for answers the rules left uncoded"
    texts = {r["id"]: r["text"] for r in new}
    for record in records:
        assert texts[record["response_id"]][record["start"] : record["end"]] == record["evidence"]
    for record in learned:
        assert record["code"] == record["rule"].removeprefix("model:")
        # a proposal is a code the rules missed, never a second suggestion for a rule's code
        assert not any(
            r["response_id"] == record["response_id"]
            and r["code"] == record["code"]
            and not r["rule"].startswith("model:")
            for r in records
        )
    again = tmp_path / "again.jsonl"
    assert main([*args, "--out", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def test_learn_from_needs_gold_or_a_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "a.jsonl"
    answers.write_text(
        json.dumps({"response_id": "1", "question": "belemmering", "text": "Geld"}) + "\n"
    )
    wrong = tmp_path / "wrong.jsonl"
    wrong.write_text(json.dumps({"response_id": "1", "text": "Geld"}) + "\n")
    assert main(["code", str(answers), "--learn-from", str(wrong), "--quiet"]) == 2
    assert "wrong.jsonl, line 1: neither a gold file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("line", "message"), [(1, "not UTF-8 text"), (2, "the gold file is not UTF-8 text")]
)
def test_learn_from_a_file_that_is_not_utf8_names_its_line(
    tmp_path: Path, line: int, message: str
) -> None:
    from textcode.codebook import load_codebook
    from textcode.errors import InputError
    from textcode.review.learn import suggester_from_files

    lines = LABELLED.read_bytes().splitlines()[:3]
    lines[line - 1] = lines[line - 1].replace(b'"text": "', b'"text": "\xff', 1)
    gold = tmp_path / "gold.jsonl"
    gold.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(InputError) as info:
        suggester_from_files([gold], answers=pd.DataFrame(), codebook=load_codebook(BLIND))
    assert str(info.value) == f"{gold}, line {line}: {message}"
