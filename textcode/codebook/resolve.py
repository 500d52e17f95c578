"""What a ``codebook=`` argument means, the same in every class and function of textcode.

A :class:`~textcode.codebook.Codebook` is used as it is, a path is loaded, ``None`` means
the shipped survey codebook and ``False`` means no codebook (where a step can do without
one: review, theme finding, the learned suggester).
"""

from __future__ import annotations

import os
from typing import Literal

from textcode.codebook.loader import load_codebook
from textcode.codebook.model import Codebook

CodebookArg = Codebook | str | os.PathLike[str] | Literal[False] | None


def resolve_codebook(codebook: CodebookArg) -> Codebook | None:
    """The codebook ``codebook`` stands for (None when it is ``False``)."""
    if codebook is False:
        return None
    if isinstance(codebook, Codebook):
        return codebook
    return load_codebook(None if codebook is None else os.fspath(codebook))
