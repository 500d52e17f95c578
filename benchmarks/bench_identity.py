"""Byte identity: ``textcode code`` writes the same bytes whatever the engine, process count or
batch size (run by hand; the tests check the same on a small sample).

    python benchmarks/bench_identity.py --n 100000

Codes one corpus file with every combination listed below and prints each output's digest.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from filebench import OUT, code_file, corpus_file

RUNS: list[tuple[str, ...]] = [
    ("--engine", "local", "--batch-size", "1"),
    ("--engine", "local", "--batch-size", "2000"),
    ("--engine", "local", "--batch-size", "50000"),
    ("--engine", "processes", "--processes", "2", "--batch-size", "7"),
    ("--engine", "processes", "--processes", "2", "--batch-size", "2000"),
    ("--engine", "processes", "--processes", "3", "--batch-size", "999"),
    ("--engine", "dask", "--processes", "2", "--batch-size", "3000"),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    args = parser.parse_args(argv)

    source = corpus_file(args.n)
    digests = set()
    print(f"{'options':<58}{'seconds':>8}  digest")
    for i, options in enumerate(RUNS):
        run = code_file(source, OUT / f"identity_{i}.{args.format}", *options)
        digests.add(run.digest())
        print(f"{' '.join(options):<58}{run.seconds:>8.1f}  {run.digest()}", flush=True)
    print("\nall outputs identical" if len(digests) == 1 else "\nOUTPUTS DIFFER")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    raise SystemExit(main())
