"""Shared fixtures. The suite must pass on a clone where ../shared does not exist."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"
TESTS = Path(__file__).resolve().parent

# ``make test`` runs one test worker per core. numpy's and scipy's OpenBLAS and scikit-learn's
# OpenMP start a thread per core in every worker as well, and on a busy core those threads
# wait for each other spinning: the model fits of the learning tests took half as much CPU
# again (13 against 19 CPU seconds for two fits and their import). One thread each, set
# before any of them is imported (this file is), and inherited by the processes the tests
# start; a value the caller set stays.
for _pool in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_pool, "1")

# The modules that take longest (``pytest --durations=60``), longest first. With ``--dist
# loadfile`` a module runs on one worker; one of these picked up last would keep one worker
# busy while the other idles. ``make test`` passes ``--no-loadscope-reorder`` so that xdist
# keeps this order instead of its own (the modules with the most tests first).
LONGEST_FIRST = (
    "test_readme.py",
    "hostile/test_outputs_corpus.py",
    "hostile/test_parsing_corpus.py",
    "test_learn_model.py",
    "test_desk_browser.py",
    "test_report_scale.py",
    "test_learn_features.py",
    "test_dask_engine.py",
    "test_report_claims.py",
    "test_themes_cli.py",
    "test_parallel_engine.py",
    "hostile/test_outputs_signals.py",
    "test_report_ifv2020.py",
    "test_learn_crossval.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest modules first (``LONGEST_FIRST``), the rest in their usual order."""
    rank = {name: n for n, name in enumerate(LONGEST_FIRST)}

    def key(item: pytest.Item) -> int:
        if not item.path.is_relative_to(TESTS):
            return len(rank)
        return rank.get(item.path.relative_to(TESTS).as_posix(), len(rank))

    items.sort(key=key)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    """Fixture files committed with the tests."""
    return DATA


@pytest.fixture(scope="session")
def gold_path() -> Path:
    """The hand-coded dev set (a copy of ../shared/data/dev_gold_nl.jsonl)."""
    return DATA / "dev_gold_nl.jsonl"


def compiled_core_built() -> bool:
    """Whether the optional compiled matching core is built in this install."""
    import importlib.util

    return importlib.util.find_spec("textcode.coding._core") is not None


@pytest.fixture(scope="module", params=["compiled", "pure"])
def matching_path(request: pytest.FixtureRequest) -> Iterator[str]:
    """Runs a module's coding tests on both matching paths: the compiled core and pure Python
    (``TEXTCODE_PURE_PYTHON=1``). Coders made while it is active use that path."""
    patch = pytest.MonkeyPatch()
    if request.param == "pure":
        patch.setenv("TEXTCODE_PURE_PYTHON", "1")
    else:
        if not compiled_core_built():
            patch.undo()
            pytest.skip("the compiled core is not built here (no compiler at install)")
        patch.delenv("TEXTCODE_PURE_PYTHON", raising=False)
    yield request.param
    patch.undo()


def _chart_key(value: object) -> object:
    """A hashable stand-in for a chart's argument, equal exactly when the arguments are."""
    import numpy as np
    import pandas as pd

    if isinstance(value, pd.DataFrame):
        return (
            "frame",
            tuple(map(repr, value.index)),
            tuple(map(repr, value.columns)),
            tuple(map(str, value.dtypes)),
            repr(value.to_numpy().tolist()),
        )
    if isinstance(value, np.ndarray):
        return ("array", str(value.dtype), repr(value.tolist()))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_chart_key(v) for v in value))
    return (type(value).__name__, repr(value))


def _remembered(draw: Callable[..., bytes]) -> Callable[..., bytes]:
    drawn: dict[object, bytes] = {}

    def chart(*args: object, **kwargs: object) -> bytes:
        key = (_chart_key(args), _chart_key(sorted(kwargs.items())))
        if key not in drawn:
            drawn[key] = draw(*args, **kwargs)
        return drawn[key]

    chart.__wrapped__ = draw  # type: ignore[attr-defined]
    return chart


