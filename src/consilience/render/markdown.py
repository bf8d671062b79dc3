"""The Markdown report: a readable summary for e-mail or a wiki; same report → same text.

Report text is hostile input: every string from a report is flattened to one line and its Markdown
and HTML punctuation is backslash-escaped, so it reads as typed and cannot become a link, markup or a
tag; a document's URL is shown only if it is plain http(s).
"""

from __future__ import annotations

import re
from collections import defaultdict
from urllib.parse import quote

from consilience.model import Claim, Document, Report
from consilience.render import speaker
from consilience.render.html import FACT_RANK, report_families, safe_url, when_label

# Enough to read a story on one screen per section; the JSON and HTML reports have everything.
MAX_SENTENCES_PER_FACT = 8
MAX_ENTITIES = 200

_ESCAPE_RE = re.compile(r"([\\`*_\[\]<>|~#!])")


def md_text(text: str | None) -> str:
    """One line of report text, safe to place anywhere in Markdown (punctuation escaped, whitespace folded)."""
    if not text:
        return ""
    return _ESCAPE_RE.sub(r"\\\1", " ".join(text.split()))


def _code(text: str) -> str:
    # Document ids are shown as code; a backtick inside would end the span early.
    text = " ".join(text.split()).replace("`", "'")
    return f"`{text}`"


def _doc(d: Document | None, doc_id: str) -> str:
    if d is None:
        return _code(doc_id)
    return f"{_code(d.id)} ({md_text(d.outlet)})" if d.outlet else _code(d.id)


def _link(url: str | None) -> str:
    safe = safe_url(url)
    if safe is None:
        return ""
    # Percent-encode what could end an autolink or open markup; keep the URL otherwise as written.
    return "<" + quote(safe, safe=":/?#[]@!$&'()*+,;=%-._~") + ">"


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def _notes(claim: Claim) -> str:
    notes = []
    if claim.attribution:
        notes.append(f"according to {md_text(speaker(claim.attribution) or '')}")
    if claim.hedged:
        notes.append("hedged")
    notes.extend(flag.replace("_", " ") for flag in claim.flags)
    return " — " + ", ".join(notes) if notes else ""


def _same_words(a: str, b: str) -> bool:
    return " ".join(a.split()).strip(" .").casefold() == " ".join(b.split()).strip(" .").casefold()


def _sentence(claim: Claim, docs: dict[str, Document]) -> str:
    doc = docs.get(claim.doc)
    text = doc.text[claim.start : claim.end] if doc else claim.text
    return f"{_doc(doc, claim.doc)}: “{md_text(text)}”{_notes(claim)}"


