"""textcode's public names: imported on first use, and old names kept as deprecated aliases.

A package lists its public names with the module that defines each; :func:`lazy_names` gives
it the module ``__getattr__`` and ``__dir__`` that import a name's module only when the name
is first used, so ``import textcode`` stays light. :func:`deprecated` keeps a renamed function
callable under its old name for a while, with a ``FutureWarning`` that names the new one.
"""

from __future__ import annotations

import functools
import importlib
import warnings
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])


def lazy_names(
    package: str, names: Mapping[str, str], namespace: dict[str, Any]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package``: ``names`` maps a public name to its
    module; a name once imported is kept in ``namespace`` (the package's ``globals()``)."""

    def __getattr__(name: str) -> Any:
        module_name = names.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module_name), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(namespace.get("__all__", names))

    return __getattr__, __dir__


def warn_deprecated(old: str, new: str, *, stacklevel: int = 3) -> None:
    """Warn (``FutureWarning``, shown to users) that the name ``old`` gives way to ``new``."""
    warnings.warn(f"{old} is deprecated; use {new}", FutureWarning, stacklevel=stacklevel)


def deprecated(function: F, old: str, new: str) -> F:
    """``function`` under its old name ``old``, warning on each call that ``new`` replaces it.

    >>> import warnings
    >>> double = deprecated(lambda x: 2 * x, "twice", "double")
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     double(2), str(caught[0].message)
    (4, 'twice is deprecated; use double')
    """

    @functools.wraps(function)
    def alias(*args: Any, **kwargs: Any) -> Any:
        warn_deprecated(old, new, stacklevel=3)
        return function(*args, **kwargs)

    alias.__doc__ = f"Deprecated: use :func:`{new}`."
    return alias  # type: ignore[return-value]
