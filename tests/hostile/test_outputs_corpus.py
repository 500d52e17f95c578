"""Every command over every case of the 15a hostile corpus (``gen_outputs.cases()``), each run
in a forked child under a time and memory limit: no traceback, and either a one-line error
(exit 2) naming the input, or outputs that read back (no formula cell in a workbook, no live
formula in a CSV for people, every CSV and JSON Lines file readable by pandas).
"""

from __future__ import annotations

import contextlib
import importlib
import io
import json
import sys
import warnings
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from .gen_outputs import HYPERLINK, Case, cases
from .harness import run_limited

ROOT = Path(__file__).resolve().parents[2]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")
CASES = cases()


def _main(argv: list[str]) -> tuple[int, str]:
    """``textcode.cli.main(argv)`` with stderr captured (runs in the forked child)."""
    from textcode.cli import main

    if argv[0] == "<output-folder>":
        return _output_folder(Path(argv[1]))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("default")
        try:
            status = main(argv)
        except SystemExit as exit_:  # argparse
            status = int(exit_.code or 0)
    return status, err.getvalue()


def _output_folder(folder: Path) -> tuple[int, str]:
    """What every command writing a folder does (report, themes): one run of OutputFolder."""
    from textcode.io import OutputFolder

    with OutputFolder(folder, command="report") as output:
        output.write_text("report.html", "<p>rapport</p>")
    return 0, ""


@pytest.fixture(scope="module", autouse=True)
def _warm() -> None:
    """Load the pipeline and the codebook once; every forked child shares them. So the
    packages behind the commands (report with matplotlib, themes, interop) and the fonts of
    a first chart: each child that writes a report spent seconds loading them itself."""
    from textcode import Coder
    from textcode.cli import build_parser
    from textcode.report.charts import bar_chart

    build_parser()
    Coder().code_text("Er was te weinig budget", "belemmering")
    bar_chart(["Gebrek aan financiering"], [0.5], [1])
    for package in ("textcode.interop", "textcode.themes"):
        importlib.import_module(package)


def _run(argv: list[str], seconds: float = 300) -> tuple[int, str]:
    # The limits catch a hang or a memory blow-up; on a busy shared machine a normal run of a
    # few seconds may take many times longer, hence the wide time limit.
    status, err = run_limited(_main, argv, seconds=seconds, memory_mb=1536)
    assert "Traceback" not in err, err
    assert status in (0, 2), (argv, status, err)
    return status, err


def _label_codebook(folder: Path) -> Path:
    text = (ROOT / "codebooks" / "crisis_innovation_nl.yaml").read_text(encoding="utf-8")
    path = folder / "codeboek.yaml"
    hostile = HYPERLINK.replace('"', '\\"')
    path.write_text(
        text.replace("label: Gebrek aan financiering", f'label: "{hostile}"'), encoding="utf-8"
    )
    return path


def _commands(case: Case, source: Path, out: Path) -> list[list[str]]:
    columns = ["--id-column", "id", "--text-column", "belemmering", "--quiet"]
    s = str(source)
    runs: list[list[str]] = []
    for command in case.commands:
        if command == "code-csv":
            runs.append(["code", s, *columns, "--out", str(out / "s.csv")])
        elif command == "code-jsonl":
            runs.append(["code", s, *columns, "--out", str(out / "s.jsonl")])
        elif command == "report":
            runs.append(["report", s, *columns, "--out", str(out / "rapport")])
        elif command == "report-by":
            runs.append(["report", s, *columns, "--by", "organisatie", "--out", str(out / "r")])
        elif command == "report-label":
            book = _label_codebook(out)
            runs.append(["report", s, *columns, "--codebook", str(book), "--out", str(out / "l")])
        elif command.startswith("redact-"):
            suffix = command.split("-", 1)[1]
            runs.append(["redact", s, *columns, "--out", str(out / f"schoon.{suffix}")])
        elif command in ("export-excel", "export-project"):
            suggestions = str(out / "s.jsonl")  # written by the case's code-jsonl run
            if "code-jsonl" not in case.commands:
                runs.append(["code", s, *columns, "--out", suggestions])
            excel = command == "export-excel"
            what, target = ("excel", "x.xlsx") if excel else ("project", "p.qdpx")
            runs.append(["export", what, s, *columns, "--suggestions", suggestions,
                         "--no-redact", "--out", str(out / target)])  # fmt: skip
        elif command == "kwic":
            runs.append(["kwic", s, *columns, "--term", "budget", "--out", str(out / "k.csv")])
        elif command == "shared-folder":
            shared = str(out / "gedeeld")
            runs.append(["report", s, *columns, "--out", shared])
            runs.append(["themes", s, *columns, "--no-pictures", "--out", shared])
            runs.append(["report", s, *columns, "--out", shared])
        elif command == "output-folder-uit":
            runs.append(["<output-folder>", str(source.parent / "uit")])
        elif command == "report-out-file":
            runs.append(["report", s, *columns, "--out", s])
        elif command == "ledger":
            runs.append(["agreement", "--ledger", s])
        else:
            raise AssertionError(f"unknown command {command}")
    return runs


