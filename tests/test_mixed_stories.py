"""Reports of unrelated stories mixed together get a clear note; one story gets none."""

from __future__ import annotations

from consilience.model import Document
from consilience.pipeline import mixed_stories_note

FLOOD = [
    "Floodwaters from the Varna river swept through the town of Oskel on Monday, forcing 3,000 residents "
    "from their homes, the regional governor Pavel Drumev said. Rescue teams used boats to reach villages.",
    "Governor Pavel Drumev said 3,000 people had left Oskel after the Varna river burst its banks on Monday. "
    "Boats carried rescue teams to cut-off villages near Oskel, officials said.",
    "The Varna river flooded Oskel on Monday and about 3,000 residents fled, according to governor Drumev. "
    "Rescuers in boats reached several villages around Oskel by nightfall.",
]
CHESS = [
    "Grandmaster Ilse Marquand won the Tallinn open chess tournament on Sunday after beating Ruben Okafor "
    "in a tense final round that lasted six hours.",
    "Ilse Marquand took the Tallinn open title on Sunday, defeating Ruben Okafor in a six-hour final game, "
    "tournament organisers said.",
]


def _docs(texts: list[str], prefix: str) -> list[Document]:
    return [Document(id=f"{prefix}{n}", text=t) for n, t in enumerate(texts, 1)]


def test_two_unrelated_stories_are_named_in_a_note() -> None:
    note = mixed_stories_note(_docs(FLOOD, "flood-") + _docs(CHESS, "chess-"))
    assert note is not None
    assert "2 different stories" in note
    assert "flood-1" in note and "chess-1" in note


def test_one_story_gets_no_note() -> None:
    assert mixed_stories_note(_docs(FLOOD, "flood-")) is None
    assert mixed_stories_note(_docs(FLOOD[:1], "flood-")) is None
