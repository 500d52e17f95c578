"""Loading the spaCy pipeline: a packaged model when installed, else the embedded default.

The embedded default is ``spacy.blank(lang)`` with a tokenizer that also splits "a/b", lookup
lemmas from spacy-lookups-data (with rules for forms the table misses) and a sentencizer. It
works offline; nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Token
from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex

from textcode.lang import get_language
from textcode.nlp.lexicon import load_lexicon
from textcode.nlp.normalize import fold
from textcode.parsing import MAX_ANSWER_CHARS

EMBEDDED = "embedded"
# Word chunks whose tokenisation spaCy remembers (its default, 10,000, fills up within the first
# few thousand answers of a survey; each entry costs well under a hundred bytes).
TOKENIZER_CACHE = 200_000

# Letters on both sides of a slash: "besluitvorming/opdrachtgeverschap" is two words, "24/7"
# and URLs' digits are left alone.
_SLASH_INFIX = r"(?<=[^\W\d_])/(?=[^\W\d_])"


@Language.factory("textcode_lemmatizer", default_config={"language": "nl"})
def make_lemmatizer(nlp: Language, name: str, language: str) -> LookupLemmatizer:
    """spaCy factory: lookup lemmas with rule fallback, cached per vocabulary entry."""
    return LookupLemmatizer(language)


class LookupLemmatizer:
    """Sets ``token.lemma_`` from the language's lookup tables, deciding once per word form."""

    def __init__(self, language: str) -> None:
        self.language = language
        self._lexicon = load_lexicon(language)
        self._cache: dict[int, str] = {}

    def lemma_of(self, lower: str) -> str:
        return self._lexicon.lemma(lower)

    def __call__(self, doc: Doc) -> Doc:
        cache = self._cache
        for token in doc:
            lemma = cache.get(token.orth)
            if lemma is None:
                lemma = self._lexicon.lemma(token.lower_)
                cache[token.orth] = lemma
            token.lemma_ = lemma
        return doc


def installed_model(language: str = "nl") -> str | None:
    """The name of an installed packaged model for ``language`` (largest first), or None."""
    for name in get_language(language).model_names:
        if importlib.util.find_spec(name) is not None:
            return name
    return None


def load_pipeline(language: str = "nl", model: str | Path | None = None) -> Language:
    """The spaCy pipeline textcode uses for ``language``.

    ``model`` may name a package or a path to a saved pipeline; otherwise an installed
    ``nl_core_news_lg/md/sm`` is used when present (detected, never downloaded), else the
    embedded default. ``nlp.meta["textcode"]`` records which one was chosen.
    """
    data = get_language(language)
    source: str
    if model is not None:
        nlp = spacy.load(model)
        source = f"model:{model}"
    elif (name := installed_model(language)) is not None:
        nlp = spacy.load(name)
        source = f"model:{name}"
    else:
        nlp = embedded_pipeline(language)
        source = EMBEDDED
    nlp.meta["textcode"] = {"language": data.code, "source": source}
    return nlp


def embedded_pipeline(language: str = "nl") -> Language:
    """``spacy.blank`` with textcode's tokenizer tweaks, lookup lemmas and a sentencizer."""
    data = get_language(language)
    # spaCy builds textcode's tokenizer in place of its own: building the default one first and
    # then replacing it loads the language's ~9,000 special cases twice (half a second).
    tokenizer = {"@tokenizers": TOKENIZER, "language": data.code}
    nlp = spacy.blank(data.spacy_lang, config={"nlp": {"tokenizer": tokenizer}})
    nlp.add_pipe("textcode_lemmatizer", config={"language": data.code})
    nlp.add_pipe("sentencizer")
    # spaCy refuses texts over a million characters for the memory a parser would need; this
    # pipeline has none (its memory grows with the text), so it takes every answer read.
    nlp.max_length = max(nlp.max_length, MAX_ANSWER_CHARS)
    return nlp


TOKENIZER = "textcode.tokenizer.v1"


