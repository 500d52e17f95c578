"""Topic and evaluation groups: a topics group never drops a code for its polarity, and
``codebook check`` warns about a group that drops praise without saying what it codes."""

from __future__ import annotations

import pytest

from textcode.codebook import parse_codebook
from textcode.coding import Coder
from textcode.coding.check import check_codebook
from textcode.errors import CodebookError

WISHES = """
textcode_codebook: 1
id: toekomst
version: "1"
language: nl
groups:
  - id: wens
    question: Welke toekomst zou u willen voor Nederland?
    {settings}
    codes:
      - id: wens.economie
        label: Economie
        patterns: [economie]
        examples:
          positive: [Een sterke economie]
      - id: wens.zorg
        label: Zorg
        patterns: [zorg]
        examples:
          positive: [Goede zorg voor iedereen]
"""


def book(settings: str):  # type: ignore[no-untyped-def]
    return parse_codebook(WISHES.format(settings=settings))


def test_a_topics_group_keeps_praised_topics() -> None:
    coder = Coder(book("kind: topics"))
    assert {s.code for s in coder.code_text("Een sterke economie en goede zorg", "wens")} == {
        "wens.economie",
        "wens.zorg",
    }


def test_an_evaluations_group_applies_its_polarity_settings() -> None:
    coder = Coder(book("kind: evaluations\n    negation: {positive: drop}"))
    assert coder.code_text("Een sterke economie", "wens") == []


def test_a_topics_group_cannot_drop_by_polarity() -> None:
    with pytest.raises(CodebookError, match="kind: topics keeps every code"):
        book("kind: topics\n    negation: {positive: drop}")
    with pytest.raises(CodebookError, match="must be one of topics, evaluations"):
        book("kind: onderwerpen")


def test_check_warns_when_an_undeclared_group_drops_praise() -> None:
    report = check_codebook(book("negation: {positive: drop, sufficient: drop}"))
    [warning] = report.warnings
    assert "group wens drops praised" in warning and "kind: topics" in warning
    assert not report.ok  # the praised examples fail too: the warning says why
    assert check_codebook(book("kind: topics")).warnings == ()
    declared = check_codebook(book("kind: evaluations\n    negation: {positive: drop}"))
    assert declared.warnings == ()


def test_the_shipped_codebook_declares_its_evaluation_groups() -> None:
    shipped = check_codebook(parse_codebook(_shipped_text()))
    assert shipped.ok and shipped.warnings == ()


def _shipped_text() -> str:
    from textcode.codebook.loader import default_codebook_path

    return default_codebook_path().read_text(encoding="utf-8")
