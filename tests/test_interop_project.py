"""REFI-QDA projects (.qdpx): schema validity, exact offsets, round trips, review decisions."""

from __future__ import annotations

import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import xmlschema

from textcode.codebook import load_codebook
from textcode.errors import InputError, UsageError
from textcode.interop.refi_project import build_qdpx, export_qdpx, read_qdpx, split_sections
from textcode.interop.refi_project_import import RefiProject

DATA = Path(__file__).parent / "data" / "interop"
GOLD = Path(__file__).parent / "data" / "dev_gold_nl.jsonl"
EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?<![\w-])(?:\+31|0031|0)[\s-]?\d(?:[\s-]?\d){7,9}(?![\w-])")
GUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")

# Answers of our own beside the real ones: emoji (two UTF-16 units, one code point), a
# composed and a decomposed "ë", a Windows line break, and personal data for redaction.
OWN_ANSWERS = [
    ("r90", "belemmering", "💶💶 Te weinig budget en geen tijd voor de ideeën 🙈, en de AVG."),
    ("r90", "kennisbehoefte", "Kennis over ide\u0308een, agile werken en scrum 🚀"),
    (
        "r91",
        "belemmering",
        "Eerste punt: onvoldoende financiering.\r\nTweede punt: capaciteit en tijd.",
    ),
    (
        "r91",
        "kennisbehoefte",
        "Mail jan.devries@example.nl of bel 06-12345678 over juridische kennis en de AVG.",
    ),
]


def _answers() -> pd.DataFrame:
    """Real Dutch answers (the dev set) regrouped into respondents with three questions each."""
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    by_question: dict[str, list[str]] = {}
    for row in rows:
        by_question.setdefault(row["question"], []).append(row["text"])
    records = []
    for n in range(15):
        rid = f"r{n + 1:02d}"
        for question in ("kennisbehoefte", "succesfactor", "belemmering"):
            records.append((rid, question, by_question[question][n]))
    records.extend(OWN_ANSWERS)
    frame = pd.DataFrame(records, columns=["response_id", "question", "text"])
    respondents = list(dict.fromkeys(frame["response_id"]))
    types = ["Veiligheidsregio", "Politie", "IFV", "Vitale sector", "Ministerie"]
    per_respondent = {
        rid: {
            "organisatietype": types[i % len(types)],
            "aantal_projecten": i % 4 + 1,
            "budget_keuro": [12.5, 0.00001, 250.0, None][i % 4],
            "landelijk": i % 3 == 0,
            "startdatum": pd.Timestamp(2020, 1 + i % 12, 1 + i % 28),
        }
        for i, rid in enumerate(respondents)
    }
    for column in (
        "organisatietype",
        "aantal_projecten",
        "budget_keuro",
        "landelijk",
        "startdatum",
    ):
        frame[column] = [per_respondent[rid][column] for rid in frame["response_id"]]
    frame["budget_keuro"] = frame["budget_keuro"].astype("float64")
    frame["startdatum"] = pd.to_datetime(frame["startdatum"])
    return frame


@pytest.fixture(scope="module")
def codebook():  # type: ignore[no-untyped-def]
    return load_codebook()  # the shipped survey codebook


@pytest.fixture(scope="module")
def answers() -> pd.DataFrame:
    return _answers()


@pytest.fixture(scope="module")
def suggestions(codebook, answers) -> pd.DataFrame:  # type: ignore[no-untyped-def]
    import textcode.coding as coding

    found = coding.Coder(codebook).suggest(answers)
    assert len(found) >= 40 and found["response_id"].isin(["r90", "r91"]).any()
    return found


@pytest.fixture(scope="module")
def project_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(DATA / "Project.xsd"))


def _open(data: bytes) -> tuple[str, dict[str, str]]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    qde = archive.read("project.qde").decode("utf-8")
    texts = {
        name: archive.read(name).decode("utf-8")
        for name in archive.namelist()
        if name.startswith("sources/")
    }
    return qde, texts


