"""Find personal data in free text: e-mail addresses, phone numbers, street addresses,
postcodes, IBANs, BSNs, URLs, licence plates and person names.

Every detector proposes spans; overlaps are resolved once, deterministically (the longest span
wins, then the type that comes first in :data:`PII_TYPES`). Formats and word lists come from
``textcode/lang/<code>/privacy.py``; the regular expressions are compiled once per language.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from textcode.errors import InputError
from textcode.privacy.addresses import AddressFinder
from textcode.privacy.language import PrivacyData, ordinary_words, privacy_data
from textcode.privacy.patterns import alternation, sentence_initial

# Every type, in priority order: when two spans of the same length overlap, the earlier wins.
PII_TYPES: tuple[str, ...] = (
    "EMAIL",
    "URL",
    "IBAN",
    "BSN",
    "PHONE",
    "LICENCE_PLATE",
    "ADDRESS",
    "POSTCODE",
    "NAME",
)
_PRIORITY = {name: rank for rank, name in enumerate(PII_TYPES)}

# spaCy entity labels that mean a person (nl/en models: PERSON; wikiner-style models: PER).
_PERSON_LABELS = frozenset({"PERSON", "PER"})


@dataclass(frozen=True, slots=True)
class PiiHit:
    """One span of personal data: its type (see :data:`PII_TYPES`) and offsets in the text."""

    type: str
    start: int
    end: int


def normalize_types(types: Iterable[str] | str | None) -> frozenset[str]:
    """The set of types to look for; ``None`` means all. Unknown names raise InputError."""
    if types is None:
        return frozenset(PII_TYPES)
    if isinstance(types, str):
        types = types.split(",")
    wanted = {t.strip().upper().replace("-", "_").replace(" ", "_") for t in types if t.strip()}
    aliases = {
        "E_MAIL": "EMAIL",
        "MAIL": "EMAIL",
        "TELEFOON": "PHONE",
        "KENTEKEN": "LICENCE_PLATE",
        "LICENSE_PLATE": "LICENCE_PLATE",
        "NAAM": "NAME",
        "PERSON": "NAME",
        "ADRES": "ADDRESS",
    }
    wanted = {aliases.get(t, t) for t in wanted}
    unknown = sorted(wanted - set(PII_TYPES))
    if unknown:
        raise InputError(
            f"unknown personal-data type(s) {', '.join(unknown)}; known: {', '.join(PII_TYPES)}",
            field="types",
        )
    return frozenset(wanted)


def detect_pii(
    text: str,
    *,
    language: str = "nl",
    types: Iterable[str] | str | None = None,
    nlp: Any = None,
) -> tuple[PiiHit, ...]:
    """All personal data in ``text``, sorted by start, never overlapping.

    ``types`` limits the result to some of :data:`PII_TYPES` (overlaps are resolved over all
    types first, so asking only for names never yields the name inside an e-mail address).
    ``nlp``: a spaCy pipeline; when it has an ``ner`` component its PERSON entities are the names,
    otherwise the rules of :mod:`textcode.lang.<language>.privacy` are used.
    """
    wanted = normalize_types(types)
    if not text:
        return ()
    detector = _detector(language)
    candidates = detector.candidates(text, names="NAME" in wanted, nlp=nlp)
    return tuple(hit for hit in resolve_overlaps(candidates) if hit.type in wanted)


def resolve_overlaps(hits: Iterable[PiiHit]) -> list[PiiHit]:
    """Keep the longest of overlapping spans (ties: type priority, then the earliest), by start."""
    ordered = sorted(
        _merge_same_type(hits),
        key=lambda h: (-(h.end - h.start), _PRIORITY.get(h.type, 99), h.start),
    )
    kept: list[PiiHit] = []
    for hit in ordered:
        if hit.end <= hit.start:
            continue
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _merge_same_type(hits: Iterable[PiiHit]) -> list[PiiHit]:
    """Join overlapping spans of one type ("Jan Pieter" + "Pieter Jansen")."""
    merged: list[PiiHit] = []
    for hit in sorted(set(hits), key=lambda h: (h.type, h.start, h.end)):
        last = merged[-1] if merged else None
        if last is not None and last.type == hit.type and hit.start < last.end:
            merged[-1] = PiiHit(hit.type, last.start, max(last.end, hit.end))
        else:
            merged.append(hit)
    return merged


@cache
def _detector(language: str) -> _Detector:
    return _Detector(privacy_data(language))


# Letters for names: capitals and lower case, with the accented Latin-1 range.
_UP = "A-ZÀ-ÖØ-Þ"
_LO = "a-zß-öø-ÿ"
_WS = r"[ \t\u00a0]+"
# Spaces, or one line break with spaces around it: a name may be broken over a line.
_WS_LINE = r"(?:[ \t\u00a0]*\r?\n[ \t\u00a0]*|[ \t\u00a0]+)"
_WORD = re.compile(r"(?<![\w'’-])[\w'’-]+")
_END = r"(?![\w'’-])"
_CAPWORD = rf"(?:[{_UP}]['’])?(?:IJ|[{_UP}])[{_LO}]+(?:['’][{_LO}]+)?(?:[{_UP}][{_LO}]+)?"
_FIRST = rf"{_CAPWORD}(?:-{_CAPWORD})?"
_INITIAL = rf"(?:Th|Chr|Joh|Ph|IJ|[{_UP}])\."
_INITIALS = rf"{_INITIAL}(?:[ ]?{_INITIAL}){{0,3}}"
_ABBREVIATION_INITIALS = frozenset(
    {
        "N.B.", "P.S.", "A.U.B.", "V.S.", "U.S.", "E.U.", "B.V.", "N.V.", "C.Q.", "I.E.", "E.G.",
        "T.A.V.", "I.V.M.", "M.B.T.", "O.A.", "Z.S.M.", "A.S.", "I.P.V.", "T.B.V.", "M.A.W.",
        "D.W.Z.", "V.W.B.", "W.O.", "E.D.",
    }
)  # fmt: skip

_EMAIL_LOCAL = r"[\w%+'-]+(?:\.[\w%+'-]+)*"
_DOMAIN = r"(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}"
_URL_CHARS = r"[^\s<>\"\[\]{}|\\^`]"

_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "LU": 20, "ES": 24, "IT": 27,
    "AT": 20, "CH": 21, "DK": 18, "FI": 18, "IE": 22, "NO": 15, "PL": 28, "PT": 25, "SE": 24,
}  # fmt: skip

_DATE_SEPARATORS = frozenset("-/.")
# "09.00 - 10.30", "9:00-17:00": clock times, whose digits can add up to a phone number.
_TIME_RANGE = re.compile(
    r"(?<![\d.])(?:[01]?\d|2[0-4])[.:][0-5]\d\s*(?:[-\u2013]|tot|t/m)\s*"
    r"(?:[01]?\d|2[0-4])[.:][0-5]\d(?![\d.]\d)"
)
# Dashes and dots between digit groups, including the non-breaking and en dashes of word
# processors; spaces and brackets may surround them.
_PHONE_DASHES = frozenset("-./\u2010\u2011\u2013")
_PHONE_SEPARATOR_CHARS = _PHONE_DASHES | frozenset(" \u00a0()")
# Between two numbers of a list ("06 12345678 / 020 1234567") there is a space, slash or bracket.
_PHONE_LIST_BREAKS = frozenset(" \u00a0/(")


def _trim_url(url: str) -> str:
    """Drop the punctuation that ends a sentence or closes a bracket around the URL."""
    while url:
        last = url[-1]
        unbalanced = last == ")" and url.count("(") < url.count(")")
        if last in ".,;:!?'\"»”’" or unbalanced:
            url = url[:-1]
        else:
            break
    return url


def _iban_valid(compact: str) -> bool:
    rearranged = compact[4:] + compact[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1


class _Detector:
    """The compiled detectors of one language."""

    def __init__(self, data: PrivacyData) -> None:
        self.data = data
        tlds = alternation(data.tlds) if data.tlds else r"[a-z]{2,}"
        self.email = re.compile(
            rf"(?<![\w.%+'-])(?:mailto:)?{_EMAIL_LOCAL}[ \t]?@[ \t]?{_DOMAIN}(?![\w-])",
            re.IGNORECASE,
        )
        at_words = alternation(data.email_at_words) or "at"
        dot_words = alternation(data.email_dot_words) or "dot"
        bracket_at = rf"\s*[\[({{<]\s*(?:at|@|{at_words})\s*[\])}}>]\s*"
        word_at = rf"\s+(?:{at_words})\s+"
        separator = (
            rf"(?:\s*[\[({{<]\s*(?:dot|\.|{dot_words})\s*[\])}}>]\s*"
            rf"|\s+(?:{dot_words})\s+|\.)"
        )
        label = r"[^\W_](?:[\w-]*[^\W_])?"
        self.email_obfuscated = re.compile(
            rf"(?<![\w.%+'-]){_EMAIL_LOCAL}(?:{bracket_at}|{word_at})"
            rf"{label}(?:{separator}{label})*?{separator}(?:{tlds})(?![\w-])",
            re.IGNORECASE,
        )
        self.url_scheme = re.compile(rf"\b(?:https?|ftp)://{_URL_CHARS}+", re.IGNORECASE)
        self.url_www = re.compile(rf"(?<![\w.@/-])www\d{{0,3}}\.{_URL_CHARS}+", re.IGNORECASE)
        self.url_bare = re.compile(
            rf"(?<![\w.@/-])(?:[^\W_](?:[\w-]*[^\W_])?\.)+(?:{tlds})(?![\w-])(?:/{_URL_CHARS}*)?"
        )
        self.iban = re.compile(r"(?<![\w])[A-Za-z]{2}[0-9]{2}(?:[ ]?[A-Za-z0-9]){11,32}")
        n = data.national_id_digits
        if n:
            self.national_id: re.Pattern[str] | None = re.compile(
                rf"(?<![\w.,€$-])(?:\d{{{n}}}|\d{{4}}\.\d{{2}}\.\d{{{n - 6}}}"
                rf"|\d{{3}}([ .-])\d{{3}}\1\d{{{n - 6}}})(?![\w]|[.,]\d)"
            )
        else:
            self.national_id = None
        amount = alternation(data.amount_words) if data.amount_words else r"€"
        self.amount_before = re.compile(rf"(?:{amount})\s*$", re.IGNORECASE)
        self.amount_after = re.compile(rf"^\s*(?:{amount})(?!\w)", re.IGNORECASE)
        others = alternation(data.other_number_words) if data.other_number_words else r"(?!)"
        self.other_number_before = re.compile(rf"(?<!\w)(?:{others})\s*[:#]?\s*$", re.IGNORECASE)
        self.phone = re.compile(
            r"(?<![\w@/+])(?<!\d[.,-])(?:\+[ \u00a0]?\d|\([ \u00a0]?0|0)"
            r"[\d \u00a0\-\u2010\u2011\u2013./()]*\d"
        )
        not_before = alternation(data.phone_not_before) if data.phone_not_before else None
        self.phone_not_before = (
            re.compile(rf"\s*(?:{not_before})(?![\w])", re.IGNORECASE) if not_before else None
        )
        if data.postcode_pattern:
            self.postcode: re.Pattern[str] | None = re.compile(
                rf"(?<![\w.,€$/-])({data.postcode_pattern})([ ]?)"
                rf"([A-Za-z]{{{data.postcode_letters}}})(?![\w'’-])"
            )
        else:
            self.postcode = None
        self.place_after = re.compile(rf"{_WS}(?:IJ|[{_UP}])[{_LO}]")
        self.addresses = AddressFinder(data, self._vocabulary_word)
        year_words = alternation(data.postcode_not_after) if data.postcode_not_after else r"(?!)"
        self.year_before = re.compile(rf"(?<!\w)(?:{year_words})[ \t]*$", re.IGNORECASE)
        cues = alternation(data.postcode_cues) if data.postcode_cues else r"(?!)"
        self.postcode_cue = re.compile(rf"(?<!\w)(?:{cues})\s*:?\s*$", re.IGNORECASE)
        plates = [
            "".join(r"[A-Z]" if c == "X" else r"\d" if c == "9" else re.escape(c) for c in code)
            for code in data.licence_plate_sidecodes
        ]
        self.plate = (
            re.compile(rf"(?<![\w-])(?:{'|'.join(plates)})(?![\w-])", re.IGNORECASE)
            if plates
            else None
        )
        self._compile_names(data)

    # -- names -----------------------------------------------------------------------------

    def _compile_names(self, data: PrivacyData) -> None:
        prefixes_lower = alternation(data.surname_prefixes) or "van"
        # Any case: "Bas van Der Vlies" must not end at "Der" as if it were the surname.
        prefixes_any = f"(?i:{prefixes_lower})"
        prefixes_cap = (
            alternation({p[0].upper() + p[1:] for p in data.surname_prefixes if p[:1].isalpha()})
            or "Van"
        )
        surname = rf"{_CAPWORD}(?:-(?:(?:{prefixes_lower}){_WS})?{_CAPWORD})*"
        self.capword = re.compile(rf"(?<![\w'’-]){_FIRST}{_END}")
        self.after_first = re.compile(
            rf"(?:{_WS}(?P<init>{_INITIALS}))?(?:{_WS}(?P<prefix>{prefixes_any}))?"
            rf"{_WS}(?P<last>{surname}){_END}"
        )
        self.after_first_lines = re.compile(
            rf"(?:{_WS_LINE}(?P<init>{_INITIALS}))?(?:{_WS_LINE}(?P<prefix>{prefixes_any}))?"
            rf"{_WS_LINE}(?P<last>{surname}){_END}"
        )
        # "De Vries zei", "Van den Berg vond": a capitalised particle and a listed surname.
        self.particle_surname = re.compile(
            rf"(?<![\w'’-])(?P<prefix>{prefixes_cap}){_WS}(?P<last>{_CAPWORD}){_END}"
        )
        # First names that say "a name" in any case ("jan de vries", "JAN DE VRIES"); those
        # that are also ordinary words or function words need a capital.
        self.plain_first_names = frozenset(
            name.lower()
            for name in data.first_names
            if name.lower() not in data.ambiguous_first_names
            and name.lower() not in data.function_words
        )
        self.after_unknown = re.compile(
            rf"{_WS}(?P<prefix>{prefixes_lower}){_WS}(?P<last>{surname}){_END}"
        )
        self.title_words = frozenset(t.split()[-1] for t in data.titles)
        titles = alternation(data.titles) if data.titles else None
        self.title = (
            re.compile(
                rf"(?<![\w.])(?i:{titles})(?:{_WS}(?i:{titles}))*{_WS}"
                rf"(?P<name>(?:{_INITIALS}[ ]?)?(?:(?P<first>{_FIRST}){_WS})?"
                rf"(?:(?P<prefix>{prefixes_any}){_WS})?(?P<last>{surname})){_END}"
            )
            if titles
            else None
        )
        self.title_short = re.compile(
            rf"(?:{_INITIALS}[ ]?)?(?:(?P<prefix>{prefixes_any}){_WS})?(?P<last>{surname}){_END}"
        )
        roles = alternation(data.role_words) if data.role_words else None
        self.role = (
            re.compile(
                rf"(?<![\w])(?i:{roles}){_WS}(?P<name>(?:(?P<prefix>{prefixes_cap}){_WS})?"
                rf"(?P<last>{surname})){_END}"
            )
            if roles
            else None
        )
        self.initials = re.compile(
            rf"(?<![\w.])(?P<init>{_INITIALS})[ ]?(?:(?P<prefix>{prefixes_any}){_WS})?"
            rf"(?P<last>{surname}){_END}"
        )
        self.initials_only = re.compile(rf"(?<![\w.])(?P<init>{_INITIALS})(?=[ \t\u00a0])")
        self.next_word = re.compile(rf"{_WS}([\w'’-]+)")
        # One word of a surname typed in lower case ("bakker", "de", "'t"); see _listed_surname.
        self.lower_word = re.compile(rf"{_WS}((?:[{_LO}]|['’])[{_LO}'’]*(?:-[{_LO}]+)*){_END}")
        self.particles = frozenset(w for p in data.surname_prefixes for w in p.split())
        self.surname_cores = frozenset(s.split()[-1] for s in data.surnames)
        self.longest_surname = max((len(s.split()) for s in data.surnames), default=0)
        self.title_only = (
            re.compile(rf"(?<![\w.])(?i:{titles})(?:{_WS}(?i:{titles}))*(?=[ \t\u00a0])")
            if titles
            else None
        )
        self.previous_word = re.compile(r"([\w.'’-]+)[ \t\u00a0]+$")

    # -- candidates --------------------------------------------------------------------------

    def candidates(self, text: str, *, names: bool, nlp: Any) -> list[PiiHit]:
        hits: list[PiiHit] = []
        for find in (
            self._emails,
            self._urls,
            self._ibans,
            self._national_ids,
            self._phones,
            self._plates,
            self._addresses,
            self._postcodes,
        ):
            hits.extend(find(text))
        if names:
            if nlp is not None and "ner" in getattr(nlp, "pipe_names", ()):
                hits.extend(_ner_names(text, nlp))
            else:
                hits.extend(self._names(text))
        return hits

    def _emails(self, text: str) -> Iterator[PiiHit]:
        for pattern in (self.email, self.email_obfuscated):
            for m in pattern.finditer(text):
                yield PiiHit("EMAIL", m.start(), m.end())

    def _urls(self, text: str) -> Iterator[PiiHit]:
        for pattern in (self.url_scheme, self.url_www, self.url_bare):
            for m in pattern.finditer(text):
                url = _trim_url(m.group())
                if pattern is self.url_www and "." not in url[4:].strip("."):
                    continue
                if pattern is self.url_bare and len(url.split("/")[0].rsplit(".", 1)[0]) < 2:
                    continue  # "J.de Vries": an initial, not a domain
                if url:
                    yield PiiHit("URL", m.start(), m.start() + len(url))

    def _ibans(self, text: str) -> Iterator[PiiHit]:
        for m in self.iban.finditer(text):
            positions = [m.start() + i for i, c in enumerate(m.group()) if c.isalnum()]
            compact = "".join(text[p] for p in positions).upper()
            known = _IBAN_LENGTHS.get(compact[:2])
            lengths = [known] if known else range(min(len(compact), 34), 14, -1)
            for length in lengths:
                if length > len(compact):
                    continue
                end = positions[length - 1] + 1
                if end < len(text) and text[end].isalnum():
                    continue
                if _iban_valid(compact[:length]):
                    yield PiiHit("IBAN", m.start(), end)
                    break

    def _national_ids(self, text: str) -> Iterator[PiiHit]:
        if self.national_id is None:
            return
        for m in self.national_id.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if not self.data.national_id_check(digits):
                continue
            before = text[max(0, m.start() - 24) : m.start()]
            after = text[m.end() : m.end() + 12]
            if (
                self.amount_before.search(before)
                or self.amount_after.search(after)
                or self.other_number_before.search(before)
            ):
                continue
            yield PiiHit("BSN", m.start(), m.end())

    def _phones(self, text: str) -> Iterator[PiiHit]:
        times = [(t.start(), t.end()) for t in _TIME_RANGE.finditer(text)]
        for m in self.phone.finditer(text):
            for hit in self._phone_numbers(text, m.start(), m.group()):
                if not any(hit.start < end and start < hit.end for start, end in times):
                    yield hit

    def _phone_numbers(self, text: str, offset: int, candidate: str) -> Iterator[PiiHit]:
        groups = [(g.start(), g.end()) for g in re.finditer(r"\d+", candidate)]
        lead = candidate[: groups[0][0]]
        i = 0
        while i < len(groups):
            if self._date_at(candidate, groups, i):
                i += 3
                continue
            start = groups[i][0]
            first_group = candidate[start : groups[i][1]]
            if i > 0 and (
                first_group.startswith("00")
                or not set(candidate[groups[i - 1][1] : start]) & _PHONE_LIST_BREAKS
            ):
                i += 1  # inside a dotted or dashed run ("09.00-10.30"), no new number starts
                continue
            international = first_group.startswith("00")
            if i == 0 and "+" in lead:
                start, international = 0, True
            elif i == 0 and "(" in lead:
                start = 0
            elif i > 0 and candidate[start - 1] == "(":
                start -= 1
            digits = ""
            best = None
            for j in range(i, len(groups)):
                if j > i and not _phone_separator(candidate[groups[j - 1][1] : groups[j][0]]):
                    break
                digits += candidate[groups[j][0] : groups[j][1]]
                if len(digits) > 16:
                    break
                if self._phone_valid(
                    digits[2:] if digits.startswith("00") else digits, international
                ):
                    best = j
            if best is None:
                i += 1
                continue
            end = groups[best][1]
            if candidate[start] == "(" and ")" not in candidate[start:end]:
                start = groups[i][0]  # "(06-12345678)": the brackets enclose the whole number
            after = text[offset + end :]
            if not (self.phone_not_before and self.phone_not_before.match(after)):
                yield PiiHit("PHONE", offset + start, offset + end)
            i = best + 1

    @staticmethod
    def _date_at(candidate: str, groups: list[tuple[int, int]], i: int) -> bool:
        """Day, month and year at group ``i`` ("01-02-2020", "1/2/21"): not a phone number."""
        if i + 2 >= len(groups):
            return False
        (a, b), (c, d), (e, f) = groups[i : i + 3]
        sep1, sep2 = candidate[b:c], candidate[d:e]
        if sep1 != sep2 or sep1 not in _DATE_SEPARATORS:
            return False
        if i + 3 < len(groups) and candidate[f : groups[i + 3][0]] == sep1:
            return False  # a fourth group the same way: "06.12.34.56.78" is a phone number
        day, month, year = candidate[a:b], candidate[c:d], candidate[e:f]
        return (
            len(day) <= 2
            and len(month) <= 2
            and len(year) in (2, 4)
            and 1 <= int(day) <= 31
            and 1 <= int(month) <= 12
        )

    def _phone_valid(self, digits: str, international: bool) -> bool:
        data = self.data
        if international:
            code = data.phone_country_code
            if code and digits.startswith(code):
                rest = digits[len(code) :]
                if rest.startswith("0"):
                    rest = rest[1:]
                return len(rest) == data.phone_national_digits - 1 and rest[:1] != "0"
            return 8 <= len(digits) <= 15
        if not digits.startswith("0") or not data.phone_national_digits:
            return False
        if digits[:4] in data.phone_service_prefixes:
            return len(digits) in data.phone_service_digits
        return len(digits) == data.phone_national_digits and digits[1] != "0"

    def _plates(self, text: str) -> Iterator[PiiHit]:
        if self.plate is None:
            return
        for m in self.plate.finditer(text):
            letters = "".join(c for c in m.group() if c.isalpha())
            if letters.isupper() or letters.islower():
                yield PiiHit("LICENCE_PLATE", m.start(), m.end())

    def _addresses(self, text: str) -> Iterator[PiiHit]:
        for start, end in self.addresses.find(text):
            yield PiiHit("ADDRESS", start, end)

    def _vocabulary_word(self, word: str) -> bool:
        """A lower-case word of the language's word list ("snelweg", "sportpark")."""
        code = self.data.vocabulary
        return bool(code) and word in ordinary_words(code or "")

    def _postcodes(self, text: str) -> Iterator[PiiHit]:
        if self.postcode is None:
            return
        data = self.data
        for m in self.postcode.finditer(text):
            space, letters = m.group(2), m.group(3)
            if letters.upper() in data.postcode_never_letters:
                continue
            cue = bool(self.postcode_cue.search(text[max(0, m.start() - 20) : m.start()]))
            place_follows = bool(self.place_after.match(text, m.end()))
            common = letters.lower() in data.postcode_not_letters
            address = not cue and self.addresses.after_address(text, m.start())
            year = 1900 <= int(m.group(1)) <= 2099 and bool(
                self.year_before.search(text[max(0, m.start() - 20) : m.start()])
            )
            if cue:
                ok = True  # "postcode 3584 cs"
            elif address:
                ok = not common or place_follows  # "kerkstraat 12, 3511 ab"
            elif year:
                ok = False  # "jaar 2021 AB", "sinds 2019 EV"
            elif letters.isupper():
                # "1234AB", "1234 AB"; not "2020 EN" or "1000 KM" unless a place follows
                ok = not common or place_follows
            elif not space:
                ok = not common  # "1234ab"; not "1000km"
            else:
                ok = place_follows and not common  # "1234 ab Amsterdam"; not "2020 en Rotterdam"
            if ok:
                yield PiiHit("POSTCODE", m.start(), m.end())

    # -- names -------------------------------------------------------------------------------

    def _names(self, text: str) -> Iterator[PiiHit]:
        lowered = _lowered(text)
        yield from self._titled_names(text, lowered)
        yield from self._role_names(text)
        yield from self._initialled_names(text)
        yield from self._names_in_any_case(text, lowered)
        yield from self._particle_surnames(text)
        data = self.data
        for m in self.capword.finditer(text):
            word = m.group()
            if word in data.first_names or self._double_first_name(word):
                yield from self._first_name(text, m)
            else:
                yield from self._unknown_first(text, m)

    def _double_first_name(self, word: str) -> bool:
        """ "Anne-Marie", "Gert-Jan": hyphenated, one part a known first name."""
        parts = word.split("-")
        if len(parts) != 2 or parts[0].lower() in self.data.name_preceders:
            return False
        known = [part in self.data.first_names for part in parts]
        if all(known):
            return True
        other = parts[known.index(False)].lower() if any(known) else ""
        # "Gert-Jan" yes; "Willem-Alexanderkazerne" no.
        return bool(other) and len(other) <= 8 and not self._ordinary(other)

    def _first_name(self, text: str, m: re.Match[str]) -> Iterator[PiiHit]:
        data = self.data
        if self._preceded_by(text, m.start(), data.name_preceders):
            return
        if self._idiom_at(text, m.start()):
            return
        full = self.after_first.match(text, m.end()) or self._over_a_line(text, m.end())
        if full:
            verdict = self._surname_verdict(full.group("last"), prefixed=bool(full["prefix"]))
            if verdict == "ok" and self._institution_after(text, full.end()):
                verdict = "place"
            if verdict == "ok" and self._organisation_after(full, text):
                verdict = "no"
            if verdict == "ok":
                yield PiiHit("NAME", m.start(), self._second_surname(text, full.end()))
                return
            if verdict == "place":
                return  # a street or a building named after someone ("Jan van Galenstraat")
        lower = self._listed_surname(text, m.end())
        if lower is not None:
            yield PiiHit("NAME", m.start(), lower[1])  # "Sanne bakker", "Rene le blanc"
            return
        word = m.group().lower()
        if word in data.ambiguous_first_names:
            return
        nxt = self.next_word.match(text, m.end())
        if nxt and (nxt.group(1)[:1].isupper() or nxt.group(1).lower() in data.institution_words):
            return  # part of a capitalised sequence that is no person ("Anne Frank Huis")
        if (
            word in data.function_words
            and nxt
            and nxt.group(1)[:1].islower()
            and sentence_initial(text, m.start())
        ):
            return  # a determiner that is also a first name: "Elke stem telt"
        yield PiiHit("NAME", m.start(), m.end())

    def _over_a_line(self, text: str, end: int) -> re.Match[str] | None:
        """A surname on the next line ("Jan\nde Vries", "Ester\nWillemsen"), when it is one:
        after a particle, listed, or no ordinary word (not "Sanne\nDaarna", "Anne\nVergadering")."""
        found = self.after_first_lines.match(text, end)
        if found is None:
            return None
        last = found.group("last").lower()
        core = last.split("-")[-1]
        if (
            found["prefix"]
            or last in self.data.surnames
            or core in self.surname_cores
            or not (self._ordinary(core) or core in self.data.function_words)
        ):
            return found
        return None

    def _names_in_any_case(self, text: str, lowered: str) -> Iterator[PiiHit]:
        """A known first name and a listed surname, whatever their case ("jan de vries",
        "JAN DE VRIES"); ``lowered`` is the text in lower case, offset for offset."""
        data = self.data
        for m in _WORD.finditer(lowered):
            if m.group() not in self.plain_first_names:
                continue
            written = text[m.start() : m.end()]
            if written != written.lower() and written != written.upper():
                continue  # "Jeroen Bosch Ziekenhuis": capitalised names are judged above
            if self._preceded_by(lowered, m.start(), data.name_preceders):
                continue
            surname = self._listed_surname(lowered, m.end())
            if (
                surname is not None
                and not self._idiom_at(lowered, m.start())
                and not self._institution_after(lowered, surname[1])
            ):
                yield PiiHit("NAME", m.start(), surname[1])

    def _particle_surnames(self, text: str) -> Iterator[PiiHit]:
        """A listed surname with a capitalised particle: "De Vries zei", "volgens De Jong".
        Dutch capitalises the particle only where no first name or initial precedes, so it is
        a person's surname; places such as "Den Haag" and "De Bilt" are no listed surnames."""
        for m in self.particle_surname.finditer(text):
            surname = " ".join(f"{m['prefix']} {m['last']}".lower().split())
            if surname in self.data.surnames and not self._institution_after(text, m.end()):
                yield PiiHit("NAME", m.start(), m.end())

    def _second_surname(self, text: str, end: int) -> int:
        """Past a listed surname that follows a full name ("Anna de Lange Jansen"), or ``end``."""
        nxt = self.next_word.match(text, end)
        if (
            nxt
            and nxt.group(1)[:1].isupper()
            and all(part in self.data.surnames for part in nxt.group(1).lower().split("-"))
            and not self._institution_after(text, nxt.end())
        ):
            return nxt.end()
        return end

    def _listed_surname(self, text: str, end: int) -> tuple[int, int] | None:
        """Where a listed surname typed in lower case right after ``end`` is, or None.

        "Sanne bakker", "Hugo de groot", "Rene le blanc": the particles and the surname must be
        listed together (:attr:`PrivacyData.surnames`), so "Sanne zei dat" and "Jan de bakker"
        (the baker) stay as they are.
        """
        words: list[str] = []
        best = None
        start = position = end
        while len(words) < self.longest_surname:
            m = self.lower_word.match(text, position)
            if not m:
                break
            if not words:
                start = m.start(1)
            words.append(m.group(1).lower())
            position = m.end()
            if " ".join(words) in self.data.surnames:
                best = (start, position)
            elif words[-1] not in self.particles:
                break
        return best

    def _unknown_first(self, text: str, m: re.Match[str]) -> Iterator[PiiHit]:
        """An unknown capitalised word, a lower-case prefix and a surname: "Xandra de Wit"."""
        follow = self.after_unknown.match(text, m.end())
        if not follow:
            return
        data = self.data
        word = m.group()
        lower = word.lower()
        if (
            lower in data.function_words
            or lower in data.not_surnames
            or lower in data.role_words
            or lower in data.label_words
            or any(part in data.not_surnames for part in lower.split("-"))
            or self._ordinary(lower)
            or self._preceded_by(text, m.start(), data.name_preceders)
        ):
            return
        last = follow.group("last")
        if (
            not self._surname_ok(last, prefixed=True)
            or self._institution_after(text, follow.end())
            or self._organisation_after(follow, text)
        ):
            return
        if sentence_initial(text, m.start()) and self._ordinary(last.lower()):
            return
        yield PiiHit("NAME", m.start(), follow.end())

    def _titled_names(self, text: str, lowered: str) -> Iterator[PiiHit]:
        if self.title is None or self.title_only is None:
            return
        for m in self.title.finditer(text):
            start = m.start("name")
            prefixed = bool(m["prefix"])
            if (
                self._surname_ok(m["last"], prefixed=prefixed)
                and not self._institution_after(text, m.end())
                and not self._organisation_after(m, text)
            ):
                yield PiiHit("NAME", start, m.end())
                continue
            short = self.title_short.match(text, start)
            if (
                short
                and self._surname_ok(short["last"], prefixed=bool(short["prefix"]))
                and not self._organisation_after(short, text)
            ):
                yield PiiHit("NAME", start, short.end())
        for m in self.title_only.finditer(lowered):
            lower = self._listed_surname(lowered, m.end())
            if lower is None:
                continue
            written = text[lower[0] : lower[1]]
            if written in (written.lower(), written.upper()):
                yield PiiHit("NAME", *lower)  # "mevrouw de vries", "DHR. RUTTE"

    def _role_names(self, text: str) -> Iterator[PiiHit]:
        if self.role is None:
            return
        for m in self.role.finditer(text):
            last = m.group("last")
            prefixed = bool(m["prefix"])
            if (
                not self._surname_ok(last, prefixed=prefixed)
                or self._institution_after(text, m.end())
                or self._organisation_after(m, text)
            ):
                continue
            if not prefixed and self._ordinary(last.lower()):
                continue
            nxt = self.next_word.match(text, m.end())
            if nxt and nxt.group(1)[:1].isupper():
                continue  # a function title ("coördinator Gemeentelijke Crisisbeheersing")
            yield PiiHit("NAME", m.start("name"), m.end())

    def _initialled_names(self, text: str) -> Iterator[PiiHit]:
        data = self.data
        for m in self.initials_only.finditer(text):
            if m.group("init").replace(" ", "").upper() in _ABBREVIATION_INITIALS:
                continue
            lower = self._listed_surname(text, m.end())
            if lower is not None and not self._preceded_by(text, m.start(), data.label_words):
                yield PiiHit("NAME", m.start(), lower[1])  # "J. de vries", "P. bakker"
        for m in self.initials.finditer(text):
            initials = m.group("init").replace(" ", "")
            if initials.upper() in _ABBREVIATION_INITIALS:
                continue
            if self._preceded_by(text, m.start(), data.label_words):
                continue
            last = m.group("last")
            prefixed = bool(m["prefix"])
            if (
                not self._surname_ok(last, prefixed=prefixed)
                or self._institution_after(text, m.end())
                or self._organisation_after(m, text)
            ):
                continue
            single = initials.count(".") == 1
            if single and not prefixed and self._ordinary(last.lower()):
                # "Plan B. Daarna": one capital and an ordinary word is a name only after a
                # function word or a form of address ("met H. Mulder", "wethouder F. Kok").
                before = self._previous_word(text, m.start())
                if before is None or not (
                    before in data.function_words
                    or before in data.role_words
                    or before in self.title_words
                ):
                    continue
            yield PiiHit("NAME", m.start(), m.end())

    # -- name checks -------------------------------------------------------------------------

    def _surname_ok(self, surname: str, *, prefixed: bool = False) -> bool:
        return self._surname_verdict(surname, prefixed=prefixed) == "ok"

    def _surname_verdict(self, surname: str, *, prefixed: bool) -> str:
        """ "ok" for a plausible surname, "place" for a street or building, "no" otherwise.

        Without a prefix, a function word is no surname ("Pieter Daarna"); after one it may be
        ("van der Meer", "de Wit").
        """
        data = self.data
        parts = [p for p in re.split(r"[-\s]+", surname.lower()) if p]
        last = parts[-1] if parts else ""
        if not last:
            return "no"
        if any(p in data.institution_words for p in parts) or (
            len(last) > 6 and last.endswith(data.institution_suffixes)
        ):
            return "place"
        if any(p in data.not_surnames for p in parts) or last in self.particles:
            return "no"  # an organisation, or a particle with its surname cut off ("van Der")
        if not prefixed and last in data.function_words:
            return "no"
        return "ok"

    def _organisation_after(self, m: re.Match[str], text: str) -> bool:
        """A particle and an ordinary capitalised word before another capitalised word: the
        name of a department, not a surname ("Bakker van Juridische Zaken", "Sanne van
        Openbare Werken"). Listed surnames stay ("Jan van Dijk Amsterdam" is rare, "Anna de
        Vries Jansen" a name)."""
        if not m["prefix"]:
            return False
        last = re.split(r"[-\s]+", m["last"].lower())[-1]
        if last in self.surname_cores or not any(map(self._ordinary, _adjective_stems(last))):
            return False
        nxt = self.next_word.match(text, m.end())
        return bool(nxt and nxt.group(1)[:1].isupper())

    def _institution_after(self, text: str, end: int) -> bool:
        nxt = self.next_word.match(text, end)
        return bool(nxt and nxt.group(1).lower() in self.data.institution_words)

    def _previous_word(self, text: str, start: int) -> str | None:
        """The lower-case word right before ``start`` (spaces between), or None."""
        prev = self.previous_word.search(text[max(0, start - 40) : start])
        return prev.group(1).lower() if prev else None

    def _preceded_by(self, text: str, start: int, words: frozenset[str]) -> bool:
        word = self._previous_word(text, start)
        return word is not None and (word in words or word.rstrip(".") in words)

    def _idiom_at(self, text: str, start: int) -> bool:
        window = " ".join(text[start : start + 40].lower().split())
        return any(window.startswith(idiom) for idiom in self.data.name_idioms)

    def _ordinary(self, word: str) -> bool:
        """An ordinary word of the language, or a compound of two ("risicobeheersing")."""
        vocabulary_code = self.data.vocabulary
        if not vocabulary_code:
            return False
        vocabulary = ordinary_words(vocabulary_code)
        if word in vocabulary or word in self.data.function_words:
            return True
        # Plurals of loanwords ("drones", "app's"); not patronymics ("Willems") or short names.
        if word.endswith("e") and len(word) >= 7 and word[:-1] in vocabulary:
            return True  # inflected adjectives ("gemeentelijke")
        for ending in ("'s", "’s", "s"):
            stem = word[: -len(ending)]
            if (
                word.endswith(ending)
                and len(word) >= 6
                and stem in vocabulary
                and stem.capitalize() not in self.data.first_names
            ):
                return True
        for i in range(3, len(word) - 3):
            head, tail = word[:i], word[i:]
            if (
                tail in vocabulary
                and len(tail) >= 4
                and (head in vocabulary or (head.endswith("s") and head[:-1] in vocabulary))
            ):
                return True
        return False


