"""XML plumbing shared by the REFI-QDA readers and writers: safe parsing, stable GUIDs, bytes.

Parsing goes through defusedxml with DTDs forbidden: REFI-QDA files never need one, and a DTD
is where entity bombs ("billion laughs") and external entities live; elements nested deeper
than :data:`~textcode.parsing.MAX_DEPTH` levels are refused, so that no reader walking the tree
runs out of stack. Writing is deterministic:
attributes in the order they were set, children in the order they were added, no time stamps,
UTF-8 without BOM, LF line ends, so the same input gives the same bytes.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from os import PathLike

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring as _defused_fromstring

from textcode.errors import InputError
from textcode.parsing import MAX_DEPTH

CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
PROJECT_NS = "urn:QDA-XML:project:1.0"

# Fixed forever: every GUID textcode writes is uuid5(GUID_NAMESPACE, "<kind>:<key>"), so a
# re-export of the same codebook or data keeps its GUIDs and other tools see the same objects.
GUID_NAMESPACE = uuid.UUID("ed0c6780-ae17-5a8d-9d44-509b081a770b")

# Characters XML 1.0 cannot carry, not even as character references.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_GUID_RE = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)


def make_guid(kind: str, key: str) -> str:
    """The stable GUID of a ``kind`` of object (``code``, ``group``, ``case`` ...) and its key."""
    return str(uuid.uuid5(GUID_NAMESPACE, f"{kind}:{key}"))


def code_guid(code_id: str) -> str:
    """The GUID of a textcode code id in every REFI-QDA file textcode writes."""
    return make_guid("code", code_id)


def group_guid(group_id: str) -> str:
    """The GUID of a codebook group (written as a parent code)."""
    return make_guid("group", group_id)


def normalize_guid(value: str | None) -> str | None:
    """A GUID in one spelling (lower case, no braces), or None when it is not one."""
    if value is None:
        return None
    match = _GUID_RE.match(value.strip())
    return match.group(1).lower() if match else None


def xml_text(value: str) -> str:
    """``value`` without the control characters XML 1.0 cannot hold (they become U+FFFD)."""
    return _INVALID_XML.sub("\ufffd", value)


def local_name(tag: str) -> str:
    """An element's name without its namespace: readers accept any namespace version."""
    return tag.rsplit("}", 1)[-1]


def children(parent: ET.Element | None, name: str) -> list[ET.Element]:
    """The child elements called ``name`` (in any namespace), in document order."""
    if parent is None:
        return []
    return [c for c in parent if local_name(c.tag) == name]


def child(parent: ET.Element | None, name: str) -> ET.Element | None:
    """The first child element called ``name`` (in any namespace), or None."""
    found = children(parent, name)
    return found[0] if found else None


def element(name: str, /, **attributes: str) -> ET.Element:
    """A root element; :func:`to_bytes` puts it in its namespace."""
    return ET.Element(name, {k: xml_text(v) for k, v in attributes.items()})


def sub(parent: ET.Element, name: str, /, **attributes: str) -> ET.Element:
    """A child element with attributes in the order given.

    Elements are built without a namespace and the root gets ``xmlns``: ElementTree cannot
    write a default namespace together with the unqualified attributes REFI-QDA uses.
    """
    return ET.SubElement(parent, name, {k: xml_text(v) for k, v in attributes.items()})


def to_bytes(root: ET.Element, ns: str) -> bytes:
    """Serialize ``root`` as indented UTF-8 XML (no BOM, LF) in the default namespace ``ns``."""
    root.set("xmlns", ns)
    ET.indent(root, space=" ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")


def parse_xml(data: bytes, *, source: str | PathLike[str]) -> ET.Element:
    """Parse XML bytes safely: no DTD, no entity expansion, no external entities.

    A byte-order mark is allowed (some tools write one). Errors name ``source``.
    """
    try:
        root = _defused_fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        raise InputError(
            f"refused unsafe XML ({type(exc).__name__}): DTDs and entities are not allowed",
            path=source,
        ) from None
    except ET.ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"not well-formed XML: {exc}", path=source, line=line) from None
    if _deeper_than(root, MAX_DEPTH):
        raise InputError(f"elements nested deeper than {MAX_DEPTH} levels", path=source)
    return root


def _deeper_than(root: ET.Element, limit: int) -> bool:
    """Whether the tree under ``root`` nests more than ``limit`` levels (walked without
    recursion)."""
    stack = [(root, 1)]
    while stack:
        element, depth = stack.pop()
        if depth > limit:
            return True
        stack.extend((sub, depth + 1) for sub in element)
    return False