@spacy.registry.tokenizers(TOKENIZER)
def make_tokenizer(language: str = "nl") -> Callable[[Language], Tokenizer]:
    """spaCy's tokenizer for the language, also splitting "a/b" and keeping textcode's
    abbreviations ("m.b.t.", "i.v.m.") whole, in every capitalisation."""

    def tokenizer_factory(nlp: Language) -> Tokenizer:
        defaults = nlp.Defaults
        rules = dict(defaults.tokenizer_exceptions or {})
        for abbreviation in get_language(language).abbreviations:
            for variant in sorted({abbreviation, abbreviation.upper(), abbreviation.capitalize()}):
                rules[variant] = [{"ORTH": variant}]
        prefixes, suffixes = defaults.prefixes, defaults.suffixes
        return Tokenizer(
            nlp.vocab,
            rules=rules,
            prefix_search=compile_prefix_regex(prefixes).search if prefixes else None,
            suffix_search=compile_suffix_regex(suffixes).search if suffixes else None,
            infix_finditer=compile_infix_regex([*(defaults.infixes or ()), _SLASH_INFIX]).finditer,
            token_match=defaults.token_match,
            url_match=defaults.url_match,
            max_cache_size=TOKENIZER_CACHE,
        )

    return tokenizer_factory


def pipeline_source(nlp: Language) -> str:
    """``"embedded"`` or ``"model:<name>"``: where a :func:`load_pipeline` pipeline came from."""
    meta: dict[str, Any] = nlp.meta.get("textcode", {})
    return str(meta.get("source", "unknown"))


def uses_model_lemmas(nlp: Language) -> bool:
    """Whether the pipeline's own components set lemmas (a packaged model) rather than ours."""
    names = set(nlp.pipe_names)
    return "textcode_lemmatizer" not in names and bool(
        names & {"lemmatizer", "trainable_lemmatizer", "edit_tree_lemmatizer"}
    )


@dataclass(frozen=True, slots=True)
class LemmaToken:
    """One token of a text with its folded lemma: ``text`` stands at ``start:end``."""

    text: str
    start: int
    end: int
    lemma: str
    punct: bool
    space: bool
    alpha: bool

    @property
    def word(self) -> bool:
        """Not punctuation and not white space."""
        return not (self.punct or self.space)


def token_lemma(token: Token) -> str:
    """The one reading of a token's lemma: the pipeline's, else the lower case; folded."""
    return fold(token.lemma_ or token.lower_)


def lemma_tokens(
    texts: Iterable[str],
    *,
    nlp: Language | None = None,
    language: str = "nl",
    batch_size: int = 256,
) -> Iterator[list[LemmaToken]]:
    """The tokens of each text with their lemmas, in order (one pipeline pass for all).

    ``nlp`` defaults to :func:`shared_pipeline` of ``language``. Everything in textcode that
    reads lemmas from a pipeline reads them here.
    """
    pipeline = nlp or shared_pipeline(language)
    for doc in pipeline.pipe(texts, batch_size=batch_size):
        yield [
            LemmaToken(
                text=token.text,
                start=token.idx,
                end=token.idx + len(token.text),
                lemma=token_lemma(token),
                punct=token.is_punct,
                space=token.is_space,
                alpha=token.is_alpha,
            )
            for token in doc
        ]


def lemmas(text: str, nlp: Language | None = None, language: str = "nl") -> list[str]:
    """Lower-case, accent-free lemmas of the words of ``text`` (punctuation and spaces left out).

    >>> lemmas("De ideeën waren er, de budgetten niet")
    ['de', 'idee', 'waren', 'er', 'de', 'budget', 'niet']
    """
    tokens = next(lemma_tokens([text], nlp=nlp, language=language))
    return [token.lemma for token in tokens if token.word]


@cache
def shared_pipeline(language: str = "nl") -> Language:
    """The default pipeline of ``language`` (:func:`load_pipeline`), loaded once per process.

    Coding, analysis, themes and learning share it; pass a pipeline of your own where a
    function takes ``nlp``.
    """
    return load_pipeline(language)
