"""Reading REFI-QDA projects (``.qdpx``) made by textcode or by NVivo, ATLAS.ti, MAXQDA or
QualCoder into textcode's tables: the answers, the codings, and the codebook.

Accepted: a ``.qde`` of any name (ATLAS.ti names it after the project), ``Sources/`` or
``sources/``, ``internal://`` and ``relative://`` paths (never ``absolute://`` or ``file://``:
an import reads nothing outside the project), inline ``PlainTextContent``, GUIDs in braces or
upper case, one source per answer or per respondent (textcode's ``## question`` sections are
split back into answers; any other source is one answer), BOMs and CRLF. Positions count the
code points of the source text as stored, after a BOM; CRLF then becomes LF in the answer text
and every position after it moves back with it, so ``text[start:end]`` is always the evidence.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any, cast

import pandas as pd

from textcode.codebook import Codebook
from textcode.codebook.questions import group_of
from textcode.errors import InputError, excerpt
from textcode.interop import variables as V
from textcode.interop.naming import slugify
from textcode.interop.refi_codebook import (
    ImportedCodebook,
    codebook_from_nodes,
    find_codes,
    parse_code_nodes,
)
from textcode.interop.textmap import MappedText, normalize_newlines
from textcode.interop.xmlutil import child, children, local_name, normalize_guid, parse_xml
from textcode.parsing.safezip import DEFAULT_LIMITS, SafeZip, ZipLimits

SOURCE_VARIABLES = ("response_id", "question")
_SECTION_RE = re.compile(r"^## (.*)$", re.MULTILINE)
_NAME_SPLIT = re.compile(r"[\s_\-–—:/|.,]+")

CODING_COLUMNS: tuple[str, ...] = (
    "response_id",
    "question",
    "code",
    "start",
    "end",
    "evidence",
    "user",
    "created",
    "source",
    "selection",
)


@dataclass(frozen=True, slots=True)
class RefiProject:
    """A REFI-QDA project as textcode sees it.

    ``answers`` has the columns of :func:`textcode.ingest.read_answers` (``response_id``,
    ``question``, ``text``, then the respondent attributes, typed); ``codings`` has one row per
    coding (:data:`CODING_COLUMNS`) with offsets into the answer's text. Read with a reference
    codebook, ``question`` is its group id (as in suggestions and review ledgers);
    ``question_names`` then holds the project's own name of each (response_id, question) that
    differs from it ("succesfactor_overig").
    """

    name: str
    origin: str
    codebook: Codebook | None
    answers: pd.DataFrame
    codings: pd.DataFrame
    users: tuple[str, ...]
    variables: dict[str, str]
    code_ids: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    question_names: dict[tuple[str, str], str] = field(default_factory=dict)

    def gold(self, users: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """One gold record per answer: ``id``, ``question``, ``text``, ``codes``, ``codings``.

        The shape of ``tests/data/dev_gold_nl.jsonl`` plus the spans behind the codes, and
        ``source_question``, the project's own name of the question, where it differs from the
        codebook's group id in ``question``. ``users`` keeps only those users' codings (default:
        everyone's).
        """
        codings = self.codings
        if users is not None:
            codings = codings[codings["user"].isin(list(users))]
        grouped: dict[tuple[str, str], list[dict[str, Any]]] = {}
        for record in codings.to_dict("records"):
            grouped.setdefault((str(record["response_id"]), str(record["question"])), []).append(
                {
                    "code": record["code"],
                    "start": int(record["start"]),
                    "end": int(record["end"]),
                    "evidence": record["evidence"],
                    "user": record["user"],
                }
            )
        order = {code.id: n for n, code in enumerate(self.codebook.codes)} if self.codebook else {}
        records = []
        for rid, question, text in zip(
            self.answers["response_id"], self.answers["question"], self.answers["text"], strict=True
        ):
            found = grouped.get((rid, question), [])
            codes = sorted({c["code"] for c in found}, key=lambda c: (order.get(c, len(order)), c))
            gold: dict[str, Any] = {"id": rid, "question": question}
            if (rid, question) in self.question_names:
                gold["source_question"] = self.question_names[(rid, question)]
            gold.update(text=text, codes=codes, codings=found)
            records.append(gold)
        return records


class _Container:
    """Where the project's files are: a zip archive, or a folder (a bare ``.qde`` in it)."""

    def __init__(self, path: Path, limits: ZipLimits) -> None:
        self.path = path
        self.limits = limits
        self.zip: SafeZip | None = None
        self.folder: Path | None = None
        if path.is_dir():
            self.folder = path
        elif path.suffix.lower() == ".qde":
            self.folder = path.parent
        else:
            self.zip = SafeZip(path, limits)
        # Where a folder's files must really be: no symbolic link leads out of the project.
        self.root = self.folder.resolve() if self.folder is not None else None

    def close(self) -> None:
        if self.zip is not None:
            self.zip.close()

    def project_file(self) -> tuple[str, bytes]:
        """The name and bytes of the ``.qde``: ``project.qde``, else the only one there is."""
        if self.zip is None and self.path.suffix.lower() == ".qde":
            return self.path.name, self._read_file(self.path)
        if self.zip is not None:
            names = [n for n in self.zip.names if n.lower().endswith(".qde")]
        else:
            assert self.folder is not None
            names = sorted(p.name for p in self.folder.iterdir() if p.suffix.lower() == ".qde")
        if not names:
            raise InputError("no .qde project file inside", path=self.path)
        preferred = [n for n in names if n.replace("\\", "/").lower() == "project.qde"]
        if preferred:
            chosen = preferred[0]
        elif len(names) == 1:
            chosen = names[0]  # ATLAS.ti names it after the project
        else:
            raise InputError(
                f"several .qde files ({', '.join(sorted(names))}) and none is project.qde",
                path=self.path,
            )
        if self.zip is not None:
            return chosen, self.zip.read(chosen)
        assert self.folder is not None
        return chosen, self._read_file(self.folder / chosen, inside=True)

    def _read_file(self, path: Path, *, inside: bool = False) -> bytes:
        """A file's bytes; with ``inside``, only when it really lies in the project folder."""
        if inside and self.root is not None and not path.resolve().is_relative_to(self.root):
            raise InputError(
                "refused: a symbolic link that leads out of the project folder", path=path
            )
        try:
            size = path.stat().st_size
        except OSError as exc:
            raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
        if size > self.limits.max_member_size:
            raise InputError(f"{size:,} bytes is more than the limit", path=path)
        return path.read_bytes()

    def source(self, reference: str) -> bytes | None:
        """The bytes behind a ``plainTextPath``; None when it is not inside the project."""
        scheme, _, rest = reference.partition("://")
        if not rest:
            scheme, rest = "relative", reference
        scheme = scheme.lower()
        if scheme == "internal":
            candidates = [f"sources/{rest}", rest]
        elif scheme == "relative":
            candidates = [rest, f"sources/{rest}"]
        else:
            return None  # absolute:// and file:// point outside the project: never followed
        for candidate in candidates:
            if self.zip is not None:
                member = self.zip.find(candidate)
                if member is not None:
                    return self.zip.read(member)
            else:
                found = self._find_in_folder(candidate)
                if found is not None:
                    return self._read_file(found, inside=True)
        return None

    def _find_in_folder(self, relative: str) -> Path | None:
        assert self.folder is not None
        parts = [p for p in relative.replace("\\", "/").split("/") if p not in ("", ".")]
        if ".." in parts:
            return None
        current = self.folder
        for part in parts:
            if not current.is_dir():
                return None
            match = next((p for p in current.iterdir() if p.name.lower() == part.lower()), None)
            if match is None:
                return None
            current = match
        return current if current.is_file() else None


def _decode_source(data: bytes, where: str) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"source text is not UTF-8 ({exc.reason})", path=where) from None


