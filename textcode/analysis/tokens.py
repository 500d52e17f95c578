"""Words of an answer with their offsets and lemmas, for keyword-in-context, keyness and clouds.

Built on :func:`textcode.nlp.load_pipeline` (the packaged Dutch model when installed, else the
embedded lookup lemmatizer), so lemmas here are the lemmas the coder matches on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from textcode.lang import get_language
from textcode.nlp import fold, load_pipeline

if TYPE_CHECKING:
    from spacy.language import Language


@dataclass(frozen=True, slots=True)
class Token:
    """One word: ``text[start:end]`` of the answer, its folded ``lemma`` and compound ``parts``."""

    start: int
    end: int
    text: str
    lemma: str
    parts: tuple[str, ...]
    stop: bool
    word: bool  # False for punctuation, numbers and symbols


@cache
def _pipeline(language: str) -> Language:
    return load_pipeline(language)


@cache
def _splitter(language: str) -> Callable[[str], tuple[str, ...]]:
    from textcode.nlp.compounds import split_compound
    from textcode.nlp.lexicon import load_lexicon

    data = get_language(language)
    lexicon = load_lexicon(language)

    @cache
    def split(word: str) -> tuple[str, ...]:
        parts = split_compound(word, lexicon, data.compounds)
        return tuple(lexicon.lemma(p) for p in parts) if len(parts) > 1 else ()

    return split


@cache
def stop_words(language: str = "nl") -> frozenset[str]:
    """The language's stop words, folded (as lemmas are)."""
    return frozenset(fold(w) for w in get_language(language).stop_words)


def tokenize_many(texts: Iterable[str], *, language: str = "nl") -> Iterator[list[Token]]:
    """Tokens of each text, in order (one spaCy pass for all of them)."""
    nlp = _pipeline(language)
    stops = stop_words(language)
    split = _splitter(language)
    for doc in nlp.pipe(texts, batch_size=256):
        out = []
        for t in doc:
            if t.is_space:
                continue
            lemma = fold(t.lemma_ or t.lower_)
            is_word = t.is_alpha or (any(ch.isalpha() for ch in t.text) and not t.is_punct)
            parts = split(fold(t.lower_)) if is_word else ()
            out.append(
                Token(
                    start=t.idx,
                    end=t.idx + len(t.text),
                    text=t.text,
                    lemma=lemma,
                    parts=parts,
                    stop=lemma in stops or fold(t.text) in stops,
                    word=is_word,
                )
            )
        yield out


def tokenize(text: str, *, language: str = "nl") -> list[Token]:
    """The tokens of one text."""
    return next(tokenize_many([text], language=language))


def content_lemmas(
    text: str, *, language: str = "nl", compounds: bool = False, min_length: int = 2
) -> list[str]:
    """Lemmas of the content words (no stop words, punctuation or numbers).

    With ``compounds`` a compound also yields its parts ("innovatietraject" -> "innovatie",
    "traject").
    """
    return list(_content(tokenize(text, language=language), compounds, min_length))


def content_lemmas_many(
    texts: Iterable[str], *, language: str = "nl", compounds: bool = False, min_length: int = 2
) -> Iterator[list[str]]:
    """:func:`content_lemmas` for many texts in one pass."""
    for tokens in tokenize_many(texts, language=language):
        yield list(_content(tokens, compounds, min_length))


def content_of(tokens: list[Token], *, compounds: bool = False, min_length: int = 2) -> list[str]:
    """The content lemmas of tokens already made (one tokenisation, several counts)."""
    return list(_content(tokens, compounds, min_length))


def _content(tokens: list[Token], compounds: bool, min_length: int) -> Iterator[str]:
    for token in tokens:
        if not token.word or token.stop or len(token.lemma) < min_length:
            continue
        yield token.lemma
        if compounds:
            yield from (p for p in token.parts if p != token.lemma)


def matches_term(token: Token, term: str) -> bool:
    """Whether a token is the lemma ``term``: its lemma, its folded form or a compound part."""
    wanted = fold(term.strip())
    return wanted in (token.lemma, fold(token.text)) or wanted in token.parts
