"""Facts and corroboration: claims that state the same thing, counted by independent sources.

Grouping is greedy average-link clustering over the claim links, strongest first, with two rules
that keep facts tight: a fact holds at most one claim per report, and two groups merge only when
their claims are, on average, close to each other (not merely through one chain of links).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from consilience.judge.conflicts import entities_in
from consilience.link.align_types import Alignment
from consilience.link.provenance import family_keys, outlet_families, source_key
from consilience.model import Claim, Conflict, Document, Entity, Fact, Provenance

#: a link this strong may start or join a fact on its own
FACT_LINK = 0.45
#: a weaker link counts when its two claims are each other's best match between their two reports,
#: or when it lies on the in-order alignment of a rewrite with its source
MUTUAL_LINK = 0.38
EDGE_LINK = 0.4
#: the mean similarity between two groups' claims (a missing link counts as MISSING) must reach this when
#: they share a source (a rewrite's claims beside its origin's: the in-order alignment vouches for them)
FACT_MEAN = 0.3
MISSING = 0.3
#: ... and this when the two groups share no independent source (the merge corroborates)
CORROBORATION_MEAN = 0.38
#: a fact holds at most one claim of each report (keeps facts from drifting through chains)
ONE_CLAIM_PER_REPORT = True


def edge_pairs(claims: Sequence[Claim], alignment: Alignment, provenance: Provenance) -> set[tuple[str, str]]:
    """Claim pairs on the best in-order alignment of each derived report with its source.

    A rewrite follows its source's sequence, so along a provenance edge a weaker link that keeps the
    order is evidence of the same statement. Dynamic programming, O(|source| × |target|) per edge.
    """
    per_doc: dict[str, list[str]] = defaultdict(list)
    for c in claims:
        per_doc[c.doc].append(c.id)
    score: dict[tuple[str, str], float] = {}
    for link in alignment.links:
        score[(link.a, link.b)] = score[(link.b, link.a)] = link.score
    pairs: set[tuple[str, str]] = set()
    for edge in provenance.edges:
        if edge.kind in ("cites", "copy"):
            continue  # a copy's claims are identical texts, grouped already
        src, dst = per_doc.get(edge.source, []), per_doc.get(edge.target, [])
        if not src or not dst:
            continue
        rows, cols = len(src), len(dst)
        best = [[0.0] * (cols + 1) for _ in range(rows + 1)]
        for i in range(1, rows + 1):
            for j in range(1, cols + 1):
                s = score.get((src[i - 1], dst[j - 1]), 0.0)
                diag = best[i - 1][j - 1] + (s - EDGE_LINK + 0.05) if s >= EDGE_LINK else float("-inf")
                best[i][j] = max(best[i - 1][j], best[i][j - 1], diag)
        i, j = rows, cols
        while i > 0 and j > 0:
            s = score.get((src[i - 1], dst[j - 1]), 0.0)
            if s >= EDGE_LINK and best[i][j] == best[i - 1][j - 1] + (s - EDGE_LINK + 0.05):
                a, b = sorted((src[i - 1], dst[j - 1]))
                pairs.add((a, b))
                i, j = i - 1, j - 1
            elif best[i][j] == best[i - 1][j]:
                i -= 1
            else:
                j -= 1
    return pairs


def mutual_best(claims: Sequence[Claim], alignment: Alignment) -> set[tuple[str, str]]:
    """Links whose claims are each other's best counterpart between their two documents."""
    doc_of = {c.id: c.doc for c in claims}
    best: dict[tuple[str, str], tuple[float, str]] = {}
    for link in alignment.links:
        for x, y in ((link.a, link.b), (link.b, link.a)):
            key = (x, doc_of[y])
            if key not in best or best[key] < (link.score, y):
                best[key] = (link.score, y)
    return {
        (link.a, link.b)
        for link in alignment.links
        if best[(link.a, doc_of[link.b])][1] == link.b and best[(link.b, doc_of[link.a])][1] == link.a
    }


#: a person named in more than this share of a story's claims is one of its protagonists
PROTAGONIST_SHARE = 0.1


def specific_people(claims: Sequence[Claim], entities: Sequence[Entity]) -> dict[str, frozenset[str]]:
    """Per claim: the people it is about, leaving out the story's protagonists and mere possessors.

    "The president called the prime minister" and "the president called the central bank's
    governor" name different people besides the one every claim of the story is about: they
    are not one fact.
    """
    named = {cid: people for cid, (_, people) in entities_in(claims, entities).items()}
    counts: dict[str, int] = defaultdict(int)
    for people in named.values():
        for eid in people:
            counts[eid] += 1
    limit = max(3, PROTAGONIST_SHARE * len(claims))
    return {cid: frozenset(p for p in people if counts[p] <= limit) for cid, people in named.items()}


