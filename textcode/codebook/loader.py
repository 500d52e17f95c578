"""Loading and validating codebook YAML: safe loader, errors that name file, line and key."""

from __future__ import annotations

import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from textcode.codebook.model import (
    FORMAT_VERSION,
    MARKS,
    Code,
    Codebook,
    Group,
    Negation,
    Pattern,
)
from textcode.codebook.rules import RuleSyntaxError, code_references, parse_rule
from textcode.errors import CodebookError, InputError, excerpt
from textcode.io import atomic_write_text
from textcode.parsing import YamlList, YamlMap, kind_of, read_utf8, read_yaml

DEFAULT_CODEBOOK = "crisis_innovation_nl.yaml"

_TOP_KEYS = {
    "textcode_codebook",
    "id",
    "version",
    "language",
    "title",
    "description",
    "defaults",
    "groups",
    "imported_from",
}
_DEFAULT_KEYS = {"negation", "marks", "window", "kind"}
_GROUP_KEYS = {"id", "label", "question", "aliases", "codes", "applies_to_all", *_DEFAULT_KEYS}
_CODE_KEYS = {
    "id",
    "label",
    "description",
    "patterns",
    "exclude",
    "examples",
    "marks",
    "negation",
    "window",
    "whole_answer",
    "exclusive",
    "color",
    "maps_to",
}
_PATTERN_KEYS = {"rule", "confidence", "questions"}
_EXAMPLE_KEYS = {"positive", "negative"}
_NEGATION_KEYS = {"lacking", "sufficient", "positive"}
# What a group codes: topics (polarity never drops a code) or evaluations (lacking, sufficient
# and positive mentions may drop or flip, as ``negation`` says).
KINDS = ("topics", "evaluations")
_COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
_ID_RE = re.compile(r"^[a-z0-9_]+(\.[a-z0-9_]+)*$")


class _Ctx:
    def __init__(self, source: str) -> None:
        self.source = source

    def error(self, message: str, line: int | None, key: str | None = None) -> CodebookError:
        return CodebookError(message, path=self.source, line=line, field=key)


def _check_keys(data: YamlMap, allowed: set[str], ctx: _Ctx, where: str) -> None:
    for key in data:
        if key not in allowed:
            known = ", ".join(sorted(allowed))
            raise ctx.error(f"unknown key in {where} (known keys: {known})", data.lines[key], key)


def _require_str(data: YamlMap, key: str, ctx: _Ctx, *, default: str | None = None) -> str:
    if key not in data:
        if default is not None:
            return default
        raise ctx.error("required key is missing", data.line, key)
    value = data[key]
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise ctx.error(f"must be text, not {kind_of(value)}", data.lines[key], key)
    return value


def _unique_id(data: YamlMap, kind: str, allowed: str, seen: dict[str, int], ctx: _Ctx) -> str:
    """The ``id`` of a group or code, well formed and not used before (``seen`` maps id to line)."""
    value = _require_str(data, "id", ctx)
    line = data.lines["id"]
    if not _ID_RE.match(value):
        raise ctx.error(f"{kind} id {value!r}: use {allowed}", line, "id")
    if value in seen:
        first = f"first on line {seen[value]}" if seen[value] else "the codebook has it already"
        raise ctx.error(f"duplicate {kind} id {value!r} ({first})", line, "id")
    seen[value] = line
    return value


def _bool(data: YamlMap, key: str, ctx: _Ctx) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise ctx.error("must be true or false", data.lines.get(key, data.line), key)
    return value


