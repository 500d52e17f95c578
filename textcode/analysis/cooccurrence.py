"""Which themes are named together: code co-occurrence within one answer."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from textcode.analysis.frames import EMPTY_CODE, decisions, sorted_ids, tuples

if TYPE_CHECKING:
    from textcode.codebook import Codebook


def _coded_answers(
    suggestions: pd.DataFrame, question: str | None, empty_code: str
) -> pd.DataFrame:
    coded = decisions(suggestions)
    if question is not None:
        coded = coded[coded["question"] == question]
    return coded[coded["code"] != empty_code]


def _order(codes: set[str], codebook: Codebook | None, order: Sequence[str]) -> list[str]:
    if order:
        return [c for c in order if c in codes] + sorted(codes - set(order))
    rank = {c.id: i for i, c in enumerate(codebook.codes)} if codebook is not None else {}
    return sorted(codes, key=lambda c: (rank.get(c, len(rank)), c))


def cooccurrence(
    suggestions: pd.DataFrame,
    *,
    question: str | None = None,
    codebook: Codebook | None = None,
    codes: Sequence[str] = (),
    empty_code: str = EMPTY_CODE,
) -> pd.DataFrame:
    """A square table: answers that got both codes; the diagonal holds answers with the code."""
    coded = _coded_answers(suggestions, question, empty_code)
    present = set(coded["code"]) | set(codes)
    order = _order(present, codebook, codes)
    position = {code: i for i, code in enumerate(order)}
    counts = np.zeros((len(order), len(order)), dtype=np.int64)
    if len(coded):
        # Each answer's codes (decisions are unique per answer and code), paired with itself.
        answer = coded.groupby(["response_id", "question"], sort=False).ngroup().to_numpy()
        code = coded["code"].map(position).to_numpy()
        frame = pd.DataFrame({"answer": answer, "code": code})
        pairs = frame.merge(frame, on="answer", suffixes=("_a", "_b"))
        np.add.at(counts, (pairs["code_a"].to_numpy(), pairs["code_b"].to_numpy()), 1)
    matrix = pd.DataFrame(counts, index=order, columns=order)
    matrix.index.name = "code"
    return matrix


def cooccurrence_pairs(
    suggestions: pd.DataFrame,
    *,
    question: str | None = None,
    codebook: Codebook | None = None,
    empty_code: str = EMPTY_CODE,
) -> pd.DataFrame:
    """Each pair of codes named together: ``n`` answers, ``jaccard`` overlap, the answers' ids."""
    coded = _coded_answers(suggestions, question, empty_code)
    per_code: dict[str, set[tuple[str, str]]] = {}
    for response_id, q, code in tuples(coded[["response_id", "question", "code"]]):
        per_code.setdefault(code, set()).add((response_id, q))
    order = _order(set(per_code), codebook, ())
    records = []
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            both = per_code[a] & per_code[b]
            if not both:
                continue
            either = per_code[a] | per_code[b]
            records.append(
                {
                    "code_a": a,
                    "code_b": b,
                    "n": len(both),
                    "jaccard": len(both) / len(either),
                    "response_ids": sorted_ids(r for r, _ in both),
                }
            )
    frame = pd.DataFrame.from_records(
        records, columns=["code_a", "code_b", "n", "jaccard", "response_ids"]
    )
    return frame.sort_values(["n", "jaccard"], ascending=False, kind="mergesort").reset_index(
        drop=True
    )
