"""Content-analysis dictionaries in and out: quanteda YAML, LIWC ``.dic``, WordStat ``.cat``,
Lexicoder ``.lc3``.

A dictionary becomes a textcode codebook: top-level categories with subcategories become
groups, deeper categories become codes whose ids are the path of their names; top-level
categories without subcategories become codes of one group named after the dictionary. Every
group applies to every question, as a dictionary applies to all text.

By default an entry matches as a textcode term, so the language's knowledge is used: a plain
entry is a word (``plicht`` also finds "plichten", "burgerplicht" and its derivations and
misspellings), an entry with ``*`` or ``?`` a glob (``financ*``; when its prefix is a word,
also that word, so ``toeslag*`` finds "kinderopvangtoeslag"), and a multi-word entry its words
in order with up to two light words between them (``stem laten horen`` -> ``stem NEXT/2 laten
NEXT/2 horen`` finds "mijn stem te laten horen").
Imported groups code topics (``kind: topics``): polarity never drops a code. With
``literal=True`` (``--literal``) entries keep the tools' exact semantics, to reproduce a quanteda
run: a plain entry is an exact word form (``=geld``), a multi-word entry an exact phrase
(``=gebrek =aan =geld``). Either way an entry with characters the rule language reserves becomes
a one-token regular expression, and matching is case-insensitive, as in the tools. WordStat
weights become pattern confidences (divided by the largest weight when any weight exceeds 1).
Export to quanteda YAML goes the other way for what the format can say; everything else is
reported as a warning, never dropped silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from os import PathLike
from pathlib import Path
from typing import Any

import yaml

from textcode.codebook import Code, Codebook, Group, Pattern, dump_codebook, parse_codebook
from textcode.codebook.rules import AnyOf, Binary, Node, Phrase, RuleSyntaxError, parse_rule
from textcode.errors import InputError
from textcode.ingest.encoding import decode
from textcode.interop.naming import slugify, unique
from textcode.lang import get_language
from textcode.parsing import MAX_DEPTH, YamlList, YamlMap, kind_of, read_yaml

FORMATS: dict[str, str] = {
    ".yml": "quanteda",
    ".yaml": "quanteda",
    ".dic": "liwc",
    ".cat": "wordstat",
    ".lc3": "lexicoder",
}
_FORMAT_NAMES = {
    "quanteda": "quanteda-YAML",
    "liwc": "LIWC (.dic)",
    "wordstat": "WordStat (.cat)",
    "lexicoder": "Lexicoder (.lc3)",
}
# Characters that mean something in textcode's rule language and cannot start or sit in a term.
_RESERVED = re.compile(r'[()|"]')
_WEIGHT_RE = re.compile(r"^(?P<entry>.*?)\s*\((?P<weight>[-+]?\d+(?:[.,]\d+)?)\)\s*$")


@dataclass(frozen=True, slots=True)
class Entry:
    """One dictionary entry: a word, glob or phrase, with a weight (WordStat) and its line."""

    text: str
    weight: float | None = None
    line: int | None = None


@dataclass(slots=True)
class Category:
    """A dictionary category: its entries and subcategories."""

    name: str
    entries: list[Entry] = field(default_factory=list)
    children: list[Category] = field(default_factory=list)
    note: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class ImportedDictionary:
    """The codebook built from a dictionary and what could not be carried over."""

    codebook: Codebook
    format: str
    warnings: tuple[str, ...] = ()


def _decode(data: bytes, source: str) -> str:
    """The text of a dictionary file, read as every text file is read
    (:func:`textcode.ingest.encoding.decode`): LIWC and WordStat are Windows programs, so
    their files are often Windows-1252, or UTF-16 when saved as "Unicode"."""
    text, _ = decode(data, encoding=None, path=source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- readers: text -> categories -------------------------------------------------------------


def parse_quanteda(text: str, source: str = "<yaml>") -> list[Category]:
    """quanteda YAML: keys are categories, lists are entries, nested mappings are levels."""
    data = read_yaml(text, source=source, text_keys=False)
    if not isinstance(data, YamlMap) or not data:
        raise InputError("a quanteda dictionary is a mapping of categories", path=source, line=1)

    def category(name: Any, value: Any, path: str, line: int) -> Category:
        cat = Category(str(name), line=line)
        items = value if isinstance(value, YamlList) else [value]
        lines = value.lines if isinstance(value, YamlList) else [line]
        for item, item_line in zip(items, lines, strict=True):
            if isinstance(item, YamlMap):
                cat.children.extend(
                    category(k, v, f"{path}.{k}", item.lines[k]) for k, v in item.items()
                )
            elif isinstance(item, (str, int, float)) and not isinstance(item, bool):
                if str(item).strip():
                    cat.entries.append(Entry(str(item).strip(), line=item_line))
            elif item is not None:
                raise InputError(
                    f"an entry must be text, not {kind_of(item)}",
                    path=source,
                    line=item_line,
                    field=path,
                )
        return cat

    return [category(k, v, str(k), data.lines[k]) for k, v in data.items()]


def parse_liwc(text: str, source: str = "<dic>") -> tuple[list[Category], list[str]]:
    """LIWC ``.dic``: ``%``, ``id<TAB>name`` lines, ``%``, then ``pattern<TAB>id<TAB>id...``."""
    lines = text.split("\n")
    numbered = [(n, line.strip()) for n, line in enumerate(lines, start=1)]
    content = [(n, line) for n, line in numbered if line]
    if not content or content[0][1] != "%":
        first = content[0][0] if content else 1
        raise InputError(
            "a LIWC dictionary starts with a line holding '%'", path=source, line=first
        )
    categories: dict[str, Category] = {}
    warnings: list[str] = []
    index = 1
    while index < len(content) and content[index][1] != "%":
        n, line = content[index]
        parts = line.split("\t") if "\t" in line else line.split(None, 1)
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise InputError("a header line is 'id<TAB>name'", path=source, line=n)
        cat_id, name = parts[0].strip(), parts[1].strip()
        if cat_id in categories:
            raise InputError(f"category id {cat_id!r} is declared twice", path=source, line=n)
        categories[cat_id] = Category(name, note=f"LIWC-categorie {cat_id}", line=n)
        index += 1
    if index >= len(content):
        raise InputError("the header has no closing '%' line", path=source, line=len(lines))
    for n, line in content[index + 1 :]:
        if "\t" in line:
            fields = [f.strip() for f in line.split("\t") if f.strip()]
            pattern, ids = fields[0], fields[1:]
        else:
            tokens = line.split()
            cut = len(tokens)
            while cut > 1 and re.fullmatch(r"\d+", tokens[cut - 1]):
                cut -= 1
            pattern, ids = " ".join(tokens[:cut]), tokens[cut:]
        if not ids:
            raise InputError(f"entry {pattern!r} names no category", path=source, line=n)
        for cat_id in ids:
            if cat_id not in categories:
                if re.fullmatch(r"\d+", cat_id):
                    raise InputError(
                        f"entry {pattern!r} names category {cat_id}, which the header lacks",
                        path=source,
                        line=n,
                    )
                warnings.append(
                    f"{source} line {n}: conditional category {cat_id!r} of {pattern!r} skipped"
                )
                continue
            categories[cat_id].entries.append(Entry(pattern, line=n))
    return list(categories.values()), warnings


def parse_wordstat(text: str, source: str = "<cat>") -> list[Category]:
    """WordStat ``.cat``: indented category lines; entries end in `` (weight)``."""
    rows: list[tuple[int, int, str, float | None]] = []  # line, depth, text, weight
    raw = text.split("\n")
    space_widths = [
        len(line) - len(line.lstrip(" ")) for line in raw if line.strip() and line.startswith(" ")
    ]
    unit = min(space_widths) if space_widths else 1
    for n, line in enumerate(raw, start=1):
        if not line.strip():
            continue
        stripped = line.lstrip(" \t")
        lead = line[: len(line) - len(stripped)]
        depth = lead.count("\t") + lead.count(" ") // unit
        match = _WEIGHT_RE.match(stripped.rstrip())
        weight: float | None
        if match:
            weight = float(match.group("weight").replace(",", "."))
            rows.append((n, depth, match.group("entry").strip(), weight))
        else:
            rows.append((n, depth, stripped.rstrip(), None))
    roots: list[Category] = []
    stack: list[tuple[int, Category]] = []
    for i, (n, depth, item, entry_weight) in enumerate(rows):
        deeper_follows = i + 1 < len(rows) and rows[i + 1][1] > depth
        while stack and stack[-1][0] >= depth:
            stack.pop()
        if entry_weight is None and (deeper_follows or not stack):
            cat = Category(item, line=n)
            (stack[-1][1].children if stack else roots).append(cat)
            stack.append((depth, cat))
            if len(stack) > MAX_DEPTH:
                raise InputError(
                    f"categories nested deeper than {MAX_DEPTH} levels", path=source, line=n
                )
            continue
        if not stack:
            raise InputError(f"entry {item!r} comes before any category", path=source, line=n)
        if entry_weight is not None and entry_weight <= 0:
            raise InputError(
                f"weight {entry_weight:g} of {item!r}: only positive weights become confidences",
                path=source,
                line=n,
            )
        stack[-1][1].entries.append(Entry(item, entry_weight, n))
    if not roots:
        raise InputError("no categories found", path=source)
    return roots


def parse_lexicoder(text: str, source: str = "<lc3>") -> list[Category]:
    """Lexicoder ``.lc3``: a ``+name`` line starts a category, the lines after it are entries."""
    categories: list[Category] = []
    for n, line in enumerate(text.split("\n"), start=1):
        item = line.strip()
        if not item:
            continue
        if item.startswith("+"):
            name = item[1:].strip()
            if not name:
                raise InputError("'+' needs a category name", path=source, line=n)
            categories.append(Category(name, line=n))
        elif not categories:
            raise InputError(
                f"entry {item!r} comes before the first '+category' line", path=source, line=n
            )
        else:
            categories[-1].entries.append(Entry(item, line=n))
    if not categories:
        raise InputError("no '+category' lines found", path=source)
    return categories


# --- entries <-> rules -----------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _regex_term(word: str) -> str:
    body = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in _fold(word))
    return "/^" + body.replace("/", r"\/") + "$/"


# How many light words ("te", "niet", "mijn") may stand between the words of a multi-word entry.
LIGHT_WORDS_BETWEEN = 2


# A short entry that is no word of the language is an abbreviation written in lower case
# ("omt", "rivm", "aow"): it matches as written, not as a part of "omtrent".
MAX_ABBREVIATION = 4


# A glob prefix this long that is a word of the language also matches as that word.
MIN_GLOB_WORD = 4


def entry_to_rule(
    entry: str, *, literal: bool = False, known: Callable[[str], bool] | None = None
) -> str:
    """One dictionary entry as a rule in textcode's language (see the module docstring).

    ``known`` tells words of the language from abbreviations (see ``MAX_ABBREVIATION``).
    """
    terms = []
    for word in entry.lower().split():
        if _RESERVED.search(word) or word[0] in "@/=":
            terms.append(_regex_term(word))
        elif "*" in word or "?" in word:
            stem = word[:-1]
            if (
                not literal
                and known is not None
                and word.endswith("*")
                and stem.isalpha()
                and len(stem) >= MIN_GLOB_WORD
                and known(stem)
            ):
                # A glob whose prefix is a word is also that word, so it is a compound's part
                # too: toeslag* finds "kinderopvangtoeslag", programma* "partijprogramma".
                terms.append(f"({word} | {stem})")
            else:
                terms.append(word)
        elif literal or (
            known is not None
            and word.isalpha()
            and len(word) <= MAX_ABBREVIATION
            and not known(word)
        ):
            terms.append("=" + word)
        else:
            terms.append(word)
    rule = (" " if literal else f" NEXT/{LIGHT_WORDS_BETWEEN} ").join(terms)
    parse_rule(rule)  # raises RuleSyntaxError for what cannot be said (e.g. a lone "*")
    return rule


def rule_to_entries(rule: str) -> list[str] | None:
    """A rule as dictionary entries, or None when a dictionary cannot say it.

    Phrases of words, exact words and globs translate (alternatives become several entries);
    regular expressions, code references and relations (NEAR, NOT, AND ...) do not.
    """
    node = parse_rule(rule)
    options = node.options if isinstance(node, AnyOf) else (node,)
    entries = []
    for option in options:
        option = _next_chain(option)
        if not isinstance(option, Phrase):
            return None
        words = []
        for term in option.terms:
            word = _unregex(term.text) if term.kind == "regex" else term.text
            if word is None:
                return None
            words.append(word)
        entries.append(" ".join(words))
    return entries


def _next_chain(node: Node) -> Node:
    """``a NEXT/n b NEXT/n c`` (an imported multi-word entry) as the phrase ``a b c``."""
    if not isinstance(node, Binary) or node.relation != "NEXT" or node.negate:
        return node
    left, right = _next_chain(node.left), _next_chain(node.right)
    if isinstance(left, Phrase) and isinstance(right, Phrase):
        return Phrase(left.terms + right.terms)
    return node


def _unregex(body: str) -> str | None:
    """The entry behind a regex that :func:`entry_to_rule` wrote (``^...$``), else None."""
    if not (body.startswith("^") and body.endswith("$")):
        return None
    out: list[str] = []
    i, inner = 0, body[1:-1]
    while i < len(inner):
        if inner.startswith(".*", i):
            out.append("*")
            i += 2
        elif inner[i] == ".":
            out.append("?")
            i += 1
        elif inner[i] == "\\" and i + 1 < len(inner):
            out.append(inner[i + 1])
            i += 2
        elif re.escape(inner[i]) == inner[i]:
            out.append(inner[i])
            i += 1
        else:
            return None  # a real regular expression, not an escaped entry
    return "".join(out)


# --- categories -> codebook ------------------------------------------------------------------


def _refuse_control_characters(categories: Sequence[Category], source: str) -> None:
    """A NUL or other control character in a category name or entry (a damaged or binary
    file) would end up in a label or rule: refused, naming the line and the field."""
    for cat in categories:
        named = [("category", cat.name, cat.line)]
        for what, text, line in named + [("entry", e.text, e.line) for e in cat.entries]:
            bad = next((ch for ch in text if unicodedata.category(ch) == "Cc"), None)
            if bad is not None:
                raise InputError(
                    f"{what} {text!r} holds the control character U+{ord(bad):04X}",
                    path=source,
                    line=line,
                    field=what,
                )
        _refuse_control_characters(cat.children, source)


def _confidence_scale(categories: Sequence[Category]) -> float:
    weights: list[float] = []

    def collect(cat: Category) -> None:
        weights.extend(e.weight for e in cat.entries if e.weight is not None)
        for child in cat.children:
            collect(child)

    for cat in categories:
        collect(cat)
    top = max(weights, default=1.0)
    return top if top > 1 else 1.0


def categories_to_codebook(
    categories: Sequence[Category],
    *,
    name: str,
    fmt: str,
    codebook_id: str | None = None,
    language: str = "nl",
    source: str = "<dictionary>",
    literal: bool = False,
) -> ImportedDictionary:
    """Build (and validate) a codebook from parsed dictionary categories."""
    _refuse_control_characters(categories, source)
    warnings: list[str] = []
    scale = _confidence_scale(categories)
    known: Callable[[str], bool] | None = None
    if not literal:
        from textcode.nlp.lexicon import load_lexicon

        lexicon = load_lexicon(language)

        def known(word: str) -> bool:
            return (
                lexicon.is_word(word) or word in lexicon.stop_words or lexicon.lemma(word) != word
            )

    taken_codes: set[str] = set()
    taken_groups: set[str] = set()

    def patterns(cat: Category) -> tuple[Pattern, ...]:
        result: list[Pattern] = []
        seen: set[str] = set()
        for entry in cat.entries:
            where = f"{source} line {entry.line}" if entry.line else source
            try:
                rule = entry_to_rule(entry.text, literal=literal, known=known)
            except RuleSyntaxError as exc:
                warnings.append(f"{where}: entry {entry.text!r} skipped ({exc})")
                continue
            if rule in seen:
                continue
            seen.add(rule)
            confidence = None
            if entry.weight is not None:
                confidence = round(entry.weight / scale, 6)
            result.append(Pattern(rule=rule, index=len(result) + 1, confidence=confidence))
        return tuple(result)

    def code_of(cat: Category, code_id: str, group_id: str) -> list[Code]:
        """The category's code, or none (with a warning) when no entry of it can match: such
        a code would fail `codebook check`."""
        found = patterns(cat)
        if not found:
            warnings.append(f"{source}: category {cat.name!r} left out: no entry to match")
            return []
        return [
            Code(id=code_id, label=cat.name, description=cat.note, group=group_id, patterns=found)
        ]

    def codes_of(cat: Category, prefix: str, group_id: str) -> list[Code]:
        # group_id is filled in by _group; the validator re-derives it from the nesting anyway.
        codes: list[Code] = []
        code_id = unique(f"{prefix}.{slugify(cat.name)}", taken_codes)
        taken_codes.add(code_id)
        # A category with only subcategories is a level, not a code: its children carry its id.
        if cat.entries or not cat.children:
            codes.extend(code_of(cat, code_id, group_id))
        for child in cat.children:
            codes.extend(codes_of(child, code_id, group_id))
        return codes

    dictionary_slug = slugify(name, fallback="woordenboek")
    groups: list[Group] = []
    flat = [cat for cat in categories if not cat.children]
    taken_groups.add(dictionary_slug)
    for cat in categories:
        if not cat.children:
            if cat is flat[0]:
                # Top-level categories without levels share one group, where the first stood.
                codes = [code for leaf in flat for code in codes_of(leaf, dictionary_slug, "")]
                if codes:
                    groups.append(_group(dictionary_slug, name, codes))
            continue
        group_id = unique(slugify(cat.name, fallback="groep"), taken_groups)
        taken_groups.add(group_id)
        codes = []
        if cat.entries:
            taken_codes.add(group_id)
            codes.extend(code_of(cat, group_id, ""))
        for child in cat.children:
            codes.extend(codes_of(child, group_id, ""))
        if codes:
            groups.append(_group(group_id, cat.name, codes))
    if not groups:
        raise InputError("no category has an entry to match", path=source)
    words = get_language(language).interop.IMPORTED
    description = words["dictionary"].format(format=_FORMAT_NAMES[fmt], name=name)
    description += words["literal"] if literal else words["lemmas"]
    if scale != 1.0:
        description += words["weights"].format(scale=scale)
    codebook = Codebook(
        id=codebook_id or dictionary_slug,
        version="1",
        language=language,
        title=name,
        description=description,
        groups=tuple(groups),
        imported_from=f"{_FORMAT_NAMES[fmt]}-woordenboek {name}",
    )
    validated = parse_codebook(dump_codebook(codebook), source=source)
    return ImportedDictionary(validated, fmt, tuple(warnings))


def _group(group_id: str, label: str, codes: list[Code]) -> Group:
    return Group(
        id=group_id,
        label=label,
        codes=tuple(replace(code, group=group_id) for code in codes),
        applies_to_all=True,
        kind="topics",  # a dictionary counts mentions: polarity never drops a code
    )


def detect_format(path: str | PathLike[str]) -> str:
    """The dictionary format of a file, from its extension."""
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise InputError(f"unknown dictionary extension (known: {known})", path=path)
    return fmt


def read_dictionary(
    path: str | PathLike[str],
    *,
    format: str | None = None,
    codebook_id: str | None = None,
    language: str = "nl",
    literal: bool = False,
) -> ImportedDictionary:
    """Read a quanteda YAML, LIWC, WordStat or Lexicoder dictionary into a textcode codebook.

    Entries match as textcode terms (lemmas, compounds, light words inside phrases) unless
    ``literal``, which keeps the dictionary tool's exact word forms.
    """
    fmt = format or detect_format(path)
    if fmt not in _FORMAT_NAMES:
        raise InputError(f"unknown dictionary format {fmt!r}", path=path, field="format")
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror or exc}", path=path) from None
    text = _decode(data, source)
    warnings: list[str] = []
    if fmt == "quanteda":
        categories = parse_quanteda(text, source)
    elif fmt == "liwc":
        categories, warnings = parse_liwc(text, source)
    elif fmt == "wordstat":
        categories = parse_wordstat(text, source)
    else:
        categories = parse_lexicoder(text, source)
    result = categories_to_codebook(
        categories,
        name=Path(path).stem,
        fmt=fmt,
        codebook_id=codebook_id,
        language=language,
        source=source,
        literal=literal,
    )
    return ImportedDictionary(result.codebook, fmt, (*warnings, *result.warnings))


# --- codebook -> quanteda YAML ---------------------------------------------------------------


def codebook_to_quanteda(codebook: Codebook) -> tuple[str, list[str]]:
    """The codebook as a quanteda YAML dictionary, and warnings for what it cannot hold.

    Groups are the top level and codes nest below by the rest of their id
    (``belemmering.financiering`` -> ``belemmering: {financiering: [...]}``); a codebook with a
    single group writes its codes at the top level.
    """
    warnings: list[str] = []
    tree: dict[str, Any] = {}
    single = len(codebook.groups) == 1
    word_terms = 0
    dropped_confidence = 0
    for group in codebook.groups:
        for code in group.codes:
            rest = code.id[len(group.id) + 1 :] if code.id.startswith(group.id + ".") else code.id
            path = ([] if single else [group.id]) + [p for p in rest.split(".") if p]
            if code.id == group.id:
                path = [] if single else [group.id]
            entries: list[str] = []
            for pattern in code.patterns:
                translated = rule_to_entries(pattern.rule)
                if translated is None:
                    warnings.append(
                        f"{code.id}: rule {pattern.rule!r} has no dictionary equivalent; skipped"
                    )
                    continue
                if pattern.confidence is not None:
                    dropped_confidence += 1
                node = parse_rule(pattern.rule)
                for option in node.options if isinstance(node, AnyOf) else (node,):
                    phrase = _next_chain(option)
                    assert isinstance(phrase, Phrase)
                    word_terms += sum(term.kind == "word" for term in phrase.terms)
                entries.extend(e for e in translated if e not in entries)
            if code.exclude:
                warnings.append(f"{code.id}: {len(code.exclude)} exclude rule(s) not exported")
            if not path:
                warnings.append(f"{code.id}: a code that is its own group has no key; skipped")
                continue
            parent = tree
            clash = False
            for key in path[:-1]:
                child = parent.setdefault(key, {})
                if not isinstance(child, dict):
                    clash = True
                    break
                parent = child
            if clash or isinstance(parent.get(path[-1]), dict):
                warnings.append(
                    f"{code.id}: a category cannot hold both entries and subcategories; skipped"
                )
                continue
            parent[path[-1]] = entries
    if word_terms:
        warnings.append(
            f"{word_terms} lemma word(s) written as plain words: dictionaries match word forms "
            "only, not inflections or compounds"
        )
    if dropped_confidence:
        warnings.append(f"{dropped_confidence} pattern confidence(s) dropped: quanteda has none")
    text = yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return text, warnings