def _settings(
    data: YamlMap, inherited: dict[str, Any], ctx: _Ctx, known_codes: set[str]
) -> dict[str, Any]:
    settings = dict(inherited)
    if "marks" in data:
        marks = data["marks"]
        if marks not in MARKS:
            raise ctx.error(f"must be one of {', '.join(MARKS)}", data.lines["marks"], "marks")
        settings["marks"] = marks
    if "window" in data:
        window = data["window"]
        if not isinstance(window, int) or isinstance(window, bool) or window < 1:
            raise ctx.error(
                "must be a whole number of tokens, at least 1", data.lines["window"], "window"
            )
        settings["window"] = window
    if "kind" in data:
        kind = data["kind"]
        if kind not in KINDS:
            raise ctx.error(f"must be one of {', '.join(KINDS)}", data.lines["kind"], "kind")
        settings["kind"] = kind
        if kind == "topics":
            settings["negation"] = Negation()
    if "negation" in data:
        negation = data["negation"]
        line = data.lines["negation"]
        if not isinstance(negation, YamlMap):
            raise ctx.error(
                "must map lacking, sufficient or positive to an action", line, "negation"
            )
        _check_keys(negation, _NEGATION_KEYS, ctx, "negation")
        values = settings["negation"].to_dict()
        for key, action in negation.items():
            if not isinstance(action, str) or not action:
                raise ctx.error(
                    "must be keep, drop or a code id", negation.lines[key], f"negation.{key}"
                )
            values[key] = action
        if settings.get("kind") == "topics" and set(values.values()) != {"keep"}:
            raise ctx.error(
                "kind: topics keeps every code whatever its polarity: set keep, or declare "
                "kind: evaluations",
                line,
                "negation",
            )
        settings["negation"] = Negation(**values)
    return settings


def _patterns(data: YamlMap, key: str, ctx: _Ctx, *, required: bool) -> tuple[Pattern, ...]:
    if key not in data:
        return ()
    items = data[key]
    line = data.lines[key]
    if items is None and not required:
        return ()
    if not isinstance(items, YamlList):
        raise ctx.error("must be a list of rules", line, key)
    patterns = []
    for index, (item, item_line) in enumerate(zip(items, items.lines, strict=True), start=1):
        confidence = None
        questions: tuple[str, ...] = ()
        if isinstance(item, YamlMap):
            _check_keys(item, _PATTERN_KEYS, ctx, f"{key} entry")
            rule = item.get("rule")
            conf = item.get("confidence")
            if conf is not None:
                if (
                    not isinstance(conf, (int, float))
                    or isinstance(conf, bool)
                    or not 0 < conf <= 1
                ):
                    raise ctx.error(
                        "must be a number above 0 and at most 1",
                        item.lines["confidence"],
                        "confidence",
                    )
                confidence = float(conf)
            scope = item.get("questions")
            if scope is not None:
                if (
                    not isinstance(scope, list)
                    or not scope
                    or not all(isinstance(q, str) and q for q in scope)
                ):
                    raise ctx.error(
                        "must be a list of question (group) ids",
                        item.lines["questions"],
                        "questions",
                    )
                questions = tuple(scope)
        else:
            rule = item
        if isinstance(rule, (int, float)) and not isinstance(rule, bool):
            rule = str(rule)
        if not isinstance(rule, str):
            raise ctx.error("a rule must be text", item_line, f"{key}[{index}]")
        if not rule.strip():
            raise ctx.error("empty pattern", item_line, f"{key}[{index}]")
        try:
            parse_rule(rule)
        except RuleSyntaxError as exc:
            raise ctx.error(
                f"rule {excerpt(rule)!r}: {exc}", item_line, f"{key}[{index}]"
            ) from None
        patterns.append(
            Pattern(
                rule=rule, index=index, confidence=confidence, line=item_line, questions=questions
            )
        )
    return tuple(patterns)


def _examples(data: YamlMap, ctx: _Ctx) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if "examples" not in data:
        return (), ()
    examples = data["examples"]
    if not isinstance(examples, YamlMap):
        raise ctx.error(
            "must be a mapping with 'positive' and 'negative' lists",
            data.lines["examples"],
            "examples",
        )
    _check_keys(examples, _EXAMPLE_KEYS, ctx, "examples")
    result = []
    for kind in ("positive", "negative"):
        items = examples.get(kind) or []
        if not isinstance(items, list):
            raise ctx.error("must be a list of answers", examples.lines[kind], f"examples.{kind}")
        lines = getattr(items, "lines", [])
        for index, item in enumerate(items):
            if not isinstance(item, str):
                line = lines[index] if index < len(lines) else examples.lines.get(kind)
                raise ctx.error(
                    f"an example must be text, not {kind_of(item)} {item!r}",
                    line,
                    f"examples.{kind}[{index + 1}]",
                )
        result.append(tuple(items))
    return result[0], result[1]


