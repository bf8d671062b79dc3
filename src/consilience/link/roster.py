"""The entity roster: people, places, organisations merged across spellings.

STUB (owned by the "who and when" work): returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from consilience.model import Document, Entity, ParsedDocument


def build_roster(documents: Sequence[Document], parsed: Mapping[str, ParsedDocument]) -> tuple[Entity, ...]:
    """Entities of the story with variants and every mention."""
    return ()
