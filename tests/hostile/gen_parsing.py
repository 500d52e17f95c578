"""Hostile files for textcode's readers and matchers, generated (never committed as files).

:func:`cases` lists every attack of issue 15's parsing half: YAML alias bombs and nesting,
deep JSON, rules and XML, catastrophic regular expressions, long tokens, amplified or linked
.qdpx imports and deep dictionaries. Each case builds its files in a folder and names the
commands to run over them; ``expect`` says what a correct textcode does: ``"error"`` (exit
2 with one line naming the file ``names``) or ``"ok"`` (exit 0). The tests in
``test_parsing_corpus.py`` run every command of every case under time and memory limits.

Run as a script to write the corpus into a folder and look at it::

    python -m tests.hostile.gen_parsing /tmp/hostile
"""

from __future__ import annotations

import json
import sys
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

Files = dict[str, Path]


@dataclass(frozen=True)
class Case:
    """One attack: its category, a name, how to build its files, the commands to run."""

    category: str
    name: str
    build: Callable[[Path], Files]
    commands: tuple[tuple[str, ...], ...]
    expect: str = "error"  # "error": exit 2, one line naming files[names]; "ok": exit 0
    names: str = "input"
    seconds: float = 60.0


# --- building blocks -----------------------------------------------------------------------

ANSWERS = (
    "Te weinig budget en geen tijd naast het gewone werk.",
    "De subsidie kwam te laat, daardoor liep het project vertraging op.",
    "Gebrek aan kennis over de nieuwe regelgeving binnen ons team.",
)

CODEBOOK_HEAD = """\
textcode_codebook: 1
id: vijandig
version: "1"
language: nl
"""


def _codebook(patterns: list[str], *, extra: str = "") -> str:
    """A small valid codebook whose one code has ``patterns`` (YAML-quoted)."""
    rules = "".join(f"          - {_quoted(p)}\n" for p in patterns)
    return (
        CODEBOOK_HEAD
        + extra
        + "groups:\n"
        + "  - id: belemmering\n"
        + "    label: Belemmeringen\n"
        + "    codes:\n"
        + "      - id: belemmering.geld\n"
        + "        label: Geld\n"
        + "        patterns:\n"
        + rules
    )


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _answers_csv(folder: Path, texts: tuple[str, ...] = ANSWERS, name: str = "antwoorden") -> Path:
    path = folder / f"{name}.csv"
    rows = ["id,belemmering"] + [f'{n},"{t.replace(chr(34), chr(34) * 2)}"' for n, t in
                                 enumerate(texts, start=1)]  # fmt: skip
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def _alias_bomb(levels: int = 9, width: int = 9, key: str = "x") -> str:
    lines = [f"{key}0: &a0 [" + ", ".join(["budget"] * width) + "]"]
    for level in range(1, levels + 1):
        lines.append(f"{key}{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * width) + "]")
    return "\n".join(lines) + "\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


CODE = ("code", "{answers}", "--text-column", "belemmering", "--id-column", "id")
CODE_WITH = (*CODE, "--codebook", "{input}", "--quiet", "--out", "{folder}/s.jsonl")
CHECK = ("codebook", "check", "{input}")
REPORT_WITH = (
    "report", "{answers}", "--text-column", "belemmering", "--id-column", "id",
    "--codebook", "{input}", "--quiet", "--out", "{folder}/rapport",
)  # fmt: skip
IMPORT_CODEBOOK = ("import", "codebook", "{input}", "--quiet", "--out", "{folder}/boek.yaml")
IMPORT_PROJECT = ("import", "project", "{input}", "--quiet", "--out", "{folder}/gold.jsonl")


# --- YAML ------------------------------------------------------------------------------------


def _codebook_file(text: str) -> Callable[[Path], Files]:
    def build(folder: Path) -> Files:
        return {"input": _write(folder, "boek.yaml", text), "answers": _answers_csv(folder)}

    return build