def codebook_from_data(data: Any, source: str = "<codebook>", path: Path | None = None) -> Codebook:
    """Validate parsed YAML data (line-aware, or plain dicts) into a :class:`Codebook`."""
    if not isinstance(data, YamlMap):
        data = _wrap(data)
    ctx = _Ctx(source)
    if not isinstance(data, YamlMap):
        raise ctx.error("a codebook must be a mapping", 1)
    _check_keys(data, _TOP_KEYS, ctx, "the codebook")
    fmt = data.get("textcode_codebook", FORMAT_VERSION)
    if fmt != FORMAT_VERSION:
        raise ctx.error(
            f"unsupported format version {fmt!r} (this textcode reads {FORMAT_VERSION})",
            data.lines.get("textcode_codebook"),
            "textcode_codebook",
        )
    book_id = _require_str(data, "id", ctx)
    version = _require_str(data, "version", ctx)
    language = _require_str(data, "language", ctx, default="nl")
    defaults: dict[str, Any] = {"marks": "hit", "window": 4, "negation": Negation(), "kind": ""}
    all_code_ids: set[str] = set()
    if "defaults" in data:
        block = data["defaults"]
        if not isinstance(block, YamlMap):
            raise ctx.error("must be a mapping", data.lines["defaults"], "defaults")
        _check_keys(block, _DEFAULT_KEYS, ctx, "defaults")
        defaults = _settings(block, defaults, ctx, all_code_ids)
    groups_data = data.get("groups")
    if not isinstance(groups_data, YamlList) or not groups_data:
        raise ctx.error(
            "must be a non-empty list of groups", data.lines.get("groups", data.line), "groups"
        )

    groups: list[Group] = []
    seen_groups: dict[str, int] = {}
    seen_codes: dict[str, int] = {}
    for group_data in groups_data:
        if not isinstance(group_data, YamlMap):
            raise ctx.error(
                "a group must be a mapping", getattr(groups_data, "line", None), "groups"
            )
        _check_keys(group_data, _GROUP_KEYS, ctx, "a group")
        group_id = _unique_id(
            group_data, "group", "lower case letters, digits and '_'", seen_groups, ctx
        )
        aliases = group_data.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, (str, int)) for a in aliases):
            raise ctx.error(
                "must be a list of question names", group_data.lines.get("aliases"), "aliases"
            )
        group_settings = _settings(group_data, defaults, ctx, all_code_ids)
        codes_data = group_data.get("codes")
        if not isinstance(codes_data, YamlList) or not codes_data:
            raise ctx.error(
                "must be a non-empty list of codes",
                group_data.lines.get("codes", group_data.line),
                "codes",
            )
        codes: list[Code] = []
        for code_data in codes_data:
            if not isinstance(code_data, YamlMap):
                raise ctx.error("a code must be a mapping", codes_data.line, "codes")
            _check_keys(code_data, _CODE_KEYS, ctx, f"code in group {group_id!r}")
            code_id = _unique_id(
                code_data, "code", "lower case letters, digits, '_' and '.'", seen_codes, ctx
            )
            color = code_data.get("color")
            if color is not None and (not isinstance(color, str) or not _COLOR_RE.match(color)):
                raise ctx.error(
                    "must be a colour like '#1f77b4'", code_data.lines["color"], "color"
                )
            maps_to = code_data.get("maps_to")
            if maps_to is not None and not isinstance(maps_to, str):
                raise ctx.error("must be text", code_data.lines["maps_to"], "maps_to")
            settings = _settings(code_data, group_settings, ctx, all_code_ids)
            positive, negative = _examples(code_data, ctx)
            codes.append(
                Code(
                    id=code_id,
                    label=_require_str(code_data, "label", ctx),
                    description=_require_str(code_data, "description", ctx, default="").strip(),
                    group=group_id,
                    patterns=_patterns(code_data, "patterns", ctx, required=True),
                    exclude=_patterns(code_data, "exclude", ctx, required=False),
                    positive_examples=positive,
                    negative_examples=negative,
                    marks=settings["marks"],
                    negation=settings["negation"],
                    window=settings["window"],
                    whole_answer=_bool(code_data, "whole_answer", ctx),
                    exclusive=_bool(code_data, "exclusive", ctx),
                    color=color,
                    maps_to=maps_to,
                    line=code_data.line,
                )
            )
        groups.append(
            Group(
                id=group_id,
                label=_require_str(group_data, "label", ctx, default=""),
                question=_require_str(group_data, "question", ctx, default=""),
                aliases=tuple(str(a) for a in aliases),
                codes=tuple(codes),
                applies_to_all=_bool(group_data, "applies_to_all", ctx),
                kind=group_settings["kind"],
                line=group_data.line,
            )
        )
    codebook = Codebook(
        id=book_id,
        version=version,
        language=language,
        title=_require_str(data, "title", ctx, default=""),
        description=_require_str(data, "description", ctx, default="").strip(),
        groups=tuple(groups),
        imported_from=_require_str(data, "imported_from", ctx, default=""),
        path=path,
    )
    _check_references(codebook, ctx)
    return codebook


