"""Words of an answer with their offsets and lemmas, for keyword-in-context, keyness and clouds.

Built on :func:`textcode.nlp.lemma_tokens` (the packaged Dutch model when installed, else the
embedded lookup lemmatizer), so lemmas here are the lemmas the coder matches on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache

from textcode.lang import get_language
from textcode.nlp import fold, lemma_tokens


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
    """The words no keyword list shows: the language's stop words and keyword stop words,
    folded (as lemmas are)."""
    data = get_language(language)
    return frozenset(fold(w) for w in data.stop_words | data.keyword_stop_words)


def tokenize_many(texts: Iterable[str], *, language: str = "nl") -> Iterator[list[Token]]:
    """Tokens of each text, in order (one spaCy pass for all of them)."""
    stops = stop_words(language)
    split = _splitter(language)
    for tokens in lemma_tokens(texts, language=language):
        out = []
        for t in tokens:
            if t.space:
                continue
            is_word = t.alpha or (any(ch.isalpha() for ch in t.text) and not t.punct)
            parts = split(fold(t.text.lower())) if is_word else ()
            out.append(
                Token(
                    start=t.start,
                    end=t.end,
                    text=t.text,
                    lemma=t.lemma,
                    parts=parts,
                    stop=t.lemma in stops or fold(t.text) in stops,
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
