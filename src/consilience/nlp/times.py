"""Time expressions: find and normalise every date/time expression to ISO with granularity.

STUB (owned by the "who and when" work): returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from consilience.model import Document, ParsedDocument, TimeExpression


def normalise_times(
    documents: Sequence[Document], parsed: Mapping[str, ParsedDocument]
) -> dict[str, tuple[TimeExpression, ...]]:
    """Every time expression of every document, normalised, years inferred story-wide."""
    return {d.id: () for d in documents}
