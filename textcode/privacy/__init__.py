"""Personal data in answers: find it (:func:`detect_pii`) and replace it by placeholders
(:func:`redact_text`, :func:`redact_answers`), with offsets mapped for highlighted evidence.
Views that show answer text use :func:`shown` (fails closed when redaction cannot run).

    >>> from textcode.privacy import redact_text
    >>> r = redact_text("Bel Ester Willemsen op 06-12345678.")
    >>> r.text
    'Bel [NAAM] op [TELEFOON].'
    >>> r.map_span(0, 3)
    (0, 3)
"""

from textcode.privacy.detect import PII_TYPES, PiiHit, detect_pii, normalize_types
from textcode.privacy.display import RedactionError, ShownText, shown, shown_evidence
from textcode.privacy.redact import (
    LOG_COLUMNS,
    Redaction,
    apply_redaction,
    placeholder_labels,
    redact_answers,
    redact_text,
)
from textcode.privacy.table import TABLE_LOG_COLUMNS, redact_table

__all__ = [
    "LOG_COLUMNS",
    "PII_TYPES",
    "TABLE_LOG_COLUMNS",
    "PiiHit",
    "Redaction",
    "RedactionError",
    "ShownText",
    "apply_redaction",
    "detect_pii",
    "normalize_types",
    "placeholder_labels",
    "redact_answers",
    "redact_table",
    "redact_text",
    "shown",
    "shown_evidence",
]
