"""``textcode.privacy.shown``: the one way to show a text with its evidence spans, redacted."""

from __future__ import annotations

import pytest

import textcode.privacy.display as display
from textcode.privacy import RedactionError, ShownText, shown, shown_evidence

ANSWER = (
    "De samenwerking met de veiligheidsregio liep stroef; bel Petra de Vries "
    "(p.devries@vrzeeland.nl, 06-12345678) voor de details over het budget voor drones."
)
PERSONAL = ("Petra", "Vries", "p.devries", "vrzeeland", "06-12345678", "12345678")


def _span(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def test_shown_redacts_the_text_and_keeps_evidence_on_the_same_words() -> None:
    budget, samen = _span(ANSWER, "budget voor drones"), _span(ANSWER, "samenwerking")
    view = shown(ANSWER, [budget, samen])
    assert isinstance(view, ShownText)
    assert view.redacted and view.original == ANSWER
    assert not any(value in view.text for value in PERSONAL)
    assert "[NAAM] ([E-MAIL], [TELEFOON])" in view.text
    assert view.evidence == ("budget voor drones", "samenwerking")
    assert [view.text[a:b] for a, b in view.spans] == list(view.evidence)
    assert view.map_span(*budget) == view.spans[0]
    assert view.highlighted() == (
        "De [[samenwerking]] met de veiligheidsregio liep stroef; bel [NAAM] "
        "([E-MAIL], [TELEFOON]) voor de details over het [[budget voor drones]]."
    )
    # where the original held personal data, in original offsets (for word lists, features)
    assert [ANSWER[a:b] for a, b in view.hidden] == [
        "Petra de Vries",
        "p.devries@vrzeeland.nl",
        "06-12345678",
    ]


def test_a_span_over_personal_data_shows_the_placeholder_not_the_value() -> None:
    # A NEAR rule's evidence can reach across a name and into an e-mail address.
    evidence = _span(ANSWER, "stroef; bel Petra de Vries (p.devries")
    view = shown(ANSWER, [evidence])
    assert view.evidence == ("stroef; bel [NAAM] ([E-MAIL]",)
    assert "Petra" not in view.highlighted(("<mark>", "</mark>"))


def test_without_redaction_the_text_and_spans_stay_as_they_are() -> None:
    span = _span(ANSWER, "Petra de Vries")
    view = shown(ANSWER, [span], redact=False)
    assert view.text == ANSWER and view.spans == (span,) and not view.redacted
    assert view.evidence == ("Petra de Vries",) and view.hidden == ()


def test_a_clean_answer_is_shown_unchanged_and_not_marked_redacted() -> None:
    text = "Te weinig budget en geen tijd om de pilot met drones op te schalen."
    view = shown(text, [_span(text, "budget")])
    assert view.text == text and not view.redacted and view.evidence == ("budget",)


def test_spans_outside_the_text_are_refused_in_both_modes() -> None:
    for redact in (True, False):
        with pytest.raises(ValueError, match="outside the text"):
            shown("Geen budget.", [(4, 40)], redact=redact)


def test_redaction_that_cannot_run_raises_and_never_shows_the_original(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(text: str, **kwargs: object) -> object:
        raise OSError("word lists are missing")

    monkeypatch.setattr(display, "redact_text", broken)
    display.clear_cache()
    text = "Mail Jeroen Bakker via j.bakker@ggd.nl over het draaiboek."
    with pytest.raises(RedactionError, match="word lists are missing") as info:
        shown(text)
    assert "Jeroen" not in str(info.value) and "--no-redact" in str(info.value)
    with pytest.raises(RedactionError):
        shown_evidence("Jeroen Bakker via j.bakker@ggd.nl")
    assert shown(text, redact=False).text == text  # asking for the original still works


def test_shown_needs_a_string() -> None:
    with pytest.raises(TypeError):
        shown(None)  # type: ignore[arg-type]


def test_shown_evidence_uses_the_answer_when_it_matches_and_the_evidence_alone_otherwise() -> None:
    near = "organiseren door Petra de Vries van innovatieprocessen"
    # without the answer, the evidence itself is redacted
    assert shown_evidence(near) == "organiseren door [NAAM] van innovatieprocessen"
    assert shown_evidence(near, redact=False) == near
    # with the answer, the evidence is cut from the redacted answer: a name cut in half by
    # the evidence's edge is still found in the whole answer
    start, end = _span(ANSWER, "Vries (p.devries@vrzeeland.nl, 06-12345678) voor")
    cut = ANSWER[start:end]
    assert shown_evidence(cut, text=ANSWER, start=start, end=end) == (
        "[NAAM] ([E-MAIL], [TELEFOON]) voor"
    )
    # an answer that does not hold the evidence at those offsets is not trusted
    other = "Samenwerking met Petra de Vries ging goed."
    assert shown_evidence(near, text=other, start=0, end=len(near)) == (
        "organiseren door [NAAM] van innovatieprocessen"
    )
