"""Facts from claim links: what a reader sees grouped, and what stays apart (hand-made links, no model)."""

from __future__ import annotations

from consilience.judge.corroboration import edge_pairs, group_claims, mutual_best
from consilience.link.align_types import Alignment, ClaimLink
from consilience.model import Claim, Edge, Provenance


def _claim(cid: str, text: str = "") -> Claim:
    doc = cid.split(":")[0]
    return Claim(id=cid, doc=doc, start=0, end=len(text or cid), text=text or cid)


def _link(a: str, b: str, score: float) -> ClaimLink:
    first, second = sorted((a, b))
    return ClaimLink(first, second, score, score, 0.0)


def _fact_of(groups: list[list[str]]) -> dict[str, int]:
    return {cid: n for n, group in enumerate(groups) for cid in group}


def test_strong_link_groups_two_reports() -> None:
    claims = [_claim("a:c1"), _claim("b:c1")]
    groups = group_claims(claims, Alignment(links=(_link("a:c1", "b:c1", 0.8),)))
    assert _fact_of(groups)["a:c1"] == _fact_of(groups)["b:c1"]


def test_a_fact_holds_one_claim_per_report() -> None:
    claims = [_claim("a:c1"), _claim("a:c2"), _claim("b:c1")]
    links = (_link("a:c1", "b:c1", 0.9), _link("a:c2", "b:c1", 0.8), _link("a:c1", "a:c2", 0.9))
    fact = _fact_of(group_claims(claims, Alignment(links=links)))
    assert fact["a:c1"] == fact["b:c1"]
    assert fact["a:c2"] != fact["b:c1"]


def test_weak_link_that_is_not_each_others_best_stays_apart() -> None:
    claims = [_claim("a:c1"), _claim("a:c2"), _claim("b:c1")]
    links = (_link("a:c1", "b:c1", 0.7), _link("a:c2", "b:c1", 0.45))
    alignment = Alignment(links=links)
    assert ("a:c2", "b:c1") not in mutual_best(claims, alignment)
    fact = _fact_of(group_claims(claims, alignment))
    assert fact["a:c2"] != fact["b:c1"]


def test_weak_mutual_best_link_groups_when_no_rival() -> None:
    claims = [_claim("a:c1"), _claim("b:c1")]
    alignment = Alignment(links=(_link("a:c1", "b:c1", 0.45),))
    assert group_claims(claims, alignment) == [["a:c1", "b:c1"]]


def test_copies_of_one_sentence_form_one_fact() -> None:
    claims = [_claim("a:c1", "Same words."), _claim("b:c1", "Same words."), _claim("c:c1", "Other words.")]
    alignment = Alignment(links=(_link("a:c1", "c:c1", 0.7),), duplicates=(("a:c1", "b:c1"),))
    fact = _fact_of(group_claims(claims, alignment))
    assert fact["a:c1"] == fact["b:c1"] == fact["c:c1"]


def test_rewrite_alignment_keeps_source_order() -> None:
    src = [_claim(f"s:c{n}") for n in (1, 2)]
    dst = [_claim(f"t:c{n}") for n in (1, 2)]
    # each target claim scores alike against both source claims: order decides
    links = tuple(_link(a.id, b.id, 0.45) for a in src for b in dst)
    provenance = Provenance(edges=(Edge(source="s", target="t", kind="rewrite", score=0.9),))
    pairs = edge_pairs([*src, *dst], Alignment(links=links), provenance)
    assert pairs == {("s:c1", "t:c1"), ("s:c2", "t:c2")}


def test_claims_about_different_people_are_not_one_fact() -> None:
    """The story's protagonist is in both; the people each claim is really about differ."""
    from consilience.judge.corroboration import specific_people
    from consilience.model import Entity, Mention

    texts = {
        "a:c1": "The president phoned the finance minister Lena Varga at night.",
        "b:c1": "The president phoned the army chief Omar Haddad at night.",
        "c:c1": "The president phoned Lena Varga late that night.",
    }
    claims = [_claim(cid, text) for cid, text in texts.items()]
    filler = [_claim(f"a:c{n}", f"The president spoke on day {n}.") for n in range(2, 12)]
    everyone = claims + filler

    def mentions(name: str) -> tuple[Mention, ...]:
        return tuple(
            Mention(c.doc, c.text.index(name), c.text.index(name) + len(name))
            for c in everyone
            if name in c.text
        )

    entities = [
        Entity("E1", "The president", "person", ("The president",), mentions("The president")),
        Entity("E2", "Lena Varga", "person", ("Lena Varga",), mentions("Lena Varga")),
        Entity("E3", "Omar Haddad", "person", ("Omar Haddad",), mentions("Omar Haddad")),
    ]
    people = specific_people(everyone, entities)
    assert people["a:c1"] == {"E2"} and people["b:c1"] == {"E3"}  # the protagonist is left out
    links = (_link("a:c1", "b:c1", 0.9), _link("b:c1", "c:c1", 0.85), _link("a:c1", "c:c1", 0.8))
    fact = _fact_of(group_claims(everyone, Alignment(links=links), people=people))
    assert fact["a:c1"] == fact["c:c1"]
    assert fact["b:c1"] != fact["a:c1"]