@dataclass(slots=True)
class _Answer:
    response_id: str
    question: str  # the reference codebook's group id when it knows the question
    text: str
    offset: int  # where the text starts in its source
    attributes: dict[str, Any] = field(default_factory=dict)
    name: str = ""  # the question as the project names it
    source: str = ""  # the source it came from


def split_sections(text: str) -> list[tuple[str, int, int]] | None:
    """textcode's respondent sections as (question, body start, body end), or None.

    A source is sectioned when it starts with a line ``## <question>``; each body ends with
    ``\\n`` and a blank line separates sections.
    """
    if not text.startswith("## "):
        return None
    matches = list(_SECTION_RE.finditer(text))
    result = []
    for n, match in enumerate(matches):
        body_start = min(match.end() + 1, len(text))
        body_end = matches[n + 1].start() if n + 1 < len(matches) else len(text)
        body = text[body_start:body_end]
        last = n + 1 == len(matches)
        trim = 2 if not last and body.endswith("\n\n") else 1 if body.endswith("\n") else 0
        result.append((match.group(1).strip(), body_start, body_end - trim))
    return result


def _ref(parent: ET.Element, name: str) -> str | None:
    ref = child(parent, name)
    return normalize_guid(ref.get("targetGUID")) if ref is not None else None


class _Reader:
    """One pass over a project's XML, collecting answers, codings and warnings."""

    def __init__(self, container: _Container, reference: Codebook | None) -> None:
        self.container = container
        self.reference = reference
        self.where = str(container.path)
        self.warnings: list[str] = []
        self.users: dict[str, str] = {}
        self.variables: dict[str, tuple[str, str]] = {}  # guid -> (name, type)
        self.code_ids: dict[str, str] = {}
        self.answers: list[_Answer] = []
        self.codings: list[dict[str, Any]] = []
        # Sources as read, by their path: a file that many sources point at is decoded once.
        self.texts: dict[str, str | None] = {}
        # Characters of source text taken into answers, each source counted as often as it is
        # read: what a project expands to, whatever its members claim (see _count).
        self.expanded = 0

    def read(self) -> RefiProject:
        qde_name, data = self.container.project_file()
        where = f"{self.where}:{qde_name}" if self.container.zip is not None else self.where
        root = parse_xml(data, source=where)
        if local_name(root.tag) != "Project":
            raise InputError(f"the root is <{local_name(root.tag)}>, not <Project>", path=where)
        for user in children(child(root, "Users"), "User"):
            guid = normalize_guid(user.get("guid"))
            if guid:
                self.users[guid] = user.get("name") or user.get("id") or guid
        imported = self._codebook(root)
        for variable in children(child(root, "Variables"), "Variable"):
            guid = normalize_guid(variable.get("guid"))
            kind = variable.get("typeOfVariable") or "Text"
            if guid:
                name = variable.get("name") or guid
                self.variables[guid] = (name, kind if kind in V.VARIABLE_TYPES else "Text")
        cases: dict[str, tuple[str, dict[str, Any]]] = {}
        for case in children(child(root, "Cases"), "Case"):
            case_name = case.get("name") or normalize_guid(case.get("guid")) or ""
            values = self._values(case)
            for ref in children(case, "SourceRef"):
                guid = normalize_guid(ref.get("targetGUID"))
                if guid and guid not in cases:
                    cases[guid] = (case_name, values)
        for source_el in children(child(root, "Sources"), "TextSource"):
            self._source(source_el, cases)
        codings = pd.DataFrame(self.codings, columns=list(CODING_COLUMNS))
        codings = codings.astype({"start": "int64", "end": "int64"})
        return RefiProject(
            question_names=self._question_names(),
            name=root.get("name") or "",
            origin=root.get("origin") or "",
            codebook=imported.codebook if imported else None,
            answers=self._answers_frame(),
            codings=codings,
            users=tuple(sorted(set(self.users.values()) | set(codings["user"]))),
            variables=dict(self.variables.values()),
            code_ids=dict(self.code_ids),
            warnings=tuple(self.warnings),
        )

    def _codebook(self, root: ET.Element) -> ImportedCodebook | None:
        codes_el = find_codes(root)
        if codes_el is None or not len(codes_el):
            return None
        reference = self.reference
        imported = codebook_from_nodes(
            parse_code_nodes(codes_el, source=self.where),
            codebook_id=reference.id if reference else slugify(root.get("name") or "project"),
            title=root.get("name") or "",
            language=reference.language if reference else "nl",
            reference=reference,
        )
        self.warnings.extend(imported.warnings)
        self.code_ids = dict(imported.code_ids)
        return imported

    def _values(self, parent: ET.Element) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for value_el in children(parent, "VariableValue"):
            guid = _ref(value_el, "VariableRef")
            if guid is None or guid not in self.variables:
                continue
            name = self.variables[guid][0]
            holder = next((c for c in value_el if local_name(c.tag) in V.ELEMENT_TYPES), None)
            if holder is not None:
                values[name] = V.parse_value(V.ELEMENT_TYPES[local_name(holder.tag)], holder.text)
        return values

    def _text(self, source_el: ET.Element, name: str) -> str | None:
        content = child(source_el, "PlainTextContent")
        if content is not None:
            return content.text or ""
        path = source_el.get("plainTextPath")
        if not path:
            return None
        if path not in self.texts:
            blob = self.container.source(path)
            where = f"{self.where}:{path}"
            self.texts[path] = None if blob is None else _decode_source(blob, where)
        return self.texts[path]

    def _count(self, text: str, name: str) -> None:
        """Refuse a project whose sources expand to more text than a project may hold: 3,000
        sources that all point at one large file would otherwise write gigabytes."""
        self.expanded += len(text)
        limit = self.container.limits.max_total_size
        if self.expanded > limit:
            raise InputError(
                f"refused: the sources expand to more than {limit:,} characters of text (the "
                f"same text read again and again?); source {excerpt(name)!r} went past it",
                path=self.where,
            )

    def _source(self, source_el: ET.Element, cases: dict[str, tuple[str, dict[str, Any]]]) -> None:
        guid = normalize_guid(source_el.get("guid")) or ""
        name = source_el.get("name") or guid
        raw = self._text(source_el, name)
        if raw is None:
            self.warnings.append(f"source {name!r}: no plain text inside the project; left out")
            return
        stored = raw[1:] if raw.startswith("\ufeff") else raw
        self._count(stored, name)
        view = normalize_newlines(stored)
        text = view.text
        values = self._values(source_el)
        case_name, case_values = cases.get(guid, ("", {}))
        rid = values.pop("response_id", None) or case_name
        question = values.pop("question", None)
        sections = split_sections(text) if question is None else None
        if sections:
            rid = str(rid or name)
            answers = [
                _Answer(rid, self._group(q), text[s:e], s, dict(case_values), q, name)
                for q, s, e in sections
            ]
        else:
            if question is None:
                question, rest = self._question_from_name(name)
                rid = rid or rest
            rid = str(rid or name)
            raw = str(question)
            answers = [
                _Answer(rid, self._group(raw), text, 0, {**case_values, **values}, raw, name)
            ]
        self.answers.extend(answers)
        for selection in children(source_el, "PlainTextSelection"):
            try:
                start = int(selection.get("startPosition", ""))
                end = int(selection.get("endPosition", ""))
            except ValueError:
                self.warnings.append(f"source {name!r}: a selection without positions; left out")
                continue
            for coding in children(selection, "Coding"):
                user = normalize_guid(coding.get("creatingUser")) or normalize_guid(
                    selection.get("creatingUser")
                )
                created = coding.get("creationDateTime") or selection.get("creationDateTime")
                self._place(
                    name, view, answers, start, end, _ref(coding, "CodeRef"), user, created,
                    normalize_guid(selection.get("guid")) or "",
                )  # fmt: skip
        for coding in children(source_el, "Coding"):  # the whole source coded
            self._place(
                name, view, answers, 0, len(stored), _ref(coding, "CodeRef"),
                normalize_guid(coding.get("creatingUser")), coding.get("creationDateTime"), "",
            )  # fmt: skip

    def _group(self, question: str) -> str:
        """The reference codebook's group id for a question name, so that gold files and
        decisions join with suggestions and ledgers; the name itself without a reference."""
        return group_of(question, self.reference)

    def _question_names(self) -> dict[tuple[str, str], str]:
        """(response_id, group id) -> the project's name of the question, where they differ.

        Two questions of one respondent that are one group ("belemmeringen" and "knelpunten")
        would mix their codings in one gold record: refused, as the coder refuses them.
        """
        names: dict[tuple[str, str], _Answer] = {}
        for answer in self.answers:
            key = (answer.response_id, answer.question)
            first = names.setdefault(key, answer)
            if first.name != answer.name:
                raise InputError(
                    f"respondent {key[0]!r} answers codebook group {key[1]!r} twice, in "
                    f"questions {first.name!r} (source {first.source!r}) and {answer.name!r} "
                    f"(source {answer.source!r}); import with a codebook that gives them "
                    "their own groups",
                    path=self.where,
                    field="question",
                )
        return {key: a.name for key, a in names.items() if a.name and a.name != key[1]}

    def _question_from_name(self, name: str) -> tuple[str, str]:
        """The question a source is about when only its name says so ("R01 - belemmering").

        Needs the reference codebook: a trailing part of the name that is a group id, alias or
        question is the question (its group id follows from it), and what precedes it is taken
        as the respondent. Otherwise the question stays unknown ("").
        """
        if self.reference is None:
            return "", ""
        parts = [p for p in _NAME_SPLIT.split(name) if p]
        for i in range(len(parts)):
            question = " ".join(parts[i:])
            if self.reference.group_for_question(question) is not None:
                return question, " ".join(parts[:i])
        return "", ""

    def _place(
        self,
        source: str,
        view: MappedText,
        answers: list[_Answer],
        start: int,
        end: int,
        code_guid: str | None,
        user_guid: str | None,
        created: str | None,
        selection: str,
    ) -> None:
        code_id = self.code_ids.get(code_guid or "")
        if code_id is None:
            self.warnings.append(
                f"source {source!r}: a coding of unknown code {code_guid}; left out"
            )
            return
        if not 0 <= start <= end:
            self.warnings.append(f"source {source!r}: positions {start}-{end}; left out")
            return
        start, end = view.map_span(start, end)
        if end > len(view.text):
            self.warnings.append(
                f"source {source!r}: positions {start}-{end} beyond the text ({len(view.text)} "
                "characters); left out"
            )
            return
        user = self.users.get(user_guid or "", user_guid or "")
        placed = False
        for answer in answers:
            lo = max(start, answer.offset)
            hi = min(end, answer.offset + len(answer.text))
            if lo < hi or (
                start == end and answer.offset <= start <= answer.offset + len(answer.text)
            ):
                self.codings.append(
                    {
                        "response_id": answer.response_id,
                        "question": answer.question,
                        "code": code_id,
                        "start": lo - answer.offset,
                        "end": hi - answer.offset,
                        "evidence": answer.text[lo - answer.offset : hi - answer.offset],
                        "user": user,
                        "created": created or "",
                        "source": source,
                        "selection": selection,
                    }
                )
                placed = True
        if not placed:
            self.warnings.append(
                f"source {source!r}: selection {start}-{end} lies in no answer; left out"
            )

    def _answers_frame(self) -> pd.DataFrame:
        kinds = dict(self.variables.values())
        names: list[str] = []
        for answer in self.answers:
            names.extend(n for n in answer.attributes if n not in names)
        frame = pd.DataFrame(
            {
                "response_id": pd.Series([a.response_id for a in self.answers], dtype=object),
                "question": pd.Series([a.question for a in self.answers], dtype=object),
                "text": pd.Series([a.text for a in self.answers], dtype=object),
            }
        )
        for name in names:
            if name in ("response_id", "question", "text"):
                continue
            values = [a.attributes.get(name) for a in self.answers]
            frame[name] = V.column_from_values(kinds.get(name, "Text"), values)
        return frame


