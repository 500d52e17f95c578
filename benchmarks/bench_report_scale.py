"""The report at scale: `textcode report` on large surveys against `textcode code` (by hand).

    python benchmarks/bench_report_scale.py --sizes 100000 1000000

For each size a survey of that many answers (the benchmark corpus without the blind-test
questions, with an ``organisatietype`` attribute to cross-tabulate and find key words by) is
reported on and coded, each in a fresh process. Printed per size: wall and CPU seconds and peak
memory of both, and the report's ratio to coding on the same file (coding is the floor of any
report: every answer must be coded). Issue 15 asks the report of 1,000,000 answers to finish
under 1 GB; streaming means its peak barely grows with the size.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, iter_corpus

OUT = ROOT / "out" / "bench"
GROUPS = ("gemeente", "provincie", "waterschap", "veiligheidsregio", "rijk")
COLUMNS = ["--id-column", "response_id", "--question-column", "question", "--text-column", "text"]


@dataclass(frozen=True)
class Run:
    seconds: float
    cpu_seconds: float
    peak_mb: float


def survey_file(n: int) -> Path:
    """A survey of ``n`` answers on disk (written once, then reused)."""
    path = OUT / f"report_survey_{n}.csv"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(".partial-" + path.name)
        with tmp.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["response_id", "question", "text", "organisatietype"])
            for i, (rid, question, text) in enumerate(iter_corpus(n, 0, skip_blind=True)):
                writer.writerow([rid, question, text, GROUPS[(i * 7919) % len(GROUPS)]])
        tmp.replace(path)
    return path


def run(*arguments: str) -> Run:
    """``python -m textcode ARGUMENTS`` in a fresh process: wall, CPU and peak memory."""
    command = [sys.executable, "-m", "textcode", *arguments, "--quiet"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"failed: {' '.join(command)}")
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args(argv)
    print(
        f"{'answers':>10}{'report s':>10}{'cpu s':>8}{'peak MB':>9}"
        f"{'code s':>8}{'cpu s':>8}{'peak MB':>9}{'cpu ratio':>10}{'MB ratio':>9}",
        flush=True,
    )
    for n in args.sizes:
        source = survey_file(n)
        report = run("report", str(source), *COLUMNS, "--by", "organisatietype",
                     "--out", str(OUT / f"report_{n}"))  # fmt: skip
        code = run("code", str(source), *COLUMNS, "--out", str(OUT / f"report_code_{n}.jsonl"))
        print(
            f"{n:>10,}{report.seconds:>10.0f}{report.cpu_seconds:>8.0f}{report.peak_mb:>9.0f}"
            f"{code.seconds:>8.0f}{code.cpu_seconds:>8.0f}{code.peak_mb:>9.0f}"
            f"{report.cpu_seconds / code.cpu_seconds:>10.2f}{report.peak_mb / code.peak_mb:>9.2f}",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