def to_markdown(report: Report) -> str:
    """Render a report as Markdown: counts and families, facts with sources, conflicts, timeline, quotes, entities."""
    docs = {d.id: d for d in report.documents}
    claims = {c.id: c for c in report.claims}
    families = report_families(report)
    out: list[str] = []
    title = next((d.title for d in report.documents if d.title), None)
    out.append(f"# consilience report: {md_text(title)}" if title else "# consilience report")
    out.append("")
    statuses: dict[str, int] = defaultdict(int)
    for fact in report.facts:
        statuses[fact.status] += 1
    out.append(
        f"**{_plural(len(report.documents), 'report')} · {_plural(len(families), 'independent source')} · "
        f"{_plural(len(report.facts), 'fact')} ({statuses['corroborated']} corroborated, "
        f"{statuses['contested']} contested) · {_plural(len(report.conflicts), 'conflict')}**"
    )
    out.append("")
    out.append("## Families")
    out.append("")
    out.append("Copies of one report count once: each family is one independent source.")
    out.append("")
    for members in families:
        names = ", ".join(_doc(docs.get(m), m) for m in members)
        if len(members) > 1:
            out.append(f"- One source, {len(members)} reports: {names}")
        else:
            out.append(f"- Independent: {names}")
    cited = sorted({outlet for d in report.documents for outlet in d.cites})
    if cited:
        out.append("")
        out.append("Outlets cited by the reports: " + ", ".join(md_text(c) for c in cited) + ".")
    edges = report.provenance.edges
    if edges:
        out.append("")
        out.append("Provenance links (origin → derived):")
        out.append("")
        for e in edges:
            arrow = "→" if e.directed else "↔"
            out.append(
                f"- {_doc(docs.get(e.source), e.source)} {arrow} {_doc(docs.get(e.target), e.target)}: {md_text(e.kind.replace('_', ' '))} ({e.score:.2f})"
            )
    out.append("")
    out.append("## Facts, by independent support")
    out.append("")
    ranked = sorted(
        report.facts,
        key=lambda f: (
            -f.independent_sources,
            FACT_RANK.get(f.status, 3),
            -len(f.docs),
            -len(f.claims),
            f.id,
        ),
    )
    if not ranked:
        out.append("No facts found.")
    for number, fact in enumerate(ranked, 1):
        head = (
            f"{number}. **{fact.status.replace('_', ' ')}, {_plural(fact.independent_sources, 'independent source')}**: "
            f"{md_text(fact.summary)}"
        )
        sources = [claims[c] for c in fact.claims if c in claims]
        if len(sources) == 1 and _same_words(sources[0].text, fact.summary):
            # A fact told by one sentence: its source on the same line, not the sentence twice.
            out.append(f"{head} — {_doc(docs.get(sources[0].doc), sources[0].doc)}{_notes(sources[0])}")
            continue
        out.append(head)
        for claim in sources[:MAX_SENTENCES_PER_FACT]:
            out.append(f"   - {_sentence(claim, docs)}")
        if len(sources) > MAX_SENTENCES_PER_FACT:
            out.append(f"   - and {len(sources) - MAX_SENTENCES_PER_FACT} more")
    out.append("")
    out.append("## Conflicts")
    out.append("")
    if not report.conflicts:
        out.append("No conflicts found.")
    for conflict in report.conflicts:
        # the explanation opens with the kind ("mode: ..."), which the bold label already says
        explanation = conflict.explanation.removeprefix(f"{conflict.kind}: ")
        out.append(f"- **{md_text(conflict.kind)}**: {md_text(explanation)}")
        for claim_id, value in zip(conflict.claims, conflict.values, strict=False):
            side = claims.get(claim_id)
            if side is not None:
                out.append(f"  - **{md_text(value)}** in {_sentence(side, docs)}")
            else:
                out.append(f"  - **{md_text(value)}**")
        if conflict.introduced_by:
            out.append(
                f"  - introduced by the rewrite {_doc(docs.get(conflict.introduced_by), conflict.introduced_by)}"
            )
    out.append("")
    out.append("## Timeline")
    out.append("")
    if not report.timeline:
        out.append("No dated events found.")
    for entry in sorted(report.timeline, key=lambda t: (t.when.start, t.id)):
        cites = sorted({claims[c].doc for c in entry.claims if c in claims})
        line = f"- **{md_text(when_label(entry.when))}** — {md_text(entry.text)}"
        if cites:
            line += " (" + ", ".join(_code(d) for d in cites) + ")"
        if entry.conflict:
            line += " — **conflicting times**"
        out.append(line)
    out.append("")
    out.append("## Quotes")
    out.append("")
    if not report.quotes:
        out.append("No direct quotes found.")
    for q in report.quotes:
        doc = docs.get(q.doc)
        text = (doc.text[q.start : q.end] if doc else q.text).strip().strip('"“”„«»')
        speaker = f" — {md_text(q.speaker)}" if q.speaker else ""
        out.append(
            f"- **{md_text(q.status.replace('_', ' '))}**: “{md_text(text)}”{speaker} ({_doc(doc, q.doc)})"
        )
    out.append("")
    out.append("## People, places, organisations")
    out.append("")
    if not report.entities:
        out.append("No entities found.")
    for entity in report.entities[:MAX_ENTITIES]:
        variants = [v for v in entity.variants if v != entity.name]
        also = f"; also written {', '.join(md_text(v) for v in variants)}" if variants else ""
        n_docs = len({m.doc for m in entity.mentions})
        out.append(
            f"- **{md_text(entity.name)}** ({md_text(entity.type)}){also} — "
            f"{_plural(len(entity.mentions), 'mention')} in {_plural(n_docs, 'report')}"
        )
    if len(report.entities) > MAX_ENTITIES:
        out.append(f"- and {len(report.entities) - MAX_ENTITIES} more")
    out.append("")
    out.append("## Reports")
    out.append("")
    for d in report.documents:
        parts = [_code(d.id)]
        if d.title:
            parts.append(md_text(d.title))
        if d.outlet:
            parts.append(md_text(d.outlet))
        if d.published:
            parts.append(md_text(d.published))
        link = _link(d.url)
        if link:
            parts.append(link)
        if d.removed:
            parts.append(f"{_plural(len(d.removed), 'boilerplate span')} removed")
        out.append("- " + " — ".join(parts))
    if report.problems:
        out.append("")
        out.append("## Input problems")
        out.append("")
        out.extend(f"- {md_text(p)}" for p in report.problems)
    out.append("")
    return "\n".join(out)
