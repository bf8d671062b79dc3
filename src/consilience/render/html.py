"""The HTML report: one self-contained page (inline CSS and JS, no network) a journalist can open from an e-mail.

The page is a small static shell (header, section headings, the provenance graph as SVG laid out here)
plus the report's data embedded as JSON in a ``<script type="application/json">`` block; the inline
script builds each list and each report's text view only when it is shown, so a report of a thousand
documents still opens quickly. Report text is hostile input: the shell is autoescaped, the embedded
JSON cannot close its block, the script only ever writes text nodes, and a Content-Security-Policy with
hashes of the inline style and script forbids every outside request.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any
from urllib.parse import urlsplit

import orjson
from jinja2 import Environment
from markupsafe import Markup

from consilience.model import Claim, Document, Edge, Report, TimelineEntry, When
from consilience.render import speaker

# Claim display statuses, in legend order (a claim's colour in the report text).
CLAIM_STATUSES = ("corroborated", "single_source", "contested", "embellished")
FACT_RANK = {"corroborated": 0, "contested": 1, "single_source": 2}
# Number of distinct family colours (CSS classes fam-0 … fam-11); families beyond reuse them in turn.
FAMILY_COLOURS = 12
# Graphs larger than this draw only the reports that take part in a provenance link.
GRAPH_ALL_NODES_MAX = 60
GRAPH_NODES_MAX = 400

_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_JSON_ESCAPE_RE = re.compile("[<>&\u2028\u2029]")
_WORD_RE = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


def embed_json(data: Any) -> str:
    """Serialise ``data`` for a ``<script type="application/json">`` block that no string can close."""
    text = orjson.dumps(data).decode("utf-8")
    # Outside JSON strings these characters never occur, inside them the \\u escapes mean the same.
    return _JSON_ESCAPE_RE.sub(lambda m: _JSON_ESCAPES[m.group(0)], text)


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain http(s) address safe to link to, else None (shown as text only)."""
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 33 or ch in "\"'<>\\`" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def csp_hash(source: str) -> str:
    """The CSP source expression (``'sha256-…'``) allowing exactly this inline script or style."""
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def claim_status(claim: Claim, fact_status: str | None, in_conflict: bool) -> str:
    """The colour a claim gets in the report text: embellished, contested, corroborated or single_source."""
    if "embellishment" in claim.flags:
        return "embellished"
    if in_conflict or fact_status == "contested":
        return "contested"
    if fact_status == "corroborated":
        return "corroborated"
    return "single_source"


def when_label(when: When) -> str:
    """A readable date for a timeline entry, as precise as its granularity."""
    cut = {"year": 4, "month": 7, "week": 10, "day": 10, "hour": 16, "minute": 16}.get(when.granularity)

    def fmt(iso: str) -> str:
        text = iso[:cut] if cut else iso
        return text.replace("T", " ")

    label = fmt(when.start)
    if when.end and when.end != when.start:
        end = fmt(when.end)
        if end == label:  # part of one month or year ("late November"): say which days
            cut = max(cut or 10, 10)
            label, end = fmt(when.start), fmt(when.end)
        # Within one day the date need not be said twice: "2025-03-05 06:00 – 12:00".
        if len(end) > 10 and end[:10] == label[:10]:
            end = end[11:]
        label = f"{label} – {end}"
    return label


