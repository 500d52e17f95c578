"""The coder: answers in, evidence-backed code suggestions out.

``Coder`` compiles a codebook once for a language pipeline and codes answers one by one or in
streams; ``code()`` is the one-call version. Results are contract records
(:class:`textcode.records.Suggestion`) and, for people, DataFrames.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc

from textcode.codebook import Codebook
from textcode.codebook.questions import GroupAnswers
from textcode.codebook.resolve import CodebookArg, resolve_codebook
from textcode.coding.compiler import (
    CompiledCodebook,
    PhrasePlan,
    Screen,
    WholeAnswerScreen,
    codes_for_question,
    compile_codebook,
)
from textcode.coding.core import compiled_core
from textcode.coding.matcher import AnswerView, Match, match_answer
from textcode.errors import InputError
from textcode.lazy_pandas import is_frame
from textcode.nlp.compounds import elisions, shared_heads
from textcode.nlp.lexemes import (
    FILLER,
    JOINER,
    MODIFIER,
    PUNCT,
    SPACE,
    TRUNCATED,
    Lexeme,
    LexemeTable,
)
from textcode.nlp.normalize import map_span, nfc_with_offsets
from textcode.nlp.pipeline import load_pipeline, shared_pipeline, uses_model_lemmas
from textcode.progress import progress
from textcode.records import SUGGESTION_FIELDS, Answer, Suggestion, suggestion_id

if TYPE_CHECKING:
    import pandas as pd

# (pandas is imported where a table is made: `textcode code` on a file needs none)
AnswersLike: TypeAlias = "pd.DataFrame | Iterable[Answer]"

# An answer on its way through the coder: (response id, question, text). Tuples of strings, which
# the garbage collector stops tracking, so the batches in flight do not trigger its full passes.
_Item = tuple[str, str, str]

# One coded answer before it is tied to a respondent: (code, start, end, rule, confidence,
# negated, explanation). Identical texts of the same question share it.
_Partial = tuple[str, int, int, str, float, bool, str]
# A coded answer: (response id, question group, text, partial records).
_Coded = tuple[str, str, str, tuple[_Partial, ...]]
# A coded batch: its answers, each one's (group, text) key, and the partials of each key.
_Batch = tuple[list[_Item], list[tuple[str, str]], dict[tuple[str, str], tuple[_Partial, ...]]]


@dataclass(frozen=True)
class _QuestionScreen:
    rows: dict[int, tuple[bool, int, int, int]] = field(default_factory=dict)
    starts: set[int] = field(default_factory=set)
    whole: set[int] = field(default_factory=set)


@dataclass
class _Prepared:
    nlp: Language
    table: LexemeTable
    compiled: CompiledCodebook
    model_lemmas: bool
    # Per vocabulary entry (spaCy's orth hash): its lexeme and the codebook terms it meets.
    lexemes: dict[int, Lexeme] = field(default_factory=dict)
    entries: dict[int, tuple[tuple[int, str], ...]] = field(default_factory=dict)
    plans: dict[int, PhrasePlan] = field(default_factory=dict)
    # Per question: each vocabulary entry's screen row (see _may_match), and the entries that
    # start an anchor or a whole-answer code's anchor, as sets for C-speed disjointness tests.
    relevant: dict[str, _QuestionScreen] = field(default_factory=dict)
    # The compiled core (textcode.coding.core), when it runs: it codes with the decisions above.
    core: Any = None
    # Vocabulary entries of first parts written with a hyphen ("wet-"), and of adjectives and
    # ordinals that may share a head noun ("eerste en tweede wereldoorlog"): see elide.
    truncated: set[int] = field(default_factory=set)
    modifiers: set[int] = field(default_factory=set)

    def see(self, orth: int, text: str) -> Lexeme:
        """The lexeme of a word form; the first time, its codebook terms and phrase plan are
        decided too (both paths call this, once per vocabulary entry)."""
        lexeme = self.lexemes.get(orth)
        if lexeme is None:
            lexeme = self.lexemes[orth] = self.table.get(orth, text)
            entry = self.entries[orth] = self.compiled.terms_of(lexeme)
            self.plans[orth] = self.compiled.plan_of(entry)
            if lexeme.flags & TRUNCATED:
                self.truncated.add(orth)
            if lexeme.flags & MODIFIER:
                self.modifiers.add(orth)
        return lexeme

    def elide(self, doc: Doc) -> dict[int, int]:
        """Token index -> the entry to read a token by that stands for a word next to it:
        itself and that word, the terms only that word meets met as ``elided:<word>`` or
        ``shared:<word>`` (both paths call this, for a text with such a token, see
        :func:`elides`). A first part written with a hyphen stands for the word it shares an
        end with ("wet-" of "wet- en regelgeving" as "wet" and "wetgeving"); a joiner between
        modifiers for the head they share ("en" of "eerste en tweede wereldoorlog" as
        "wereldoorlog", so "eerste" meets it)."""
        texts = [token.text for token in doc]
        settings = self.table.language.compounds
        found = elisions(texts, self.table.lexicon, settings)
        replaced: dict[int, int] = {}
        for i, (_, full) in found.items():
            replaced[i] = self._read_as(doc, i, "elided", full)
        if self.modifiers:
            modifiers = [
                bool(self.see(token.orth, token.text).flags & MODIFIER) and i not in found
                for i, token in enumerate(doc)
            ]
            for i, full in shared_heads(texts, modifiers, self.table.lexicon, settings).items():
                if i not in replaced:
                    replaced[i] = self._read_as(doc, i, "shared", full)
        return replaced

    def _read_as(self, doc: Doc, i: int, how: str, full: str) -> int:
        """The vocabulary entry of token ``i`` read as itself and as ``full`` (see elide)."""
        shown = doc[i].text
        # A vocabulary entry of its own: "wet-" read as "wetgeving" here, as itself elsewhere.
        key = f"{shown}\x1f{full}" if how == "elided" else f"{shown}\x1f{how}:{full}"
        orth = doc.vocab.strings.add(key)
        if orth not in self.lexemes:
            own_lexeme = self.table.get(doc[i].orth, shown)
            joiner = None if how == "elided" else own_lexeme.flags
            lexeme = self.lexemes[orth] = self.table.elided(shown, full, joiner)
            own = self.compiled.terms_of(own_lexeme)
            note = f"{how}:{lexeme.fold}"
            mine = {term for term, _ in own}
            entry = tuple(
                sorted(
                    [
                        *own,
                        *((t, note) for t, _ in self.compiled.terms_of(lexeme) if t not in mine),
                    ]
                )
            )
            self.entries[orth] = entry
            self.plans[orth] = self.compiled.plan_of(entry)
        return orth


def elides(flags: Sequence[int]) -> bool:
    """Whether a text whose tokens have these lexeme flags has a token that may stand for a
    word next to it (:meth:`_Prepared.elide`): a part written with a hyphen, or a modifier
    followed by a joiner."""
    previous = 0
    for flag in flags:
        if flag & TRUNCATED or (flag & JOINER and previous & MODIFIER):
            return True
        previous = flag
    return False


class Coder:
    """Suggests codes for answers with a codebook's rules.

    Parameters are stored unchanged (as scikit-learn estimators do); the codebook is compiled
    on first use. ``codebook`` is a :class:`~textcode.codebook.Codebook`, a path, or ``None``
    for the shipped survey codebook. ``language`` defaults to the codebook's. ``nlp`` is a
    spaCy pipeline to use instead of :func:`textcode.load_pipeline`'s choice.
    """

    def __init__(
        self,
        codebook: CodebookArg = None,
        *,
        language: str | None = None,
        nlp: Language | None = None,
        model: str | Path | None = None,
        batch_size: int = 1000,
        cache_size: int = 100_000,
    ) -> None:
        self.codebook = codebook
        self.language = language
        self.nlp = nlp
        self.model = model
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._prepared: _Prepared | None = None
        self._cache: dict[tuple[str, str], tuple[_Partial, ...]] = {}
        self._hot: set[tuple[str, str]] = set()  # cached answers given again since cached
        self._answered = GroupAnswers()

    # -- set-up -----------------------------------------------------------------------------
    @property
    def codebook_(self) -> Codebook:
        """The loaded codebook."""
        return self._prepare().compiled.codebook

    @property
    def nlp_(self) -> Language:
        """The spaCy pipeline in use."""
        return self._prepare().nlp

    def fit(self, answers: AnswersLike | None = None, y: Any = None) -> Coder:
        """Compile the codebook (rules need no training); returns ``self``."""
        self._prepare()
        return self

    def _prepare(self) -> _Prepared:
        if self._prepared is None:
            codebook = resolve_codebook(self.codebook)
            if codebook is None:
                raise InputError("coding needs a codebook (codebook=False)", field="codebook")
            language = self.language or codebook.language
            if self.nlp is not None:
                nlp = self.nlp
            elif self.model is not None:
                nlp = load_pipeline(language, self.model)
            else:
                nlp = shared_pipeline(language)
            table = LexemeTable(language)
            compiled = compile_codebook(codebook, nlp, table)
            prepared = _Prepared(nlp, table, compiled, uses_model_lemmas(nlp))
            core = compiled_core()
            if core is not None and not prepared.model_lemmas:
                prepared.core = core.Core(prepared, nlp.vocab.strings, explain)
            self._prepared = prepared
        return self._prepared

    def __getstate__(self) -> dict[str, Any]:
        # Workers rebuild the compiled matchers (a spaCy pipeline pickles poorly and slowly).
        state = dict(self.__dict__)
        state["_prepared"] = None
        state["_cache"] = {}
        state["_hot"] = set()
        if not isinstance(state["nlp"], (type(None),)):
            state["nlp"] = None
        return state

    # -- coding -----------------------------------------------------------------------------
    def code_text(self, text: str, question: str, response_id: str = "") -> list[Suggestion]:
        """Suggestions for one answer."""
        return list(self.iter_suggestions([Answer(str(response_id), question, text)]))

    def iter_suggestions(
        self, answers: AnswersLike, *, quiet: bool = True, total: int | None = None
    ) -> Iterator[Suggestion]:
        """Suggestions for a stream of answers, in input order, one answer at a time."""
        items = _iter_answers(answers)
        if total is None and is_frame(answers):
            total = len(answers)
        items = progress(items, total=total, desc="coding", quiet=quiet)
        return self._records(items)

    def iter_columns(
        self, response_ids: Sequence[str], questions: Sequence[str], texts: Sequence[str]
    ) -> Iterator[Suggestion]:
        """Suggestions for answers given as three columns (how the parallel engines send them)."""
        return self._records(zip(response_ids, questions, texts, strict=False))

    def _records(self, items: Iterable[_Item]) -> Iterator[Suggestion]:
        core = self._prepare().core
        if core is not None:
            # The same records, made in C a batch at a time (textcode.coding._core.Records).
            for batch, keys, known in self._coded_batches(items):
                yield from core.batch_records(batch, keys, known)
            return
        for response_id, question, text, partials in self._code_stream(items):
            for code, start, end, rule, confidence, negated, explanation in partials:
                # Positional, in SUGGESTION_FIELDS order (a record is made per suggestion).
                yield Suggestion(
                    suggestion_id(response_id, question, code, start, end),
                    response_id,
                    question,
                    code,
                    start,
                    end,
                    text[start:end],
                    rule,
                    confidence,
                    negated,
                    explanation,
                )

    def suggest(self, answers: AnswersLike, *, quiet: bool = True) -> pd.DataFrame:
        """Suggestions as a DataFrame with the contract's columns, in input order."""
        return suggestions_frame(self.iter_suggestions(answers, quiet=quiet))

    def code(self, answers: AnswersLike, *, quiet: bool = True) -> CodingResult:
        """Code answers: suggestions, records and the answer-by-code matrix."""
        table = answers if is_frame(answers) else answers_frame(answers)
        records = list(self.iter_suggestions(table, quiet=quiet))
        return CodingResult(table, records, self.codebook_)

    def transform(self, answers: AnswersLike) -> pd.DataFrame:
        """The 0/1 answer-by-code matrix (scikit-learn's ``transform``)."""
        return self.code(answers).matrix

    def predict(self, answers: AnswersLike) -> list[list[str]]:
        """The codes of each answer, in input order (one list per answer)."""
        result = self.code(answers)
        codes = result.matrix.columns
        return [list(codes[row.astype(bool)]) for row in result.matrix.to_numpy()]

    # -- internals ----------------------------------------------------------------------------
    def _code_stream(self, answers: Iterable[_Item]) -> Iterator[_Coded]:
        for batch, keys, known in self._coded_batches(answers):
            for (response_id, _, text), key in zip(batch, keys, strict=True):
                yield response_id, key[0], text, known[key]

    def _coded_batches(self, answers: Iterable[_Item]) -> Iterator[_Batch]:
        """The answers in batches, each coded: the batch, each answer's (group, text) key,
        and the partial records of each key."""
        prepared = self._prepare()
        self._answered = GroupAnswers()  # each stream checks its own respondents
        cache = self._cache
        size = self.batch_size
        answers = iter(answers)
        while batch := list(itertools.islice(answers, size)):
            yield self._code_batch(prepared, batch, cache)

    def _code_batch(
        self,
        prepared: _Prepared,
        batch: list[_Item],
        cache: dict[tuple[str, str], tuple[_Partial, ...]],
    ) -> _Batch:
        question_id = prepared.compiled.question_id
        # A batch has few questions: each is looked up once, in the order they come.
        group_of = {question: question_id(question) for _, question, _ in batch}
        groups = [group_of[question] for _, question, _ in batch]
        self._check_one_answer_per_group(batch, groups)
        # The batch's results are held here, so that emptying a full cache cannot lose them.
        known: dict[tuple[str, str], tuple[_Partial, ...]] = {}
        todo: dict[str, list[str]] = {}  # text -> the questions it answers (tokenised once)
        keys = [(group, item[2]) for group, item in zip(groups, batch, strict=True)]
        for key in keys:
            if key not in known:
                partials = cache.get(key)
                if partials is None:
                    todo.setdefault(key[1], []).append(key[0])
                    partials = ()
                else:
                    self._hot.add(key)
                known[key] = partials
        if todo:
            self._code_texts(prepared, todo, known)
            self._remember(cache, known, todo)
        return batch, keys, known

    def _code_texts(
        self,
        prepared: _Prepared,
        todo: dict[str, list[str]],
        known: dict[tuple[str, str], tuple[_Partial, ...]],
    ) -> None:
        """Codes each text of ``todo`` (text -> its questions) into ``known[(question, text)]``."""
        tokenizer = prepared.nlp.tokenizer
        if prepared.core is not None and type(tokenizer) is Tokenizer:
            # The same steps in C, tokenising into one Doc reused from text to text.
            prepared.core.code_texts(tokenizer, todo, known, partial(self._code_doc, prepared))
            return
        texts = list(todo)
        normalized = [nfc_with_offsets(text) for text in texts]
        docs = self._docs(prepared, [n[0] for n in normalized])
        for text, doc, (_, offsets) in zip(texts, docs, normalized, strict=True):
            questions = todo[text]
            for question, partials in zip(
                questions, self._code_doc(prepared, questions, doc, offsets, text), strict=True
            ):
                known[(question, text)] = partials

    def _check_one_answer_per_group(self, batch: list[_Item], groups: list[str]) -> None:
        """A respondent gives one answer per codebook group: two questions that map to the same
        group ("belemmeringen" and "knelpunten") would make their records indistinguishable."""
        answered = self._answered
        answered.check_columns(
            [item[0] for item in batch],
            [item[1] for item in batch],
            groups,
            "code them in separate runs or give them their own groups in the codebook",
        )
        # A respondent's answers may straddle two batches: keep the last one's.
        if batch:
            answered.keep_only(batch[-1][0])

    def _remember(
        self,
        cache: dict[tuple[str, str], tuple[_Partial, ...]],
        known: dict[tuple[str, str], tuple[_Partial, ...]],
        todo: dict[str, list[str]],
    ) -> None:
        new = [(question, text) for text, questions in todo.items() for question in questions]
        excess = len(cache) + len(new) - self.cache_size
        if excess > 0:
            # Forget half, oldest first (dicts keep insertion order), but keep the answers that
            # were given again since they were cached: "geen idee" outlives one-off answers.
            drop = max(excess, len(cache) // 2)
            hot = self._hot
            cold = [key for key in cache if key not in hot][:drop]
            if len(cold) < drop:
                cold += list(itertools.islice((k for k in cache if k in hot), drop - len(cold)))
            for key in cold:
                del cache[key]
            hot.clear()
        for key in new[-self.cache_size :]:
            cache[key] = known[key]

    def _docs(self, prepared: _Prepared, texts: list[str]) -> Iterator[Doc]:
        if prepared.model_lemmas:
            return prepared.nlp.pipe(texts, batch_size=self.batch_size)
        tokenizer = prepared.nlp.tokenizer
        if isinstance(tokenizer, Tokenizer):
            return tokenizer.pipe(texts, batch_size=self.batch_size)
        return (tokenizer(text) for text in texts)

    def _view(self, prepared: _Prepared, doc: Doc, orths: list[int] | None = None) -> AnswerView:
        compiled = prepared.compiled
        table = prepared.table
        if prepared.model_lemmas:
            lexemes = [table.get_with_lemma(t.orth, t.text, t.lemma_) for t in doc]
            sentences = None
            if doc.has_annotation("SENT_START"):
                sentences, s = [], -1
                for token in doc:
                    if token.is_sent_start:
                        s += 1
                    sentences.append(max(s, 0))
            entries = [compiled.terms_of(lexeme) for lexeme in lexemes]
            if elides([lexeme.flags for lexeme in lexemes]):
                for i, orth in prepared.elide(doc).items():
                    lexemes[i], entries[i] = prepared.lexemes[orth], prepared.entries[orth]
            return AnswerView(lexemes, entries, sentences)
        if orths is None:
            orths = [token.orth for token in doc]
        lexemes = self._lexemes(prepared, doc, orths)
        return AnswerView(lexemes, list(map(prepared.entries.__getitem__, orths)))

    def _lexemes(self, prepared: _Prepared, doc: Doc, orths: list[int]) -> list[Lexeme]:
        """The lexemes of the tokens ``orths`` (embedded lemmas); a word form is analysed, and
        its codebook terms and phrase plan worked out, once, the first time it is seen."""
        known = prepared.lexemes
        try:
            lexemes = list(map(known.__getitem__, orths))
        except KeyError:
            strings = doc.vocab.strings
            see = prepared.see
            lexemes = [see(orth, strings[orth]) for orth in orths]
        return lexemes

    def _may_match(
        self, prepared: _Prepared, question: str, orths: list[int], lexemes: Sequence[Lexeme]
    ) -> bool:
        """False when no code of ``question`` can match: no token starts an anchor phrase, and
        no whole-answer code finds its words filling the answer."""
        screen = prepared.compiled.screen(question)
        if screen.anchors is None:
            return True
        state = prepared.relevant.get(question)
        if state is None:
            state = prepared.relevant[question] = _QuestionScreen()
        known = state.rows
        for orth in orths:
            if orth not in known:
                row = known[orth] = _token_screen(screen, prepared.entries[orth])
                if row[0]:
                    state.starts.add(orth)
                if row[2]:
                    state.whole.add(orth)
        if not state.starts.isdisjoint(orths):
            return True
        if state.whole.isdisjoint(orths):
            return False  # no token starts a whole-answer code's anchor either
        rows = list(map(known.__getitem__, orths))
        for k, whole in enumerate(screen.whole):
            bit = 1 << k
            if any(row[2] & bit for row in rows) and _fills(whole, rows, lexemes, bit):
                return True
        return False

    def _code_doc(
        self,
        prepared: _Prepared,
        questions: list[str],
        doc: Doc,
        offsets: list[int] | None,
        text: str = "",
    ) -> list[tuple[_Partial, ...]]:
        """The partial records of one text for each of ``questions``."""
        if not len(doc):
            return [() for _ in questions]
        if prepared.core is not None:
            done = prepared.core.code_doc(doc, questions, text, offsets)
            if done is not None:
                return done
        compiled = prepared.compiled
        orths: list[int] = doc.to_array(ORTH).tolist()  # no Token objects made
        coded: list[tuple[_Partial, ...]] = []
        if prepared.model_lemmas:
            view = self._view(prepared, doc, orths)
            if not any(view.entries):
                return [() for _ in questions]
            screened = None
        else:
            # Screened first: the view is built only for texts some question's rules can match.
            screened = self._lexemes(prepared, doc, orths)
            if (prepared.truncated and not prepared.truncated.isdisjoint(orths)) or (
                prepared.modifiers
                and not prepared.modifiers.isdisjoint(orths)
                and elides([lexeme.flags for lexeme in screened])
            ):
                for i, orth in prepared.elide(doc).items():
                    orths[i] = orth
                screened = self._lexemes(prepared, doc, orths)
            view = None
        for question in questions:
            if screened is not None:
                if not self._may_match(prepared, question, orths, screened):
                    coded.append(())
                    continue
                if view is None:
                    view = AnswerView(
                        screened,
                        list(map(prepared.entries.__getitem__, orths)),
                        plans=list(map(prepared.plans.__getitem__, orths)),
                    )
            assert view is not None
            matches = match_answer(compiled, view, codes_for_question(compiled, question), question)
            coded.append(
                tuple(self._partial(compiled, view, doc, offsets, m, text) for m in matches)
            )
        return coded

    @staticmethod
    def _partial(
        compiled: CompiledCodebook,
        view: AnswerView,
        doc: Doc,
        offsets: list[int] | None,
        match: Match,
        text: str = "",
    ) -> _Partial:
        first, last = doc[match.start], doc[match.end - 1]
        end_nfc = last.idx + len(last.text)
        if offsets is None:
            start, end = first.idx, end_nfc
        else:
            start, end = map_span(text, offsets, first.idx, end_nfc)
        return (
            match.code,
            start,
            end,
            match.rule.rule_id,
            round(float(match.confidence), 4),
            bool(match.polarity.negated),
            explain(compiled, match, view.lexemes),
        )


def _token_screen(screen: Screen, entry: tuple[tuple[int, str], ...]) -> tuple[bool, int, int, int]:
    """Whether the token starts an anchor, and as bit masks over the whole-answer codes: which
    it is a word of, whose anchor it starts, which it can bracket a relation of."""
    terms = {term for term, _ in entry}
    words = anchors = brackets = 0
    for k, whole in enumerate(screen.whole):
        if not whole.words.isdisjoint(terms):
            words |= 1 << k
        if not whole.anchors.isdisjoint(terms):
            anchors |= 1 << k
        if not whole.brackets.isdisjoint(terms):
            brackets |= 1 << k
    assert screen.anchors is not None
    return not screen.anchors.isdisjoint(terms), words, anchors, brackets


def _fills(
    whole: WholeAnswerScreen,
    rows: list[tuple[bool, int, int, int]],
    lexemes: Sequence[Lexeme],
    bit: int,
) -> bool:
    """Whether every content word is one of the code's words or lies between two words of its
    relations, close enough for a relation to span it."""
    reach = whole.reach
    bracket = [bool(row[3] & bit) for row in rows]
    n = len(rows)
    for i, lexeme in enumerate(lexemes):
        if rows[i][1] & bit or lexeme.flags & (PUNCT | SPACE | FILLER):
            continue
        if not (
            reach
            and any(bracket[max(0, i - reach) : i])
            and any(bracket[i + 1 : min(n, i + reach + 1)])
        ):
            return False
    return True


def _iter_answers(answers: AnswersLike) -> Iterator[_Item]:
    if is_frame(answers):
        from textcode.ingest.stream import table_columns

        yield from zip(*table_columns(answers), strict=True)
        return
    for answer in answers:
        text = answer.text if isinstance(answer.text, str) else ""
        yield str(answer.response_id), str(answer.question), text


def explain(compiled: CompiledCodebook, match: Match, lexemes: Sequence[Lexeme]) -> str:
    """One sentence in the codebook's language: which rule matched what, and what the cues
    around it did (the wording is ``explanation`` of ``textcode/lang/<code>/``)."""
    words = compiled.table.language.explanation
    code = compiled.codes[match.code].code
    source = compiled.codes[match.flipped_from].code if match.flipped_from else code
    matched = "; ".join(dict.fromkeys(match.notes)) or words["the_rule"]
    rule = match.rule
    # Long alternations would drown the sentence; the rule id finds them in the codebook.
    pattern = f' "{rule.pattern.rule}"' if len(rule.pattern.rule) <= 40 else ""
    parts = [
        words["rule"].format(
            label=code.label, code=code.id, rule=rule.rule_id, pattern=pattern, matched=matched
        )
    ]
    if match.polarity.cues:
        cue_words = ", ".join(f'"{lexemes[i].text}"' for i in match.polarity.cues)
        state = (
            match.polarity.state if match.polarity.state in ("lacking", "sufficient") else "context"
        )
        number = "one" if len(match.polarity.cues) == 1 else "many"
        parts.append(words[f"cues.{state}.{number}"].format(cues=cue_words))
    if match.flipped_from:
        parts.append(words["flipped"].format(source=source.id, code=code.id))
    if code.whole_answer:
        parts.append(words["whole"])
    return "; ".join(parts) + "."


def answers_frame(answers: Iterable[Answer]) -> pd.DataFrame:
    """A list of :class:`~textcode.records.Answer` as an answers table."""
    import pandas as pd

    rows = [
        {"response_id": a.response_id, "question": a.question, "text": a.text, **a.attributes}
        for a in answers
    ]
    return pd.DataFrame(rows, columns=None if rows else ["response_id", "question", "text"])


def suggestions_frame(records: Iterable[Suggestion]) -> pd.DataFrame:
    """Suggestion records as a DataFrame with the contract's columns and dtypes."""
    import pandas as pd

    frame = pd.DataFrame([r.to_dict() for r in records], columns=list(SUGGESTION_FIELDS))
    return frame.astype(
        {
            "suggestion_id": "string",
            "response_id": "string",
            "question": "string",
            "code": "string",
            "start": "int64",
            "end": "int64",
            "evidence": "string",
            "rule": "string",
            "confidence": "float64",
            "negated": "bool",
            "explanation": "string",
        }
    )


class CodingResult:
    """What coding produced: the answers, the suggestion records, and views on them."""

    def __init__(
        self, answers: pd.DataFrame, records: list[Suggestion], codebook: Codebook
    ) -> None:
        self.answers = answers
        self.records = records
        self.codebook = codebook
        self._suggestions: pd.DataFrame | None = None

    @property
    def suggestions(self) -> pd.DataFrame:
        """One row per suggestion, the contract's columns."""
        if self._suggestions is None:
            self._suggestions = suggestions_frame(self.records)
        return self._suggestions

    @property
    def matrix(self) -> pd.DataFrame:
        """One row per answer (response_id, question), one 0/1 column per code of the codebook."""
        import pandas as pd

        codebook = self.codebook
        index = pd.MultiIndex.from_arrays(
            [
                self.answers["response_id"].astype(str).to_numpy(),
                [codebook.question_id(q) for q in self.answers["question"].astype(str)],
            ],
            names=["response_id", "question"],
        )
        columns = [code.id for code in codebook.codes]
        matrix = pd.DataFrame(0, index=index, columns=columns, dtype="int8")
        if self.records:
            position = {key: i for i, key in enumerate(index)}
            col = {code: j for j, code in enumerate(columns)}
            values = matrix.to_numpy(copy=True)
            for record in self.records:
                row = position.get((record.response_id, record.question))
                if row is not None and record.code in col:
                    values[row, col[record.code]] = 1
            matrix = pd.DataFrame(values, index=index, columns=columns)
        return matrix

    def respondent_matrix(self) -> pd.DataFrame:
        """One row per respondent: 1 where any of their answers got the code."""
        return self.matrix.groupby(level="response_id", sort=False).max()

    def counts(self) -> pd.DataFrame:
        """Answers per code, with the code's label, most frequent first."""
        import pandas as pd

        matrix = self.matrix
        labels = self.codebook.labels()
        frame = pd.DataFrame(
            {
                "code": matrix.columns,
                "label": [labels[c] for c in matrix.columns],
                "answers": matrix.sum().to_numpy(),
            }
        )
        return frame.sort_values(["answers", "code"], ascending=[False, True], ignore_index=True)

    def __len__(self) -> int:
        return len(self.records)

    def __repr__(self) -> str:
        return (
            f"<CodingResult: {len(self.answers)} answers, {len(self.records)} suggestions, "
            f"codebook {self.codebook.id} {self.codebook.version}>"
        )

    def _repr_html_(self) -> str:
        """Answers per code with a bar, and one highlighted (redacted) example per code."""
        from textcode.display import bar, escape, marked, table
        from textcode.privacy import shown

        counts = self.counts()
        counts = counts[counts["answers"] > 0]
        most = int(counts["answers"].max()) if len(counts) else 0
        group = self.codebook.question_id
        texts = {
            (str(r), group(str(q))): str(t)
            for r, q, t in zip(
                self.answers["response_id"],
                self.answers["question"],
                self.answers["text"],
                strict=True,
            )
        }
        first: dict[str, Suggestion] = {}
        for record in self.records:
            first.setdefault(record.code, record)
        rows: list[list[str]] = []
        for code, label, n in zip(counts["code"], counts["label"], counts["answers"], strict=True):
            example = ""
            found = first.get(code)
            text = texts.get((found.response_id, found.question)) if found else None
            if found is not None and text is not None and len(rows) < 8:
                view = shown(text, [(found.start, found.end)], language=self.codebook.language)
                (start, end), *_ = view.spans
                example = marked(view.text, start, end)
            rows.append([escape(code), escape(label), str(int(n)), bar(int(n), most), example])
        head = (
            f"{len(self.answers)} answers, {len(self.records)} suggestions "
            f"(codebook {self.codebook.id} {self.codebook.version})"
        )
        return table(
            ["code", "label", "answers", "", "example"], rows, caption=head, raw=(0, 1, 3, 4)
        )
