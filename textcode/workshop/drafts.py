"""Codebook drafts: proposed changes to a codebook that a person reads, then accepts or not.

A draft never changes a codebook file. :func:`apply_draft` makes a new :class:`Codebook` in
memory (to try, evaluate or save under a new name); the draft itself is a small YAML file::

    textcode_draft: 1                      # the format (this module)
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
    add_patterns:                          # a rule more for an existing code
      - code: belemmering.financiering
        rule: subsidie* NEAR/3 (stop* | weg)
    replace_patterns:                      # a rule of a code rewritten (e.g. an exclusion
      - rule: belemmering.financiering#2   #   that rule health proposed)
        with: (budget | geld) NOT NEAR/4 probleem

``add_patterns`` carry the same information as the proposals of ``textcode codebook
suggest-terms`` patches (a term for a code); the two formats are meant to become one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from textcode.codebook import Codebook
from textcode.codebook.loader import codebook_from_data
from textcode.codebook.rules import RuleSyntaxError, parse_rule
from textcode.errors import InputError, excerpt
from textcode.io import atomic_write_text
from textcode.parsing import YamlList, YamlMap, read_yaml

DRAFT_FORMAT = 1
_KEYS = {"textcode_draft", "codebook", "version", "note", "add_codes", "add_patterns",
         "replace_patterns"}  # fmt: skip
_SECTION_KEYS = {
    "add_patterns": ({"code", "rule"}, ("code", "rule")),
    "replace_patterns": ({"rule", "with"}, ("rule", "with")),
}


@dataclass(frozen=True)
class Draft:
    """Proposed changes to the codebook ``codebook`` at ``version`` (see the module text).

    ``add_codes``: (group id, the code as the codebook file writes it); ``add_patterns``:
    (code id, rule); ``replace_patterns``: (rule id ``code#n``, new rule).
    """

    codebook: str
    version: str
    note: str = ""
    add_codes: tuple[tuple[str, dict[str, Any]], ...] = ()
    add_patterns: tuple[tuple[str, str], ...] = ()
    replace_patterns: tuple[tuple[str, str], ...] = ()
    source: str = field(default="<draft>", compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The draft as the plain data of its YAML file."""
        data: dict[str, Any] = {
            "textcode_draft": DRAFT_FORMAT,
            "codebook": self.codebook,
            "version": self.version,
        }
        if self.note:
            data["note"] = self.note
        if self.add_codes:
            data["add_codes"] = [{"group": group, **code} for group, code in self.add_codes]
        if self.add_patterns:
            data["add_patterns"] = [{"code": c, "rule": r} for c, r in self.add_patterns]
        if self.replace_patterns:
            data["replace_patterns"] = [{"rule": r, "with": w} for r, w in self.replace_patterns]
        return data

    @property
    def new_codes(self) -> list[str]:
        """The ids of the codes the draft adds."""
        return [str(code.get("id")) for _, code in self.add_codes]


def read_draft(data: Any, *, source: str = "<draft>") -> Draft:
    """A draft from parsed YAML or JSON data; a mistake names the source, line and field.

    The rules are checked here; the codes they add are checked when the draft is applied.
    """
    if not isinstance(data, Mapping):
        raise InputError("a draft is a mapping (see textcode.workshop.drafts)", path=source)
    for key in data:
        if key not in _KEYS:
            raise _error(
                f"unknown key {excerpt(str(key))!r}", data, key, source, kind="unknown_argument"
            )
    if data.get("textcode_draft", DRAFT_FORMAT) != DRAFT_FORMAT:
        raise _error(
            f"unsupported draft format (this textcode reads {DRAFT_FORMAT})",
            data,
            "textcode_draft",
            source,
        )
    codebook = _text(data, "codebook", source, required=False)
    version = _text(data, "version", source, required=False)
    note = _text(data, "note", source, required=False)
    add_codes: list[tuple[str, dict[str, Any]]] = []
    for n, item in enumerate(_list(data, "add_codes", source)):
        where = f"add_codes[{n}]"
        if not isinstance(item, Mapping):
            raise _error("a new code is a mapping", data, "add_codes", source, field=where)
        group = _text(item, "group", source, where=where)
        _text(item, "id", source, where=where)
        add_codes.append((group, _plain({k: v for k, v in item.items() if k != "group"})))
    sections: dict[str, list[tuple[str, str]]] = {}
    for section, (allowed, (first, second)) in _SECTION_KEYS.items():
        rows: list[tuple[str, str]] = []
        for n, item in enumerate(_list(data, section, source)):
            where = f"{section}[{n}]"
            if not isinstance(item, Mapping):
                raise _error("a mapping", data, section, source, field=where)
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
            rule = _text(item, second, source, where=where)
            _check_rule(rule, item, source, f"{where}.{second}")
            rows.append((_text(item, first, source, where=where), rule))
        sections[section] = rows
    return Draft(
        codebook=codebook,
        version=version,
        note=note,
        add_codes=tuple(add_codes),
        add_patterns=tuple(sections["add_patterns"]),
        replace_patterns=tuple(sections["replace_patterns"]),
        source=source,
    )


def parse_draft(text: str, *, source: str = "<draft>") -> Draft:
    """A draft from YAML text (read by the bounded reader that reads codebooks)."""
    data = read_yaml(text, source=source)
    if data is None:
        raise InputError("the draft is empty", path=source, line=1)
    return read_draft(data, source=source)


def load_draft(path: str | Path) -> Draft:
    """A draft file."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the draft: {exc}", path=path) from None
    return parse_draft(text, source=str(path))


def apply_draft(codebook: Codebook, draft: Draft, *, version: str | None = None) -> Codebook:
    """A new codebook: ``codebook`` with the draft's changes (the file is not touched).

    The result is validated as any codebook file is (rule syntax, duplicate ids, references);
    its version is ``<version>+draft`` unless ``version`` is given.
    """
    source = draft.source
    data = codebook.to_dict()
    groups = {g["id"]: g for g in data["groups"]}
    codes = {c["id"]: c for g in data["groups"] for c in g["codes"]}
    for rule_id, rule in draft.replace_patterns:
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
    for code_id, rule in draft.add_patterns:
        if code_id not in codes:
            raise InputError(
                f"no code {excerpt(code_id)!r} in codebook {codebook.id!r}",
                path=source,
                field="add_patterns",
                kind="not_found",
                value=code_id,
                allowed=sorted(codes),
            )
        codes[code_id]["patterns"].append(rule)
    for group_id, code in draft.add_codes:
        if group_id not in groups:
            raise InputError(
                f"no group {excerpt(group_id)!r} in codebook {codebook.id!r}",
                path=source,
                field="add_codes",
                kind="not_found",
                value=group_id,
                allowed=sorted(groups),
            )
        groups[group_id]["codes"].append(dict(code))
    data["version"] = version or f"{codebook.version}+draft"
    return codebook_from_data(data, source=source)


def dump_draft(draft: Draft) -> str:
    """The draft as YAML, headed by how to use it."""
    header = (
        f"# A draft for codebook {draft.codebook} {draft.version}: proposed, not applied.\n"
        "# Read it, delete what you do not accept, then copy the codes and rules into the\n"
        "# codebook (or textcode.workshop.drafts.apply_draft + save_codebook to a new file)\n"
        "# and run `textcode codebook check` on the result.\n"
    )
    return header + yaml.safe_dump(draft.to_dict(), allow_unicode=True, sort_keys=False, width=100)


def write_draft(draft: Draft, path: str | Path) -> Draft:
    """Write the draft atomically and read it back; the draft as read."""
    atomic_write_text(path, dump_draft(draft))
    return load_draft(path)


def _check_rule(rule: str, item: Mapping[str, Any], source: str, where: str) -> None:
    try:
        parse_rule(rule)
    except RuleSyntaxError as exc:
        raise _error(
            f"rule {excerpt(rule)!r}: {exc}", item, where.rpartition(".")[2], source, field=where
        ) from None


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
    return str(value)


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
    lines = data.lines if isinstance(data, YamlMap) else {}
    line = lines.get(key) if isinstance(key, str) else None
    return InputError(message, path=source, line=line or None, field=field or str(key), kind=kind)


def _plain(value: Any) -> Any:
    """Line-aware YAML containers as plain dicts and lists (what the codebook loader takes)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, YamlList | list):
        return [_plain(v) for v in value]
    return value
