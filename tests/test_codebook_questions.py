"""Questions meet codebook groups in one place: resolution and the one-answer-per-group rule."""

from __future__ import annotations

import pandas as pd
import pytest

from textcode.codebook import load_codebook
from textcode.codebook.questions import group_of, groups_of, selected
from textcode.coding import Coder
from textcode.errors import InputError
from textcode.themes import ThemeFinder

TWICE = pd.DataFrame(
    {
        "response_id": ["7", "7"],
        "question": ["belemmering", "belemmering_overig"],
        "text": ["Te weinig budget voor de pilot", "Geen tijd naast het gewone werk"],
    }
)


def test_questions_resolve_to_their_group() -> None:
    book = load_codebook()
    assert group_of("Belemmering_overig", book) == "belemmering"
    assert group_of("opmerking", book) == "opmerking"  # no group claims it
    assert group_of("belemmering_overig", None) == "belemmering_overig"
    assert groups_of(["kennisbehoefte", "belemmering_overig", "kennisbehoefte"], book) == {
        "kennisbehoefte": "kennisbehoefte",
        "belemmering_overig": "belemmering",
    }
    names = ["belemmering_overig", "kennisbehoefte", "opmerking"]
    assert selected(names, ["belemmering"], book) == [True, False, False]
    assert selected(names, ["belemmering"], None) == [False, False, False]


def test_a_second_answer_to_one_group_is_refused_by_coder_and_theme_finder() -> None:
    with pytest.raises(InputError, match="code them in separate runs") as coded:
        Coder().code(TWICE)
    message = str(coded.value)
    assert "respondent '7' answers codebook group 'belemmering' twice" in message
    assert "'belemmering' and 'belemmering_overig'" in message
    assert coded.value.field == "belemmering_overig"
    with pytest.raises(InputError, match="cluster them in separate runs") as clustered:
        ThemeFinder(k=2).fit(TWICE)
    assert "group 'belemmering' twice" in str(clustered.value)
    # Two respondents, one answer each to the group: fine.
    other = TWICE.assign(response_id=["7", "8"])
    assert len(Coder().code(other).records) >= 2


def test_checking_three_columns_is_checking_the_answers() -> None:
    # The coder's set-based check: the same error at the same answer, or none, as the loop,
    # within one batch and against the respondents kept from the batch before.
    from textcode.codebook.questions import GroupAnswers

    cases = [
        [("7", "belemmering", "belemmering"), ("8", "belemmering_overig", "belemmering")],
        [("7", "belemmering", "belemmering"), ("7", "belemmering", "belemmering")],
        [("7", "belemmering", "belemmering"), ("7", "knelpunten", "belemmering")],
        [("9", "kennisbehoefte", "kennisbehoefte"), ("7", "knelpunten", "belemmering")],
    ]

    def outcome(check: str, answers: list[tuple[str, str, str]]) -> str:
        seen = GroupAnswers()
        seen.add("7", "belemmering", "belemmering")  # the batch before
        try:
            if check == "loop":
                seen.check(answers, "splits ze")
            else:
                seen.check_columns(*map(list, zip(*answers, strict=True)), "splits ze")  # type: ignore[call-arg]
        except InputError as error:
            return f"{error} [{error.field}]"
        return repr(seen._seen)

    found = [outcome("columns", case) for case in cases]
    assert found == [outcome("loop", case) for case in cases]
    assert [("twice" in text) for text in found] == [False, False, True, True]
