"""English: a second language, to keep the engine honest about not being Dutch-only."""

from __future__ import annotations

from textcode.lang import CompoundSettings, LanguageData, NegationCues, spacy_stop_words

SPACY_STOP_WORDS = spacy_stop_words("en")

NEGATION = NegationCues(
    negators=frozenset({"no", "not", "never", "nothing", "n't", "hardly", "barely", "without"}),
    lacking=frozenset(
        {"lack", "lacking", "insufficient", "shortage", "short", "limited", "missing", "few"}
    ),
    lacking_phrases=(("too", "little"), ("too", "few"), ("not", "enough")),
    sentence_lacking=frozenset({"lack", "lacked", "missing"}),
    sufficient=frozenset({"enough", "sufficient", "adequate", "ample", "plenty"}),
    problems=frozenset({"problem", "problems", "issue", "issues", "obstacle", "barrier"}),
    contrast=frozenset({"but", "however", "although", "whereas", "except", "though"}),
    boundaries=frozenset({",", ";", ":", "(", ")", "/", "–", "—", "\n"}),
    conjunctions=frozenset({"and", "or", "nor", "&", "+"}),
    elliptic=frozenset({"but"}),
    positive=frozenset({"good", "great", "excellent", "smooth", "strong"}),
    copulas=frozenset({"is", "was", "are", "were", "went", "worked", "proved"}),
)

LANGUAGE = LanguageData(
    code="en",
    name="English",
    spacy_lang="en",
    model_names=("en_core_web_lg", "en_core_web_md", "en_core_web_sm"),
    stop_words=frozenset(SPACY_STOP_WORDS),
    fillers=frozenset(SPACY_STOP_WORDS) | frozenset({"specific", "really", "particular"}),
    negation=NEGATION,
    compounds=CompoundSettings(enabled=False),
)