def word_diff(a: str, b: str) -> list[list[str]]:
    """Word-level changes from ``a`` to ``b``: ``["=", text]``, ``["-", a]``, ``["+", b]``, ``["~", a, b]``."""
    ta = _WORD_RE.findall(a)
    tb = _WORD_RE.findall(b)
    ops: list[list[str]] = []
    matcher = difflib.SequenceMatcher(None, ta, tb, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        sa = "".join(ta[i1:i2])
        sb = "".join(tb[j1:j2])
        if tag == "equal":
            ops.append(["=", sa])
        elif tag == "delete":
            ops.append(["-", sa])
        elif tag == "insert":
            ops.append(["+", sb])
        else:
            ops.append(["~", sa, sb])
    return ops


def rewrite_diff(
    source_claims: Sequence[tuple[int, Claim]], target_claims: Sequence[tuple[int, Claim]]
) -> list[dict[str, Any]]:
    """Align a rewrite's claims with its origin's by fact: rows same/changed (with word diff), dropped, added.

    Claims are ``(index, claim)`` pairs in text order; the rows follow the target's order, each dropped
    source claim placed before the first aligned row that comes after it in the source.
    """
    by_fact: dict[str, list[int]] = defaultdict(list)
    for pos, (_, claim) in enumerate(source_claims):
        if claim.fact is not None:
            by_fact[claim.fact].append(pos)
    used: set[int] = set()
    pairs: list[tuple[int | None, int]] = []  # (source position, target position)
    for tpos, (_, claim) in enumerate(target_claims):
        match = None
        if claim.fact is not None:
            for spos in by_fact.get(claim.fact, ()):
                if spos not in used:
                    match = spos
                    break
        if match is not None:
            used.add(match)
        pairs.append((match, tpos))
    rows: list[dict[str, Any]] = []
    next_source = 0

    def flush_dropped(upto: int) -> None:
        nonlocal next_source
        while next_source < upto:
            if next_source not in used:
                rows.append({"k": "dropped", "a": source_claims[next_source][0], "b": -1})
            next_source += 1

    for source_pos, tpos in pairs:
        t_index, t_claim = target_claims[tpos]
        if source_pos is None:
            rows.append({"k": "added", "a": -1, "b": t_index})
            continue
        flush_dropped(source_pos)
        s_index, s_claim = source_claims[source_pos]
        if source_pos >= next_source:
            next_source = source_pos + 1
        if s_claim.text == t_claim.text:
            rows.append({"k": "same", "a": s_index, "b": t_index})
        else:
            rows.append(
                {"k": "changed", "a": s_index, "b": t_index, "ops": word_diff(s_claim.text, t_claim.text)}
            )
    flush_dropped(len(source_claims))
    return rows


def report_families(report: Report) -> list[list[str]]:
    """The report's families, with every document in exactly one (singletons added if missing)."""
    seen: set[str] = set()
    families: list[list[str]] = []
    for family in report.provenance.families:
        members = [d for d in family if d not in seen]
        seen.update(members)
        if members:
            families.append(members)
    families.extend([d.id] for d in report.documents if d.id not in seen)
    return families


def layout_graph(
    nodes: Sequence[str], edges: Iterable[tuple[str, str, bool]], order_key: dict[str, tuple[Any, ...]]
) -> dict[str, tuple[int, int]]:
    """Layered layout: node → (layer, row); an origin sits left of what derives from it. Deterministic.

    ``edges`` are ``(source, target, directed)``; undirected edges do not set layers. Cycles are broken
    by taking the remaining nodes in ``order_key`` order. One barycentre sweep reduces crossings.
    """
    node_set = set(nodes)
    succ: dict[str, set[str]] = defaultdict(set)
    pred: dict[str, set[str]] = defaultdict(set)
    neighbours: dict[str, set[str]] = defaultdict(set)
    for s, t, directed in edges:
        if s not in node_set or t not in node_set or s == t:
            continue
        neighbours[s].add(t)
        neighbours[t].add(s)
        if directed:
            succ[s].add(t)
            pred[t].add(s)
    layer: dict[str, int] = {}
    remaining = sorted(node_set, key=lambda n: order_key[n])
    indegree = {n: len(pred[n]) for n in remaining}
    while remaining:
        ready = [n for n in remaining if indegree[n] == 0] or remaining[:1]
        for n in ready:
            layer[n] = max((layer[p] + 1 for p in pred[n] if p in layer), default=0)
            for t in succ[n]:
                indegree[t] -= 1
        done = set(ready)
        remaining = [n for n in remaining if n not in done]
    layers: dict[int, list[str]] = defaultdict(list)
    for n in sorted(node_set, key=lambda n: order_key[n]):
        layers[layer[n]].append(n)
    row: dict[str, int] = {}
    for index in sorted(layers):
        members = layers[index]
        if index > 0:

            def barycentre(n: str) -> float:
                placed = [row[m] for m in neighbours[n] if m in row]
                return sum(placed) / len(placed) if placed else math.inf

            members.sort(key=lambda n: (barycentre(n), order_key[n]))
        for position, n in enumerate(members):
            row[n] = position
    return {n: (layer[n], row[n]) for n in node_set}


_EDGE_STYLE = {
    "copy": ("#1f2937", "3", ""),
    "rewrite": ("#374151", "2", ""),
    "excerpt": ("#374151", "2", "6 3"),
    "shared_origin": ("#6b7280", "2", "2 3"),
    "cites": ("#6b7280", "1.5", "8 3 2 3"),
}
_NODE_W, _NODE_H, _COL_W, _ROW_H, _PAD = 190, 44, 320, 76, 24


def _xml(text: str) -> str:
    return str(Markup.escape(text))


def _short(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def provenance_svg(report: Report, family_colour: dict[str, int]) -> tuple[str, int]:
    """The provenance graph as an SVG string (every label escaped) and how many reports were left out."""
    docs = {d.id: d for d in report.documents}
    edges = [e for e in report.provenance.edges if e.source in docs and e.target in docs]
    linked = {e.source for e in edges} | {e.target for e in edges}
    if len(docs) <= GRAPH_ALL_NODES_MAX:
        drawn = list(docs)
    else:
        degree: dict[str, int] = defaultdict(int)
        for e in edges:
            degree[e.source] += 1
            degree[e.target] += 1
        drawn = sorted(linked, key=lambda n: (-degree[n], n))[:GRAPH_NODES_MAX]
    drawn_set = set(drawn)
    # Outlets that reports cite but that no report in the set is from: shown as outside sources.
    own_outlets = {(d.outlet or "").casefold() for d in report.documents if d.outlet}
    cited: dict[str, list[str]] = defaultdict(list)
    for d in report.documents:
        if d.id in drawn_set:
            for outlet in d.cites:
                if outlet.casefold() not in own_outlets:
                    cited[outlet].append(d.id)
    outlet_nodes = {f"outlet:{name}": name for name in sorted(cited)}
    index = {d.id: i for i, d in enumerate(report.documents)}
    order_key: dict[str, tuple[Any, ...]] = {n: (family_colour.get(n, -1) < 0, index[n], n) for n in drawn}
    for key in outlet_nodes:
        order_key[key] = (True, -1, key)
    graph_edges = [
        (e.source, e.target, e.directed) for e in edges if e.source in drawn_set and e.target in drawn_set
    ]
    cite_edges = [(key, doc) for key, name in outlet_nodes.items() for doc in cited[name]]
    positions = layout_graph(
        [*drawn, *outlet_nodes], [*graph_edges, *((s, t, True) for s, t in cite_edges)], order_key
    )
    if not positions:
        return "", len(docs)
    n_layers = max(p[0] for p in positions.values()) + 1
    n_rows = max(p[1] for p in positions.values()) + 1
    width = _PAD * 2 + (n_layers - 1) * _COL_W + _NODE_W + 60
    height = _PAD * 2 + (n_rows - 1) * _ROW_H + _NODE_H + 20

    def box(n: str) -> tuple[float, float]:
        layer, row = positions[n]
        return _PAD + layer * _COL_W, _PAD + 10 + row * _ROW_H

    parts: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="graph" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="graph-title">',
        '<title id="graph-title">Provenance graph: which reports derive from which</title>',
        "<defs>",
        '<marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="11" markerHeight="11" '
        'markerUnits="userSpaceOnUse" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#374151"/></marker>',
        "</defs>",
    ]
    edge_list = [e for e in edges if e.source in drawn_set and e.target in drawn_set]
    edge_index = {id(e): i for i, e in enumerate(report.provenance.edges)}
    edge_parts: list[str] = []
    all_edges: list[tuple[str, str, str, str | None, bool, int]] = [
        (e.source, e.target, e.kind, f"{e.kind} {e.score:.2f}", e.directed, edge_index[id(e)])
        for e in edge_list
    ]
    all_edges.extend((s, t, "cites", "cited", True, -1) for s, t in cite_edges)
    gap_use: dict[tuple[int, int], int] = defaultdict(int)
    for s, t, kind, label, directed, number in all_edges:
        sx, sy = box(s)
        tx, ty = box(t)
        colour, stroke_width, dash = _EDGE_STYLE.get(kind, ("#374151", "2", ""))
        if positions[s][0] == positions[t][0]:
            # Same layer: bow out to the right so the line does not run through the boxes between.
            x1, y1 = sx + _NODE_W, sy + _NODE_H / 2
            x2, y2 = tx + _NODE_W, ty + _NODE_H / 2
            bow = 40 + 12 * abs(positions[s][1] - positions[t][1])
            path = f"M{x1:.0f},{y1:.0f} C{x1 + bow:.0f},{y1:.0f} {x2 + bow:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
            lx, ly = max(x1, x2) + bow * 0.75 + 10, (y1 + y2) / 2
        else:
            forward = positions[s][0] < positions[t][0]
            x1 = sx + _NODE_W if forward else sx
            x2 = tx if forward else tx + _NODE_W
            y1, y2 = sy + _NODE_H / 2, ty + _NODE_H / 2
            if forward and positions[t][0] - positions[s][0] > 1:
                # A link that skips a layer runs in the gap above its higher end, not through the boxes between.
                yd = min(sy, ty) - (_ROW_H - _NODE_H) / 2
                # Links sharing a gap are drawn a little apart, their labels spread along it.
                shared = gap_use[(round(yd), positions[s][0])]
                gap_use[(round(yd), positions[s][0])] += 1
                yd -= 5 * shared
                path = (
                    f"M{x1:.0f},{y1:.0f} C{x1 + 40:.0f},{y1:.0f} {x1 + 40:.0f},{yd:.0f} {x1 + 80:.0f},{yd:.0f} "
                    f"L{x2 - 80:.0f},{yd:.0f} C{x2 - 40:.0f},{yd:.0f} {x2 - 40:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
                )
                lx, ly = min(x1 + 130 + 110 * shared, x2 - 60), yd + 4
            else:
                mid = (x1 + x2) / 2
                path = f"M{x1:.0f},{y1:.0f} C{mid:.0f},{y1:.0f} {mid:.0f},{y2:.0f} {x2:.0f},{y2:.0f}"
                # Past the middle of the curve, edges fanning out of one origin keep their labels apart.
                lx, ly = _bezier((x1, y1), (mid, y1), (mid, y2), (x2, y2), 0.6)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        marker = ' marker-end="url(#arrow)"' if directed else ""
        data = f' data-edge="{number}" tabindex="0" role="button"' if number >= 0 else ""
        name = f"{_node_name(s, docs, outlet_nodes)} → {_node_name(t, docs, outlet_nodes)}: {label}"
        label_svg = (
            f'<text class="edge-label" x="{lx:.0f}" y="{ly - 4:.0f}" text-anchor="middle" font-size="12" '
            f'fill="#111827" stroke="#ffffff" stroke-width="4" paint-order="stroke">{_xml(label)}</text>'
            if label
            else ""
        )
        # A wide transparent stroke makes a thin line easy to hit with the mouse.
        edge_parts.append(
            f'<g class="edge edge-{_xml(kind)}"{data}><title>{_xml(name)}</title>'
            f'<path d="{path}" fill="none" stroke="transparent" stroke-width="14"/>'
            f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="{stroke_width}"{dash_attr}{marker}/>'
            f"{label_svg}</g>"
        )
    for n in [*drawn, *outlet_nodes]:
        x, y = box(n)
        if n in outlet_nodes:
            title = outlet_nodes[n]
            parts.append(
                f'<g class="node node-outlet"><title>{_xml("cited outlet: " + title)}</title>'
                f'<rect x="{x:.0f}" y="{y:.0f}" width="{_NODE_W}" height="{_NODE_H}" rx="22" fill="#ffffff" '
                f'stroke="#6b7280" stroke-width="1.5" stroke-dasharray="4 3"/>'
                f'<text x="{x + _NODE_W / 2:.0f}" y="{y + 27:.0f}" text-anchor="middle" font-size="13" '
                f'fill="#111827">{_xml(_short(title, 24))}</text></g>'
            )
            continue
        d = docs[n]
        family = family_colour.get(n, -1)
        cls = f"fam-{family % FAMILY_COLOURS}" if family >= 0 else "fam-none"
        line1 = _short(d.outlet or d.id, 24)
        line2 = _short(d.title or (d.id if d.outlet else ""), 28)
        tooltip = f"{d.id}: {d.title or ''} ({d.outlet or 'unknown outlet'})"
        parts.append(
            f'<g class="node {cls}" data-doc="{index[n]}" tabindex="0" role="button">'
            f"<title>{_xml(tooltip)}</title>"
            f'<rect x="{x:.0f}" y="{y:.0f}" width="{_NODE_W}" height="{_NODE_H}" rx="6" stroke-width="2"/>'
            f'<text x="{x + 10:.0f}" y="{y + 18:.0f}" font-size="13" font-weight="600">{_xml(line1)}</text>'
            f'<text x="{x + 10:.0f}" y="{y + 35:.0f}" font-size="12">{_xml(line2)}</text></g>'
        )
    parts.extend(edge_parts)
    parts.append("</svg>")
    omitted = len(docs) - len(drawn)
    return "".join(parts), omitted


def _bezier(
    p0: tuple[float, float],
    p1: tuple[float, float],
    p2: tuple[float, float],
    p3: tuple[float, float],
    t: float,
) -> tuple[float, float]:
    u = 1 - t
    x = u**3 * p0[0] + 3 * u * u * t * p1[0] + 3 * u * t * t * p2[0] + t**3 * p3[0]
    y = u**3 * p0[1] + 3 * u * u * t * p1[1] + 3 * u * t * t * p2[1] + t**3 * p3[1]
    return x, y


def _node_name(n: str, docs: dict[str, Document], outlets: dict[str, str]) -> str:
    if n in outlets:
        return outlets[n]
    d = docs[n]
    return f"{d.id} ({d.outlet})" if d.outlet else d.id


def page_data(report: Report) -> dict[str, Any]:
    """The compact view model embedded in the page: indexes instead of ids, no duplicated text."""
    doc_index = {d.id: i for i, d in enumerate(report.documents)}
    families = report_families(report)
    family_of = {doc: f for f, members in enumerate(families) for doc in members}
    colour: dict[str, int] = {}
    next_colour = 0
    for members in families:
        if len(members) > 1:
            for doc in members:
                colour[doc] = next_colour
            next_colour += 1
    claim_index = {c.id: i for i, c in enumerate(report.claims)}
    fact_status = {f.id: f.status for f in report.facts}
    in_conflict = {cid for conflict in report.conflicts for cid in conflict.claims}
    ranked_facts = sorted(
        report.facts,
        key=lambda f: (
            -f.independent_sources,
            FACT_RANK.get(f.status, 3),
            -len(f.docs),
            -len(f.claims),
            f.id,
        ),
    )
    fact_index = {f.id: i for i, f in enumerate(ranked_facts)}
    quote_index = {q.id: i for i, q in enumerate(report.quotes)}

    def ci(cid: str) -> int:
        return claim_index.get(cid, -1)

    documents = [
        {
            "id": d.id,
            "title": d.title,
            "outlet": d.outlet,
            "published": d.published,
            "url": d.url,
            "href": safe_url(d.url),
            "cites": list(d.cites),
            "family": family_of.get(d.id, -1),
            "colour": colour.get(d.id, -1),
            "text": d.text,
            "removed": [[r.start, r.end, r.reason] for r in d.removed],
        }
        for d in report.documents
    ]
    # Claims are the most numerous records: positional arrays
    # [doc, start, end, fact, status index, flags, attribution, hedged] keep a big page small.
    status_index = {status: i for i, status in enumerate(CLAIM_STATUSES)}
    claims = [
        [
            doc_index.get(c.doc, -1),
            c.start,
            c.end,
            fact_index.get(c.fact, -1) if c.fact else -1,
            status_index[claim_status(c, fact_status.get(c.fact) if c.fact else None, c.id in in_conflict)],
            list(c.flags),
            speaker(c.attribution),
            1 if c.hedged else 0,
        ]
        for c in report.claims
    ]
    facts = [
        {
            "id": f.id,
            "c": [i for i in map(ci, f.claims) if i >= 0],
            "d": [doc_index[d] for d in f.docs if d in doc_index],
            "n": f.independent_sources,
            "st": f.status,
            "sum": f.summary,
        }
        for f in ranked_facts
    ]
    conflicts = [
        {
            "id": c.id,
            "kind": c.kind,
            "a": ci(c.claims[0]),
            "b": ci(c.claims[1]),
            "va": c.values[0],
            "vb": c.values[1],
            "ex": c.explanation,
            "by": doc_index.get(c.introduced_by, -1) if c.introduced_by else -1,
        }
        for c in report.conflicts
    ]
    quotes = [
        {
            "id": q.id,
            "d": doc_index.get(q.doc, -1),
            "s": q.start,
            "e": q.end,
            "sp": q.speaker,
            "st": q.status,
            "m": [quote_index[m] for m in q.matches if m in quote_index],
        }
        for q in report.quotes
    ]
    entities = [
        {
            "id": e.id,
            "name": e.name,
            "type": e.type,
            "v": list(e.variants),
            "n": len(e.mentions),
            "docs": len({m.doc for m in e.mentions}),
        }
        for e in report.entities
    ]
    timeline = [_timeline_row(t, ci) for t in sorted(report.timeline, key=lambda t: (t.when.start, t.id))]
    claims_by_doc: dict[str, list[tuple[int, Claim]]] = defaultdict(list)
    for i, c in enumerate(report.claims):
        claims_by_doc[c.doc].append((i, c))
    for in_doc in claims_by_doc.values():
        in_doc.sort(key=lambda pair: (pair[1].start, pair[1].end))
    rewrites = [
        {
            "edge": n,
            "a": doc_index[e.source],
            "b": doc_index[e.target],
            "kind": e.kind,
            "score": round(e.score, 4),
            "dir": e.directed,
            "rows": [
                [row["k"], row["a"], row["b"], *(([row["ops"]]) if "ops" in row else [])]
                for row in rewrite_diff(claims_by_doc.get(e.source, []), claims_by_doc.get(e.target, []))
            ],
        }
        for n, e in enumerate(report.provenance.edges)
        if _diffable(e, doc_index)
    ]
    sources = [
        {
            "id": s.id,
            "kind": s.kind,
            "n": len(s.documents),
            "claims": s.claims,
            "corroborated": s.corroborated,
            "single_source": s.single_source,
            "mutations": s.mutations,
            "embellishments": s.embellishments,
            "fabricated_quotes": s.fabricated_quotes,
            "altered_quotes": s.altered_quotes,
        }
        for s in report.sources
    ]
    return {
        "claim_statuses": list(CLAIM_STATUSES),
        "docs": documents,
        "families": [[doc_index[d] for d in members if d in doc_index] for members in families],
        "claims": claims,
        "facts": facts,
        "conflicts": conflicts,
        "quotes": quotes,
        "entities": entities,
        "timeline": timeline,
        "rewrites": rewrites,
        "sources": sources,
        "problems": list(report.problems),
    }


def _diffable(edge: Edge, doc_index: dict[str, int]) -> bool:
    return edge.source in doc_index and edge.target in doc_index and edge.source != edge.target


def _timeline_row(entry: TimelineEntry, ci: Any) -> dict[str, Any]:
    return {
        "id": entry.id,
        "when": when_label(entry.when),
        "iso": entry.when.start,
        "g": entry.when.granularity,
        "c": [i for i in map(ci, entry.claims) if i >= 0],
        "text": entry.text,
        "x": entry.conflict,
    }


@lru_cache(maxsize=1)
def _assets() -> tuple[str, str, str]:
    base = resources.files("consilience.render")
    css = (base / "static" / "report.css").read_text(encoding="utf-8")
    js = (base / "static" / "report.js").read_text(encoding="utf-8")
    template = (base / "templates" / "report.html.j2").read_text(encoding="utf-8")
    return css, js, template


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(autoescape=True, keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True)


def to_html(report: Report) -> str:
    """Render a report as one self-contained HTML page; same report → same bytes."""
    css, js, template_text = _assets()
    data = page_data(report)
    colour = {
        report.documents[i].id: doc["colour"] for i, doc in enumerate(data["docs"]) if doc["colour"] >= 0
    }
    svg, omitted = provenance_svg(report, colour)
    csp = "; ".join(
        [
            "default-src 'none'",
            f"script-src {csp_hash(js)}",
            f"style-src {csp_hash(css)}",
            "img-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )
    families = data["families"]
    multi = [members for members in families if len(members) > 1]
    statuses: dict[str, int] = defaultdict(int)
    for fact in report.facts:
        statuses[fact.status] += 1
    title_doc = next((d for d in report.documents if d.title), None)
    template = _environment().from_string(template_text)
    return template.render(
        csp=csp,
        css=Markup(css),
        js=Markup(js),
        data=Markup(embed_json(data)),
        svg=Markup(svg),
        omitted=omitted,
        title=title_doc.title if title_doc else None,
        n_docs=len(report.documents),
        n_sources=len(families),
        n_facts=len(report.facts),
        n_corroborated=statuses["corroborated"],
        n_contested=statuses["contested"],
        n_conflicts=len(report.conflicts),
        n_quotes=len(report.quotes),
        n_entities=len(report.entities),
        n_timeline=len(report.timeline),
        n_rewrites=len(data["rewrites"]),
        families=[
            {
                "colour": data["docs"][members[0]]["colour"] % FAMILY_COLOURS,
                "docs": [_doc_label(report.documents[i]) for i in members],
            }
            for members in multi[:30]
        ],
        more_families=max(0, len(multi) - 30),
        singletons=len(families) - len(multi),
        claim_statuses=CLAIM_STATUSES,
    )


def _doc_label(d: Document) -> str:
    return f"{d.id} ({d.outlet})" if d.outlet else d.id
