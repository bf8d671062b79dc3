"""Typed conflicts between aligned claims of two reports."""

from __future__ import annotations

from collections.abc import Mapping

from consilience.judge.conflicts import find_conflicts
from consilience.link.align_types import Alignment, ClaimLink
from consilience.model import (
    Claim,
    Conflict,
    Document,
    Edge,
    Entity,
    Mention,
    Provenance,
    TimeExpression,
    When,
)

NO_PROVENANCE = Provenance()


def run(
    text_a: str,
    text_b: str,
    provenance: Provenance = NO_PROVENANCE,
    published: tuple[str | None, str | None] = (None, None),
) -> tuple[Conflict, ...]:
    docs = (
        Document(id="a", text=text_a, outlet="Alpha", published=published[0]),
        Document(id="b", text=text_b, outlet="Beta", published=published[1]),
    )
    claims = (
        Claim(id="a:c1", doc="a", start=0, end=len(text_a), text=text_a),
        Claim(id="b:c1", doc="b", start=0, end=len(text_b), text=text_b),
    )
    alignment = Alignment(links=(ClaimLink("a:c1", "b:c1", 0.6, 0.6, 0.3),))
    return find_conflicts(docs, claims, (), alignment, provenance, {}, ())


def test_mode_conflict_names_both_values_and_reports() -> None:
    (conflict,) = run(
        "The governor left the capital by car on Sunday.", "The governor left the capital by plane on Sunday."
    )
    assert conflict.kind == "mode" and conflict.values == ("car", "plane")
    assert conflict.explanation == "mode: a (Alpha) says car, b (Beta) says plane"
    assert conflict.introduced_by is None


def test_a_change_along_a_provenance_edge_is_a_mutation_of_the_derived_report() -> None:
    provenance = Provenance(
        edges=(Edge(source="a", target="b", kind="rewrite", score=0.7),), families=(("a", "b"),)
    )
    (conflict,) = run(
        "Rebels entered his home after he fled.", "Rebels entered his palace after he fled.", provenance
    )
    assert conflict.kind == "place" and conflict.introduced_by == "b"


def test_a_toll_that_rises_between_days_is_an_update_not_a_conflict() -> None:
    assert (
        run(
            "12 people died in the floods.",
            "15 people died in the floods.",
            published=("2024-05-01", "2024-05-02"),
        )
        == ()
    )
    assert [c.kind for c in run("12 people died in the floods.", "15 people died in the floods.")] == [
        "number"
    ]


def test_a_hedge_of_the_same_value_is_not_a_conflict() -> None:
    assert run("The minister resigned on Friday.", "The minister reportedly resigned on Friday.") == ()


def story(
    texts: dict[str, list[str]],
    links: list[tuple[str, str, float]],
    people: dict[str, list[str]] | None = None,
    provenance: Provenance = NO_PROVENANCE,
    times: Mapping[str, tuple[TimeExpression, ...]] | None = None,
) -> tuple[Conflict, ...]:
    """Conflicts of a story of one-line reports ``{doc: [claim texts]}``; claims are "doc:cN"; people by name."""
    docs, claims = [], []
    for doc, lines in texts.items():
        text = " ".join(lines)
        docs.append(Document(id=doc, text=text))
        at = 0
        for n, line in enumerate(lines, 1):
            claims.append(Claim(id=f"{doc}:c{n}", doc=doc, start=at, end=at + len(line), text=line))
            at += len(line) + 1
    entities = []
    for n, (name, variants) in enumerate((people or {}).items()):
        mentions = [
            Mention(d.id, d.text.find(v), d.text.find(v) + len(v))
            for d in docs
            for v in variants
            if v in d.text
        ]
        entities.append(
            Entity(id=f"E{n}", name=name, type="person", variants=tuple(variants), mentions=tuple(mentions))
        )
    alignment = Alignment(links=tuple(ClaimLink(a, b, s, s, 0.2) for a, b, s in links))
    return find_conflicts(docs, claims, (), alignment, provenance, times or {}, entities)


def test_claims_about_different_people_do_not_conflict() -> None:
    found = story(
        {"a": ["Omar left the capital by car."], "b": ["His brother Karim left the capital by helicopter."]},
        [("a:c1", "b:c1", 0.6)],
        people={"Omar": ["Omar"], "Karim": ["Karim"]},
    )
    assert found == ()


