"""REFI-QDA codebooks (``.qdc``): textcode's groups and codes out, any tool's code tree in.

Export: each group becomes a parent ``Code`` (``isCodable="false"``, its question as the
description) holding its codes with label, description and colour (the fixed palette of
:mod:`textcode.interop.naming` for codes without one). GUIDs are uuid5 of the code and group
ids, so exporting the same codebook again gives the same GUIDs and the same bytes.

Import: top-level codes with children become groups, deeper codes become codes whose ids are
the path of their names (``belemmering.financiering``); top-level codes without children go to
a group ``algemeen`` that applies to every question. With a ``reference`` codebook, GUIDs that
textcode wrote map back to the original ids, so an export/import round trip keeps every id.
Patterns stay empty for a person to fill.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from textcode.codebook import Code, Codebook, Group, dump_codebook, parse_codebook
from textcode.errors import InputError
from textcode.interop.naming import PALETTE, normalize_color, slugify, unique
from textcode.interop.xmlutil import (
    CODEBOOK_NS,
    children,
    code_guid,
    element,
    group_guid,
    local_name,
    normalize_guid,
    parse_xml,
    sub,
    to_bytes,
)
from textcode.io import atomic_write_bytes
from textcode.lang import get_language

FLAT_GROUP_ID = "algemeen"
FLAT_GROUP_LABEL = "Algemeen"


def origin() -> str:
    """The ``origin`` attribute textcode writes (its name and version, no time)."""
    from textcode import __version__

    return f"textcode {__version__}"


def code_guids(codebook: Codebook) -> dict[str, str]:
    """Code id -> the GUID textcode writes for it.

    A code whose id equals its group's id (a codable parent imported from another tool) shares
    the parent's GUID, because the parent node *is* that code.
    """
    return {
        code.id: group_guid(code.group) if code.id == code.group else code_guid(code.id)
        for code in codebook.codes
    }


def code_colors(codebook: Codebook) -> dict[str, str]:
    """Code id -> colour: the code's own, else the next palette colour no code has already."""
    own = {code.id: normalize_color(code.color) for code in codebook.codes}
    used = {color for color in own.values() if color}
    free = [color for color in PALETTE if color not in used] or list(PALETTE)
    colors: dict[str, str] = {}
    missing = 0
    for code in codebook.codes:
        color = own[code.id]
        if color is None:
            color = free[missing % len(free)]
            missing += 1
        colors[code.id] = color
    return colors


def add_codes(parent: ET.Element, codebook: Codebook) -> None:
    """Append the ``Codes`` element of ``codebook`` to ``parent`` (a codebook or project)."""
    codes_el = sub(parent, "Codes")
    guids = code_guids(codebook)
    colors = code_colors(codebook)
    for group in codebook.groups:
        own = next((c for c in group.codes if c.id == group.id), None)
        attributes = {
            "guid": group_guid(group.id),
            "name": group.label or group.id,
            "isCodable": "true" if own else "false",
        }
        if own is not None:
            attributes["color"] = colors[own.id]
        group_el = sub(codes_el, "Code", **attributes)
        description = (own.description if own and own.description else group.question).strip()
        if description:
            sub(group_el, "Description").text = description
        for code in group.codes:
            if code is own:
                continue
            code_el = sub(
                group_el,
                "Code",
                guid=guids[code.id],
                name=code.label or code.id,
                isCodable="true",
                color=colors[code.id],
            )
            if code.description:
                sub(code_el, "Description").text = code.description


def codebook_to_qdc(codebook: Codebook) -> bytes:
    """The codebook as REFI-QDA codebook XML (``.qdc``), byte-identical for the same codebook."""
    root = element("CodeBook", origin=origin())
    add_codes(root, codebook)
    return to_bytes(root, CODEBOOK_NS)


def write_qdc(codebook: Codebook, path: str | PathLike[str]) -> None:
    """Write the codebook as a ``.qdc`` file, atomically."""
    atomic_write_bytes(path, codebook_to_qdc(codebook))


@dataclass(frozen=True, slots=True)
class CodeNode:
    """One ``Code`` element of a REFI-QDA code tree, as read."""

    guid: str
    name: str
    codable: bool
    color: str | None = None
    description: str = ""
    children: tuple[CodeNode, ...] = ()


@dataclass(frozen=True, slots=True)
class ImportedCodebook:
    """A codebook built from a code tree, with the GUID -> code id map for codings."""

    codebook: Codebook
    code_ids: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


def parse_code_nodes(codes_el: ET.Element, *, source: str | PathLike[str]) -> list[CodeNode]:
    """The ``Code`` children of a ``Codes`` element, recursively."""

    def node(el: ET.Element) -> CodeNode:
        guid = normalize_guid(el.get("guid"))
        if guid is None:
            raise InputError(
                f"Code {el.get('name')!r} has no valid GUID ({el.get('guid')!r})",
                path=source,
                field="guid",
            )
        description = ""
        children: list[CodeNode] = []
        for child in el:
            name = local_name(child.tag)
            if name == "Description":
                description = (child.text or "").strip()
            elif name == "Code":
                children.append(node(child))
        return CodeNode(
            guid=guid,
            name=(el.get("name") or "").strip(),
            codable=(el.get("isCodable") or "true").strip().lower() in ("true", "1"),
            color=normalize_color(el.get("color")),
            description=description,
            children=tuple(children),
        )

    return [node(code) for code in children(codes_el, "Code")]


