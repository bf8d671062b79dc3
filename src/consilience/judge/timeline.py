"""The merged, source-cited timeline.

Each normalised time expression becomes an event of the claim(s) whose span contains it; events of
claims in one fact with the same time are merged across reports. A fact whose reports give times
that cannot both hold (different days, or different clock times on one day) is marked as a conflict,
as are the claims of typed time/date conflicts found elsewhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from consilience.model import Claim, Conflict, Fact, TimeExpression, TimelineEntry, When

_MAX_TEXT = 220
_DAY_OR_FINER = ("day", "part_of_day", "hour", "minute")
_CLAUSE_BREAK = re.compile(r"[;:—–]\s*|,\s+(?=(?:and|but|while|when|after|before|as|where|which)\b)|\n")


@dataclass(frozen=True)
class _Event:
    key: str  # the fact of the claim, or the claim itself
    when: When
    claim: Claim
    expression: TimeExpression


def _covering(claims: Sequence[Claim], t: TimeExpression) -> list[Claim]:
    inside = [c for c in claims if c.start <= t.start and t.end <= c.end]
    if inside:
        return inside
    overlapping = [(min(c.end, t.end) - max(c.start, t.start), c) for c in claims]
    best = max((o for o, _ in overlapping), default=0)
    return [c for o, c in overlapping if o > 0 and o == best]


def compatible(a: When, b: When) -> bool:
    """Whether two times can describe one moment: one contains the other, or their ranges meet."""
    if a.start.startswith(b.start) or b.start.startswith(a.start):
        return True
    if "part_of_day" in (a.granularity, b.granularity):
        # "the evening of" and "at 10.30pm" the same day agree: parts of the day have loose edges
        days_a = {a.start[:10], (a.end or a.start)[:10]}
        days_b = {b.start[:10], (b.end or b.start)[:10]}
        return bool(days_a & days_b)
    a_end, b_end = a.end or a.start, b.end or b.start
    # compare as strings of equal precision: a range [start, end] is inclusive at its own precision
    n = min(len(a.start), len(b.start))
    return a.start[:n] <= b_end[:n] and b.start[:n] <= a_end[:n]


def describe(claim: Claim, t: TimeExpression) -> str:
    """A short description of the event: the claim, or its clause around the time expression."""
    text = claim.text.strip()
    if len(text) <= _MAX_TEXT:
        return " ".join(text.split())
    if len(claim.text) != claim.end - claim.start:
        return " ".join(text[:_MAX_TEXT].split()) + "…"
    pos = t.start - claim.start
    cuts = [0, *(m.end() for m in _CLAUSE_BREAK.finditer(claim.text)), len(claim.text)]
    cuts = sorted(set(cuts))
    i = max(k for k in range(len(cuts) - 1) if cuts[k] <= pos)
    lo, hi = cuts[i], cuts[i + 1]
    # widen to neighbouring clauses while the clause is too short to read on its own
    while hi - lo < 80 and (i > 0 or hi < len(claim.text)):
        nxt = [c for c in cuts if c > hi]
        if nxt:
            hi = nxt[0]
        else:
            i -= 1
            lo = cuts[i]
    clause = " ".join(claim.text[lo:hi].split()).strip(" ,;:—–")
    if len(clause) > _MAX_TEXT:
        clause = clause[:_MAX_TEXT].rstrip() + "…"
    return clause


def build_timeline(
    claims: Sequence[Claim],
    times: Mapping[str, tuple[TimeExpression, ...]],
    facts: Sequence[Fact],
    conflicts: Sequence[Conflict],
) -> tuple[TimelineEntry, ...]:
    """One entry per event, merged across reports, each citing its claims."""
    fact_of: dict[str, str] = {c.id: c.fact for c in claims if c.fact}
    for f in facts:
        for cid in f.claims:
            fact_of.setdefault(cid, f.id)
    by_doc: dict[str, list[Claim]] = {}
    for c in claims:
        by_doc.setdefault(c.doc, []).append(c)

    events: list[_Event] = []
    for doc in sorted(times):
        for t in times[doc]:
            for c in _covering(by_doc.get(doc, []), t):
                events.append(_Event(fact_of.get(c.id, c.id), t.when, c, t))

    groups: dict[tuple[str, str, str | None, str], list[_Event]] = {}
    for ev in events:
        groups.setdefault((ev.key, ev.when.start, ev.when.end, ev.when.granularity), []).append(ev)

    conflicted = _conflicting_groups(groups)
    time_conflict_claims = {cid for cf in conflicts if cf.kind in ("time", "date") for cid in cf.claims}

    rows: list[tuple[When, tuple[str, ...], str, bool]] = []
    for gkey, evs in groups.items():
        claim_ids = tuple(sorted({e.claim.id for e in evs}))
        first = min(evs, key=lambda e: (e.claim.doc, e.expression.start, e.claim.id))
        conflict = gkey in conflicted or any(cid in time_conflict_claims for cid in claim_ids)
        rows.append((first.when, claim_ids, describe(first.claim, first.expression), conflict))
    rows.sort(key=lambda r: (r[0].start, r[0].end or "", r[0].granularity, r[1], r[2]))
    return tuple(
        TimelineEntry(id=f"T{i:03d}", when=when, claims=cids, text=text, conflict=conflict)
        for i, (when, cids, text, conflict) in enumerate(rows, start=1)
    )


def _conflicting_groups(
    groups: Mapping[tuple[str, str, str | None, str], list[_Event]],
) -> set[tuple[str, str, str | None, str]]:
    """Groups of one fact whose time no time given by another report of that fact is compatible with."""
    by_key: dict[str, list[tuple[tuple[str, str, str | None, str], list[_Event]]]] = {}
    for gkey, evs in groups.items():
        by_key.setdefault(gkey[0], []).append((gkey, evs))
    out: set[tuple[str, str, str | None, str]] = set()
    for items in by_key.values():
        if len(items) < 2:
            continue
        whens_by_doc: dict[str, list[When]] = {}
        for _, evs in items:
            for e in evs:
                whens_by_doc.setdefault(e.claim.doc, []).append(e.when)
        if len(whens_by_doc) < 2:
            continue
        for gkey, evs in items:
            docs = {e.claim.doc for e in evs}
            when = evs[0].when
            if when.granularity not in _DAY_OR_FINER:
                continue  # a year or month given beside a day is background, not a rival time
            for other_doc, whens in whens_by_doc.items():
                other_whens = [w for w in whens if w.granularity in _DAY_OR_FINER]
                if other_doc in docs or not other_whens:
                    continue
                # a report that gives this event a time, none of which fits ours, contradicts us
                if not any(compatible(when, w) for w in other_whens):
                    out.add(gkey)
    return out
