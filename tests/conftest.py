"""Shared fixtures. The suite must pass on a clone where ../shared does not exist."""

from __future__ import annotations

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
