"""Moved to :mod:`textcode.coding.suggestions`, where suggestion records are written and read;
these names stay importable from here."""

from textcode.coding.suggestions import (
    FORMATS,
    csv_header,
    format_records,
    json_line,
    write_records,
)

__all__ = ["FORMATS", "csv_header", "format_records", "json_line", "write_records"]
