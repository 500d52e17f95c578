# cython: language_level=3, boundscheck=False, wraparound=False, cdivision=True
# cython: initializedcheck=False, nonecheck=False
# distutils: language = c++
"""The compiled matching core: the coder's per-answer work over spaCy's token structs.

This is the same algorithm as the pure-Python path (``textcode.coding.coder`` with
``textcode.coding.matcher`` and ``textcode.nlp.negation``), which stays the reference: what
each vocabulary entry is (its lexeme, codebook terms and phrase plan) is decided there, once
per word form, and shared; this module keeps a C copy of those decisions indexed by a dense
lexeme number and walks an answer's tokens (``Doc.c``) with no Python object per token. Hits,
rules, exclusions, negation scopes, marks and exclusivity run on C structs; only the final
matches become Python records, explained by the same ``explain``. An answer it was not written
for (a packaged model's lemmas; a codebook corner it declines) is handed back (``None``) and
coded by the pure-Python path. Tests compare both paths byte for byte.
"""

from cpython.object cimport PyObject, PyTypeObject
from cpython.ref cimport Py_INCREF, Py_XDECREF
from libc.stdint cimport uint64_t
from libc.string cimport memset
from libcpp.algorithm cimport sort, stable_sort
from cython.operator cimport dereference as deref
from libcpp.unordered_map cimport unordered_map
from libcpp.utility cimport pair
from libcpp.vector cimport vector
from spacy.lexeme cimport EMPTY_LEXEME
from spacy.strings cimport hash_string
from spacy.structs cimport TokenC
from spacy.tokenizer cimport Tokenizer
from spacy.tokens.doc cimport Doc
from spacy.typedefs cimport hash_t

from textcode.coding.compiler import HOW_CONFIDENCE, PHRASE_CONFIDENCE
from textcode.coding.matcher import Match, _note
from textcode.nlp.lexemes import (
    BOUNDARY as _BOUNDARY,
    CONJUNCTION as _CONJUNCTION,
    CONTRAST as _CONTRAST,
    COPULA as _COPULA,
    ELLIPTIC as _ELLIPTIC,
    FILLER as _FILLER,
    FUNCTION_WORD as _FUNCTION_WORD,
    JOINER as _JOINER,
    LACKING as _LACKING,
    MODIFIER as _MODIFIER,
    NEGATOR as _NEGATOR,
    PHRASE_CUE as _PHRASE_CUE,
    POLARITY_CUES as _POLARITY_CUES,
    POSITIVE as _POSITIVE,
    PROBLEM as _PROBLEM,
    PUNCT as _PUNCT,
    SENT_END as _SENT_END,
    SENT_LACKING as _SENT_LACKING,
    SHARED as _SHARED,
    SPACE as _SPACE,
    SUFFICIENT as _SUFFICIENT,
    TRUNCATED as _TRUNCATED,
    VERB_FORM as _VERB_FORM,
)
from textcode.nlp.negation import (
    LACKING_STATE,
    PLAIN,
    PLAIN_POLARITY,
    POSITIVE_STATE,
    SUFFICIENT_STATE,
    Polarity,
)
from textcode.nlp.normalize import map_span, nfc_with_offsets

import spacy as _spacy

# The spaCy this module was compiled against: its structs must be the running spaCy's.
SPACY_VERSION = _spacy.__version__

cdef int BOUNDARY = _BOUNDARY
cdef int CONJUNCTION = _CONJUNCTION
cdef int CONTRAST = _CONTRAST
cdef int COPULA = _COPULA
cdef int VERB_FORM = _VERB_FORM
cdef int TRUNCATED = _TRUNCATED
cdef int MODIFIER = _MODIFIER
cdef int JOINER = _JOINER
cdef int SHARED = _SHARED
cdef int FUNCTION_WORD = _FUNCTION_WORD
cdef int ELLIPTIC = _ELLIPTIC
cdef int FILLER = _FILLER
cdef int LACKING = _LACKING
cdef int NEGATOR = _NEGATOR
cdef int PHRASE_CUE = _PHRASE_CUE
cdef int POLARITY_CUES = _POLARITY_CUES
cdef int POSITIVE = _POSITIVE
cdef int PROBLEM = _PROBLEM
cdef int PUNCT = _PUNCT
cdef int SENT_END = _SENT_END
cdef int SENT_LACKING = _SENT_LACKING
cdef int SPACE = _SPACE
cdef int SUFFICIENT = _SUFFICIENT
cdef int CLAUSE_BREAK = _PUNCT | _BOUNDARY | _SENT_END | _CONTRAST | _CONJUNCTION
cdef int INNER_BREAK = _PUNCT | _BOUNDARY | _SENT_END

# Rule node kinds and relations.
DEF K_PHRASE = 0
DEF K_CODE = 1
DEF K_ANY = 2
DEF K_REL = 3
DEF R_NEAR = 0
DEF R_BEFORE = 1
DEF R_AFTER = 2
DEF R_NEXT = 3
DEF R_SENT = 4
DEF R_AND = 5
DEF R_OTHER = 6
# Polarity states.
DEF S_PLAIN = 0
DEF S_LACKING = 1
DEF S_SUFFICIENT = 2
DEF S_POSITIVE = 3
# What a state does to a code: keep it, drop it, or (>= 0) turn it into that code.
DEF A_KEEP = -2
DEF A_DROP = -1
# Below this many hits, looking through all of them is cheaper than an index (matcher).
DEF SCAN_LIMIT = 8
# A Doc reused for tokenising (_tokenize) that grew past this many tokens is replaced (resetting
# it would cost more), and so is one after this many texts (it keeps out-of-vocabulary lexemes).
DEF SCRATCH_TOKENS = 128
DEF SCRATCH_TEXTS = 1000

_STATE_NAMES = (PLAIN, LACKING_STATE, SUFFICIENT_STATE, POSITIVE_STATE)
_RELATIONS = {"NEAR": R_NEAR, "BEFORE": R_BEFORE, "AFTER": R_AFTER, "NEXT": R_NEXT,
              "SENT": R_SENT, "AND": R_AND}


cdef struct Hit:
    int start
    int end
    double confidence
    int notes  # offset into the answer's note ids
    int n_notes


cdef struct Candidate:
    Hit hit
    int uid


cdef struct MatchC:
    int code
    int uid
    int start
    int end
    double confidence
    int state
    bint negated
    int cues  # offset into the answer's cue indices
    int n_cues
    int notes
    int n_notes
    int flipped  # code index, or -1
    int rule_rank  # the rule id's place among all rule ids (sorting)
    int code_rank  # the code id's place among all code ids


cdef struct Node:
    int kind
    int value  # phrase id or code index
    int relation
    int distance  # -1: none
    bint negate
    int left
    int right
    int children  # offset into child node ids
    int n_children


cdef struct Start:
    int pid
    int how  # how id of its first term
    int rest  # offset into rest terms
    int n_rest


cdef struct Raw:
    int pid
    int start
    int size
    int hows  # offset into the answer's how ids (size of them)
    int seq


cdef struct Check:
    int uid
    int code  # code index, -1 for an exclusion
    int requires  # offset into requirement sets
    int n_requires


cdef bint _raw_before(const Raw& a, const Raw& b) noexcept nogil:
    if a.pid != b.pid:
        return a.pid < b.pid
    return a.seq < b.seq


cdef bint _hit_place_before(const Hit& a, const Hit& b) noexcept nogil:
    if a.start != b.start:
        return a.start < b.start
    return a.end < b.end


cdef bint _ranked_before(const MatchC& a, const MatchC& b) noexcept nogil:
    # (-confidence, -length, start, rule id): matcher._finish
    if a.confidence != b.confidence:
        return a.confidence > b.confidence
    if a.end - a.start != b.end - b.start:
        return a.end - a.start > b.end - b.start
    if a.start != b.start:
        return a.start < b.start
    return a.rule_rank < b.rule_rank


cdef bint _placed_before(const MatchC& a, const MatchC& b) noexcept nogil:
    # (start, end, code id, rule id): matcher._finish
    if a.start != b.start:
        return a.start < b.start
    if a.end != b.end:
        return a.end < b.end
    if a.code_rank != b.code_rank:
        return a.code_rank < b.code_rank
    return a.rule_rank < b.rule_rank


cdef class _Question:
    """Per question: its screen rows per lexeme, and its rule plan in C form."""

    cdef bint unscreened  # the screen's anchors are None: any answer may match
    cdef int n_whole
    cdef vector[char] known
    cdef vector[char] starts
    cdef vector[uint64_t] words
    cdef vector[uint64_t] anchors
    cdef vector[uint64_t] brackets
    cdef list whole_words  # per whole-answer code: its frozensets, for rows
    cdef list whole_anchors
    cdef list whole_brackets
    cdef vector[int] whole_reach
    cdef object anchor_terms
    # The rule plan: steps of (code, rules, exclusions, has exclusions at all).
    cdef vector[int] step_code
    cdef vector[int] step_rules
    cdef vector[int] step_n_rules
    cdef vector[int] step_exclusions
    cdef vector[int] step_n_exclusions
    cdef vector[char] step_any_exclusions
    cdef vector[int] uids
    cdef vector[char] allowed
    cdef vector[char] referenced


