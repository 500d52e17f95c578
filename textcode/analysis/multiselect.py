"""Closed multiple-choice questions and their coded "overig" answers, counted together.

A respondent who ticks "Overig" and writes "Geld" named the closed category "Financiële
middelen" in other words. The open answer is coded like any other; a code that stands for a
closed category is counted with it (once per unit, whether ticked, written or both), and every
other code stays apart as a new theme. A code stands for a category when the sidecar's option
names it (``code:``) or when the codebook's code says so (``maps_to:`` the option id or code).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from textcode.analysis.frames import (
    EMPTY_CODE,
    decisions,
    is_selected,
    sorted_ids,
    texts,
    unit_ids,
)

if TYPE_CHECKING:
    from textcode.codebook import Codebook
    from textcode.ingest.sidecar import MultiSelect, Option

MULTISELECT_COLUMNS = (
    "option",
    "label",
    "kind",
    "code",
    "closed",
    "from_other",
    "n",
    "base",
    "share",
    "ids",
    "other_ids",
)
KINDS = ("option", "new_theme", "no_content", "uncoded")


def option_for_code(
    multi: MultiSelect, code: str, codebook: Codebook | None = None
) -> Option | None:
    """The closed option a code of the "overig" answer stands for, or ``None`` (a new theme)."""
    for option in multi.options:
        if option.code == code:
            return option
    if codebook is not None and code in codebook:
        target = codebook.code(code).maps_to
        if target:
            for option in multi.options:
                if target in (option.id, option.code):
                    return option
    return None


def _other_questions(multi: MultiSelect, codebook: Codebook | None) -> set[str]:
    names = {q for q in (multi.group, multi.other_text) if q}
    if codebook is not None and multi.other_text:
        names.add(codebook.question_id(multi.other_text))
    return names


def multiselect_counts(
    rows: pd.DataFrame,
    multi: MultiSelect,
    *,
    suggestions: pd.DataFrame | None = None,
    codebook: Codebook | None = None,
    unit: str | None = None,
    empty_code: str = EMPTY_CODE,
) -> pd.DataFrame:
    """Ticked boxes plus recoded "overig" answers, per option, with new themes kept apart.

    ``rows`` has one row per response (see :func:`textcode.analysis.frames.rows_table`).
    Columns: ``option``, ``label``, ``kind`` (option, new_theme, no_content, uncoded), ``code``,
    ``closed`` (units that ticked it), ``from_other`` (units that only wrote it), ``n`` (both
    together), ``base`` (units that answered: a tick or an overig text), ``share``, ``ids``
    (the units behind ``n``) and ``other_ids`` (the units whose overig answer added to it).
    """
    frame = pd.DataFrame({"_unit": unit_ids(rows, unit).to_numpy()})
    frame["_row"] = rows["response_id"].astype(str).to_numpy()
    for option in multi.options:
        if option.column not in rows.columns:
            raise ValueError(f"no column {option.column!r} for option {option.id!r}")
        frame[option.id] = is_selected(rows[option.column]).to_numpy()
    has_other_text = pd.Series(False, index=frame.index)
    if multi.other_text and multi.other_text in rows.columns:
        has_other_text = pd.Series((texts(rows[multi.other_text]) != "").to_numpy())
    other_box = pd.Series(False, index=frame.index)
    if multi.other and multi.other in rows.columns:
        other_box = pd.Series(is_selected(rows[multi.other]).to_numpy())
    frame["_other_text"] = has_other_text.to_numpy()
    frame["_answered"] = (
        frame[[o.id for o in multi.options]].any(axis=1) | other_box | has_other_text
    )

    # Codes of the overig answers, per unit.
    row_unit = dict(zip(frame["_row"], frame["_unit"], strict=True))
    written: dict[str, set[str]] = {}
    if suggestions is not None and len(suggestions):
        coded = decisions(suggestions)
        coded = coded[coded["question"].isin(_other_questions(multi, codebook))]
        for response_id, code in zip(coded["response_id"], coded["code"], strict=True):
            if response_id in row_unit:
                written.setdefault(code, set()).add(row_unit[response_id])

    answered = frame[frame["_answered"]]
    base = answered["_unit"].nunique()
    answered_units = set(answered["_unit"])
    labels = codebook.labels() if codebook is not None else {}
    records: list[dict[str, object]] = []
    mapped_codes: set[str] = set()
    for option in multi.options:
        closed_units = set(frame.loc[frame[option.id], "_unit"])
        codes = [c for c in written if option_for_code(multi, c, codebook) is option]
        mapped_codes.update(codes)
        other_units = set().union(*(written[c] for c in codes)) if codes else set()
        from_other = (other_units - closed_units) & answered_units
        units = (closed_units | other_units) & answered_units
        records.append(
            {
                "option": option.id,
                "label": option.label or option.id,
                "kind": "option",
                "code": option.code or (codes[0] if len(codes) == 1 else ""),
                "closed": len(closed_units & answered_units),
                "from_other": len(from_other),
                "n": len(units),
                "base": base,
                "share": len(units) / base if base else 0.0,
                "ids": sorted_ids(units),
                "other_ids": sorted_ids(other_units & answered_units),
            }
        )
    order = {c.id: i for i, c in enumerate(codebook.codes)} if codebook is not None else {}
    new_codes = sorted(
        (c for c in written if c not in mapped_codes),
        key=lambda c: (c == empty_code, -len(written[c]), order.get(c, len(order)), c),
    )
    for code in new_codes:
        units = written[code] & answered_units
        records.append(
            {
                "option": code,
                "label": labels.get(code, code),
                "kind": "no_content" if code == empty_code else "new_theme",
                "code": code,
                "closed": 0,
                "from_other": len(units),
                "n": len(units),
                "base": base,
                "share": len(units) / base if base else 0.0,
                "ids": sorted_ids(units),
                "other_ids": sorted_ids(units),
            }
        )
    coded_units = set().union(*written.values()) if written else set()
    uncoded = set(answered.loc[answered["_other_text"], "_unit"]) - coded_units
    if uncoded:
        records.append(
            {
                "option": "overig",
                "label": "Overig (niet gecodeerd)",
                "kind": "uncoded",
                "code": "",
                "closed": 0,
                "from_other": len(uncoded),
                "n": len(uncoded),
                "base": base,
                "share": len(uncoded) / base if base else 0.0,
                "ids": sorted_ids(uncoded),
                "other_ids": sorted_ids(uncoded),
            }
        )
    table = pd.DataFrame.from_records(records, columns=list(MULTISELECT_COLUMNS))
    table.attrs["multiselect"] = multi.id
    return table