def read_qdpx(
    path: str | PathLike[str],
    *,
    reference: Codebook | None = None,
    limits: ZipLimits = DEFAULT_LIMITS,
) -> RefiProject:
    """Read a REFI-QDA project: a ``.qdpx`` archive, a bare ``.qde``, or an unpacked folder.

    ``reference`` is the codebook the project's codes came from: textcode's GUIDs then map back
    to its code ids (codes made in the other tool get ids from their names). The archive is
    checked before anything is decompressed (:mod:`textcode.parsing.safezip`).
    """
    container = _Container(Path(path), limits)
    try:
        return _Reader(container, reference).read()
    finally:
        container.close()


MACHINE_USER = "textcode"
Unit = tuple[str, str, str]  # (response_id, question, code): the unit of a review decision


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return cast(list[dict[str, Any]], frame.to_dict("records"))


def _ledger_entry(
    unit: Unit,
    decision: str,
    row: dict[str, Any],
    theirs: dict[str, Any] | None,
    reviewer: str,
    version: str,
    comment: str,
) -> Any:
    from textcode.records import suggestion_id
    from textcode.review.ledger import LedgerEntry, MachineSuggestion, utc_now

    sid = row.get("suggestion_id")
    if not isinstance(sid, str) or not sid:
        sid = suggestion_id(*unit, int(row["start"]), int(row["end"]))
    created = (theirs or {}).get("created")
    stamp = created if isinstance(created, str) and V.is_xsd_datetime(created) else utc_now()
    proposal = None
    if decision != "add" and isinstance(row.get("rule"), str):
        proposal = MachineSuggestion(
            rule=row["rule"],
            confidence=float(row.get("confidence") or 0.0),
            codebook_version=version,
            start=int(row["start"]),
            end=int(row["end"]),
            evidence=str(row.get("evidence") or ""),
            negated=bool(row.get("negated", False)),
        )
    return LedgerEntry(
        suggestion_id=sid,
        response_id=unit[0],
        question=unit[1],
        code=unit[2],
        decision=decision,
        reviewer=reviewer,
        time=stamp,
        codebook_version=version,
        comment=comment,
        machine=proposal,
    )


