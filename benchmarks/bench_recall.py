"""Recall on real answers: a researcher's own codebook and dictionary against the hand-coded gold.

    python benchmarks/bench_recall.py                 # the three VU gold sets, every contender
    python benchmarks/bench_recall.py --question B1 --misses 20
    python benchmarks/bench_recall.py --shipped       # also the shipped codebook's test sets

For each gold question (``benchmarks/vu_gold.py``: B1, A2_text, H8) it scores, micro over
(answer, code) pairs, on the 250 gold answers:

1. ``rules``: ``Coder(codebook.yaml)``, the researcher's codebook (for A2_text, revised from
   a further sample of answers outside the gold: its ``NOTES.md`` says how);
2. ``rules from 150``: ``codebook_150.yaml`` when it exists, the codebook as first written
   from the 150 answers of the codebook sample, before that revision;
3. ``rules grown``: ``codebook.grown.yaml`` when it exists, the first codebook grown with
   ``textcode codebook suggest-terms`` on the question's answers outside the gold sample;
4. ``dictionary``: ``dictionary.yml`` imported with ``textcode import codebook`` (entries as
   textcode terms: lemmas, compounds, light words inside phrases), the main codebook's terms;
   ``dictionary from 150``: ``dictionary_150.yml``, the first codebook's terms, when it exists;
5. ``dictionary --literal``: the same import with quanteda's exact semantics;
6. ``glob``: a plain quanteda-style lookup of the dictionary (lower-cased tokens, ``*`` globs,
   multi-word entries as consecutive tokens), without textcode;
7. ``pandas``: ``Series.str.contains`` with one case-insensitive alternation of the
   dictionary's entries per code (``*`` dropped), what a researcher writes in five minutes.

Each line gives precision, recall and micro-F1 with a 95% bootstrap interval of the F1
(answers resampled, 1,000 draws, fixed seed). ``--shipped`` adds the shipped codebook on
``tests/data`` (dev, validation, blind). The learning curve (rules plus a model after 25, 50,
100, 125, 200 reviewed answers) comes from ``benchmarks/bench_learning.py`` when it is there.

The answers stay in ``../shared``: without them this prints that it cannot run and exits 0.
"""

from __future__ import annotations

import argparse
import fnmatch
import json
import re
import sys
import warnings
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
import pandas as pd
import vu_gold

from textcode.codebook import Codebook, load_codebook
from textcode.coding import Coder
from textcode.interop.dictionaries import Category, parse_quanteda, read_dictionary

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_SETS = ("dev_gold_nl.jsonl", "validation_nl.jsonl", "blind_nl.jsonl")
BOOTSTRAP_DRAWS = 1000
SEED = 20210317  # election day

Labels = list[set[str]]


