"""Writing outputs: atomically, into folders several commands share, and in formats that read
back to the same values and never run anything.

- :mod:`textcode.io.atomic`: one file written through a temporary file (never half-written);
- :mod:`textcode.io.folder`: an output folder and the manifest of which command wrote what;
- :mod:`textcode.io.cells`: what a cell becomes in each format (formulas, control characters);
- :mod:`textcode.io.delimited`: the one CSV/TSV writer (for people or for the next program);
- :mod:`textcode.io.workbook`: the one Excel writer.
"""

from textcode.io.atomic import atomic_open, atomic_write_bytes, atomic_write_text
from textcode.io.folder import MANIFEST, OutputFolder

__all__ = [
    "MANIFEST",
    "OutputFolder",
    "atomic_open",
    "atomic_write_bytes",
    "atomic_write_text",
]
