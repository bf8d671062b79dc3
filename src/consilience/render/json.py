"""The JSON report contract ``consilience.report/1``: model → bytes, deterministically."""

from __future__ import annotations

from typing import Any

import orjson

from consilience.model import (
    Claim,
    Conflict,
    Document,
    Entity,
    Fact,
    Provenance,
    Quote,
    Report,
    SourceCard,
    TimelineEntry,
)


def document_dict(d: Document) -> dict[str, Any]:
    """One document as the contract states it."""
    return {
        "id": d.id,
        "title": d.title,
        "outlet": d.outlet,
        "cites": list(d.cites),
        "published": d.published,
        "url": d.url,
        "text": d.text,
        "removed": [{"start": r.start, "end": r.end, "reason": r.reason} for r in d.removed],
    }


def claim_dict(c: Claim) -> dict[str, Any]:
    """One claim as the contract states it."""
    return {
        "id": c.id,
        "doc": c.doc,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "attribution": c.attribution,
        "hedged": c.hedged,
        "flags": list(c.flags),
        "fact": c.fact,
        "cited_outlet": c.cited_outlet,
    }


def fact_dict(f: Fact) -> dict[str, Any]:
    """One fact as the contract states it."""
    return {
        "id": f.id,
        "claims": list(f.claims),
        "docs": list(f.docs),
        "independent_sources": f.independent_sources,
        "status": f.status,
        "summary": f.summary,
    }


def conflict_dict(c: Conflict) -> dict[str, Any]:
    """One conflict as the contract states it."""
    return {
        "id": c.id,
        "kind": c.kind,
        "claims": list(c.claims),
        "values": list(c.values),
        "explanation": c.explanation,
        "introduced_by": c.introduced_by,
    }


def quote_dict(q: Quote) -> dict[str, Any]:
    """One quote as the contract states it."""
    return {
        "id": q.id,
        "doc": q.doc,
        "start": q.start,
        "end": q.end,
        "text": q.text,
        "speaker": q.speaker,
        "status": q.status,
        "matches": list(q.matches),
    }


def entity_dict(e: Entity) -> dict[str, Any]:
    """One roster entry as the contract states it."""
    return {
        "id": e.id,
        "name": e.name,
        "type": e.type,
        "variants": list(e.variants),
        "mentions": [{"doc": m.doc, "start": m.start, "end": m.end} for m in e.mentions],
    }


def timeline_dict(t: TimelineEntry) -> dict[str, Any]:
    """One timeline entry as the contract states it."""
    return {
        "id": t.id,
        "when": {"start": t.when.start, "end": t.when.end, "granularity": t.when.granularity},
        "claims": list(t.claims),
        "text": t.text,
        "conflict": t.conflict,
    }


def provenance_dict(p: Provenance) -> dict[str, Any]:
    """Edges and families as the contract states them."""
    return {
        "edges": [
            {
                "source": e.source,
                "target": e.target,
                "kind": e.kind,
                "score": round(e.score, 4),
                "directed": e.directed,
                "evidence": [
                    {
                        "source": {"doc": a.doc, "start": a.start, "end": a.end},
                        "target": {"doc": b.doc, "start": b.start, "end": b.end},
                    }
                    for a, b in e.evidence
                ],
            }
            for e in p.edges
        ],
        "families": [list(f) for f in p.families],
    }


def source_dict(s: SourceCard) -> dict[str, Any]:
    """One source scorecard (an addition to the contract, documented in the schema)."""
    return {
        "id": s.id,
        "kind": s.kind,
        "documents": list(s.documents),
        "claims": s.claims,
        "corroborated": s.corroborated,
        "single_source": s.single_source,
        "mutations": s.mutations,
        "embellishments": s.embellishments,
        "fabricated_quotes": s.fabricated_quotes,
        "altered_quotes": s.altered_quotes,
    }


def report_dict(r: Report) -> dict[str, Any]:
    """The whole report as a plain dict in the contract's key order."""
    return {
        "schema": r.schema,
        "documents": [document_dict(d) for d in r.documents],
        "claims": [claim_dict(c) for c in r.claims],
        "facts": [fact_dict(f) for f in r.facts],
        "conflicts": [conflict_dict(c) for c in r.conflicts],
        "quotes": [quote_dict(q) for q in r.quotes],
        "entities": [entity_dict(e) for e in r.entities],
        "timeline": [timeline_dict(t) for t in r.timeline],
        "provenance": provenance_dict(r.provenance),
        "sources": [source_dict(s) for s in r.sources],
        "problems": list(r.problems),
    }


def to_json(r: Report) -> bytes:
    """Serialise a report: same report → byte-identical output (keys in fixed order, 2-space indent)."""
    return orjson.dumps(report_dict(r), option=orjson.OPT_INDENT_2) + b"\n"
