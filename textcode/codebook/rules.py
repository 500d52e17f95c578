"""The pattern language of codebook rules: a small parser from text to a rule tree.

A rule is made of terms and operators (upper case, so Dutch words never collide with them)::

    budget                      a word: matches its lemma, inflections, accent-free spelling
                                and compounds where it is the head or the first part
    gebrek aan kennis           adjacent words form a phrase
    "OR"                        quotes make anything a literal phrase (here the acronym)
    =tijd                       exact word form only: no lemma, no compounds
    innovatie*  wet?            globs: * any characters, ? one character (one token)
    /scep(sis|tisch|tis)/       a regular expression over one token (accent-free lower case)
    AVG  IM                     an all-capitals word matches capitals (another case: no word)
    @belemmering.kennis         where another code was found
    A | B    A OR B             either
    A NEAR/3 B                  A with B at most 3 tokens away (either side)
    A BEFORE/5 B  A AFTER/5 B   A with B following / preceding within 5 tokens
    A NEXT/2 B                  A with B following, at most 2 light words between ("stem NEXT/2
                                verloren": "stem niet verloren"; the language lists them)
    A SENT B                    A with B in the same sentence
    A AND B                     A with B anywhere in the answer
    A NOT B                     A when B is nowhere in the answer
    A NOT NEAR/5 B              A unless B is within 5 tokens (also NOT SENT, NOT BEFORE/n ...)
    ( ... )                     grouping

Binary operators bind left to right; ``OR``/``|`` binds loosest. A rule nests at most
:data:`~textcode.parsing.MAX_DEPTH` levels of parentheses and of relations (``A AND B AND C``
is two), so that no walk over its tree runs out of stack; regular expressions are checked by
the engine that runs them (the ``regex`` package).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

import regex

from textcode.errors import excerpt
from textcode.parsing import MAX_DEPTH

TermKind = Literal["word", "exact", "glob", "regex", "acronym"]
Relation = Literal["NEAR", "BEFORE", "AFTER", "NEXT", "SENT", "AND"]

RELATIONS: tuple[str, ...] = ("NEAR", "BEFORE", "AFTER", "NEXT", "SENT", "AND")
_DISTANCE_OPS = ("NEAR", "BEFORE", "AFTER", "NEXT")
_OPERATOR_RE = re.compile(r"^(NEAR|BEFORE|AFTER|NEXT)(?:/(\d+))?$")
_OPERATOR_LIKE_RE = re.compile(r"^(NEAR|BEFORE|AFTER|NEXT)/")
_ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]+$")
_CODE_ID_RE = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]*$")
DEFAULT_DISTANCE = 5


class RuleSyntaxError(ValueError):
    """A rule that does not parse; ``position`` is the character offset in the rule."""

    def __init__(self, message: str, position: int) -> None:
        self.position = position
        super().__init__(f"{message} (at character {position + 1})")


@dataclass(frozen=True, slots=True)
class Term:
    """One token-level element of a phrase. ``word`` terms may expand to several tokens."""

    kind: TermKind
    text: str


@dataclass(frozen=True, slots=True)
class Phrase:
    """Adjacent terms."""

    terms: tuple[Term, ...]


@dataclass(frozen=True, slots=True)
class CodeRef:
    """Where another code was found."""

    code: str


@dataclass(frozen=True, slots=True)
class AnyOf:
    """Any of several alternatives."""

    options: tuple[Node, ...]


@dataclass(frozen=True, slots=True)
class Binary:
    """``left`` hits that stand in ``relation`` to ``right`` (or do not, when ``negate``)."""

    relation: Relation
    left: Node
    right: Node
    distance: int | None = None
    negate: bool = False


Node = Phrase | CodeRef | AnyOf | Binary


@dataclass(frozen=True, slots=True)
class _Token:
    kind: str  # "(", ")", "|", "op", "code", "term", "quoted"
    text: str
    position: int


def _lex(rule: str) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    n = len(rule)
    while i < n:
        ch = rule[i]
        if ch.isspace():
            i += 1
            continue
        if ch in "()|":
            tokens.append(_Token(ch, ch, i))
            i += 1
            continue
        if ch == '"':
            end = rule.find('"', i + 1)
            if end < 0:
                raise RuleSyntaxError("unclosed quote", i)
            tokens.append(_Token("quoted", rule[i + 1 : end], i))
            i = end + 1
            continue
        if ch == "/":
            j = i + 1
            while j < n and rule[j] != "/":
                j += 2 if rule[j] == "\\" else 1
            if j >= n:
                raise RuleSyntaxError("unclosed regular expression: a '/' is missing", i)
            body = rule[i + 1 : j]
            if not body:
                raise RuleSyntaxError("empty regular expression", i)
            check_regex(body, i)
            tokens.append(_Token("term", "/" + body + "/", i))
            i = j + 1
            continue
        j = i
        while j < n and not rule[j].isspace() and rule[j] not in '()|"':
            j += 1
        word = rule[i:j]
        if _OPERATOR_LIKE_RE.match(word) and not _OPERATOR_RE.match(word):
            raise RuleSyntaxError(
                f"{word!r}: the distance must be a whole number, as in {word.split('/')[0]}/3", i
            )
        if word in ("OR", "AND", "NOT", "SENT") or _OPERATOR_RE.match(word):
            tokens.append(_Token("op", word, i))
        elif word.startswith("@"):
            if not _CODE_ID_RE.match(word[1:]):
                raise RuleSyntaxError(f"bad code reference {word!r}", i)
            tokens.append(_Token("code", word[1:], i))
        else:
            tokens.append(_Token("term", word, i))
        i = j
    return tokens


def compile_regex(body: str) -> regex.Pattern[str]:
    """A rule's regular expression as the coder runs it: over one folded token, any case."""
    return regex.compile(body, regex.IGNORECASE)


