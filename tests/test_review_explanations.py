"""Review shows a suggestion's explanation redacted like its answer: a word the explanation
quotes from a redacted name ("matched "Wet"" of "Jan de Wet") becomes the placeholder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from textcode.coding import Coder
from textcode.privacy import shown
from textcode.privacy.display import redact_quotes
from textcode.review.session import ReviewSession

ANSWERS = pd.DataFrame(
    {
        "response_id": ["r1", "r2"],
        "question": ["belemmering", "belemmering"],
        "text": ["Het overleg met Jan de Wet liep stroef", "De nieuwe wet liet het niet toe"],
    }
)


def test_redact_quotes_hides_only_quotes_from_hidden_text() -> None:
    source = "Het overleg met Jan de Wet liep stroef over de wet"
    view = shown(source)
    assert view.redacted and "Wet" not in view.text
    hidden = redact_quotes('rule x matched "Wet".', source, view, (23, 26))
    assert hidden == 'rule x matched "[NAAM]".'
    kept = redact_quotes('rule x matched "wet".', source, view, (47, 50))
    assert kept == 'rule x matched "wet".'
    assert redact_quotes("no quotes at all", source, view, (0, 3)) == "no quotes at all"


def test_review_item_explanation_does_not_quote_a_redacted_name(tmp_path: Path) -> None:
    suggestions = tmp_path / "suggesties.jsonl"
    Coder().suggest(ANSWERS).to_json(suggestions, orient="records", lines=True, force_ascii=False)
    session = ReviewSession(suggestions, tmp_path / "l.jsonl", "anna", answers=ANSWERS)
    items = {item.response_id: item for item in session.open_items()}
    assert '"[NAAM]"' in items["r1"].explanation and "Wet" not in items["r1"].explanation
    assert items["r1"].evidence == "[NAAM]"
    assert '"wet"' in items["r2"].explanation  # nothing hidden: the quote stays
    plain = ReviewSession(suggestions, tmp_path / "l2.jsonl", "anna", answers=ANSWERS, redact=False)
    raw = {item.response_id: item for item in plain.open_items()}
    assert '"Wet"' in raw["r1"].explanation
