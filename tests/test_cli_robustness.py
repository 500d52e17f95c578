"""What a user gets wrong on the command line gets one clear line, and nothing is lost."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cli_run import run_cli

from textcode.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def two_questions(tmp_path: Path) -> Path:
    path = tmp_path / "antwoorden.csv"
    path.write_text(
        "id,belemmeringen,knelpunten\n"
        "1,Het budget was te laag,Geen tijd en te weinig mensen beschikbaar\n"
        "2,Geen geld,n.v.t.\n",
        encoding="utf-8",
    )
    return path


def test_two_questions_in_one_group_are_refused_naming_both(
    two_questions: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["code", str(two_questions), "--id-column", "id", "--quiet"]
    assert main([*args, "--text-column", "belemmeringen", "--text-column", "knelpunten"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0
    assert "antwoorden.csv" in err and "'belemmeringen'" in err and "'knelpunten'" in err
    # One of them alone is fine.
    assert main([*args, "--text-column", "knelpunten"]) == 0


def test_out_may_not_be_the_input(two_questions: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = two_questions.read_bytes()
    status = main(
        [
            "code",
            str(two_questions),
            "--id-column",
            "id",
            "--text-column",
            "knelpunten",
            "--out",
            str(two_questions),
        ]
    )
    assert status == 2
    assert "never writes over its input" in capsys.readouterr().err
    assert two_questions.read_bytes() == before


def test_no_output_names_an_input_or_another_output(
    two_questions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every file a command reads is only read: an output option naming one (``--log`` the
    answers, ``--out`` a dictionary or a patch) is one line, and the file is as it was."""
    dictionary = tmp_path / "woordenboek.yml"
    dictionary.write_text("belemmering:\n  geld:\n    - budget*\n    - geld\n", "utf-8")
    patch = tmp_path / "voorstel.yaml"
    patch.write_text(
        "textcode_patch: 2\nadd_patterns:\n  - {code: belemmering.geld, rule: subsidie}\n",
        "utf-8",
    )
    codebook = tmp_path / "boek.yaml"
    assert main(["import", "codebook", str(dictionary), "--out", str(codebook)]) == 0
    capsys.readouterr()
    redact = ["redact", str(two_questions), "--id-column", "id", "--text-column", "knelpunten"]
    cases = [
        ([*redact, "--out", str(tmp_path / "r.csv"), "--log", str(two_questions)], "--log is the"),
        (["import", "codebook", str(dictionary), "--out", str(dictionary)], "(FILE)"),
        (["codebook", "apply-patch", str(codebook), str(patch), "--out", str(patch)], "(PATCH)"),
        ([*redact, "--out", str(tmp_path / "r.csv"), "--log", str(tmp_path / "r.csv")], "name one"),
    ]
    files = (two_questions, dictionary, patch, codebook)
    before = [f.read_bytes() for f in files]
    for args, says in cases:
        assert main(args) == 2, args
        err = capsys.readouterr().err
        assert says in err and err.count("\n") == 1, err
    assert [f.read_bytes() for f in files] == before
    assert not (tmp_path / "r.csv").exists()


def test_unwritable_outputs_are_one_line(
    two_questions: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = [
        "code",
        str(two_questions),
        "--id-column",
        "id",
        "--text-column",
        "knelpunten",
        "--quiet",
    ]
    assert main([*args, "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    blocker = tmp_path / "bestand"
    blocker.write_text("x", encoding="utf-8")
    assert main([*args, "--out", str(blocker / "s.jsonl")]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("textcode: error:") and "\n" not in err


def test_usage_errors_are_one_line() -> None:
    done = run_cli("code", "x.csv", "--format", "xml")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1
    assert "invalid choice: 'xml'" in done.stderr


def test_a_question_no_group_claims_is_named_in_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "opmerkingen.csv"
    path.write_text("id,opmerking\n1,Te weinig tijd\n2,nvt\n", encoding="utf-8")
    done = run_cli("code", str(path), "--id-column", "id", "--text-column", "opmerking", "--quiet")
    assert done.returncode == 0
    assert "textcode: warning: question 'opmerking' matches no group" in done.stderr
    assert [json.loads(line)["code"] for line in done.stdout.splitlines()] == ["overig.geen_inhoud"]


def test_main_called_from_python_restores_the_callers_warning_display(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a notebook ``main`` prints its warnings as one line, and afterwards the notebook's
    own display of warnings is back."""
    import warnings

    path = tmp_path / "opmerkingen.csv"
    path.write_text("id,opmerking\n1,Te weinig tijd voor innovatie\n", encoding="utf-8")
    out = tmp_path / "codes.jsonl"
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        before = warnings.showwarning
        args = ["code", str(path), "--id-column", "id", "--text-column", "opmerking"]
        assert main([*args, "--out", str(out), "--quiet"]) == 0
        assert warnings.showwarning is before
    assert "textcode: warning: question 'opmerking' matches no group" in capsys.readouterr().err


def test_gold_files_with_a_bom_and_survey_question_names_work_everywhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    lines = [
        {
            "id": "1",
            "question": "belemmering_overig",
            "text": "Te weinig budget",
            "codes": ["belemmering.financiering"],
        },
        {
            "id": "2",
            "question": "belemmering_overig",
            "text": "Trage besluitvorming",
            "codes": ["belemmering.besluitvorming"],
        },
    ]
    gold.write_text(
        "\ufeff" + "".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines),
        encoding="utf-8",
    )
    assert main(["evaluate", str(gold), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["micro_f1"] == 1.0

    from textcode.coding.gold import gold_codes
    from textcode.review.learn import labels_from_gold

    assert gold_codes(gold) == {
        ("1", "belemmering_overig"): {"belemmering.financiering"},
        ("2", "belemmering_overig"): {"belemmering.besluitvorming"},
    }
    from textcode.codebook import load_codebook

    assert set(gold_codes(gold, load_codebook())) == {("1", "belemmering"), ("2", "belemmering")}
    from textcode.review.agreement import read_gold  # the old name still works, and says so

    with pytest.warns(FutureWarning, match="gold_codes"):
        assert read_gold(gold) == gold_codes(gold)
    answers, codes = labels_from_gold(gold)
    assert list(answers["response_id"]) == ["1", "2"] and codes[1] == ["belemmering.besluitvorming"]


def test_evaluate_redacts_answers_by_default(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    gold = tmp_path / "gold.jsonl"
    text = "Bel Ester de Vries op 06-12345678, het budget was op"
    gold.write_text(
        json.dumps({"id": "g1", "question": "belemmering", "text": text, "codes": []}) + "\n"
    )
    assert main(["evaluate", str(gold)]) == 0
    out = capsys.readouterr().out
    assert "06-12345678" not in out and "Ester" not in out and "[TELEFOON]" in out
    assert "'budget' in" in out
    assert main(["evaluate", str(gold), "--no-redact"]) == 0
    assert "06-12345678" in capsys.readouterr().out


def test_the_sidecar_fills_in_the_roles_options_leave_out() -> None:
    from textcode.ingest import read_answers

    answers = read_answers(
        ROOT / "samples" / "ifv2020" / "responses.csv", text_columns=["kennisbehoefte"]
    )
    assert answers["response_id"].iloc[0] == "vl01-p01"
    assert set(answers["question"]) == {"kennisbehoefte"}
