"""Types shared by the linking and judging stages."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClaimLink:
    """Two claims of different documents judged to state (nearly) the same thing; ``score`` in [0, 1]."""

    a: str
    b: str
    score: float
    semantic: float
    lexical: float


@dataclass(frozen=True)
class Alignment:
    """All scored cross-document claim links above a low floor, sorted by (a, b)."""

    links: tuple[ClaimLink, ...] = ()
    #: groups of claim ids whose normalised text is identical (copies); the first id is the one linked
    duplicates: tuple[tuple[str, ...], ...] = ()

    def partners(self) -> dict[str, list[ClaimLink]]:
        """Links by claim id (each link listed under both its claims)."""
        out: dict[str, list[ClaimLink]] = {}
        for link in self.links:
            out.setdefault(link.a, []).append(link)
            out.setdefault(link.b, []).append(link)
        return out
