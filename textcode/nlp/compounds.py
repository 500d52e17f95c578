"""Compound words: find codebook terms inside them, and split them into parts for features.

Both decisions rely on the language's real word list (:class:`~textcode.nlp.lexicon.Lexicon`),
not on a guessed suffix rule: a part counts only when it is a known word, so "projectbudget"
holds "budget" while "altijd" does not hold "tijd" (too short a modifier, and listed as a
look-alike besides).
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from textcode.lang import CompoundSettings
from textcode.nlp.lexicon import Lexicon


def _strip_linking(part: str, settings: CompoundSettings, *, at_end: bool) -> list[str]:
    """``part`` and its variants without a linking morpheme (at its end or start)."""
    variants = [part]
    for link in settings.linking:
        if at_end and part.endswith(link) and len(part) - len(link) >= settings.min_modifier:
            variants.append(part[: -len(link)])
        if not at_end and part.startswith(link) and len(part) - len(link) >= settings.min_remainder:
            variants.append(part[len(link) :])
    return variants


def _weak(modifier: str, settings: CompoundSettings) -> bool:
    """Whether ``modifier`` is a weak prefix and a letter or two ("verm", "gebo")."""
    return any(
        modifier.startswith(prefix) and len(modifier) <= len(prefix) + 2
        for prefix in settings.weak_prefixes
    )


def _known(part: str, lexicon: Lexicon) -> bool:
    return lexicon.is_word(part) or lexicon.is_word(lexicon.lemma(part))


def _listed(word: str, lexicon: Lexicon, settings: CompoundSettings) -> bool:
    """Whether ``word`` or its lemma is a listed look-alike ("wethouders", "tijdelijke")."""
    return word in settings.not_compounds or lexicon.lemma(word) in settings.not_compounds


def compound_terms(
    word: str,
    terms: Collection[str],
    lexicon: Lexicon,
    settings: CompoundSettings,
    prefixes: Collection[str] = (),
    prefix_sizes: Sequence[int] | None = None,
) -> list[tuple[str, str]]:
    """The ``terms`` that ``word`` contains as its head or first part.

    Returns ``(term, "head")`` or ``(term, "first")`` pairs. ``word`` and ``terms`` are lower
    case and accent-free. The rest of the word must itself be a known word (after removing a
    linking morpheme), so only genuine compounds count. A word longer than
    :attr:`Lexicon.longest_compound` is no compound: its work stops there.

    ``prefixes`` are the literal beginnings of globs (``gewoonte`` of ``gewoonte*``): a head
    that is itself a known word and starts so is reported as ``(prefix, "head")`` when the
    compound is not itself a listed word, so ``gewoonte*`` meets "uitgewoonte" and
    ``standpunt*`` "klimaatstandpunten", but ``verander*`` not "klimaatverandering".
    ``prefix_sizes`` are the prefixes' lengths in order, when the caller has them at hand.
    """
    if (
        not settings.enabled
        or not 6 <= len(word) <= lexicon.longest_compound
        or _listed(word, lexicon, settings)
    ):
        return []
    found: list[tuple[str, str]] = []
    n = len(word)
    # A three-letter part is a weak signal: a word the lexicon knows as a whole ("bestuur" is
    # not "best" + "uur") only splits off one when the other part is long ("privacywet").
    lexicalised = word in lexicon.base_words
    # An inflected form the tables know must split in line with its lemma: "geregeld" is a
    # form of "regelen", so it does not end in "geld".
    known_lemma: str | None = lexicon.lemma(word)
    if known_lemma == word:
        known_lemma = None
    # A compound the lexicon knows has a meaning of its own ("klimaatverandering" is no
    # wish for change): a glob, which stands for a family of forms, meets only unlisted ones.
    if prefix_sizes is None:
        prefix_sizes = sorted({len(p) for p in prefixes})
    sizes = (
        [] if _known(word, lexicon) else [s for s in prefix_sizes if s >= settings.min_remainder]
    )
    # No modifier longer than this is weak (most are: the test below is then skipped).
    weak_reach = max(map(len, settings.weak_prefixes), default=-3) + 2
    for cut in range(settings.min_modifier, n - 2):
        modifier, head = word[:cut], word[cut:]
        if head in settings.not_parts or modifier in settings.not_parts:
            continue
        if cut <= weak_reach and _weak(modifier, settings):
            continue
        head_lemma = lexicon.lemma(head)
        for candidate in (head, head_lemma):
            if known_lemma is not None and not known_lemma.endswith((head_lemma, candidate)):
                continue
            if len(candidate) < settings.min_head and (
                len(candidate) < 3 or (lexicalised and len(modifier) < 5)
            ):
                continue
            if candidate in terms and any(
                _known(m, lexicon) for m in _strip_linking(modifier, settings, at_end=True)
            ):
                found.append((candidate, "head"))
                break
        glob = _glob_head(modifier, head, prefixes, sizes, lexicon, settings)
        if glob is not None and (known_lemma is None or head_lemma in known_lemma):
            found.append((glob, "head"))
        if (
            modifier in terms
            and (known_lemma is None or known_lemma.startswith(modifier))
            and (
                len(head) >= settings.min_remainder
                or (len(head) == 3 and (not lexicalised or len(modifier) >= 5))
            )
            and any(_known(h, lexicon) for h in _strip_linking(head, settings, at_end=False))
        ):
            found.append((modifier, "first"))
    # A term found both ways (unlikely) is reported once, head first.
    seen: set[str] = set()
    unique = []
    for term, kind in found:
        if term not in seen:
            seen.add(term)
            unique.append((term, kind))
    return unique


def _glob_head(
    modifier: str,
    head: str,
    prefixes: Collection[str],
    sizes: list[int],
    lexicon: Lexicon,
    settings: CompoundSettings,
) -> str | None:
    """The glob prefix the head of ``modifier`` + ``head`` starts with, when both are words."""
    for size in sizes:
        if size > len(head):
            break
        prefix = head[:size]
        if (
            prefix in prefixes
            and _known(head, lexicon)
            and any(_known(m, lexicon) for m in _strip_linking(modifier, settings, at_end=True))
        ):
            return prefix
    return None


def split_compound(word: str, lexicon: Lexicon, settings: CompoundSettings) -> tuple[str, ...]:
    """Split a lower-case word into known parts, head last; ``(word,)`` when it is no compound.

    Picks the longest known head whose modifier is a known word (or splits further), so
    "innovatietrajecten" -> ("innovatie", "traject") and "personeelstekort" -> ("personeel",
    "tekort").
    """
    if (
        not settings.enabled
        or word in settings.not_compounds
        or not 7 <= len(word) <= lexicon.longest_compound
    ):
        return (word,)
    return _split(word, lexicon, settings, depth=0) or (word,)


_MIN_PART = 4  # splitting for features is stricter than term matching: no "ver" + "lener"


def _split(
    word: str, lexicon: Lexicon, settings: CompoundSettings, depth: int
) -> tuple[str, ...] | None:
    n = len(word)
    for cut in range(_MIN_PART, n - _MIN_PART + 1):
        head = word[cut:]
        if not _known(head, lexicon):
            continue
        head_lemma = head if head in lexicon.by_pos.get("noun", ()) else lexicon.lemma(head)
        modifier = word[:cut]
        # A prefix with a letter or two is no word of its own, even when the lexicon lists
        # one ("verm"): "vermogen" is no "verm" + "ogen". Term matching skips them the same way.
        if _weak(modifier, settings):
            continue
        # Prefer the modifier without its linking morpheme: "tijdsdruk" is "tijd" + s + "druk".
        for variant in reversed(_strip_linking(modifier, settings, at_end=True)):
            if len(variant) < _MIN_PART:
                continue
            # A modifier is a stem ("loop" in "looptijd"): keep the form, do not lemmatise it.
            if lexicon.is_word(variant):
                return (variant, head_lemma)
            if depth < 2:
                inner = _split(variant, lexicon, settings, depth + 1)
                if inner:
                    return (*inner, head_lemma)
    return None


# A hyphen-final part shares this much of the word it leans on: "wet-" + "geving".
_MIN_SHARED = 4


def elided_word(stem: str, word: str, lexicon: Lexicon, settings: CompoundSettings) -> str | None:
    """The word a part written with a hyphen stands for, sharing the end of ``word``.

    In "wet- en regelgeving" the "wet-" is "wetgeving"; in "stem- en kieswijzers" the "stem-"
    is "stemwijzers". ``word`` is split after its first part: where the rest is a known word
    ("kies" + "wijzers", "ouderen" + "zorg"), else after its longest known first part with a
    rest of four letters or more that opens with no suffix ("regel" + "geving", not "aanmerk" +
    "ingen"). A first part that is a function word ("onder" of "onderwijs", "uit" of "uitvoer")
    pairs only with a ``stem`` that is one too ("in- en uitvoer", not "zorg- en onderwijs").
    None when ``word`` has no such split. ``stem`` is the part without its hyphen, ``word``
    lower case.
    """
    if not stem:
        return None
    split = _first_and_rest(word, lexicon, settings, stem.lower() in lexicon.stop_words)
    return None if split is None else stem + split[1]


def elided_start(word: str, tail: str, lexicon: Lexicon, settings: CompoundSettings) -> str | None:
    """The word a last part written with a hyphen stands for, sharing the start of ``word``:
    "-welzijn" after "ouderenzorg en" is "ouderenwelzijn" (split as :func:`elided_word`)."""
    if not tail:
        return None
    split = _first_and_rest(word, lexicon, settings, False)
    return None if split is None else split[0] + tail


def _first_and_rest(
    word: str, lexicon: Lexicon, settings: CompoundSettings, function_ok: bool
) -> tuple[str, str] | None:
    """``word`` split after its first part, for :func:`elided_word` and :func:`elided_start`."""
    if not settings.enabled or not word.isalpha():
        return None
    n = len(word)

    def fits(first: str, rest: str) -> bool:
        # A rest that opens with a suffix is the end of a derived word: "aanmerk" + "ingen".
        return (function_ok or first not in lexicon.stop_words) and not any(
            rest.startswith(suffix) for suffix in settings.not_parts
        )

    for cut in range(2, n - 2):
        first, rest = word[:cut], word[cut:]
        if (
            fits(first, rest)
            and _known(rest, lexicon)
            and any(_known(m, lexicon) for m in _strip_linking(first, settings, at_end=True))
        ):
            return first, rest
    for cut in range(n - _MIN_SHARED, 2, -1):
        if fits(word[:cut], word[cut:]) and _known(word[:cut], lexicon):
            return word[:cut], word[cut:]
    return None


def elisions(
    texts: Sequence[str], lexicon: Lexicon, settings: CompoundSettings
) -> dict[int, tuple[str, str]]:
    """The tokens written as a part with a hyphen, by index: (the part, the word it stands
    for).

    "klimaat-, milieu- en energiebeleid": token 0 is "klimaatbeleid" and token 2
    "milieubeleid"; "ouderenzorg en -welzijn": token 2 is "ouderenwelzijn". A joiner of the
    language ("en", "of", a comma) must come between the part and the word it shares an end
    or a start with.
    """
    joiners = settings.elision_joiners
    if not joiners:
        return {}
    found: dict[int, tuple[str, str]] = {}
    n = len(texts)
    for i, text in enumerate(texts):
        full: str | None = None
        if _first_part(text):
            k, joined = i + 1, False
            while k < n and (texts[k].lower() in joiners or _first_part(texts[k])):
                joined = joined or texts[k].lower() in joiners
                k += 1
            if joined and k < n:
                full = elided_word(text[:-1], texts[k].lower(), lexicon, settings)
        elif _last_part(text):
            k = i - 1
            while k >= 0 and texts[k].lower() in joiners:
                k -= 1
            if k < i - 1 and k >= 0:
                full = elided_start(texts[k].lower(), text[1:].lower(), lexicon, settings)
        if full is not None:
            found[i] = (text, full)
    return found


def truncated_part(text: str) -> bool:
    """Whether ``text`` is a part written with a hyphen for a word it shares an end or a start
    with: "wet-", "elektriciteits-", "-welzijn"."""
    return _first_part(text) or _last_part(text)


def _first_part(text: str) -> bool:
    return len(text) >= 3 and text[-1] == "-" and text[:-1].isalpha()


def _last_part(text: str) -> bool:
    return len(text) >= 3 and text[0] == "-" and text[1:].isalpha()


def shared_heads(
    texts: Sequence[str],
    modifiers: Sequence[bool],
    lexicon: Lexicon,
    settings: CompoundSettings,
) -> dict[int, str]:
    """The joiners between modifiers that share one head noun, by index: the head they stand
    for.

    "eerste en tweede wereldoorlog" is "eerste wereldoorlog en tweede wereldoorlog": token 1
    ("en") stands for "wereldoorlog", so that "eerste" meets its noun right after it; so in
    "1 grote en 1 kleine partij" and "rechtse, populistische partijen" (a number or article
    may open the next modifier). A head written as two words that make one known word ("wereld
    oorlog") is that word. ``modifiers`` says per token whether it is an adjective or ordinal.
    """
    joiners = settings.elision_joiners
    if not joiners:
        return {}
    found: dict[int, str] = {}
    n = len(texts)
    i = 0
    while i < n:
        if not modifiers[i]:
            i += 1
            continue
        # A run "A, B en C" of modifiers: the joiners between them, then the head after it.
        shared: list[int] = []
        k = i + 1
        while k + 1 < n and texts[k].lower() in joiners:
            m = k + 1
            if m + 1 < n and _opens_modifier(texts[m], settings) and modifiers[m + 1]:
                m += 1
            if not modifiers[m]:
                break
            shared.append(k)
            k = m + 1
            while k < n and modifiers[k]:
                k += 1
        head = _head_at(texts, k, modifiers, lexicon) if shared else None
        if head is not None:
            for joiner in shared:
                found[joiner] = head
        i = max(k, i + 1)
    return found


def _opens_modifier(text: str, settings: CompoundSettings) -> bool:
    """A number or an article before a modifier: the "1" of "1 kleine partij"."""
    return text.isdigit() or text.lower() in settings.articles


def _head_at(
    texts: Sequence[str], k: int, modifiers: Sequence[bool], lexicon: Lexicon
) -> str | None:
    """The noun at ``k`` after a run of modifiers, joined with the next word when the two
    make one known word ("wereld oorlog"); None when there is none."""
    if k >= len(texts) or modifiers[k]:
        return None
    word = texts[k].lower()
    if not word.isalpha() or len(word) < 3 or word in lexicon.stop_words:
        return None
    if k + 1 < len(texts) and texts[k + 1].isalpha():
        joined = word + texts[k + 1].lower()
        if lexicon.is_word(joined):
            return joined
    return word
