"""Small builders for time tests: documents, sentence spans and one claim per sentence."""

from __future__ import annotations

import re

from consilience.model import Claim, Document, ParsedDocument, Sentence


def sentences(text: str) -> tuple[Sentence, ...]:
    """Sentence spans: lines, split after . ! ? before a capital letter or an opening quote."""
    out: list[Sentence] = []
    for line in re.finditer(r"[^\n]+", text):
        start = line.start()
        for m in re.finditer(r"[.!?][\"'”’]*\s+(?=[A-Z“\"‘'])", line.group()):
            out.append(Sentence(start, line.start() + m.end()))
            start = line.start() + m.end()
        if start < line.end():
            out.append(Sentence(start, line.end()))
    return tuple(s for s in out if text[s.start : s.end].strip())


def parse(doc: Document) -> ParsedDocument:
    """A ParsedDocument with simple sentence spans and no named entities."""
    return ParsedDocument(doc.id, sentences(doc.text), ())


def sentence_claims(doc: Document) -> list[Claim]:
    """One claim per sentence, ids "<doc>:<n>"."""
    return [
        Claim(f"{doc.id}:{i}", doc.id, s.start, s.end, doc.text[s.start : s.end])
        for i, s in enumerate(sentences(doc.text))
    ]
