"""Respondent attributes as REFI-QDA typed variables, and back.

REFI-QDA knows Text, Boolean, Integer, Float, Date and DateTime. The type of a column follows
its pandas dtype, or for object columns the Python values in it; a float column whose values
are all whole numbers and that has gaps is Integer (pandas made it float because of the gaps).
Missing values (NaN, None, NaT) get no value at all rather than an empty one.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import Decimal
from typing import Any

import pandas as pd

VARIABLE_TYPES: tuple[str, ...] = ("Text", "Boolean", "Integer", "Float", "Date", "DateTime")
VALUE_ELEMENTS: dict[str, str] = {
    "Text": "TextValue",
    "Boolean": "BooleanValue",
    "Integer": "IntegerValue",
    "Float": "FloatValue",
    "Date": "DateValue",
    "DateTime": "DateTimeValue",
}
ELEMENT_TYPES: dict[str, str] = {element: kind for kind, element in VALUE_ELEMENTS.items()}
_XSD_DATETIME = re.compile(r"^-?\d{4,}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)?$")


def is_missing(value: Any) -> bool:
    """None, NaN, NaT and pandas' NA."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def variable_type(series: pd.Series) -> str:
    """The REFI-QDA type for a column of respondent attributes."""
    values = [v for v in series.tolist() if not is_missing(v)]
    if pd.api.types.is_bool_dtype(series.dtype):
        return "Boolean"
    if pd.api.types.is_integer_dtype(series.dtype):
        return "Integer"
    if pd.api.types.is_float_dtype(series.dtype):
        has_gaps = len(values) < len(series)
        if has_gaps and values and all(math.isfinite(v) and float(v).is_integer() for v in values):
            return "Integer"
        return "Float"
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return _date_or_datetime(values)
    if not values:
        return "Text"
    if all(isinstance(v, bool) for v in values):
        return "Boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "Float"
    if all(isinstance(v, (dt.date, pd.Timestamp)) for v in values):
        return _date_or_datetime(values)
    return "Text"


def _date_or_datetime(values: list[Any]) -> str:
    for value in values:
        stamp = pd.Timestamp(value)
        if stamp != stamp.normalize():
            return "DateTime"
    return "Date"


def format_value(kind: str, value: Any) -> str | None:
    """The XML text of a value of type ``kind``; None when the value is missing or not finite."""
    if is_missing(value):
        return None
    if kind == "Boolean":
        return "true" if bool(value) else "false"
    if kind == "Integer":
        return str(int(value))
    if kind == "Float":
        number = float(value)
        if not math.isfinite(number):
            return None
        # xsd:decimal has no exponent: 1e-05 must be written 0.00001.
        return format(Decimal(repr(number)), "f")
    if kind == "Date":
        return pd.Timestamp(value).date().isoformat()
    if kind == "DateTime":
        return pd.Timestamp(value).isoformat()
    return str(value)


def parse_value(kind: str, text: str | None) -> Any:
    """A value read from XML as the Python value of its type (None when it does not parse)."""
    if text is None:
        return "" if kind == "Text" else None
    text = text.strip() if kind != "Text" else text
    try:
        if kind == "Boolean":
            return text.lower() in ("true", "1")
        if kind == "Integer":
            return int(text)
        if kind == "Float":
            return float(text)
        if kind in ("Date", "DateTime"):
            return pd.Timestamp(text)
    except (ValueError, OverflowError):
        return None
    return text


def column_from_values(kind: str, values: list[Any]) -> pd.Series:
    """A column of parsed values with the pandas dtype that fits the REFI-QDA type."""
    if kind == "Integer":
        return pd.Series(values, dtype="Int64")
    if kind == "Float":
        return pd.Series([math.nan if v is None else v for v in values], dtype="float64")
    if kind == "Boolean":
        return pd.Series(values, dtype="boolean")
    if kind in ("Date", "DateTime"):
        return pd.Series(pd.to_datetime(values))
    return pd.Series(values, dtype=object)


def is_xsd_datetime(value: str) -> bool:
    """Whether ``value`` is a valid ``xsd:dateTime`` (for creation times taken from data)."""
    return bool(_XSD_DATETIME.match(value))