def check_regex(body: str, position: int) -> None:
    """Raise :class:`RuleSyntaxError` when ``body`` is no regular expression the coder runs."""
    try:
        compile_regex(body)
    except regex.error as exc:
        raise RuleSyntaxError(
            f"bad regular expression /{excerpt(body)}/: {exc}", position
        ) from None
    except (RecursionError, OverflowError, MemoryError):
        raise RuleSyntaxError(
            f"regular expression /{excerpt(body)}/ is nested or repeated too deeply", position
        ) from None


def _term(text: str, position: int) -> Term:
    if text.startswith("/") and text.endswith("/") and len(text) > 2:
        return Term("regex", text[1:-1])
    if text.startswith("="):
        if len(text) == 1:
            raise RuleSyntaxError("'=' needs a word after it", position)
        return Term("exact", text[1:])
    if "*" in text or "?" in text:
        if not text.strip("*?"):
            raise RuleSyntaxError(f"glob {text!r} matches everything", position)
        return Term("glob", text)
    if _ACRONYM_RE.match(text):
        return Term("acronym", text)
    return Term("word", text)


class _Parser:
    def __init__(self, rule: str) -> None:
        self.rule = rule
        self.tokens = _lex(rule)
        self.pos = 0
        self.parentheses = 0  # open around the current token

    def peek(self) -> _Token | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def parse(self) -> Node:
        if not self.tokens:
            raise RuleSyntaxError("empty rule", 0)
        node, _ = self.expr()
        token = self.peek()
        if token is not None:
            raise RuleSyntaxError(f"unexpected {token.text!r}", token.position)
        return node

    # Each method returns a node and the depth of its tree (a phrase or code is 1).
    def expr(self) -> tuple[Node, int]:
        options = [self.relation()]
        position = 0
        while (token := self.peek()) is not None and (
            token.kind == "|" or (token.kind == "op" and token.text == "OR")
        ):
            position = self.take().position
            options.append(self.relation())
        if len(options) == 1:
            return options[0]
        depth = 1 + max(d for _, d in options)
        if depth > MAX_DEPTH:
            raise RuleSyntaxError(f"nested deeper than {MAX_DEPTH} levels", position)
        return AnyOf(tuple(node for node, _ in options)), depth

    def relation(self) -> tuple[Node, int]:
        left, depth = self.unary()
        while (token := self.peek()) is not None and token.kind == "op" and token.text != "OR":
            self.take()
            negate = False
            op_token = token
            if token.text == "NOT":
                negate = True
                following = self.peek()
                if (
                    following is not None
                    and following.kind == "op"
                    and following.text not in ("OR", "NOT")
                ):
                    op_token = self.take()
                else:
                    op_token = _Token("op", "AND", token.position)
            relation, distance = self._operator(op_token)
            right, right_depth = self.unary()
            left = Binary(relation, left, right, distance, negate)
            depth = 1 + max(depth, right_depth)
            if depth > MAX_DEPTH:
                raise RuleSyntaxError(
                    f"more than {MAX_DEPTH} relations nested: split the rule", token.position
                )
        return left, depth

    def _operator(self, token: _Token) -> tuple[Relation, int | None]:
        if token.text in ("SENT", "AND"):
            return token.text, None  # type: ignore[return-value]
        match = _OPERATOR_RE.match(token.text)
        if not match:
            raise RuleSyntaxError(f"unexpected operator {token.text!r}", token.position)
        distance = int(match.group(2)) if match.group(2) else DEFAULT_DISTANCE
        if distance < 1:
            raise RuleSyntaxError(f"{token.text}: the distance must be at least 1", token.position)
        return match.group(1), distance  # type: ignore[return-value]

    def unary(self) -> tuple[Node, int]:
        token = self.peek()
        if token is None:
            raise RuleSyntaxError("the rule ends where a term was expected", len(self.rule))
        if token.kind == "(":
            self.take()
            self.parentheses += 1
            if self.parentheses > MAX_DEPTH:
                raise RuleSyntaxError(
                    f"parentheses nested deeper than {MAX_DEPTH} levels", token.position
                )
            found = self.expr()
            closing = self.peek()
            if closing is None or closing.kind != ")":
                raise RuleSyntaxError("a ')' is missing", token.position)
            self.take()
            self.parentheses -= 1
            return found
        if token.kind == "code":
            self.take()
            return CodeRef(token.text), 1
        if token.kind in ("term", "quoted"):
            terms: list[Term] = []
            while (token := self.peek()) is not None and token.kind in ("term", "quoted"):
                self.take()
                if token.kind == "quoted":
                    words = token.text.split()
                    if not words:
                        raise RuleSyntaxError("empty quoted phrase", token.position)
                    terms.extend(
                        Term("acronym" if _ACRONYM_RE.match(w) else "word", w) for w in words
                    )
                else:
                    terms.append(_term(token.text, token.position))
            return Phrase(tuple(terms)), 1
        raise RuleSyntaxError(f"unexpected {token.text!r}", token.position)


