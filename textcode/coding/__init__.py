"""Coding: compile a codebook's rules, match answers, and build suggestion records."""

from textcode.coding.coder import (
    Coder,
    CodingResult,
    answers_frame,
    suggestions_frame,
)
from textcode.coding.engines import ENGINES, code

__all__ = ["ENGINES", "Coder", "CodingResult", "answers_frame", "code", "suggestions_frame"]
