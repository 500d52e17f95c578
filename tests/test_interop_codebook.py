"""REFI-QDA codebook exchange (.qdc): schema validity, stable GUIDs, round trips, hostile XML."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import xmlschema

from textcode.codebook import dump_codebook, load_codebook, parse_codebook
from textcode.errors import InputError
from textcode.interop.naming import PALETTE
from textcode.interop.refi_codebook import code_guids, codebook_to_qdc, read_qdc, write_qdc
from textcode.interop.xmlutil import code_guid, parse_xml

DATA = Path(__file__).parent / "data" / "interop"


@pytest.fixture(scope="module")
def codebook():  # type: ignore[no-untyped-def]
    return load_codebook(DATA / "codebook_nl.yaml")


@pytest.fixture(scope="module")
def codebook_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "Codebook.xsd"))


def test_qdc_export_validates_against_the_schema(codebook, codebook_schema) -> None:  # type: ignore[no-untyped-def]
    data = codebook_to_qdc(codebook)
    codebook_schema.validate(data.decode("utf-8"))
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    assert b"\r" not in data and not data.startswith(b"\xef\xbb\xbf")


def test_qdc_export_is_byte_identical_and_guids_are_stable(codebook, tmp_path) -> None:  # type: ignore[no-untyped-def]
    write_qdc(codebook, tmp_path / "a.qdc")
    write_qdc(parse_codebook(dump_codebook(codebook)), tmp_path / "b.qdc")
    assert (tmp_path / "a.qdc").read_bytes() == (tmp_path / "b.qdc").read_bytes()
    # The GUID of a code id is fixed forever: other tools recognise re-exported codes by it.
    assert code_guid("belemmering.financiering") == "f94051aa-f659-5f8d-bb6c-8406577ef2df"
    assert code_guids(codebook)["belemmering.financiering"] == code_guid("belemmering.financiering")
    guids = list(code_guids(codebook).values())
    assert len(set(guids)) == len(guids)
    assert all(uuid.UUID(g).version == 5 for g in guids)


def test_hierarchy_descriptions_and_colours(codebook) -> None:  # type: ignore[no-untyped-def]
    root = parse_xml(codebook_to_qdc(codebook), source="<test>")
    ns = "{urn:QDA-XML:codebook:1.0}"
    top = root.find(f"{ns}Codes").findall(f"{ns}Code")
    assert [c.get("name") for c in top] == ["Kennisbehoefte", "Belemmeringen", "Overig"]
    assert all(c.get("isCodable") == "false" for c in top)
    assert top[0].find(f"{ns}Description").text.startswith("Aan welke soort kennis")
    children = {c.get("name"): c for c in top[1].findall(f"{ns}Code")}
    financiering = children["Financiering"]
    assert financiering.get("isCodable") == "true"
    assert financiering.find(f"{ns}Description").text.startswith("Gebrek aan geld")
    colors = [c.get("color") for g in top for c in g.findall(f"{ns}Code")]
    # Own colours are kept (normalised), the others come from the palette, never duplicating.
    assert colors[0] == "#1F77B4" and children["Tijd en capaciteit"].get("color") == "#2CA02C"
    assert len(set(colors)) == len(colors)
    assert set(colors) - {"#1F77B4", "#2CA02C"} <= set(PALETTE)


def test_round_trip_with_reference_keeps_ids_labels_descriptions(codebook) -> None:  # type: ignore[no-untyped-def]
    imported = read_qdc(codebook_to_qdc(codebook), reference=codebook).codebook
    assert [c.id for c in imported.codes] == [c.id for c in codebook.codes]
    for before, after in zip(codebook.codes, imported.codes, strict=True):
        assert after.label == before.label
        assert after.description == before.description
        assert after.group == before.group
        assert after.patterns == ()  # for a person to fill
    assert imported.group("kennisbehoefte").question == codebook.group("kennisbehoefte").question
    assert imported.group("overig").applies_to_all
    assert parse_codebook(dump_codebook(imported)) == imported


def test_round_trip_without_reference_derives_ids_from_names(codebook) -> None:  # type: ignore[no-untyped-def]
    imported = read_qdc(codebook_to_qdc(codebook)).codebook
    assert [g.id for g in imported.groups] == ["kennisbehoefte", "belemmeringen", "overig"]
    assert "belemmeringen.financiering" in imported
    assert imported.code("belemmeringen.tijd_en_capaciteit").label == "Tijd en capaciteit"
    assert len(imported.codes) == len(codebook.codes)


def test_import_of_a_foreign_codebook_keeps_the_tree(codebook_schema) -> None:  # type: ignore[no-untyped-def]
    # BOM, GUIDs in braces and upper case, #RGB colours, three levels, a codable parent, Sets.
    path = DATA / "nvivo_codebook.qdc"
    assert codebook_schema.is_valid(str(path))
    result = read_qdc(path)
    book = result.codebook
    assert [g.id for g in book.groups] == ["belemmeringen", "algemeen"]
    parent = book.code("belemmeringen")  # the codable parent is a code of its own group
    assert parent.color == "#CC0000"
    assert parent.description == "Wat stond het project in de weg?"
    deep = book.code("belemmeringen.financiele_middelen.geen_structurele_dekking")
    assert deep.group == "belemmeringen"
    assert book.code("belemmeringen.financiele_middelen").label == "Financiële middelen"
    assert book.code("belemmeringen.tijd_capaciteit").label == "Tijd & capaciteit"
    assert book.group("algemeen").applies_to_all
    assert result.code_ids["3f2504e0-4f89-11d3-9a0c-0305e82c3305"] == "algemeen.opvallend_citaat"
    # ... and exported again it is still valid, with the codable parent kept codable.
    again = codebook_to_qdc(book)
    codebook_schema.validate(again.decode("utf-8"))
    reread = read_qdc(again, reference=book).codebook

    def summary(code):  # type: ignore[no-untyped-def]
        return (code.id, code.label, code.description, code.group)

    assert [summary(c) for c in reread.codes] == [summary(c) for c in book.codes]
    # Codes without a colour got one from the palette on the way out.
    assert reread.code("belemmeringen.tijd_capaciteit").color in PALETTE


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="3f2504e0-4f89-11d3-9a0c-0305e82c3301" name="&lol9;" isCodable="true"/>
</Codes></CodeBook>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY geheim SYSTEM "file:///etc/passwd">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="3f2504e0-4f89-11d3-9a0c-0305e82c3301" name="&geheim;" isCodable="true"/>
</Codes></CodeBook>
"""


@pytest.mark.parametrize("payload", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["laughs", "xxe"])
def test_hostile_xml_is_refused(payload: bytes, tmp_path: Path) -> None:
    path = tmp_path / "vijandig.qdc"
    path.write_bytes(payload)
    with pytest.raises(InputError, match="unsafe XML") as info:
        read_qdc(path)
    assert "vijandig.qdc" in str(info.value)


def test_bad_qdc_input_names_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.qdc"
    broken.write_text("<CodeBook><Codes><Code", encoding="utf-8")
    with pytest.raises(InputError, match=r"kapot\.qdc.*not well-formed"):
        read_qdc(broken)
    bad_guid = tmp_path / "guid.qdc"
    bad_guid.write_text(
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>'
        '<Code guid="c001" name="Geld" isCodable="true"/></Codes></CodeBook>',
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="no valid GUID"):
        read_qdc(bad_guid)
