"""Helpers for the browser tests of the review desk: a server process and Debian's Chromium.

The servers are real ``textcode review --serve`` processes (started once per test module);
the browser is Debian's Chromium driven by Playwright's Python package, whose wheel carries
its driver: nothing is downloaded (never ``playwright install``).
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("TEXTCODE_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
_URL = re.compile(r"(http://\S+/\?token=\S+)")


def need_browser() -> Any:
    """Playwright's sync API, or a skip that says what to install."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"browser tests need Chromium at {CHROMIUM}: apt-get install -y chromium "
            "(or set TEXTCODE_CHROMIUM)",
            allow_module_level=True,
        )
    return pytest.importorskip("playwright.sync_api", reason="pip install playwright (dev)")


def launch(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


class Server:
    """``textcode review ... --serve --port 0`` in a process of its own, and its URL."""

    def __init__(self, *args: str) -> None:
        self.args = args
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "textcode", "review", *args, "--serve", "--port", "0"],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=str(ROOT),
        )
        self._lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.url = ""

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)

    def wait(self, timeout: float = 90.0) -> Server:
        """Block until the server printed its URL."""
        seen = []
        while not self.url:
            try:
                line = self._lines.get(timeout=timeout)
            except queue.Empty:
                self.stop()
                raise AssertionError(f"no URL within {timeout} s: {''.join(seen)}") from None
            seen.append(line)
            found = _URL.search(line)
            if found:
                self.url = found.group(1)
        return self

    @property
    def origin(self) -> str:
        return self.url.split("/?", 1)[0]

    @property
    def token(self) -> str:
        return self.url.rsplit("token=", 1)[1]

    def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as a crash or a pulled plug."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
