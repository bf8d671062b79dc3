"""The merged timeline: events cite their claims, merge across reports by fact, and mark time conflicts."""

from __future__ import annotations

from datetime import date

from time_helpers import parse, sentence_claims

from consilience.judge.timeline import build_timeline
from consilience.model import Claim, Conflict, Document, Fact, TimelineEntry
from consilience.nlp.times import normalise_times

TODAY = date(2026, 11, 23)


def _timeline(
    docs: list[Document],
    facts_by_text: dict[str, list[str]] | None = None,
    conflicts: tuple[Conflict, ...] = (),
) -> tuple[tuple[TimelineEntry, ...], list[Claim]]:
    times = normalise_times(docs, {d.id: parse(d) for d in docs}, today=TODAY)
    claims = [c for d in docs for c in sentence_claims(d)]
    facts = []
    for i, (_, fragments) in enumerate(sorted((facts_by_text or {}).items())):
        ids = tuple(c.id for c in claims if any(f in c.text for f in fragments))
        facts.append(
            Fact(f"F{i}", ids, tuple(sorted({c.doc for c in claims if c.id in ids})), 2, "corroborated", "")
        )
    return build_timeline(claims, times, facts, conflicts), claims


REPORT_A = Document(
    id="a",
    text="The ceasefire collapsed on Friday, May 2, 2025. Troops entered the port at 6am on May 4, 2025.",
)
REPORT_B = Document(
    id="b", text="Troops entered the port on May 4, 2025, witnesses said. The mayor fled in 2019."
)


def test_entries_are_chronological_with_stable_ids() -> None:
    timeline, _ = _timeline([REPORT_A, REPORT_B])
    starts = [e.when.start for e in timeline]
    assert starts == sorted(starts)
    assert [e.id for e in timeline] == [f"T{i:03d}" for i in range(1, len(timeline) + 1)]
    assert starts[0] == "2019"


def test_each_entry_cites_the_claim_containing_its_expression() -> None:
    timeline, claims = _timeline([REPORT_A, REPORT_B])
    by_id = {c.id: c for c in claims}
    collapse = next(e for e in timeline if e.when.start == "2025-05-02")
    (cid,) = collapse.claims
    assert "ceasefire collapsed" in by_id[cid].text
    assert "ceasefire collapsed" in collapse.text


def test_claims_of_one_fact_with_the_same_time_merge_across_reports() -> None:
    merged, _ = _timeline([REPORT_A, REPORT_B], {"port": ["Troops entered the port"]})
    apart, _ = _timeline([REPORT_A, REPORT_B])
    assert len(merged) == len(apart)  # the 6am and the day-only entries stay distinct times
    day_entries = [e for e in merged if e.when.start == "2025-05-04"]
    assert len(day_entries) == 1 and day_entries[0].claims == ("b:0",)
    # same fact, same day, identical When: one entry citing both reports
    c = Document(id="c", text="Troops entered the port on May 4, 2025, officials said.")
    merged3, _ = _timeline([REPORT_B, c], {"port": ["Troops entered the port"]})
    entry = next(e for e in merged3 if e.when.start == "2025-05-04")
    assert entry.claims == ("b:0", "c:0") and not entry.conflict


def test_reports_of_one_fact_giving_different_days_are_a_conflict() -> None:
    x = Document(id="x", text="The general left the capital on March 9, 2023.")
    y = Document(
        id="y", text="The general left the capital on March 11, 2023, aides said. He was born in 1961."
    )
    timeline, _ = _timeline([x, y], {"left": ["left the capital"]})
    days = [e for e in timeline if e.when.granularity == "day"]
    assert len(days) == 2 and all(e.conflict for e in days)
    assert not next(e for e in timeline if e.when.start == "1961").conflict


def test_compatible_precisions_are_not_a_conflict() -> None:
    x = Document(id="x", text="The general left the capital at 4am on March 9, 2023.")
    y = Document(id="y", text="The general left the capital on March 9, 2023, aides said.")
    timeline, _ = _timeline([x, y], {"left": ["left the capital"]})
    assert timeline and not any(e.conflict for e in timeline)


def test_typed_time_conflicts_mark_their_claims() -> None:
    x = Document(id="x", text="The vote took place on June 2, 2022.")
    y = Document(id="y", text="Officials counted ballots on June 2, 2022.")
    conflict = Conflict("C1", "time", ("x:0", "y:0"), ("June 2", "June 3"), "dates differ")
    timeline, _ = _timeline([x, y], conflicts=(conflict,))
    assert all(e.conflict for e in timeline)


def test_same_input_same_timeline() -> None:
    first, _ = _timeline([REPORT_A, REPORT_B], {"port": ["Troops entered the port"]})
    again, _ = _timeline([REPORT_A, REPORT_B], {"port": ["Troops entered the port"]})
    assert first == again


def test_long_claims_are_trimmed_to_the_clause_of_the_time() -> None:
    filler = "officials in several ministries, who asked not to be named, described a long series of meetings"
    text = f"According to {filler}, and the delegation finally left for the border on April 14, 2020, after {filler}."
    timeline, _ = _timeline([Document(id="z", text=text)])
    assert len(timeline) == 1
    assert "April 14, 2020" in timeline[0].text and len(timeline[0].text) < len(text)


def test_part_of_day_and_clock_time_on_the_same_day_agree() -> None:
    x = Document(id="x", text="The minister called him on the evening of May 9, 2021.")
    y = Document(id="y", text="The minister called him at 10.30pm on May 9, 2021, aides said.")
    timeline, _ = _timeline([x, y], {"call": ["minister called him"]})
    assert len(timeline) == 2 and not any(e.conflict for e in timeline)
