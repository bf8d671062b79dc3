"""The merged, source-cited timeline.

STUB (owned by the "who and when" work): returns nothing yet.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from consilience.model import Claim, Conflict, Fact, TimeExpression, TimelineEntry


def build_timeline(
    claims: Sequence[Claim],
    times: Mapping[str, tuple[TimeExpression, ...]],
    facts: Sequence[Fact],
    conflicts: Sequence[Conflict],
) -> tuple[TimelineEntry, ...]:
    """One entry per event, merged across reports, each citing its claims."""
    return ()
