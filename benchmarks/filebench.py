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


@dataclass(frozen=True)
class Run:
    """One ``textcode code`` run: wall seconds, CPU seconds (all processes), peak memory."""

    seconds: float
    cpu_seconds: float
    peak_mb: float
    output: Path

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
    command = [
        sys.executable,
        "-m",
        "textcode",
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
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, cwd=ROOT)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"textcode code failed: {' '.join(command)}")
    # ru_maxrss of a waited child covers the child and the workers it waited for (kB).
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, out)
