"""Which matching core runs: the compiled one (``textcode.coding._core``) or pure Python.

The compiled core is an optional C++ extension built from ``_core.pyx`` when textcode is
installed with a compiler at hand (release wheels carry it built). It codes exactly as the
pure-Python path, which stays the reference; ``TEXTCODE_PURE_PYTHON=1`` in the environment
forces the pure path. :func:`core_status` says which one runs, and why, in one line.
"""

from __future__ import annotations

import os
from functools import cache
from types import ModuleType

PURE_PYTHON_VARIABLE = "TEXTCODE_PURE_PYTHON"


def pure_python_forced() -> bool:
    """Whether ``TEXTCODE_PURE_PYTHON`` asks for the pure-Python path (any value but 0/empty)."""
    return os.environ.get(PURE_PYTHON_VARIABLE, "").strip() not in ("", "0")


@cache
def _load() -> tuple[ModuleType | None, str]:
    try:
        from textcode.coding import _core  # type: ignore[attr-defined,unused-ignore]
    except ImportError as exc:
        return None, f"the compiled core is not built ({exc.msg.split(':')[0]})"
    import spacy

    built = _core.SPACY_VERSION.split(".")[:2]
    if spacy.__version__.split(".")[:2] != built:
        return None, (
            f"the compiled core was built for spaCy {_core.SPACY_VERSION}, not "
            f"{spacy.__version__}: reinstall textcode with pip's --no-build-isolation, which "
            "builds it against the installed spaCy"
        )
    return _core, "compiled core"


def compiled_core() -> ModuleType | None:
    """The compiled core module when it is built and wanted, else None (pure Python)."""
    if pure_python_forced():
        return None
    return _load()[0]


def core_status() -> str:
    """One line: which matching core runs (for ``textcode --version``)."""
    if pure_python_forced():
        return f"matching: pure Python ({PURE_PYTHON_VARIABLE} is set)"
    module, reason = _load()
    if module is not None:
        return "matching: compiled core"
    return f"matching: pure Python ({reason}; the output is the same, only slower)"