def _texts(workbook: Path) -> set[str]:
    book = openpyxl.load_workbook(workbook)
    return {
        cell.value
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def _check_outputs(folder: Path) -> int:
    """Every output under ``folder`` reads back; returns how many files were checked."""
    checked = 0
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.name.startswith("."):
            continue
        if path.suffix == ".xlsx":
            book = openpyxl.load_workbook(path)
            formulas = [
                f"{sheet.title}!{cell.coordinate}"
                for sheet in book.worksheets
                for row in sheet.iter_rows()
                for cell in row
                if cell.data_type == "f"
            ]
            assert formulas == [], (path, formulas)
            pd.read_excel(path, sheet_name=None, dtype=str)
        elif path.suffix == ".csv":
            frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
            if path.parent.name == "tabellen" or path.name == "k.csv":  # for people
                cells = [str(c) for c in frame.columns] + frame.to_numpy().ravel().tolist()
                live = [c for c in cells if c.startswith(DANGEROUS)]
                assert live == [], (path, live[:3])
        elif path.suffix == ".jsonl":
            # Only "\n" ends a line: a JSON string may hold U+2028, which splitlines splits on.
            for line in path.read_text(encoding="utf-8").split("\n")[:-1]:
                json.loads(line)
        elif path.suffix == ".html":
            path.read_text(encoding="utf-8")
        else:
            continue
        checked += 1
    return checked


@pytest.mark.parametrize("case", CASES, ids=[f"{c.category}/{c.name}" for c in CASES])
def test_hostile_case(case: Case, tmp_path: Path) -> None:
    source = case.build(tmp_path)
    out = tmp_path / "uitvoer"
    out.mkdir()
    results = [_run(argv) for argv in _commands(case, source, out)]
    if case.expect == "error":
        status, err = results[0]
        assert status == 2, err
        lines = err.strip().splitlines()
        errors = [line for line in lines if line.startswith("textcode: error:")]
        assert len(errors) == 1 and source.name in errors[0], err
        if case.category == "ledger":
            _check_ledger_repair(source)
        return
    assert [status for status, _ in results] == [0] * len(results), results
    if case.warning:
        assert case.warning in results[0][1], results[0][1]
    assert _check_outputs(out) or case.category == "folders"
    if case.name == "in-codebook-label":  # the label is in the report's tables, as text
        assert HYPERLINK in _texts(out / "l" / "tabellen.xlsx")
    if case.category == "folders":
        _check_folders(case, tmp_path)


def _check_ledger_repair(ledger: Path) -> None:
    """--repair-ledger moves the bad lines aside; the ledger then reads."""
    from textcode.review.ledger import Ledger

    status, _ = _run(["review", "x.jsonl", "--ledger", str(ledger), "--repair-ledger", "--json"])
    assert status == 0
    assert Ledger(ledger).problems() == []


def _check_folders(case: Case, folder: Path) -> None:
    if case.name == "report-then-themes":
        shared = folder / "uitvoer" / "gedeeld"
        names = {p.name for p in shared.rglob("*") if p.is_file()}
        assert {"report.html", "tabellen.xlsx", "assignments.csv", "clusters.json"} <= names
    else:
        assert (folder / "buiten.txt").exists() and (folder / "uit" / "mijn_notities.txt").exists()
        assert (folder / "uit" / "report.html").exists()
        owners = json.loads((folder / "uit" / ".textcode-outputs.json").read_text())["files"]
        assert owners["report.html"] == "report"
        assert not any(name.startswith(("/", "..")) for name in owners)
        assert Path("/etc/hostname").exists() or sys.platform != "linux"


def test_the_corpus_covers_every_category() -> None:
    counts: dict[str, int] = {}
    for case in CASES:
        counts[case.category] = counts.get(case.category, 0) + case.attacks
    assert set(counts) == {"formulas", "readback", "odd-input", "broken-input", "folders", "ledger"}
    assert sum(counts.values()) >= 60
