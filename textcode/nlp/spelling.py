"""Misspellings: the known words one edit away from a word that is itself no known word.

"torslagen" is no Dutch word and one letter away from "toeslagen"; "veilg" one letter short of
"veilig". :func:`corrections` lists such candidates (Damerau-Levenshtein distance one: a
letter dropped, added, changed, or two neighbours swapped), keeping the first letter, which
writers rarely get wrong and which keeps names and short words apart. The caller decides what
is known (the lemma tables and the codebook's own terms) and only asks about words that are
long enough (five letters in Dutch) and not known themselves. A sound spelt another way
("Omtzicht" for "Omtzigt", "Leyten" for "Leijten": :func:`sound_variants`) is a misspelling
too, though more than one edit away. A long word may be two edits away from the word meant
("eurposche" from "europesche", the old spelling of "europese"): :func:`far_corrections` finds
the words of a short list (a codebook's terms) within :func:`edit_distance` two of it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator


def one_edit_variants(word: str, alphabet: str) -> Iterator[str]:
    """Every string one edit away from ``word`` that keeps its first letter (with repeats)."""
    n = len(word)
    for i in range(1, n + 1):
        head, tail = word[:i], word[i:]
        if tail:
            yield head + tail[1:]  # a letter too many
            if len(tail) > 1:
                yield head + tail[1] + tail[0] + tail[2:]  # two letters swapped
        for letter in alphabet:
            yield head + letter + tail  # a letter missing
            if tail and letter != tail[0]:
                yield head + letter + tail[1:]  # a letter wrong


def sound_variants(word: str, sound_alikes: Iterable[tuple[str, str]]) -> Iterator[str]:
    """``word`` with one spelling of a sound written as another, at each place it occurs:
    "omtzicht" -> "omtzigt" for ("ch", "g") (with repeats)."""
    for written, meant in sound_alikes:
        start = word.find(written)
        while start >= 0:
            yield word[:start] + meant + word[start + len(written) :]
            start = word.find(written, start + 1)


def corrections(word: str, known: Callable[[str], bool], alphabet: str) -> tuple[str, ...]:
    """The known words one edit away from ``word``, sorted (so the result is deterministic)."""
    return tuple(sorted({v for v in one_edit_variants(word, alphabet) if known(v)}))


def edit_distance(a: str, b: str) -> int:
    """Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps), capped at 3."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            cost = ca != cb
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > 2:
            return 3  # no cell of a later row gets under its row's minimum
        previous2, previous = previous, current
    return min(previous[-1], 3)


def spellings(word: str, sound_alikes: Iterable[tuple[str, str]]) -> tuple[str, ...]:
    """``word`` and the ways of writing it with one sound of it spelt another way: "europese"
    and the old "europesche" for ("sche", "se")."""
    written = ((meant, spelt) for spelt, meant in sound_alikes)
    return tuple(dict.fromkeys((word, *sound_variants(word, written))))


def letter_mask(word: str) -> int:
    """The set of ``word``'s letters as bits: two edits change at most four of them."""
    mask = 0
    for letter in word:
        mask |= 1 << (ord(letter) & 63)
    return mask


def far_corrections(word: str, spelt: Iterable[tuple[str, str, int]]) -> tuple[str, ...]:
    """The words within two edits of ``word`` through one of their spellings, given as
    (spelling, word, :func:`letter_mask` of the spelling) (:func:`spellings`), with the first
    letter kept; the nearest first, then sorted."""
    mask = letter_mask(word)
    nearest: dict[str, int] = {}
    for spelling, candidate, letters in spelt:
        if (
            spelling[:1] == word[:1]
            and abs(len(spelling) - len(word)) <= 2
            and (mask ^ letters).bit_count() <= 4
        ):
            distance = edit_distance(word, spelling)
            if distance <= 2 and distance < nearest.get(candidate, 3):
                nearest[candidate] = distance
    return tuple(sorted(nearest, key=lambda candidate: (nearest[candidate], candidate)))
