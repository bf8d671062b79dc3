"""Source scorecards per report and per outlet.

A report's card counts its claims, how many are corroborated (their fact has at
least two independent sources), how many stand alone, the mutations it
introduced (conflicts ``introduced_by`` it), its embellishments, and its
fabricated and altered quotes. An outlet's card sums the cards of the reports
that name it as their own outlet. Cost: linear in the report.
"""

from __future__ import annotations

from collections import defaultdict

from consilience.model import Report, SourceCard


def build_scorecards(report: Report) -> tuple[SourceCard, ...]:
    """One card per document and one per outlet."""
    independent = {f.id: f.independent_sources for f in report.facts}
    counts: dict[str, dict[str, int]] = {d.id: defaultdict(int) for d in report.documents}
    for claim in report.claims:
        row = counts.setdefault(claim.doc, defaultdict(int))
        row["claims"] += 1
        if claim.fact and independent.get(claim.fact, 1) >= 2:
            row["corroborated"] += 1
        else:
            row["single_source"] += 1
        if "embellishment" in claim.flags:
            row["embellishments"] += 1
    for conflict in report.conflicts:
        if conflict.introduced_by in counts:
            counts[conflict.introduced_by]["mutations"] += 1
    for quote in report.quotes:
        if quote.status == "fabricated":
            counts.setdefault(quote.doc, defaultdict(int))["fabricated_quotes"] += 1
        elif quote.status == "altered":
            counts.setdefault(quote.doc, defaultdict(int))["altered_quotes"] += 1

    def card(card_id: str, kind: str, docs: list[str]) -> SourceCard:
        total: dict[str, int] = defaultdict(int)
        for doc in docs:
            for key, value in counts.get(doc, {}).items():
                total[key] += value
        return SourceCard(
            id=card_id,
            kind=kind,
            documents=tuple(docs),
            claims=total["claims"],
            corroborated=total["corroborated"],
            single_source=total["single_source"],
            mutations=total["mutations"],
            embellishments=total["embellishments"],
            fabricated_quotes=total["fabricated_quotes"],
            altered_quotes=total["altered_quotes"],
        )

    cards = [card(d.id, "document", [d.id]) for d in report.documents]
    by_outlet: dict[str, list[str]] = defaultdict(list)
    for d in report.documents:
        if d.outlet:
            by_outlet[d.outlet].append(d.id)
    cards += [card(outlet, "outlet", docs) for outlet, docs in sorted(by_outlet.items())]
    return tuple(cards)
