"""Streaming memory: peak memory of ``textcode code`` file to file at two sizes (run by hand).

    python benchmarks/bench_memory.py --sizes 250000 1000000

Codes a CSV of each size with the local engine in a fresh process and prints the peak resident
memory. Streaming means the peak stays flat: the larger run should be within 10% of the
smaller one, and under 1 GB.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from filebench import OUT, code_file, corpus_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250_000, 1_000_000])
    parser.add_argument("--engine", default="local", choices=("local", "processes"))
    args = parser.parse_args(argv)

    print(f"{'answers':>10}{'seconds':>9}{'answers/s':>11}{'peak MB':>9}{'vs first':>9}")
    first = None
    for n in args.sizes:
        source = corpus_file(n)
        run = code_file(source, OUT / f"memory_{n}.jsonl", "--engine", args.engine)
        first = first or run.peak_mb
        print(
            f"{n:>10,}{run.seconds:>9.1f}{n / run.seconds:>11,.0f}{run.peak_mb:>9.0f}"
            f"{run.peak_mb / first:>9.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
