"""Importing projects shaped like real exports of ATLAS.ti, NVivo, MAXQDA and QualCoder.

The fixtures in tests/data/interop/foreign/ are unpacked projects written for these tests in
the shapes those tools produce; the tests zip them as the tools would.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from textcode.codebook import load_codebook
from textcode.errors import InputError
from textcode.interop.refi_project import read_qdpx

FOREIGN = Path(__file__).parent / "data" / "interop" / "foreign"


def _zip(folder: Path, target: Path) -> Path:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(folder).as_posix())
    return target


@pytest.fixture(scope="module")
def survey_codebook():  # type: ignore[no-untyped-def]
    return load_codebook()


def _rows(project, *columns):  # type: ignore[no-untyped-def]
    return [tuple(r) for r in project.codings[list(columns)].itertuples(index=False)]


def test_atlasti_named_qde_bom_and_crlf(tmp_path: Path, survey_codebook) -> None:  # type: ignore[no-untyped-def]
    raw = (FOREIGN / "atlasti" / "sources").glob("*5E01.txt")
    stored = next(raw).read_bytes()
    assert stored.startswith(b"\xef\xbb\xbf") and b"\r\n" in stored
    project = read_qdpx(
        _zip(FOREIGN / "atlasti", tmp_path / "atlas.qdpx"), reference=survey_codebook
    )
    assert project.origin == "ATLAS.ti 23" and project.users == ("Sanne",)
    # The source name "R07 belemmering" gives respondent and question (no cases in ATLAS.ti).
    assert list(project.answers["response_id"]) == ["R07", "R08"]
    assert list(project.answers["question"]) == ["belemmering", "belemmering"]
    # Positions counted in the stored CRLF text land on the same words in the LF text.
    assert _rows(project, "response_id", "evidence") == [
        ("R07", "te weinig mensen"),
        ("R07", "weinig tijd"),
        ("R07", "Draagvlak bij het MT ontbrak"),
        ("R08", "Privacywetgeving (AVG)"),
        ("R08", "aanbesteding\nvertraagden"),
    ]
    for record in project.codings.itertuples():
        text = project.answers.set_index("response_id").loc[record.response_id, "text"]
        assert text[record.start : record.end] == record.evidence
    assert "\r" not in "".join(project.answers["text"])
    assert project.codebook.group("algemeen").applies_to_all  # a flat code list


def test_nvivo_sources_folder_cases_variables_and_two_coders(  # type: ignore[no-untyped-def]
    tmp_path: Path, survey_codebook
) -> None:
    project = read_qdpx(_zip(FOREIGN / "nvivo", tmp_path / "nvivo.qdpx"), reference=survey_codebook)
    answers = project.answers
    assert list(answers.columns) == [
        "response_id",
        "question",
        "text",
        "Organisatietype",
        "Medewerkers",
    ]
    assert list(zip(answers["response_id"], answers["question"], strict=True)) == [
        ("R01", "kennisbehoefte"),
        ("R01", "belemmering"),
        ("R02", "kennisbehoefte"),
    ]
    assert answers["Medewerkers"].tolist()[:2] == [420, 420]
    assert str(answers["Medewerkers"].dtype) == "Int64" and answers["Medewerkers"].isna()[2]
    assert project.users == ("Anna de Wit", "Bram Jansen")
    # Code names that match textcode's ids under their parent keep those ids.
    assert set(project.codings["code"]) == {
        "kennisbehoefte.juridisch",
        "kennisbehoefte.inkoop",
        "kennisbehoefte.technologie",
        "belemmering.financiering",
    }
    gold_anna = {(g["id"], g["question"]): g["codes"] for g in project.gold(users=["Anna de Wit"])}
    gold_bram = {(g["id"], g["question"]): g["codes"] for g in project.gold(users=["Bram Jansen"])}
    assert gold_anna[("R01", "kennisbehoefte")] == [
        "kennisbehoefte.juridisch",
        "kennisbehoefte.inkoop",
    ]
    assert gold_bram[("R01", "kennisbehoefte")] == ["kennisbehoefte.juridisch"]
    assert set(project.codings["created"]) == {"2024-03-05T10:15:00Z"}


def test_maxqda_one_source_per_respondent_inline_text(tmp_path: Path) -> None:
    # A bare .qde (no archive) with inline PlainTextContent and one source per respondent.
    project = read_qdpx(FOREIGN / "maxqda" / "project.qde")
    assert list(project.answers["response_id"]) == ["R31"]  # the case's name
    assert project.answers.loc[0, "question"] == ""  # one answer, question unknown
    assert _rows(project, "code", "evidence", "user") == [
        ("algemeen.verbinden", "verbinden van organisaties", "Kim"),
        ("algemeen.samenwerking", "iedereen op zijn eigen eiland", "Kim"),
    ]


def test_qualcoder_whole_source_coding_and_paths_outside(tmp_path: Path) -> None:
    # An unpacked folder: BOM + CRLF files, a relative:// path, a coding of the whole source,
    # and an absolute:// path that an import must never follow.
    project = read_qdpx(FOREIGN / "qualcoder")
    assert _rows(project, "response_id", "code", "start", "end", "evidence") == [
        ("q1.txt", "algemeen.geen_inhoud", 0, 7, "n.v.t.\n"),
        ("q2.txt", "algemeen.bevlogenheid", 0, 32, "Bevlogen mensen 💪\ndie doorzetten"),
    ]
    assert project.warnings == ("source 'elders.txt': no plain text inside the project; left out",)
    assert "elders.txt" not in set(project.answers["response_id"])


def test_several_qde_files_without_project_qde_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "twee.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        qde = (FOREIGN / "maxqda" / "project.qde").read_bytes()
        archive.writestr("a.qde", qde)
        archive.writestr("b.qde", qde)
    with pytest.raises(InputError, match=r"several \.qde files \(a\.qde, b\.qde\)"):
        read_qdpx(path)


def test_hostile_project_xml_is_refused(tmp_path: Path) -> None:
    payload = (
        b'<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="&c;"/>'
    )
    path = tmp_path / "lach.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", payload)
    with pytest.raises(InputError, match="unsafe XML"):
        read_qdpx(path)


def test_two_questions_of_one_group_for_one_respondent_are_refused(
    tmp_path: Path, survey_codebook
) -> None:  # type: ignore[no-untyped-def]
    # Made with a codebook that keeps "belemmeringen" and "knelpunten" apart; the shipped one
    # makes both the group belemmering, and the gold would mix their codings.
    qde = tmp_path / "project.qde"
    variable = "7A000000-0000-4000-8000-00000000000{}"
    sources = "".join(
        f'<TextSource guid="D0C00000-0000-4000-8000-00000000000{n}" name="R07 {q}">'
        f"<PlainTextContent>{text}</PlainTextContent>"
        f'<VariableValue><VariableRef targetGUID="{variable.format(1)}"/>'
        f"<TextValue>R07</TextValue></VariableValue>"
        f'<VariableValue><VariableRef targetGUID="{variable.format(2)}"/>'
        f"<TextValue>{q}</TextValue></VariableValue></TextSource>"
        for n, q, text in (
            (1, "belemmeringen", "Te weinig budget voor het project"),
            (2, "knelpunten", "Geen tijd naast het gewone werk"),
        )
    )
    qde.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="enquete" origin="NVivo 14">'
        f'<Variables><Variable guid="{variable.format(1)}" name="response_id" '
        'typeOfVariable="Text"/>'
        f'<Variable guid="{variable.format(2)}" name="question" typeOfVariable="Text"/>'
        f"</Variables><Sources>{sources}</Sources></Project>",
        encoding="utf-8",
    )
    assert list(read_qdpx(qde).answers["question"]) == ["belemmeringen", "knelpunten"]
    with pytest.raises(InputError) as caught:
        read_qdpx(qde, reference=survey_codebook)
    assert caught.value.path == str(qde)
    message = caught.value.reason
    assert "'R07'" in message and "'belemmeringen'" in message and "'knelpunten'" in message