cdef class Core:
    """The compiled core of one coder: C tables mirroring the shared per-lexeme decisions."""

    cdef object prepared
    cdef object compiled
    cdef object strings
    cdef unordered_map[uint64_t, int] slot_of  # orth -> lexeme number
    cdef list lexemes  # by lexeme number
    cdef list entries
    cdef list hows  # how id -> how string
    cdef dict how_ids
    cdef vector[double] how_confidence
    cdef vector[int] flags
    cdef vector[char] light
    cdef vector[char] particle  # a separable verb particle ("aan"): matcher._final_particle
    cdef vector[char] opener  # a word that opens a clause ("omdat")
    cdef vector[char] phrase_opener  # a word that opens the phrase after it ("voor")
    cdef vector[char] end_verb  # an auxiliary that may close a clause after a particle
    cdef int particle_reach
    cdef vector[uint64_t] phrase_words  # bits: (lacking phrase, position) the form can be
    cdef vector[int] start_of
    cdef vector[int] n_starts_of
    cdef vector[Start] start_list
    cdef vector[int] rest_terms
    cdef vector[int] terms_of  # offset into term_list
    cdef vector[int] n_terms_of
    cdef vector[int] term_list  # (term id, how id) pairs
    # Phrases.
    cdef vector[int] phrase_size
    cdef vector[char] phrase_split
    cdef bint has_split  # the codebook has phrases that read a compound written apart
    cdef list phrases
    # Rules.
    cdef vector[Node] nodes
    cdef vector[int] node_children
    cdef vector[int] rule_node
    cdef vector[int] rule_code
    cdef vector[double] rule_confidence
    cdef vector[char] rule_has_confidence
    cdef vector[int] rule_rank
    cdef list rules
    # Live rules (CompiledCodebook.live_rules).
    cdef vector[Check] checks
    cdef vector[int] requires  # sets as (offset, size) pairs into require_pids
    cdef vector[int] require_pids
    cdef unordered_map[int, int] anchor_first  # pid -> first check (offset, count packed)
    cdef vector[int] anchor_offset
    cdef vector[int] anchor_count
    cdef int unanchored
    cdef int n_unanchored
    cdef vector[char] unanchored_code
    # Codes.
    cdef list code_ids
    cdef dict code_index
    cdef vector[int] code_rank
    cdef vector[char] code_whole
    cdef vector[char] code_exclusive
    cdef vector[int] code_marks  # 0 hit, 1 answer, 2 sentence
    cdef vector[int] code_window
    cdef vector[int] code_lacking
    cdef vector[int] code_sufficient
    cdef vector[int] code_positive
    cdef dict own_terms  # code index -> vector of term membership (bytes)
    cdef dict questions
    cdef list lacking_sizes
    cdef vector[int] lacking_offset
    cdef vector[int] lacking_size
    cdef int n_lacking
    cdef object templates
    cdef object light_words
    cdef object particle_words
    cdef object opener_words
    cdef object phrase_opener_words
    cdef object end_verb_words
    cdef object lacking_words
    cdef unordered_map[uint64_t, int] one_word_notes  # (pid, lexeme) -> note id + 1
    cdef list notes  # note id -> note string
    cdef dict many_word_notes  # (pid, lexeme numbers, how ids) -> note id
    cdef dict note_ids
    cdef dict explanations
    cdef object explain
    cdef object record_maker
    # Per answer (reused).
    cdef vector[int] slots
    cdef vector[int] sentence
    cdef vector[int] clause
    cdef vector[Raw] raws
    cdef vector[int] raw_hows
    cdef vector[int] found_pids
    cdef vector[int] found_first
    cdef vector[int] found_count
    cdef vector[char] found_made
    cdef vector[vector[Hit]] found_hits
    cdef vector[int] answer_notes
    cdef vector[int] answer_cues
    cdef vector[char] live
    cdef vector[char] live_code
    cdef vector[vector[Hit]] code_hits
    cdef vector[char] has_code_hits
    cdef bint cued
    cdef int cued_known
    cdef bint declined

    def __init__(self, prepared, strings, explain):
        self.prepared = prepared
        self.explain = explain
        from textcode.records import SUGGESTION_FIELDS, Suggestion, suggestion_id

        self.record_maker = Records(Suggestion, SUGGESTION_FIELDS, suggestion_id)
        self.compiled = prepared.compiled
        self.strings = strings
        self.lexemes = []
        self.entries = []
        self.hows = []
        self.how_ids = {}
        self.notes = []
        self.many_word_notes = {}
        self.note_ids = {}
        self.explanations = {}
        self.questions = {}
        self.own_terms = {}
        compiled = self.compiled
        language = compiled.table.language
        self.templates = language.morphology.notes
        self.light_words = language.morphology.light_words
        self.particle_words = language.morphology.particles
        self.opener_words = language.morphology.clause_openers
        self.phrase_opener_words = language.morphology.phrase_openers
        self.end_verb_words = language.morphology.clause_end_verbs
        self.particle_reach = language.morphology.particle_reach
        self._init_codes()
        self._init_phrases()
        self._init_rules()
        self._init_checks()
        lacking = language.negation.lacking_phrases
        self.lacking_words = []
        total = 0
        for phrase in lacking:
            self.lacking_offset.push_back(total)
            self.lacking_size.push_back(len(phrase))
            total += len(phrase)
            self.lacking_words.extend(phrase)
        self.n_lacking = len(lacking)
        if total > 64:
            raise ValueError("more lacking-phrase words than the compiled core keeps")

    # -- set-up ------------------------------------------------------------------------------
    cdef int _init_codes(self) except -1:
        cdef int marks
        compiled = self.compiled
        self.code_ids = list(compiled.codes)
        self.code_index = {code: k for k, code in enumerate(self.code_ids)}
        ranks = {code: k for k, code in enumerate(sorted(self.code_ids))}
        for code_id in self.code_ids:
            code = compiled.codes[code_id].code
            self.code_rank.push_back(ranks[code_id])
            self.code_whole.push_back(bool(code.whole_answer))
            self.code_exclusive.push_back(bool(code.exclusive))
            marks = 2  # the sentence
            if code.marks == "hit":
                marks = 0
            elif code.marks == "answer":
                marks = 1
            self.code_marks.push_back(marks)
            self.code_window.push_back(int(code.window))
            self.code_lacking.push_back(self._action(code.negation.lacking))
            self.code_sufficient.push_back(self._action(code.negation.sufficient))
            self.code_positive.push_back(self._action(code.negation.positive))

    cdef int _action(self, str action) except -3:
        if action == "keep":
            return A_KEEP
        if action == "drop":
            return A_DROP
        return self.code_index[action]

    cdef int _init_phrases(self) except -1:
        self.phrases = self.compiled.phrases
        for phrase in self.phrases:
            self.phrase_size.push_back(len(phrase.terms))
            self.phrase_split.push_back(bool(phrase.written_as))
        self.has_split = bool(self.compiled._split_phrases)

    cdef int _init_rules(self) except -1:
        compiled = self.compiled
        self.rules = compiled.rules
        rule_ids = sorted({rule.rule_id for rule in self.rules})
        rank = {rule_id: k for k, rule_id in enumerate(rule_ids)}
        for rule in self.rules:
            self.rule_node.push_back(self._node(rule.node))
            self.rule_code.push_back(self.code_index[rule.code])
            confidence = rule.pattern.confidence
            self.rule_has_confidence.push_back(bool(confidence))
            self.rule_confidence.push_back(float(confidence) if confidence else 0.0)
            self.rule_rank.push_back(rank[rule.rule_id])

    cdef int _node(self, tuple node) except -1:
        cdef Node made
        cdef int k, index
        kind = node[0]
        memset(&made, 0, sizeof(Node))
        made.distance = -1
        if kind == "phrase":
            made.kind = K_PHRASE
            made.value = node[1]
        elif kind == "code":
            made.kind = K_CODE
            made.value = self.code_index[node[1]]
        elif kind == "any":
            made.kind = K_ANY
            children = [self._node(child) for child in node[1]]
            made.children = self.node_children.size()
            made.n_children = len(children)
            for k in children:
                self.node_children.push_back(k)
        elif kind == "rel":
            _, relation, distance, negate, left, right = node
            made.kind = K_REL
            made.relation = _RELATIONS.get(relation, R_OTHER)
            made.distance = -1 if distance is None else int(distance)
            made.negate = bool(negate)
            made.left = self._node(left)
            made.right = self._node(right)
        else:
            raise TypeError(f"unknown rule node {node!r}")
        index = self.nodes.size()
        self.nodes.push_back(made)
        return index

    cdef int _init_checks(self) except -1:
        compiled = self.compiled
        self.unanchored = self.checks.size()
        for check in compiled._unanchored_checks:
            self._check(check)
        self.n_unanchored = self.checks.size() - self.unanchored
        for pid, checks in compiled._anchor_checks.items():
            self.anchor_first[pid] = self.anchor_offset.size()
            self.anchor_offset.push_back(self.checks.size())
            self.anchor_count.push_back(len(checks))
            for check in checks:
                self._check(check)
        self.unanchored_code.assign(len(self.code_ids), 0)
        for code in compiled._unanchored_codes:
            self.unanchored_code[self.code_index[code]] = 1

    cdef int _check(self, tuple check) except -1:
        cdef Check made
        uid, requires, code = check
        made.uid = uid
        made.code = -1 if code is None else self.code_index[code]
        made.requires = self.requires.size()
        made.n_requires = len(requires)
        for needed in requires:
            self.requires.push_back(self.require_pids.size())
            self.requires.push_back(len(needed))
            for pid in sorted(needed):
                self.require_pids.push_back(pid)
        self.checks.push_back(made)

    cdef int _how_id(self, str how):
        found = self.how_ids.get(how)
        if found is None:
            found = self.how_ids[how] = len(self.hows)
            self.hows.append(how)
            self.how_confidence.push_back(
                HOW_CONFIDENCE.get(how.split(":")[0], PHRASE_CONFIDENCE)
            )
        return found

    cdef int _note_id(self, str note):
        found = self.note_ids.get(note)
        if found is None:
            found = self.note_ids[note] = len(self.notes)
            self.notes.append(note)
        return found

    cdef int _slot(self, uint64_t orth) except -1:
        """The lexeme number of a word form, seen (and decided, by the shared Python code)
        the first time."""
        cdef unordered_map[uint64_t, int].iterator found = self.slot_of.find(orth)
        if found != self.slot_of.end():
            return deref(found).second
        prepared = self.prepared
        lexeme = prepared.see(orth, self.strings[orth])
        entry = prepared.entries[orth]
        starts, terms = prepared.plans[orth]
        cdef int slot = len(self.lexemes)
        cdef uint64_t words = 0
        cdef int k
        self.lexemes.append(lexeme)
        self.entries.append(entry)
        self.flags.push_back(lexeme.flags)
        self.light.push_back(lexeme.fold in self.light_words)
        self.particle.push_back(lexeme.fold in self.particle_words)
        self.opener.push_back(lexeme.fold in self.opener_words)
        self.phrase_opener.push_back(lexeme.fold in self.phrase_opener_words)
        self.end_verb.push_back(lexeme.fold in self.end_verb_words)
        keys = (lexeme.fold, *lexeme.lemmas)
        for k, word in enumerate(self.lacking_words):
            if word in keys:
                words |= (<uint64_t>1) << k
        self.phrase_words.push_back(words)
        self.start_of.push_back(self.start_list.size())
        self.n_starts_of.push_back(len(starts))
        cdef Start start
        for pid, hows, rest in starts:
            start.pid = pid
            start.how = self._how_id(hows[0])
            start.rest = self.rest_terms.size()
            start.n_rest = len(rest)
            for term in rest:
                self.rest_terms.push_back(term)
            self.start_list.push_back(start)
        self.terms_of.push_back(self.term_list.size())
        self.n_terms_of.push_back(len(entry))
        for term, how in entry:
            self.term_list.push_back(term)
            self.term_list.push_back(self._how_id(how))
        self.slot_of[orth] = slot
        return slot

    cdef _Question _question(self, str question):
        found = self.questions.get(question)
        if found is not None:
            return <_Question>found
        from textcode.coding.compiler import codes_for_question

        compiled = self.compiled
        cdef _Question q = _Question()
        screen = compiled.screen(question)
        q.unscreened = screen.anchors is None
        q.anchor_terms = screen.anchors
        q.n_whole = len(screen.whole)
        if q.n_whole > 64:
            q.unscreened = True  # more whole-answer codes than bits: no screen, all matched
        q.whole_words = [whole.words for whole in screen.whole]
        q.whole_anchors = [whole.anchors for whole in screen.whole]
        q.whole_brackets = [whole.brackets for whole in screen.whole]
        for whole in screen.whole:
            q.whole_reach.push_back(whole.reach)
        code_ids = codes_for_question(compiled, question)
        steps, allowed, referenced = compiled.rule_plan(question, code_ids)
        for code_id, entry, rules, exclusions in steps:
            q.step_code.push_back(self.code_index[code_id])
            q.step_rules.push_back(q.uids.size())
            q.step_n_rules.push_back(len(rules))
            for rule in rules:
                q.uids.push_back(rule.uid)
            q.step_exclusions.push_back(q.uids.size())
            q.step_n_exclusions.push_back(len(exclusions))
            for rule in exclusions:
                q.uids.push_back(rule.uid)
            q.step_any_exclusions.push_back(bool(entry.exclusions))
        q.allowed.assign(len(self.code_ids), 0)
        q.referenced.assign(len(self.code_ids), 0)
        for code_id in allowed:
            q.allowed[self.code_index[code_id]] = 1
        for code_id in referenced:
            q.referenced[self.code_index[code_id]] = 1
        self.questions[question] = q
        return q

    cdef int _screen_row(self, _Question q, int slot) except -1:
        """Coder._token_screen for one lexeme: starts an anchor; whole-answer code bits."""
        cdef int k
        cdef uint64_t words = 0, anchors = 0, brackets = 0
        while q.known.size() <= <size_t>slot:
            q.known.push_back(0)
            q.starts.push_back(0)
            q.words.push_back(0)
            q.anchors.push_back(0)
            q.brackets.push_back(0)
        terms = {term for term, _ in self.entries[slot]}
        for k in range(q.n_whole):
            if not q.whole_words[k].isdisjoint(terms):
                words |= (<uint64_t>1) << k
            if not q.whole_anchors[k].isdisjoint(terms):
                anchors |= (<uint64_t>1) << k
            if not q.whole_brackets[k].isdisjoint(terms):
                brackets |= (<uint64_t>1) << k
        q.starts[slot] = not q.anchor_terms.isdisjoint(terms)
        q.words[slot] = words
        q.anchors[slot] = anchors
        q.brackets[slot] = brackets
        q.known[slot] = 1

    # -- screening -----------------------------------------------------------------------------
    cdef bint _may_match(self, _Question q, int n):
        cdef int i, k, slot
        cdef bint any_whole = False
        cdef uint64_t bit
        if q.unscreened:
            return True
        for i in range(n):
            slot = self.slots[i]
            if slot >= <int>q.known.size() or not q.known[slot]:
                self._screen_row(q, slot)
            if q.starts[slot]:
                return True
            if q.anchors[slot]:
                any_whole = True
        if not any_whole:
            return False
        for k in range(q.n_whole):
            bit = (<uint64_t>1) << k
            for i in range(n):
                if q.anchors[self.slots[i]] & bit:
                    if self._fills(q, k, bit, n):
                        return True
                    break
        return False

    cdef bint _fills(self, _Question q, int k, uint64_t bit, int n):
        cdef int reach = q.whole_reach[k]
        cdef int i, j, slot
        cdef bint before, after
        for i in range(n):
            slot = self.slots[i]
            if q.words[slot] & bit or self.flags[slot] & (PUNCT | SPACE | FILLER):
                continue
            if not reach:
                return False
            before = False
            j = i - reach if i - reach > 0 else 0
            while j < i:
                if q.brackets[self.slots[j]] & bit:
                    before = True
                    break
                j += 1
            if not before:
                return False
            after = False
            j = i + 1
            while j < n and j < i + reach + 1:
                if q.brackets[self.slots[j]] & bit:
                    after = True
                    break
                j += 1
            if not after:
                return False
        return True

    # -- phrases -------------------------------------------------------------------------------
    cdef int _term_how(self, int slot, int term) noexcept:
        """The how id by which lexeme ``slot`` meets ``term``, or -1."""
        cdef int k
        cdef int offset = self.terms_of[slot]
        cdef int count = self.n_terms_of[slot]
        for k in range(count):
            if self.term_list[offset + 2 * (k)] == term:
                return self.term_list[offset + 2 * k + 1]
        return -1

    cdef int _phrase_hits(self, int n) except -1:
        cdef int i, s, k, r, got, seq = 0
        cdef int blank = self._how_id("")
        cdef Start start
        cdef Raw raw
        cdef int slot
        self.raws.clear()
        self.raw_hows.clear()
        for i in range(n):
            slot = self.slots[i]
            for s in range(self.start_of[slot], self.start_of[slot] + self.n_starts_of[slot]):
                start = self.start_list[s]
                raw.pid = start.pid
                raw.start = i
                raw.hows = self.raw_hows.size()
                raw.seq = seq
                if start.n_rest:
                    if i + start.n_rest >= n:
                        continue
                    self.raw_hows.push_back(start.how)
                    k = i
                    got = 0
                    for r in range(start.n_rest):
                        k += 1
                        while k < n and self.flags[self.slots[k]] & SPACE:
                            self.raw_hows.push_back(blank)
                            k += 1
                        got = self._term_how(self.slots[k], self.rest_terms[start.rest + r]) if k < n else -1
                        if got < 0:
                            break
                        self.raw_hows.push_back(got)
                    if got < 0:
                        self.raw_hows.resize(raw.hows)
                        continue
                    raw.size = self.raw_hows.size() - raw.hows
                else:
                    self.raw_hows.push_back(start.how)
                    raw.size = 1
                self.raws.push_back(raw)
                seq += 1
        stable_sort(self.raws.begin(), self.raws.end(), _raw_before)
        if self.has_split:
            self._claim_split_words()
        self.found_pids.clear()
        self.found_first.clear()
        self.found_count.clear()
        for i in range(<int>self.raws.size()):
            if self.found_pids.size() and self.found_pids.back() == self.raws[i].pid:
                self.found_count[self.found_count.size() - 1] += 1
            else:
                self.found_pids.push_back(self.raws[i].pid)
                self.found_first.push_back(i)
                self.found_count.push_back(1)
        self.found_made.assign(self.found_pids.size(), 0)
        if self.found_hits.size() < self.found_pids.size():
            self.found_hits.resize(self.found_pids.size())
        return 0

    cdef int _claim_split_words(self) except -1:
        """A compound written as two words is one word: as
        ``textcode.coding.matcher._claim_split_words``, a one-word phrase hit on a token of a
        split-compound hit is kept only when the joined word meets the phrase's term too."""
        cdef int blank = self._how_id("")
        cdef size_t r, kept = 0
        cdef int k, first, last
        cdef Raw raw
        cdef dict claimed = {}  # token -> the terms every split hit over it lets through
        for r in range(self.raws.size()):
            raw = self.raws[r]
            if not self.phrase_split[raw.pid]:
                continue
            first = last = -1
            for k in range(raw.size):
                if self.raw_hows[raw.hows + k] != blank:
                    if first < 0:
                        first = k
                    last = k
            if first < 0:
                raise IndexError("a split-compound hit without words")
            met = self.compiled.joined_terms(
                self.lexemes[self.slots[raw.start + first]],
                self.lexemes[self.slots[raw.start + last]],
            )
            for k in range(raw.start, raw.start + raw.size):
                before = claimed.get(k)
                claimed[k] = met if before is None else before & met
        if not claimed:
            return 0
        for r in range(self.raws.size()):
            raw = self.raws[r]
            if not self.phrase_split[raw.pid] and self.phrase_size[raw.pid] == 1:
                met = claimed.get(raw.start)
                if met is not None and self.phrases[raw.pid].terms[0] not in met:
                    continue
            self.raws[kept] = raw
            kept += 1
        self.raws.resize(kept)
        return 0

    cdef int _found(self, int pid) noexcept:
        """The position of ``pid`` among the answer's phrases, or -1."""
        cdef int lo = 0, hi = self.found_pids.size(), mid
        while lo < hi:
            mid = (lo + hi) >> 1
            if self.found_pids[mid] < pid:
                lo = mid + 1
            else:
                hi = mid
        if lo < <int>self.found_pids.size() and self.found_pids[lo] == pid:
            return lo
        return -1

    cdef vector[Hit]* _phrase(self, int position) except NULL:
        """The hits of the answer's ``position``-th phrase (made on first use)."""
        cdef vector[Hit]* hits = &self.found_hits[position]
        if self.found_made[position]:
            return hits
        hits.clear()
        cdef int k, first = self.found_first[position], count = self.found_count[position]
        cdef int pid = self.found_pids[position]
        cdef Raw raw
        cdef Hit hit
        cdef uint64_t key
        cdef int note
        for k in range(first, first + count):
            raw = self.raws[k]
            hit.start = raw.start
            hit.end = raw.start + raw.size
            hit.n_notes = 1
            hit.notes = self.answer_notes.size()
            if raw.size == 1:
                key = ((<uint64_t>pid) << 32) | <uint64_t>self.slots[raw.start]
                note = self.one_word_notes[key] - 1
                if note < 0:
                    how = self.hows[self.raw_hows[raw.hows]]
                    word = self.lexemes[self.slots[raw.start]]
                    note = self._note_id(_note(self.phrases[pid], [word], (how,), self.templates))
                    self.one_word_notes[key] = note + 1
                hit.confidence = self.how_confidence[self.raw_hows[raw.hows]]
            else:
                # A phrase's note is the same wherever the same word forms meet it the same way.
                many = (
                    pid,
                    tuple([self.slots[raw.start + j] for j in range(raw.size)]),
                    tuple([self.raw_hows[raw.hows + j] for j in range(raw.size)]),
                )
                found = self.many_word_notes.get(many)
                if found is None:
                    hows = [self.hows[self.raw_hows[raw.hows + j]] for j in range(raw.size)]
                    words = [self.lexemes[self.slots[raw.start + j]] for j in range(raw.size)]
                    note = self._note_id(_note(self.phrases[pid], words, hows, self.templates))
                    if len(self.many_word_notes) < 100_000:
                        self.many_word_notes[many] = note
                else:
                    note = found
                hit.confidence = (
                    HOW_CONFIDENCE["split"] if self.phrase_split[pid] else PHRASE_CONFIDENCE
                )
            self.answer_notes.push_back(note)
            hits.push_back(hit)
        self.found_made[position] = 1
        return hits

    # -- live rules ----------------------------------------------------------------------------
    cdef bint _meets(self, const Check& check) noexcept:
        cdef int r, offset, size, p
        cdef bint met
        for r in range(check.n_requires):
            offset = self.requires[check.requires + 2 * r]
            size = self.requires[check.requires + 2 * r + 1]
            met = False
            for p in range(offset, offset + size):
                if self._found(self.require_pids[p]) >= 0:
                    met = True
                    break
            if not met:
                return False
        return True

    cdef void _live_rules(self):
        cdef int k, c, position, offset, count
        cdef size_t n_codes = self.unanchored_code.size()
        self.live.assign(self.rule_node.size(), 0)
        self.live_code.assign(n_codes, 0)
        for k in range(<int>n_codes):
            self.live_code[k] = self.unanchored_code[k]
        for k in range(self.unanchored, self.unanchored + self.n_unanchored):
            if self._meets(self.checks[k]):
                self.live[self.checks[k].uid] = 1
        cdef unordered_map[int, int].iterator it
        for position in range(<int>self.found_pids.size()):
            it = self.anchor_first.find(self.found_pids[position])
            if it == self.anchor_first.end():
                continue
            offset = self.anchor_offset[deref(it).second]
            count = self.anchor_count[deref(it).second]
            for c in range(offset, offset + count):
                if self.live[self.checks[c].uid]:
                    continue
                if self._meets(self.checks[c]):
                    self.live[self.checks[c].uid] = 1
                    if self.checks[c].code >= 0:
                        self.live_code[self.checks[c].code] = 1

    # -- rules ---------------------------------------------------------------------------------
    cdef int _evaluate(self, int index, vector[Hit]& out, bint words_only) except -1:
        """The hits of rule node ``index``, appended to ``out`` (matcher._Evaluator)."""
        cdef Node node = self.nodes[index]
        cdef int position, c, k, child_index, n_options = 0, only_phrase = -1
        cdef vector[Hit]* hits
        cdef vector[Hit] merged, part
        cdef Node child
        if node.kind == K_PHRASE:
            position = self._found(node.value)
            if position >= 0:
                hits = self._phrase(position)
                out.insert(out.end(), hits.begin(), hits.end())
            return 0
        if node.kind == K_CODE:
            if self.has_code_hits[node.value]:
                out.insert(out.end(), self.code_hits[node.value].begin(),
                           self.code_hits[node.value].end())
            return 0
        if node.kind == K_ANY:
            for c in range(node.n_children):
                child_index = self.node_children[node.children + c]
                child = self.nodes[child_index]
                if child.kind == K_PHRASE:
                    position = self._found(child.value)
                    if position >= 0:
                        hits = self._phrase(position)
                        merged.insert(merged.end(), hits.begin(), hits.end())
                        n_options += 1
                        only_phrase = position
                    continue
                part.clear()
                self._evaluate(child_index, part, words_only)
                if part.size():
                    merged.insert(merged.end(), part.begin(), part.end())
                    n_options += 1
                    only_phrase = -1
            if n_options == 0:
                return 0
            if n_options == 1 and only_phrase >= 0:
                out.insert(out.end(), merged.begin(), merged.end())
                return 0
            self._merge(merged, out)
            return 0
        return self._relation(node, out, words_only)

    cdef void _merge(self, vector[Hit]& hits, vector[Hit]& out):
        """One hit per place, the most confident (the first of equals), in place order."""
        stable_sort(hits.begin(), hits.end(), _hit_place_before)
        cdef size_t k = 0, best
        while k < hits.size():
            best = k
            k += 1
            while k < hits.size() and hits[k].start == hits[best].start and hits[k].end == hits[best].end:
                if hits[k].confidence > hits[best].confidence:
                    best = k
                k += 1
            out.push_back(hits[best])

    cdef int _relation(self, Node node, vector[Hit]& out, bint words_only) except -1:
        cdef vector[Hit] left, right
        self._evaluate(node.left, left, words_only)
        if not left.size():
            return 0
        self._evaluate(node.right, right, words_only)
        cdef int relation = node.relation
        cdef bint nearby = right.size() > SCAN_LIMIT and relation != R_AND
        cdef vector[int] order, starts, picked
        cdef vector[pair[int, int]] by_start
        cdef int longest = 0, i, p, reach, lo, hi, wanted
        cdef size_t h
        cdef Hit hit, partner, made
        if nearby:
            # matcher._Nearby: the right-hand hits by where they start.
            for i in range(<int>right.size()):
                by_start.push_back(pair[int, int](right[i].start, i))
                if right[i].end - right[i].start > longest:
                    longest = right[i].end - right[i].start
            sort(by_start.begin(), by_start.end())  # by start, then list order: stable
            for i in range(<int>by_start.size()):
                order.push_back(by_start[i].second)
                starts.push_back(by_start[i].first)
        for h in range(left.size()):
            hit = left[h]
            if nearby:
                picked.clear()
                if relation == R_SENT:
                    self._pick(order, starts, hit.start - longest + 1, hit.end, picked)
                    # Sentence numbers rise along the tokens: the sentence is one run of them.
                    wanted = self.sentence[hit.start]
                    lo = _lower_bound(self.sentence, wanted)
                    hi = _lower_bound(self.sentence, wanted + 1)
                    self._pick(order, starts, lo, hi, picked)
                else:
                    reach = node.distance if node.distance > 0 else 0
                    if relation == R_NEXT:
                        if self.particle_reach > reach:
                            reach = self.particle_reach
                        reach = 2 * reach + 1
                    self._pick(order, starts, hit.start - reach + 1 - longest, hit.end + reach, picked)
                sort(picked.begin(), picked.end())
                p = self._partner(hit, right, &picked, relation, node.distance, node.negate)
            else:
                p = self._partner(hit, right, NULL, relation, node.distance, node.negate)
            if node.negate:
                if p < 0:
                    out.push_back(hit)
            elif p >= 0:
                partner = right[p]
                if words_only:
                    out.push_back(hit)
                    out.push_back(partner)
                elif relation == R_NEAR or relation == R_BEFORE or relation == R_AFTER or relation == R_NEXT:
                    made.start = hit.start if hit.start < partner.start else partner.start
                    made.end = hit.end if hit.end > partner.end else partner.end
                    made.confidence = (hit.confidence if hit.confidence > partner.confidence
                                       else partner.confidence) + 0.05
                    if made.confidence > 0.95:
                        made.confidence = 0.95
                    self._join_notes(hit, partner, made)
                    out.push_back(made)
                else:
                    made.start = hit.start
                    made.end = hit.end
                    made.confidence = hit.confidence + 0.03
                    if made.confidence > 0.95:
                        made.confidence = 0.95
                    self._join_notes(hit, partner, made)
                    out.push_back(made)
        return 0

    cdef void _join_notes(self, Hit& a, Hit& b, Hit& made):
        cdef int k, note
        made.notes = self.answer_notes.size()
        made.n_notes = a.n_notes + b.n_notes
        for k in range(a.n_notes):
            note = self.answer_notes[a.notes + k]
            self.answer_notes.push_back(note)
        for k in range(b.n_notes):
            note = self.answer_notes[b.notes + k]
            self.answer_notes.push_back(note)

    cdef void _pick(self, vector[int]& order, vector[int]& starts, int lo, int hi,
                    vector[int]& picked):
        """Indices (into the hits) of the hits that start in ``[lo, hi)``; repeats are fine."""
        cdef int a = _lower_bound(starts, lo), b = _lower_bound(starts, hi), k
        for k in range(a, b):
            picked.push_back(order[k])

    cdef int _partner(self, Hit& hit, vector[Hit]& right, vector[int]* picked, int relation,
                      int distance, bint negate):
        """matcher._Evaluator._partner: the index of the partner in ``right``, or -1."""
        cdef int best = -1, best_gap = 1 << 30, gap, k, n, index, last = -1
        cdef bint after
        cdef Hit other
        n = right.size() if picked == NULL else picked.size()
        for k in range(n):
            if picked == NULL:
                index = k
            else:
                index = picked[0][k]
                if index == last:
                    continue  # picked twice (two ranges)
                last = index
            other = right[index]
            if other.start < hit.end and hit.start < other.end:
                if negate:
                    return index
                continue
            if relation == R_AND:
                return index
            if (not negate and relation != R_SENT
                    and self.flags[self.slots[min(hit.start, other.start)]] & SHARED):
                continue  # matcher._Evaluator._partner: a shared head only ends a span
            if (negate and relation == R_NEAR and other.end <= hit.start
                    and other.end - other.start == 1
                    and self.flags[self.slots[hit.start]] & VERB_FORM
                    and self.phrase_opener[self.slots[other.start]]
                    and self._light_gap(other.end, hit.start) >= 0):
                continue  # matcher._Evaluator._opens: "voor de zorg"
            if (negate and relation == R_NEAR and other.end - other.start == 1
                    and self.flags[self.slots[other.start]] & FUNCTION_WORD
                    and self._break_between(other, hit)):
                continue  # matcher._Evaluator._other_clause: "goede zorg, dat ..."
            if relation == R_NEXT:
                if other.start >= hit.end and other.start - hit.end < best_gap:
                    gap = self._light_gap(hit.end, other.start)
                    if (gap >= 0 and distance >= 0 and gap <= distance) or (
                        other.end - other.start == 1 and self._final_particle(hit.end, other.start)
                    ):
                        best = index
                        best_gap = other.start - hit.end
                continue
            if relation == R_SENT:
                if self.sentence[other.start] == self.sentence[hit.start]:
                    return index
                continue
            after = other.start >= hit.end
            gap = other.start - hit.end + 1 if after else hit.start - other.end + 1
            if relation == R_BEFORE and not after:
                continue
            if relation == R_AFTER and after:
                continue
            if distance >= 0 and gap <= distance and gap < best_gap:
                best = index
                best_gap = gap
        return best

    cdef bint _break_between(self, Hit& other, Hit& hit) noexcept:
        """Whether punctuation stands between ``other`` and ``hit`` (matcher._other_clause)."""
        cdef int start, end, i
        if other.start >= hit.end:
            start, end = hit.end, other.start
        else:
            start, end = other.end, hit.start
        for i in range(start, end):
            if self.flags[self.slots[i]] & INNER_BREAK:
                return True
        return False

    cdef int _light_gap(self, int start, int end) noexcept:
        cdef int count = 0, i, slot
        for i in range(start, end):
            slot = self.slots[i]
            if self.flags[slot] & SPACE:
                continue
            if not self.light[slot]:
                return -1
            count += 1
        return count

    cdef bint _final_particle(self, int start, int at) noexcept:
        """matcher._Evaluator._final_particle."""
        cdef int words = 0, i, flags, slot, n = self.slots.size(), following, verbs = 0
        if not self.particle[self.slots[at]]:
            return False
        for i in range(start, at):
            slot = self.slots[i]
            flags = self.flags[slot]
            if flags & INNER_BREAK or (self.opener[slot] and not flags & CONJUNCTION):
                return False
            if not flags & SPACE:
                words += 1
        if words > self.particle_reach:
            return False
        following = at + 1
        while following < n:
            slot = self.slots[following]
            flags = self.flags[slot]
            if flags & SPACE and not flags & (BOUNDARY | SENT_END):
                following += 1
            elif self.end_verb[slot] and verbs < 2:
                following += 1
                verbs += 1
            else:
                break
        if following == n:
            return True
        slot = self.slots[following]
        return ((self.flags[slot] & CLAUSE_BREAK) != 0 or self.opener[slot]
                or (verbs == 0 and self.phrase_opener[slot]))

    # -- negation ------------------------------------------------------------------------------
    cdef void _clauses(self, int n):
        cdef int s = 0, c = 0, i, flags
        self.sentence.resize(n)
        self.clause.resize(n)
        for i in range(n):
            flags = self.flags[self.slots[i]]
            if flags & (BOUNDARY | CONTRAST) and not flags & SENT_END:
                c += 1
            self.sentence[i] = s
            self.clause[i] = c
            if flags & SENT_END:
                s += 1
                c += 1

    cdef inline int _f(self, int i) noexcept:
        return self.flags[self.slots[i]]

    cdef void _polarity(self, int n, int start, int end, int window, MatchC* match):
        """negation.polarity (cued): the state, whether negated, and the cue tokens."""
        cdef int clause_id = self.clause[start], sentence_id = self.sentence[start]
        cdef int lo = start, hi = end, i, k, flags, first, last, size, p, offset
        cdef int blocked_before, blocked_after, reach
        cdef int negators = 0, lacking = 0, sufficient = 0, problems = 0, positive = 0
        cdef bint negated_problem = False, near, copula, ok
        cdef vector[int] cues, own, phrase_starts
        cdef int state
        while lo > 0 and self.clause[lo - 1] == clause_id:
            lo -= 1
        while hi < n and self.clause[hi] == clause_id:
            hi += 1
        blocked_before = lo - 1
        for i in range(lo, start):
            if self._f(i) & CONJUNCTION:
                blocked_before = i
        blocked_after = hi
        for i in range(end, hi):
            if self._f(i) & CONJUNCTION:
                blocked_after = i
                break
        for i in range(lo, hi):
            flags = self._f(i)
            if flags & NEGATOR and i + 1 < hi and self._f(i + 1) & PROBLEM:
                negated_problem = True
                cues.push_back(i)
                continue
            if start <= i < end:
                if flags & (NEGATOR | LACKING):
                    own.push_back(i)
                continue
            near = start - window <= i < end + window and blocked_before < i < blocked_after
            if flags & NEGATOR and near:
                negators += 1
                cues.push_back(i)
            elif flags & LACKING and near:
                lacking += 1
                cues.push_back(i)
            if flags & SUFFICIENT and blocked_before < i < blocked_after:
                sufficient += 1
                cues.push_back(i)
            if flags & POSITIVE:
                ok = i == start - 1
                if not ok and end <= i < min(end + window, blocked_after):
                    copula = False
                    for k in range(end, i):
                        if self._f(k) & COPULA:
                            copula = True
                            break
                    ok = copula
                if ok:
                    positive += 1
                    cues.push_back(i)
            if flags & PROBLEM and not (i > lo and self._f(i - 1) & NEGATOR):
                problems += 1
        first = max(lo, max(start - window, blocked_before + 1))
        last = min(hi, min(end + window, blocked_after))
        for i in range(first, last):
            if self._f(i) & PHRASE_CUE:
                phrase_starts.push_back(i)
        if phrase_starts.size():
            for p in range(self.n_lacking):
                size = self.lacking_size[p]
                offset = self.lacking_offset[p]
                for i in phrase_starts:
                    if i > last - size:
                        break
                    ok = True
                    for k in range(size):
                        if not (self.phrase_words[self.slots[i + k]] >> (offset + k)) & 1:
                            ok = False
                            break
                    if ok:
                        for k in range(size):
                            if self._f(i + k) & LACKING:
                                ok = False
                                break
                    if ok:
                        lacking += 1
                        cues.push_back(i)
        reach = LACKING if self._f(lo) & ELLIPTIC else SENT_LACKING
        i = lo - 1
        while i >= 0 and self.sentence[i] == sentence_id and not lacking:
            if self._f(i) & reach:
                lacking += 1
                cues.push_back(i)
                break
            i -= 1
        if negated_problem or sufficient:
            state = S_SUFFICIENT
        elif lacking or problems:
            state = S_LACKING
        elif positive:
            state = S_POSITIVE
        else:
            state = S_PLAIN
        if negators % 2 == 1:
            state = S_LACKING if state != S_LACKING else S_SUFFICIENT
        match.state = state
        match.negated = own.size() > 0 or (
            cues.size() > 0 and (negators > 0 or lacking > 0 or negated_problem)
        )
        cues.insert(cues.end(), own.begin(), own.end())
        sort(cues.begin(), cues.end())
        match.cues = self.answer_cues.size()
        match.n_cues = 0
        for k in range(<int>cues.size()):
            if k and cues[k] == cues[k - 1]:
                continue
            self.answer_cues.push_back(cues[k])
            match.n_cues += 1

    # -- one answer ----------------------------------------------------------------------------
    def code_texts(self, Tokenizer tokenizer, dict todo, dict known, code_doc):
        """``coder.Coder._code_texts``: each text of ``todo`` (text -> the questions it answers)
        normalised, tokenised into one reused Doc (:class:`Scratch`) and coded for each of its
        questions into ``known[(question, text)]``. A text this core declines is coded by
        ``code_doc(questions, doc, offsets, text)`` (the pure path)."""
        cdef Scratch scratch = Scratch(tokenizer)
        cdef Doc doc
        cdef list questions
        for text, questions in todo.items():
            normalized, offsets = nfc_with_offsets(text)
            doc = scratch.tokenize(normalized)
            coded = self.code_doc(doc, questions, text, offsets)
            if coded is None:
                coded = code_doc(questions, doc, offsets, text)
            for question, partials in zip(questions, coded):
                known[(question, text)] = partials

    def records(self, coded):
        """The suggestion records of coded answers (:class:`Records`)."""
        return self.record_maker.records(coded)

    def batch_records(self, list batch, list keys, dict known):
        """The suggestion records of a coded batch (:meth:`Records.batch_records`)."""
        return (<Records>self.record_maker).batch_records(batch, keys, known)

    def code_doc(self, Doc doc, list questions, str text, offsets):
        """The partial records of one text for each of ``questions`` (coder._code_doc), or
        None where the pure-Python path must code it."""
        cdef int n = doc.length, i
        cdef const TokenC* tokens = doc.c
        if not n:
            return [() for _ in questions]
        self.slots.resize(n)
        cdef bint truncated = False
        cdef int flag, previous = 0
        for i in range(n):
            self.slots[i] = self._slot(tokens[i].lex.orth)
            flag = self.flags[self.slots[i]]
            if flag & TRUNCATED or (flag & JOINER and previous & MODIFIER):
                truncated = True
            previous = flag
        if truncated:
            # "wet- en regelgeving": the part is read as the word it stands for, "eerste en
            # tweede wereldoorlog": the joiner as the head it shares (coder.elide, elides).
            for k, orth in self.prepared.elide(doc).items():
                self.slots[k] = self._slot(orth)
        coded = []
        cdef bint structured = False
        self.cued_known = 0
        self.declined = False
        cdef _Question q
        for question in questions:
            q = self._question(question)
            if not self._may_match(q, n):
                coded.append(())
                continue
            if not structured:
                self._clauses(n)
                structured = True
            matches = self._match(q, n, doc, text, offsets)
            if self.declined:
                return None
            coded.append(matches)
        return coded

    cdef tuple _match(self, _Question q, int n, Doc doc, str text, offsets):
        cdef int s, r, uid, k, code, action, t
        cdef vector[Candidate] candidates
        cdef vector[Hit] hits, excluded
        cdef vector[MatchC] kept
        cdef vector[vector[MatchC]] by_code
        cdef vector[int] code_order
        cdef vector[int] where
        cdef Candidate candidate
        cdef MatchC match
        cdef Hit hit
        self.answer_notes.clear()
        self.answer_cues.clear()
        self._phrase_hits(n)
        if not self.found_pids.size():
            return ()
        self._live_rules()
        cdef int n_codes = len(self.code_ids)
        self.has_code_hits.assign(n_codes, 0)
        if <int>self.code_hits.size() < n_codes:
            self.code_hits.resize(n_codes)
        where.assign(n_codes, -1)
        for s in range(<int>q.step_code.size()):
            code = q.step_code[s]
            if not self.live_code[code]:
                continue
            candidates.clear()
            for r in range(q.step_rules[s], q.step_rules[s] + q.step_n_rules[s]):
                uid = q.uids[r]
                if self.live[uid]:
                    hits.clear()
                    self._evaluate(self.rule_node[uid], hits, False)
                    for k in range(<int>hits.size()):
                        if self.flags[self.slots[hits[k].start]] & SHARED:
                            continue  # matcher.match_answer: a shared head only completes
                        candidate.hit = hits[k]
                        candidate.uid = uid
                        candidates.push_back(candidate)
            if not candidates.size():
                continue
            if q.step_any_exclusions[s]:
                excluded.clear()
                for r in range(q.step_exclusions[s], q.step_exclusions[s] + q.step_n_exclusions[s]):
                    uid = q.uids[r]
                    if self.live[uid]:
                        self._evaluate(self.rule_node[uid], excluded, True)
                if excluded.size():
                    self._drop_excluded(candidates, excluded)
            if self.code_whole[code]:
                if not self._whole_answer(code, candidates, n):
                    return None
            kept.clear()
            for k in range(<int>candidates.size()):
                candidate = candidates[k]
                hit = candidate.hit
                uid = candidate.uid
                match.state = S_PLAIN
                match.negated = False
                match.cues = 0
                match.n_cues = 0
                if self._is_cued(n):
                    self._polarity(n, hit.start, hit.end, self.code_window[code], &match)
                action = A_KEEP
                if match.state == S_LACKING:
                    action = self.code_lacking[code]
                elif match.state == S_SUFFICIENT:
                    action = self.code_sufficient[code]
                elif match.state == S_POSITIVE:
                    action = self.code_positive[code]
                if action == A_DROP:
                    continue
                if self.rule_has_confidence[uid]:
                    match.confidence = self.rule_confidence[uid]
                elif self.code_whole[code]:
                    match.confidence = 0.95
                else:
                    match.confidence = hit.confidence
                match.code = code
                match.flipped = -1
                if action != A_KEEP:
                    match.code = action
                    match.flipped = code
                match.uid = uid
                match.rule_rank = self.rule_rank[uid]
                match.code_rank = self.code_rank[match.code]
                match.start = hit.start
                match.end = hit.end
                match.notes = hit.notes
                match.n_notes = hit.n_notes
                kept.push_back(match)
            for k in range(<int>kept.size()):
                t = kept[k].code
                if where[t] < 0:
                    where[t] = by_code.size()
                    by_code.push_back(vector[MatchC]())
                    code_order.push_back(t)
                by_code[where[t]].push_back(kept[k])
            if q.referenced[code]:
                self.code_hits[code].clear()
                for k in range(<int>kept.size()):
                    if kept[k].code == code:
                        hit.start = kept[k].start
                        hit.end = kept[k].end
                        hit.confidence = kept[k].confidence
                        hit.notes = kept[k].notes
                        hit.n_notes = kept[k].n_notes
                        self.code_hits[code].push_back(hit)
                self.has_code_hits[code] = self.code_hits[code].size() > 0
        return self._finish(q, n, by_code, code_order, doc, text, offsets)

    cdef bint _is_cued(self, int n):
        cdef int i
        if not self.cued_known:
            self.cued = False
            for i in range(n):
                if self._f(i) & POLARITY_CUES:
                    self.cued = True
                    break
            self.cued_known = 1
        return self.cued

    cdef void _drop_excluded(self, vector[Candidate]& candidates, vector[Hit]& excluded):
        cdef vector[Candidate] kept
        cdef size_t k, e
        cdef bint overlaps
        for k in range(candidates.size()):
            overlaps = False
            for e in range(excluded.size()):
                if candidates[k].hit.start < excluded[e].end and excluded[e].start < candidates[k].hit.end:
                    overlaps = True
                    break
            if not overlaps:
                kept.push_back(candidates[k])
        candidates.swap(kept)

    cdef bint _whole_answer(self, int code, vector[Candidate]& candidates, int n) except? False:
        """matcher._whole_answer; False where the pure path must decide (no candidates left)."""
        own = self.own_terms.get(code)
        if own is None:
            own = self.own_terms[code] = self.compiled.code_terms(self.code_ids[code])
        cdef vector[char] covered
        cdef size_t k
        cdef int i, slot, t, best = 0, start, end, length, best_length = -1
        cdef bint mine
        covered.assign(n, 0)
        for k in range(candidates.size()):
            for i in range(candidates[k].hit.start, candidates[k].hit.end):
                slot = self.slots[i]
                if self.n_terms_of[slot]:
                    mine = False
                    for t in range(self.n_terms_of[slot]):
                        if self.term_list[self.terms_of[slot] + 2 * t] in own:
                            mine = True
                            break
                    if not mine:
                        continue
                covered[i] = 1
        for i in range(n):
            if not covered[i] and not self._f(i) & (PUNCT | SPACE | FILLER):
                candidates.clear()
                return True
        if not candidates.size():
            self.declined = True  # the pure path raises here (max of nothing): let it
            return False
        start = candidates[0].hit.start
        end = candidates[0].hit.end
        for k in range(candidates.size()):
            length = candidates[k].hit.end - candidates[k].hit.start
            if best_length < 0 or length > best_length or (
                length == best_length and candidates[k].hit.start < candidates[best].hit.start
            ):
                best, best_length = k, length
            if candidates[k].hit.start < start:
                start = candidates[k].hit.start
            if candidates[k].hit.end > end:
                end = candidates[k].hit.end
        cdef Candidate one = candidates[best]
        cdef int offset = self.answer_notes.size(), note, j
        cdef bint seen
        for k in range(candidates.size()):
            for i in range(candidates[k].hit.n_notes):
                note = self.answer_notes[candidates[k].hit.notes + i]
                seen = False
                for j in range(offset, <int>self.answer_notes.size()):
                    if self.answer_notes[j] == note:
                        seen = True
                        break
                if not seen:
                    self.answer_notes.push_back(note)
        one.hit.start = start
        one.hit.end = end
        one.hit.notes = offset
        one.hit.n_notes = self.answer_notes.size() - offset
        candidates.clear()
        candidates.push_back(one)
        return True

    cdef void _mark(self, MatchC* match, int n):
        cdef int marks = self.code_marks[match.code], start, end, wanted
        if marks == 0:
            return
        if marks == 1:
            start, end = 0, n
        else:
            wanted = self.sentence[match.start]
            start = match.start
            while start > 0 and self.sentence[start - 1] == wanted:
                start -= 1
            end = match.end
            while end < n and self.sentence[end] == wanted:
                end += 1
        while start < end and self._f(start) & SPACE:
            start += 1
        while end > start and self._f(end - 1) & SPACE:
            end -= 1
        match.start = start
        match.end = end

    cdef tuple _finish(self, _Question q, int n, vector[vector[MatchC]]& by_code,
                       vector[int]& code_order, Doc doc, str text, offsets):
        cdef vector[MatchC] result, ranked, chosen
        cdef size_t c, k, j
        cdef int code
        cdef bint exclusive = False, clash
        cdef MatchC match
        cdef vector[int] span_start, span_end
        cdef int before
        for c in range(code_order.size()):
            code = code_order[c]
            if not q.allowed[code]:
                continue
            if by_code[c].size() == 1:
                match = by_code[c][0]
                self._mark(&match, n)
                result.push_back(match)
                continue
            ranked.clear()
            for k in range(by_code[c].size()):
                match = by_code[c][k]
                self._mark(&match, n)
                ranked.push_back(match)
            stable_sort(ranked.begin(), ranked.end(), _ranked_before)
            chosen.clear()
            clash = False
            for k in range(ranked.size()):
                if ranked[k].start >= ranked[k].end:
                    clash = True
                    break
            if clash:
                for k in range(ranked.size()):
                    for j in range(chosen.size()):
                        if ranked[k].start < chosen[j].end and chosen[j].start < ranked[k].end:
                            break
                    else:
                        chosen.push_back(ranked[k])
            else:
                span_start.clear()
                span_end.clear()
                for k in range(ranked.size()):
                    before = _spans_before(span_start, span_end, ranked[k].end) - 1
                    if before >= 0 and span_end[before] > ranked[k].start:
                        continue
                    _insort(span_start, span_end, ranked[k].start, ranked[k].end)
                    chosen.push_back(ranked[k])
            result.insert(result.end(), chosen.begin(), chosen.end())
        for k in range(result.size()):
            if self.code_exclusive[result[k].code]:
                exclusive = True
        if exclusive:
            chosen.clear()
            for k in range(result.size()):
                if self.code_exclusive[result[k].code]:
                    chosen.push_back(result[k])
            result.swap(chosen)
        if result.size() > 1:
            stable_sort(result.begin(), result.end(), _placed_before)
        return tuple([self._partial(result[k], n, doc, text, offsets) for k in range(result.size())])

    cdef tuple _partial(self, MatchC& match, int n, Doc doc, str text, offsets):
        cdef const TokenC* tokens = doc.c
        cdef int last = match.end - 1 if match.end > 0 else n - 1  # doc[-1], as the pure path
        cdef int start = tokens[match.start].idx
        cdef int end = tokens[last].idx + <int>tokens[last].lex.length
        if offsets is not None:
            start, end = map_span(text, offsets, start, end)
        rule = self.rules[match.uid]
        notes = tuple([self.notes[self.answer_notes[match.notes + k]] for k in range(match.n_notes)])
        cues = tuple([self.answer_cues[match.cues + k] for k in range(match.n_cues)])
        code_id = self.code_ids[match.code]
        flipped = None if match.flipped < 0 else self.code_ids[match.flipped]
        cue_words = tuple([self.lexemes[self.slots[i]].text for i in cues])
        key = (code_id, flipped, notes, match.uid, cue_words, match.state, match.negated)
        explanation = self.explanations.get(key)
        if explanation is None:
            polarity = (
                PLAIN_POLARITY
                if not match.n_cues and match.state == S_PLAIN and not match.negated
                else Polarity(_STATE_NAMES[match.state], bool(match.negated), cues)
            )
            made = Match(code_id, rule, match.start, match.end, match.confidence, polarity,
                         notes, flipped)
            lexemes = [self.lexemes[self.slots[i]] for i in range(n)]
            explanation = self.explain(self.compiled, made, lexemes)
            if len(self.explanations) < 100_000:
                self.explanations[key] = explanation
        return (
            code_id,
            start,
            end,
            rule.rule_id,
            round(match.confidence, 4),
            bool(match.negated),
            explanation,
        )