def _sidecar(text: str) -> Callable[[Path], Files]:
    def build(folder: Path) -> Files:
        answers = _answers_csv(folder)
        sidecar = _write(folder, "antwoorden.textcode.yaml", text)
        return {"input": sidecar, "answers": answers}

    return build


def _file(name: str, text: str) -> Callable[[Path], Files]:
    def build(folder: Path) -> Files:
        return {"input": _write(folder, name, text)}

    return build


SIDECAR_CODE = ("code", "{answers}", "--quiet", "--out", "{folder}/s.jsonl")
SIDECAR_REPORT = ("report", "{answers}", "--quiet", "--out", "{folder}/rapport")


def _yaml_cases() -> list[Case]:
    bomb = CODEBOOK_HEAD + _alias_bomb() + "groups: *a9\n"
    self_alias = CODEBOOK_HEAD + "groups: &x [*x]\n"
    deep_flow = CODEBOOK_HEAD + "groups: " + "[" * 5000 + "]" * 5000 + "\n"
    deep_map = CODEBOOK_HEAD + "groups: " + "{a: " * 3000 + "b" + "}" * 3000 + "\n"
    deep_block = (
        CODEBOOK_HEAD + "groups:\n" + "".join(" " * (2 * level) + "- \n" for level in range(1, 400))
    )
    pattern_bomb = _codebook(["budget"]).replace(
        "        patterns:\n          - 'budget'\n", "        patterns: *a9\n"
    )
    pattern_bomb = pattern_bomb.replace("groups:\n", _alias_bomb(key="_") + "groups:\n", 1)
    reuse = _codebook(["budget"]).replace(
        "        patterns:\n          - 'budget'\n",
        "        patterns: &geld [budget, subsidie, geld]\n"
        "      - id: belemmering.middelen\n        label: Middelen\n        patterns: *geld\n",
    )
    sidecar_head = "textcode_dataset: 1\nid_column: id\n"
    # Categories, not entries: each level a mapping of nine copies of the level below.
    quanteda_bomb = "c0: &c0 {geld: [budget]}\n" + "".join(
        f"c{n}: &c{n} {{" + ", ".join(f"k{k}: *c{n - 1}" for k in range(9)) + "}\n"
        for n in range(1, 10)
    )
    cases = [
        Case("yaml", "codebook_alias_bomb", _codebook_file(bomb), (CHECK, CODE_WITH, REPORT_WITH)),
        Case("yaml", "codebook_alias_bomb_in_patterns", _codebook_file(pattern_bomb),
             (CHECK, CODE_WITH)),
        Case("yaml", "codebook_alias_inside_itself", _codebook_file(self_alias),
             (CHECK, CODE_WITH)),
        Case("yaml", "codebook_5000_nested_lists", _codebook_file(deep_flow), (CHECK, CODE_WITH)),
        Case("yaml", "codebook_3000_nested_mappings", _codebook_file(deep_map), (CHECK,)),
        Case("yaml", "codebook_400_nested_block_lists", _codebook_file(deep_block), (CHECK,)),
        Case("yaml", "codebook_anchor_used_twice", _codebook_file(reuse), (CHECK, CODE_WITH),
             expect="ok"),
        Case("yaml", "sidecar_alias_bomb", _sidecar(sidecar_head + _alias_bomb() + "units: *a9\n"),
             (SIDECAR_CODE, SIDECAR_REPORT)),
        Case("yaml", "sidecar_alias_inside_itself", _sidecar(sidecar_head + "units: &u {a: *u}\n"),
             (SIDECAR_CODE,)),
        Case("yaml", "sidecar_5000_nested_lists",
             _sidecar(sidecar_head + "units: " + "[" * 5000 + "]" * 5000 + "\n"), (SIDECAR_CODE,)),
        Case("yaml", "quanteda_alias_bomb", _file("woorden.yml", quanteda_bomb),
             (IMPORT_CODEBOOK,)),
        Case("yaml", "quanteda_alias_inside_itself", _file("woorden.yml", "geld: &g {a: *g}\n"),
             (IMPORT_CODEBOOK,)),
        Case("yaml", "quanteda_5000_nested_mappings",
             _file("woorden.yml", "geld: " + "{a: " * 5000 + "b" + "}" * 5000 + "\n"),
             (IMPORT_CODEBOOK,)),
        Case("yaml", "quanteda_year_as_category", _file("woorden.yml", "2021:\n  - budget\n"),
             (IMPORT_CODEBOOK,), expect="ok"),
    ]  # fmt: skip
    return cases