def _phone_separator(separator: str) -> bool:
    """Between digit groups of one phone number: a space, a dash, a dot, a slash, brackets."""
    return (
        0 < len(separator) <= 3
        and set(separator) <= _PHONE_SEPARATOR_CHARS
        and sum(c in _PHONE_DASHES for c in separator) <= 1
    )


def _adjective_stems(word: str) -> tuple[str, ...]:
    """The word, and what it would be without an inflection -e ("openbare" -> "openbaar",
    "sociale" -> "sociaal", "financiële" -> "financieel", "juridische" -> "juridisch")."""
    if len(word) < 5 or not word.endswith("e"):
        return (word,)
    stem = word[:-1]
    forms = [word, stem]
    if stem.endswith("ël"):
        forms.append(stem[:-2] + "eel")
    elif stem[-2] in "aeou" and stem[-1] not in "aeiouy":
        forms.append(stem[:-1] + stem[-2] + stem[-1])
    return tuple(forms)


def _lowered(text: str) -> str:
    """``text`` in lower case with the same offsets (a character whose lower case is longer,
    such as "İ", stays as it is)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _ner_names(text: str, nlp: Callable[[str], Any]) -> Iterator[PiiHit]:
    doc = nlp(text)
    for ent in doc.ents:
        if ent.label_ in _PERSON_LABELS:
            yield PiiHit("NAME", ent.start_char, ent.end_char)
