"""Reading survey exports into the answers table.

    >>> from textcode.ingest import read_answers, ingest_report
    >>> df = read_answers("antwoorden.csv", text_columns=["kennisbehoefte"])  # doctest: +SKIP
    >>> ingest_report(df).n_empty  # doctest: +SKIP

The table has ``response_id``, ``question``, ``text`` (the original answer) and every other
input column as a respondent attribute; see ``docs/ingest.md``. Unicode normalisation for
matching is not done here: ``text`` stays exactly as read, and ``textcode.nlp`` normalises
(NFC) with offsets back into it.
"""

from __future__ import annotations

from textcode.ingest.read import read_answers
from textcode.ingest.readers import EXTENSIONS, FORMATS
from textcode.ingest.report import EmptyAnswer, IngestReport, IngestResult, ingest_report

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "EmptyAnswer",
    "IngestReport",
    "IngestResult",
    "ingest_report",
    "read_answers",
]
