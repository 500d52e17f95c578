"""Column roles declared next to a data file: ``<name>.textcode.yaml`` beside ``<name>.csv``.

A survey export rarely says which column is the respondent, which columns are open questions
and which closed columns belong to one multiple-choice question. A small sidecar file says so
once, and every command picks it up when no column options are given::

    textcode_dataset: 1
    id_column: project_id
    units:
      respondent: {column: vragenlijst_id, label: deelnemers}
      project: {column: project_id, label: projecten}
    text_columns:
      kennisbehoefte: {group: kennisbehoefte, unit: respondent}
    questions:
      kennis_voldoende: {unit: respondent, scale: agree}
    multiselect:
      belemmeringen:
        group: belemmering
        other: bl_overig
        other_text: belemmering_overig
        options:
          financiering: {column: bl_financiering, code: belemmering.financiering}

The full format, key by key, is in ``docs/analysis.md``. :func:`load_sidecar` validates the
file and raises :class:`~textcode.errors.InputError` naming the file, line and key of the first
problem; :meth:`DatasetRoles.check_columns` checks the names against a loaded table.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from textcode.errors import InputError
from textcode.parsing import YamlList, YamlMap, read_utf8, read_yaml

FORMAT_VERSION = 1
SUFFIXES: tuple[str, ...] = (".textcode.yaml", ".textcode.yml")
SCALES: tuple[str, ...] = ("categories", "agree", "number")
INSIGHT_KINDS: tuple[str, ...] = ("share", "compare")

_TOP_KEYS = {
    "textcode_dataset",
    "id_column",
    "language",
    "title",
    "units",
    "text_columns",
    "verbatim_columns",
    "attributes",
    "questions",
    "multiselect",
    "insights",
    "conclusions",
}
_UNIT_KEYS = {"column", "label"}
_TEXT_KEYS = {"group", "unit", "label", "population"}
_VERBATIM_KEYS = {"unit", "label"}
_QUESTION_KEYS = {"unit", "label", "scale", "categories", "agree", "disagree", "section"}
_MULTI_KEYS = {"label", "unit", "group", "other", "other_text", "options", "section"}
_OPTION_KEYS = {"column", "label", "code"}
_INSIGHT_KEYS = {
    "id",
    "question",
    "values",
    "where",
    "unit",
    "noun",
    "text",
    "bound",
    "compare",
    "section",
    "expect",
}
_CONCLUSION_KEYS = {"id", "title", "text", "expect"}


@dataclass(frozen=True, slots=True)
class Unit:
    """A unit of analysis (respondent, organisation, project) and the column that names it."""

    name: str
    column: str
    label: str = ""


@dataclass(frozen=True, slots=True)
class TextColumn:
    """An open question: the column, the codebook group it is coded with, the unit it describes."""

    column: str
    group: str | None = None
    unit: str | None = None
    label: str = ""
    # Who answered, in words, after "Van de 11 projecten" (the unit's label): "die een overige
    # succesfactor noemden". Empty: "met een inhoudelijk antwoord op '<label>'".
    population: str = ""


@dataclass(frozen=True, slots=True)
class ClosedQuestion:
    """A single-choice question. ``agree``/``disagree`` list the categories a summary groups."""

    column: str
    label: str = ""
    unit: str | None = None
    scale: str = "categories"
    categories: tuple[str, ...] = ()
    agree: tuple[str, ...] = ()
    disagree: tuple[str, ...] = ()
    section: str = ""


@dataclass(frozen=True, slots=True)
class Option:
    """One box of a multiple-choice question; ``code`` is the codebook code it stands for."""

    id: str
    column: str
    label: str = ""
    code: str | None = None


@dataclass(frozen=True, slots=True)
class MultiSelect:
    """A check-all-that-apply question: its boxes and the "overig" box with its open text."""

    id: str
    options: tuple[Option, ...]
    label: str = ""
    unit: str | None = None
    group: str | None = None
    other: str | None = None
    other_text: str | None = None
    section: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of the question: the boxes, the overig box and its text."""
        extra = tuple(c for c in (self.other, self.other_text) if c)
        return tuple(option.column for option in self.options) + extra

    def option(self, option_id: str) -> Option:
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"no option {option_id!r} in multiselect {self.id!r}")