# --- JSON ------------------------------------------------------------------------------------


def _deep_json(levels: int, kind: str = "list") -> str:
    if kind == "list":
        return "[" * levels + "]" * levels
    return '{"a": ' * levels + "1" + "}" * levels


def _jsonl_answers(extra: str, name: str = "antwoorden.jsonl") -> Callable[[Path], Files]:
    def build(folder: Path) -> Files:
        lines = [
            '{"id": "1", "question": "belemmering", "text": "Te weinig budget"}',
            '{"id": "2", "question": "belemmering", "text": "Geen tijd", "extra": ' + extra + "}",
        ]
        return {"input": _write(folder, name, "\n".join(lines) + "\n")}

    return build


def _json_document(folder: Path) -> Files:
    text = '{"answers": [{"id": "1", "question": "belemmering", "text": "Geen tijd", "x": '
    return {"input": _write(folder, "antwoorden.json", text + _deep_json(100_000) + "}]}")}


def _gold(extra: str) -> Callable[[Path], Files]:
    def build(folder: Path) -> Files:
        line = '{"id": "1", "question": "belemmering", "text": "Te weinig budget", "codes": '
        return {"input": _write(folder, "gold.jsonl", line + extra + "}\n")}

    return build


def _learn_from(folder: Path) -> Files:
    deep = '{"id": "1", "question": "belemmering", "codes": ' + _deep_json(100_000) + "}\n"
    return {"input": _write(folder, "gold.jsonl", deep), "answers": _answers_csv(folder)}


def _ledger(folder: Path) -> Files:
    deep = '{"decision": "accept", "code": ' + _deep_json(100_000, "object") + "}\n"
    return {"input": _write(folder, "besluiten.jsonl", deep)}


JSON_CODE = ("code", "{input}", "--quiet", "--out", "{folder}/s.jsonl")
JSON_REDACT = ("redact", "{input}", "--quiet", "--out", "{folder}/r.csv")


def _json_cases() -> list[Case]:
    return [
        Case("json", "jsonl_100000_nested_lists", _jsonl_answers(_deep_json(100_000)),
             (JSON_CODE, JSON_REDACT)),
        Case("json", "jsonl_100000_nested_objects", _jsonl_answers(_deep_json(100_000, "o")),
             (JSON_CODE, JSON_REDACT)),
        Case("json", "jsonl_101_nested_lists", _jsonl_answers(_deep_json(101)), (JSON_CODE,)),
        Case("json", "json_document_100000_nested", _json_document, (JSON_CODE,)),
        Case("json", "gold_100000_nested", _gold(_deep_json(100_000)), (("evaluate", "{input}"),)),
        Case("json", "learn_from_100000_nested", _learn_from,
             ((*CODE, "--learn-from", "{input}", "--quiet", "--out", "{folder}/s.jsonl"),)),
        Case("json", "ledger_100000_nested", _ledger, (("agreement", "--ledger", "{input}"),)),
        Case("json", "jsonl_20_nested_lists", _jsonl_answers(_deep_json(20)), (JSON_CODE,),
             expect="ok"),
    ]  # fmt: skip


# --- rules and regular expressions ----------------------------------------------------------


def _rule_case(name: str, patterns: list[str], expect: str = "error", answers: tuple[str, ...] =
               ANSWERS, commands: tuple[tuple[str, ...], ...] = (CHECK, CODE_WITH),
               category: str = "rules") -> Case:  # fmt: skip
    def build(folder: Path) -> Files:
        return {
            "input": _write(folder, "boek.yaml", _codebook(patterns)),
            "answers": _answers_csv(folder, answers),
        }

    return Case(category, name, build, commands, expect=expect)


