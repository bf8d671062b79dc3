"""Small hand-written articles (invented places and people) for the stream tests."""

from __future__ import annotations

from typing import Any

HARBOUR = (
    "A fire destroyed a fish processing plant in the harbour town of Velmora on Tuesday night, "
    "the regional fire service said. Chief officer Anouk Ferreira said forty firefighters fought the "
    "blaze for six hours before it was under control. No one was injured, but two hundred workers of "
    "Tessaly Seafoods will be without work for months. The cause of the fire is being investigated. "
    "Residents of Velmora reported thick black smoke over the harbour until the morning. The plant was "
    "the largest employer in the town and exported frozen fish to several countries."
)
HARBOUR_FOLLOW_UP = (
    "Investigators in Velmora said on Thursday that an electrical fault probably started the fire that "
    "destroyed the Tessaly Seafoods plant. Anouk Ferreira of the fire service said the wiring had been "
    "installed decades ago. Tessaly Seafoods said it would rebuild the plant in the harbour and pay its "
    "workers during the reconstruction. The mayor of Velmora promised help for families affected."
)
ELECTION = (
    "Voters in the mountain province of Kardosia elected Ilse Marrowby as governor on Sunday, with 54 "
    "percent of the vote. Marrowby, a former teacher, promised to reopen rural clinics and repair "
    "roads damaged by last winter's storms. Her rival Teodor Vasch conceded before midnight. Turnout "
    "in Kardosia was the highest in twenty years, the provincial electoral office said."
)


def record(article_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A stream record."""
    return {"id": article_id, "text": text, **extra}
