"""English words for review: the learned suggester's explanations."""

from __future__ import annotations

# {p} is a probability written with DECIMAL_SEPARATOR; {words} are quoted content words.
DECIMAL_SEPARATOR = "."
MODEL_EXPLANATIONS: dict[str, str] = {
    "proposal": "{label} ({code}): the learned model gives probability {p}",
    "carried_by": "; carried by {words}.",
    "whole_answer": " from the answer as a whole.",
    "no_content": "; the answer has no content words.",
    "doubt": "The learned model doubts this: probability {p}",
    "against": "; against it: {words}.",
}
