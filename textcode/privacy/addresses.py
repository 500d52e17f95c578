"""Street addresses in free text: a street name and a house number ("Kerkstraat 12").

A street name ends in one of the language's street words ("Oudegracht", "Stationsplein") or
starts with one before a particle ("Laan van Meerdervoort"); the name parts before it that are
capitalised come along ("Jan van Galenstraat", "Tweede Oosterparkstraat"). The house number
may carry a letter or an addition ("245a", "3 B", "5-II", "12-14"). Look-alikes stay: a
number that is a quantity ("de snelweg 30 minuten"), a year ("de arbeidsmarkt 2021"), and a
lower-case ordinary word ("het sportpark 4") unless the text says it is an address ("ik woon
aan de dorpsstraat 5"). The words come from ``textcode/lang/<code>/privacy.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from textcode.privacy.language import PrivacyData
from textcode.privacy.patterns import alternation, sentence_initial

# A house number: digits, then a letter (attached, or a capital after a space) and an addition
# after a dash; not a decimal, a time or the start of a longer word.
_HOUSE = (
    r"(?P<number>[1-9]\d{0,3})(?:(?P<letter>[A-Za-z])(?!\w)|[ ](?P<spaced>[A-Z])(?!\w))?"
    r"(?:-(?:\d{1,4}|[A-Za-z]{1,4})(?!\w))?(?!\w|[.,:]\d)"
)
_WS = r"[ \t\u00a0]+"
_CAPITAL = r"(?:IJ|[A-ZÀ-ÖØ-Þ])[a-zß-öø-ÿ]+"
_EARLIEST_YEAR = 1800


class AddressFinder:
    """The compiled address patterns of one language."""

    def __init__(self, data: PrivacyData, ordinary: Callable[[str], bool]) -> None:
        self.data = data
        self.ordinary = ordinary
        suffixes = alternation(data.street_suffixes)
        self.suffixes = sorted(data.street_suffixes, key=len, reverse=True)
        particles = alternation(data.surname_prefixes)
        self.particles = frozenset(w for p in data.surname_prefixes for w in p.split())
        self.street = re.compile(
            rf"(?<![\w'’-])(?P<street>[^\W\d_][\w'’-]*?(?i:{suffixes})){_WS}{_HOUSE}"
        )
        leading = alternation(s.capitalize() for s in data.street_suffixes)
        self.leading = re.compile(
            rf"(?<![\w'’-])(?P<street>(?:{leading})(?:{_WS}(?:{particles}))+"
            rf"(?:{_WS}{_CAPITAL}){{1,4}}){_WS}{_HOUSE}"
        )
        self.ends_with_address = re.compile(
            rf"(?i:{suffixes}){_WS}[1-9]\d{{0,3}}(?:[ ]?[a-z])?(?:-\w{{1,4}})?[ \t]*,?[ \t]*$",
            re.IGNORECASE,
        )
        cues = alternation(data.address_cues) or r"(?!)"
        self.cue = re.compile(rf"(?<!\w)(?:{cues})(?!\w)", re.IGNORECASE)
        self.next_word = re.compile(r"[ \t\u00a0]*([\w%€'’]+)")
        self.previous_word = re.compile(r"([\w'’-]+)[ \t\u00a0]+$")

    def find(self, text: str) -> Iterator[tuple[int, int]]:
        """``(start, end)`` of every street address in ``text``."""
        if not self.suffixes:
            return
        for m in self.street.finditer(text):
            if self._street_word(text, m) and self._house_number(text, m):
                yield self._extend_left(text, m.start()), m.end()
        for m in self.leading.finditer(text):
            if self._house_number(text, m):
                yield m.start(), m.end()

    def after_address(self, text: str, start: int) -> bool:
        """Whether ``text`` has a street address (or an address word) shortly before ``start``
        ("Kerkstraat 12, 3511 ab", "adres: 3511 ab")."""
        before = text[max(0, start - 60) : start]
        return bool(self.ends_with_address.search(before) or self.cue.search(before[-40:]))

    def _street_word(self, text: str, m: re.Match[str]) -> bool:
        street = m.group("street")
        lower = street.lower()
        suffix = next(s for s in self.suffixes if lower.endswith(s))
        if len(lower) - len(suffix) < 2:
            return False  # "de dijk 2 keer": a bare street word is no street name
        cued = bool(self.cue.search(text[max(0, m.start() - 40) : m.start()]))
        if street[0].isupper():
            # Capitalised: a name, except an ordinary word that starts a sentence.
            return cued or not (sentence_initial(text, m.start()) and self.ordinary(lower))
        return cued or not self.ordinary(lower)  # "kerkstraat 12" yes, "snelweg 30" no

    def _house_number(self, text: str, m: re.Match[str]) -> bool:
        number = m.group("number")
        if len(number) == 4 and int(number) >= _EARLIEST_YEAR and not m.group("letter"):
            return False  # a year: "de arbeidsmarkt 2021"
        following = self.next_word.match(text, m.end())
        return not (following and following.group(1).lower() in self.data.house_number_not_before)

    def _extend_left(self, text: str, start: int) -> int:
        """Take in the capitalised parts of the street's name before it ("Jan van Galen")."""
        data = self.data
        taken = start
        pending = start  # before particles not yet known to belong
        for _ in range(4):
            previous = self.previous_word.search(text[max(0, pending - 40) : pending])
            if previous is None:
                break
            word = previous.group(1)
            word_start = pending - len(previous.group(0))
            lower = word.lower()
            if lower in self.particles:
                pending = word_start  # "van" belongs only with a name part before it
                continue
            if (
                not word[:1].isupper()
                or lower in data.function_words
                or lower in data.address_cues
                or (sentence_initial(text, word_start) and self.ordinary(lower))
            ):
                break
            taken = pending = word_start
        return taken
