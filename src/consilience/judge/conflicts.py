"""Typed conflicts between claims about the same thing.

Two claims of different reports are about the same thing when the alignment
scored them close enough (``SAME_THING``) and each is among the other's nearest
claims in the other report (``NEAREST``) — a claim is compared with what the
other report says about the same moment, not with everything it says. Their
slots (``consilience.nlp.slots``) are compared; a value that genuinely differs
is a conflict of that kind, with both values and a one-line explanation.

Not conflicts: a hedged claim negated against its assertion; dates more than
``DATE_SPREAD`` days apart (different events, not a disputed date); a count or status
that moved between reports of different days or different dates (the story
moving on); values missing on one side. A difference along a provenance edge
(the derived report changed what its source said) is a mutation, marked
``introduced_by`` the derived report. Cost: O(links) slot comparisons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date

from consilience.link.align_types import Alignment, ClaimLink
from consilience.model import Claim, Conflict, Document, Entity, Fact, Provenance, TimeExpression
from consilience.nlp.slots import Slots, extract_slots, slot_differences

#: the least semantic similarity for two claims to be about the same thing
SAME_THING = 0.44
#: ...and one must be among the other's this many nearest claims in its report
NEAREST = 5
#: conflict kinds that a developing story changes legitimately from one day to the next
UPDATABLE = ("number", "status")
#: dates further apart than this are different events, not a disputed date
DATE_SPREAD = 2


def _doc_label(document: Document) -> str:
    return document.outlet or document.title or document.id


def _nearest(links: Sequence[ClaimLink], doc_of: Mapping[str, str]) -> set[tuple[str, str]]:
    """Pairs where one claim is among the other's ``NEAREST`` best links in the other's report."""
    ranked: dict[tuple[str, str], list[tuple[float, str]]] = defaultdict(list)
    for link in links:
        ranked[(link.a, doc_of[link.b])].append((link.semantic, link.b))
        ranked[(link.b, doc_of[link.a])].append((link.semantic, link.a))
    near: set[tuple[str, str]] = set()
    for (claim, _doc), partners in ranked.items():
        for _score, other in sorted(partners, reverse=True)[:NEAREST]:
            near.add((claim, other))
            near.add((other, claim))
    return near


def _derived_pairs(provenance: Provenance) -> dict[frozenset[str], str]:
    """For each pair of documents joined by a derivation edge, the derived (target) document."""
    out: dict[frozenset[str], str] = {}
    for edge in provenance.edges:
        if edge.kind != "cites":
            out[frozenset((edge.source, edge.target))] = edge.target
    return out


def _days(times: Mapping[str, tuple[TimeExpression, ...]], claim: Claim) -> set[str]:
    """ISO days of the time expressions inside a claim."""
    out = set()
    for t in times.get(claim.doc, ()):
        if (
            claim.start <= t.start
            and t.end <= claim.end
            and t.when.granularity not in ("year", "month", "season")
        ):
            out.add(t.when.start[:10])
    return out


def _day_gap(days_a: set[str], days_b: set[str]) -> int | None:
    """Days between the closest dates of two claims, when both are ISO-dated."""
    gaps = []
    for x in days_a:
        for y in days_b:
            try:
                gaps.append(abs((date.fromisoformat(x) - date.fromisoformat(y)).days))
            except ValueError:
                continue
    return min(gaps) if gaps else None


def _explain(kind: str, va: str, vb: str, da: Document, db: Document, introduced_by: str | None) -> str:
    line = f'{kind}: {_doc_label(da)} says "{va}", {_doc_label(db)} says "{vb}"'
    if introduced_by:
        derived = da if da.id == introduced_by else db
        line += f" (changed by {_doc_label(derived)}, which derives from the other)"
    return line


def find_conflicts(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    facts: Sequence[Fact],
    alignment: Alignment,
    provenance: Provenance,
    times: Mapping[str, tuple[TimeExpression, ...]],
    entities: Sequence[Entity],
) -> tuple[Conflict, ...]:
    """Conflicts with both values and a one-line explanation."""
    docs = {d.id: d for d in documents}
    by_id = {c.id: c for c in claims}
    doc_of = {c.id: c.doc for c in claims}
    order = {c.id: n for n, c in enumerate(claims)}
    links = [
        link
        for link in alignment.links
        if link.a in by_id and link.b in by_id and doc_of[link.a] != doc_of[link.b]
    ]
    near = _nearest(links, doc_of)
    derived = _derived_pairs(provenance)
    slots: dict[str, Slots] = {}

    def slots_of(cid: str) -> Slots:
        if cid not in slots:
            slots[cid] = extract_slots(by_id[cid].text)
        return slots[cid]

    candidates: list[tuple[float, str, str, str, str, str, str | None]] = []
    for link in links:
        if link.semantic < SAME_THING or (link.a, link.b) not in near:
            continue
        a, b = by_id[link.a], by_id[link.b]
        if order[a.id] > order[b.id]:
            a, b = b, a
        diffs = slot_differences(slots_of(a.id), slots_of(b.id))
        days_a, days_b = _days(times, a), _days(times, b)
        if days_a and days_b and not days_a & days_b and not any(k == "date" for k, _, _ in diffs):
            diffs.append(("date", min(days_a), min(days_b)))
        if not diffs:
            continue
        kinds = {k for k, _, _ in diffs}
        published_a, published_b = docs[a.doc].published, docs[b.doc].published
        different_days = bool(published_a and published_b and published_a[:10] != published_b[:10])
        if kinds & set(UPDATABLE) and ("date" in kinds or different_days):
            # Different moments of a developing story: a toll or status that moved is an update.
            diffs = [d for d in diffs if d[0] not in (*UPDATABLE, "date")]
        if a.hedged or b.hedged:
            diffs = [d for d in diffs if d[0] != "negation"]
        if any(kind == "date" for kind, _, _ in diffs):
            gap = _day_gap(days_a, days_b)
            if gap is not None and gap > DATE_SPREAD:
                diffs = [d for d in diffs if d[0] != "date"]
        introduced_by = derived.get(frozenset((a.doc, b.doc)))
        for kind, va, vb in diffs:
            candidates.append((link.semantic, a.id, b.id, kind, va, vb, introduced_by))
    found = [(a_id, b_id, kind, va, vb, intro) for _, a_id, b_id, kind, va, vb, intro in candidates]
    found.sort(key=lambda f: (order[f[0]], order[f[1]], f[2]))
    conflicts = []
    width = max(3, len(str(len(found))))
    for n, (a_id, b_id, kind, va, vb, introduced_by) in enumerate(found, 1):
        da, db = docs[doc_of[a_id]], docs[doc_of[b_id]]
        conflicts.append(
            Conflict(
                id=f"K{n:0{width}d}",
                kind=kind,
                claims=(a_id, b_id),
                values=(va, vb),
                explanation=_explain(kind, va, vb, da, db, introduced_by),
                introduced_by=introduced_by,
            )
        )
    return tuple(conflicts)