cdef int _lower_bound(vector[int]& values, int wanted) noexcept:
    cdef int lo = 0, hi = values.size(), mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if values[mid] < wanted:
            lo = mid + 1
        else:
            hi = mid
    return lo


cdef int _spans_before(vector[int]& starts, vector[int]& ends, int end) noexcept:
    """bisect_left(spans, (end, -1)) over spans sorted by (start, end)."""
    cdef int lo = 0, hi = starts.size(), mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if starts[mid] < end or (starts[mid] == end and ends[mid] < -1):
            lo = mid + 1
        else:
            hi = mid
    return lo


cdef void _insort(vector[int]& starts, vector[int]& ends, int start, int end):
    """insort(spans, (start, end)) (after equal spans, as bisect.insort does)."""
    cdef int lo = 0, hi = starts.size(), mid
    while lo < hi:
        mid = (lo + hi) >> 1
        if start < starts[mid] or (start == starts[mid] and end < ends[mid]):
            hi = mid
        else:
            lo = mid + 1
    starts.insert(starts.begin() + lo, start)
    ends.insert(ends.begin() + lo, end)



cdef extern from "Python.h":
    object PyUnicode_FromKindAndData(int kind, const void* buffer, Py_ssize_t size)
    int PyUnicode_4BYTE_KIND


