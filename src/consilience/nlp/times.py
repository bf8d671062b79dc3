"""Time expressions: find and normalise every date/time expression to ISO with granularity.

Rules of our own (`time_extract`) find the expressions; `time_resolve` fixes missing years from the
best evidence available (weekday+date, publication date, neighbouring and story-wide dates) and
anchors relative expressions in the discourse. Expressions too vague for an ISO value ("recently",
or "last week" in a report without a publication date) are left out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from consilience.model import Document, ParsedDocument, TimeExpression
from consilience.nlp.time_resolve import DocumentInput, ResolvedTimex, resolve_story


def parse_published(value: str | None) -> date | None:
    """The calendar date of an ISO publication timestamp ("2024-12-18", "2024-12-18T09:00:00Z"), or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def document_input(document: Document, parsed: ParsedDocument | None) -> DocumentInput:
    """What the resolver needs of one document: text, publication date, sentences, removed spans."""
    sentences = tuple((s.start, s.end) for s in parsed.sentences) if parsed else ()
    return DocumentInput(
        doc=document.id,
        text=document.text,
        published=parse_published(document.published),
        sentences=sentences,
        skip=tuple((r.start, r.end) for r in document.removed),
    )


def resolve_times(
    documents: Sequence[Document], parsed: Mapping[str, ParsedDocument], *, today: date | None = None
) -> dict[str, list[ResolvedTimex]]:
    """Every time expression of every document with its TimeML-style value, vague ones included."""
    inputs = [document_input(d, parsed.get(d.id)) for d in documents]
    return resolve_story(inputs, today or date.today())


def normalise_times(
    documents: Sequence[Document], parsed: Mapping[str, ParsedDocument], *, today: date | None = None
) -> dict[str, tuple[TimeExpression, ...]]:
    """Every time expression of every document, normalised, years inferred story-wide."""
    resolved = resolve_times(documents, parsed, today=today)
    return {
        d.id: tuple(
            TimeExpression(r.doc, r.start, r.end, r.text, r.when, r.evidence)
            for r in resolved.get(d.id, [])
            if r.when is not None
        )
        for d in documents
    }