def _check_references(codebook: Codebook, ctx: _Ctx) -> None:
    ids = {code.id for code in codebook.codes}
    group_ids = {group.id for group in codebook.groups}
    graph: dict[str, set[str]] = {}
    for code in codebook.codes:
        for pattern in (*code.patterns, *code.exclude):
            for question in pattern.questions:
                if question not in group_ids:
                    raise ctx.error(
                        f"questions: {question!r} is not a group id", pattern.line, code.id
                    )
        for action, key in (
            (code.negation.lacking, "lacking"),
            (code.negation.sufficient, "sufficient"),
            (code.negation.positive, "positive"),
        ):
            if action not in ("keep", "drop") and action not in ids:
                raise ctx.error(
                    f"{action!r} is not keep, drop or a code id",
                    code.line,
                    f"{code.id}: negation.{key}",
                )
        refs: set[str] = set()
        for pattern in (*code.patterns, *code.exclude):
            for ref in code_references(parse_rule(pattern.rule)):
                if ref not in ids:
                    raise ctx.error(
                        f"rule {pattern.rule!r} refers to unknown code @{ref}",
                        pattern.line,
                        code.id,
                    )
                refs.add(ref)
        graph[code.id] = refs
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        if state.get(node) == 2:
            return
        if state.get(node) == 1:
            cycle = " -> ".join([*trail[trail.index(node) :], node])
            raise ctx.error(
                f"code references form a cycle: {cycle}", codebook.code(node).line, node
            )
        state[node] = 1
        for ref in sorted(graph[node]):
            visit(ref, [*trail, node])
        state[node] = 2

    for code_id in graph:
        visit(code_id, [])


def _wrap(value: Any, line: int = 0) -> Any:
    """Turn plain dicts/lists into the line-aware containers the validator expects (those
    that are line-aware already, as a patch's new codes, keep their lines)."""
    if isinstance(value, YamlMap | YamlList):
        return value
    if isinstance(value, Mapping):
        result = YamlMap(line)
        for key, item in value.items():
            result[key] = _wrap(item, line)
            result.lines[key] = line
        return result
    if isinstance(value, list):
        seq = YamlList(line)
        for item in value:
            seq.append(_wrap(item, line))
            seq.lines.append(line)
        return seq
    return value


def default_codebook_path() -> Path:
    """The shipped survey codebook (works after a plain install, not only from the source tree)."""
    return Path(str(resources.files("textcode") / "codebooks" / DEFAULT_CODEBOOK))


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Load and validate a codebook YAML file; ``None`` loads the shipped survey codebook.

    A bare file name such as ``"crisis_innovation_nl.yaml"`` that does not exist on disk is
    looked up among the shipped codebooks.
    """
    if path is None:
        path = default_codebook_path()
    path = Path(path)
    if not path.exists() and path.parent == Path("."):
        shipped = Path(str(resources.files("textcode") / "codebooks" / path.name))
        if shipped.exists():
            path = shipped
    if not path.exists():
        raise CodebookError("codebook file not found", path=path)
    try:
        text = read_utf8(path, "the codebook")
    except InputError as exc:
        raise CodebookError(exc.reason, path=exc.path, line=exc.line) from None
    return parse_codebook(text, source=str(path), path=path)


def parse_codebook(text: str, source: str = "<codebook>", path: Path | None = None) -> Codebook:
    """Parse and validate codebook YAML text (read with :func:`textcode.parsing.read_yaml`)."""
    data = read_yaml(text, source=source, error=CodebookError)
    if data is None:
        raise _Ctx(source).error("the codebook is empty", 1)
    return codebook_from_data(data, source=source, path=path)


def dump_codebook(codebook: Codebook) -> str:
    """The codebook as YAML text that :func:`parse_codebook` reads back to an equal codebook."""
    return yaml.safe_dump(codebook.to_dict(), allow_unicode=True, sort_keys=False, width=100)


def save_codebook(codebook: Codebook, path: str | Path) -> None:
    """Write the codebook as YAML, atomically."""
    atomic_write_text(path, dump_codebook(codebook))