# Bits of the EditFilter: 8 Mbit (1 MB) for the ~420,000 words of a lexicon and a codebook
# leaves about one bit in twenty set, so nineteen edits in twenty that are no word are turned
# away without making a string of them.
DEF FILTER_BITS = 1 << 23


cdef inline uint64_t _code_hash(const Py_UCS4* data, size_t n) noexcept:
    """FNV-1a over the code points of a text, mixed down (EditFilter)."""
    cdef uint64_t h = 14695981039346656037ULL
    cdef size_t i
    for i in range(n):
        h = (h ^ <uint64_t>data[i]) * 1099511628211ULL
    return h ^ (h >> 29)


cdef class EditFilter:
    """A set of texts as bits (a one-hash Bloom filter): a text it does not hold is in none
    of the collections it was made of; one it holds may be. known_edits asks it before making
    a string of an edit."""

    cdef vector[uint64_t] bits

    def __init__(self, *collections):
        cdef Py_UCS4 letter
        cdef uint64_t h
        self.bits.assign(FILTER_BITS // 64, 0)
        for collection in collections:
            for text in collection:
                if type(text) is not str:
                    continue
                h = 14695981039346656037ULL  # _code_hash, read from the text itself
                for letter in <str>text:
                    h = (h ^ <uint64_t>letter) * 1099511628211ULL
                h = (h ^ (h >> 29)) & (FILTER_BITS - 1)
                self.bits[h >> 6] |= (<uint64_t>1) << (h & 63)

    cdef inline bint holds(self, vector[Py_UCS4]& buffer) noexcept:
        cdef uint64_t h = _code_hash(buffer.data(), buffer.size()) & (FILTER_BITS - 1)
        return (self.bits[h >> 6] >> (h & 63)) & 1


cdef inline void _check(vector[Py_UCS4]& buffer, EditFilter known_filter, set known,
                        set stem_like, word_keys, words, folded, stems, int prefix,
                        int stem_like_word):
    cdef bint stemmy = stem_like_word == 1
    if stem_like_word < 0:
        # An edit in the first ``prefix`` letters: are they still a glob's beginning?
        start = PyUnicode_FromKindAndData(
            PyUnicode_4BYTE_KIND, buffer.data(), min(<size_t>prefix, buffer.size())
        )
        stemmy = start in stems
    cdef bint maybe = known_filter.holds(buffer)
    if not (stemmy or maybe):
        return
    candidate = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, buffer.data(), buffer.size())
    if maybe and (candidate in word_keys or candidate in words or candidate in folded):
        known.add(candidate)
    if stemmy:
        stem_like.add(candidate)


