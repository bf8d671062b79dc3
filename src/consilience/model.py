"""The data model: frozen dataclasses passed between stages.

Every span is ``[start, end)`` in characters (Python ``str`` indices) of the
``text`` of the document it names. Stages never mutate these objects; they
return new ones (``dataclasses.replace``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

SCHEMA_ID = "consilience.report/1"

CLAIM_FLAGS = ("single_source", "unattributed", "embellishment", "unsupported", "mutation")
FACT_STATUSES = ("corroborated", "single_source", "contested")
QUOTE_STATUSES = ("corroborated", "altered", "single_source", "fabricated")
EDGE_KINDS = ("copy", "rewrite", "excerpt", "shared_origin", "cites")
CONFLICT_KINDS = ("time", "date", "number", "person", "place", "mode", "reason", "status", "negation")


@dataclass(frozen=True)
class Span:
    """A character range ``[start, end)`` of one document's text."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class Removed:
    """A boilerplate span that was detected and excluded from analysis (the text is not altered)."""

    start: int
    end: int
    reason: str


@dataclass(frozen=True)
class Document:
    """One report as read: ``text`` is exactly what was read; metadata may come from the record or the text."""

    id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    cites: tuple[str, ...] = ()
    published: str | None = None
    url: str | None = None
    source: str | None = None  # file path or "<stdin>", for messages; not part of the contract
    removed: tuple[Removed, ...] = ()


@dataclass(frozen=True)
class Sentence:
    """A sentence span of a document, outside removed boilerplate."""

    start: int
    end: int


@dataclass(frozen=True)
class NamedSpan:
    """A span found by named-entity recognition (spaCy label, not trusted blindly)."""

    start: int
    end: int
    text: str
    label: str


@dataclass(frozen=True)
class ParsedDocument:
    """Per-document NLP output: sentences and named-entity spans, all offsets into ``Document.text``."""

    doc: str
    sentences: tuple[Sentence, ...]
    named: tuple[NamedSpan, ...]


@dataclass(frozen=True)
class Claim:
    """A sentence or clause that states something, with who says it and whether it is hedged."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    attribution: str | None = None
    hedged: bool = False
    flags: tuple[str, ...] = ()
    fact: str | None = None
    cited_outlet: str | None = None  # the outlet this claim is credited to ("according to X"), if any


@dataclass(frozen=True)
class Fact:
    """Claims from different reports that state the same thing."""

    id: str
    claims: tuple[str, ...]
    docs: tuple[str, ...]
    independent_sources: int
    status: str
    summary: str


@dataclass(frozen=True)
class Conflict:
    """Two claims that give different values for the same slot of the same thing."""

    id: str
    kind: str
    claims: tuple[str, str]
    values: tuple[str, str]
    explanation: str
    introduced_by: str | None = None  # doc id of the derived report that introduced a mutation


@dataclass(frozen=True)
class Quote:
    """A direct quote with its speaker and integrity status."""

    id: str
    doc: str
    start: int
    end: int
    text: str
    speaker: str | None = None
    status: str = "single_source"
    matches: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """Where an entity is named."""

    doc: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A person, place or organisation, merged across spellings."""

    id: str
    name: str
    type: str
    variants: tuple[str, ...]
    mentions: tuple[Mention, ...]


@dataclass(frozen=True)
class When:
    """A normalised time: ISO start, optional ISO end, and granularity (year, month, day, hour, minute...)."""

    start: str
    end: str | None
    granularity: str


@dataclass(frozen=True)
class TimeExpression:
    """A date/time expression found in a document, normalised; ``evidence`` says how the value was fixed."""

    doc: str
    start: int
    end: int
    text: str
    when: When
    evidence: str = ""


@dataclass(frozen=True)
class TimelineEntry:
    """One event on the merged timeline, citing its claims."""

    id: str
    when: When
    claims: tuple[str, ...]
    text: str
    conflict: bool = False


@dataclass(frozen=True)
class Edge:
    """A provenance link: ``source`` is the earlier/origin document where known."""

    source: str
    target: str
    kind: str
    score: float
    evidence: tuple[tuple[Span, Span], ...] = ()
    directed: bool = True


@dataclass(frozen=True)
class Provenance:
    """Who derives from whom, and the families of reports that are one source."""

    edges: tuple[Edge, ...] = ()
    families: tuple[tuple[str, ...], ...] = ()


@dataclass(frozen=True)
class SourceCard:
    """Per-report (or per-outlet) scorecard: the basis for a reader's trust."""

    id: str
    kind: str  # "document" or "outlet"
    documents: tuple[str, ...]
    claims: int
    corroborated: int
    single_source: int
    mutations: int
    embellishments: int
    fabricated_quotes: int
    altered_quotes: int


@dataclass(frozen=True)
class Report:
    """Everything the analysis found about one story."""

    documents: tuple[Document, ...]
    claims: tuple[Claim, ...] = ()
    facts: tuple[Fact, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    quotes: tuple[Quote, ...] = ()
    entities: tuple[Entity, ...] = ()
    timeline: tuple[TimelineEntry, ...] = ()
    provenance: Provenance = field(default_factory=Provenance)
    sources: tuple[SourceCard, ...] = ()
    problems: tuple[str, ...] = ()  # input problems (file and reason) that did not stop the analysis
    schema: str = SCHEMA_ID
