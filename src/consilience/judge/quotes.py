"""Quote integrity: corroborated, altered, single_source, fabricated.

STUB (owned by the judgements work).
"""

from __future__ import annotations

from collections.abc import Sequence

from consilience.model import Claim, Document, Provenance, Quote


def judge_quotes(
    quotes: Sequence[Quote], documents: Sequence[Document], claims: Sequence[Claim], provenance: Provenance
) -> tuple[Quote, ...]:
    """Set each quote's status and matches."""
    return tuple(quotes)
