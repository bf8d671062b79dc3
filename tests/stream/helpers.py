"""Small hand-written articles (invented places and people) for the stream tests."""

from __future__ import annotations

import random
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


# Two strikes at two ports: one kind of event (shared vocabulary), different places and people.
STRIKE_KIND = [
    "Dock workers walked off the job on {day}, leaving container ships waiting outside the port.",
    "The Transport Ministry said it was monitoring the strike and urged both sides to return to talks.",
    "Union leaders said wages had not kept pace with rising prices for three years.",
    "Port operators warned that the walkout would delay deliveries of fuel and grain.",
    "Picket lines formed at the main gates before dawn as cranes stood idle.",
    "Shipping agents said freight rates for the region had jumped since the strike began.",
    "The Transport Ministry offered to mediate between the union and the port authority.",
]
STRIKE_EVENTS = {
    "a": [
        "{n} ships were anchored off Orvanta, according to harbour master Mirela Castan.",
        "Mirela Castan said the Orvanta terminal handled most of the country's coffee exports.",
        "The Dockers League, which represents workers at Orvanta, demanded a twelve percent raise.",
        "Police in Orvanta said the protest outside the Castan terminal was peaceful.",
        "Orvanta exporters of coffee and cocoa said their cargo was spoiling on the quay.",
    ],
    "b": [
        "{n} vessels were stuck near Belquay, port director Tomas Henrik said.",
        "Tomas Henrik said the Belquay docks moved most of the nation's steel and timber.",
        "The Harbour Workers Union at Belquay wants a new pension scheme and shorter shifts.",
        "Belquay police closed the coastal road after marchers blocked the Henrik bridge.",
        "Timber and steel shippers at Belquay said contracts were being cancelled.",
    ],
}

#: the order the two strikes' articles arrive in: three of the first, then interleaved
STRIKE_ORDER = ["a"] * 3 + ["b", "a", "b", "b", "a", "b", "b", "a", "b", "a", "b"]


def strike_article(event: str, rnd: random.Random) -> str:
    """An article about strike ``event`` ("a" or "b"): four sentences of the kind, three of its own."""
    sentences = rnd.sample(STRIKE_KIND, 4) + rnd.sample(STRIKE_EVENTS[event], 3)
    rnd.shuffle(sentences)
    return " ".join(s.format(day=rnd.choice(["Monday", "Tuesday"]), n=rnd.randint(10, 40)) for s in sentences)


def strike_articles(seed: int = 4) -> list[tuple[str, str]]:
    """(id, text) of the two strikes' articles in ``STRIKE_ORDER``; ids are the event letter and a number."""
    rnd = random.Random(seed)
    return [(f"{event}{i}", strike_article(event, rnd)) for i, event in enumerate(STRIKE_ORDER)]


def record(article_id: str, text: str, **extra: Any) -> dict[str, Any]:
    """A stream record."""
    return {"id": article_id, "text": text, **extra}