def _rule_cases() -> list[Case]:
    many = " OR ".join(f"woord{n}" for n in range(3000))
    return [
        _rule_case("rule_3000_parentheses", ["(" * 3000 + "budget" + ")" * 3000]),
        _rule_case("rule_3000_unclosed_parentheses", ["(" * 3000 + "budget"]),
        _rule_case("rule_3000_relations", [" AND ".join(["budget"] * 3001)]),
        _rule_case("rule_3000_negations", [" NOT ".join(["budget"] * 3001)]),
        _rule_case("regex_3000_nested_groups", ["/" + "(" * 3000 + "a" + ")" * 3000 + "/"]),
        _rule_case("rule_99_parentheses", ["(" * 99 + "budget" + ")" * 99], expect="ok"),
        _rule_case("rule_3000_alternatives", [many + " OR budget"], expect="ok"),
        _rule_case("rule_100_kilobytes", ["budget " * 15_000], expect="ok"),
    ]


def _regex_cases() -> list[Case]:
    a34 = ("a" * 34 + "b",)
    return [
        _rule_case("regex_nested_plus", ["/(a+)+$/"], "ok", a34, category="regex"),
        _rule_case("regex_repeated_dot_star", ["/(.*a){20}/"], "ok", ("a" * 24,),
                   category="regex"),
        _rule_case("regex_overlapping_alternation", ["/(a|aa)+$/"], "error", ("a" * 40 + "b",),
                   commands=(CODE_WITH, REPORT_WITH), category="regex"),
        _rule_case("regex_nested_star_backtrack", ["/(x+x+)+y/"], "ok", ("x" * 40,),
                   commands=(CODE_WITH,), category="regex"),
        _rule_case("regex_optional_alternation", ["/(aa|aab?)+$/"], "error", ("aa" * 30 + "c",),
                   commands=(CODE_WITH,), category="regex"),
        _rule_case("regex_bounded_repeat_of_star", ["/(.*){1,32000}[bc]/"], "error", ("a" * 30,),
                   commands=(CODE_WITH,), category="regex"),
        _rule_case("glob_many_stars", ["*a*a*a*a*a*a*a*a*a*a*b"], "ok", ("a" * 5000,),
                   category="regex"),
    ]  # fmt: skip


# --- long tokens -------------------------------------------------------------------------------


def _token_case(name: str, texts: tuple[str, ...], commands: tuple[tuple[str, ...], ...],
                seconds: float = 60.0) -> Case:  # fmt: skip
    def build(folder: Path) -> Files:
        lines = [
            json.dumps({"id": str(n), "question": "belemmering", "text": text})
            for n, text in enumerate(texts, start=1)
        ]
        return {"input": _write(folder, "antwoorden.jsonl", "\n".join(lines) + "\n")}

    return Case("tokens", name, build, commands, expect="ok", seconds=seconds)


TOKEN_CODE = ("code", "{input}", "--quiet", "--out", "{folder}/s.jsonl")
TOKEN_REDACT = ("redact", "{input}", "--quiet", "--out", "{folder}/r.csv")
TOKEN_REPORT = ("report", "{input}", "--quiet", "--out", "{folder}/rapport")


