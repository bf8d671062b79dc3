"""A hand-made report of an invented story (a ferry fire), so the renderers are tested without the pipeline.

Five reports: a wire story (w1), a dramatised rewrite of it (r1, with an invented scene, a fabricated
quote and an emoji before its claims), a copy with a mutated time and boilerplate (r2), an independent
report (i1) and a summary of an outlet outside the set (s1). ``hostile=True`` plants script, markup,
attribute-breaking quotes and ``javascript:`` URLs in every kind of string a report carries.
"""

from __future__ import annotations

from pathlib import Path

from consilience.model import (
    Claim,
    Conflict,
    Document,
    Edge,
    Entity,
    Fact,
    Mention,
    Provenance,
    Quote,
    Removed,
    Report,
    SourceCard,
    Span,
    TimelineEntry,
    When,
)

# Tests write screenshots here (gitignored).
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

PWN_SCRIPT = "</script><script>window.pwned=1</script>"
PWN_IMG = '<img src=x onerror="window.pwned=1">'
PWN_ATTR = "\"'><svg onload=window.pwned=1>"
PWN_URL = "javascript:window.pwned=1"

W1 = (
    "A passenger ferry caught fire off Varnholm on Tuesday evening, the coast guard said. "
    "All 212 passengers were evacuated by lifeboat, according to coast guard spokesperson Lina Berg. "
    "The fire started in the engine room at about 19:40, a crew member told Nordic Wire. "
    '"We got everyone off in under an hour," Berg said. '
    "The ferry operator, Baltline, said it would investigate."
)
R1 = (
    "🔥 Horror at sea! 😱 A packed passenger ferry went up in flames off Varnholm on Tuesday evening. "
    "All 212 terrified passengers were evacuated by lifeboat. "
    "Captain Erik Dahl wept as he watched his ship burn. "
    '"The engine room exploded like a bomb," a crew member said. '
    "The fire started in the engine room at about 19:40."
)
R2 = (
    "A passenger ferry caught fire off Varnholm on Tuesday evening, the coast guard said. "
    "All 212 passengers were evacuated by lifeboat, according to coast guard spokesperson Lina Berg. "
    "The fire started in the engine room at about 20:40, a crew member told Nordic Wire.\n"
    "READ MORE: Ten best ferry routes this summer\n"
    '"We got everyone off in under an hour," Berg said.\n'
    "Share this: Facebook | X | Email"
)
I1 = (
    "Fire broke out aboard the ferry Nordlys near Varnholm on Tuesday, and rescuers took all 212 people ashore. "
    'Coast guard spokeswoman Lina Berg said: "We got everyone off in under an hour." '
    "Passengers said the fire began shortly after 19:30. "
    "The ship was towed to port on Wednesday morning."
)
S1 = (
    "According to a report by the Harbour Gazette, the ferry's operator Baltline had been warned about "
    "faulty wiring in March. The ship was towed to port on Wednesday morning, the Gazette said."
)


def _at(text: str, part: str) -> tuple[int, int]:
    start = text.index(part)
    return start, start + len(part)


