"""Small builders for judgement tests: documents with hand-marked person names."""

from __future__ import annotations

import re

from consilience.model import Document, NamedSpan, ParsedDocument


def parsed_with_people(document: Document, people: list[str]) -> ParsedDocument:
    """A parse whose only named spans are the given people, wherever they occur."""
    named = []
    for name in people:
        for m in re.finditer(re.escape(name), document.text):
            named.append(NamedSpan(m.start(), m.end(), name, "PERSON"))
    named.sort(key=lambda n: (n.start, n.end))
    return ParsedDocument(doc=document.id, sentences=(), named=tuple(named))
