"""How fast textcode codes answers, next to what it is measured against (run by hand).

    python benchmarks/bench_coding.py --n 200000

Builds a corpus of Dutch answers (benchmarks/corpus.py) and times, in one process, on the same
texts:

1. reference: ``spacy.blank("nl")`` tokenising them with ``nlp.pipe`` and nothing else;
2. textcode: :class:`textcode.Coder` with the shipped codebook, every stage (normalisation,
   lemmas, compounds, negation, matching, suggestion records), on its compiled core;
   ``pure``: the same on the pure-Python path (``TEXTCODE_PURE_PYTHON=1``), side by side;
3. pandas: ``Series.str.contains`` with one regular expression per code, built from the
   codebook's words (what a researcher writes without textcode);
4. spaCy's stock lookup lemmatizer plus a ``PhraseMatcher`` on lemmas;
5. the floor: what is left of textcode's run with matching taken away, i.e.
   textcode's tokenizer over the distinct texts, every token's form read and looked up once,
   and the same suggestion records made from results known in advance. No implementation of
   the record contract in Python does less per answer; what it leaves of 2.0x the reference
   is all that matching (lemmas, compounds, rules, negation, explanations) may cost.

It prints answers per second, the time relative to the reference (wall clock and CPU time; the
CPU ratio is the steadier one on a shared machine) and the process's peak memory after each.
``--repeat`` keeps the best of several runs. ``--profile N`` then codes the corpus once more
under cProfile and prints textcode's N most expensive functions (that run is not timed: the
profiler slows pure-Python code far more than spaCy's compiled tokenizer).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import re
import resource
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import pandas as pd
from corpus import build_corpus, describe

from textcode.codebook import Codebook, load_codebook
from textcode.codebook.rules import AnyOf, Binary, Node, Phrase, Term, parse_rule


def peak_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def phrases_of(node: Node, *, positive: bool = True) -> Iterator[tuple[Term, ...]]:
    """The phrases of a rule, leaving out what ``NOT`` forbids."""
    if isinstance(node, Phrase):
        yield node.terms
    elif isinstance(node, AnyOf):
        for option in node.options:
            yield from phrases_of(option)
    elif isinstance(node, Binary):
        yield from phrases_of(node.left)
        if not node.negate:
            yield from phrases_of(node.right)


def term_regex(term: Term) -> str:
    if term.kind == "regex":
        return f"(?:{term.text})"
    if term.kind == "glob":
        return fnmatch.translate(term.text).removeprefix("(?s:").removesuffix(")\\Z")
    return re.escape(term.text)


def code_regexes(codebook: Codebook) -> dict[str, str]:
    """One alternation per code: every phrase of its patterns, words bounded."""
    regexes = {}
    for code in codebook.codes:
        options = {
            r"\s+".join(term_regex(term) for term in phrase)
            for pattern in code.patterns
            for phrase in phrases_of(parse_rule(pattern.rule))
        }
        regexes[code.id] = r"\b(?:" + "|".join(sorted(options)) + r")\b"
    return regexes


# Each contender is set up once (untimed) and gives a ``make`` function: ``make()`` prepares one
# timed run (untimed too, e.g. a freshly compiled coder) and returns the run itself.
Make = Callable[[], Callable[[], int]]
T = TypeVar("T")


def reference(texts: list[str]) -> Make:
    import spacy

    nlp = spacy.blank("nl")

    def run() -> int:
        return sum(len(doc) for doc in nlp.pipe(texts))

    return lambda: run


def textcode(answers: pd.DataFrame, codebook: Codebook, *, pure: bool = False) -> Make:
    """textcode's coder on its compiled core or, with ``pure``, on the pure-Python path (the
    reference implementation; ``TEXTCODE_PURE_PYTHON=1`` while the coder is made and runs)."""
    from textcode.coding import Coder
    from textcode.coding.core import PURE_PYTHON_VARIABLE, core_status

    def on_path(function: Callable[[], T]) -> T:
        saved = os.environ.get(PURE_PYTHON_VARIABLE)
        if pure:
            os.environ[PURE_PYTHON_VARIABLE] = "1"
        try:
            return function()
        finally:
            if saved is None:
                os.environ.pop(PURE_PYTHON_VARIABLE, None)
            else:
                os.environ[PURE_PYTHON_VARIABLE] = saved

    def make() -> Callable[[], int]:
        # A new coder each time: its caches start empty, as in a fresh run.
        started = time.perf_counter()
        coder = on_path(Coder(codebook).fit)
        status = on_path(core_status)
        print(f"  (textcode set-up: {time.perf_counter() - started:.1f} s, not timed; {status})")

        def run() -> int:
            return on_path(lambda: sum(1 for _ in coder.iter_suggestions(answers)))

        return run

    return make


def floor(answers: pd.DataFrame, codebook: Codebook) -> Make:
    from spacy.attrs import ORTH

    from textcode.coding import Coder
    from textcode.records import Suggestion, suggestion_id

    coder = Coder(codebook).fit()
    # The partial records of every answer, from one untimed coding run.
    known: dict[tuple[str, str], list[tuple[str, int, int, str, float, bool, str]]] = {}
    for s in coder.iter_suggestions(answers):
        known.setdefault((s.response_id, s.question), []).append(
            (s.code, s.start, s.end, s.rule, s.confidence, s.negated, s.explanation)
        )
    ids = answers["response_id"].astype(str).tolist()
    questions = answers["question"].astype(str).tolist()
    texts = answers["text"].astype(str).tolist()
    groups = [coder.codebook_.question_id(q) for q in questions]
    partials = [tuple(known.get(key, ())) for key in zip(ids, groups, strict=True)]

    def make() -> Callable[[], int]:
        tokenizer = Coder(codebook).fit().nlp_.tokenizer
        forms: dict[int, int] = {}

        def run() -> int:
            seen: dict[tuple[str, str], int] = {}
            todo = list(dict.fromkeys(texts))
            for doc in tokenizer.pipe(todo, batch_size=1000):  # type: ignore[attr-defined]
                for orth in doc.to_array(ORTH).tolist():
                    if orth not in forms:
                        forms[orth] = len(forms)
            made = 0
            for response_id, group, text, found in zip(ids, groups, texts, partials, strict=True):
                seen[(group, text)] = 1
                for code, start, end, rule, confidence, negated, explanation in found:
                    Suggestion(
                        suggestion_id(response_id, group, code, start, end),
                        response_id,
                        group,
                        code,
                        start,
                        end,
                        text[start:end],
                        rule,
                        confidence,
                        negated,
                        explanation,
                    )
                    made += 1
            return made

        return run

    return make


def pandas_regex(answers: pd.DataFrame, codebook: Codebook) -> Make:
    regexes = code_regexes(codebook)
    questions = answers["question"]
    # A codebook regex with groups is fine for str.contains; pandas warns about it anyway.
    warnings.filterwarnings("ignore", "This pattern is interpreted", UserWarning)

    def run() -> int:
        hits = 0
        for code in codebook.codes:
            group = codebook.group(code.group)
            texts = answers["text"]
            if not group.applies_to_all:
                texts = texts[questions == group.id]
            hits += int(texts.str.contains(regexes[code.id], case=False, regex=True).sum())
        return hits

    return lambda: run


def spacy_matcher(texts: list[str], codebook: Codebook) -> Make:
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
    for code in codebook.codes:
        words = {
            " ".join(term.text for term in phrase)
            for pattern in code.patterns
            for phrase in phrases_of(parse_rule(pattern.rule))
            if all(term.kind in ("word", "exact", "acronym") for term in phrase)
        }
        matcher.add(code.id, list(nlp.pipe(sorted(words))))

    def run() -> int:
        return sum(len(matcher(doc)) for doc in nlp.pipe(texts))

    return lambda: run


def timed(make: Make, repeat: int) -> tuple[float, float, int]:
    """Best wall and CPU seconds over ``repeat`` runs, and the run's result."""
    walls, cpus = [], []
    result = 0
    for _ in range(repeat):
        run = make()
        wall, cpu = time.perf_counter(), time.process_time()
        result = run()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return min(walls), min(cpus), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="answers (default 200000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--codebook", default=None, help="codebook YAML (default: shipped)")
    parser.add_argument("--repeat", type=int, default=1, help="runs per contender (best kept)")
    parser.add_argument(
        "--real-verbatim",
        action="store_true",
        help="repeat the real answers verbatim, vary only the crisis answers (more repeats)",
    )
    parser.add_argument(
        "--profile",
        type=int,
        default=0,
        metavar="N",
        help="after timing, profile one textcode run and print its N costliest functions",
    )
    parser.add_argument(
        "--only",
        action="append",
        choices=("reference", "textcode", "pure", "pandas", "spacy", "floor"),
        help="run only these contenders (repeatable)",
    )
    args = parser.parse_args(argv)

    codebook = load_codebook(args.codebook)
    answers = build_corpus(args.n, args.seed, args.codebook, vary_real=not args.real_verbatim)
    texts = answers["text"].tolist()
    print(f"corpus: {describe(answers)}; codebook {codebook.id} {codebook.version}")
    print(f"peak memory after building the corpus: {peak_mb():.0f} MB\n")

    contenders: list[tuple[str, str, Callable[[], Make]]] = [
        ("reference", "spaCy blank('nl') nlp.pipe, tokens only", lambda: reference(texts)),
        ("textcode", "textcode Coder, compiled core", lambda: textcode(answers, codebook)),
        (
            "pure",
            "textcode Coder, pure Python",
            lambda: textcode(answers, codebook, pure=True),
        ),
        (
            "pandas",
            "pandas str.contains, a regex per code",
            lambda: pandas_regex(answers, codebook),
        ),
        (
            "spacy",
            "spaCy lookup lemmatizer + PhraseMatcher",
            lambda: spacy_matcher(texts, codebook),
        ),
    ]
    contenders.append(
        (
            "floor",
            "floor: tokens read and records made",
            lambda: floor(answers, codebook),
        )
    )
    wanted = set(args.only or [name for name, _, _ in contenders]) | {"reference"}
    results: dict[str, tuple[float, float, int]] = {}
    header = f"{'contender':<42}{'answers/s':>11}{'x ref wall':>11}{'x ref CPU':>11}{'peak MB':>9}"
    print(header)
    print("-" * len(header))
    for name, label, setup in contenders:
        if name not in wanted:
            continue
        wall, cpu, result = timed(setup(), args.repeat)
        results[name] = (wall, cpu, result)
        ref_wall, ref_cpu, _ = results["reference"]
        print(
            f"{label:<42}{args.n / wall:>11,.0f}{wall / ref_wall:>11.2f}{cpu / ref_cpu:>11.2f}"
            f"{peak_mb():>9.0f}",
            flush=True,
        )
    for name in ("textcode", "pure"):
        if name in results:
            print(f"\n{name}: {results[name][2]:,} suggestions", end="")
    print()
    if args.profile:
        profile(textcode(answers, codebook), args.profile)
    return 0


def profile(make: Make, top: int) -> None:
    """One run of ``make`` under cProfile: the ``top`` functions by own time, then by total."""
    import cProfile
    import pstats

    run = make()
    profiler = cProfile.Profile()
    profiler.runcall(run)
    stats = pstats.Stats(profiler).strip_dirs()
    print(f"\nprofile of one textcode run (own time, then cumulative; top {top}):")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


if __name__ == "__main__":
    raise SystemExit(main())
