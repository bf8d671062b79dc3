"""Source scorecards per report and per outlet.

STUB (owned by the judgements work).
"""

from __future__ import annotations

from consilience.model import Report, SourceCard


def build_scorecards(report: Report) -> tuple[SourceCard, ...]:
    """One card per document and one per outlet."""
    return ()
