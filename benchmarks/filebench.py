"""Helpers of the file-to-file benchmarks: corpus files and timed ``textcode code`` runs."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from corpus import ROOT, write_corpus

OUT = ROOT / "out" / "bench"


def corpus_file(n: int, seed: int = 0, suffix: str = ".csv") -> Path:
    """A corpus of ``n`` answers on disk (written once, then reused)."""
    path = OUT / f"corpus_{n}_{seed}{suffix}"
    if not path.exists():
        started = time.perf_counter()
        tmp = path.with_name(".partial-" + path.name)
        write_corpus(tmp, n, seed)
        tmp.replace(path)
        print(f"  wrote {path} in {time.perf_counter() - started:.0f} s", flush=True)
    return path


# ``python -m textcode`` that also leaves its own CPU seconds (not its workers') in a file.
OWN_CPU = """\
import atexit, os, resource, runpy, sys
pid = os.getpid()
def own_cpu():
    if os.getpid() == pid:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        with open(os.environ["BENCH_OWN_CPU"], "w") as handle:
            handle.write(repr(usage.ru_utime + usage.ru_stime))
atexit.register(own_cpu)
sys.argv[0] = "textcode"
runpy.run_module("textcode", run_name="__main__", alter_sys=True)
"""


@dataclass(frozen=True)
class Run:
    """One ``textcode code`` run: wall seconds, CPU seconds (all processes, and the main
    process's own), peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    output: Path
    own_cpu_seconds: float = 0.0

    def digest(self) -> str:
        sha = hashlib.sha256()
        with self.output.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                sha.update(block)
        return sha.hexdigest()[:16]


def code_file(source: Path, out: Path, *options: str, env: dict[str, str] | None = None) -> Run:
    """Run ``textcode code`` on ``source`` in a fresh process (``env`` added to the
    environment); peak memory is the largest resident size of that process or any of its
    workers."""
    own = out.with_name(out.name + ".cpu")
    command = [
        sys.executable,
        "-c",
        OWN_CPU,
        "code",
        str(source),
        "--id-column",
        "response_id",
        "--question-column",
        "question",
        "--text-column",
        "text",
        "--out",
        str(out),
        "--quiet",
        *options,
    ]
    env = dict(os.environ, PYTHONPATH=str(ROOT), BENCH_OWN_CPU=str(own), **(env or {}))
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"textcode code failed: {' '.join(command)}")
    # ru_maxrss of a waited child covers the child and the workers it waited for (kB).
    own_cpu = float(own.read_text()) if own.exists() else 0.0
    own.unlink(missing_ok=True)
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, usage.ru_maxrss / 1024, out, own_cpu)
