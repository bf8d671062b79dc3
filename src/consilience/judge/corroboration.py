"""Facts and corroboration: claims that state the same thing, counted by independent sources.

Grouping is greedy average-link clustering over the claim links, strongest first, with two rules
that keep facts tight: a fact holds at most one claim per report, and two groups merge only when
their claims are, on average, close to each other (not merely through one chain of links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace

from consilience.link.align_types import Alignment
from consilience.link.provenance import family_keys, outlet_families, source_key
from consilience.model import Claim, Conflict, Document, Fact, Provenance

#: a link this strong may start or join a fact
FACT_LINK = 0.6
#: the mean similarity between two groups' claims (a missing link counts as MISSING) must reach this
FACT_MEAN = 0.5
MISSING = 0.3


def group_claims(claims: Sequence[Claim], alignment: Alignment) -> list[list[str]]:
    """Groups of claim ids that state the same thing (singletons included), in a stable order."""
    doc_of = {c.id: c.doc for c in claims}
    score: dict[tuple[str, str], float] = {}
    for link in alignment.links:
        score[(link.a, link.b)] = score[(link.b, link.a)] = link.score
    members: dict[str, list[str]] = {c.id: [c.id] for c in claims}
    owner: dict[str, str] = {c.id: c.id for c in claims}
    for group in alignment.duplicates:
        head = owner[group[0]]
        for cid in group[1:]:
            other = owner[cid]
            if other != head and not ({doc_of[x] for x in members[head]} & {doc_of[x] for x in members[other]}):
                for x in members.pop(other):
                    owner[x] = head
                    members[head].append(x)

    def closeness(g1: list[str], g2: list[str]) -> float:
        total = 0.0
        for x in g1:
            for y in g2:
                total += score.get((x, y), 1.0 if _same_copy(x, y) else MISSING)
        return total / (len(g1) * len(g2))

    copy_of: dict[str, int] = {}
    for n, group in enumerate(alignment.duplicates):
        for cid in group:
            copy_of[cid] = n

    def _same_copy(x: str, y: str) -> bool:
        return x in copy_of and copy_of.get(x) == copy_of.get(y)

    for link in sorted(alignment.links, key=lambda k: (-k.score, k.a, k.b)):
        if link.score < FACT_LINK:
            break
        ga, gb = owner[link.a], owner[link.b]
        if ga == gb:
            continue
        if {doc_of[x] for x in members[ga]} & {doc_of[x] for x in members[gb]}:
            continue
        if closeness(members[ga], members[gb]) < FACT_MEAN:
            continue
        keep, drop = (ga, gb) if ga < gb else (gb, ga)
        for x in members.pop(drop):
            owner[x] = keep
            members[keep].append(x)
    order = {c.id: n for n, c in enumerate(claims)}
    groups = [sorted(m, key=order.__getitem__) for m in members.values()]
    groups.sort(key=lambda g: order[g[0]])
    return groups


def _summary(group: list[str], by_id: dict[str, Claim], score: dict[tuple[str, str], float]) -> str:
    def centrality(cid: str) -> float:
        return sum(score.get((cid, other), 0.0) for other in group if other != cid)

    best = max(group, key=lambda cid: (centrality(cid), -len(by_id[cid].text), cid))
    text = " ".join(by_id[best].text.split())
    return text if len(text) <= 240 else text[:237].rstrip() + "…"


def build_facts(
    documents: Sequence[Document], claims: Sequence[Claim], alignment: Alignment, provenance: Provenance
) -> tuple[tuple[Claim, ...], tuple[Fact, ...]]:
    """Facts with independent-source counts, and the claims with their ``fact`` set."""
    by_id = {c.id: c for c in claims}
    score: dict[tuple[str, str], float] = {}
    for link in alignment.links:
        score[(link.a, link.b)] = score[(link.b, link.a)] = link.score
    family_of_doc = family_keys(documents, claims, provenance)
    outlet_family = outlet_families(documents, family_of_doc)
    groups = group_claims(claims, alignment)
    drafts = []
    for group in groups:
        docs = sorted({by_id[c].doc for c in group})
        sources = {source_key(by_id[c], family_of_doc, outlet_family) for c in group}
        drafts.append((group, docs, len(sources)))
    order = {c.id: n for n, c in enumerate(claims)}
    drafts.sort(key=lambda d: (-d[2], -len(d[1]), order[d[0][0]]))
    facts = []
    fact_of: dict[str, str] = {}
    width = max(3, len(str(len(drafts))))
    for n, (group, docs, independent) in enumerate(drafts, 1):
        fid = f"F{n:0{width}d}"
        for cid in group:
            fact_of[cid] = fid
        facts.append(
            Fact(
                id=fid,
                claims=tuple(group),
                docs=tuple(docs),
                independent_sources=independent,
                status="corroborated" if independent >= 2 else "single_source",
                summary=_summary(group, by_id, score),
            )
        )
    new_claims = tuple(replace(c, fact=fact_of.get(c.id)) for c in claims)
    return new_claims, tuple(facts)


def mark_contested(facts: Sequence[Fact], claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> tuple[Fact, ...]:
    """A fact is contested when its claims are in conflict with each other or with a corroborated fact."""
    fact_of = {c.id: c.fact for c in claims}
    status = {f.id: f.status for f in facts}
    contested: set[str] = set()
    for conflict in conflicts:
        fa, fb = (fact_of.get(cid) for cid in conflict.claims)
        if fa is None or fb is None:
            continue
        if fa == fb:
            contested.add(fa)
        elif status.get(fa) == "corroborated" and status.get(fb) == "corroborated":
            contested.update((fa, fb))
    return tuple(replace(f, status="contested") if f.id in contested else f for f in facts)


def flag_mutations(claims: Sequence[Claim], conflicts: Sequence[Conflict]) -> tuple[Claim, ...]:
    """Flag ``mutation`` on claims a derived report changed (conflicts introduced along an edge)."""
    mutated: dict[str, set[str]] = defaultdict(set)
    by_id = {c.id: c for c in claims}
    for conflict in conflicts:
        if conflict.introduced_by:
            for cid in conflict.claims:
                if by_id.get(cid) and by_id[cid].doc == conflict.introduced_by:
                    mutated[cid].add(conflict.kind)
    return tuple(
        replace(c, flags=tuple(sorted({*c.flags, "mutation"}))) if c.id in mutated else c for c in claims
    )