def known_edits(str word, str alphabet, stems, int prefix, EditFilter known_filter, word_keys,
                words, folded):
    """Of :func:`textcode.nlp.spelling.one_edit_variants` of ``word``: those in ``word_keys``,
    ``words`` or ``folded``, and those whose first ``prefix`` letters are in ``stems``
    (textcode.coding.variants). ``known_filter`` holds the three collections' texts: an edit
    it does not hold is in none, and becomes no string unless it is stem-like."""
    cdef vector[Py_UCS4] w, letters, buffer
    cdef Py_ssize_t n, i, k
    cdef Py_UCS4 letter
    cdef set known = set(), stem_like = set()
    for letter in word:
        w.push_back(letter)
    for letter in alphabet:
        letters.push_back(letter)
    n = w.size()
    cdef int own = 1 if word[:prefix] in stems else 0, same
    for i in range(1, n + 1):
        same = own if i >= prefix else -1
        if i < n:
            buffer.assign(w.begin(), w.begin() + i)  # a letter too many
            buffer.insert(buffer.end(), w.begin() + i + 1, w.end())
            _check(buffer, known_filter, known, stem_like, word_keys, words, folded, stems,
                   prefix, same)
            if n - i > 1:  # two letters swapped
                buffer.assign(w.begin(), w.begin() + i)
                buffer.push_back(w[i + 1])
                buffer.push_back(w[i])
                buffer.insert(buffer.end(), w.begin() + i + 2, w.end())
                _check(buffer, known_filter, known, stem_like, word_keys, words, folded, stems,
                       prefix, same)
        for k in range(<Py_ssize_t>letters.size()):
            letter = letters[k]
            buffer.assign(w.begin(), w.begin() + i)  # a letter missing
            buffer.push_back(letter)
            buffer.insert(buffer.end(), w.begin() + i, w.end())
            _check(buffer, known_filter, known, stem_like, word_keys, words, folded, stems,
                   prefix, same)
            if i < n and letter != w[i]:  # a letter wrong
                buffer[i] = letter
                buffer.erase(buffer.begin() + i + 1)
                _check(buffer, known_filter, known, stem_like, word_keys, words, folded, stems,
                       prefix, same)
    return known, stem_like


