"""Process scaling: ``textcode code`` file to file on one process and on several (run by hand).

    python benchmarks/bench_scaling.py --n 1000000 --processes 2

Writes a corpus of ``--n`` answers (out/bench/, reused by later runs), codes it with
``--engine local`` and with ``--engine processes --processes N``, and prints the throughput of
each, the speed-up, the CPU seconds of all processes, of the main one (reading, sending,
writing) and of its workers, and whether the outputs are byte for byte the same. The whole
command is timed, start-up, reading and writing included.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from filebench import OUT, code_file, corpus_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="answers (default 1000000)")
    parser.add_argument("--processes", type=int, nargs="+", default=[2], help="worker counts")
    parser.add_argument("--batch-size", type=int, default=2000)
    args = parser.parse_args(argv)

    source = corpus_file(args.n)
    print(f"corpus: {source} ({args.n:,} answers)")
    runs = {"local": code_file(source, OUT / "scaling_local.jsonl", "--engine", "local")}
    for count in args.processes:
        runs[f"processes={count}"] = code_file(
            source,
            OUT / f"scaling_p{count}.jsonl",
            "--engine",
            "processes",
            "--processes",
            str(count),
            "--batch-size",
            str(args.batch_size),
        )
    base = runs["local"]
    digest = base.digest()
    print(
        f"\n{'engine':<16}{'seconds':>9}{'answers/s':>12}{'speed-up':>10}{'CPU s':>8}"
        f"{'main':>7}{'workers':>9}  output"
    )
    for name, run in runs.items():
        same = "same bytes" if run.digest() == digest else "DIFFERENT"
        print(
            f"{name:<16}{run.seconds:>9.1f}{args.n / run.seconds:>12,.0f}"
            f"{base.seconds / run.seconds:>10.2f}{run.cpu_seconds:>8.1f}"
            f"{run.own_cpu_seconds:>7.1f}{run.cpu_seconds - run.own_cpu_seconds:>9.1f}  {same}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
