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