@dataclass(frozen=True, slots=True)
class InsightSpec:
    """A statement to generate: a share of units (``values`` of ``question``), or a comparison."""

    id: str
    text: str
    question: str = ""
    values: tuple[str, ...] = ()
    where: tuple[tuple[str, tuple[str, ...]], ...] = ()
    unit: str | None = None
    noun: str = ""
    bound: float | None = None
    compare: tuple[str, ...] = ()
    section: str = ""
    line: int | None = None
    # What the numbers must show ("<= 10%", "a > b", "most"): the report marks a statement
    # whose data contradict it (see textcode.analysis.claims).
    expect: tuple[str, ...] = ()

    @property
    def kind(self) -> str:
        return "compare" if self.compare else "share"


@dataclass(frozen=True, slots=True)
class ConclusionSpec:
    """A conclusion the researcher writes: free text citing statements by id (``{tastbaar}``)
    and expectations over them (``tastbaar >= 50%``), checked like any claim."""

    id: str
    text: str
    title: str = ""
    expect: tuple[str, ...] = ()
    line: int | None = None


@dataclass(frozen=True, slots=True)
class DatasetRoles:
    """What each column of a survey table is, read from a sidecar file."""

    id_column: str | None = None
    language: str = "nl"
    title: str = ""
    units: tuple[Unit, ...] = ()
    text_columns: tuple[TextColumn, ...] = ()
    verbatim_columns: tuple[TextColumn, ...] = ()
    attributes: tuple[str, ...] = ()
    questions: tuple[ClosedQuestion, ...] = ()
    multiselect: tuple[MultiSelect, ...] = ()
    insights: tuple[InsightSpec, ...] = ()
    path: Path | None = field(default=None, compare=False)
    conclusions: tuple[ConclusionSpec, ...] = ()

    @property
    def text_column_names(self) -> list[str]:
        """The open-question columns, for ``read_answers(text_columns=...)``."""
        return [text.column for text in self.text_columns]

    def unit(self, name: str) -> Unit:
        for unit in self.units:
            if unit.name == name:
                return unit
        raise KeyError(f"no unit {name!r} (units: {', '.join(u.name for u in self.units)})")

    def unit_column(self, name: str | None) -> str | None:
        """The column of a unit, or ``None`` (each row is its own unit)."""
        if name is None:
            return None
        return self.unit(name).column

    def question_for(self, column: str) -> str:
        """The codebook group of an open-question column (the column name when none is set)."""
        for text in self.text_columns:
            if text.column == column:
                return text.group or column
        return column

    def text_column(self, column_or_group: str) -> TextColumn | None:
        for text in self.text_columns:
            if column_or_group in (text.column, text.group):
                return text
        return None

    def question(self, column: str) -> ClosedQuestion | None:
        for question in self.questions:
            if question.column == column:
                return question
        return None

    def multi(self, multi_id: str) -> MultiSelect | None:
        for multi in self.multiselect:
            if multi.id == multi_id:
                return multi
        return None

    def referenced_columns(self) -> list[str]:
        """Every column the sidecar names, in the order it names them."""
        names: list[str] = []
        if self.id_column:
            names.append(self.id_column)
        names += [unit.column for unit in self.units]
        names += [text.column for text in self.text_columns]
        names += [text.column for text in self.verbatim_columns]
        names += list(self.attributes)
        names += [question.column for question in self.questions]
        for multi in self.multiselect:
            names += list(multi.columns)
        return list(dict.fromkeys(names))

    def check_columns(self, columns: Iterable[str], *, source: str | None = None) -> None:
        """Raise :class:`InputError` when the sidecar names a column the table lacks."""
        present = set(columns)
        for name in self.referenced_columns():
            if name not in present:
                raise InputError(
                    f"the sidecar names column {name!r}, which {source or 'the table'} lacks",
                    path=self.path,
                    field=name,
                )


def find_sidecar(path: str | Path | Any) -> Path | None:
    """The sidecar of a data file (``responses.csv`` -> ``responses.textcode.yaml``), if any."""
    if not isinstance(path, (str, Path)) or str(path) in ("", "-"):
        return None
    data = Path(path)
    for suffix in SUFFIXES:
        candidate = data.with_name(data.stem + suffix)
        if candidate.is_file():
            return candidate
    return None