def _distinct_long_words(count: int, length: int) -> str:
    letters = "abcdefghijklmnopqrstuvwxyz"
    words = []
    for n in range(count):
        stem = "".join(letters[(n // 26**k) % 26] for k in range(4))
        words.append((stem * (length // 4 + 1))[:length])
    return " ".join(words)


def _token_cases() -> list[Case]:
    return [
        _token_case("token_100000_x", ("x" * 100_000, *ANSWERS),
                    (TOKEN_CODE, TOKEN_REDACT, TOKEN_REPORT)),
        _token_case("token_100000_hyphenated", ("a-" * 50_000, *ANSWERS), (TOKEN_CODE,)),
        _token_case("token_100000_accented", ("é" * 100_000, *ANSWERS), (TOKEN_CODE,)),
        _token_case("token_100000_digits", ("7" * 100_000, *ANSWERS), (TOKEN_CODE, TOKEN_REDACT)),
        _token_case("token_1000000_x", ("x" * 1_000_000,), (TOKEN_CODE,)),
        _token_case("token_compound_of_budgets", ("budget" * 20_000,), (TOKEN_CODE,)),
        _token_case("tokens_2000_distinct_of_90", (_distinct_long_words(2000, 90),),
                    (TOKEN_CODE,)),
    ]  # fmt: skip


# --- .qdpx, folders and symbolic links ---------------------------------------------------------


def _guid() -> str:
    return str(uuid.uuid4())


def _project_xml(sources: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<Project xmlns="urn:QDA-XML:project:1.0" name="vijandig" origin="test">'
        f"<Sources>{sources}</Sources></Project>"
    )


def _text_source(n: int, path: str) -> str:
    return f'<TextSource guid="{_guid()}" name="R{n} belemmering" plainTextPath="{path}"/>'


def _amplified(folder: Path) -> Files:
    sources = "".join(_text_source(n, "internal://groot.txt") for n in range(3000))
    path = folder / "versterkt.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _project_xml(sources))
        archive.writestr("sources/groot.txt", "budget " * ((1 << 20) // 7))
    return {"input": path}


def _many_members(folder: Path) -> Files:
    sources = "".join(_text_source(n, f"internal://s{n}.txt") for n in range(600))
    path = folder / "bom.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _project_xml(sources))
        block = b"a" * (1 << 20)
        for n in range(600):
            archive.writestr(f"sources/s{n}.txt", block)
    return {"input": path}


def _deep_qde(folder: Path) -> Files:
    deep = "<Description>" * 100_000 + "</Description>" * 100_000
    path = folder / "diep.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _project_xml(deep))
    return {"input": path}


def _deep_bare_qde(folder: Path) -> Files:
    deep = "<Description>" * 100_000 + "</Description>" * 100_000
    return {"input": _write(folder, "diep.qde", _project_xml(deep))}


def _small_project(folder: Path) -> Files:
    sources = "".join(
        f'<TextSource guid="{_guid()}" name="R{n} belemmering">'
        f"<PlainTextContent>{text}</PlainTextContent></TextSource>"
        for n, text in enumerate(ANSWERS, start=1)
    )
    path = folder / "klein.qdpx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _project_xml(sources))
    return {"input": path}


def _qdpx_cases() -> list[Case]:
    return [
        Case("qdpx", "qdpx_3000_sources_one_large_member", _amplified, (IMPORT_PROJECT,)),
        Case("qdpx", "qdpx_600_members_of_one_mib", _many_members, (IMPORT_PROJECT,)),
        Case("qdpx", "qdpx_100000_nested_elements", _deep_qde, (IMPORT_PROJECT,)),
        Case("qdpx", "bare_qde_100000_nested_elements", _deep_bare_qde, (IMPORT_PROJECT,)),
        Case("qdpx", "qdpx_small_project", _small_project, (IMPORT_PROJECT,), expect="ok"),
    ]


def _linked_project(kind: str) -> Callable[[Path], Files]:
    """An unpacked project whose source (or sources folder, or .qde) links elsewhere."""

    def build(folder: Path) -> Files:
        outside = folder / "elders"
        outside.mkdir()
        secret = _write(outside, "geheim.txt", "Wachtwoord van de directeur: hunter2\n")
        project = folder / "project"
        (project / "sources").mkdir(parents=True)
        guid = _guid()
        qde = _write(
            project, "project.qde", _project_xml(_text_source(1, f"internal://{guid}.txt"))
        )
        if kind == "source":
            (project / "sources" / f"{guid}.txt").symlink_to(secret)
        elif kind == "folder":
            (project / "sources").rmdir()
            (outside / f"{guid}.txt").write_text("Geheim\n", encoding="utf-8")
            (project / "sources").symlink_to(outside, target_is_directory=True)
        elif kind == "qde":
            qde.unlink()
            elsewhere = _write(outside, "ander.qde", _project_xml(_text_source(1, "geheim.txt")))
            qde.symlink_to(elsewhere)
        elif kind == "inside":
            real = _write(project, "tekst.txt", "Te weinig budget\n")
            (project / "sources" / f"{guid}.txt").symlink_to(real)
        link = project / "sources" / f"{guid}.txt"
        if kind == "qde":
            link = qde
        return {"input": project, "bare": qde, "link": link if kind != "folder" else project}

    return build


def _symlink_cases() -> list[Case]:
    bare = ("import", "project", "{bare}", "--quiet", "--out", "{folder}/gold.jsonl")
    return [
        Case("symlinks", "folder_source_links_out", _linked_project("source"),
             (IMPORT_PROJECT, bare), names="link"),
        Case("symlinks", "folder_sources_folder_links_out", _linked_project("folder"),
             (IMPORT_PROJECT, bare), names="link"),
        Case("symlinks", "folder_qde_links_out", _linked_project("qde"), (IMPORT_PROJECT,),
             names="link"),
        Case("symlinks", "folder_source_links_inside", _linked_project("inside"),
             (IMPORT_PROJECT, bare), expect="ok"),
    ]  # fmt: skip


# --- XML and dictionaries -----------------------------------------------------------------------


def _qdc(codes: str) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>'
        f"{codes}</Codes></CodeBook>"
    )


def _nested_codes(levels: int) -> str:
    opening = "".join(f'<Code guid="{_guid()}" name="code {n}" isCodable="true">' for n in
                      range(levels))  # fmt: skip
    return opening + "</Code>" * levels


def _wordstat(levels: int, indent: str = " ") -> str:
    lines = [indent * level + f"CATEGORIE{level}" for level in range(levels)]
    lines.append(indent * levels + "budget (1)")
    return "\n".join(lines) + "\n"


def _xml_cases() -> list[Case]:
    deep_description = (
        f'<Code guid="{_guid()}" name="geld" isCodable="true"><Description>'
        + "<b>" * 50_000 + "</b>" * 50_000 + "</Description></Code>"
    )  # fmt: skip
    return [
        Case("xml", "qdc_5000_nested_codes", _file("diep.qdc", _qdc(_nested_codes(5000))),
             (IMPORT_CODEBOOK,)),
        Case("xml", "qdc_50000_nested_description", _file("diep.qdc", _qdc(deep_description)),
             (IMPORT_CODEBOOK,)),
        Case("xml", "qdc_20_nested_codes", _file("ok.qdc", _qdc(_nested_codes(20))),
             (IMPORT_CODEBOOK,), expect="ok"),
        Case("dictionaries", "wordstat_5000_levels", _file("diep.cat", _wordstat(5000)),
             (IMPORT_CODEBOOK,)),
        Case("dictionaries", "wordstat_3000_tab_levels", _file("diep.cat", _wordstat(3000, "\t")),
             (IMPORT_CODEBOOK,)),
        Case("dictionaries", "wordstat_5_levels", _file("ok.cat", _wordstat(5)),
             (IMPORT_CODEBOOK,), expect="ok"),
    ]  # fmt: skip


def cases() -> list[Case]:
    """Every hostile parsing case, by category."""
    return [
        *_yaml_cases(),
        *_json_cases(),
        *_rule_cases(),
        *_regex_cases(),
        *_token_cases(),
        *_qdpx_cases(),
        *_symlink_cases(),
        *_xml_cases(),
    ]


def main(argv: list[str]) -> int:
    """Write every case's files under the folder ``argv[0]`` (one subfolder per case)."""
    root = Path(argv[0])
    for case in cases():
        folder = root / case.category / case.name
        folder.mkdir(parents=True, exist_ok=True)
        built = case.build(folder)
        print(f"{case.category:13} {case.name:40} {built['input']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
