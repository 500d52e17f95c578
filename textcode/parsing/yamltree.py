"""YAML from outside as line-aware mappings and lists, with its size and depth bounded.

Codebooks, sidecars and quanteda dictionaries are read here, so that every error can name the
line of the key it is about and no file can make the reader hang or overflow the stack:
nesting deeper than :data:`~textcode.parsing.limits.MAX_DEPTH` levels, aliases that repeat more
than :data:`~textcode.parsing.limits.MAX_ALIAS_REPEATS` values in all (an alias bomb), and an
alias inside the value it names are refused. Scalars are read as :func:`yaml.safe_load` reads
them; no tag ever builds a Python object.
"""

from __future__ import annotations

from os import PathLike
from typing import Any

import yaml

from textcode.errors import InputError
from textcode.parsing.limits import MAX_ALIAS_REPEATS, MAX_DEPTH


class YamlMap(dict):  # type: ignore[type-arg,unused-ignore]
    """A mapping that remembers its line and the line of each key (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: dict[str, int] = {}


class YamlList(list):  # type: ignore[type-arg,unused-ignore]
    """A list that remembers its line and the line of each item (1-based)."""

    def __init__(self, line: int) -> None:
        super().__init__()
        self.line = line
        self.lines: list[int] = []


def kind_of(value: object) -> str:
    """What a value parsed from YAML or JSON is, in words for an error ("a list", "a mapping",
    "true or false", "a number", "nothing", "text") rather than a Python class name."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, (int, float)):
        return "a number"
    if value is None:
        return "nothing"
    return "text" if isinstance(value, str) else type(value).__name__


class _TooDeep(yaml.YAMLError):
    def __init__(self, line: int) -> None:
        super().__init__(f"nested deeper than {MAX_DEPTH} levels")
        self.line = line


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, whose (recursive) composer stops at :data:`MAX_DEPTH` levels."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise _TooDeep(self.peek_event().start_mark.line + 1)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Builder:
    """Nodes to line-aware containers, counting what aliases repeat."""

    def __init__(
        self, source: str | PathLike[str] | None, error: type[InputError], text_keys: bool
    ) -> None:
        self.source = source
        self.error_type = error
        self.text_keys = text_keys
        self.constructor = yaml.SafeLoader("")
        self.seen: set[int] = set()
        self.repeats = 0
        self.path: set[int] = set()

    def error(self, message: str, line: int | None, key: str | None = None) -> InputError:
        return self.error_type(message, path=self.source, line=line, field=key)

    def build(self, node: yaml.Node, depth: int = 1) -> Any:
        line = node.start_mark.line + 1
        ident = id(node)
        if ident in self.path:
            raise self.error("a YAML alias refers to a value that contains it", line)
        if depth > MAX_DEPTH:
            raise self.error(f"nested deeper than {MAX_DEPTH} levels (aliases included)", line)
        if ident in self.seen:
            self.repeats += 1
            if self.repeats > MAX_ALIAS_REPEATS:
                raise self.error(
                    f"YAML aliases repeat more than {MAX_ALIAS_REPEATS:,} values (an alias bomb?)",
                    line,
                )
        else:
            self.seen.add(ident)
        if isinstance(node, yaml.MappingNode):
            self.path.add(ident)
            result = YamlMap(line)
            for key_node, value_node in node.value:
                key = self.build(key_node, depth + 1)
                key_line = key_node.start_mark.line + 1
                if isinstance(key, YamlMap | YamlList) or (
                    self.text_keys and not isinstance(key, str)
                ):
                    raise self.error(f"keys must be text, not {key!r}", key_line)
                if key in result:
                    raise self.error("duplicate key", key_line, key)
                result[key] = self.build(value_node, depth + 1)
                result.lines[key] = key_line
            self.path.discard(ident)
            return result
        if isinstance(node, yaml.SequenceNode):
            self.path.add(ident)
            seq = YamlList(line)
            for item in node.value:
                seq.append(self.build(item, depth + 1))
                seq.lines.append(item.start_mark.line + 1)
            self.path.discard(ident)
            return seq
        try:
            return self.constructor.construct_object(node, deep=True)  # type: ignore[no-untyped-call,unused-ignore]
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            raise self.error(f"not valid YAML: {problem}", line) from None


def read_yaml(
    text: str,
    *,
    source: str | PathLike[str] | None = None,
    error: type[InputError] = InputError,
    text_keys: bool = True,
) -> Any:
    """The one YAML document in ``text`` as :class:`YamlMap`, :class:`YamlList` and scalars;
    None when the document is empty. Problems raise ``error`` naming ``source`` and the line.

    Keys must be text, unless ``text_keys`` is false: then any scalar may be a key (a
    dictionary category ``2021:`` stays the number YAML makes of it).
    """
    try:
        node = yaml.compose(text, Loader=_BoundedLoader)
    except _TooDeep as exc:
        raise error(f"nested deeper than {MAX_DEPTH} levels", path=source, line=exc.line) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc)
        if isinstance(exc, yaml.reader.ReaderError):
            # A character YAML does not allow (a NUL, a lone surrogate): said by its position
            # in the text, which is a line here.
            line = text.count("\n", 0, exc.position) + 1
            char = exc.character
            code = char if isinstance(char, int) else ord(char)
            problem = f"the character U+{code:04X} is not allowed in YAML"
        raise error(f"not valid YAML: {problem}", path=source, line=line) from None
    if node is None:
        return None
    return _Builder(source, error, text_keys).build(node)