def known_corrections(set candidates, set stem_like, word_keys, words, folded, stems, prefixes,
                      endings, int prefix, is_word):
    """The ``candidates`` that ``textcode.coding.variants._known`` takes for known: a term's
    word, a word of the lexicon, or (of ``stem_like``) a glob's prefix plus nothing, an ending
    or a word; the same walk, with no Python frame per candidate."""
    cdef set found = set()
    cdef str candidate, tail
    cdef Py_ssize_t size, n
    for candidate in candidates:
        if candidate in word_keys or candidate in words or candidate in folded:
            found.add(candidate)
    for candidate in stem_like:
        if candidate in found:
            continue
        n = len(candidate)
        size = 1
        while size <= n and candidate[:size] in stems:
            if size >= prefix and candidate[:size] in prefixes:
                tail = candidate[size:]
                if tail in endings or (len(tail) >= 3 and is_word(tail)):
                    found.add(candidate)
                    break
            size += 1
    return found


# -- suggestion records ------------------------------------------------------------------------

cdef extern from "Python.h":
    ctypedef struct PyMemberDef:
        int type
        Py_ssize_t offset
    ctypedef struct PyMemberDescrObject:
        PyMemberDef* d_member

DEF N_FIELDS = 11
DEF T_OBJECT_EX = 16  # a slot's member type (structmember.h; Py_T_OBJECT_EX since 3.12)