@dataclass(frozen=True)
class Score:
    """Micro precision, recall and F1 over (answer, code) pairs, with the F1's interval."""

    precision: float
    recall: float
    f1: float
    low: float
    high: float
    tp: int
    fp: int
    fn: int

    def row(self, name: str) -> str:
        return (
            f"  {name:<22} P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f} "
            f"[{self.low:.3f}, {self.high:.3f}]  (tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def _counts(gold: Labels, predicted: Labels) -> np.ndarray:
    return np.array(
        [(len(g & p), len(p - g), len(g - p)) for g, p in zip(gold, predicted, strict=True)]
    )


def _f1(tp: float, fp: float, fn: float) -> float:
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def score(gold: Labels, predicted: Labels, draws: int = BOOTSTRAP_DRAWS) -> Score:
    """Micro P/R/F1 and a percentile bootstrap interval of the F1 (answers resampled)."""
    counts = _counts(gold, predicted)
    tp, fp, fn = (int(x) for x in counts.sum(axis=0))
    rng = np.random.default_rng(SEED)
    picks = rng.integers(0, len(counts), size=(draws, len(counts)))
    sums = counts[picks].sum(axis=1)
    f1s = [_f1(*row) for row in sums]
    low, high = np.percentile(f1s, [2.5, 97.5])
    return Score(
        tp / (tp + fp) if tp + fp else 0.0,
        tp / (tp + fn) if tp + fn else 0.0,
        _f1(tp, fp, fn),
        float(low),
        float(high),
        tp,
        fp,
        fn,
    )


# --- contenders ------------------------------------------------------------------------------


def code_with(codebook: Codebook, frame: pd.DataFrame) -> Labels:
    """The codes textcode's coder gives each answer of ``frame`` (in order)."""
    coder = Coder(codebook)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a dictionary's shared groups claim no question
        result = coder.code(frame[["response_id", "question", "text"]])
    matrix = result.matrix
    codes = matrix.columns
    return [set(codes[row.astype(bool)]) for row in matrix.to_numpy()]


def dictionary_entries(path: Path) -> dict[str, list[str]]:
    """Code id -> entries of a quanteda dictionary, ids as the import makes them."""
    from textcode.interop.naming import slugify

    found: dict[str, list[str]] = {}

    def walk(category: Category, prefix: str) -> None:
        code_id = f"{prefix}.{slugify(category.name)}" if prefix else slugify(category.name)
        if category.entries:
            found[code_id] = [entry.text for entry in category.entries]
        for child in category.children:
            walk(child, code_id)

    for category in parse_quanteda(path.read_text(encoding="utf-8"), str(path)):
        walk(category, "")
    return found


_TOKEN_RE = re.compile(r"\w+(?:[-']\w+)*|[^\w\s]", re.UNICODE)


def glob_lookup(entries: dict[str, list[str]], texts: Sequence[str]) -> Labels:
    """quanteda's ``tokens_lookup`` as a researcher runs it: lower-cased tokens, globs."""
    compiled = {
        code: [[re.compile(fnmatch.translate(w)) for w in e.lower().split()] for e in items]
        for code, items in entries.items()
    }
    result: Labels = []
    for text in texts:
        tokens = _TOKEN_RE.findall(text.lower())
        found = set()
        for code, phrases in compiled.items():
            for phrase in phrases:
                n = len(phrase)
                if any(
                    all(phrase[k].fullmatch(tokens[i + k]) for k in range(n))
                    for i in range(len(tokens) - n + 1)
                ):
                    found.add(code)
                    break
        result.append(found)
    return result


def pandas_contains(entries: dict[str, list[str]], texts: Sequence[str]) -> Labels:
    """``str.contains`` with one case-insensitive alternation of the entries per code."""
    series = pd.Series(list(texts), dtype="string")
    hits = {}
    for code, items in entries.items():
        pattern = "|".join(re.escape(e.replace("*", "").lower()) for e in items)
        hits[code] = series.str.contains(pattern, case=False, regex=True).fillna(False).to_numpy()
    return [{code for code, column in hits.items() if column[i]} for i in range(len(series))]


# --- per question ----------------------------------------------------------------------------


def question_report(question: str, *, misses: int = 0, learning: bool = True) -> dict[str, Score]:
    folder = vu_gold.GOLD_DIR / question
    gold_frame = vu_gold.gold(question)
    gold_labels: Labels = [set(codes) for codes in gold_frame["codes"]]
    texts = gold_frame["text"].tolist()
    contenders: dict[str, Callable[[], Labels]] = {
        "rules": lambda: code_with(load_codebook(folder / "codebook.yaml"), gold_frame),
    }
    first = folder / "codebook_150.yaml"
    if first.exists():
        contenders["rules from 150"] = lambda: code_with(load_codebook(first), gold_frame)
    grown = folder / "codebook.grown.yaml"
    if grown.exists():
        contenders["rules grown"] = lambda: code_with(load_codebook(grown), gold_frame)
    dictionary = folder / "dictionary.yml"
    contenders["dictionary"] = lambda: code_with(read_dictionary(dictionary).codebook, gold_frame)
    first_dictionary = folder / "dictionary_150.yml"
    if first_dictionary.exists():
        contenders["dictionary from 150"] = lambda: code_with(
            read_dictionary(first_dictionary).codebook, gold_frame
        )
    contenders["dictionary --literal"] = lambda: code_with(
        _literal_dictionary(dictionary), gold_frame
    )
    entries = dictionary_entries(dictionary)
    contenders["glob"] = lambda: glob_lookup(entries, texts)
    contenders["pandas"] = lambda: pandas_contains(entries, texts)
    scores: dict[str, Score] = {}
    predictions: dict[str, Labels] = {}
    print(f"{question}: {len(gold_frame)} gold answers, {sum(map(len, gold_labels))} codes")
    for name, run in contenders.items():
        predictions[name] = run()
        scores[name] = score(gold_labels, predictions[name])
        print(scores[name].row(name), flush=True)
    if learning:
        _learning_curve(question)
    if misses:
        _show_errors(gold_frame, gold_labels, predictions["rules"], misses)
    return scores


def _literal_dictionary(path: Path) -> Codebook:
    return read_dictionary(path, literal=True).codebook


def _learning_curve(question: str) -> None:
    """Rules plus a model after n reviewed answers (``bench_learning.learning_curve``)."""
    try:
        import bench_learning  # type: ignore[import-not-found]
    except ImportError:
        return
    for line in bench_learning.curve_lines(question):
        print(f"  {line}", flush=True)


def _show_errors(frame: pd.DataFrame, gold: Labels, predicted: Labels, limit: int) -> None:
    """Misses and false alarms of the rules (for understanding kinds of errors, not fixing)."""
    shown = 0
    for text, g, p in zip(frame["text"], gold, predicted, strict=True):
        if g == p:
            continue
        missed = sorted(g - p)
        extra = sorted(p - g)
        print(f"    miss {missed} extra {extra}: {text[:110]!r}")
        shown += 1
        if shown >= limit:
            break


def shipped_report() -> dict[str, float]:
    """The shipped codebook's micro-F1 on its dev, validation and blind sets."""
    from textcode.coding.evaluate import evaluate

    coder = Coder()
    result = {}
    for name in SHIPPED_SETS:
        figures = evaluate(ROOT / "tests" / "data" / name, coder=coder)
        result[name] = figures.micro_f1
        print(f"  shipped {name:<22} micro-F1 {figures.micro_f1:.3f}")
    return result


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--question", action="append", choices=vu_gold.GOLD_QUESTIONS)
    parser.add_argument("--misses", type=int, default=0, help="show this many rule errors")
    parser.add_argument("--shipped", action="store_true", help="also the shipped test sets")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--no-learning", action="store_true", help="skip the learning curve")
    args = parser.parse_args(list(argv) if argv is not None else None)
    figures: dict[str, object] = {}
    if args.shipped:
        figures["shipped"] = shipped_report()
    if not vu_gold.available():
        print(f"the real answers are not beside this checkout ({vu_gold.REAL_FILE}); skipped")
        return 0
    for question in args.question or vu_gold.GOLD_QUESTIONS:
        scores = question_report(question, misses=args.misses, learning=not args.no_learning)
        figures[question] = {name: vars(s) for name, s in scores.items()}
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
