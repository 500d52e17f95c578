"""Codebook patches: proposals a researcher reviews as YAML, then applies to a new codebook file.

A patch names the codebook and version it was made against and lists proposals::

    textcode_patch: 1
    codebook: vu2021_b1_nieuws
    version: "2026.1.0"
    proposals:
      - code: nieuws.corona
        add: virus            # a rule term or a whole rule
        source: keyness
        answers: 12
        new_answers: 5
        examples: [...]

The researcher deletes the proposals they reject (or edits ``add``) and runs ``textcode codebook
apply-patch``: each code gets one new pattern, the alternation of its accepted terms, and the
codebook's version goes up one step. The input codebook is never changed; the result is a new
file, checked like any codebook.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from textcode.codebook import Code, Codebook, Pattern
from textcode.codebook.rules import RuleSyntaxError, parse_rule
from textcode.errors import InputError
from textcode.workshop.terms import TermProposal

PATCH_FORMAT = 1


@dataclass(frozen=True)
class PatchEntry:
    """One accepted proposal: add ``rule`` to ``code`` (``line`` in the patch file)."""

    code: str
    rule: str
    line: int | None = None


def proposals_to_patch(codebook: Codebook, proposals: Sequence[TermProposal]) -> str:
    """The proposals as patch YAML (see the module docstring)."""
    data = {
        "textcode_patch": PATCH_FORMAT,
        "codebook": codebook.id,
        "version": codebook.version,
        "proposals": [p.to_dict() for p in proposals],
    }
    header = (
        f"# Proposed terms for codebook {codebook.id} {codebook.version}. Delete what you\n"
        "# reject, edit 'add' if needed, then:\n"
        "# textcode codebook apply-patch CODEBOOK THIS_FILE --out NEW.yaml\n"
    )
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def read_patch(path: str | Path) -> tuple[str, str, list[PatchEntry]]:
    """(codebook id, version, entries) of a patch file; bad input names file, line and field."""
    source = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise InputError(f"cannot read the patch: {exc.strerror or exc}", path=path) from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
            path=source,
            line=mark.line + 1 if mark is not None else None,
        ) from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError("a patch is a mapping with 'proposals'", path=source, line=1)
    fields = {key.value: value for key, value in root.value}
    if _scalar(fields.get("textcode_patch")) != str(PATCH_FORMAT):
        raise InputError(
            f"not a textcode patch (textcode_patch: {PATCH_FORMAT} is missing)",
            path=source,
            line=1,
            field="textcode_patch",
        )
    proposals = fields.get("proposals")
    entries: list[PatchEntry] = []
    if proposals is not None and not isinstance(proposals, yaml.SequenceNode):
        raise InputError(
            "must be a list", path=source, line=proposals.start_mark.line + 1, field="proposals"
        )
    for index, node in enumerate(proposals.value if proposals is not None else [], start=1):
        line = node.start_mark.line + 1
        where = f"proposals[{index}]"
        if not isinstance(node, yaml.MappingNode):
            raise InputError("a proposal is a mapping", path=source, line=line, field=where)
        item = {key.value: value for key, value in node.value}
        code, rule = _scalar(item.get("code")), _scalar(item.get("add"))
        if not code or not rule:
            missing = "code" if not code else "add"
            raise InputError("missing", path=source, line=line, field=f"{where}.{missing}")
        try:
            parse_rule(rule)
        except RuleSyntaxError as exc:
            raise InputError(
                f"rule {rule!r}: {exc}", path=source, line=line, field=f"{where}.add"
            ) from None
        entries.append(PatchEntry(code, rule, line))
    return _scalar(fields.get("codebook")), _scalar(fields.get("version")), entries


def _scalar(node: Any) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def apply_patch(
    codebook: Codebook, entries: Sequence[PatchEntry], *, source: str = "<patch>"
) -> Codebook:
    """A new codebook: each code with its accepted terms as one more pattern, version bumped."""
    added: dict[str, list[str]] = {}
    for entry in entries:
        if entry.code not in codebook:
            raise InputError(
                f"no code {entry.code!r} in codebook {codebook.id}",
                path=source,
                line=entry.line,
                field="code",
            )
        terms = added.setdefault(entry.code, [])
        if entry.rule not in terms:
            terms.append(entry.rule)
    if not added:
        return codebook
    groups = []
    for group in codebook.groups:
        codes: list[Code] = []
        for code in group.codes:
            accepted = added.get(code.id)
            if accepted:
                rule = " | ".join(f"({t})" if _needs_brackets(t) else t for t in accepted)
                pattern = Pattern(rule=rule, index=len(code.patterns) + 1)
                code = replace(code, patterns=(*code.patterns, pattern))
            codes.append(code)
        groups.append(replace(group, codes=tuple(codes)))
    return replace(codebook, groups=tuple(groups), version=bump_version(codebook.version))


def _needs_brackets(rule: str) -> bool:
    return any(op in rule.split() for op in ("OR", "AND", "NOT", "SENT")) or "/" in rule


def bump_version(version: str) -> str:
    """The next version: the last number up one ("2026.1.0" -> "2026.1.1"), else ".1" added."""
    match = re.search(r"(\d+)(\D*)$", version)
    if not match:
        return f"{version}.1"
    number = str(int(match.group(1)) + 1)
    return version[: match.start(1)] + number + match.group(2)
