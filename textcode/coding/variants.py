"""Terms a word form meets as a derived form or a misspelling of one of their words.

The compiler first looks for a word's terms by form, lemma, glob and compound. Only a word that
meets none of them is looked at again here, once per word form:

- as a form of another word than the one the tables read first ("rechten" is a verb to them,
  and the plural of ``recht``; "grote" a noun, and a form of ``groot``; "staat" a noun, and a
  form of ``staan``): :meth:`textcode.nlp.lexicon.Lexicon.readings`;
- as a derived form: "koningin" meets ``koning``, "geschoolde" ``school``, "remigratie"
  ``migratie`` and ``migratie*`` (the bases come from :mod:`textcode.nlp.morphology`);
- as a compound spelt with another linking sound: "gedachtengoed" meets ``gedachtegoed``,
  "toeslagaffaire" ``toeslagenaffaire`` (both parts known words);
- as a misspelling: "torslagen" meets ``toeslag*`` through "toeslagen", when the word is long
  enough, no known word itself, no compound of known words, and one edit from a known word or a
  term of the codebook, or one sound spelt another way ("Omtzicht" for ``omtzigt``)
  (:mod:`textcode.nlp.spelling`); a long word that is one edit from no known word, also two
  edits from exactly one term word of the codebook ("eurposche" for ``europese``); or a digit
  typed for the letter below it ("b3ste" for "beste"): :func:`typed_digit_hits`.

A compound term may also be written as two words ("kinder opvang" for ``kinderopvang*``,
"lijst trekker" for ``lijsttrekker``, "sociaal democraat" for ``sociaal-democra*``):
:func:`split_term_phrases` gives the two-word phrases the
compiler adds next to such a term, and :func:`numbered_acronym_phrases` those of a numbered
acronym ("Wo II", "WO twee" for ``WO2``). A phrase with an R-word and a later preposition
("waar het op staat") may be written with the two as one word ("waarop het staat"):
:func:`pronominal_phrases` gives that phrase; a separable verb ("opkomen") its particle apart
("op komt"): :func:`particle_phrases`, or the verb first and the particle at the end of its
clause ("spreekt me aan"): :func:`separated_particles`.

Each hit says how in its ``how``: ``"derived:<base>"``, ``"spelling:<form>"`` or
``"fuzzy:<correction>"``, which the explanation quotes ("afgeleide vorm van ...", "andere
spelling van ...", "spelfout voor ...").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from textcode.codebook.rules import Phrase, Term
from textcode.coding.core import compiled_core
from textcode.lang import LanguageData, MorphologySettings
from textcode.nlp.compounds import compound_terms, split_compound
from textcode.nlp.lexemes import Lexeme
from textcode.nlp.lexicon import Lexicon
from textcode.nlp.morphology import derivation_bases
from textcode.nlp.spelling import (
    far_corrections,
    letter_mask,
    one_edit_variants,
    sound_variants,
    spellings,
)

if TYPE_CHECKING:
    from textcode.coding.compiler import CompiledCodebook

# Each part of a compound written as two words must be this long ("lijst trekker", not "wo ii").
MIN_SPLIT_PART = 4
# What may follow a glob's prefix in a correction that is no word itself.
GLOB_ENDINGS = frozenset({"", "s", "e", "en", "n"})
# A word that splits into known parts this long is a compound, not a misspelling.
MIN_COMPOUND_PART = 5
# A glob's literal prefix must be this long before a misspelling may be taken for it.
MIN_GLOB_PREFIX = 4
# A compound read with another linking sound: each part this long, the word this long.
MIN_LINKED_PART = 4
MIN_LINKED_WORD = 9


def variant_hits(compiled: CompiledCodebook, lexeme: Lexeme) -> dict[int, str]:
    """The token terms ``lexeme`` meets as a derived form or a misspelling, with how."""
    word = lexeme.fold
    hits: dict[int, str] = {}
    settings = compiled.table.language.morphology
    inflected = any(lemma != word for lemma in lexeme.lemmas)
    verbs = compiled.table.lexicon.by_pos.get("verb", frozenset())
    derived = {
        form: derivation_bases(form, settings, participle=not inflected, verbs=verbs)
        for form in dict.fromkeys((word, *lexeme.lemmas))
    }
    for reading in compiled.table.lexicon.readings(word):
        # A participle the tables list as a verb form ("aansprekend", "geschoolde") is read as
        # a derivation below, which says so. A reading is a lemma already: "geschoolde" is no
        # form of "school" through the plural "scholen".
        if reading in derived[word]:
            continue
        for term_id in _plain_terms(compiled, reading, lemmas=False):
            hits.setdefault(term_id, "word")
    if hits:
        return hits
    for bases in derived.values():
        for base in bases:
            for term_id in _plain_terms(compiled, base):
                hits.setdefault(term_id, f"derived:{base}")
        if hits:
            return hits
    for spelling in _linked_spellings(compiled, word):
        for term_id in _plain_terms(compiled, spelling):
            hits.setdefault(term_id, f"spelling:{spelling}")
    if hits:
        return hits
    if _misspelt(compiled, word):
        corrections = _corrections(compiled, word, settings.alphabet)
        for correction in corrections:
            for term_id in _plain_terms(compiled, correction, compounds=True):
                hits.setdefault(term_id, f"fuzzy:{correction}")
        if not corrections:
            far = _far_correction(compiled, word)
            for term_id in compiled._word_keys.get(far, ()):
                hits.setdefault(term_id, f"fuzzy:{far}")
    return hits


def _far_correction(compiled: CompiledCodebook, word: str) -> str:
    """The one term word two edits from ``word``, a long word that is one edit from no known
    word: "eurposche" (the old spelling's "-sche" for "-se") for ``europese``. Two term words
    that near make the word ambiguous ("" then), as a short term would make it chance."""
    settings = compiled.table.language.morphology
    far = compiled._far_words
    if not far or len(word) < settings.fuzzy_far_min_length or not word.isalpha():
        return ""
    size = len(word)
    found = far_corrections(
        word,
        (pair for length in range(size - 2, size + 3) for pair in far.get((word[0], length), ())),
    )
    if not found:
        return ""
    lexicon = compiled.table.lexicon
    # Forms of one word ("internationaal", "internationale") are one word meant.
    shared = set.intersection(
        *({form, *lexicon.lemma_variants(form), *lexicon.readings(form)} for form in found)
    )
    return found[0] if shared else ""


def far_spellings(
    words: Iterable[str], settings: MorphologySettings
) -> dict[tuple[str, int], list[tuple[str, str, int]]]:
    """The term ``words`` a misspelling two edits away may mean (one letter shorter than the
    shortest such misspelling, or longer), with their :func:`spellings`, as (spelling, word,
    letter mask) by the spelling's first letter and length: what :func:`_far_correction`
    compares."""
    found: dict[tuple[str, int], list[tuple[str, str, int]]] = {}
    if not settings.fuzzy_far_min_length:
        return found
    for word in sorted(words):
        if len(word) >= settings.fuzzy_far_min_length - 1:
            for spelling in spellings(word, settings.sound_alikes):
                entry = (spelling, word, letter_mask(spelling))
                found.setdefault((spelling[0], len(spelling)), []).append(entry)
    return found


def typed_digit_hits(compiled: CompiledCodebook, lexeme: Lexeme) -> dict[int, str]:
    """The token terms ``lexeme`` meets when its one digit was typed for the letter below it
    on the keyboard ("b3ste" for "beste", "8k" for "ik"): the word reads as a known word.

    A digit at the end ("WO2", "co2", "D66") or two of them ("JA21", "50plus") is a name or a
    number, not a typo."""
    word = lexeme.fold
    digits = [i for i, c in enumerate(word) if c.isdigit()]
    table = dict(compiled.table.language.morphology.typed_digits)
    if len(digits) != 1 or not table:
        return {}
    at = digits[0]
    rest = word[:at] + word[at + 1 :]
    if at == len(word) - 1 or not rest.isalpha() or word[at] not in table:
        return {}
    lexicon = compiled.table.lexicon
    hits: dict[int, str] = {}
    for letter in table[word[at]]:
        candidate = word[:at] + letter + word[at + 1 :]
        if not (
            candidate in compiled._word_keys
            or lexicon.is_word(candidate)
            or lexicon.is_word(lexicon.lemma(candidate))
            or candidate in lexicon.stop_words
        ):
            continue
        for term_id in _plain_terms(compiled, candidate):
            hits.setdefault(term_id, f"fuzzy:{candidate}")
    return hits


def _plain_terms(
    compiled: CompiledCodebook, word: str, *, compounds: bool = False, lemmas: bool = True
) -> list[int]:
    """Word and glob terms that ``word`` meets by form or lemma (and as a compound).

    ``lemmas`` False: by form only, for a word that is already a lemma.
    """
    lexicon = compiled.table.lexicon
    found: list[int] = []
    keys = (word, *lexicon.lemma_variants(word)) if lemmas else (word,)
    for key in keys:
        found.extend(compiled._word_keys.get(key, ()))
        for size in compiled._prefix_sizes:
            if size > len(key):
                break
            found.extend(compiled._prefix_globs.get(key[:size], ()))
    for term_id, expression in compiled._patterns:
        if compiled.token_terms[term_id].kind == "glob" and any(
            expression.fullmatch(key) for key in keys
        ):
            found.append(term_id)
    if compounds and not found:
        settings = compiled.table.language.compounds
        for term, _ in compound_terms(word, compiled._compound_terms, lexicon, settings):
            found.extend(compiled._word_keys.get(term, ()))
    return found


def _misspelt(compiled: CompiledCodebook, word: str) -> bool:
    """Whether ``word`` may be a misspelling: long enough, and no word, inflection or
    compound the language knows."""
    settings = compiled.table.language.morphology
    if not settings.fuzzy_min_length or not (
        settings.fuzzy_min_length <= len(word) <= settings.fuzzy_max_length
    ):
        return False
    lexicon = compiled.table.lexicon
    # One edit changes the length by one at most: a word longer than every known word and
    # term is no misspelling of one, and its edits (length x alphabet of them) are not tried,
    # so that a pasted log line or URL costs time linear in its length.
    if len(word) > max(lexicon.longest_compound, compiled._fuzzy_longest) + 1:
        return False
    if lexicon.is_word(word) or word in lexicon.stop_words:
        return False
    # A lemma the tables give is a known word ("rechten": "recht"); a guess that is none
    # ("gestemt": "gestemmen") does not make a misspelling a word.
    lemma = lexicon.lemma(word)
    if lemma != word and lexicon.is_word(lemma):
        return False
    # A compound of two real words is no misspelling ("klimaatbeleid"); a split with a short
    # part is chance ("torslagen" is no "tors" + "lagen").
    parts = split_compound(word, lexicon, compiled.table.language.compounds)
    return len(parts) == 1 or min(map(len, parts)) < MIN_COMPOUND_PART


def _corrections(compiled: CompiledCodebook, word: str, alphabet: str) -> tuple[str, ...]:
    """:func:`textcode.nlp.spelling.corrections` with :func:`_known`, the candidates checked
    as one set: most are settled by set intersections, and only those that begin like a
    glob's prefix are walked (a word's first sight costs tens of microseconds, not hundreds)."""
    lexicon = compiled.table.lexicon
    stems = compiled._glob_stems
    word_keys = compiled._word_keys
    sounds = set(sound_variants(word, compiled.table.language.morphology.sound_alikes))
    core = compiled_core()
    if core is not None:
        # The same test of each candidate as below, in C; an edit that no known word can be
        # (core.EditFilter) is not made into a string at all.
        if compiled._edit_filter is None:
            compiled._edit_filter = core.EditFilter(
                word_keys, lexicon.folded_words, *lexicon.word_sources()
            )
        known, stem_like = core.known_edits(
            word,
            alphabet,
            stems,
            MIN_GLOB_PREFIX,
            compiled._edit_filter,
            word_keys,
            lexicon.words,
            lexicon.folded_words,
        )
        stem_like |= {c for c in sounds if c[:MIN_GLOB_PREFIX] in stems}
        found = core.known_corrections(
            sounds,
            stem_like - known,
            word_keys,
            lexicon.words,
            lexicon.folded_words,
            stems,
            compiled._prefix_globs,
            GLOB_ENDINGS,
            MIN_GLOB_PREFIX,
            lexicon.is_word,
        )
        return tuple(sorted(known | found))
    candidates = set(one_edit_variants(word, alphabet))
    # A glob's prefix is MIN_GLOB_PREFIX letters or more: a candidate that does not begin
    # like one is not walked.
    stem_like = {c for c in candidates if c[:MIN_GLOB_PREFIX] in stems}
    candidates = candidates | sounds
    stem_like = stem_like | {c for c in sounds if c[:MIN_GLOB_PREFIX] in stems}
    # (set & frozenset runs over the smaller set; set & dict keys would copy all the keys)
    found = {candidate for candidate in candidates if candidate in word_keys}
    found |= candidates & lexicon.words
    found |= candidates & lexicon.folded_words
    known = _known(compiled)
    found.update(candidate for candidate in stem_like - found if known(candidate))
    return tuple(sorted(found))


def _linked_spellings(compiled: CompiledCodebook, word: str) -> list[str]:
    """``word``, a compound, with another linking sound between its parts, when that
    spelling is a term of the codebook: "gedachtengoed" for ``gedachtegoed``, "toeslagaffaire"
    for ``toeslagenaffaire``. Both parts must be known words (the first without its link)."""
    settings = compiled.table.language
    links = settings.morphology.compound_links
    if not links or not settings.compounds.enabled or not word.isalpha():
        return []
    lexicon = compiled.table.lexicon
    if not MIN_LINKED_WORD <= len(word) <= lexicon.longest_compound:
        return []
    word_keys = compiled._word_keys
    prefixes = compiled._prefix_globs
    found: dict[str, None] = {}
    for cut in range(MIN_LINKED_PART, len(word) - MIN_LINKED_PART + 1):
        left, right = word[:cut], word[cut:]
        if not lexicon.is_word(right):
            continue
        for link in links:
            if not left.endswith(link) or len(left) - len(link) < MIN_LINKED_PART:
                continue
            base = left[: len(left) - len(link)]
            if not lexicon.is_word(base):
                continue
            for other in links:
                candidate = base + other + right
                if other == link or candidate in found:
                    continue
                if candidate in word_keys or any(
                    candidate[:size] in prefixes
                    for size in compiled._prefix_sizes
                    if size > len(base) + len(other)
                ):
                    found[candidate] = None
    return sorted(found)


def _known(compiled: CompiledCodebook) -> Callable[[str], bool]:
    lexicon = compiled.table.lexicon
    word_keys = compiled._word_keys
    prefixes = compiled._prefix_globs
    stems = compiled._glob_stems

    words, folded = lexicon.words, lexicon.folded_words  # Lexicon.is_word, inlined: hot

    def known(candidate: str) -> bool:
        if candidate in word_keys or candidate in words or candidate in folded:
            return True
        # A glob's prefix plus nothing, an ending or a word: "cofid" is "covid" of ``covid*``,
        # "toeslabgaffaire" "toeslag" + "affaire" of ``toeslag*``; "death" is no "debat" + "h".
        # The candidate is walked along the prefixes' beginnings, so most stop at a letter or two.
        size = 1
        while size <= len(candidate) and candidate[:size] in stems:
            if size >= MIN_GLOB_PREFIX and candidate[:size] in prefixes:
                tail = candidate[size:]
                if tail in GLOB_ENDINGS or (len(tail) >= 3 and lexicon.is_word(tail)):
                    return True
            size += 1
        return False

    return known


def split_term_phrases(phrase: Phrase, lexicon: Lexicon, language: LanguageData) -> list[Phrase]:
    """Two-word phrases for a one-word compound term: the first part as written (with and
    without its linking "s"), then the head as a word or the rest of the glob."""
    if len(phrase.terms) != 1 or not language.compounds.enabled:
        return []
    term = phrase.terms[0]
    text = term.text.lower()
    if term.kind == "word" and text.replace("-", "").isalpha():
        base, rest = text, ""
    elif term.kind == "glob" and text.endswith("*") and text[:-1].replace("-", "").isalpha():
        base, rest = text[:-1], "*"
    else:
        return []
    stop_words = language.stop_words
    if base.count("-") == 1:
        # A hyphen marks the parts: ``sociaal-democra*`` is also "sociaal democraat".
        first, head = base.split("-")
        pairs = [(first, head)]
    elif "-" in base:
        return []
    else:
        parts = split_compound(base, lexicon, language.compounds)
        if len(parts) == 2 and base.endswith(parts[1]):
            head = parts[1]
            pairs = [(first, head) for first in dict.fromkeys((base[: -len(head)], parts[0]))]
        elif rest:
            # A glob whose prefix ends in no word of its own: ``sociaaldemocra*`` is
            # "sociaal" and "democra*", the longest known first part.
            pairs = [
                (base[:cut], base[cut:])
                for cut in range(len(base) - MIN_SPLIT_PART, MIN_SPLIT_PART - 1, -1)
                if lexicon.is_word(base[:cut])
            ][:1]
        else:
            return []
    result = []
    for first, head in pairs:
        if min(len(first), len(head)) < MIN_SPLIT_PART or {first, head} & stop_words:
            continue
        second = Term("glob", head + rest) if rest else Term("word", head)
        result.append(Phrase((Term("exact", first), second)))
    return result


_ROMAN = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x")
_NUMBERED = re.compile(r"([A-Za-z]{2,})-?([1-9]|10|[IVX]+)")


def numbered_acronym_phrases(phrase: Phrase, language: LanguageData) -> list[Phrase]:
    """Two-word phrases for a numbered acronym (``WO2``, ``WOII``, or a word term ``wo2``): its
    letters in any case, then its number as a digit, a Roman numeral or a word ("Wo II",
    "WO 2", "WO twee")."""
    words = language.morphology.number_words
    if len(phrase.terms) != 1 or not words:
        return []
    term = phrase.terms[0]
    found = _NUMBERED.fullmatch(term.text)
    # A word written in small letters may end in "ii" ("hawaii"), but in no digit ("wo2").
    if found is None or not (
        term.kind == "acronym" or (term.kind == "word" and term.text[-1].isdigit())
    ):
        return []
    letters, number = found.groups()
    value = int(number) if number.isdigit() else _roman_value(number.lower())
    if not 1 <= value <= min(len(words), len(_ROMAN)):
        return []
    forms = dict.fromkeys((str(value), _ROMAN[value - 1], words[value - 1]))
    return [Phrase((Term("exact", letters.lower()), Term("exact", form))) for form in forms]


def _roman_value(numeral: str) -> int:
    return _ROMAN.index(numeral) + 1 if numeral in _ROMAN else 0


def pronominal_phrases(phrase: Phrase, language: LanguageData) -> list[Phrase]:
    """The phrase with its R-word and a later preposition written as one pronominal adverb:
    "waar het op staat" as "waarop het staat", "waar ik voor sta" as "waarvoor ik sta",
    "het er mee eens" as "het ermee eens"."""
    settings = language.morphology
    terms = phrase.terms
    plain = [term.kind == "word" for term in terms]  # an exact term ("=waar") stays as written
    result = []
    for i, term in enumerate(terms):
        if not plain[i] or term.text.lower() not in settings.r_words:
            continue
        for j in range(i + 1, len(terms)):
            form = settings.r_prepositions.get(terms[j].text.lower()) if plain[j] else None
            if form is None:
                continue
            joined = Term("exact", term.text.lower() + form)
            result.append(Phrase((*terms[:i], joined, *terms[i + 1 : j], *terms[j + 1 :])))
            break
    return result


def particle_phrases(phrase: Phrase, lexicon: Lexicon, language: LanguageData) -> list[Phrase]:
    """A separable verb as a one-word term ("opkomen", "opkomt") with its particle written
    apart, as a verb-final clause may have it: "omdat deze partij voor ons op komt"."""
    if len(phrase.terms) != 1 or phrase.terms[0].kind != "word":
        return []
    text = phrase.terms[0].text.lower()
    verbs = lexicon.by_pos.get("verb", frozenset())
    if not text.isalpha() or lexicon.lemma(text) not in verbs:
        return []
    for particle in sorted(language.morphology.particles, key=len, reverse=True):
        rest = text[len(particle) :]
        if text.startswith(particle) and len(rest) >= 3 and lexicon.lemma(rest) in verbs:
            return [Phrase((Term("exact", particle), Term("word", rest)))]
    return []


def separated_particles(
    phrase: Phrase, lexicon: Lexicon, language: LanguageData
) -> list[tuple[Term, Term]]:
    """A separable verb as a one-word term (``aanspreken``, ``aansluit``) split the way a main
    clause splits it, the verb first and its particle at the end of the clause: "het
    programma spreekt me aan", "sluit het best aan bij mijn ideeën". Returns the verb (as a
    word, any of its forms) and the particle (exact); the caller joins them with ``NEXT``,
    whose particle may end its clause further on."""
    settings = language.morphology
    if len(phrase.terms) != 1 or phrase.terms[0].kind != "word" or not settings.particle_reach:
        return []
    text = phrase.terms[0].text.lower()
    verbs = lexicon.by_pos.get("verb", frozenset())
    lemma = lexicon.lemma(text) if text.isalpha() else ""
    if lemma not in verbs:
        return []
    for particle in sorted(settings.particles, key=len, reverse=True):
        rest = lemma[len(particle) :]
        if lemma.startswith(particle) and len(rest) >= MIN_SPLIT_PART and rest in verbs:
            return [(Term("word", rest), Term("exact", particle))]
    return []
