"""Coding: compile a codebook's rules, match answers, and build suggestion records.

The names below are imported on first use: a command that only reads suggestion files
(``textcode review --state``, ``agreement``) imports ``textcode.coding.suggestions`` without
loading spaCy, which the coder needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textcode.public import lazy_names

_PUBLIC: dict[str, str] = {
    "Coder": "textcode.coding.coder",
    "CodingResult": "textcode.coding.coder",
    "answers_frame": "textcode.coding.coder",
    "suggestions_frame": "textcode.coding.coder",
    "ENGINES": "textcode.coding.engines",
    "code": "textcode.coding.engines",
}

__all__ = ["ENGINES", "Coder", "CodingResult", "answers_frame", "code", "suggestions_frame"]

if TYPE_CHECKING:
    from textcode.coding.coder import Coder, CodingResult, answers_frame, suggestions_frame
    from textcode.coding.engines import ENGINES, code

__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
