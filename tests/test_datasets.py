"""The packaged sample: loaded as a data set from any folder, and read by --sample."""

from __future__ import annotations

from pathlib import Path

import pytest
from cli_run import run_cli

import textcode
from textcode.datasets import load_ifv2020, sample_paths

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "ifv2020"


def test_load_ifv2020_gives_answers_roles_codebook_and_statements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # nothing depends on the checkout being the working folder
    sample = load_ifv2020()
    assert sample.answers.columns[:3].tolist() == ["response_id", "question", "text"]
    assert sample.answers.equals(textcode.read_answers(SAMPLE / "responses.csv"))
    assert sample.roles.id_column == "project_id"
    assert sample.roles.text_column_names == [
        "kennisbehoefte",
        "succesfactor_overig",
        "belemmering_overig",
    ]
    assert sample.codebook.id == "crisis_innovation_nl"
    statement = sample.statements.set_index("id").loc["juridisch_belemmering"]
    assert (
        statement["text"]
        == "Juridische kennis wordt in {bound} van de projecten als belemmering ervaren."
    )
    assert repr(sample).startswith("Dataset('ifv2020': 267 answers, 3 questions")


def test_as_frame_false_gives_the_packaged_files() -> None:
    paths = load_ifv2020(as_frame=False)
    for name, path in [("data", paths.data), ("sav", paths.sav), ("sidecar", paths.sidecar)]:
        assert path.is_file(), name
        assert path.read_bytes() == (SAMPLE / path.name).read_bytes()
    assert paths.codebook.name == "crisis_innovation_nl.yaml" and paths.codebook.is_file()


def test_an_unknown_sample_names_the_known_ones() -> None:
    with pytest.raises(textcode.InputError, match="there is no sample 'ifv2021'; samples: ifv2020"):
        sample_paths("ifv2021")


def test_the_command_line_reads_the_sample_from_any_folder(tmp_path: Path) -> None:
    ran = run_cli("kwic", "--sample", "ifv2020", "--code", "belemmering.juridisch", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "belemmering.juridisch" in ran.stdout
    both = run_cli("kwic", "antwoorden.csv", "--sample", "ifv2020", "--term", "geld", cwd=tmp_path)
    assert both.returncode == 2 and "give INPUT or --sample, not both" in both.stderr
    neither = run_cli("kwic", "--term", "geld", cwd=tmp_path)
    assert neither.returncode == 2 and "INPUT is required" in neither.stderr
    unknown = run_cli("kwic", "--sample", "vu2021", "--term", "geld", cwd=tmp_path)
    assert unknown.returncode == 2 and "invalid choice: 'vu2021'" in unknown.stderr


def test_report_sample_writes_the_report(tmp_path: Path) -> None:
    ran = run_cli("report", "--sample", "ifv2020", "--out", "x", "--quiet", cwd=tmp_path)
    assert ran.returncode == 0, ran.stderr
    html = (tmp_path / "x" / "report.html").read_text(encoding="utf-8")
    assert "Juridische kennis wordt in meer dan een kwart van de projecten" in html