# Rules up to this long are parsed once per process: loading, checking and compiling a
# codebook each read every rule (the trees are immutable, so they can be shared).
_REMEMBERED_RULE = 2_000


def parse_rule(rule: str) -> Node:
    """Parse one rule; raises :class:`RuleSyntaxError` naming the position of the problem."""
    if not isinstance(rule, str):
        raise RuleSyntaxError("a rule must be a string", 0)
    if len(rule) > _REMEMBERED_RULE:
        return _Parser(rule).parse()
    return _parse_remembered(rule)


@lru_cache(maxsize=4096)
def _parse_remembered(rule: str) -> Node:
    return _Parser(rule).parse()


def code_references(node: Node) -> set[str]:
    """The codes a rule refers to with ``@code``."""
    if isinstance(node, CodeRef):
        return {node.code}
    if isinstance(node, AnyOf):
        return set().union(*(code_references(option) for option in node.options))
    if isinstance(node, Binary):
        return code_references(node.left) | code_references(node.right)
    return set()


def phrases(node: Node) -> list[Phrase]:
    """Every phrase in a rule, left to right."""
    if isinstance(node, Phrase):
        return [node]
    if isinstance(node, AnyOf):
        return [p for option in node.options for p in phrases(option)]
    if isinstance(node, Binary):
        return phrases(node.left) + phrases(node.right)
    return []