#: added to a link's score when both claims name the same person (besides the protagonists)
SHARED_PERSON_BONUS = 0.05


def _with_shared_names(alignment: Alignment, people: Mapping[str, frozenset[str]]) -> Alignment:
    """The alignment with links between claims that name one same person made a little stronger.

    Transliterations ("Youssef" / "Yusuf") share no word, but the roster knows they are one person.
    """
    links = tuple(
        replace(link, score=round(min(1.0, link.score + SHARED_PERSON_BONUS), 4))
        if people.get(link.a, frozenset()) & people.get(link.b, frozenset())
        else link
        for link in alignment.links
    )
    return replace(alignment, links=links)


def group_claims(
    claims: Sequence[Claim],
    alignment: Alignment,
    along_edges: set[tuple[str, str]] | None = None,
    people: Mapping[str, frozenset[str]] | None = None,
    source_of: Mapping[str, str] | None = None,
) -> list[list[str]]:
    """Groups of claim ids that state the same thing (singletons included), in a stable order.

    Identical claim texts (copies) share one canonical id, the one alignment links name; closeness
    between groups is computed over their distinct canonical ids, so a thousand copies of a
    sentence cost no more than one.
    """
    canonical: dict[str, str] = {c.id: c.id for c in claims}
    for group in alignment.duplicates:
        for cid in group:
            canonical[cid] = group[0]
    score: dict[tuple[str, str], float] = {}
    for link in alignment.links:
        score[(link.a, link.b)] = score[(link.b, link.a)] = link.score
    members: dict[str, list[str]] = {c.id: [c.id] for c in claims}
    docs_in: dict[str, set[str]] = {c.id: {c.doc} for c in claims}
    texts_in: dict[str, set[str]] = {c.id: {c.id} for c in claims}
    people_in: dict[str, set[str]] = {c.id: set((people or {}).get(c.id, ())) for c in claims}
    sources_in: dict[str, set[str]] = {c.id: {(source_of or {}).get(c.id, c.doc)} for c in claims}
    owner: dict[str, str] = {c.id: c.id for c in claims}

    def merge(keep: str, drop: str) -> None:
        for x in members.pop(drop):
            owner[x] = keep
            members[keep].append(x)
        docs_in[keep] |= docs_in.pop(drop)
        texts_in[keep] |= texts_in.pop(drop)
        people_in[keep] |= people_in.pop(drop)
        sources_in[keep] |= sources_in.pop(drop)

    for group in alignment.duplicates:
        head = owner[group[0]]
        for cid in group[1:]:
            other = owner[cid]
            if other != head and not (docs_in[head] & docs_in[other]):
                merge(head, other)
    for gid in members:
        texts_in[gid] = {canonical[x] for x in members[gid]}

    def closeness(g1: str, g2: str) -> float:
        a, b = texts_in[g1], texts_in[g2]
        total = sum(1.0 if x == y else score.get((x, y), MISSING) for x in a for y in b)
        return total / (len(a) * len(b))

    accepted = mutual_best(claims, alignment) | (along_edges or set())
    floor = min(MUTUAL_LINK, EDGE_LINK)
    for link in sorted(alignment.links, key=lambda k: (-k.score, k.a, k.b)):
        if link.score < floor:
            break
        if link.score < FACT_LINK and (link.a, link.b) not in accepted:
            continue
        if link.score < MUTUAL_LINK and (link.a, link.b) not in (along_edges or set()):
            continue
        ga, gb = owner[link.a], owner[link.b]
        if ga == gb:
            continue
        if ONE_CLAIM_PER_REPORT and docs_in[ga] & docs_in[gb]:
            continue
        if people_in[ga] and people_in[gb] and not people_in[ga] & people_in[gb]:
            continue  # about different people
        # Corroboration is what a reader acts on: a merge that joins independent sources needs more.
        joins_sources = not (sources_in[ga] & sources_in[gb])
        if closeness(ga, gb) < (CORROBORATION_MEAN if joins_sources else FACT_MEAN):
            continue
        merge(*((ga, gb) if ga < gb else (gb, ga)))
    doc_of = {c.id: c.doc for c in claims}
    _join_restatements(alignment, members, owner, docs_in, texts_in, people_in, score, doc_of, merge)
    order = {c.id: n for n, c in enumerate(claims)}
    groups = [sorted(m, key=order.__getitem__) for m in members.values()]
    groups.sort(key=lambda g: order[g[0]])
    return groups


