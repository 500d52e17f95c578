"""Turning cells into ids, question names and answer texts, and typing text-only attributes."""

from __future__ import annotations

import datetime as dt
import math
import numbers
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, SupportsFloat

import numpy as np

from textcode.lazy_pandas import is_pandas_missing

if TYPE_CHECKING:
    import pandas as pd


def is_missing(value: Any) -> bool:
    """True for None, NaN, NA and NaT (and not for lists, which pd.isna would expand)."""
    if value is None:
        return True
    if isinstance(value, float | np.floating):
        return bool(np.isnan(value))
    if isinstance(value, np.datetime64 | np.timedelta64):
        return bool(np.isnat(value))
    return is_pandas_missing(value)


def format_number(value: SupportsFloat) -> str:
    """``1.0`` -> ``"1"`` (SPSS and Excel store whole numbers as floats), ``2.5`` -> ``"2.5"``."""
    if isinstance(value, bool | np.bool_):
        return str(bool(value))
    if isinstance(value, numbers.Integral):
        return str(int(value))
    number = float(value)
    if math.isfinite(number) and number.is_integer():
        return str(int(number))
    return repr(number)


def to_label(value: Any) -> str | None:
    """An id or question name as text (surrounding spaces dropped); None when missing."""
    if isinstance(value, str):  # first: the common case, and a string is never missing
        return value.strip()
    if is_missing(value):
        return None
    if isinstance(value, numbers.Real):
        return format_number(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace").strip()
    return str(value).strip()


def to_text(value: Any) -> str:
    """An answer cell as text: strings unchanged (spaces and all), missing as ``""``.

    Raises TypeError for lists and mappings: an answer must be one text.
    """
    if isinstance(value, str):
        return value
    if is_missing(value):
        return ""
    if isinstance(value, numbers.Real):
        return format_number(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    if isinstance(value, list | tuple | dict | set | np.ndarray):
        raise TypeError(f"expected one text, found a {type(value).__name__}")
    return str(value)


_INT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?")


def infer_text_column(values: Sequence[str]) -> pd.Series:
    """Type one attribute column read from a text file (CSV cells are all strings).

    Whole numbers become integers (nullable ``Int64`` when cells are empty), numbers with a
    decimal point become floats; empty cells become missing. Numbers written with a leading zero
    (postcodes, "007") and decimal commas stay text, so nothing is lost.
    """
    import pandas as pd

    filled = [v.strip() for v in values if v.strip()]
    if filled and all(_INT.fullmatch(v) for v in filled):
        ints = [int(v.strip()) if v.strip() else None for v in values]
        if all(-(2**63) <= i < 2**63 for i in ints if i is not None):
            if None in ints:
                return pd.Series(pd.array(ints, dtype="Int64"))
            return pd.Series(ints, dtype="int64")
    if filled and all(_FLOAT.fullmatch(v) for v in filled):
        return pd.Series([float(v) if v.strip() else math.nan for v in values], dtype="float64")
    return pd.Series([v if v != "" else None for v in values], dtype=object).infer_objects()