cdef class Records:
    """Suggestion records from coded answers (``coder.Coder._records``), made as the dataclass
    makes them: a new instance whose eleven slots are set in field order. The frozen
    dataclass's ``__init__`` sets each through ``object.__setattr__``, which costs more than
    the rest of a record; here each slot is stored at its offset. A record class this does not
    recognise (another field list, a ``__post_init__``) is called as usual."""

    cdef type cls
    cdef object make_id
    cdef object id_hash
    cdef Py_ssize_t offsets[N_FIELDS]
    cdef bint direct
    cdef tuple no_args

    def __init__(self, cls, fields, make_id):
        import dataclasses

        from textcode import records

        cdef PyMemberDescrObject* member
        self.cls = cls
        self.make_id = make_id
        # textcode.records.suggestion_id's steps made here (a Python call per record saved)
        self.id_hash = records._ID_HASH if make_id is records.suggestion_id else None
        self.no_args = ()
        names = tuple(field.name for field in dataclasses.fields(cls))
        self.direct = (
            names == tuple(fields)
            and len(names) == N_FIELDS
            and not hasattr(cls, "__post_init__")
            and isinstance(cls, type)
            and (<PyTypeObject*>cls).tp_new == (<PyTypeObject*>object).tp_new
        )
        if not self.direct:
            return
        for k, name in enumerate(names):
            descriptor = cls.__dict__.get(name)
            if type(descriptor).__name__ != "member_descriptor" or descriptor.__objclass__ is not cls:
                self.direct = False
                return
            member = <PyMemberDescrObject*>descriptor
            if member.d_member.type != T_OBJECT_EX:
                self.direct = False
                return
            self.offsets[k] = member.d_member.offset

    cdef object _make(self, tuple values):
        cdef Py_ssize_t k
        cdef PyObject** slot
        cdef PyObject* value
        if not self.direct:
            return self.cls(*values)
        record = (<PyTypeObject*>self.cls).tp_new(self.cls, <PyObject*>self.no_args, NULL)
        for k in range(N_FIELDS):
            value = <PyObject*>values[k]
            Py_INCREF(<object>value)
            slot = <PyObject**>((<char*><PyObject*>record) + self.offsets[k])
            Py_XDECREF(slot[0])
            slot[0] = value
        return record

    def __call__(self, *values):
        """One record from its field values (as ``cls(*values)``)."""
        return self._make(values)

    cpdef list batch_records(self, list batch, list keys, dict known):
        """The records of a coded batch (``coder.Coder._coded_batches``): ``batch`` holds
        (response id, question, text) answers, ``keys`` each one's (question group, text), and
        ``known`` the partial records of each key."""
        cdef list out = []
        cdef tuple item, key, partials
        cdef Py_ssize_t i
        make_id = self.make_id
        id_hash = self.id_hash
        for i in range(len(batch)):
            key = <tuple>keys[i]
            partials = <tuple>known[key]
            if not partials:
                continue
            item = <tuple>batch[i]
            response_id = item[0]
            text = item[2]
            question = key[0]
            for code, start, end, rule, confidence, negated, explanation in partials:
                if id_hash is None:
                    made_id = make_id(response_id, question, code, start, end)
                else:
                    digest = id_hash.copy()
                    digest.update(
                        f"{response_id}\x1f{question}\x1f{code}\x1f{start}\x1f{end}".encode()
                    )
                    made_id = "s" + digest.hexdigest()
                out.append(self._make((
                    made_id,
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
                )))
        return out

    def records(self, coded):
        """The records of ``(response id, question, text, partial records)`` answers, in
        order (partial: code, start, end, rule, confidence, negated, explanation)."""
        batch, keys, known = [], [], {}
        for n, (response_id, question, text, partials) in enumerate(coded):
            batch.append((response_id, question, text))
            keys.append((question, n))
            known[(question, n)] = partials
        return self.batch_records(batch, keys, known)