# --- validation helpers ----------------------------------------------------------------------
class _Reader:
    def __init__(self, path: Path | None) -> None:
        self.path = path

    def error(self, message: str, line: int | None, key: str | None = None) -> InputError:
        return InputError(message, path=self.path, line=line, field=key)

    def keys(self, data: YamlMap, allowed: set[str], where: str) -> None:
        for key in data:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.error(f"unknown key in {where} (known: {known})", data.lines[key], key)

    def mapping(self, parent: YamlMap, key: str) -> YamlMap:
        value = parent.get(key)
        if value is None:
            return YamlMap(parent.lines.get(key, parent.line))
        if not isinstance(value, YamlMap):
            raise self.error("must be a mapping", parent.lines[key], key)
        return value

    def text(self, data: YamlMap, key: str, *, required: bool = False, default: str = "") -> str:
        if key not in data or data[key] is None:
            if required:
                raise self.error("required key is missing", data.line, key)
            return default
        value = data[key]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise self.error("must be non-empty text", data.lines[key], key)
        return value

    def strings(self, data: YamlMap, key: str) -> tuple[str, ...]:
        if key not in data or data[key] is None:
            return ()
        value = data[key]
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            return (str(value),)
        if not isinstance(value, list) or not all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value
        ):
            raise self.error("must be a list of values", data.lines[key], key)
        return tuple(str(v) for v in value)


def load_sidecar(path: str | os.PathLike[str]) -> DatasetRoles:
    """Read and validate a sidecar file; :class:`InputError` names file, line and key."""
    file = Path(path)
    return parse_sidecar(read_utf8(file, "the sidecar"), path=file)