def build_report(hostile: bool = False) -> Report:
    """The ferry-fire report; with ``hostile`` every kind of string carries an injection attempt."""
    texts = {"w1": W1, "r1": R1, "r2": R2, "i1": I1, "s1": S1}
    if hostile:
        texts["r1"] = R1 + f" {PWN_SCRIPT} {PWN_IMG} \u2028 {PWN_ATTR} & more"
    claims: list[Claim] = []

    def claim(doc: str, part: str, fact: str | None, *flags: str, attribution: str | None = None) -> str:
        start, end = _at(texts[doc], part)
        cid = f"{doc}-c{sum(c.doc == doc for c in claims) + 1}"
        claims.append(Claim(cid, doc, start, end, part, attribution, False, tuple(flags), fact))
        return cid

    w1 = [
        claim(
            "w1",
            "A passenger ferry caught fire off Varnholm on Tuesday evening, the coast guard said.",
            "f-fire",
        ),
        claim(
            "w1",
            "All 212 passengers were evacuated by lifeboat, according to coast guard spokesperson Lina Berg.",
            "f-evac",
            attribution="coast guard spokesperson Lina Berg",
        ),
        claim(
            "w1",
            "The fire started in the engine room at about 19:40, a crew member told Nordic Wire.",
            "f-start",
        ),
        claim("w1", '"We got everyone off in under an hour," Berg said.', "f-quote"),
        claim(
            "w1", "The ferry operator, Baltline, said it would investigate.", "f-investigate", "single_source"
        ),
    ]
    r1 = [
        claim("r1", "A packed passenger ferry went up in flames off Varnholm on Tuesday evening.", "f-fire"),
        claim("r1", "All 212 terrified passengers were evacuated by lifeboat.", "f-evac"),
        claim(
            "r1",
            "Captain Erik Dahl wept as he watched his ship burn.",
            "f-captain",
            "embellishment",
            "single_source",
        ),
        claim(
            "r1",
            '"The engine room exploded like a bomb," a crew member said.',
            None,
            "embellishment",
            "unsupported",
        ),
        claim("r1", "The fire started in the engine room at about 19:40.", "f-start"),
    ]
    r2 = [
        claim(
            "r2",
            "A passenger ferry caught fire off Varnholm on Tuesday evening, the coast guard said.",
            "f-fire",
        ),
        claim(
            "r2",
            "All 212 passengers were evacuated by lifeboat, according to coast guard spokesperson Lina Berg.",
            "f-evac",
        ),
        claim(
            "r2",
            "The fire started in the engine room at about 20:40, a crew member told Nordic Wire.",
            "f-start",
            "mutation",
        ),
        claim("r2", '"We got everyone off in under an hour," Berg said.', "f-quote"),
    ]
    i1 = [
        claim("i1", "Fire broke out aboard the ferry Nordlys near Varnholm on Tuesday", "f-fire"),
        claim("i1", "rescuers took all 212 people ashore.", "f-evac"),
        claim(
            "i1", 'Coast guard spokeswoman Lina Berg said: "We got everyone off in under an hour."', "f-quote"
        ),
        claim("i1", "Passengers said the fire began shortly after 19:30.", "f-start"),
        claim("i1", "The ship was towed to port on Wednesday morning.", "f-towed"),
    ]
    s1 = [
        claim(
            "s1",
            "According to a report by the Harbour Gazette, the ferry's operator Baltline had been warned about "
            "faulty wiring in March.",
            "f-wiring",
            "single_source",
            attribution="the Harbour Gazette",
        ),
        claim("s1", "The ship was towed to port on Wednesday morning, the Gazette said.", "f-towed"),
    ]
    facts = (
        Fact(
            "f-fire",
            (w1[0], r1[0], r2[0], i1[0]),
            ("w1", "r1", "r2", "i1"),
            2,
            "corroborated",
            "A passenger ferry caught fire off Varnholm on Tuesday evening",
        ),
        Fact(
            "f-evac",
            (w1[1], r1[1], r2[1], i1[1]),
            ("w1", "r1", "r2", "i1"),
            2,
            "corroborated",
            "All 212 passengers were evacuated",
        ),
        Fact(
            "f-start",
            (w1[2], r1[4], r2[2], i1[3]),
            ("w1", "r1", "r2", "i1"),
            2,
            "contested",
            "The fire started in the engine room in the evening",
        ),
        Fact(
            "f-quote",
            (w1[3], r2[3], i1[2]),
            ("w1", "r2", "i1"),
            2,
            "corroborated",
            "The coast guard got everyone off in under an hour",
        ),
        Fact(
            "f-towed",
            (i1[4], s1[1]),
            ("i1", "s1"),
            2,
            "corroborated",
            "The ship was towed to port on Wednesday morning",
        ),
        Fact(
            "f-investigate", (w1[4],), ("w1",), 1, "single_source", "The operator Baltline will investigate"
        ),
        Fact("f-captain", (r1[2],), ("r1",), 1, "single_source", "Captain Erik Dahl wept"),
        Fact(
            "f-wiring", (s1[0],), ("s1",), 1, "single_source", "Baltline had been warned about faulty wiring"
        ),
    )
    conflicts = (
        Conflict(
            "x1",
            "time",
            (w1[2], r2[2]),
            ("19:40", "20:40"),
            "The wire report says the fire started at 19:40; the copy says 20:40.",
            introduced_by="r2",
        ),
    )

    def quote(
        qid: str, doc: str, part: str, speaker: str | None, status: str, matches: tuple[str, ...]
    ) -> Quote:
        start, end = _at(texts[doc], part)
        return Quote(qid, doc, start, end, part, speaker, status, matches)

    quotes = (
        quote(
            "q1", "w1", '"We got everyone off in under an hour,"', "Lina Berg", "corroborated", ("q3", "q4")
        ),
        quote("q2", "r1", '"The engine room exploded like a bomb,"', "a crew member", "fabricated", ()),
        quote(
            "q3", "r2", '"We got everyone off in under an hour,"', "Lina Berg", "corroborated", ("q1", "q4")
        ),
        quote(
            "q4", "i1", '"We got everyone off in under an hour."', "Lina Berg", "corroborated", ("q1", "q3")
        ),
    )

    def mentions(name: str, *docs: str) -> tuple[Mention, ...]:
        return tuple(Mention(d, *_at(texts[d], name)) for d in docs)

    entities = (
        Entity("e1", "Lina Berg", "person", ("Lina Berg", "Berg"), mentions("Lina Berg", "w1", "r2", "i1")),
        Entity("e2", "Varnholm", "place", ("Varnholm",), mentions("Varnholm", "w1", "r1", "r2", "i1")),
        Entity("e3", "Baltline", "organisation", ("Baltline",), mentions("Baltline", "w1", "s1")),
        Entity("e4", "Erik Dahl", "person", ("Erik Dahl", "Captain Erik Dahl"), mentions("Erik Dahl", "r1")),
    )
    timeline = (
        TimelineEntry(
            "t2",
            When("2025-03-04T19:40", None, "minute"),
            (w1[2], r2[2], r1[4]),
            "The fire starts in the engine room",
            conflict=True,
        ),
        TimelineEntry(
            "t1", When("2025-03-04", None, "day"), (w1[0], i1[0]), "The ferry catches fire off Varnholm"
        ),
        TimelineEntry(
            "t3",
            When("2025-03-05T06:00", "2025-03-05T12:00", "hour"),
            (i1[4], s1[1]),
            "The ship is towed to port",
        ),
    )
    w1_span = _at(W1, "All 212 passengers were evacuated by lifeboat")
    provenance = Provenance(
        edges=(
            Edge("w1", "r2", "copy", 0.91, ((Span("w1", *w1_span), Span("r2", *w1_span)),)),
            Edge("w1", "r1", "rewrite", 0.62),
        ),
        families=(("w1", "r1", "r2"), ("i1",), ("s1",)),
    )
    r2_text = texts["r2"]
    removed = (
        Removed(*_at(r2_text, "READ MORE: Ten best ferry routes this summer"), "related_headline"),
        Removed(*_at(r2_text, "Share this: Facebook | X | Email"), "share_widget"),
    )
    documents = [
        Document(
            "w1",
            texts["w1"],
            "Ferry fire off Varnholm",
            "Nordic Wire",
            (),
            "2025-03-04T21:00",
            "https://wire.example/ferry",
        ),
        Document(
            "r1", texts["r1"], "HORROR AT SEA", "Daily Buzz", (), "2025-03-05", "https://buzz.example/horror"
        ),
        Document(
            "r2", r2_text, "Ferry fire off Varnholm", "Coast Times", (), "2025-03-05", None, removed=removed
        ),
        Document(
            "i1",
            texts["i1"],
            "All 212 saved from burning ferry",
            "Island Post",
            (),
            "2025-03-05T08:00",
            "http://post.example/ferry",
        ),
        Document(
            "s1",
            texts["s1"],
            "Ferry operator was warned",
            "Radio Nord",
            ("Harbour Gazette",),
            "2025-03-06",
            None,
        ),
    ]
    if hostile:
        documents[1] = Document(
            "r1", texts["r1"], f"HORROR {PWN_SCRIPT}{PWN_ATTR}", PWN_IMG, (PWN_SCRIPT,), "2025-03-05", PWN_URL
        )
        documents[3] = Document(
            "i1",
            texts["i1"],
            PWN_ATTR,
            "Island Post",
            (),
            None,
            'https://post.example/a"onmouseover="window.pwned=1',
        )
        facts = (
            *facts[:-1],
            Fact("f-wiring", (s1[0],), ("s1",), 1, "single_source", f"{PWN_ATTR} {PWN_SCRIPT}"),
        )
        entities = (*entities, Entity("e5", PWN_SCRIPT, PWN_ATTR, (PWN_IMG, PWN_URL), ()))
        conflicts = (
            Conflict(
                "x1",
                "time",
                (w1[2], r2[2]),
                (PWN_IMG, PWN_SCRIPT),
                f"{PWN_ATTR} explanation",
                introduced_by="r2",
            ),
        )
        timeline = (*timeline, TimelineEntry("t9", When("2025-03-06", None, "day"), (), PWN_SCRIPT + PWN_IMG))
    return Report(
        documents=tuple(documents),
        claims=tuple(claims),
        facts=facts,
        conflicts=conflicts,
        quotes=quotes,
        entities=entities,
        timeline=timeline,
        provenance=provenance,
        sources=(SourceCard("Nordic Wire", "outlet", ("w1",), 5, 4, 1, 0, 0, 0, 0),),
        problems=(f"bad.json: not a JSON record {PWN_SCRIPT}",) if hostile else (),
    )
