"""Shared fixtures. The suite must pass on a clone where ../shared does not exist."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
SHARED = ROOT.parent / "shared"


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
