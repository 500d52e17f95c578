"""What :func:`read_answers` read: counts, the empty answers, and the source's metadata.

The report travels with the table as a JSON-able dict in ``df.attrs["textcode"]`` (so it
survives ``df.copy()`` and pickling and can be written next to results); :func:`ingest_report`
gives it back as a typed :class:`IngestResult`.

pandas deep-copies ``attrs`` on nearly every operation; with the list of empty answers of a
large survey that made each filter cost a tenth of a second. The dict is therefore a read-only
:class:`ReportDict` that copies as itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

from textcode.display import one_line

if TYPE_CHECKING:
    import pandas as pd

ATTRS_KEY = "textcode"


class ReportDict(dict[str, Any]):
    """A read-only dict that ``copy.deepcopy`` (and so pandas) shares instead of copying.

    It is a real ``dict``: ``json.dumps`` and ``==`` work as on any dict. ``dict(report)``
    gives a mutable copy.
    """

    def __deepcopy__(self, memo: dict[int, Any]) -> ReportDict:
        return self

    def __copy__(self) -> ReportDict:
        return self

    def __reduce__(self) -> tuple[type[ReportDict], tuple[dict[str, Any]]]:
        return (type(self), (dict(self),))

    def _read_only(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("the ingest report is read-only; change a copy: dict(df.attrs[...])")

    __setitem__ = _read_only
    __delitem__ = _read_only
    __ior__ = _read_only
    clear = _read_only
    pop = _read_only
    popitem = _read_only
    setdefault = _read_only
    update = _read_only


@dataclass(frozen=True)
class EmptyAnswer:
    """One answer that is missing, empty or only whitespace (it is kept in the table)."""

    response_id: str
    question: str


@dataclass(frozen=True)
class IngestResult:
    """Counts and metadata of one read.

    ``n_rows`` is the number of data rows read (respondents in wide data, answers in long data),
    ``n_answers`` the rows of the answers table, ``n_empty`` how many of those have no text
    (missing, ``""`` or only whitespace; listed in ``empty``), ``n_blank_rows`` the rows of the
    source without any value that were skipped, ``n_not_nfc`` the answers whose text is not in
    Unicode NFC (decomposed accents; matching normalises them, ``text`` keeps them).
    ``guessed`` names the roles (``id_column``, ``question_column``, ``text_columns``) that were
    found by name or content rather than given; ``id_column`` None means ids are row numbers.
    """

    source: str
    format: str
    layout: str
    n_rows: int
    n_answers: int
    n_empty: int
    empty: tuple[EmptyAnswer, ...] = ()
    id_column: str | None = None
    question_column: str | None = None
    text_columns: tuple[str, ...] = ()
    attribute_columns: tuple[str, ...] = ()
    guessed: tuple[str, ...] = ()
    renamed_columns: Mapping[str, str] = field(default_factory=dict)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    n_blank_rows: int = 0
    n_not_nfc: int = 0
    variable_labels: Mapping[str, str] = field(default_factory=dict)
    value_labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """A plain dict of JSON types (lists, dicts, str, int, None), in field order."""
        out: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "empty":
                value = [{"response_id": e.response_id, "question": e.question} for e in value]
            elif f.name == "value_labels":
                value = {k: dict(v) for k, v in value.items()}
            elif isinstance(value, tuple):
                value = list(value)
            elif isinstance(value, Mapping):
                value = dict(value)
            out[f.name] = value
        return out

    def __repr__(self) -> str:
        sheet = f", sheet {self.sheet!r}" if self.sheet else ""
        return one_line(
            f"<IngestResult {self.source} ({self.format}{sheet}, {self.layout}): "
            f"{self.n_rows} rows, {self.n_answers} answers, {self.n_empty} empty>"
        )

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> IngestResult:
        """The report from :meth:`to_dict`'s output (unknown keys are ignored)."""
        known = {f.name for f in fields(cls)}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        values["empty"] = tuple(
            EmptyAnswer(str(e["response_id"]), str(e["question"])) for e in data.get("empty", ())
        )
        for name in ("text_columns", "attribute_columns", "guessed"):
            values[name] = tuple(data.get(name, ()))
        return cls(**values)


IngestReport = IngestResult  # the old name


def ingest_report(df: pd.DataFrame) -> IngestResult:
    """The report of the read that produced ``df`` (ValueError when it has none)."""
    data = df.attrs.get(ATTRS_KEY)
    if not isinstance(data, Mapping) or "n_answers" not in data:
        raise ValueError("this table has no ingest report; read it with textcode.read_answers")
    return IngestResult.from_dict(data)
