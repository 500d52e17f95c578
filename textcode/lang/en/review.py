"""English words for review: rule health's context words and the learned suggester's phrases.

As in ``lang/nl/review.py``: function words are noise around rejected evidence, except the
negation, contrast and sufficiency cues that often make a match wrong.
"""

from __future__ import annotations

# Function words never proposed as an exclusion context.
CONTEXT_STOP_WORDS: frozenset[str] = frozenset(
    """
    the a an and or but so because to of for in on at with by from about into over as than
    that this these those which who what it its they them their there here then was were be
    been being is are has have had do does did will would can could should may might also
    very just only still such e.g. etc
    """.split()
)

# Cues that stay candidates even though they are short function words.
CONTEXT_CUES: frozenset[str] = frozenset(
    """
    no not never nothing without insufficient sufficient enough fine good problem lack
    shortage few little plenty
    """.split()
)

# The learned suggester's explanations (textcode.review.model). {p} is a probability written
# with DECIMAL_SEPARATOR; {words} are quoted content words.
DECIMAL_SEPARATOR = "."
MODEL_EXPLANATIONS: dict[str, str] = {
    "proposal": "{label} ({code}): the learned model gives probability {p}",
    "carried_by": "; carried by {words}.",
    "whole_answer": " from the answer as a whole.",
    "no_content": "; the answer has no content words.",
    "doubt": "The learned model doubts this: probability {p}",
    "against": "; against it: {words}.",
}
