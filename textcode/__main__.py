"""``python -m textcode`` is the same program as the ``textcode`` console script."""

from textcode.cli import run

run()
