"""Quote integrity, embellishment flags and scorecards on a small invented story."""

from __future__ import annotations

from consilience.judge.embellishment import flag_claims
from consilience.judge.quotes import judge_quotes
from consilience.judge.scorecards import build_scorecards
from consilience.link.align_types import Alignment, ClaimLink
from consilience.model import Claim, Document, Edge, Fact, Provenance, Quote, Report

WIRE = Document(id="wire", text="x", outlet="Wire")
OTHER = Document(id="other", text="y", outlet="Daily")
REWRITE = Document(id="rewrite", text="z")
DOCS = (WIRE, OTHER, REWRITE)
PROVENANCE = Provenance(
    edges=(Edge(source="wire", target="rewrite", kind="rewrite", score=0.6),),
    families=(("wire", "rewrite"), ("other",)),
)


def quote(qid: str, doc: str, text: str) -> Quote:
    return Quote(id=qid, doc=doc, start=0, end=len(text), text=text)


def test_quote_statuses() -> None:
    quotes = [
        quote("q1", "wire", "We will rebuild the school before winter"),
        quote("q2", "other", "we will rebuild the school before winter."),
        quote("q3", "rewrite", "We will rebuild the school before next spring"),
        quote("q4", "rewrite", "The children deserve better than this"),
        quote("q5", "other", "Nobody asked the parents what they wanted"),
    ]
    status = {q.id: q.status for q in judge_quotes(quotes, DOCS, [], PROVENANCE)}
    assert status == {
        "q1": "corroborated",
        "q2": "corroborated",
        "q3": "altered",
        "q4": "fabricated",
        "q5": "single_source",
    }


def test_embellishment_only_in_the_derived_report_and_not_for_supported_detail() -> None:
    wire = Document(id="wire", text="The council closed the bridge on Monday after engineers found cracks.")
    other = Document(id="other", text="Engineers found cracks, and the council shut the bridge on Monday.")
    rewrite = Document(
        id="rewrite",
        text="The council closed the bridge on Monday after engineers found cracks. "
        "Thunder rolled over the silent valley as Colonel Varga wept.",
    )
    independent = Document(id="indep", text="A ferry service will start next week, the port said.")
    split = rewrite.text.index("Thunder")
    claims = [
        Claim(id="w1", doc="wire", start=0, end=len(wire.text), text=wire.text, fact="F1"),
        Claim(id="o1", doc="other", start=0, end=len(other.text), text=other.text, fact="F1"),
        Claim(id="r1", doc="rewrite", start=0, end=split - 1, text=rewrite.text[: split - 1], fact="F1"),
        Claim(id="r2", doc="rewrite", start=split, end=len(rewrite.text), text=rewrite.text[split:]),
        Claim(
            id="i1",
            doc="indep",
            start=0,
            end=len(independent.text),
            text=independent.text,
            attribution="the port",
        ),
    ]
    facts = [
        Fact(
            id="F1",
            claims=("w1", "o1", "r1"),
            docs=("other", "rewrite", "wire"),
            independent_sources=2,
            status="corroborated",
            summary="",
        )
    ]
    alignment = Alignment(
        links=(ClaimLink("o1", "w1", 0.8, 0.8, 0.5), ClaimLink("r1", "w1", 0.99, 0.99, 1.0))
    )
    provenance = Provenance(
        edges=(Edge(source="wire", target="rewrite", kind="rewrite", score=0.7),),
        families=(("rewrite", "wire"), ("other",), ("indep",)),
    )
    flags = {
        c.id: set(c.flags)
        for c in flag_claims((wire, other, rewrite, independent), claims, facts, alignment, provenance, [])
    }
    assert "embellishment" in flags["r2"]
    assert "embellishment" not in flags["r1"]
    assert flags["i1"] == {"single_source"}
    assert "unattributed" in flags["r2"] and "unattributed" not in flags["w1"]


def test_scorecards_count_per_report_and_per_outlet() -> None:
    claims = (
        Claim(id="a", doc="wire", start=0, end=1, text="x", fact="F1"),
        Claim(id="b", doc="rewrite", start=0, end=1, text="z", flags=("embellishment",)),
    )
    facts = (
        Fact(
            id="F1", claims=("a",), docs=("wire",), independent_sources=2, status="corroborated", summary=""
        ),
    )
    quotes = (Quote(id="q", doc="rewrite", start=0, end=1, text="z", status="fabricated"),)
    cards = {
        c.id: c for c in build_scorecards(Report(documents=DOCS, claims=claims, facts=facts, quotes=quotes))
    }
    assert (cards["wire"].claims, cards["wire"].corroborated) == (1, 1)
    assert (
        cards["rewrite"].embellishments,
        cards["rewrite"].fabricated_quotes,
        cards["rewrite"].single_source,
    ) == (1, 1, 1)
    assert cards["Wire"].kind == "outlet" and cards["Wire"].documents == ("wire",)
