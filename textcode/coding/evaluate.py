"""Scoring the coder against hand-coded answers: per-code precision, recall, F1 and kappa.

The unit is the (answer, code) decision over the codes an answer could get (its question's
group plus the shared codes), so uncoded text does not swamp the figures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pandas as pd
from sklearn.metrics import cohen_kappa_score

from textcode.codebook import Codebook
from textcode.coding.coder import Coder
from textcode.coding.gold import read_gold
from textcode.errors import InputError


@dataclass(frozen=True)
class Miss:
    """A gold code the coder did not give, or a code it gave that gold does not have."""

    response_id: str
    question: str
    code: str
    text: str
    evidence: str  # for false alarms: what the coder matched; for misses: ""
    rule: str
    start: int = -1  # the evidence's offsets in ``text`` (false alarms)
    end: int = -1

    def shown(self, redact: bool = True) -> Miss:
        """The same error with personal data in the text and evidence replaced by placeholders."""
        if not redact:
            return self
        from textcode.privacy import redact_text

        redaction = redact_text(self.text)
        if not redaction.hits:
            return self
        evidence = self.evidence
        start, end = self.start, self.end
        if start >= 0:
            start, end = redaction.map_span(start, end)
            evidence = redaction.text[start:end]
        return replace(self, text=redaction.text, evidence=evidence, start=start, end=end)


@dataclass(frozen=True)
class EvaluationResult:
    """Figures per code and overall, and the errors behind them."""

    per_code: pd.DataFrame  # code, label, support, predicted, tp, fp, fn, precision, recall, f1
    micro_f1: float
    macro_f1: float
    kappa: float
    n_answers: int
    n_decisions: int
    misses: tuple[Miss, ...]
    false_alarms: tuple[Miss, ...]
    codebook_version: str

    def to_dict(self, *, redact: bool = True) -> dict[str, Any]:
        """Everything as plain data (for ``--json``); answer texts redacted unless asked not to."""
        return {
            "codebook_version": self.codebook_version,
            "n_answers": self.n_answers,
            "n_decisions": self.n_decisions,
            "micro_f1": round(self.micro_f1, 4),
            "macro_f1": round(self.macro_f1, 4),
            "kappa": round(self.kappa, 4),
            "per_code": json.loads(
                self.per_code.round(4).to_json(orient="records", force_ascii=False)
            ),
            "misses": [vars(m.shown(redact)) for m in self.misses],
            "false_alarms": [vars(m.shown(redact)) for m in self.false_alarms],
        }

    def _repr_html_(self) -> str:
        head = (
            f"<p>micro F1 <b>{self.micro_f1:.3f}</b>, macro F1 <b>{self.macro_f1:.3f}</b>, "
            f"kappa <b>{self.kappa:.3f}</b> over {self.n_answers} answers</p>"
        )
        return head + self.per_code.round(3).to_html(index=False)


def evaluate(
    gold: str | Path | pd.DataFrame,
    codebook: Codebook | str | Path | None = None,
    *,
    coder: Coder | None = None,
) -> EvaluationResult:
    """Code the gold answers and compare, per code and overall."""
    coder = coder or Coder(codebook)
    book = coder.codebook_
    known = {c.id for c in book.codes}
    if isinstance(gold, pd.DataFrame):
        table = gold
        for position, codes in enumerate(table["codes"], start=1):
            unknown = [c for c in codes if c not in known]
            if unknown:
                raise InputError(
                    f"gold codes not in codebook {book.id}: {', '.join(unknown)}",
                    row=position,
                    field="codes",
                )
    else:
        table = read_gold(gold, known_codes=known)
    suggestions = coder.suggest(table[["response_id", "question", "text"]])
    predicted: dict[tuple[str, str], dict[str, tuple[str, str, int, int]]] = {}
    for row in suggestions.to_dict("records"):
        predicted.setdefault((str(row["response_id"]), str(row["question"])), {}).setdefault(
            str(row["code"]),
            (str(row["evidence"]), str(row["rule"]), int(row["start"]), int(row["end"])),
        )

    labels = book.labels()
    gold_vec: list[int] = []
    pred_vec: list[int] = []
    stats: dict[str, list[int]] = {code.id: [0, 0, 0] for code in book.codes}  # tp fp fn
    misses: list[Miss] = []
    alarms: list[Miss] = []
    for response_id, raw_question, text, gold_codes in zip(
        table["response_id"].astype(str),
        table["question"].astype(str),
        table["text"].astype(str),
        table["codes"],
        strict=True,
    ):
        question = book.question_id(raw_question)
        found = predicted.get((response_id, question), {})
        wanted = set(gold_codes)
        for code in book.codes_for_question(raw_question):
            g = code.id in wanted
            p = code.id in found
            gold_vec.append(int(g))
            pred_vec.append(int(p))
            if g and p:
                stats[code.id][0] += 1
            elif p:
                stats[code.id][1] += 1
                evidence, rule, start, end = found[code.id]
                alarms.append(
                    Miss(response_id, question, code.id, text, evidence, rule, start, end)
                )
            elif g:
                stats[code.id][2] += 1
                misses.append(Miss(response_id, question, code.id, text, "", ""))

    records = []
    for code_id, (tp, fp, fn) in stats.items():
        support = tp + fn
        if support == 0 and fp == 0:
            continue
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        records.append(
            {
                "code": code_id,
                "label": labels[code_id],
                "support": support,
                "predicted": tp + fp,
                "tp": tp,
                "fp": fp,
                "fn": fn,
                "precision": precision,
                "recall": recall,
                "f1": f1,
            }
        )
    per_code = pd.DataFrame(
        records,
        columns=[
            "code",
            "label",
            "support",
            "predicted",
            "tp",
            "fp",
            "fn",
            "precision",
            "recall",
            "f1",
        ],
    )
    tp = int(per_code["tp"].sum())
    fp = int(per_code["fp"].sum())
    fn = int(per_code["fn"].sum())
    micro = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0
    macro = float(per_code["f1"].mean()) if len(per_code) else 1.0
    if len(set(gold_vec)) > 1 or len(set(pred_vec)) > 1:
        kappa = float(cohen_kappa_score(gold_vec, pred_vec))
    else:
        kappa = 1.0 if gold_vec == pred_vec else 0.0
    return EvaluationResult(
        per_code=per_code,
        micro_f1=micro,
        macro_f1=macro,
        kappa=kappa,
        n_answers=len(table),
        n_decisions=len(gold_vec),
        misses=tuple(misses),
        false_alarms=tuple(alarms),
        codebook_version=f"{book.id} {book.version}",
    )


def format_report(
    result: EvaluationResult, *, show_errors: bool = True, redact: bool = True
) -> str:
    """The evaluation as a plain-text table, errors listed below it (texts redacted)."""
    lines = [f"{'code':40} {'P':>6} {'R':>6} {'F1':>6} {'n':>4}"]
    for row in result.per_code.itertuples(index=False):
        lines.append(
            f"{row.code:40} {row.precision:6.3f} {row.recall:6.3f} {row.f1:6.3f} {row.support:4d}"
        )
    if show_errors:
        for miss in (m.shown(redact) for m in result.misses):
            lines.append(f"MISS  {miss.response_id} {miss.code}: {miss.text!r}")
        for alarm in (m.shown(redact) for m in result.false_alarms):
            where = f"{alarm.response_id} {alarm.code} ({alarm.rule})"
            lines.append(f"FALSE {where}: {alarm.evidence!r} in {alarm.text!r}")
    counts = f"{result.n_answers} answers, {result.n_decisions} decisions"
    lines.append(f"codebook {result.codebook_version}: {counts}")
    lines.append(
        f"micro-F1 {result.micro_f1:.3f}  macro-F1 {result.macro_f1:.3f}  kappa {result.kappa:.3f}"
    )
    return "\n".join(lines)
