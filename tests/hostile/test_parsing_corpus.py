"""Every command over every hostile parsing case (gen_parsing.py), under time and memory limits.

A correct textcode never prints a traceback: it refuses the file with one line naming it (exit
2), or does the job (exit 0), within the case's time limit.
"""

from __future__ import annotations

import contextlib
import functools
import importlib
import io
from collections.abc import Iterator
from pathlib import Path

import pytest

from .gen_parsing import Case, cases
from .harness import run_limited

RUNS = [
    pytest.param(case, command, id=f"{case.category}-{case.name}-{command[0]}-{n}")
    for case in cases()
    for n, command in enumerate(case.commands)
]


@pytest.fixture(scope="module", autouse=True)
def _warm() -> Iterator[None]:
    """Build the pipeline and load the word lists once, in the parent: every forked case
    shares them instead of spending seconds on its own (what a case does to them stays in
    its child). So the packages behind the commands (report with matplotlib, interop) and
    the fonts of a first chart, which each child would otherwise load again."""
    from textcode import Coder
    from textcode.nlp import pipeline
    from textcode.report.charts import bar_chart

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline, "embedded_pipeline", functools.cache(pipeline.embedded_pipeline))
        Coder().code_text("Te weinig budget", "belemmering")
        bar_chart(["Gebrek aan financiering"], [0.5], [1])
        importlib.import_module("textcode.interop")
        yield


def _run(case: Case, command: tuple[str, ...], folder: Path) -> tuple[int, str, dict[str, str]]:
    from textcode.cli import main

    files = case.build(folder)
    names = {key: str(path) for key, path in files.items()}
    argv = [part.format(folder=folder, **names) for part in command]
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    return status, err.getvalue(), names


@pytest.mark.parametrize(("case", "command"), RUNS)
def test_hostile_parsing_case(case: Case, command: tuple[str, ...], tmp_path: Path) -> None:
    status, err, names = run_limited(_run, case, command, tmp_path, seconds=case.seconds)
    assert "Traceback" not in err, err
    lines = [line for line in err.splitlines() if not line.startswith("textcode: warning:")]
    if case.expect == "ok":
        # codebook check exits 1 when examples fail: a result, not an error.
        allowed = (0, 1) if command[:2] == ("codebook", "check") else (0,)
        assert status in allowed and not lines, err
        return
    assert status == 2, err
    assert len(lines) == 1 and lines[0].startswith("textcode: error: "), err
    assert names[case.names] in lines[0], err