def parse_sidecar(source: str, *, path: Path | None = None) -> DatasetRoles:
    """Validate sidecar YAML text (see :func:`load_sidecar`)."""
    reader = _Reader(path)
    data = read_yaml(source, source=path)
    if data is None:
        raise reader.error("the sidecar is empty", 1)
    if not isinstance(data, YamlMap):
        raise reader.error("a sidecar must be a mapping", 1)
    reader.keys(data, _TOP_KEYS, "the sidecar")
    version = data.get("textcode_dataset", FORMAT_VERSION)
    if version != FORMAT_VERSION:
        raise reader.error(
            f"unsupported format version {version!r} (this textcode reads {FORMAT_VERSION})",
            data.lines.get("textcode_dataset"),
            "textcode_dataset",
        )

    units = []
    units_map = reader.mapping(data, "units")
    for name, spec in units_map.items():
        if isinstance(spec, str):
            units.append(Unit(name=name, column=spec))
            continue
        if not isinstance(spec, YamlMap):
            raise reader.error("must be a column name or a mapping", units_map.lines[name], name)
        reader.keys(spec, _UNIT_KEYS, f"unit {name!r}")
        units.append(
            Unit(
                name=name,
                column=reader.text(spec, "column", required=True),
                label=reader.text(spec, "label"),
            )
        )
    unit_names = {unit.name for unit in units}

    def check_unit(spec: YamlMap, where: str) -> str | None:
        unit = spec.get("unit")
        if unit is None:
            return None
        if unit not in unit_names:
            known = ", ".join(sorted(unit_names)) or "none declared under 'units'"
            raise reader.error(
                f"unknown unit {unit!r} in {where} (units: {known})", spec.lines["unit"], "unit"
            )
        return str(unit)

    def columns_map(key: str, allowed: set[str], with_group: bool) -> tuple[TextColumn, ...]:
        block = reader.mapping(data, key)
        out = []
        for column, spec in block.items():
            if spec is None:
                spec = YamlMap(block.lines[column])
            if isinstance(spec, str) and with_group:
                out.append(TextColumn(column=column, group=spec))
                continue
            if not isinstance(spec, YamlMap):
                raise reader.error("must be a mapping", block.lines[column], column)
            reader.keys(spec, allowed, f"{key} entry {column!r}")
            out.append(
                TextColumn(
                    column=column,
                    group=reader.text(spec, "group") or None if with_group else None,
                    unit=check_unit(spec, f"{key} entry {column!r}"),
                    label=reader.text(spec, "label"),
                    population=reader.text(spec, "population") if with_group else "",
                )
            )
        return tuple(out)

    text_columns = columns_map("text_columns", _TEXT_KEYS, True)
    verbatim_columns = columns_map("verbatim_columns", _VERBATIM_KEYS, False)

    attributes: tuple[str, ...] = ()
    if "attributes" in data:
        attributes = reader.strings(data, "attributes")

    questions = []
    block = reader.mapping(data, "questions")
    for column, spec in block.items():
        spec = spec if spec is not None else YamlMap(block.lines[column])
        if not isinstance(spec, YamlMap):
            raise reader.error("must be a mapping", block.lines[column], column)
        reader.keys(spec, _QUESTION_KEYS, f"question {column!r}")
        scale = reader.text(spec, "scale", default="categories")
        if scale not in SCALES:
            raise reader.error(f"must be one of {', '.join(SCALES)}", spec.lines["scale"], "scale")
        categories = reader.strings(spec, "categories")
        agree = reader.strings(spec, "agree")
        disagree = reader.strings(spec, "disagree")
        if scale == "agree" and categories and not agree:
            # The conventional five-point scale: the first two agree, the last two disagree.
            agree, disagree = categories[:2], categories[-2:]
        for key, values in (("agree", agree), ("disagree", disagree)):
            stray = [v for v in values if categories and v not in categories]
            if stray:
                raise reader.error(
                    f"{stray[0]!r} is not one of the question's categories", spec.lines[key], key
                )
        questions.append(
            ClosedQuestion(
                column=column,
                label=reader.text(spec, "label"),
                unit=check_unit(spec, f"question {column!r}"),
                scale=scale,
                categories=categories,
                agree=agree,
                disagree=disagree,
                section=reader.text(spec, "section"),
            )
        )

    multis = []
    block = reader.mapping(data, "multiselect")
    for multi_id, spec in block.items():
        if not isinstance(spec, YamlMap):
            raise reader.error("must be a mapping", block.lines[multi_id], multi_id)
        reader.keys(spec, _MULTI_KEYS, f"multiselect {multi_id!r}")
        options_map = reader.mapping(spec, "options")
        if not options_map:
            raise reader.error("a multiselect needs options", block.lines[multi_id], "options")
        options = []
        for option_id, option in options_map.items():
            if isinstance(option, str):
                options.append(Option(id=option_id, column=option))
                continue
            if not isinstance(option, YamlMap):
                raise reader.error(
                    "must be a column name or a mapping", options_map.lines[option_id], option_id
                )
            reader.keys(option, _OPTION_KEYS, f"option {option_id!r}")
            options.append(
                Option(
                    id=option_id,
                    column=reader.text(option, "column", required=True),
                    label=reader.text(option, "label"),
                    code=reader.text(option, "code") or None,
                )
            )
        multis.append(
            MultiSelect(
                id=multi_id,
                options=tuple(options),
                label=reader.text(spec, "label"),
                unit=check_unit(spec, f"multiselect {multi_id!r}"),
                group=reader.text(spec, "group") or None,
                other=reader.text(spec, "other") or None,
                other_text=reader.text(spec, "other_text") or None,
                section=reader.text(spec, "section"),
            )
        )

    insights = _insights(reader, data, check_unit, questions, multis, text_columns, attributes)
    conclusions = _conclusions(reader, data)
    return DatasetRoles(
        id_column=reader.text(data, "id_column") or None,
        language=reader.text(data, "language", default="nl"),
        title=reader.text(data, "title"),
        units=tuple(units),
        text_columns=text_columns,
        verbatim_columns=verbatim_columns,
        attributes=attributes,
        questions=tuple(questions),
        multiselect=tuple(multis),
        insights=insights,
        path=path,
        conclusions=conclusions,
    )


def _expectations(reader: _Reader, item: YamlMap, *, names: set[str] | None) -> tuple[str, ...]:
    """The ``expect`` of a statement or conclusion, each readable (and naming known claims)."""
    from textcode.parsing.expectations import names as claim_names
    from textcode.parsing.expectations import parse_expectation

    values = reader.strings(item, "expect")
    for value in values:
        try:
            expectation = parse_expectation(value)
        except ValueError as exc:
            raise reader.error(str(exc), item.lines["expect"], "expect") from None
        unknown = [n for n in claim_names(expectation) if names is not None and n not in names]
        known = names or set()
        if unknown:
            raise reader.error(
                f"the expectation {value!r} names {unknown[0]!r}, which is not "
                f"{'a statement' if '' not in known else 'this statement, a or b'}",
                item.lines["expect"],
                "expect",
            )
    return values


