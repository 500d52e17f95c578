"""Whole processes: ``textcode code`` file to file against a tokenizer process (run by hand).

    python benchmarks/bench_process.py --n 200000

Writes a corpus of ``--n`` answers as JSON Lines (out/bench/, reused by later runs) and runs,
each as a fresh process timed from start to exit (import, read, code, write):

1. reference: a process that imports spaCy, reads the same file line by line and tokenises
   every text with ``spacy.blank("nl")`` (``nlp.pipe``), writing nothing;
2. ``textcode code`` on the compiled core, and on the pure-Python path
   (``TEXTCODE_PURE_PYTHON=1``), both to a JSON Lines file (the two outputs are compared
   byte for byte);
3. start-up: ``python -c "import spacy"``, ``textcode code`` on one answer, and
   ``textcode review --state`` on the suggestions of the sample survey (which needs no spaCy).

Printed: wall and CPU seconds of each, and the ratio to the reference (CPU is the steadier on
a shared machine). ``--repeat`` keeps the best of several runs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from filebench import OUT, Run, code_file, corpus_file

from textcode.coding.core import PURE_PYTHON_VARIABLE

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "ifv2020" / "responses.csv"

TOKENIZE = """
import json, sys
import spacy
nlp = spacy.blank("nl")
def texts():
    with open(sys.argv[1], encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)["text"]
print(sum(len(doc) for doc in nlp.pipe(texts(), batch_size=1000)))
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """``command`` as a fresh process: wall and CPU seconds, peak memory."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, env=dict(os.environ, **(env or {})), cwd=ROOT, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, Path())


def best(runs: list[Run]) -> Run:
    return min(runs, key=lambda run: run.cpu_seconds)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=200_000, help="answers (default 200000)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each (best kept)")
    args = parser.parse_args(argv)

    source = corpus_file(args.n, suffix=".jsonl")
    print(f"corpus: {source} ({args.n:,} answers)\n")
    pure = {PURE_PYTHON_VARIABLE: "1"}
    python = sys.executable
    textcode = [python, "-m", "textcode"]

    one = OUT / "one_answer.csv"
    one.write_text("id,kennisbehoefte\n1,Meer kennis over AI-modellen\n", encoding="utf-8")
    sample_out = OUT / "sample_suggestions.jsonl"
    # The suggestions review --state reads (not timed).
    timed([*textcode, "code", str(SAMPLE), "--out", str(sample_out), "--quiet"])

    def whole(out: str, env: dict[str, str] | None = None) -> Run:
        return code_file(source, OUT / out, env=env)

    rows: list[tuple[str, list[Run]]] = [
        ("reference: import spaCy, tokenise the file", []),
        ("textcode code, compiled core", []),
        ("textcode code, pure Python", []),
        ('python -c "import spacy"', []),
        ("textcode code, one answer", []),
        ("textcode review --state, sample (no spaCy)", []),
    ]
    state = [
        *textcode,
        *("review", str(sample_out), "--ledger", str(OUT / "state_ledger.jsonl")),
        *("--reviewer", "bench", "--state"),
    ]
    one_answer = [*textcode, "code", str(one), "--text-column", "kennisbehoefte"]
    for _ in range(args.repeat):
        rows[0][1].append(timed([python, "-c", TOKENIZE, str(source)]))
        rows[1][1].append(whole("process_compiled.jsonl"))
        rows[2][1].append(whole("process_pure.jsonl", pure))
        rows[3][1].append(timed([python, "-c", "import spacy"]))
        rows[4][1].append(timed([*one_answer, "--out", str(OUT / "one.jsonl"), "--quiet"]))
        rows[5][1].append(timed(state))
    reference = best(rows[0][1])
    header = f"{'process':<46}{'wall s':>8}{'CPU s':>8}{'x ref wall':>11}{'x ref CPU':>10}"
    print(header)
    print("-" * len(header))
    for label, runs in rows:
        run = best(runs)
        wall, cpu = run.seconds / reference.seconds, run.cpu_seconds / reference.cpu_seconds
        print(f"{label:<46}{run.seconds:>8.2f}{run.cpu_seconds:>8.2f}{wall:>11.2f}{cpu:>10.2f}")
    compiled_bytes = (OUT / "process_compiled.jsonl").read_bytes()
    same = compiled_bytes == (OUT / "process_pure.jsonl").read_bytes()
    print(f"\ncompiled and pure outputs: {'the same bytes' if same else 'DIFFERENT'}")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
