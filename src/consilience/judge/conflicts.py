"""Typed conflicts between claims about the same thing.

Two claims of different reports are compared when the alignment linked them
(semantic similarity at least ``SAME_THING``) and something says they are about
the same thing: they belong to one fact, or they name a common entity, or each
is the other's best match in the other's report. Claims that name only
different people (one report's "Omar fled by helicopter", another's "Karim
left by car") are about different people and never conflict. Their slots
(``consilience.nlp.slots``) are compared; a value that genuinely differs is a
conflict of that kind, with both values and a one-line explanation naming both
reports.

Not conflicts: a hedged claim negated against its assertion; a count or status
that moved between reports of different days or different dates (the story
moving on); values missing on one side; values tied to different events
("summoned on Friday" vs "arrested on Saturday" dates two events). A difference
along a provenance edge (the derived report changed what its source said) is a
mutation, marked ``introduced_by`` the derived report.

Each claim pair yields at most one conflict (the strongest kind), and a
conflict that repeats the same two values between the same two families of
reports (a copy restating its source) is reported once: the best-supported
pair. Cost: O(links) slot comparisons.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import lru_cache

from consilience.link.align_types import Alignment, ClaimLink
from consilience.model import Claim, Conflict, Document, Entity, Fact, Provenance, TimeExpression
from consilience.nlp.slots import Difference, Slots, extract_slots, slot_differences

#: the least semantic similarity for two claims to be compared at all
SAME_THING = 0.40
#: conflict kinds that a developing story changes legitimately from one day to the next
UPDATABLE = ("number", "status")
#: kinds in order of how reliably a slot difference is a real contradiction; one conflict per claim pair
KIND_ORDER = ("number", "mode", "status", "reason", "place", "person", "date", "time", "negation")
#: kinds that need both claims to name the same event ("left", "fled" ...) unless they state one fact
EVENT_BOUND = ("mode", "date", "time", "place")
#: slots too loose to compare unless the claims state one fact or are each other's best match
CLOSE_ONLY = ("duration", "order", "negation")
#: weight of each piece of same-thing evidence when ranking candidate conflicts
SAME_FACT_BONUS = 0.15
MUTUAL_BEST_BONUS = 0.10
SHARED_ENTITY_BONUS = 0.05


@dataclass(frozen=True)
class _Candidate:
    strength: float
    a: Claim
    b: Claim
    difference: Difference
    introduced_by: str | None


def _derived_pairs(provenance: Provenance) -> dict[frozenset[str], str]:
    """For each pair of documents joined by a derivation edge, the derived (target) document."""
    out: dict[frozenset[str], str] = {}
    for edge in provenance.edges:
        if edge.kind != "cites":
            out[frozenset((edge.source, edge.target))] = edge.target
    return out


def _family_of(provenance: Provenance) -> dict[str, int]:
    return {doc: n for n, family in enumerate(provenance.families) for doc in family}


def _best_partners(links: Sequence[ClaimLink], doc_of: Mapping[str, str]) -> set[tuple[str, str]]:
    """(claim, partner) pairs where the partner is the claim's best link into the partner's report."""
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for link in links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            key = (x, doc_of[y])
            if key not in best or (link.semantic, y) > best[key]:
                best[key] = (link.semantic, y)
    return {(x, y) for (x, _doc), (_score, y) in best.items()}


def entities_in(claims: Sequence[Claim], entities: Sequence[Entity]) -> dict[str, tuple[set[str], set[str]]]:
    """Per claim: the ids of all entities named inside it, and of the people it is about.

    A possessor is not what a claim is about: "the minister's cousins fled" is about the cousins.
    """
    by_doc: dict[str, list[tuple[int, int, str, str]]] = defaultdict(list)
    for entity in entities:
        for mention in entity.mentions:
            by_doc[mention.doc].append((mention.start, mention.end, entity.id, entity.type))
    out: dict[str, tuple[set[str], set[str]]] = {}
    for claim in claims:
        named = [
            (eid, etype, claim.text[e - claim.start : e - claim.start + 2] in ("’s", "'s"))
            for s, e, eid, etype in by_doc.get(claim.doc, ())
            if claim.start <= s and e <= claim.end
        ]
        out[claim.id] = (
            {eid for eid, _, _ in named},
            {eid for eid, etype, possessor in named if etype == "person" and not possessor},
        )
    return out


def _bounds(
    times: Mapping[str, tuple[TimeExpression, ...]], claim: Claim
) -> list[tuple[str, datetime, datetime]]:
    """Each dated moment inside a claim as (kind, earliest, latest): "by midnight" ends a span, a day spans a day."""
    out = []
    for t in times.get(claim.doc, ()):
        if not (claim.start <= t.start and t.end <= claim.end):
            continue
        try:
            start = datetime.fromisoformat(t.when.start)
        except ValueError:
            continue
        before = claim.text[max(0, t.start - claim.start - 12) : t.start - claim.start].lower()
        if t.when.granularity in ("minute", "hour") and before.rstrip().endswith(("by", "before", "until")):
            out.append(("deadline", datetime.min, start))
        elif t.when.granularity == "day":
            out.append(("day", start, start + timedelta(days=1)))
    return out


def _deadline_difference(
    times: Mapping[str, tuple[TimeExpression, ...]], a: Claim, b: Claim, slots_a: Slots, slots_b: Slots
) -> Difference | None:
    """One report has it done "already by" a moment, the other on a day that begins at or after that moment."""
    for x, y, sx, first in ((a, b, slots_a, True), (b, a, slots_b, False)):
        if not sx.of("order") or sx.of("order")[0].key != "before":
            continue
        for kind_x, _, end_x in _bounds(times, x):
            if kind_x != "deadline":
                continue
            for kind_y, start_y, _ in _bounds(times, y):
                if kind_y == "day" and end_x <= start_y:
                    va, vb = f"already by {end_x:%Y-%m-%d %H:%M}", f"on {start_y:%Y-%m-%d}"
                    return Difference("time", *((va, vb) if first else (vb, va)))
    return None


def _days_named(slots: Slots) -> set[str]:
    """The dates and weekdays a claim names."""
    return {v.key for v in (*slots.of("date"), *slots.of("weekday"))}


def _explain(
    difference: Difference,
    a: Claim,
    b: Claim,
    introduced_by: str | None,
    outlets: Mapping[str, str] | None = None,
) -> str:
    def who(doc: str) -> str:
        outlet = (outlets or {}).get(doc)
        return f"{doc} ({outlet})" if outlet else doc

    line = f"{difference.kind}: {who(a.doc)} says {difference.a}, {who(b.doc)} says {difference.b}"
    if introduced_by:
        line += f" (changed by {introduced_by}, which derives from the other)"
    return line


def _value_key(difference: Difference) -> tuple[str, str]:
    return (difference.key_a or difference.a.lower(), difference.key_b or difference.b.lower())


@lru_cache(maxsize=65_536)
def _differences(text_a: str, text_b: str) -> tuple[Difference, ...]:
    """The slot differences of two claim texts (memoised: a story is re-analysed as reports arrive)."""
    return tuple(slot_differences(extract_slots(text_a), extract_slots(text_b)))


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
    units = sentence_units(claims, docs)
    by_id = {c.id: c for c in claims}
    doc_of = {c.id: c.doc for c in claims}
    order = {c.id: n for n, c in enumerate(claims)}
    links = [
        link
        for link in alignment.links
        if link.a in by_id and link.b in by_id and doc_of[link.a] != doc_of[link.b]
    ]
    best = _best_partners(links, doc_of)
    derived = _derived_pairs(provenance)
    family = _family_of(provenance)
    named = entities_in(list({u.id: u for u in units.values()}.values()), entities)
    slots: dict[str, Slots] = {}
    claims_in: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        claims_in[units[claim.id].id].append(claim)

    def slots_of(cid: str) -> Slots:
        if cid not in slots:
            slots[cid] = extract_slots(units[cid].text)
        return slots[cid]

    candidates: list[_Candidate] = []
    compared: set[tuple[int, int, int, int]] = set()
    for link in sorted(links, key=lambda k: (-k.semantic, k.a, k.b)):
        if link.semantic < SAME_THING:
            continue
        ca, cb = by_id[link.a], by_id[link.b]
        if order[ca.id] > order[cb.id]:
            ca, cb = cb, ca
        ua, ub = units[ca.id], units[cb.id]
        unit_pair = (order[ua.id], order[ub.id], ua.end, ub.end)
        if unit_pair in compared:
            continue  # two clauses of the same two sentences: compared once, through the closest pair
        # Slots are compared sentence against sentence: a clause ("..., fearing a backlash") often
        # carries the reason, time or company of its sentence's main statement.
        a, b = replace(ua, fact=ca.fact), replace(ub, fact=cb.fact)
        same_fact = a.fact is not None and a.fact == b.fact
        mutual_best = (a.id, b.id) in best and (b.id, a.id) in best
        (entities_a, people_a), (entities_b, people_b) = named[a.id], named[b.id]
        shared = entities_a & entities_b
        if not (same_fact or mutual_best or shared):
            continue  # nothing says the two claims are about the same thing
        if people_a and people_b and not people_a & people_b:
            continue  # about different people
        sa, sb = slots_of(a.id), slots_of(b.id)
        compared.add(unit_pair)
        diffs = list(_differences(a.text, b.text))
        deadline = _deadline_difference(times, a, b, sa, sb)
        if deadline:
            diffs.append(deadline)
        if not diffs:
            continue
        shared_event = bool(sa.events & sb.events)
        kinds = {d.kind for d in diffs}
        published_a, published_b = docs[a.doc].published, docs[b.doc].published
        different_days = bool(published_a and published_b and published_a[:10] != published_b[:10])
        if kinds & set(UPDATABLE) and ("date" in kinds or different_days):
            # Different moments of a developing story: a toll or status that moved is an update.
            diffs = [d for d in diffs if d.kind not in (*UPDATABLE, "date")]
        if a.hedged or b.hedged:
            diffs = [d for d in diffs if d.kind != "negation"]
        if not (same_fact or shared_event):
            diffs = [d for d in diffs if d.kind not in EVENT_BOUND]
        if not (same_fact or shared or mutual_best):
            # A status or place is about someone or somewhere: both claims must name them.
            diffs = [d for d in diffs if d.kind not in ("status", "place")]
        if not (same_fact or mutual_best):
            diffs = [d for d in diffs if d.slot not in CLOSE_ONLY]
        days_a, days_b = _days_named(sa), _days_named(sb)
        if days_a and days_b and days_a != days_b:
            # Reports of different days: a status that changed is the story moving on.
            diffs = [d for d in diffs if d.kind not in UPDATABLE]
        if not diffs:
            continue
        diffs.sort(key=lambda d: KIND_ORDER.index(d.kind))
        strength = (
            link.semantic
            + SAME_FACT_BONUS * same_fact
            + MUTUAL_BEST_BONUS * mutual_best
            + SHARED_ENTITY_BONUS * min(len(shared), 2)
        )
        introduced_by = derived.get(frozenset((a.doc, b.doc)))
        difference = diffs[0]
        side_a = _clause_with(claims_in[ua.id], difference.a, ca)
        side_b = _clause_with(claims_in[ub.id], difference.b, cb)
        candidates.append(_Candidate(strength, side_a, side_b, difference, introduced_by))
    outlets = {d.id: d.outlet for d in documents if d.outlet}
    return _numbered(_deduplicated(candidates, family, order), outlets)


def sentence_units(claims: Sequence[Claim], docs: Mapping[str, Document]) -> dict[str, Claim]:
    """For each claim, its whole sentence as a claim: clauses of one sentence share one unit.

    Clauses are claims that follow each other with only a comma or semicolon between them (see
    ``consilience.nlp.claims``); the unit keeps the first clause's id.
    """
    out: dict[str, Claim] = {}
    group: list[Claim] = []

    def close() -> None:
        if not group:
            return
        head = group[0]
        text = docs[head.doc].text[head.start : group[-1].end] if head.doc in docs else head.text
        unit = (
            replace(head, end=group[-1].end, text=text, hedged=any(c.hedged for c in group))
            if len(group) > 1
            else head
        )
        for c in group:
            out[c.id] = unit
        group.clear()

    for claim in claims:
        if group:
            prev = group[-1]
            gap = docs[prev.doc].text[prev.end : claim.start] if prev.doc in docs else ""
            joined = (
                prev.doc == claim.doc
                and len(gap) <= 3
                and (prev.text.rstrip().endswith(",") or gap.lstrip().startswith(";"))
            )
            if not joined:
                close()
        group.append(claim)
    close()
    return out


def _clause_with(clauses: Sequence[Claim], value: str, fallback: Claim) -> Claim:
    """The clause of a sentence that states ``value`` (the linked clause when none says it plainly)."""
    needle = value.lower().split(",")[0].strip()
    if needle and fallback.text.lower().find(needle) < 0:
        for clause in clauses:
            if needle in clause.text.lower():
                return clause
    return fallback


def _deduplicated(
    candidates: Sequence[_Candidate], family: Mapping[str, int], order: Mapping[str, int]
) -> list[_Candidate]:
    """The strongest candidate per claim, kind and other family, and per pair of families and values."""
    kept: list[_Candidate] = []
    seen: set[tuple[object, ...]] = set()
    for c in sorted(candidates, key=lambda c: (-c.strength, order[c.a.id], order[c.b.id])):
        fam_a, fam_b = family.get(c.a.doc, c.a.doc), family.get(c.b.doc, c.b.doc)
        kind = c.difference.kind
        keys = (
            ("claim", c.a.id, kind, fam_b),
            ("claim", c.b.id, kind, fam_a),
            (
                "values",
                kind,
                *sorted(((fam_a, _value_key(c.difference)[0]), (fam_b, _value_key(c.difference)[1]))),
            ),
        )
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        kept.append(c)
    kept.sort(key=lambda c: (order[c.a.id], order[c.b.id]))
    return kept


def _numbered(kept: Sequence[_Candidate], outlets: Mapping[str, str]) -> tuple[Conflict, ...]:
    width = max(3, len(str(len(kept))))
    return tuple(
        Conflict(
            id=f"K{n:0{width}d}",
            kind=c.difference.kind,
            claims=(c.a.id, c.b.id),
            values=(c.difference.a, c.difference.b),
            explanation=_explain(c.difference, c.a, c.b, c.introduced_by, outlets),
            introduced_by=c.introduced_by,
        )
        for n, c in enumerate(kept, 1)
    )
