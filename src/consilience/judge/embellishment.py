"""Claim flags: embellishment, unattributed, single_source (mutation is set by corroboration).

STUB (owned by the judgements work).
"""

from __future__ import annotations

from collections.abc import Sequence

from consilience.link.align_types import Alignment
from consilience.model import Claim, Document, Fact, Provenance, Quote


def flag_claims(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    facts: Sequence[Fact],
    alignment: Alignment,
    provenance: Provenance,
    quotes: Sequence[Quote],
) -> tuple[Claim, ...]:
    """Claims with their flags set."""
    return tuple(claims)
