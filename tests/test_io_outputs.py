"""Output folders: atomic files, and the previous run's leftovers removed (never the user's)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from textcode.errors import UsageError
from textcode.io import MANIFEST, OutputFolder, atomic_write_text
from textcode.io.folder import read_manifest

ROOT = Path(__file__).resolve().parents[1]


def test_a_second_run_removes_only_what_the_first_run_wrote(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with OutputFolder(out, command="report") as folder:
        folder.write_text("report.html", "<p>eerste</p>")
        folder.write_text("tabellen/kruistabel_kennisbehoefte.csv", "a,b\n")
        folder.write_bytes("woordwolken/b1_07.png", b"\x89PNG")
    (out / "mijn_notities.txt").write_text("van de onderzoeker", encoding="utf-8")
    with OutputFolder(out, command="report") as folder:
        folder.write_text("report.html", "<p>tweede</p>")
    assert (out / "report.html").read_text(encoding="utf-8") == "<p>tweede</p>"
    assert not (out / "tabellen").exists()
    assert not (out / "woordwolken").exists()
    assert (out / "mijn_notities.txt").exists()
    assert (out / MANIFEST).exists()


def test_a_failed_run_leaves_the_previous_files(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with OutputFolder(out, command="report") as folder:
        folder.write_text("a.csv", "1\n")
        folder.write_text("b.csv", "2\n")
    with pytest.raises(RuntimeError), OutputFolder(out, command="report") as folder:
        folder.write_text("a.csv", "nieuw\n")
        raise RuntimeError("halfway")
    assert (out / "b.csv").exists()


def test_names_stay_inside_and_out_must_be_a_folder(tmp_path: Path) -> None:
    with OutputFolder(tmp_path / "x", command="report") as folder, pytest.raises(ValueError):
        folder.path("../buiten.txt")
    file = tmp_path / "bestand.txt"
    atomic_write_text(file, "tekst")
    with pytest.raises(UsageError, match="must be a folder"), OutputFolder(file, command="report"):
        pass


def test_commands_sharing_a_folder_keep_each_others_files(tmp_path: Path) -> None:
    """`report --out gedeeld` then `themes --out gedeeld` used to delete the report."""
    out = tmp_path / "gedeeld"
    with OutputFolder(out, command="report") as folder:
        folder.write_text("report.html", "<p>rapport</p>")
        folder.write_text("tabellen/themas.csv", "code\n")
    with OutputFolder(out, command="themes") as folder:
        folder.write_text("assignments.csv", "response_id\n")
    assert (out / "report.html").exists() and (out / "tabellen" / "themas.csv").exists()
    assert read_manifest(out) == {
        "assignments.csv": "themes",
        "report.html": "report",
        "tabellen/themas.csv": "report",
    }
    # A rerun of report removes only its own leftovers.
    with OutputFolder(out, command="report") as folder:
        folder.write_text("report.html", "<p>opnieuw</p>")
    assert not (out / "tabellen").exists()
    assert (out / "assignments.csv").exists()
    assert read_manifest(out) == {"assignments.csv": "themes", "report.html": "report"}


def test_an_older_manifest_belongs_to_the_command_that_writes_its_files_again(
    tmp_path: Path,
) -> None:
    out = tmp_path / "rapport"
    out.mkdir()
    for name in ("report.html", "tabellen.xlsx", "oud.csv"):
        (out / name).write_text("x", encoding="utf-8")
    (out / MANIFEST).write_text('{"files": ["oud.csv", "report.html", "tabellen.xlsx"]}\n')
    with OutputFolder(out, command="themes") as folder:  # writes none of them: keeps them
        folder.write_text("assignments.csv", "response_id\n")
    assert (out / "oud.csv").exists()
    with OutputFolder(out, command="report") as folder:  # writes report.html again: its own
        folder.write_text("report.html", "<p>nieuw</p>")
        folder.write_text("tabellen.xlsx", "x")
    assert not (out / "oud.csv").exists() and (out / "assignments.csv").exists()


def test_report_then_themes_into_one_folder_keeps_both(tmp_path: Path) -> None:
    """The real commands, on real answers of the sample survey."""
    from textcode.cli import main

    sample = pd.read_csv(ROOT / "samples" / "ifv2020" / "responses.csv", dtype=str)
    answers = tmp_path / "antwoorden.csv"
    part = sample[["project_id", "kennisbehoefte"]].dropna().head(40)
    part.to_csv(answers, index=False)
    out = tmp_path / "gedeeld"
    columns = ["--id-column", "project_id", "--text-column", "kennisbehoefte", "--quiet"]
    assert main(["report", str(answers), "--out", str(out), *columns]) == 0
    report_files = {p for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}
    assert main(["themes", str(answers), "--out", str(out), "--no-pictures", *columns]) == 0
    assert main(["report", str(answers), "--out", str(out), *columns]) == 0
    left = {p for p in out.rglob("*") if p.is_file()}
    assert report_files <= left
    assert {out / "assignments.csv", out / "clusters.json"} <= left
    owners = read_manifest(out)
    assert owners["assignments.csv"] == "themes" and owners["report.html"] == "report"
