"""The harness itself: a case past its limits fails the test instead of hanging the suite."""

from __future__ import annotations

import time

import pytest

from .harness import CaseError, run_limited


def _sleep_forever() -> None:
    while True:
        time.sleep(1)


def _eat_memory() -> int:
    blocks = []
    while True:
        blocks.append(bytearray(64 * 1024 * 1024))
        if len(blocks) > 1000:
            return len(blocks)


def _code_dutch() -> list[str]:
    from textcode import Coder

    found = Coder().code_text("Het budget was te laag en er was geen tijd", "belemmering")
    return sorted({s.code for s in found})


def _fail() -> None:
    raise ValueError("kapot")


def test_a_case_past_its_time_limit_fails_quickly() -> None:
    started = time.monotonic()
    with pytest.raises(pytest.fail.Exception, match="time limit"):
        run_limited(_sleep_forever, seconds=0.5)
    assert time.monotonic() - started < 5


def test_a_case_past_its_memory_limit_fails() -> None:
    with pytest.raises(pytest.fail.Exception, match="memory"):
        run_limited(_eat_memory, seconds=30, memory_mb=256)


def test_a_case_returns_its_value_and_reraises_its_error() -> None:
    assert "belemmering.financiering" in run_limited(_code_dutch, seconds=60)
    with pytest.raises(CaseError, match="kapot"):
        run_limited(_fail)
