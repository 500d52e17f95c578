"""Telling pandas' objects apart without importing pandas.

Importing pandas (with pyarrow) costs about half a second, more than ``textcode review
--state`` may take in all and a visible share of ``textcode code`` on a JSON Lines file; the
modules on those paths import pandas inside the functions that make a table. A value can only
be a DataFrame, ``pd.NA`` or ``pd.NaT`` once something imported pandas, so these checks look
in ``sys.modules`` instead of importing it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd
    from typing_extensions import TypeIs


def is_frame(value: object) -> TypeIs[pd.DataFrame]:
    """Whether ``value`` is a pandas DataFrame (False, at no cost, while pandas is not loaded)."""
    pandas: Any = sys.modules.get("pandas")
    return pandas is not None and isinstance(value, pandas.DataFrame)


def is_pandas_missing(value: object) -> bool:
    """Whether ``value`` is ``pd.NA`` or ``pd.NaT``."""
    pandas: Any = sys.modules.get("pandas")
    return pandas is not None and (value is pandas.NA or value is pandas.NaT)


__all__ = ["is_frame", "is_pandas_missing"]