def test_claims_with_nothing_in_common_but_a_weak_link_are_not_compared() -> None:
    texts = {
        "a": ["The convoy left the border town by road."],
        "b": ["Aid workers flew in by plane.", "The convoy left the border town at dawn."],
    }
    # b:c1 is not a's best match in b and they share no fact and no entity: a different event.
    assert story(texts, [("a:c1", "b:c1", 0.45), ("a:c1", "b:c2", 0.8)]) == ()


def test_a_copy_repeating_its_source_value_is_reported_once() -> None:
    texts = {
        "a": ["The minister left by car."],
        "b": ["The minister left by plane."],
        "c": ["The minister left by plane, officials said."],
    }
    provenance = Provenance(
        edges=(Edge(source="b", target="c", kind="copy", score=0.9),), families=(("a",), ("b", "c"))
    )
    found = story(texts, [("a:c1", "b:c1", 0.8), ("a:c1", "c:c1", 0.7)], provenance=provenance)
    assert [(c.claims, c.values) for c in found] == [(("a:c1", "b:c1"), ("car", "plane"))]


def test_a_status_reported_for_different_days_is_the_story_moving_on() -> None:
    texts = {
        "a": ["Police detained the pilot on Monday."],
        "b": ["The pilot was released without charge on Wednesday."],
    }
    people = {"the pilot": ["pilot"]}
    assert story(texts, [("a:c1", "b:c1", 0.7)], people=people) == ()


def test_already_gone_by_midnight_contradicts_leaving_the_next_day() -> None:
    a, b = (
        "By midnight, the mayor was already on her way to the coast.",
        "The mayor left the city on Sunday, June 9.",
    )
    at_a, at_b = a.index("midnight"), b.index("Sunday, June 9")
    times = {
        "a": (TimeExpression("a", at_a, at_a + 8, "midnight", When("2024-06-09T00:00", None, "minute")),),
        "b": (TimeExpression("b", at_b, at_b + 14, "Sunday, June 9", When("2024-06-09", None, "day")),),
    }
    (conflict,) = story({"a": [a], "b": [b]}, [("a:c1", "b:c1", 0.6)], times=times)
    assert conflict.kind == "time" and conflict.values == ("already by 2024-06-09 00:00", "on 2024-06-09")
    # Without "already by", a time that night and the next day are no contradiction.
    later = a.replace("By midnight", "At midnight").replace("already ", "")
    assert story({"a": [later], "b": [b]}, [("a:c1", "b:c1", 0.6)], times=times) == ()


def _clause_conflicts(
    texts: dict[str, str], links: tuple[ClaimLink, ...]
) -> tuple[tuple[Claim, ...], tuple[Conflict, ...]]:
    """Real claim extraction (clauses included) of one sentence per report, then conflicts over ``links``."""
    from consilience.nlp.claims import extract_claims
    from consilience.nlp.parse import parse_document

    docs = tuple(Document(id=k, text=t) for k, t in texts.items())
    claims = tuple(c for d in docs for c in extract_claims(d, parse_document(d)))
    return claims, find_conflicts(docs, claims, (), Alignment(links=links), NO_PROVENANCE, {}, ())


def test_a_reason_in_a_clause_conflicts_through_the_linked_main_clauses() -> None:
    """Only the main clauses are aligned; the reasons sit in their participial clauses."""
    texts = {
        "a": "The airline cancelled every flight, fearing that the storm would reach the coast by noon.",
        "b": "The airline cancelled every flight, fearing a strike by the pilots' union.",
    }
    claims, (conflict,) = _clause_conflicts(texts, (ClaimLink("a:c1", "b:c1", 0.9, 0.9, 0.8),))
    assert len(claims) == 4
    assert conflict.kind == "reason"
    assert conflict.claims == ("a:c2", "b:c2")  # the clauses that state the two reasons
    assert "storm" in conflict.values[0] and "strike" in conflict.values[1]


def test_clauses_of_one_sentence_pair_give_one_conflict() -> None:
    texts = {
        "a": "The governor left the capital by car on Sunday, taking two aides with him.",
        "b": "The governor left the capital by plane on Sunday, taking two aides with him.",
    }
    links = (ClaimLink("a:c1", "b:c1", 0.9, 0.9, 0.8), ClaimLink("a:c2", "b:c2", 1.0, 1.0, 1.0))
    _, conflicts = _clause_conflicts(texts, links)
    assert [(c.kind, c.claims) for c in conflicts] == [("mode", ("a:c1", "b:c1"))]
