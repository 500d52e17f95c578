"""Codebook patches: proposed changes a person reads, then applies to a new codebook version.

One format for every proposal, whoever made it: the terms of ``textcode codebook
suggest-terms``, the codes and rules an agent drafts at the desk, a rule a person rewrites. A
patch never changes a codebook file; :func:`apply_patch` makes a new :class:`Codebook` (to try,
evaluate or save under a new name, as ``textcode codebook apply-patch`` does)::

    textcode_patch: 2                      # the format (this module)
    codebook: crisis_innovation_nl         # the codebook and version it was made against
    version: "2026.11.5"
    note: Regels en wetten als belemmering  # optional: why
    add_codes:                             # new codes: a code as in the codebook file, plus
      - group: belemmering                 #   the group it joins
        id: belemmering.regelgeving
        label: Regelgeving
        description: Wet- en regelgeving die het project remde.
        patterns: [regelgeving, "(wet | wetten) NEAR/3 (regel* | belemmer*)"]
        examples: {positive: [De regelgeving hield ons tegen], negative: []}
    add_patterns:                          # a rule more for an existing code; suggest-terms
      - code: belemmering.financiering     #   adds what it measured (source, score,
        rule: subsidie* NEAR/3 (stop* | weg)  # answers, new_answers, examples, ...), which
        source: keyness                    #   is read back and left out of the codebook
        answers: 12
    replace_patterns:                      # a rule of a code rewritten (rule id ``code#n``)
      - rule: belemmering.financiering#2
        with: (budget | geld) NOT NEAR/4 probleem

The two earlier forms are read as well: ``textcode_patch: 1`` (``proposals`` of ``code`` and
``add``: each is an ``add_patterns`` entry) and ``textcode_draft: 1`` (the same sections as
above). Whatever the form, :func:`write_patch` writes this one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from textcode.codebook import Codebook
from textcode.codebook.loader import codebook_from_data
from textcode.codebook.rules import RuleSyntaxError, parse_rule
from textcode.errors import InputError, excerpt
from textcode.io import atomic_write_text
from textcode.parsing import YamlList, YamlMap, read_utf8, read_yaml

if TYPE_CHECKING:
    from textcode.workshop.terms import TermProposal

PATCH_FORMAT = 2
# The earlier forms this module still reads: (format key, its version).
_OLD_FORMATS = (("textcode_patch", 1), ("textcode_draft", 1))
_SECTIONS = ("add_codes", "add_patterns", "replace_patterns")
_KEYS = {"textcode_patch", "textcode_draft", "codebook", "version", "note", "proposals",
         *_SECTIONS}  # fmt: skip
# What suggest-terms measured for a proposed rule: shown to the reader, never applied.
EVIDENCE_KEYS = ("source", "score", "answers", "new_answers", "related_to", "near", "examples",
                 "other_codes")  # fmt: skip


@dataclass(frozen=True)
class NewPattern:
    """A rule more for the existing code ``code``, with what was measured for it (if
    anything: ``evidence`` holds the :data:`EVIDENCE_KEYS` a proposal carried)."""

    code: str
    rule: str
    evidence: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = field(default=None, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "rule": self.rule, **self.evidence}


@dataclass(frozen=True)
class Patch:
    """Proposed changes to the codebook ``codebook`` at ``version`` (see the module text).

    ``add_codes``: (group id, the code as the codebook file writes it); ``add_patterns``: the
    rules more for existing codes; ``replace_patterns``: (rule id ``code#n``, new rule).
    """

    codebook: str = ""
    version: str = ""
    note: str = ""
    add_codes: tuple[tuple[str, dict[str, Any]], ...] = ()
    add_patterns: tuple[NewPattern, ...] = ()
    replace_patterns: tuple[tuple[str, str], ...] = ()
    source: str = field(default="<patch>", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The patch as the plain data of its YAML file (always the current format)."""
        data: dict[str, Any] = {
            "textcode_patch": PATCH_FORMAT,
            "codebook": self.codebook,
            "version": self.version,
        }
        if self.note:
            data["note"] = self.note
        if self.add_codes:
            data["add_codes"] = [{"group": group, **_plain(code)} for group, code in self.add_codes]
        if self.add_patterns:
            data["add_patterns"] = [entry.to_dict() for entry in self.add_patterns]
        if self.replace_patterns:
            data["replace_patterns"] = [{"rule": r, "with": w} for r, w in self.replace_patterns]
        return data

    @property
    def new_codes(self) -> list[str]:
        """The ids of the codes the patch adds."""
        return [str(code.get("id")) for _, code in self.add_codes]


def patch_from_proposals(codebook: Codebook, proposals: Sequence[TermProposal]) -> Patch:
    """The proposals of :func:`~textcode.workshop.terms.suggest_terms` as a patch to review."""
    entries = []
    for proposal in proposals:
        data = proposal.to_dict()
        evidence = {key: data[key] for key in EVIDENCE_KEYS if key in data}
        entries.append(NewPattern(proposal.code, proposal.term, evidence))
    return Patch(codebook.id, codebook.version, add_patterns=tuple(entries))


def read_patch(data: Any, *, source: str = "<patch>") -> Patch:
    """A patch from parsed YAML or JSON data, in any of its forms; a mistake names the
    source, line and field. The rules are checked here; the codes they add and the codes and
    rules they name are checked when the patch is applied."""
    if not isinstance(data, Mapping):
        raise InputError("a patch is a mapping (see textcode.workshop.patch)", path=source, line=1)
    for key in data:
        if key not in _KEYS:
            raise _error(
                f"unknown key {excerpt(str(key))!r}", data, key, source, kind="unknown_argument"
            )
    old = _check_format(data, source)
    if "proposals" in data and old != ("textcode_patch", 1):
        raise _error("'proposals' belong to textcode_patch: 1", data, "proposals", source)
    add_codes: list[tuple[str, dict[str, Any]]] = []
    for n, item in enumerate(_list(data, "add_codes", source)):
        where = f"add_codes[{n}]"
        if not isinstance(item, Mapping):
            raise _item_error("a new code is a mapping", data, "add_codes", n, source, where)
        group = _text(item, "group", source, where=where)
        _text(item, "id", source, where=where)
        add_codes.append((group, _without(item, "group")))
    if old == ("textcode_patch", 1):
        # Version 1 numbered proposals from 1 and called the rule 'add'.
        add_patterns = _new_patterns(data, "proposals", "add", source, first=1)
    else:
        add_patterns = _new_patterns(data, "add_patterns", "rule", source)
    replace_patterns: list[tuple[str, str]] = []
    for n, item in enumerate(_list(data, "replace_patterns", source)):
        where = f"replace_patterns[{n}]"
        item = _mapping(item, data, "replace_patterns", n, source, where)
        _only(item, ("rule", "with"), source, where)
        rule = _rule(item, "with", source, where)
        replace_patterns.append((_text(item, "rule", source, where=where), rule))
    return Patch(
        codebook=_text(data, "codebook", source, required=False),
        version=_text(data, "version", source, required=False),
        note=_text(data, "note", source, required=False),
        add_codes=tuple(add_codes),
        add_patterns=tuple(add_patterns),
        replace_patterns=tuple(replace_patterns),
        source=source,
    )


def parse_patch(text: str, *, source: str = "<patch>") -> Patch:
    """A patch from YAML text (read by the bounded reader that reads codebooks)."""
    data = read_yaml(text, source=source)
    if data is None:
        raise InputError("the patch is empty", path=source, line=1)
    return read_patch(data, source=source)


def load_patch(path: str | Path) -> Patch:
    """A patch file, in any of its forms."""
    return parse_patch(read_utf8(path, "the patch"), source=str(path))


def apply_patch(codebook: Codebook, patch: Patch, *, version: str | None = None) -> Codebook:
    """A new codebook: ``codebook`` with the patch's changes (no file is touched).

    New codes join their groups first, then rules are rewritten, then each new rule becomes
    one more pattern of its code (so each keeps its own rule id, ``code#n``). The result is
    validated as any codebook file is (rule syntax, duplicate ids, references); its version
    is one step up (:func:`bump_version`) unless ``version`` is given.
    """
    source = patch.source
    data = codebook.to_dict()
    groups = {g["id"]: g for g in data["groups"]}
    for group_id, code in patch.add_codes:
        if group_id not in groups:
            raise InputError(
                f"no group {excerpt(group_id)!r} in codebook {codebook.id!r}",
                path=source,
                field="add_codes",
                kind="not_found",
                value=group_id,
                allowed=sorted(groups),
            )
        groups[group_id]["codes"].append(copy.deepcopy(code))  # with its lines, if any
    codes = {c["id"]: c for g in data["groups"] for c in g["codes"]}
    for rule_id, rule in patch.replace_patterns:
        code_id, _, number = rule_id.rpartition("#")
        patterns = codes[code_id]["patterns"] if code_id in codes else []
        if not number.isdigit() or not 1 <= int(number) <= len(patterns):
            raise InputError(
                f"no rule {excerpt(rule_id)!r} in codebook {codebook.id!r}",
                path=source,
                field="replace_patterns",
                kind="not_found",
                value=rule_id,
            )
        index = int(number) - 1
        old = patterns[index]
        patterns[index] = {**old, "rule": rule} if isinstance(old, dict) else rule
    for entry in patch.add_patterns:
        if entry.code not in codes:
            raise InputError(
                f"no code {excerpt(entry.code)!r} in codebook {codebook.id!r}",
                path=source,
                line=entry.line,
                field="add_patterns",
                kind="not_found",
                value=entry.code,
                allowed=sorted(codes),
            )
        patterns = codes[entry.code].setdefault("patterns", [])
        if entry.rule not in (p["rule"] if isinstance(p, dict) else p for p in patterns):
            patterns.append(entry.rule)
            if isinstance(patterns, YamlList):  # a code this patch adds
                patterns.lines.append(entry.line or patterns.line)
    data["version"] = version or bump_version(codebook.version)
    return codebook_from_data(data, source=source)


def dump_patch(patch: Patch) -> str:
    """The patch as YAML, headed by how to use it."""
    header = (
        f"# Proposed changes to codebook {patch.codebook} {patch.version}, not applied.\n"
        "# Delete what you reject, edit a rule if needed, then:\n"
        "# textcode codebook apply-patch CODEBOOK THIS_FILE --out NEW.yaml\n"
    )
    return header + yaml.safe_dump(patch.to_dict(), allow_unicode=True, sort_keys=False, width=100)


def write_patch(patch: Patch, path: str | Path) -> Patch:
    """Write the patch atomically and read it back; the patch as read."""
    atomic_write_text(path, dump_patch(patch))
    return load_patch(path)


def bump_version(version: str) -> str:
    """The next version: the last number up one ("2026.1.0" -> "2026.1.1"), else ".1" added."""
    match = re.search(r"(\d+)(\D*)$", version)
    if not match:
        return f"{version}.1"
    number = str(int(match.group(1)) + 1)
    return version[: match.start(1)] + number + match.group(2)


def _check_format(data: Mapping[str, Any], source: str) -> tuple[str, int] | None:
    """The old form ``data`` is written in, None for the current one."""
    found = [(key, data[key]) for key in ("textcode_patch", "textcode_draft") if key in data]
    if len(found) > 1:
        raise _error("give textcode_patch or textcode_draft, not both", data, "textcode_draft",
                     source)  # fmt: skip
    key, value = found[0] if found else ("textcode_patch", PATCH_FORMAT)
    if (key, value) == ("textcode_patch", PATCH_FORMAT):
        return None
    if (key, value) in _OLD_FORMATS:
        return (key, value)
    raise _error(
        f"unsupported format {excerpt(str(value))!r} (this textcode writes textcode_patch: "
        f"{PATCH_FORMAT} and reads textcode_patch: 1 and textcode_draft: 1)",
        data,
        key,
        source,
    )


def _new_patterns(
    data: Mapping[str, Any], section: str, rule_key: str, source: str, *, first: int = 0
) -> list[NewPattern]:
    entries: list[NewPattern] = []
    items = _list(data, section, source)
    for n, item in enumerate(items):
        where = f"{section}[{n + first}]"
        item = _mapping(item, data, section, n, source, where)
        _only(item, ("code", rule_key, *EVIDENCE_KEYS), source, where)
        rule = _rule(item, rule_key, source, where)
        evidence = {key: _plain(item[key]) for key in EVIDENCE_KEYS if key in item}
        line = item.line if isinstance(item, YamlMap) else None
        entries.append(NewPattern(_text(item, "code", source, where=where), rule, evidence, line))
    return entries


def _mapping(
    item: Any, data: Mapping[str, Any], section: str, n: int, source: str, where: str
) -> Mapping[str, Any]:
    if not isinstance(item, Mapping):
        raise _item_error("a mapping", data, section, n, source, where)
    return item


def _only(item: Mapping[str, Any], allowed: Sequence[str], source: str, where: str) -> None:
    for key in item:
        if key not in allowed:
            raise _error(
                f"unknown key {excerpt(str(key))!r}",
                item,
                key,
                source,
                field=f"{where}.{key}",
                kind="unknown_argument",
            )


def _rule(item: Mapping[str, Any], key: str, source: str, where: str) -> str:
    rule = _text(item, key, source, where=where)
    try:
        parse_rule(rule)
    except RuleSyntaxError as exc:
        raise _error(
            f"rule {excerpt(rule)!r}: {exc}", item, key, source, field=f"{where}.{key}"
        ) from None
    return rule


def _text(
    data: Mapping[str, Any],
    key: str,
    source: str,
    *,
    where: str | None = None,
    required: bool = True,
) -> str:
    value = data.get(key)
    field = f"{where}.{key}" if where else key
    if value is None and not required:
        return ""
    if not isinstance(value, str | int | float) or isinstance(value, bool) or not str(value):
        raise _error("missing or not a text", data, key, source, field=field, kind="missing")
    return str(value).strip()


def _list(data: Mapping[str, Any], key: str, source: str) -> Sequence[Any]:
    value = data.get(key)
    if value is None:
        return ()
    if not isinstance(value, list):
        raise _error("must be a list", data, key, source)
    return value


def _error(
    message: str,
    data: Mapping[str, Any],
    key: object,
    source: str,
    *,
    field: str | None = None,
    kind: str = "invalid",
) -> InputError:
    """An error about ``key`` of ``data``, at its line (or the mapping's, for a key that is
    missing) when the data came from a file."""
    line = None
    if isinstance(data, YamlMap):
        line = data.lines.get(key) if isinstance(key, str) else None
        line = line or data.line
    return InputError(message, path=source, line=line or None, field=field or str(key), kind=kind)


def _item_error(
    message: str, data: Mapping[str, Any], section: str, n: int, source: str, where: str
) -> InputError:
    items = data.get(section)
    line = items.lines[n] if isinstance(items, YamlList) and n < len(items.lines) else None
    return InputError(message, path=source, line=line, field=where, kind="invalid")


def _without(item: Mapping[str, Any], key: str) -> dict[str, Any]:
    """``item`` without ``key``; a line-aware mapping stays one, so that the codebook loader
    names the patch's own lines when a code it adds does not validate."""
    if not isinstance(item, YamlMap):
        return _plain({k: v for k, v in item.items() if k != key})
    kept = YamlMap(item.line)
    for name, value in item.items():
        if name != key:
            kept[name] = value
            kept.lines[name] = item.lines[name]
    return kept


def _plain(value: Any) -> Any:
    """Line-aware YAML containers as plain dicts and lists (what the codebook loader takes)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, YamlList | list):
        return [_plain(v) for v in value]
    return value
