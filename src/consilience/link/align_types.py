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