def _coded_spans(qde: str, texts: dict[str, str]) -> list[tuple[str, int, int, str]]:
    """(source file, start, end, text there) for every selection in the exported project."""
    ns = "{urn:QDA-XML:project:1.0}"
    root = __import__("xml.etree.ElementTree", fromlist=["x"]).fromstring(qde)
    spans = []
    for source in root.iter(f"{ns}TextSource"):
        name = "sources/" + source.get("plainTextPath").removeprefix("internal://")
        for selection in source.findall(f"{ns}PlainTextSelection"):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            spans.append((name, start, end, texts[name][start:end]))
    return spans


@pytest.mark.parametrize("per", ["answer", "respondent"])
def test_export_validates_and_every_coding_covers_its_evidence(  # type: ignore[no-untyped-def]
    per, answers, suggestions, codebook, project_schema
) -> None:
    data, summary = build_qdpx(answers, suggestions, codebook, per=per, redact=False)
    qde, texts = _open(data)
    project_schema.validate(qde)
    assert summary.codings == len(suggestions)
    assert summary.cases == answers["response_id"].nunique()
    assert summary.sources == (len(answers) if per == "answer" else summary.cases)
    spans = _coded_spans(qde, texts)
    assert len(spans) == len(suggestions)
    evidence = sorted(e.replace("\r\n", "\n") for e in suggestions["evidence"])
    assert sorted(text for *_, text in spans) == evidence
    # Files are UTF-8 without BOM with LF only, including the answer that had CRLF.
    assert all("\r" not in t and not t.startswith("\ufeff") for t in texts.values())


def test_offsets_count_code_points_emoji_and_diaeresis(answers, codebook) -> None:  # type: ignore[no-untyped-def]
    text = OWN_ANSWERS[0][2]
    start = text.index("budget")
    assert start == 13  # two emoji are two code points (four UTF-16 units, eight UTF-8 bytes)
    decomposed = OWN_ANSWERS[1][2]
    idee = decomposed.index("ide\u0308een")
    hand_made = pd.DataFrame(
        [
            {
                "response_id": "r90",
                "question": "belemmering",
                "code": "belemmering.financiering",
                "start": start,
                "end": start + 6,
                "evidence": "budget",
            },
            {
                "response_id": "r90",
                "question": "belemmering",
                "code": "kennisbehoefte.innovatieproces",
                "start": text.index("ideeën 🙈"),
                "end": text.index("ideeën 🙈") + 8,
                "evidence": "ideeën 🙈",
            },
            {
                "response_id": "r90",
                "question": "kennisbehoefte",
                "code": "kennisbehoefte.innovatieproces",
                "start": idee,
                "end": idee + 7,
                "evidence": "ide\u0308een",
            },
        ]
    )
    data, _ = build_qdpx(answers, hand_made, codebook, redact=False)
    qde, texts = _open(data)
    spans = _coded_spans(qde, texts)
    assert sorted(t for *_, t in spans) == sorted(hand_made["evidence"])
    assert (13, 19) in {(s, e) for _, s, e, _ in spans}
    assert 'startPosition="13" endPosition="19"' in qde


def test_export_is_byte_identical(answers, suggestions, codebook, tmp_path) -> None:  # type: ignore[no-untyped-def]
    first = export_qdpx(
        answers, suggestions, codebook, tmp_path / "a.qdpx", redact=False, name="enquete"
    )
    export_qdpx(
        answers.copy(),
        suggestions.copy(),
        codebook,
        tmp_path / "b.qdpx",
        redact=False,
        name="enquete",
    )
    assert (tmp_path / "a.qdpx").read_bytes() == (tmp_path / "b.qdpx").read_bytes()
    assert first.path == str(tmp_path / "a.qdpx")
    names = zipfile.ZipFile(tmp_path / "a.qdpx").namelist()
    assert names[0] == "project.qde" and all(n.startswith("sources/") for n in names[1:])