def test_naming_the_same_person_in_other_spellings_lets_a_weaker_link_count() -> None:
    """Two reports spell one fisherman differently; the roster knows he is one person."""
    from consilience.judge.corroboration import build_facts
    from consilience.model import Document, Entity, Mention

    texts = {"a": "Yusuf Hamed pulled six people from the water.", "b": "Youssef Hamed rescued six."}
    docs = tuple(Document(id=k, text=t) for k, t in texts.items())
    claims = tuple(Claim(id=f"{k}:c1", doc=k, start=0, end=len(t), text=t) for k, t in texts.items())
    fisherman = Entity(
        "E1",
        "Yusuf Hamed",
        "person",
        ("Yusuf Hamed", "Youssef Hamed"),
        (Mention("a", 0, 11), Mention("b", 0, 13)),
    )
    # just under the bar for a link that is each other's best
    alignment = Alignment(links=(_link("a:c1", "b:c1", 0.36),))
    separate = Provenance(families=(("a",), ("b",)))
    _, apart = build_facts(docs, claims, alignment, separate)
    _, together = build_facts(docs, claims, alignment, separate, (fisherman,))
    assert len(apart) == 2
    assert len(together) == 1 and together[0].independent_sources == 2


def test_joining_independent_sources_needs_closer_claims_than_joining_a_rewrite() -> None:
    """b:c1 is linked to a:c1 but not to a:c1's partner c:c1: it joins them only when c is b's own source."""
    claims = [_claim("a:c1"), _claim("c:c1"), _claim("b:c1")]
    links = (_link("a:c1", "c:c1", 0.9), _link("a:c1", "b:c1", 0.45))  # b:c1 - c:c1 missing: 0.3
    independent = {"a:c1": "A", "c:c1": "C", "b:c1": "B"}
    shared = {"a:c1": "A", "c:c1": "C", "b:c1": "C"}
    apart = _fact_of(group_claims(claims, Alignment(links=links), source_of=independent))
    together = _fact_of(group_claims(claims, Alignment(links=links), source_of=shared))
    assert apart["b:c1"] != apart["a:c1"]  # mean closeness (0.45 + 0.3) / 2 is too little to corroborate
    assert together["b:c1"] == together["a:c1"]


def _restated(across: float) -> dict[str, int]:
    """Reports a and b each say one thing twice (c1 in the lede, c5 in the body); c says it once."""
    claims = [_claim(c) for c in ("a:c1", "a:c5", "b:c1", "b:c5", "c:c1")]
    links = (
        _link("a:c1", "b:c1", 0.8),
        _link("a:c5", "b:c5", 0.8),
        _link("a:c5", "c:c1", 0.7),
        _link("a:c1", "b:c5", across),
        _link("a:c5", "b:c1", across),
        _link("a:c1", "c:c1", across),
        _link("b:c1", "c:c1", across),
        _link("b:c5", "c:c1", 0.7),
    )
    return _fact_of(group_claims(claims, Alignment(links=links)))


def test_a_thing_said_twice_by_the_same_reports_is_one_fact() -> None:
    fact = _restated(0.5)
    assert fact["a:c1"] == fact["a:c5"] == fact["b:c1"] == fact["b:c5"] == fact["c:c1"]


def test_two_things_the_same_reports_say_stay_two_facts() -> None:
    fact = _restated(0.35)  # weakly alike across: the reports said two different things
    assert fact["a:c1"] == fact["b:c1"]
    assert fact["a:c5"] == fact["b:c5"] == fact["c:c1"]
    assert fact["a:c1"] != fact["a:c5"]


def test_a_fact_summary_from_a_clause_reads_as_a_part() -> None:
    from consilience.judge.corroboration import build_facts
    from consilience.model import Document

    texts = {"a": "killing at least nine people,", "b": "The storm hit the coast at dawn."}
    docs = tuple(Document(id=k, text=t) for k, t in texts.items())
    claims = tuple(Claim(id=f"{k}:c1", doc=k, start=0, end=len(t), text=t) for k, t in texts.items())
    _, facts = build_facts(docs, claims, Alignment(), Provenance(families=(("a",), ("b",))))
    summaries = {f.claims[0]: f.summary for f in facts}
    assert summaries["a:c1"] == "…killing at least nine people…"
    assert summaries["b:c1"] == "The storm hit the coast at dawn."
