"""`textcode ARGS` run in this process, seen as a user sees it: exit status, stdout, stderr.

Starting ``python -m textcode`` reloads spaCy and the lexicon each time (seconds per test);
``textcode.cli.main`` is the same program. Only a few tests need a fresh interpreter (a
terminal, another hash seed, what a bare import loads) and start one themselves.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from textcode.cli import main

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Ran:
    """What a finished command left: its exit status and what it wrote."""

    returncode: int
    stdout: str
    stderr: str
    stdout_bytes: bytes


def run_cli(*args: str, stdin: str | bytes | None = None, cwd: Path = ROOT) -> Ran:
    """Run ``textcode *args`` in this process, with ``stdin`` (text or bytes) as its input."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else (stdin or b"")
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8", newline="", write_through=True)
    err = io.TextIOWrapper(err_bytes, encoding="utf-8", newline="", write_through=True)
    fake_in = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    saved = (sys.stdin, sys.stdout, sys.stderr, warnings.showwarning, os.getcwd())
    try:
        sys.stdin, sys.stdout, sys.stderr = fake_in, out, err
        os.chdir(cwd)
        with warnings.catch_warnings():
            warnings.simplefilter("default")
            try:
                code = main(list(args))
            except SystemExit as exc:  # argparse: --help, --version, usage errors
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    finally:
        sys.stdin, sys.stdout, sys.stderr, warnings.showwarning = saved[:4]
        os.chdir(saved[4])
    with contextlib.suppress(ValueError):
        out.flush()
        err.flush()
    raw = out_bytes.getvalue()
    return Ran(code, raw.decode("utf-8"), err_bytes.getvalue().decode("utf-8"), raw)


def mcp_server(*args: str) -> object:
    """The server ``textcode mcp ARGS`` would serve, built in this process for an in-memory
    ``mcp.Client`` (the stdio transport itself has one test of its own)."""
    from textcode.cli import build_parser
    from textcode.cli.mcp import open_desk
    from textcode.desk.mcp import build_server

    parsed = build_parser().parse_args(["mcp", *args])
    return build_server(open_desk(parsed))
