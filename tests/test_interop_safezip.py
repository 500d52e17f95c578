"""Zip archives from elsewhere: paths, sizes, member counts and ratios checked before reading."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

import pytest

from textcode.errors import InputError
from textcode.interop.refi_project import read_qdpx
from textcode.parsing.safezip import SafeZip, ZipLimits, deterministic_zip

QDE = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n'
    b'<Project xmlns="urn:QDA-XML:project:1.0" name="klein"/>\n'
)


def _write(path: Path, members: list[tuple[str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "name",
    ["../buiten.txt", "sources/../../buiten.txt", "/etc/passwd", "C:/Windows/win.ini", "..\\x.txt"],
)
def test_paths_outside_the_archive_are_refused(tmp_path: Path, name: str) -> None:
    path = _write(tmp_path / "pad.qdpx", [("project.qde", QDE), (name, b"kwaad")])
    with pytest.raises(InputError, match="refused: member has") as info:
        read_qdpx(path)
    assert info.value.field == name
    assert not (tmp_path.parent / "buiten.txt").exists()


def test_symlink_members_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "link.qdpx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("project.qde", QDE)
        link = zipfile.ZipInfo("sources/link.txt")
        link.external_attr = (0o120777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(InputError, match="symbolic link"):
        SafeZip(path)


def _claim_size(path: Path, member: str, claimed: int) -> None:
    """Forge the uncompressed size of ``member`` in both headers, as an attacker would."""
    data = bytearray(path.read_bytes())
    name = member.encode()
    local = data.find(b"PK\x03\x04")
    while local >= 0:
        name_len = struct.unpack_from("<H", data, local + 26)[0]
        if data[local + 30 : local + 30 + name_len] == name:
            struct.pack_into("<I", data, local + 22, claimed)
        local = data.find(b"PK\x03\x04", local + 4)
    central = data.find(b"PK\x01\x02")
    while central >= 0:
        name_len = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_len] == name:
            struct.pack_into("<I", data, central + 24, claimed)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def test_a_member_claiming_two_gigabytes_is_refused_before_reading(tmp_path: Path) -> None:
    path = _write(tmp_path / "groot.qdpx", [("project.qde", QDE), ("sources/a.txt", b"kort")])
    _claim_size(path, "sources/a.txt", 2 * 1024**3)
    assert path.stat().st_size < 1000  # the archive itself stays tiny
    assert zipfile.ZipFile(path).getinfo("sources/a.txt").file_size == 2 * 1024**3
    with pytest.raises(InputError, match=r"claims 2,147,483,648 bytes"):
        read_qdpx(path)


def test_a_member_that_lies_about_its_size_is_cut_off(tmp_path: Path) -> None:
    path = _write(tmp_path / "leugen.qdpx", [("project.qde", QDE), ("sources/a.txt", b"x" * 5000)])
    _claim_size(path, "sources/a.txt", 10)
    with SafeZip(path) as archive, pytest.raises(InputError, match=r"sources/a\.txt"):
        archive.read("sources/a.txt")


def test_compression_bombs_and_totals_are_refused(tmp_path: Path) -> None:
    bomb = _write(
        tmp_path / "bom.qdpx", [("project.qde", QDE), ("sources/nul.txt", bytes(20 << 20))]
    )
    with pytest.raises(InputError, match="compression ratio"):
        SafeZip(bomb)
    many = _write(tmp_path / "veel.qdpx", [(f"sources/{n}.txt", b"ja") for n in range(30)])
    with pytest.raises(InputError, match="30 members, more than the limit of 20"):
        SafeZip(many, ZipLimits(max_members=20))
    total = _write(tmp_path / "totaal.qdpx", [(f"sources/{n}.txt", b"nee" * 400) for n in range(5)])
    with pytest.raises(InputError, match="in all"):
        SafeZip(total, ZipLimits(max_total_size=5000))


def test_good_archives_read_and_extract_inside_the_target(tmp_path: Path) -> None:
    data = deterministic_zip([("project.qde", QDE), ("sources/één.txt", "Geen budget 💶".encode())])
    assert data == deterministic_zip(
        [("project.qde", QDE), ("sources/één.txt", "Geen budget 💶".encode())]
    )
    path = tmp_path / "goed.qdpx"
    path.write_bytes(data)
    with SafeZip(path) as archive:
        assert archive.find("SOURCES/één.txt") == "sources/één.txt"
        assert archive.read("sources/één.txt").decode() == "Geen budget 💶"
        written = archive.extract_all(tmp_path / "uit")
    assert [p.relative_to(tmp_path / "uit").as_posix() for p in written] == [
        "project.qde",
        "sources/één.txt",
    ]


def test_not_a_zip_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "kapot.qdpx"
    path.write_bytes(b"dit is geen zip")
    with pytest.raises(InputError, match="not a readable zip"):
        read_qdpx(path)
