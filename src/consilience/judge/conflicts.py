"""Typed conflicts between claims about the same thing.

STUB (owned by the judgements work).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from consilience.link.align_types import Alignment
from consilience.model import Claim, Conflict, Document, Entity, Fact, Provenance, TimeExpression


def find_conflicts(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    facts: Sequence[Fact],
    alignment: Alignment,
    provenance: Provenance,
    times: Mapping[str, tuple[TimeExpression, ...]],
    entities: Sequence[Entity],
) -> tuple[Conflict, ...]:
    """Conflicts with both values and a one-line explanation."""
    return ()