def _normalized(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    out["text"] = out["text"].str.replace("\r\n", "\n")
    return out.reset_index(drop=True)


@pytest.mark.parametrize("per", ["answer", "respondent"])
def test_round_trip_keeps_cases_variables_sources_codes_codings(  # type: ignore[no-untyped-def]
    per, answers, suggestions, codebook, tmp_path
) -> None:
    path = tmp_path / f"ronde_{per}.qdpx"
    export_qdpx(answers, suggestions, codebook, path, per=per, redact=False)
    project = read_qdpx(path, reference=codebook)
    assert project.warnings == ()
    # Codes: the same ids, labels and groups.
    assert [c.id for c in project.codebook.codes] == [c.id for c in codebook.codes]
    assert [c.label for c in project.codebook.codes] == [c.label for c in codebook.codes]
    # Cases, sources and variables: the answers table comes back, typed.
    assert project.variables == {
        "organisatietype": "Text",
        "aantal_projecten": "Integer",
        "budget_keuro": "Float",
        "landelijk": "Boolean",
        "startdatum": "Date",
        "response_id": "Text",
        **({"question": "Text"} if per == "answer" else {}),
    }
    pd.testing.assert_frame_equal(
        project.answers, _normalized(answers), check_dtype=False, check_exact=False
    )
    assert str(project.answers["aantal_projecten"].dtype) == "Int64"
    assert project.answers.loc[0, "budget_keuro"] == 12.5
    # Codings: every suggestion, at its span, with its evidence, by textcode.
    expected = {
        (r.response_id, r.question, r.code, r.start, r.end, r.evidence.replace("\r\n", "\n"))
        for r in suggestions.itertuples()
    }
    crlf = suggestions["evidence"].str.contains("\r").sum()
    assert crlf == 0  # spans after the CRLF moved, none straddles it
    got = {
        (r.response_id, r.question, r.code, r.start, r.end, r.evidence)
        for r in project.codings.itertuples()
    }
    assert got == {
        (rid, q, c, *_shift_crlf(answers, rid, q, s, e), ev) for rid, q, c, s, e, ev in expected
    }
    assert set(project.codings["user"]) == {"textcode"}
    for record in project.codings.itertuples():
        text = project.answers.loc[
            (project.answers["response_id"] == record.response_id)
            & (project.answers["question"] == record.question),
            "text",
        ].item()
        assert text[record.start : record.end] == record.evidence


def _shift_crlf(
    answers: pd.DataFrame, rid: str, question: str, start: int, end: int
) -> tuple[int, int]:
    text = answers.loc[
        (answers["response_id"] == rid) & (answers["question"] == question), "text"
    ].item()
    return start - text[:start].count("\r\n"), end - text[:end].count("\r\n")


def test_gold_records_have_the_dev_set_shape(answers, suggestions, codebook, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "gold.qdpx"
    export_qdpx(answers, suggestions, codebook, path, redact=False)
    gold = read_qdpx(path, reference=codebook).gold()
    assert len(gold) == len(answers)
    by_key = {(g["id"], g["question"]): g for g in gold}
    record = by_key[("r90", "belemmering")]
    assert set(record) == {"id", "question", "text", "codes", "codings"}
    assert "belemmering.financiering" in record["codes"]
    assert all(c["user"] == "textcode" for c in record["codings"])
    expected = suggestions.groupby(["response_id", "question"])["code"].nunique().sum()
    assert sum(len(g["codes"]) for g in gold) == expected


@dataclass(frozen=True)
class _FakeRedaction:
    """A stand-in for textcode.privacy's Redaction: e-mail and phone become placeholders."""

    original: str

    def _hits(self) -> list[tuple[int, int, str]]:
        hits = [(m.start(), m.end(), "[E-MAIL]") for m in EMAIL.finditer(self.original)]
        hits += [(m.start(), m.end(), "[TELEFOON]") for m in PHONE.finditer(self.original)]
        return sorted(hits)

    @property
    def text(self) -> str:
        out, last = [], 0
        for start, end, placeholder in self._hits():
            out += [self.original[last:start], placeholder]
            last = end
        return "".join([*out, self.original[last:]])

    def map_span(self, start: int, end: int) -> tuple[int, int]:
        def move(position: int) -> int:
            shift = 0
            for s, e, placeholder in self._hits():
                if e <= position:
                    shift += len(placeholder) - (e - s)
            return position + shift

        return move(start), move(end)


def test_redaction_removes_personal_data_and_keeps_offsets(answers, suggestions, codebook) -> None:  # type: ignore[no-untyped-def]
    frame = answers.copy()
    frame["contact"] = [
        "info@veiligheidsregio.nl" if r == "r01" else "" for r in frame["response_id"]
    ]
    data, summary = build_qdpx(frame, suggestions, codebook, redact=_FakeRedaction)
    assert summary.redacted
    qde, texts = _open(data)
    everything = GUID.sub("", qde) + "".join(texts.values())
    assert not EMAIL.search(everything) and not PHONE.search(everything)
    assert "[E-MAIL]" in everything and "[TELEFOON]" in everything
    # The coding after the redacted address and phone number still covers its evidence.
    after = suggestions[
        (suggestions["response_id"] == "r91") & (suggestions["question"] == "kennisbehoefte")
    ]
    assert len(after) >= 1
    spans = _coded_spans(qde, texts)
    assert sorted(t for *_, t in spans) == sorted(
        e.replace("\r\n", "\n") for e in suggestions["evidence"]
    )


def test_real_redaction_removes_contact_data_and_keeps_evidence(  # type: ignore[no-untyped-def]
    answers, suggestions, codebook
) -> None:
    data, summary = build_qdpx(answers, suggestions, codebook)  # redaction is the default
    assert summary.redacted
    qde, texts = _open(data)
    everything = GUID.sub("", qde) + "".join(texts.values())
    assert not EMAIL.search(everything) and not PHONE.search(everything)
    assert "jan.devries" not in everything and "12345678" not in everything
    spans = _coded_spans(qde, texts)
    assert sorted(t for *_, t in spans) == sorted(
        e.replace("\r\n", "\n") for e in suggestions["evidence"]
    )


def test_review_decisions_pick_the_creating_user(  # type: ignore[no-untyped-def]
    answers, suggestions, codebook, tmp_path, project_schema
) -> None:
    import textcode.review.ledger as review

    ledger = review.Ledger(tmp_path / "besluiten.jsonl")
    rows = suggestions.to_dict("records")
    first, second = rows[0], rows[1]

    def entry(row, decision, reviewer):  # type: ignore[no-untyped-def]
        return review.LedgerEntry(
            row["suggestion_id"], row["response_id"], row["question"], row["code"], decision,
            reviewer, time="2024-05-01T09:30:00.000Z",
        )  # fmt: skip

    ledger.append_many(
        [
            entry(first, "accept", "anna"),
            entry(second, "reject", "anna"),
            entry(second, "accept", "bram"),
            review.LedgerEntry(
                "add-1", "r02", "belemmering", "belemmering.capaciteit_tijd", "add", "bram"
            ),
        ]
    )
    decisions = review.replay(ledger)
    data, summary = build_qdpx(answers, suggestions, codebook, decisions=decisions, redact=False)
    project_schema.validate(_open(data)[0])
    assert summary.users == ("textcode", "anna", "bram")
    project_path = tmp_path / "review.qdpx"
    project_path.write_bytes(data)
    project = read_qdpx(project_path, reference=codebook)
    codings = project.codings
    by_user = codings.groupby("user").size().to_dict()
    assert by_user == {"anna": 1, "bram": 2, "textcode": len(suggestions) - 2}
    added = codings[
        (codings["user"] == "bram") & (codings["code"] == "belemmering.capaciteit_tijd")
    ]
    r02 = answers[(answers["response_id"] == "r02") & (answers["question"] == "belemmering")]
    assert added["evidence"].item() == r02["text"].item()  # no span: the whole answer
    assert "2024-05-01T09:30:00.000Z" in zipfile.ZipFile(project_path).read("project.qde").decode()
    only, summary = build_qdpx(
        answers, suggestions, codebook, decisions=decisions, only_accepted=True, redact=False
    )
    assert summary.codings == 3 and summary.users == ("textcode", "anna", "bram")
    (tmp_path / "only.qdpx").write_bytes(only)
    assert set(read_qdpx(tmp_path / "only.qdpx", reference=codebook).codings["user"]) == {
        "anna",
        "bram",
    }
    with pytest.raises(UsageError):
        build_qdpx(answers, suggestions, codebook, only_accepted=True, redact=False)


def test_suggestions_that_do_not_fit_the_answers_are_refused(answers, codebook) -> None:  # type: ignore[no-untyped-def]
    wrong = pd.DataFrame(
        [{"response_id": "r01", "question": "belemmering", "code": "belemmering.financiering",
          "start": 0, "end": 3, "evidence": "geld!"}]
    )  # fmt: skip
    with pytest.raises(InputError, match="the evidence is not the answer's text") as info:
        build_qdpx(answers, wrong, codebook, redact=False)
    assert info.value.row == 1 and info.value.field == "evidence"
    unknown = wrong.assign(code="belemmering.onbekend", evidence=None)
    with pytest.raises(InputError, match="not in the codebook"):
        build_qdpx(answers, unknown, codebook, redact=False)


def test_respondent_sections_split_back() -> None:
    text = "## kennisbehoefte\nAgile werken\n\n## belemmering\nGeen budget\nen geen tijd\n"
    sections = split_sections(text)
    assert [(q, text[s:e]) for q, s, e in sections] == [
        ("kennisbehoefte", "Agile werken"),
        ("belemmering", "Geen budget\nen geen tijd"),
    ]
    assert split_sections("Gewoon een antwoord") is None


def test_project_type_is_importable_from_the_package() -> None:
    assert RefiProject.__name__ == "RefiProject"


def test_decisions_come_back_from_a_project_coded_elsewhere(  # type: ignore[no-untyped-def]
    answers, suggestions, codebook, tmp_path
) -> None:
    import textcode.review.ledger as review
    from textcode.interop.refi_project_import import decisions_from_project

    # Anna works in another tool on the answer of the first suggestion: she keeps it, drops
    # the machine's other codes there and adds one of her own.
    first = suggestions.iloc[0]
    same_answer = suggestions[
        (suggestions["response_id"] == first["response_id"])
        & (suggestions["question"] == first["question"])
    ]
    machine_codes = set(same_answer["code"])
    own = next(
        c.id for c in codebook.codes_for_question(first["question"]) if c.id not in machine_codes
    )
    ledger = review.Ledger(tmp_path / "anna.jsonl")
    ledger.append_many(
        [
            review.LedgerEntry(
                first["suggestion_id"], first["response_id"], first["question"], first["code"],
                "accept", "anna",
            ),
            review.LedgerEntry(
                "anna-1", first["response_id"], first["question"], own, "add", "anna"
            ),
        ]
    )  # fmt: skip
    data, _ = build_qdpx(
        answers, suggestions, codebook, decisions=review.replay(ledger), only_accepted=True,
        redact=False,
    )  # fmt: skip
    path = tmp_path / "anna.qdpx"
    path.write_bytes(data)
    project = read_qdpx(path, reference=codebook)
    entries = decisions_from_project(project, suggestions, codebook=codebook, source="anna.qdpx")
    back = review.Ledger(tmp_path / "terug.jsonl")
    back.append_many(entries)
    state = review.replay(back)
    decided = {(r.code, r.decision) for r in state.itertuples()}
    assert (first["code"], "accept") in decided
    assert (own, "add") in decided
    assert {c for c, d in decided if d == "reject"} == machine_codes - {first["code"]}
    assert set(state["reviewer"]) == {"anna"}
    assert set(state["response_id"]) == {first["response_id"]}
    assert all(e.comment == "imported from anna.qdpx" for e in entries)
    accepted = state[state["decision"] == "accept"]
    assert first["evidence"] in accepted["evidence"].tolist()  # the machine's proposal kept


def test_attributes_that_differ_within_a_respondent_stay_on_the_answers(  # type: ignore[no-untyped-def]
    answers, codebook, tmp_path
) -> None:
    frame = answers.copy()
    frame["vraagnummer"] = frame.groupby("response_id").cumcount() + 1  # differs per answer
    path = tmp_path / "per_antwoord.qdpx"
    summary = export_qdpx(frame, None, codebook, path, redact=False)
    assert summary.codings == 0 and summary.warnings == ()
    assert "vraagnummer" in summary.variables
    back = read_qdpx(path, reference=codebook).answers
    assert back["vraagnummer"].tolist() == frame["vraagnummer"].tolist()
    assert str(back["vraagnummer"].dtype) == "Int64"
    # One source per respondent cannot hold them: said, not dropped silently.
    _, summary = build_qdpx(frame, None, codebook, per="respondent", redact=False)
    assert "vraagnummer" not in summary.variables
    assert any("vraagnummer" in w and "per='answer'" in w for w in summary.warnings)


def test_redaction_offsets_hold_in_respondent_sources(answers, suggestions, codebook) -> None:  # type: ignore[no-untyped-def]
    data, _ = build_qdpx(answers, suggestions, codebook, per="respondent", redact=_FakeRedaction)
    qde, texts = _open(data)
    everything = "".join(texts.values())
    assert not EMAIL.search(everything) and "[TELEFOON]" in everything
    spans = _coded_spans(qde, texts)
    assert sorted(t for *_, t in spans) == sorted(
        e.replace("\r\n", "\n") for e in suggestions["evidence"]
    )


def test_one_group_answered_twice_is_refused_naming_the_input_file(  # type: ignore[no-untyped-def]
    codebook, tmp_path
) -> None:
    from textcode.ingest import read_answers

    source = tmp_path / "knelpunten.csv"
    source.write_text(
        "id,vraag,tekst\n"
        "1,belemmeringen,Te weinig budget voor het project\n"
        "1,knelpunten,Geen tijd naast het gewone werk\n",
        encoding="utf-8",
    )
    answers = read_answers(source, id_column="id", question_column="vraag")
    with pytest.raises(InputError) as caught:
        export_qdpx(answers, None, codebook, tmp_path / "x.qdpx")
    assert caught.value.path == str(source)
    assert "'belemmeringen'" in caught.value.reason and "'knelpunten'" in caught.value.reason
    assert "respondent '1'" in caught.value.reason
    # A table made in Python has no file to name: the message still says which answers.
    with pytest.raises(InputError, match="'belemmeringen' and 'knelpunten'") as caught:
        build_qdpx(
            pd.DataFrame(answers[["response_id", "question", "text"]].to_dict("list")),
            None,
            codebook,
        )
    assert caught.value.path is None


@pytest.mark.parametrize("per", ["answer", "respondent"])
def test_import_names_questions_by_codebook_group(codebook, tmp_path, per) -> None:  # type: ignore[no-untyped-def]
    answers = pd.DataFrame(
        {
            "response_id": ["7", "7", "8"],
            "question": ["succesfactor_overig", "belemmering_overig", "belemmering_overig"],
            "text": [
                "Steun van de directie en voldoende budget",
                "Te weinig tijd naast het gewone werk",
                "Geen structurele financiering",
            ],
        }
    )
    import textcode.coding as coding

    found = coding.Coder(codebook).suggest(answers)
    assert set(found["question"]) == {"succesfactor", "belemmering"}
    path = tmp_path / f"{per}.qdpx"
    export_qdpx(answers, found, codebook, path, per=per, redact=False)
    project = read_qdpx(path, reference=codebook)
    assert list(project.answers["question"]) == ["succesfactor", "belemmering", "belemmering"]
    assert set(project.codings["question"]) == {"succesfactor", "belemmering"}
    gold = project.gold()
    assert [(g["id"], g["question"], g.get("source_question")) for g in gold] == [
        ("7", "succesfactor", "succesfactor_overig"),
        ("7", "belemmering", "belemmering_overig"),
        ("8", "belemmering", "belemmering_overig"),
    ]
    units = {(r.response_id, r.question, r.code) for r in found.itertuples()}
    assert {(g["id"], g["question"], c) for g in gold for c in g["codes"]} == units
    # Without a codebook nothing is known to map to: the names stay as the project has them.
    raw = read_qdpx(path).gold()
    assert [g["question"] for g in raw] == list(answers["question"])
    assert all("source_question" not in g for g in raw)


def test_export_fails_closed_when_redaction_cannot_run(  # type: ignore[no-untyped-def]
    answers, codebook, tmp_path, monkeypatch
) -> None:
    import textcode.privacy as privacy
    import textcode.privacy.display as display

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("het taalmodel ontbreekt")

    monkeypatch.setattr(display, "redact_text", broken)
    display.clear_cache()  # answers shown before must be redacted again, and fail
    out = tmp_path / "niet_geredigeerd.qdpx"
    with pytest.raises(privacy.RedactionError):
        export_qdpx(answers, None, codebook, out)
    assert not out.exists()  # nothing written rather than the original texts