# -- records as JSON Lines ---------------------------------------------------------------------

from json import dumps as _dumps
from json.encoder import encode_basestring as _string


cdef inline object _encoded_once(dict seen, object text):
    encoded = seen.get(text)
    if encoded is None:
        encoded = seen[text] = _string(text)
    return encoded


def jsonl_text(records):
    """``textcode.coding.suggestions.json_line`` of each record, joined: the same bytes, with
    no Python frame per record (formatting is a visible share of ``textcode code``)."""
    cdef list lines = []
    cdef dict seen = _ENCODED
    if len(seen) > ENCODED_KEPT:
        seen.clear()
    for record in records:
        confidence = record.confidence
        number = float.__repr__(confidence) if isinstance(confidence, float) else _dumps(confidence)
        # A question, code, rule and explanation recur from record to record: each is
        # encoded once (a str key that is the same object is found without comparing text).
        q = _encoded_once(seen, record.question)
        c = _encoded_once(seen, record.code)
        r = _encoded_once(seen, record.rule)
        e = _encoded_once(seen, record.explanation)
        lines.append(
            f'{{"suggestion_id": {_string(record.suggestion_id)}, '
            f'"response_id": {_string(record.response_id)}, '
            f'"question": {q}, '
            f'"code": {c}, '
            f'"start": {record.start:d}, "end": {record.end:d}, '
            f'"evidence": {_string(record.evidence)}, '
            f'"rule": {r}, '
            f'"confidence": {number}, '
            f'"negated": {"true" if record.negated else "false"}, '
            f'"explanation": {e}}}\n'
        )
    return "".join(lines)


# Encoded strings jsonl_text keeps between calls (emptied past ENCODED_KEPT).
cdef dict _ENCODED = {}
cdef Py_ssize_t ENCODED_KEPT = 50_000


# -- tokenising into one reused Doc ------------------------------------------------------------



cdef class Scratch:
    """Tokenises texts as ``tokenizer(text)`` does, into one Doc reused from text to text: each
    Doc is valid until the next text is tokenised. Making a Doc costs more than tokenising a
    short answer."""

    cdef Tokenizer tokenizer
    cdef Doc doc
    cdef int used

    def __init__(self, Tokenizer tokenizer):
        self.tokenizer = tokenizer
        self.doc = None
        self.used = 0

    cdef Doc tokenize(self, str text):
        if self.doc is None or self.doc.max_length > SCRATCH_TOKENS or self.used >= SCRATCH_TEXTS:
            self.doc = Doc(self.tokenizer.vocab)
            self.used = 0
        else:
            _reset(self.doc)
        _tokenize(self.tokenizer, self.doc, text)
        self.used += 1
        return self.doc


def scratch_docs(Tokenizer tokenizer, texts):
    """The Docs of ``texts`` as :class:`Scratch` makes them: one Doc, reused."""
    cdef Scratch scratch = Scratch(tokenizer)
    for text in texts:
        yield scratch.tokenize(text)


cdef void _reset(Doc doc) noexcept:
    """The Doc as ``Doc(vocab)`` leaves it (its capacity kept)."""
    cdef int i
    memset(doc.c, 0, doc.max_length * sizeof(TokenC))
    for i in range(doc.max_length):
        doc.c[i].lex = &EMPTY_LEXEME
        doc.c[i].l_edge = i
        doc.c[i].r_edge = i
    doc.length = 0


cdef int _tokenize(Tokenizer tokenizer, Doc doc, str string) except -1:
    """``Tokenizer.__call__`` into ``doc``: spaCy's ``_tokenize_affixes`` (the same steps, with
    its cached and special-case chunks), then its special cases."""
    cdef int length = len(string)
    if length >= (2 ** 30):
        tokenizer(string)  # spaCy's own error for a text this long
    if length == 0:
        return 0
    cdef int i = 0
    cdef int start = 0
    cdef int has_special = 0
    cdef Py_UCS4 uc
    cdef bint in_ws = string[0].isspace()
    cdef str span
    cdef hash_t key
    # Spans of white space and of other characters; a span that is exactly " " is no token.
    for uc in string:
        if uc.isspace() != in_ws:
            if start < i:
                span = string[start:i]
                key = hash_string(span)
                if not tokenizer._try_specials_and_cache(key, doc, &has_special, True):
                    tokenizer._tokenize(doc, span, key, &has_special, True)
            if uc == u" ":
                doc.c[doc.length - 1].spacy = True
                start = i + 1
            else:
                start = i
            in_ws = not in_ws
        i += 1
    if start < i:
        span = string[start:]
        key = hash_string(span)
        if not tokenizer._try_specials_and_cache(key, doc, &has_special, True):
            tokenizer._tokenize(doc, span, key, &has_special, True)
        doc.c[doc.length - 1].spacy = string[length - 1] == u" " and not in_ws
    tokenizer._apply_special_cases(doc)
    return 0
