"""textcode: code, count and explain the open answers of Dutch surveys.

The data flows one way: ``ingest`` -> ``nlp`` -> ``coding`` -> ``analysis`` -> ``report`` /
``interop``. The names below are the public API; everything else is reachable by module name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textcode.public import lazy_names

__version__ = "0.1.0"

# Public name -> module that defines it; imported on first use so `import textcode` stays light.
_PUBLIC: dict[str, str] = {
    "read_answers": "textcode.ingest",
    "ingest_report": "textcode.ingest",
    "IngestResult": "textcode.ingest",
    "IngestReport": "textcode.ingest",  # the old name of IngestResult
    "load_pipeline": "textcode.nlp",
    "load_codebook": "textcode.codebook",
    "Codebook": "textcode.codebook",
    "Coder": "textcode.coding",
    "CodingResult": "textcode.coding",
    "code": "textcode.coding",
    "evaluate": "textcode.coding.evaluate",
    "code_dask": "textcode.coding.dask_engine",
    "code_parallel": "textcode.coding.parallel",
    "analyse_survey": "textcode.analysis",
    "ThemeFinder": "textcode.themes",
    "find_themes": "textcode.themes",
    "build_report": "textcode.report",
    "ReviewSession": "textcode.review",
    "measure_agreement": "textcode.review",
    "ModelSuggester": "textcode.review",
    "export_qdpx": "textcode.interop",
    "read_qdpx": "textcode.interop",
    "detect_pii": "textcode.privacy",
    "redact_text": "textcode.privacy",
    "redact_answers": "textcode.privacy",
    "Answer": "textcode.records",
    "Suggestion": "textcode.records",
    "InputError": "textcode.errors",
    "CodebookError": "textcode.errors",
}

__all__ = [
    "Answer",
    "Codebook",
    "CodebookError",
    "Coder",
    "CodingResult",
    "IngestReport",
    "IngestResult",
    "InputError",
    "ModelSuggester",
    "ReviewSession",
    "Suggestion",
    "ThemeFinder",
    "__version__",
    "analyse_survey",
    "build_report",
    "code",
    "code_dask",
    "code_parallel",
    "detect_pii",
    "evaluate",
    "export_qdpx",
    "find_themes",
    "ingest_report",
    "load_codebook",
    "load_pipeline",
    "measure_agreement",
    "read_answers",
    "read_qdpx",
    "redact_answers",
    "redact_text",
]

if TYPE_CHECKING:
    from textcode.analysis import analyse_survey
    from textcode.codebook import Codebook, load_codebook
    from textcode.coding import Coder, CodingResult, code
    from textcode.coding.dask_engine import code_dask
    from textcode.coding.evaluate import evaluate
    from textcode.coding.parallel import code_parallel
    from textcode.errors import CodebookError, InputError
    from textcode.ingest import IngestReport, IngestResult, ingest_report, read_answers
    from textcode.interop import export_qdpx, read_qdpx
    from textcode.nlp import load_pipeline
    from textcode.privacy import detect_pii, redact_answers, redact_text
    from textcode.records import Answer, Suggestion
    from textcode.report import build_report
    from textcode.review import ModelSuggester, ReviewSession, measure_agreement
    from textcode.themes import ThemeFinder, find_themes


__getattr__, __dir__ = lazy_names(__name__, _PUBLIC, globals())
