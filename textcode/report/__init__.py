"""The report: a self-contained HTML file, charts, word clouds, and the tables as CSV and Excel.

    >>> from textcode.report import build_report
    >>> build_report("samples/ifv2020/responses.csv", "out/ifv2020").html  # doctest: +SKIP

See ``docs/report.md``.
"""

from textcode.report.build import (
    LoadedSurvey,
    ReportFiles,
    ReportResult,
    build_report,
    load_and_code,
    write_report,
)
from textcode.report.render import RenderedReport, RenderResult, ReportOptions, render_report

__all__ = [
    "LoadedSurvey",
    "RenderResult",
    "RenderedReport",
    "ReportFiles",
    "ReportOptions",
    "ReportResult",
    "build_report",
    "load_and_code",
    "render_report",
    "write_report",
]
