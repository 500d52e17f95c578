"""Coding: compile a codebook's rules, match answers, and build suggestion records."""

from textcode.coding.coder import (
    Coder,
    CodingResult,
    answers_frame,
    code,
    suggestions_frame,
)

__all__ = ["Coder", "CodingResult", "answers_frame", "code", "suggestions_frame"]
