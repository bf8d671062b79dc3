"""Typed conflicts between aligned claims of two reports."""

from __future__ import annotations

from consilience.judge.conflicts import find_conflicts
from consilience.link.align_types import Alignment, ClaimLink
from consilience.model import Claim, Conflict, Document, Edge, Provenance

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
    assert "Alpha" in conflict.explanation and "Beta" in conflict.explanation
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
