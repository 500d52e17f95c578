"""Bounded parsing: every structured text textcode reads from outside goes through here.

A file from elsewhere may be built to exhaust the reader: YAML aliases that expand a few lines
into billions of values, or nesting thousands of levels deep that overflows Python's stack.
The readers here refuse both with an :class:`~textcode.errors.InputError` naming the file and
line, before the structure reaches the code that walks it:

- :func:`read_yaml` (codebooks, sidecars, quanteda dictionaries): line-aware mappings and
  lists, at most :data:`MAX_DEPTH` levels deep, aliases repeating at most
  :data:`MAX_ALIAS_REPEATS` values in all, no alias inside itself;
- :func:`loads_json` (answers, gold files, suggestions, ledgers): :func:`json.loads` with the
  same depth limit;
- :func:`read_utf8` (gold files, suggestions, codebooks, patches, sidecars): a file's UTF-8
  text, or an error naming the line of the first byte that is not; :func:`json_lines` its
  JSON Lines.

XML has its own door, :func:`textcode.interop.xmlutil.parse_xml`, with the same depth limit;
rules check their nesting in :func:`textcode.codebook.rules.parse_rule`.
"""

from __future__ import annotations

from textcode.parsing.jsontext import loads_json
from textcode.parsing.limits import MAX_ALIAS_REPEATS, MAX_ANSWER_CHARS, MAX_DEPTH
from textcode.parsing.textfile import json_lines, read_utf8
from textcode.parsing.yamltree import YamlList, YamlMap, kind_of, read_yaml

__all__ = [
    "MAX_ALIAS_REPEATS",
    "MAX_ANSWER_CHARS",
    "MAX_DEPTH",
    "YamlList",
    "YamlMap",
    "json_lines",
    "kind_of",
    "loads_json",
    "read_utf8",
    "read_yaml",
]
