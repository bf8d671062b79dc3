"""Builders for roster tests: small stories whose NER spans are marked by hand (label per surface form)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from consilience.link.roster import build_roster
from consilience.model import Document, Entity, NamedSpan, ParsedDocument, Removed, Sentence


def parsed_with(document: Document, labels: Mapping[str, str]) -> ParsedDocument:
    """A parse whose named spans are every whole-word occurrence of the given surfaces (longest first)."""
    named: list[NamedSpan] = []
    taken: list[tuple[int, int]] = []
    for surface in sorted(labels, key=len, reverse=True):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", document.text):
            if any(m.start() < e and m.end() > s for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            named.append(NamedSpan(m.start(), m.end(), surface, labels[surface]))
    named.sort(key=lambda n: (n.start, n.end))
    sentences, offset = [], 0
    for line in document.text.split("\n"):
        if line.strip():
            sentences.append(Sentence(offset, offset + len(line)))
        offset += len(line) + 1
    return ParsedDocument(doc=document.id, sentences=tuple(sentences), named=tuple(named))


def roster(
    texts: Sequence[str],
    labels: Mapping[str, str],
    removed: Mapping[int, Sequence[tuple[int, int]]] | None = None,
) -> tuple[Entity, ...]:
    """The roster of a story made of ``texts`` (documents d0, d1, ...) with hand-marked NER labels."""
    documents = [
        Document(
            id=f"d{i}",
            text=text,
            removed=tuple(Removed(s, e, "test") for s, e in (removed or {}).get(i, ())),
        )
        for i, text in enumerate(texts)
    ]
    parsed = {d.id: parsed_with(d, labels) for d in documents}
    return build_roster(documents, parsed)


def entity_of(entities: Sequence[Entity], surface: str) -> Entity:
    """The one entity that has ``surface`` as a variant (fails the test when none or several)."""
    hits = [e for e in entities if surface in e.variants]
    assert len(hits) == 1, f"{surface!r} is in {len(hits)} entities: {[e.variants for e in entities]}"
    return hits[0]


def same(entities: Sequence[Entity], a: str, b: str) -> bool:
    """Whether surfaces ``a`` and ``b`` are variants of one entity."""
    return entity_of(entities, a).id == entity_of(entities, b).id
