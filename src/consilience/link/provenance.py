"""Provenance: which reports derive from which, and the families of reports that are one source.

Evidence, cheapest first:
1. verbatim reuse — word 5-gram shingles; Jaccard ≥ ``COPY_JACCARD`` is a copy, containment of the
   smaller in the larger ≥ ``EXCERPT_CONTAINMENT`` an excerpt (MinHash/LSH proposes candidate pairs
   when there are many documents, exact sets verify them);
2. claim-level alignment — the share of a report's claims that have a close counterpart in the other
   (claims that are mostly a direct quote are discounted: independent reports quote the same
   statements), whether the counterparts come in the same order, and shared rare details;
3. self-identification — reports that name the same outlet as their own are one family; a report that
   summarises another outlet's report throughout belongs to that outlet's family.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from consilience.link.align_types import Alignment
from consilience.link.shingles import overlap, shingle_hashes
from consilience.model import Claim, Document, Edge, Provenance, Span
from consilience.stream.text import words

COPY_JACCARD = 0.8
EXCERPT_CONTAINMENT = 0.8
#: a claim counts as carried over when its best counterpart scores at least this
STRONG_LINK = 0.66
#: a rewrite: at least this share of one report's (non-quote) claims carried over, in order
REWRITE_COVERAGE = 0.12
REWRITE_MIN_CLAIMS = 4
ORDER_FLOOR = 0.6
#: a report summarising another outlet throughout: this share of its claims credit that outlet
SUMMARY_SHARE = 0.25
SHINGLE = 5
_QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")


@dataclass(frozen=True)
class PairEvidence:
    """What two documents share, measured both ways."""

    a: str
    b: str
    jaccard: float
    containment_a: float  # share of a's shingles found in b
    containment_b: float
    coverage_a: float  # share of a's claims with a strong counterpart in b
    coverage_b: float
    matched: int
    order: float  # share of matched pairs consistent with one monotonic order
    pairs: tuple[tuple[str, str, float], ...]


def _quote_share(text: str) -> float:
    quoted = sum(len(m.group(1)) for m in _QUOTE.finditer(text))
    return quoted / max(1, len(text))


def _lis_length(seq: list[int]) -> int:
    import bisect

    tails: list[int] = []
    for x in seq:
        k = bisect.bisect_left(tails, x)
        if k == len(tails):
            tails.append(x)
        else:
            tails[k] = x
    return len(tails)


def pair_evidence(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    alignment: Alignment,
    representatives: set[str] | None = None,
) -> dict[tuple[str, str], PairEvidence]:
    """Evidence for document pairs that share aligned claims (a < b), among ``representatives`` only
    (near-verbatim copies are linked to their representative before, and add no evidence here)."""
    if representatives is not None:
        claims = [c for c in claims if c.doc in representatives]
        documents = [d for d in documents if d.id in representatives]
    by_id = {c.id: c for c in claims}
    position = {}
    per_doc: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        per_doc[c.doc].append(c)
    for doc_claims in per_doc.values():
        for n, c in enumerate(doc_claims):
            position[c.id] = n
    countable = {c.id for c in claims if _quote_share(c.text) < 0.5}
    # expand links through identical copies so every document sees its own claims' links
    copies: dict[str, tuple[str, ...]] = {}
    for group in alignment.duplicates:
        kept = tuple(cid for cid in group if cid in by_id)
        for cid in group:  # a link may name a claim of a collapsed copy: it stands for the whole group
            copies[cid] = kept
    best: dict[tuple[str, str], dict[str, tuple[str, float]]] = defaultdict(dict)
    for link in alignment.links:
        for ca in copies.get(link.a, (link.a,) if link.a in by_id else ()):
            for cb in copies.get(link.b, (link.b,) if link.b in by_id else ()):
                x, y = by_id[ca], by_id[cb]
                if x.doc == y.doc:
                    continue
                for src, dst in ((x, y), (y, x)):
                    slot = best[(src.doc, dst.doc)]
                    if src.id not in slot or slot[src.id][1] < link.score:
                        slot[src.id] = (dst.id, link.score)
    for group in sorted({g for g in copies.values() if len(g) > 1}):
        for i, ca in enumerate(group):
            for cb in group[i + 1 :]:
                x, y = by_id[ca], by_id[cb]
                if x.doc != y.doc:
                    best[(x.doc, y.doc)][x.id] = (y.id, 1.0)
                    best[(y.doc, x.doc)][y.id] = (x.id, 1.0)
    doc_ids = {d.id for d in documents}
    keys = {(a, b) for a, b in best if a < b}
    involved = {x for pair in keys for x in pair}
    prints = {d.id: shingle_hashes(words(d.text)) for d in documents if d.id in involved}
    verbatim = {}
    for a, b in keys:
        jac, _ = overlap(prints[a], prints[b])
        shared = jac * (prints[a].size + prints[b].size) / (1 + jac) if jac else 0.0
        verbatim[(a, b)] = (jac, shared / max(1, prints[a].size), shared / max(1, prints[b].size))
    out: dict[tuple[str, str], PairEvidence] = {}
    for a, b in sorted(keys):
        if a not in doc_ids or b not in doc_ids:
            continue
        jac, cont_a, cont_b = verbatim.get((a, b), (0.0, 0.0, 0.0))
        strong_ab = {k: v for k, v in best.get((a, b), {}).items() if v[1] >= STRONG_LINK and k in countable}
        strong_ba = {k: v for k, v in best.get((b, a), {}).items() if v[1] >= STRONG_LINK and k in countable}
        na = max(1, sum(1 for c in per_doc[a] if c.id in countable))
        nb = max(1, sum(1 for c in per_doc[b] if c.id in countable))
        pairs = sorted((x, y, s) for x, (y, s) in strong_ab.items())
        seq = [position[y] for x, y, _ in sorted(pairs, key=lambda p: position[p[0]])]
        order = _lis_length(seq) / len(seq) if seq else 0.0
        out[(a, b)] = PairEvidence(
            a=a,
            b=b,
            jaccard=jac,
            containment_a=cont_a,
            containment_b=cont_b,
            coverage_a=len(strong_ab) / na,
            coverage_b=len(strong_ba) / nb,
            matched=len(pairs),
            order=order,
            pairs=tuple(pairs),
        )
    return out


def claims_by_doc(claims: Sequence[Claim]) -> dict[str, list[Claim]]:
    """Claims grouped by their document, in order."""
    out: dict[str, list[Claim]] = defaultdict(list)
    for c in claims:
        out[c.doc].append(c)
    return out


def _summarised_outlet(document: Document, mine: Sequence[Claim]) -> str | None:
    """The outlet a report summarises throughout (many of its claims ``mine`` credit it), or None."""
    if not document.cites or not mine:
        return None
    counts: dict[str, int] = defaultdict(int)
    for c in mine:
        if c.cited_outlet:
            counts[c.cited_outlet] += 1
    if not counts:
        return None
    outlet, n = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    if n >= 2 and n / len(mine) >= SUMMARY_SHARE and document.outlet in (None, outlet):
        return outlet
    return None


def _direction(ev: PairEvidence, docs: Mapping[str, Document]) -> tuple[str, str, bool]:
    """(source, target, directed): the earlier/origin document first when the evidence says so."""
    da, db = docs[ev.a], docs[ev.b]
    if da.published and db.published and da.published != db.published:
        return (ev.a, ev.b, True) if da.published < db.published else (ev.b, ev.a, True)
    # the report that carries its own outlet's self-references is the origin of one that does not
    if da.outlet and not db.outlet:
        return ev.a, ev.b, True
    if db.outlet and not da.outlet:
        return ev.b, ev.a, True
    # containment asymmetry: the report more fully contained in the other is derived from it
    if abs(ev.containment_a - ev.containment_b) > 0.1:
        return (ev.b, ev.a, True) if ev.containment_a > ev.containment_b else (ev.a, ev.b, True)
    if abs(ev.coverage_a - ev.coverage_b) > 0.1:
        return (ev.b, ev.a, True) if ev.coverage_a > ev.coverage_b else (ev.a, ev.b, True)
    return ev.a, ev.b, False


def classify(ev: PairEvidence) -> tuple[str, float] | None:
    """The kind of link between two documents and its score, or None when they are independent."""
    if ev.jaccard >= COPY_JACCARD:
        return "copy", ev.jaccard
    if max(ev.containment_a, ev.containment_b) >= EXCERPT_CONTAINMENT:
        return "excerpt", max(ev.containment_a, ev.containment_b)
    smaller = min(ev.coverage_a, ev.coverage_b) if ev.matched else 0.0
    larger = max(ev.coverage_a, ev.coverage_b)
    if ev.matched >= REWRITE_MIN_CLAIMS and larger >= REWRITE_COVERAGE and ev.order >= ORDER_FLOOR:
        return "rewrite", round(0.5 * larger + 0.3 * ev.order + 0.2 * smaller, 4)
    return None


#: each report keeps its strongest few origins as edges (a copy of a copy need not list every copy)
MAX_PARENTS = 3


#: up to this many reports, near-duplicates are found by comparing every pair exactly (no index)
EXACT_PAIRS_LIMIT = 150
#: a near-duplicate candidate: Jaccard at least this, or the shorter text contained at least EXCERPT_CONTAINMENT
NEAR_JACCARD = 0.5
MIN_SHINGLES = 20


def near_duplicates(documents: Sequence[Document]) -> tuple[list[Edge], dict[str, str]]:
    """Copy and excerpt edges over word 5-gram shingles, verified on exact shingle sets, and each
    document's representative (a copy stands for its original). Earlier reports first: by
    publication date, then input order. Up to ``EXACT_PAIRS_LIMIT`` reports every earlier report is
    compared; beyond, candidates come from a MinHash/LSH index, O(n · candidates)."""
    order = sorted(range(len(documents)), key=lambda k: (documents[k].published or "9999", k))
    representative: dict[str, str] = {}
    edges: list[Edge] = []

    def record(doc_id: str, of: str | None, jaccard: float, containment: float) -> None:
        representative[doc_id] = doc_id
        if of is None:
            return
        if jaccard >= COPY_JACCARD:
            representative[doc_id] = representative[of]
            edges.append(Edge(of, doc_id, "copy", round(jaccard, 4), (), True))
        elif containment >= EXCERPT_CONTAINMENT:
            edges.append(Edge(of, doc_id, "excerpt", round(containment, 4), (), True))

    if len(documents) <= EXACT_PAIRS_LIMIT:
        seen: list[tuple[str, np.ndarray]] = []
        for k in order:
            d = documents[k]
            hashes = shingle_hashes(words(d.text))
            best: tuple[float, float, float, str] | None = None
            for rank, (other, other_hashes) in enumerate(seen):
                jaccard, containment = overlap(hashes, other_hashes)
                smaller = min(hashes.size, other_hashes.size)
                if jaccard >= NEAR_JACCARD or (
                    containment >= EXCERPT_CONTAINMENT and smaller >= MIN_SHINGLES
                ):
                    key = (max(jaccard, containment), -rank, jaccard, other)
                    if best is None or key[:2] > best[:2]:
                        best = (key[0], key[1], containment, other)
                        best_jaccard = jaccard
            if best is None:
                record(d.id, None, 0.0, 0.0)
            else:
                record(d.id, best[3], best_jaccard, best[2])
            seen.append((d.id, hashes))
        return edges, representative
    from consilience.stream.dedup import NearDuplicateIndex, fingerprint

    index = NearDuplicateIndex()
    for k in order:
        d = documents[k]
        print_ = fingerprint(d.text)
        match = index.find(print_)
        if match is None:
            record(d.id, None, 0.0, 0.0)
        else:
            record(d.id, match.of, match.jaccard, match.containment)
        index.add(d.id, print_)
    return edges, representative


def strongest_parents(edges: Sequence[Edge]) -> list[Edge]:
    """Keep, for every report, its ``MAX_PARENTS`` strongest incoming (or undirected) edges."""
    incoming: dict[str, list[Edge]] = defaultdict(list)
    for e in edges:
        incoming[e.target].append(e)
        if not e.directed:
            incoming[e.source].append(e)
    keep: set[int] = set()
    for bucket in incoming.values():
        bucket.sort(key=lambda e: (-e.score, e.source, e.target))
        keep.update(id(e) for e in bucket[:MAX_PARENTS])
    return [e for e in edges if id(e) in keep]


def infer_provenance(
    documents: Sequence[Document], claims: Sequence[Claim], alignment: Alignment
) -> Provenance:
    """Edges between related documents and the families (every document in exactly one)."""
    docs = {d.id: d for d in documents}
    by_id = {c.id: c for c in claims}
    claims_of = claims_by_doc(claims)
    copy_edges, representative = near_duplicates(documents)
    evidence = pair_evidence(documents, claims, alignment, set(representative.values()))
    parent = {d.id: d.id for d in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        if rx != ry:
            parent[max(rx, ry)] = min(rx, ry)

    edges: list[Edge] = list(copy_edges)
    for _pair, ev in sorted(evidence.items()):
        kind = classify(ev)
        if kind is None:
            continue
        source, target, directed = _direction(ev, docs)
        spans = tuple(
            (
                Span(by_id[x].doc, by_id[x].start, by_id[x].end),
                Span(by_id[y].doc, by_id[y].start, by_id[y].end),
            )
            for x, y, _ in ev.pairs[:12]
        )
        if source != ev.a:
            spans = tuple((t, s) for s, t in spans)
        edges.append(Edge(source, target, kind[0], kind[1], spans, directed))
    edges = strongest_parents(edges)
    # A join never fuses two families that each hold a report naming a different outlet as its own
    # (a conflation of two agencies' stories belongs to one of them, not both).
    outlets_of: dict[str, set[str]] = {d.id: ({d.outlet} if d.outlet else set()) for d in documents}

    def join(x: str, y: str) -> None:
        rx, ry = find(x), find(y)
        ox, oy = outlets_of[rx], outlets_of[ry]
        if rx == ry or (ox and oy and not (ox & oy)):
            return
        union(rx, ry)
        outlets_of[find(rx)] = ox | oy

    # same self-identified outlet → one family
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        if d.outlet:
            by_outlet[d.outlet].append(d.id)
    for members in by_outlet.values():
        for other in members[1:]:
            join(members[0], other)
    # derivation, strongest links first
    for e in sorted(edges, key=lambda e: (-e.score, e.source, e.target)):
        join(e.source, e.target)
    # citations: a whole-report summary joins the cited outlet's family
    for d in documents:
        summarised = _summarised_outlet(d, claims_of.get(d.id, ()))
        for outlet in d.cites:
            for origin in by_outlet.get(outlet, []):
                edges.append(Edge(origin, d.id, "cites", 1.0 if outlet == summarised else 0.5, (), True))
                if outlet == summarised:
                    join(origin, d.id)
    families: dict[str, list[str]] = defaultdict(list)
    for d in documents:
        families[find(d.id)].append(d.id)
    ordered = sorted((tuple(sorted(f)) for f in families.values()), key=lambda f: f[0])
    edges.sort(key=lambda e: (e.source, e.target, e.kind))
    return Provenance(edges=tuple(edges), families=tuple(ordered))


def family_keys(
    documents: Sequence[Document], claims: Sequence[Claim], provenance: Provenance
) -> dict[str, str]:
    """Family key of each document: its family, or the outlet it summarises throughout."""
    claims_of = claims_by_doc(claims)
    keys: dict[str, str] = {}
    family_size: dict[str, int] = {}
    outlet_family: dict[str, str] = {}
    for fam in provenance.families:
        for doc_id in fam:
            keys[doc_id] = f"family:{fam[0]}"
            family_size[doc_id] = len(fam)
    for d in documents:
        if d.outlet:
            outlet_family.setdefault(d.outlet, keys[d.id])
    for d in documents:
        summarised = _summarised_outlet(d, claims_of.get(d.id, ()))
        if summarised and family_size[d.id] == 1:
            keys[d.id] = outlet_family.get(summarised, f"outlet:{summarised}")
    return keys


def source_key(claim: Claim, family_of_doc: Mapping[str, str], outlet_family: Mapping[str, str]) -> str:
    """The independent source a claim counts as: its cited outlet's family, else its report's family."""
    if claim.cited_outlet:
        return outlet_family.get(claim.cited_outlet, f"outlet:{claim.cited_outlet}")
    return family_of_doc[claim.doc]


def outlet_families(documents: Sequence[Document], family_of_doc: Mapping[str, str]) -> dict[str, str]:
    """Family key of each outlet that some document names as its own."""
    out: dict[str, str] = {}
    for d in sorted(documents, key=lambda d: d.id):
        if d.outlet:
            out.setdefault(d.outlet, family_of_doc[d.id])
    return out