def decisions_from_project(
    project: RefiProject,
    suggestions: pd.DataFrame | None = None,
    *,
    codebook: Codebook | None = None,
    source: str = "",
) -> list[Any]:
    """Review-ledger entries (:class:`textcode.review.LedgerEntry`) for the project's coders.

    The unit is the (answer, code) decision, as in :mod:`textcode.review`. The machine's units
    are the ``suggestions`` given, else the codings the user ``textcode`` still holds in the
    project. For each person and each answer they coded anything in: a machine unit they also
    coded, or left standing, is ``accept``; one that is gone is ``reject``; a unit of theirs the
    machine did not have is ``add``.
    """
    book = codebook or project.codebook
    version = book.version if book is not None else ""

    def qid(question: str) -> str:
        return group_of(question, book)

    codings = project.codings.assign(question=[qid(q) for q in project.codings["question"]])
    by_machine = codings[codings["user"] == MACHINE_USER]
    machine: dict[Unit, list[dict[str, Any]]] = {}
    for row in _records(suggestions) if suggestions is not None else _records(by_machine):
        unit = (str(row["response_id"]), qid(str(row["question"])), str(row["code"]))
        machine.setdefault(unit, []).append(row)
    standing = {(r["response_id"], r["question"], r["code"]) for r in _records(by_machine)}
    comment = f"imported from {source}" if source else "imported from a REFI-QDA project"
    entries: list[Any] = []
    human = codings[codings["user"] != MACHINE_USER]
    for user in sorted(set(human["user"])):
        units: dict[Unit, dict[str, Any]] = {}
        for row in _records(human[human["user"] == user]):
            units.setdefault((row["response_id"], row["question"], row["code"]), row)
        touched = {(rid, q) for rid, q, _ in units}
        for unit in sorted(u for u in machine if (u[0], u[1]) in touched):
            decision = "accept" if unit in units or unit in standing else "reject"
            for row in machine[unit]:
                entries.append(
                    _ledger_entry(unit, decision, row, units.get(unit), user, version, comment)
                )
        for unit in sorted(u for u in units if u not in machine):
            entries.append(
                _ledger_entry(unit, "add", units[unit], units[unit], user, version, comment)
            )
    return entries