def _remembered_codebook(parse: Callable[..., Any]) -> Callable[..., Any]:
    parsed: dict[tuple[object, ...], Any] = {}

    def parse_codebook(text: str, source: str = "<codebook>", path: Path | None = None) -> Any:
        key = (text, source, path)
        if key not in parsed:
            parsed[key] = parse(text, source, path)
        return parsed[key]

    parse_codebook.__wrapped__ = parse  # type: ignore[attr-defined]
    return parse_codebook


def _fresh_copy(compiled: Any) -> Any:
    """A compiled codebook as a fresh compile gives it: its own containers (a test may clear
    or extend them, a coder fills its caches and warns once per question), the same frozen
    rules, phrases and lexemes inside."""
    import copy

    fresh = copy.copy(compiled)
    for name, value in vars(compiled).items():
        if isinstance(value, dict | list | set):
            setattr(fresh, name, copy.copy(value))
    return fresh


def _remembered_compile(
    compile_codebook: Callable[..., Any], new_table: Callable[..., Any]
) -> tuple[Callable[..., Any], Callable[..., Any]]:
    """``compile_codebook`` and ``LexemeTable`` for :mod:`textcode.coding.coder`, each
    codebook compiled once per worker for each pipeline (see ``pytest_runtest_setup``)."""
    import weakref

    tables: dict[str, Any] = {}
    compiled: dict[tuple[int, int, int], tuple[Any, Any, Any]] = {}

    def table(language: str = "nl") -> Any:
        if language not in tables:
            tables[language] = new_table(language)
        return tables[language]

    def compile_once(codebook: Any, nlp: Any, lexemes: Any) -> Any:
        key = (id(codebook), id(nlp), id(lexemes))
        found = compiled.get(key)
        if found is None or found[0] is not codebook or found[1]() is not nlp:
            # The codebook stays alive in what it compiles to; the pipeline is only watched,
            # so a new pipeline at a freed one's address compiles anew.
            made = compile_codebook(codebook, nlp, lexemes)
            found = compiled[key] = (codebook, weakref.ref(nlp), made)
        return _fresh_copy(found[2])

    compile_once.__wrapped__ = compile_codebook  # type: ignore[attr-defined]
    return compile_once, table


def pytest_runtest_setup(item: pytest.Item) -> None:
    """The report draws each chart with matplotlib, 40% of a report's time; the suite builds
    the sample's report about twenty times, in-process. Once ``textcode.report.render`` is
    loaded, the report's charts are drawn once per worker for each distinct input and then
    given back from memory: a chart is a pure function of its input, so every report's bytes
    stay what the report would write. That the drawing itself gives the same bytes every
    time is tested on ``textcode.report.charts`` directly, which stays as it is
    (``tests/test_report_parts.py``), as is every fresh process (``python -m textcode``).

    Likewise each codebook text is parsed once per worker (``load_codebook`` reads the file
    every time, then parses it): parsing the YAML and checking every rule took a sixth of the
    CPU of a sample of the test files, mostly on the shipped codebook. A codebook is a frozen
    record and a pure function of its text, source and path; a text that fails raises each
    time, as before. ``parse_codebook`` called directly stays as it is."""
    coder = sys.modules.get("textcode.coding.coder")
    if coder is not None and not hasattr(coder.compile_codebook, "__wrapped__"):
        coder.compile_codebook, coder.LexemeTable = _remembered_compile(  # type: ignore[assignment]
            coder.compile_codebook, coder.LexemeTable
        )
    loader = sys.modules.get("textcode.codebook.loader")
    if loader is not None and not hasattr(loader.parse_codebook, "__wrapped__"):
        loader.parse_codebook = _remembered_codebook(loader.parse_codebook)
    render = sys.modules.get("textcode.report.render")
    if render is not None and not hasattr(render.bar_chart, "__wrapped__"):
        render.bar_chart = _remembered(render.bar_chart)  # type: ignore[attr-defined]
        render.heat_map = _remembered(render.heat_map)  # type: ignore[attr-defined]
