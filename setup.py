"""Builds textcode's optional compiled core (``textcode/coding/_core.pyx``).

Everything else is in pyproject.toml. The extension is optional: without Cython, spaCy's
headers or a C++ compiler the install still succeeds, and textcode runs its pure-Python path
(``textcode --version`` says which one runs). ``TEXTCODE_PURE_PYTHON=1`` skips the build.
"""

from __future__ import annotations

import os
import sys

from setuptools import setup
from setuptools.command.build_ext import build_ext

CORE = "textcode.coding._core"
SOURCE = "textcode/coding/_core.pyx"


def _warn(reason: str) -> None:
    print(
        f"textcode: the compiled core is not built ({reason}); textcode runs its "
        "pure-Python path, with the same output",
        file=sys.stderr,
    )


class OptionalBuildExt(build_ext):
    """build_ext that never fails the install: a core that cannot be built is left out."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # a missing compiler surfaces as several error types
            _warn(f"{type(exc).__name__}: {exc}")

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        try:
            super().build_extension(ext)
        except Exception as exc:
            _warn(f"{type(exc).__name__}: {exc}")


def extensions() -> list:  # type: ignore[type-arg]
    if os.environ.get("TEXTCODE_PURE_PYTHON"):
        _warn("TEXTCODE_PURE_PYTHON is set")
        return []
    try:
        import numpy
        from Cython.Build import cythonize
        from setuptools import Extension
    except ImportError as exc:
        _warn(f"{exc.name} is not installed")
        return []
    extension = Extension(
        CORE,
        [SOURCE],
        language="c++",
        include_dirs=[numpy.get_include()],
        # -g0: no debug information (Python's own CFLAGS ask for -g); it took a quarter of
        # the compile time and four fifths of the module's size, and nobody steps into it.
        extra_compile_args=["-O2", "-g0"] if os.name != "nt" else [],
    )
    try:
        return cythonize([extension], quiet=True)
    except Exception as exc:  # spaCy's .pxd files missing, or a Cython error
        _warn(f"cythonize: {exc}")
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
