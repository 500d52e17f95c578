"""Opening zip files from elsewhere (``.qdpx`` projects, ``.xlsx`` workbooks) without trusting
them.

Everything is checked from the central directory *before* a byte is decompressed: member names
(no absolute paths, no ``..``, no drive letters, no symlinks), the number of members, each
member's claimed size, the claimed total, and the compression ratio of each large member and of
all members together (a few kilobytes that claim gigabytes are a zip bomb). Reading then
enforces the claims: a member that decompresses to more than it claimed is cut off and
reported, so a forged header cannot slip past the limits. Nothing is ever extracted to disk
unless asked, and then only inside the target.
"""

from __future__ import annotations

import io
import stat
import zipfile
from dataclasses import dataclass
from os import PathLike
from pathlib import Path, PurePosixPath
from types import TracebackType

from textcode.errors import InputError

MiB = 1 << 20


@dataclass(frozen=True, slots=True)
class ZipLimits:
    """What a zip may hold. The defaults fit large survey projects with room to spare."""

    max_members: int = 50_000
    max_member_size: int = 256 * MiB
    max_total_size: int = 1024 * MiB
    max_ratio: float = 200.0
    # Below this size a high ratio is harmless (tiny files of repeated text compress well).
    ratio_floor: int = 1 * MiB


DEFAULT_LIMITS = ZipLimits()
# A workbook is one archive of XML: its sheets may be larger than a project's members, but no
# more compressible (a sheet of a million rows compresses about 10 to 1).
WORKBOOK_LIMITS = ZipLimits(max_member_size=1024 * MiB, max_total_size=2048 * MiB)


def _member_problem(info: zipfile.ZipInfo) -> str | None:
    name = info.filename
    if "\x00" in name:
        return "a NUL character in the name"
    posix = name.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return "an absolute path"
    if ".." in PurePosixPath(posix).parts:
        return "a '..' path that points outside the archive"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "a symbolic link"
    if info.flag_bits & 0x1:
        return "encrypted content"
    return None


def _fold(name: str) -> str:
    return name.replace("\\", "/").lstrip("/").casefold()


class SafeZip:
    """A zip archive whose central directory passed the checks of :class:`ZipLimits`."""

    def __init__(
        self,
        path: str | PathLike[str],
        limits: ZipLimits = DEFAULT_LIMITS,
        *,
        data: bytes | None = None,
    ) -> None:
        """The archive at ``path``, or held in ``data`` (then ``path`` only names it)."""
        self.path = Path(path)
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(self.path if data is None else io.BytesIO(data))
        except FileNotFoundError:
            raise InputError("file not found", path=path) from None
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(f"not a readable zip file ({exc})", path=path) from None
        try:
            self._check()
        except BaseException:
            self._zip.close()
            raise
        self.infos = {info.filename: info for info in self._zip.infolist() if not info.is_dir()}
        self._folded: dict[str, str] = {}
        for member in self.infos:
            self._folded.setdefault(_fold(member), member)

    def _error(self, message: str, member: str | None = None) -> InputError:
        return InputError(message, path=self.path, field=member)

    def _check(self) -> None:
        limits = self.limits
        infos = self._zip.infolist()
        if len(infos) > limits.max_members:
            raise self._error(f"{len(infos)} members, more than the limit of {limits.max_members}")
        total = 0
        compressed = 0
        seen: set[str] = set()
        for info in infos:
            problem = _member_problem(info)
            if problem:
                raise self._error(f"refused: member has {problem}", info.filename)
            if info.filename in seen:
                raise self._error("refused: the name occurs twice", info.filename)
            seen.add(info.filename)
            if info.file_size > limits.max_member_size:
                raise self._error(
                    f"refused: member claims {info.file_size:,} bytes, more than the limit of "
                    f"{limits.max_member_size:,}",
                    info.filename,
                )
            total += info.file_size
            compressed += info.compress_size
            if info.file_size > limits.ratio_floor:
                ratio = info.file_size / max(info.compress_size, 1)
                if ratio > limits.max_ratio:
                    raise self._error(
                        f"refused: compression ratio {ratio:,.0f} to 1 (a zip bomb?); the limit "
                        f"is {limits.max_ratio:g}",
                        info.filename,
                    )
        if total > limits.max_total_size:
            raise self._error(
                f"refused: members claim {total:,} bytes in all, more than the limit of "
                f"{limits.max_total_size:,}"
            )
        # Many members just under the floor add up to a bomb as well.
        if total > limits.ratio_floor:
            ratio = total / max(compressed, 1)
            if ratio > limits.max_ratio:
                raise self._error(
                    f"refused: the members' compression ratio is {ratio:,.0f} to 1 in all (a "
                    f"zip bomb?); the limit is {limits.max_ratio:g}"
                )

    def __enter__(self) -> SafeZip:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._zip.close()

    @property
    def names(self) -> list[str]:
        """Member file names (no folders), in archive order."""
        return list(self.infos)

    def find(self, name: str) -> str | None:
        """The member called ``name``, matched without regard to case or slash direction."""
        return self._folded.get(_fold(name))

    def read(self, name: str) -> bytes:
        """A member's bytes, never more than it claimed (and than the member limit)."""
        info = self.infos.get(name)
        if info is None:
            raise self._error("no such member in the archive", name)
        cap = min(info.file_size, self.limits.max_member_size)
        chunks: list[bytes] = []
        size = 0
        try:
            with self._zip.open(info) as handle:
                while chunk := handle.read(min(MiB, cap + 1 - size)):
                    size += len(chunk)
                    if size > cap:
                        raise self._error(
                            f"refused: member decompresses to more than the {cap:,} bytes "
                            "it claims",
                            name,
                        )
                    chunks.append(chunk)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
            raise self._error(f"damaged member ({exc})", name) from None
        except NotImplementedError as exc:
            raise self._error(f"unsupported compression ({exc})", name) from None
        return b"".join(chunks)

    def extract_all(self, target: str | PathLike[str]) -> list[Path]:
        """Extract every member under ``target`` (created), reading each through :meth:`read`."""
        root = Path(target).resolve()
        written: list[Path] = []
        for name in self.infos:
            destination = (root / name.replace("\\", "/")).resolve()
            if not destination.is_relative_to(root):
                raise self._error("refused: member would be written outside the target", name)
            destination.parent.mkdir(parents=True, exist_ok=True)
            destination.write_bytes(self.read(name))
            written.append(destination)
        return written


# The fixed time stamp of every member textcode writes (the earliest a zip can hold): the same
# content then gives the same archive bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def deterministic_zip(members: list[tuple[str, bytes]]) -> bytes:
    """A deflated zip of ``(name, data)`` members in the order given, with fixed metadata."""
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, whatever the platform, so the bytes do not vary
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return buffer.getvalue()
