"""Exchange with other tools: REFI-QDA codebooks (.qdc) and projects (.qdpx) for NVivo,
ATLAS.ti, MAXQDA and QualCoder; quanteda, LIWC, WordStat and Lexicoder dictionaries; Excel.

- :mod:`textcode.interop.refi_codebook`: ``write_qdc`` / ``read_qdc``;
- :mod:`textcode.interop.refi_project`: ``export_qdpx`` / ``read_qdpx`` (and
  :func:`~textcode.interop.refi_project_import.decisions_from_project` for review decisions);
- :mod:`textcode.interop.dictionaries`: ``read_dictionary`` / ``codebook_to_quanteda``;
- :mod:`textcode.interop.excel`: ``export_excel``;
- :mod:`textcode.parsing.safezip`: zip archives opened without trusting them.

See ``docs/interop.md``.
"""

from __future__ import annotations

from textcode.public import lazy_names

_PUBLIC: dict[str, str] = {
    "write_qdc": "textcode.interop.refi_codebook",
    "read_qdc": "textcode.interop.refi_codebook",
    "codebook_to_qdc": "textcode.interop.refi_codebook",
    "export_qdpx": "textcode.interop.refi_project",
    "build_qdpx": "textcode.interop.refi_project",
    "read_qdpx": "textcode.interop.refi_project_import",
    "RefiProject": "textcode.interop.refi_project_import",
    "decisions_from_project": "textcode.interop.refi_project_import",
    "read_dictionary": "textcode.interop.dictionaries",
    "codebook_to_quanteda": "textcode.interop.dictionaries",
    "export_excel": "textcode.interop.excel",
    "build_workbook": "textcode.interop.excel",
    "SafeZip": "textcode.parsing.safezip",
    "ZipLimits": "textcode.parsing.safezip",
}

__all__ = sorted(_PUBLIC)


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