def _conclusions(reader: _Reader, data: YamlMap) -> tuple[ConclusionSpec, ...]:
    if "conclusions" not in data or data["conclusions"] is None:
        return ()
    items = data["conclusions"]
    if not isinstance(items, YamlList):
        raise reader.error(
            "must be a list of conclusions", data.lines["conclusions"], "conclusions"
        )
    out: list[ConclusionSpec] = []
    seen: set[str] = set()
    for index, (item, line) in enumerate(zip(items, items.lines, strict=True), start=1):
        where_key = f"conclusions[{index}]"
        if not isinstance(item, YamlMap):
            raise reader.error("a conclusion must be a mapping", line, where_key)
        reader.keys(item, _CONCLUSION_KEYS, f"conclusion {where_key}")
        conclusion_id = reader.text(item, "id", default=str(index))
        if conclusion_id in seen:
            raise reader.error(f"duplicate conclusion id {conclusion_id!r}", line, "id")
        seen.add(conclusion_id)
        out.append(
            ConclusionSpec(
                id=conclusion_id,
                text=reader.text(item, "text", required=True),
                title=reader.text(item, "title"),
                # Names are statements or automatic insights: checked when the data are there.
                expect=_expectations(reader, item, names=None),
                line=line,
            )
        )
    return tuple(out)


def _insights(
    reader: _Reader,
    data: YamlMap,
    check_unit: Any,
    questions: list[ClosedQuestion],
    multis: list[MultiSelect],
    text_columns: tuple[TextColumn, ...],
    attributes: tuple[str, ...],
) -> tuple[InsightSpec, ...]:
    if "insights" not in data or data["insights"] is None:
        return ()
    items = data["insights"]
    if not isinstance(items, YamlList):
        raise reader.error("must be a list of statements", data.lines["insights"], "insights")
    known_questions = (
        {q.column for q in questions}
        | {m.id for m in multis}
        | {t.column for t in text_columns}
        | set(attributes)
    )
    specs: list[InsightSpec] = []
    seen: set[str] = set()
    for index, (item, line) in enumerate(zip(items, items.lines, strict=True), start=1):
        where_key = f"insights[{index}]"
        if not isinstance(item, YamlMap):
            raise reader.error("a statement must be a mapping", line, where_key)
        reader.keys(item, _INSIGHT_KEYS, f"statement {where_key}")
        insight_id = reader.text(item, "id", required=True)
        if insight_id in seen:
            raise reader.error(f"duplicate statement id {insight_id!r}", item.lines["id"], "id")
        seen.add(insight_id)
        compare = reader.strings(item, "compare")
        question = reader.text(item, "question")
        if compare:
            missing = [c for c in compare if c not in seen]
            if len(compare) != 2 or missing:
                raise reader.error(
                    "compare needs the ids of two earlier statements", item.lines["compare"],
                    "compare",
                )  # fmt: skip
        elif not question:
            raise reader.error("a statement needs 'question' (or 'compare')", item.line, "question")
        elif question not in known_questions:
            raise reader.error(
                f"unknown question {question!r} (declare it under questions, multiselect, "
                "text_columns or attributes)",
                item.lines["question"],
                "question",
            )
        where: list[tuple[str, tuple[str, ...]]] = []
        if "where" in item:
            block = item["where"]
            if not isinstance(block, YamlMap):
                raise reader.error("must be a mapping column: values", item.lines["where"], "where")
            for column in block:
                where.append((column, reader.strings(block, column)))
        bound = item.get("bound")
        if bound is not None and (
            not isinstance(bound, (int, float)) or isinstance(bound, bool) or not 0 < bound < 1
        ):
            raise reader.error("must be a share between 0 and 1", item.lines["bound"], "bound")
        specs.append(
            InsightSpec(
                id=insight_id,
                text=reader.text(item, "text", required=True),
                question=question,
                values=reader.strings(item, "values"),
                where=tuple(where),
                unit=check_unit(item, f"statement {where_key}"),
                noun=reader.text(item, "noun"),
                bound=None if bound is None else float(bound),
                compare=compare,
                section=reader.text(item, "section"),
                line=line,
                expect=_expectations(reader, item, names={"", "a", "b"} if compare else {""}),
            )
        )
    return tuple(specs)


def roles_from_mapping(data: Mapping[str, Any]) -> DatasetRoles:
    """Roles from plain Python data (the same structure as the YAML file)."""
    return parse_sidecar(yaml.safe_dump(dict(data), allow_unicode=True, sort_keys=False))
