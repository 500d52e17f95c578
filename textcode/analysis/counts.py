"""Counting: codes per question, codes per answer, and the answers to closed questions.

Denominators (``base``) are always *those who answered the question*:

- for a code of an open question: the respondents with a substantive answer to that question
  (non-empty and not only ``overig.geen_inhoud``); for ``overig.geen_inhoud`` itself, the
  respondents with any non-empty answer;
- for a closed question: the units with a non-empty value, after any ``where`` filter (so a
  follow-up question only asked after "Ja" has the "Ja" group as its base).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from textcode.analysis.frames import (
    EMPTY_CODE,
    answer_status,
    check_answers,
    decisions,
    filter_rows,
    sorted_ids,
    texts,
    unit_ids,
)
from textcode.analysis.html import frame_html

if TYPE_CHECKING:
    from textcode.codebook import Codebook

FREQUENCY_COLUMNS = (
    "question",
    "code",
    "label",
    "answers",
    "n",
    "base",
    "share",
    "response_ids",
)


def _labels(codebook: Codebook | None) -> dict[str, str]:
    return codebook.labels() if codebook is not None else {}


def _code_order(codebook: Codebook | None) -> dict[str, int]:
    if codebook is None:
        return {}
    return {code.id: i for i, code in enumerate(codebook.codes)}


def code_frequencies(
    suggestions: pd.DataFrame,
    answers: pd.DataFrame,
    *,
    codebook: Codebook | None = None,
    unit: str | None = None,
    units: Mapping[str, str | None] | None = None,
    question: str | None = None,
    empty_code: str = EMPTY_CODE,
    include_zero: bool = False,
) -> pd.DataFrame:
    """How often each code was given, per question.

    ``answers``: answers that got the code. ``n``: distinct units (the ``unit`` column, default
    the response id) that got it, and ``share`` = ``n`` / ``base``, the units with a substantive
    answer to the question. ``units`` adds a count column per entry (name -> column, e.g.
    ``{"respondents": "vragenlijst_id", "organisations": "organisatie_id"}``; ``None`` is the
    response id). ``response_ids`` lists the answers behind each count. With a codebook, codes
    carry their labels and ties keep codebook order; ``include_zero`` adds the codebook's codes
    for the question that were never given. Rows: per question, most frequent first,
    ``overig.geen_inhoud`` last.
    """
    check_answers(answers)
    extra = dict(units or {})
    status = answer_status(answers, suggestions, empty_code=empty_code).reset_index(drop=True)
    attributes = answers.reset_index(drop=True)
    status["unit"] = unit_ids(attributes, unit).to_numpy()
    for name, column in extra.items():
        status[f"unit:{name}"] = unit_ids(attributes, column).to_numpy()
    coded = decisions(suggestions)
    if question is not None:
        status = status[status["question"] == question]
        coded = coded[coded["question"] == question]
    keyed = status.drop_duplicates(["response_id", "question"]).set_index(
        ["response_id", "question"]
    )
    merged = coded.join(keyed, on=["response_id", "question"], how="inner")
    labels = _labels(codebook)
    order = _code_order(codebook)
    records = []
    questions = list(dict.fromkeys(status["question"]))
    for q in questions:
        answered = status[(status["question"] == q) & status["answered"]]
        base_all = answered["unit"].nunique()
        base = answered.loc[answered["substantive"], "unit"].nunique()
        given = merged[merged["question"] == q]
        by_code = dict(tuple(given.groupby("code", sort=False)))
        code_ids = list(by_code)
        if include_zero and codebook is not None:
            code_ids += [c.id for c in codebook.codes_for_question(q) if c.id not in by_code]
        for code in code_ids:
            hits = by_code.get(code, given.iloc[:0])
            denominator = base_all if code == empty_code else base
            n = hits["unit"].nunique()
            record: dict[str, object] = {
                "question": q,
                "code": code,
                "label": labels.get(code, code),
                "answers": len(hits),
                "n": n,
            }
            for name in extra:
                record[name] = hits[f"unit:{name}"].nunique()
            record["base"] = denominator
            record["share"] = n / denominator if denominator else 0.0
            record["response_ids"] = sorted_ids(hits["response_id"])
            records.append(record)
    columns = [*FREQUENCY_COLUMNS[:5], *extra, *FREQUENCY_COLUMNS[5:]]
    frame = pd.DataFrame.from_records(records, columns=columns)
    if len(frame):
        frame["_q"] = frame["question"].map({q: i for i, q in enumerate(questions)})
        frame["_empty"] = frame["code"] == empty_code
        frame["_o"] = frame["code"].map(lambda c: order.get(c, len(order)))
        frame = frame.sort_values(
            ["_q", "_empty", "n", "_o", "code"],
            ascending=[True, True, False, True, True],
            kind="mergesort",
        ).drop(columns=["_q", "_empty", "_o"])
    return frame.reset_index(drop=True)


def codes_per_answer(
    suggestions: pd.DataFrame, answers: pd.DataFrame, *, empty_code: str = EMPTY_CODE
) -> pd.DataFrame:
    """For each question: how many non-empty answers got 0, 1, 2, ... codes.

    ``overig.geen_inhoud`` does not count as a code (an "n.v.t." answer has 0 codes).
    """
    columns = ["question", "codes", "answers", "share", "response_ids"]
    status = answer_status(answers, suggestions, empty_code=empty_code)
    answered = status[status["answered"]].drop_duplicates(["response_id", "question"])
    if not len(answered):
        # A file with only its header (or only empty answers): an empty table, not a KeyError.
        return pd.DataFrame({name: pd.Series(dtype=object) for name in columns})
    coded = decisions(suggestions)
    coded = coded[coded["code"] != empty_code]
    n_codes = coded.groupby(["response_id", "question"]).size()
    answered = answered.join(n_codes.rename("codes"), on=["response_id", "question"])
    answered["codes"] = answered["codes"].fillna(0).astype(int)
    table = (
        answered.groupby(["question", "codes"], sort=False)
        .agg(answers=("response_id", "size"), response_ids=("response_id", sorted_ids))
        .reset_index()
    )
    totals = answered.groupby("question", sort=False).size()
    table["share"] = [
        n / totals[q] for q, n in zip(table["question"], table["answers"], strict=True)
    ]
    order = {q: i for i, q in enumerate(dict.fromkeys(answered["question"]))}
    table["_q"] = table["question"].map(order)
    table = table.sort_values(["_q", "codes"], kind="mergesort")
    return table[columns].reset_index(drop=True)


@dataclass(frozen=True)
class Share:
    """``n`` of ``base`` units (``share``), and which units (``ids``) make up the ``n``."""

    n: int
    base: int
    ids: tuple[str, ...] = ()
    base_ids: tuple[str, ...] = field(default=(), repr=False)

    @property
    def share(self) -> float:
        return self.n / self.base if self.base else 0.0

    def _repr_html_(self) -> str:
        return f"<b>{self.n}</b> of <b>{self.base}</b> ({100 * self.share:.0f}%)"


def per_unit(rows: pd.DataFrame, column: str, unit: str | None) -> pd.DataFrame:
    """One row per unit: the first row of each unit with a value in ``column``.

    Questionnaire-level answers repeat on every project row of a questionnaire; counted per
    respondent they must count once.
    """
    frame = rows.copy()
    frame["_unit"] = unit_ids(rows, unit).to_numpy()
    frame["_value"] = texts(rows[column]).to_numpy()
    with_value = frame[frame["_value"] != ""]
    return with_value.drop_duplicates("_unit", keep="first")


def share_of(
    rows: pd.DataFrame,
    column: str,
    values: Sequence[str],
    *,
    unit: str | None = None,
    where: Mapping[str, Sequence[str]] | Sequence[tuple[str, Sequence[str]]] = (),
) -> Share:
    """The share of units whose ``column`` is one of ``values``, among units that answered."""
    subset = filter_rows(rows, where)
    units = per_unit(subset, column, unit)
    wanted = {str(v) for v in values}
    hits = units[units["_value"].isin(wanted)]
    return Share(
        n=len(hits),
        base=len(units),
        ids=sorted_ids(hits["_unit"]),
        base_ids=sorted_ids(units["_unit"]),
    )


def closed_counts(
    rows: pd.DataFrame,
    column: str,
    *,
    unit: str | None = None,
    categories: Sequence[str] = (),
    where: Mapping[str, Sequence[str]] | Sequence[tuple[str, Sequence[str]]] = (),
) -> pd.DataFrame:
    """The answers to one closed question: ``category``, ``n``, ``base``, ``share``, ``ids``.

    Categories come in the given order (zero counts included), then any others by frequency.
    """
    subset = filter_rows(rows, where)
    units = per_unit(subset, column, unit)
    counts = units.groupby("_value", sort=False)["_unit"].agg(list)
    seen = list(categories) + sorted(
        (c for c in counts.index if c not in categories), key=lambda c: (-len(counts[c]), c)
    )
    base = len(units)
    records = []
    for category in seen:
        ids = counts.get(category, [])
        records.append(
            {
                "category": category,
                "n": len(ids),
                "base": base,
                "share": len(ids) / base if base else 0.0,
                "ids": sorted_ids(ids),
            }
        )
    frame = pd.DataFrame.from_records(records, columns=["category", "n", "base", "share", "ids"])
    frame.attrs["question"] = column
    return frame


def frequencies_html(frame: pd.DataFrame) -> str:
    """A frequency table for Jupyter (ids left out)."""
    return frame_html(frame.drop(columns=[c for c in ("response_ids", "ids") if c in frame]))
