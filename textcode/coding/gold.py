"""Gold files: hand-coded answers as JSON Lines (``id``, ``question``, ``text``, ``codes``).

One reader for every command that takes a gold file (``evaluate``, ``agreement``,
``code --learn-from``), so they accept the same files: a byte-order mark, ``response_id`` as
well as ``id``, and question names that the codebook maps to its groups.
"""

from __future__ import annotations

import os
from collections.abc import Collection
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from textcode.codebook.questions import group_of
from textcode.errors import InputError, excerpt
from textcode.parsing import json_lines, kind_of, read_utf8

if TYPE_CHECKING:
    from textcode.codebook import Codebook

GOLD_COLUMNS = ["response_id", "question", "text", "codes"]


def read_gold(
    source: str | Path | pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    require_text: bool = True,
    known_codes: Collection[str] | None = None,
) -> pd.DataFrame:
    """A gold file as a table: ``response_id``, ``question``, ``text``, ``codes`` (a list).

    With a ``codebook``, questions become its group ids ("belemmering_overig" ->
    "belemmering"), so gold joins with suggestions and review ledgers. ``require_text=False``
    accepts lines without ``text`` (agreement needs only the codes). With ``known_codes``, a
    code outside them raises :class:`InputError` naming the file and line.
    """
    items: list[tuple[int, object]]
    if isinstance(source, pd.DataFrame):
        items = list(enumerate(source.to_dict("records"), start=1))
        path: Path | None = None
    else:
        path = Path(source)
        items = list(_lines(path))
    if path is not None and not items:
        raise InputError("the gold file holds no answers", path=path, line=1)
    rows = []
    first: dict[tuple[str, str], int] = {}
    for line_no, item in items:
        if not isinstance(item, dict):
            raise InputError("each line must be a JSON object", path=path, line=line_no)
        id_field = "id" if "id" in item else "response_id"
        rid = item.get(id_field)
        if rid is None:
            raise InputError("missing field", path=path, line=line_no, field="id")
        if isinstance(rid, bool) or not isinstance(rid, str | int):
            # A number is an id as its text ("17"); a list, mapping or truth value is none.
            raise InputError(
                f"must be text, not {kind_of(rid)}", path=path, line=line_no, field=id_field
            )
        needed = ("question", "text", "codes") if require_text else ("question", "codes")
        for key in needed:
            if key not in item:
                raise InputError("missing field", path=path, line=line_no, field=key)
        codes = item["codes"]
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            raise InputError("must be a list of code ids", path=path, line=line_no, field="codes")
        unknown = [c for c in codes if known_codes is not None and c not in known_codes]
        if unknown:
            raise InputError(
                f"not in the codebook: {', '.join(unknown)}", path=path, line=line_no, field="codes"
            )
        question = item["question"]
        if not isinstance(question, str):
            raise InputError("must be text", path=path, line=line_no, field="question")
        text = item.get("text")
        if text is not None and not isinstance(text, str):
            raise InputError(
                f"must be text, not {kind_of(text)}", path=path, line=line_no, field="text"
            )
        seen = first.setdefault((str(rid), question), line_no)
        if seen != line_no:
            raise InputError(
                f"response {excerpt(str(rid))!r} and question {excerpt(question)!r} are in the "
                f"gold file twice (first on line {seen})",
                path=path,
                line=line_no,
                field=id_field,
            )
        rows.append(
            {
                "response_id": str(rid),
                "question": group_of(question, codebook),
                "text": text or "",
                "codes": list(codes),
            }
        )
    return pd.DataFrame(rows, columns=GOLD_COLUMNS)


def gold_codes(
    source: str | os.PathLike[str] | pd.DataFrame, codebook: Codebook | None = None
) -> dict[tuple[str, str], set[str]]:
    """A gold file's codes per answer: (response_id, question) -> set of code ids.

    The same reading as :func:`read_gold` without needing the texts (agreement and simulated
    review only compare codes); with a ``codebook`` the questions become its group ids.
    """
    table = read_gold(
        source if isinstance(source, pd.DataFrame) else Path(source),
        codebook=codebook,
        require_text=False,
    )
    return {
        (rid, question): set(codes)
        for rid, question, codes in zip(
            table["response_id"], table["question"], table["codes"], strict=True
        )
    }


def _lines(path: Path) -> list[tuple[int, object]]:
    return json_lines(read_utf8(path, "the gold file"), path)
