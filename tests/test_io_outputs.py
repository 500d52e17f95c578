"""Output folders: atomic files, and the previous run's leftovers removed (never the user's)."""

from __future__ import annotations

from pathlib import Path

import pytest

from textcode.errors import UsageError
from textcode.io import MANIFEST, OutputFolder, atomic_write_text


def test_a_second_run_removes_only_what_the_first_run_wrote(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with OutputFolder(out) as folder:
        folder.write_text("report.html", "<p>eerste</p>")
        folder.write_text("tabellen/kruistabel_kennisbehoefte.csv", "a,b\n")
        folder.write_bytes("woordwolken/b1_07.png", b"\x89PNG")
    (out / "mijn_notities.txt").write_text("van de onderzoeker", encoding="utf-8")
    with OutputFolder(out) as folder:
        folder.write_text("report.html", "<p>tweede</p>")
    assert (out / "report.html").read_text(encoding="utf-8") == "<p>tweede</p>"
    assert not (out / "tabellen").exists()
    assert not (out / "woordwolken").exists()
    assert (out / "mijn_notities.txt").exists()
    assert (out / MANIFEST).exists()


def test_a_failed_run_leaves_the_previous_files(tmp_path: Path) -> None:
    out = tmp_path / "rapport"
    with OutputFolder(out) as folder:
        folder.write_text("a.csv", "1\n")
        folder.write_text("b.csv", "2\n")
    with pytest.raises(RuntimeError), OutputFolder(out) as folder:
        folder.write_text("a.csv", "nieuw\n")
        raise RuntimeError("halfway")
    assert (out / "b.csv").exists()


def test_names_stay_inside_and_out_must_be_a_folder(tmp_path: Path) -> None:
    with OutputFolder(tmp_path / "x") as folder, pytest.raises(ValueError):
        folder.path("../buiten.txt")
    file = tmp_path / "bestand.txt"
    atomic_write_text(file, "tekst")
    with pytest.raises(UsageError, match="must be a folder"), OutputFolder(file):
        pass
