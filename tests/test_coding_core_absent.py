"""Without the compiled core (no compiler at install), textcode says so and codes in Python."""

from __future__ import annotations

import sys

import pytest

import textcode.coding
from textcode.coding import Coder
from textcode.coding import core as core_module


def test_a_missing_core_is_named_and_the_pure_path_codes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(core_module.PURE_PYTHON_VARIABLE, raising=False)
    # As if never built: an import finds nothing (the package forgets a core imported before).
    monkeypatch.setitem(sys.modules, "textcode.coding._core", None)
    monkeypatch.delattr(textcode.coding, "_core", raising=False)
    core_module._load.cache_clear()
    try:
        status = core_module.core_status()
        coder = Coder().fit()
        found = coder.code_text("Er is te weinig budget voor innovatie.", "belemmering")
    finally:
        monkeypatch.undo()
        core_module._load.cache_clear()
    assert status.startswith("matching: pure Python (the compiled core is not built")
    assert "the output is the same" in status
    assert coder._prepare().core is None
    assert [s.code for s in found] == ["belemmering.financiering"]
