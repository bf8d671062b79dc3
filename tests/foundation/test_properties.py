"""Property-based tests (hypothesis): the JSON round trip is stable, and any text yields claims cited to true
offsets in a report that follows the schema. A hash embedder stands in for the model to keep this fast.
"""

from __future__ import annotations

import json
from typing import Literal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

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
from consilience.pipeline import analyze_documents
from consilience.render.json import report_dict, to_json
from consilience.schema import validate_report

from .helpers import HashEmbedder

# JSON cannot carry lone surrogates; no reader produces them (decoding never yields one).
NO_SURROGATES: list[Literal["Cs"]] = ["Cs"]
TEXT = st.text(st.characters(exclude_categories=NO_SURROGATES), max_size=40)
NAME = st.text(st.characters(exclude_categories=NO_SURROGATES), min_size=1, max_size=12)
OPT = st.none() | TEXT
OFFSET = st.integers(min_value=0, max_value=10_000)
SCORE = st.floats(min_value=0, max_value=1, allow_nan=False)
IDS = st.lists(NAME, max_size=3).map(tuple)

SPANS = st.builds(Span, doc=NAME, start=OFFSET, end=OFFSET)
REPORTS = st.builds(
    Report,
    documents=st.lists(
        st.builds(
            Document,
            id=NAME,
            text=TEXT,
            title=OPT,
            outlet=OPT,
            cites=IDS,
            published=OPT,
            url=OPT,
            removed=st.lists(st.builds(Removed, start=OFFSET, end=OFFSET, reason=NAME), max_size=2).map(
                tuple
            ),
        ),
        max_size=2,
    ).map(tuple),
    claims=st.lists(
        st.builds(
            Claim,
            id=NAME,
            doc=NAME,
            start=OFFSET,
            end=OFFSET,
            text=TEXT,
            attribution=OPT,
            hedged=st.booleans(),
            flags=IDS,
            fact=st.none() | NAME,
            cited_outlet=OPT,
        ),
        max_size=3,
    ).map(tuple),
    facts=st.lists(
        st.builds(
            Fact,
            id=NAME,
            claims=IDS,
            docs=IDS,
            independent_sources=st.integers(0, 9),
            status=NAME,
            summary=TEXT,
        ),
        max_size=2,
    ).map(tuple),
    conflicts=st.lists(
        st.builds(
            Conflict,
            id=NAME,
            kind=NAME,
            claims=st.tuples(NAME, NAME),
            values=st.tuples(TEXT, TEXT),
            explanation=TEXT,
            introduced_by=st.none() | NAME,
        ),
        max_size=2,
    ).map(tuple),
    quotes=st.lists(
        st.builds(
            Quote,
            id=NAME,
            doc=NAME,
            start=OFFSET,
            end=OFFSET,
            text=TEXT,
            speaker=OPT,
            status=NAME,
            matches=IDS,
        ),
        max_size=2,
    ).map(tuple),
    entities=st.lists(
        st.builds(
            Entity,
            id=NAME,
            name=NAME,
            type=NAME,
            variants=IDS,
            mentions=st.lists(st.builds(Mention, doc=NAME, start=OFFSET, end=OFFSET), max_size=2).map(tuple),
        ),
        max_size=2,
    ).map(tuple),
    timeline=st.lists(
        st.builds(
            TimelineEntry,
            id=NAME,
            when=st.builds(When, start=NAME, end=st.none() | NAME, granularity=NAME),
            claims=IDS,
            text=TEXT,
            conflict=st.booleans(),
        ),
        max_size=2,
    ).map(tuple),
    provenance=st.builds(
        Provenance,
        edges=st.lists(
            st.builds(
                Edge,
                source=NAME,
                target=NAME,
                kind=NAME,
                score=SCORE,
                evidence=st.lists(st.tuples(SPANS, SPANS), max_size=2).map(tuple),
                directed=st.booleans(),
            ),
            max_size=2,
        ).map(tuple),
        families=st.lists(IDS, max_size=2).map(tuple),
    ),
    sources=st.lists(
        st.builds(
            SourceCard,
            id=NAME,
            kind=NAME,
            documents=IDS,
            claims=st.integers(0, 99),
            corroborated=st.integers(0, 99),
            single_source=st.integers(0, 99),
            mutations=st.integers(0, 99),
            embellishments=st.integers(0, 99),
            fabricated_quotes=st.integers(0, 99),
            altered_quotes=st.integers(0, 99),
        ),
        max_size=2,
    ).map(tuple),
    problems=st.lists(TEXT, max_size=2).map(tuple),
)


@settings(max_examples=60, deadline=None)
@given(REPORTS)
def test_json_round_trip_is_stable(report: Report) -> None:
    data = to_json(report)
    assert json.loads(data) == report_dict(report)
    assert to_json(report) == data


WORDS = st.sampled_from(
    [
        "The", "minister", "said", "Officials", "reportedly", "fled", "on", "Monday", "7", "December", "2024",
        "at", "3am", "according", "to", "Reuters", "“quoted words”", "Kyiv", "Київ", "São", "Paulo", "北京",
        "市", "مرحبا", "🚢", "👍🏽", "e\u0301", "ﬁ", "—", "(", ")", ",", ".", ";", ":", "?", "!", "...",
    ]
)  # fmt: skip
SEPARATORS = st.sampled_from(
    [" ", " ", "\n", "\r\n", "\t", "\n\n", " \t\n", "\u00a0", "\u2028", "\r", "\x0c", "\x85"]
)
NOISE = st.text(st.characters(exclude_categories=NO_SURROGATES), min_size=1, max_size=4)
SENTENCE = st.tuples(
    st.lists(st.one_of(WORDS, WORDS, WORDS, NOISE), min_size=1, max_size=16).map(" ".join),
    st.sampled_from([".", ".", "!", "?", "…", ".”", ";", ""]),
).map("".join)
REPORT_TEXT = (
    st.lists(st.tuples(SENTENCE, SEPARATORS).map("".join), min_size=1, max_size=12)
    .map("".join)
    .filter(lambda t: bool(t.strip()))
)


@st.composite
def _stories(draw: st.DrawFn) -> list[str]:
    """One to three reports; often one copies another (identical sentences embed identically) and adds to it."""
    first, second = draw(REPORT_TEXT), draw(REPORT_TEXT)
    shape = draw(st.sampled_from(["one", "two", "copy", "copy-and-other"]))
    return {
        "one": [first],
        "two": [first, second],
        "copy": [first, first + "\n" + second],
        "copy-and-other": [first, second, second + "\r\n" + first],
    }[shape]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_stories())
def test_any_text_gives_claims_cited_to_their_exact_characters(texts: list[str]) -> None:
    documents = [Document(id=f"doc{n}", text=text) for n, text in enumerate(texts)]
    report = analyze_documents(documents, embedder=HashEmbedder())
    by_id = {d.id: d for d in report.documents}
    assert [d.text for d in report.documents] == texts  # never altered
    for claim in report.claims:
        text = by_id[claim.doc].text
        assert 0 <= claim.start < claim.end <= len(text)
        assert text[claim.start : claim.end] == claim.text
    for quote in report.quotes:
        assert by_id[quote.doc].text[quote.start : quote.end] == quote.text
    validate_report(json.loads(to_json(report)))
