"""Property tests: coding never crashes and always yields valid offsets on any text."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from textcode.coding import Coder

QUESTIONS = ["kennisbehoefte", "succesfactor", "belemmering", "onbekend"]
DUTCH = [
    "geen budget",
    "ideeën",
    "ketenpartners",
    "m.b.t.",
    "AVG",
    "niet",
    "wel",
    "maar",
    ",",
    ".",
    "😀",
    "👍🏽",
    "e\u0308",
    "geïnitieerd",
    "tijd",
    "altijd",
    "/",
    "-",
    "\n",
    "  ",
    "NEAR/3",
    "(",
    ")",
]


# Every test here runs on both matching paths (compiled core and pure Python).
pytestmark = pytest.mark.usefixtures("matching_path")


@pytest.fixture(scope="module")
def coder(matching_path: str) -> Coder:
    return Coder(cache_size=50).fit()


def check(coder: Coder, text: str, question: str) -> None:
    for s in coder.code_text(text, question):
        assert 0 <= s.start < s.end <= len(text)
        assert s.evidence == text[s.start : s.end]
        assert 0 < s.confidence <= 1


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=st.text(max_size=300), question=st.sampled_from(QUESTIONS))
def test_any_unicode(coder: Coder, text: str, question: str) -> None:
    check(coder, text, question)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(words=st.lists(st.sampled_from(DUTCH), max_size=40), question=st.sampled_from(QUESTIONS))
def test_dutch_fragments_with_emoji_and_combining_marks(
    coder: Coder, words: list[str], question: str
) -> None:
    check(coder, " ".join(words), question)
    check(coder, "".join(words), question)


def test_empty_and_whitespace(coder: Coder) -> None:
    assert coder.code_text("", "belemmering") == []
    assert coder.code_text("   \n\t", "belemmering") == []


def test_a_100_kb_answer(coder: Coder) -> None:
    sentence = "Het ontbrak niet aan geld, wel aan tijd en capaciteit 😀 bij de ketenpartners. "
    text = sentence * (100_000 // len(sentence) + 1)
    assert len(text) >= 100_000
    found = coder.code_text(text, "belemmering")
    assert {s.code for s in found} >= {"belemmering.capaciteit_tijd"}
    assert "belemmering.financiering" not in {s.code for s in found}
    for s in found:
        assert s.evidence == text[s.start : s.end]
