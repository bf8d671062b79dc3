"""A short Rich summary of a report for the terminal (stderr after ``analyze``)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from consilience.model import Report


def print_summary(report: Report, console: Console, output: Path | None = None) -> None:
    """Counts, families and the best-supported facts and conflicts, in a few lines."""
    families = report.provenance.families
    corroborated = sum(1 for f in report.facts if f.status == "corroborated")
    contested = sum(1 for f in report.facts if f.status == "contested")
    head = Table(title="consilience", show_header=False, box=None, title_justify="left")
    head.add_row("reports", str(len(report.documents)))
    head.add_row("independent families", str(len(families)))
    head.add_row("claims", str(len(report.claims)))
    head.add_row("facts", f"{len(report.facts)} ({corroborated} corroborated, {contested} contested)")
    head.add_row("conflicts", str(len(report.conflicts)))
    head.add_row("quotes", str(len(report.quotes)))
    head.add_row("entities", str(len(report.entities)))
    head.add_row("timeline events", str(len(report.timeline)))
    if report.problems:
        head.add_row("input problems", str(len(report.problems)))
    if output is not None:
        head.add_row("written", str(output))
    console.print(head)
    fam = Table(title="families (one source each)", title_justify="left")
    fam.add_column("#", justify="right")
    fam.add_column("reports")
    for n, members in enumerate(families[:12], 1):
        fam.add_row(str(n), ", ".join(members))
    if len(families) > 12:
        fam.add_row("…", f"{len(families) - 12} more")
    console.print(fam)
    top = [f for f in report.facts if f.independent_sources >= 2][:8]
    if top:
        facts = Table(title="best-supported facts", title_justify="left")
        facts.add_column("sources", justify="right")
        facts.add_column("status")
        facts.add_column("fact", overflow="fold")
        for f in top:
            facts.add_row(str(f.independent_sources), f.status, f.summary[:140])
        console.print(facts)
    if report.conflicts:
        conf = Table(title="conflicts", title_justify="left")
        conf.add_column("kind")
        conf.add_column("explanation", overflow="fold")
        for c in report.conflicts[:8]:
            conf.add_row(c.kind, c.explanation[:160])
        console.print(conf)