def codebook_from_nodes(
    nodes: Sequence[CodeNode],
    *,
    codebook_id: str,
    title: str = "",
    description: str = "",
    language: str = "nl",
    reference: Codebook | None = None,
) -> ImportedCodebook:
    """Turn a REFI-QDA code tree into a validated textcode codebook (patterns empty)."""
    ref_codes = {}
    ref_groups = {}
    if reference is not None:
        ref_codes = {
            guid: reference.code(code_id) for code_id, guid in code_guids(reference).items()
        }
        ref_groups = {group_guid(g.id): g for g in reference.groups}
    code_ids: dict[str, str] = {}
    taken_codes: set[str] = set()
    taken_groups: set[str] = set()
    warnings: list[str] = []

    def code_id_for(node: CodeNode, prefix: str) -> str:
        ref = ref_codes.get(node.guid)
        if ref is not None and ref.id not in taken_codes:
            return ref.id
        return unique(
            f"{prefix}.{slugify(node.name)}" if prefix else slugify(node.name), taken_codes
        )

    def make_code(node: CodeNode, code_id: str, group_id: str) -> Code:
        taken_codes.add(code_id)
        code_ids[node.guid] = code_id
        return Code(
            id=code_id,
            label=node.name or code_id,
            description=node.description,
            group=group_id,
            color=node.color,
        )

    def descendants(node: CodeNode, prefix: str, group_id: str) -> list[Code]:
        codes: list[Code] = []
        for child in node.children:
            child_id = code_id_for(child, prefix)
            if not child.codable and not child.children:
                warnings.append(f"code {child.name!r} is not codable and has no children")
            codes.append(make_code(child, child_id, group_id))
            codes.extend(descendants(child, child_id, group_id))
        return codes

    groups: list[Group] = []
    flat: list[CodeNode] = []  # top-level leaves: placed in one shared group after the others
    for node in nodes:
        if not node.children:
            flat.append(node)
            continue
        ref_group = ref_groups.get(node.guid)
        if ref_group is not None and ref_group.id not in taken_groups:
            group_id = ref_group.id
        else:
            group_id = unique(slugify(node.name, fallback="groep"), taken_groups)
        taken_groups.add(group_id)
        codes: list[Code] = []
        if node.codable:
            # The parent itself is a code in the other tool: keep it, under the group's id.
            codes.append(make_code(node, unique(group_id, taken_codes), group_id))
        codes.extend(descendants(node, group_id, group_id))
        groups.append(
            Group(
                id=group_id,
                label=node.name or group_id,
                question=node.description
                if not node.codable
                else (ref_group.question if ref_group else ""),
                aliases=ref_group.aliases if ref_group else (),
                applies_to_all=ref_group.applies_to_all if ref_group else False,
                codes=tuple(codes),
            )
        )
    if flat:
        group_id = unique(FLAT_GROUP_ID, taken_groups)
        leaves = [make_code(node, code_id_for(node, group_id), group_id) for node in flat]
        groups.append(
            Group(
                id=group_id,
                label=FLAT_GROUP_LABEL,
                codes=tuple(leaves),
                applies_to_all=True,
            )
        )
    if not groups:
        raise InputError("the code tree holds no codes")
    codebook = Codebook(
        id=codebook_id,
        version=reference.version if reference is not None else "1",
        language=language,
        title=title,
        description=description,
        groups=tuple(groups),
    )
    # The validator is the judge of what textcode accepts: run it on what we built.
    validated = parse_codebook(dump_codebook(codebook), source=f"<{codebook_id}>")
    return ImportedCodebook(validated, code_ids, tuple(warnings))


def read_qdc(
    source: str | PathLike[str] | bytes,
    *,
    reference: Codebook | None = None,
    codebook_id: str | None = None,
    language: str = "nl",
    name: str | None = None,
) -> ImportedCodebook:
    """Read a REFI-QDA codebook (``.qdc``) into a textcode codebook.

    ``source`` is a path or the file's bytes (then ``name`` names it in errors). The root may
    also be a ``Project`` (a ``.qde``): its code book is read.
    """
    if isinstance(source, bytes):
        data, where = source, name or "<qdc>"
    else:
        where = str(source)
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=source) from None
    root = parse_xml(data, source=where)
    codes_el = find_codes(root)
    if codes_el is None:
        raise InputError("no <Codes> element: not a REFI-QDA codebook", path=where)
    stem = Path(where).stem if where and not where.startswith("<") else "refi_import"
    book_id = codebook_id or (reference.id if reference else slugify(stem, fallback="refi_import"))
    origin_attr = root.get("origin") or ""
    return codebook_from_nodes(
        parse_code_nodes(codes_el, source=where),
        codebook_id=book_id,
        title=Path(where).name if not where.startswith("<") else "",
        description=(
            get_language(language).interop.IMPORTED["refi"].format(origin=origin_attr)
            if origin_attr
            else ""
        ),
        language=language,
        reference=reference,
    )


def find_codes(root: ET.Element) -> ET.Element | None:
    """The ``Codes`` element of a ``CodeBook`` root or of a ``Project``'s ``CodeBook``."""
    for child in root:
        name = local_name(child.tag)
        if name == "Codes":
            return child
        if name == "CodeBook":
            return find_codes(child)
    return None