#: two facts that share this many reports, and whose claims are this close across on average, are one
#: fact that the reports stated twice (a lede and the body, a summary box and the story)
RESTATED_IN = 2
RESTATED_MEAN = FACT_LINK


def _join_restatements(
    alignment: Alignment,
    members: dict[str, list[str]],
    owner: dict[str, str],
    docs_in: dict[str, set[str]],
    texts_in: dict[str, set[str]],
    people_in: dict[str, set[str]],
    score: Mapping[tuple[str, str], float],
    doc_of: Mapping[str, str],
    merge: Callable[[str, str], None],
) -> None:
    """Join groups that are one fact stated twice by the same reports.

    One claim per report keeps a group from drifting, but a report that says a thing in its lede and
    again in its body then gives two groups, each with most of the same reports. Two groups join when
    they share at least ``RESTATED_IN`` reports (each of which said it twice) and their claims in
    different reports are, on average, as close as a link that may start a fact. Candidates come from
    the links (never all pairs of groups); strongest first, repeated until nothing joins.
    """

    def across(g1: str, g2: str) -> float:
        pairs = [(x, y) for x in texts_in[g1] for y in texts_in[g2] if doc_of.get(x) != doc_of.get(y)]
        return sum(score.get(p, MISSING) for p in pairs) / len(pairs) if pairs else 0.0

    while True:
        candidates: set[tuple[str, str]] = set()
        for link in alignment.links:
            ga, gb = owner[link.a], owner[link.b]
            if ga == gb or len(texts_in[ga]) < 2 or len(texts_in[gb]) < 2:
                continue
            if len(docs_in[ga] & docs_in[gb]) < RESTATED_IN:
                continue
            if people_in[ga] and people_in[gb] and not people_in[ga] & people_in[gb]:
                continue
            candidates.add((ga, gb) if ga < gb else (gb, ga))
        ranked = sorted(
            ((across(g1, g2), g1, g2) for g1, g2 in candidates), key=lambda t: (-t[0], t[1], t[2])
        )
        joined = False
        touched: set[str] = set()
        for mean, g1, g2 in ranked:
            if mean < RESTATED_MEAN:
                break
            if g1 in touched or g2 in touched:
                continue  # measured before an earlier join changed one of them: look again next round
            merge(g1, g2)
            touched.update((g1, g2))
            joined = True
        if not joined:
            return


def _summary(group: list[str], by_id: dict[str, Claim], score: dict[tuple[str, str], float]) -> str:
    distinct = list({" ".join(by_id[cid].text.split()): cid for cid in reversed(group)}.values())[:50]

    def centrality(cid: str) -> float:
        return sum(score.get((cid, other), 0.0) for other in distinct if other != cid)

    best = max(distinct, key=lambda cid: (centrality(cid), -len(by_id[cid].text), cid))
    text = " ".join(by_id[best].text.split())
    if len(text) > 240:
        return text[:237].rstrip() + "…"
    # A clause of a longer sentence reads as a part: "… killing at least 23 people" (no dangling comma)
    part = text.rstrip(",;:—– ")
    if part != text:
        part += "…"
    if part[:1].islower():
        part = "…" + part
    return part


def build_facts(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    alignment: Alignment,
    provenance: Provenance,
    entities: Sequence[Entity] = (),
) -> tuple[tuple[Claim, ...], tuple[Fact, ...]]:
    """Facts with independent-source counts, and the claims with their ``fact`` set."""
    by_id = {c.id: c for c in claims}
    score: dict[tuple[str, str], float] = {}
    for link in alignment.links:
        score[(link.a, link.b)] = score[(link.b, link.a)] = link.score
    family_of_doc = family_keys(documents, claims, provenance)
    outlet_family = outlet_families(documents, family_of_doc)
    people = specific_people(claims, entities)
    grouping = _with_shared_names(alignment, people)
    source_of = {c.id: source_key(c, family_of_doc, outlet_family) for c in claims}
    groups = group_claims(claims, grouping, edge_pairs(claims, grouping, provenance), people, source_of)
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


def mark_contested(
    facts: Sequence[Fact], claims: Sequence[Claim], conflicts: Sequence[Conflict]
) -> tuple[Fact, ...]:
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
