"""Time normalisation on small hand-written reports: each kind of expression, year inference, anchoring."""

from __future__ import annotations

from datetime import date

from time_helpers import parse

from consilience.model import Document, Removed, TimeExpression
from consilience.nlp.times import normalise_times

TODAY = date(2026, 11, 23)


def _times(*docs: Document, today: date = TODAY) -> dict[str, tuple[TimeExpression, ...]]:
    return normalise_times(list(docs), {d.id: parse(d) for d in docs}, today=today)


def _one(text: str, published: str | None = None) -> tuple[TimeExpression, ...]:
    doc = Document(id="d", text=text, published=published)
    return _times(doc)["d"]


def _find(times: tuple[TimeExpression, ...], fragment: str) -> TimeExpression:
    hits = [t for t in times if fragment in t.text]
    assert hits, f"no expression containing {fragment!r} in {[t.text for t in times]}"
    return hits[0]


def test_full_and_abbreviated_dates_with_explicit_year() -> None:
    times = _one("The treaty was signed on Nov. 28, 1998 and ratified on 3 March 1999.")
    assert _find(times, "Nov. 28").when.start == "1998-11-28"
    assert _find(times, "Nov. 28").when.granularity == "day"
    assert _find(times, "3 March").when.start == "1999-03-03"
    assert _find(times, "Nov. 28").evidence == "explicit year"


def test_offsets_point_at_the_expression() -> None:
    text = "Talks resumed on Dec. 2, 2019 in the capital."
    t = _find(_one(text), "Dec. 2")
    assert text[t.start : t.end] == t.text == "Dec. 2, 2019"


def test_times_of_day_join_their_date() -> None:
    times = _one(
        "The minister called at 10.30pm on March 3, 2021. Guards left at around 11pm on March 3, 2021. "
        "The convoy waited until 4am on March 4, 2021."
    )
    call = _find(times, "10.30pm")
    assert call.when.start == "2021-03-03T22:30" and call.when.granularity == "minute"
    assert _find(times, "11pm").when.start == "2021-03-03T23:00"
    assert _find(times, "11pm").when.granularity == "hour"
    assert _find(times, "4am").when.start == "2021-03-04T04:00"


def test_midnight_and_dawn_after_an_evening_fall_on_the_next_day() -> None:
    times = _one(
        "Guards left at 11pm on March 3, 2021. By midnight the palace was empty. Calls at dawn went unanswered."
    )
    assert _find(times, "midnight").when.start == "2021-03-04T00:00"
    dawn = _find(times, "dawn")
    assert dawn.when.start.startswith("2021-03-04") and dawn.when.granularity == "part_of_day"


def test_year_alone_and_part_of_month() -> None:
    times = _one("Despite the intervention in 2015, talks stalled in late November 2016.")
    assert _find(times, "2015").when == _find(times, "2015").when.__class__("2015", None, "year")
    late = _find(times, "late November")
    assert late.when.start == "2016-11-21" and late.when.end == "2016-11-30"


def test_weekday_with_date_fixes_the_year() -> None:
    t = _find(_one("The council met on Tuesday, March 4, to vote."), "March 4")
    # 2025 is the most recent year, not after today, in which March 4 is a Tuesday
    assert t.when.start == "2025-03-04"
    assert "weekday+date" in t.evidence


def test_weekday_year_follows_today_not_a_constant() -> None:
    t = _times(Document(id="d", text="It rained on Tuesday, March 4."), today=date(2020, 1, 1))["d"]
    assert t[0].when.start == "2014-03-04"


def test_years_propagate_across_the_story() -> None:
    a = Document(id="a", text="On Tuesday, March 4, the council voted to dissolve.")
    b = Document(id="b", text="The vote on March 4 followed a protest on March 1.")
    times = _times(a, b)
    vote = _find(times["b"], "March 4")
    assert vote.when.start == "2025-03-04"
    assert vote.evidence == "story dates"
    assert _find(times["b"], "March 1").when.start == "2025-03-01"


def test_publication_date_fixes_the_year_looking_back_or_ahead() -> None:
    times = _one(
        "The deal was signed on Dec. 20. The parties will meet again on Jan. 15.",
        published="2019-01-10T08:00:00Z",
    )
    signed = _find(times, "Dec. 20")
    assert signed.when.start == "2018-12-20" and signed.evidence == "publication date"
    assert _find(times, "Jan. 15").when.start == "2019-01-15"


def test_bare_weekday_resolves_near_the_dated_events_of_the_report() -> None:
    times = _one("He told his driver on Saturday that he was going home. He left by plane on Sunday, June 8.")
    assert _find(times, "Sunday, June 8").when.start == "2025-06-08"
    assert _find(times, "Saturday").when.start == "2025-06-07"
    afternoon = _one("The rebels arrived on Sunday, June 8. His brother fled on Saturday afternoon.")
    sat = _find(afternoon, "Saturday afternoon")
    assert sat.when.start == "2025-06-07T12:00" and sat.when.granularity == "part_of_day"


def test_bare_weekday_with_publication_date_uses_tense() -> None:
    pub = "2021-05-14"  # a Friday
    assert _find(_one("The minister resigned on Tuesday.", pub), "Tuesday").when.start == "2021-05-11"
    assert _find(_one("Parliament will vote on Tuesday.", pub), "Tuesday").when.start == "2021-05-18"


def test_ranges_of_days_and_nights() -> None:
    times = _one("The deal was not final until the night of June 7-8, 2023. Strikes hit on 9-10 June 2023.")
    night = _find(times, "night of June 7-8")
    assert night.when.start == "2023-06-07T21:00" and night.when.end == "2023-06-08T05:59"
    days = _find(times, "9-10 June")
    assert (days.when.start, days.when.end, days.when.granularity) == ("2023-06-09", "2023-06-10", "day")


def test_relative_expressions_anchor_to_the_discourse() -> None:
    times = _one(
        "The election was held on May 3, 2022. Two days later the results were annulled. "
        "The next morning protesters gathered."
    )
    assert _find(times, "Two days later").when.start == "2022-05-05"
    morning = _find(times, "The next morning")
    assert morning.when.start.startswith("2022-05-06") and morning.when.granularity == "part_of_day"


def test_relative_expression_without_an_anchor_is_left_out() -> None:
    times = _one("The army retreated. Nobody knew why. Nobody asked. Four days later the city fell.")
    assert not any("Four days later" in t.text for t in times)


def test_deictic_expressions_need_the_publication_date() -> None:
    text = "He spoke to reporters last week and resigned earlier this month."
    assert _one(text) == ()
    times = _one(text, published="2024-03-20")
    week = _find(times, "last week")
    assert (week.when.start, week.when.end, week.when.granularity) == ("2024-03-11", "2024-03-17", "week")
    assert _find(times, "earlier this month").when.start == "2024-03"


def test_removed_spans_are_skipped() -> None:
    text = (
        "The summit opened on May 5, 2021.\nRelated: Markets rally on June 1, 2021\nIt closed two days later."
    )
    start = text.index("Related")
    doc = Document(id="d", text=text, removed=(Removed(start, text.index("\n", start), "related headline"),))
    times = _times(doc)["d"]
    assert [t.text for t in times] == ["May 5, 2021", "two days later"]
    assert times[1].when.start == "2021-05-07"


def test_words_that_only_look_like_dates_are_not_times() -> None:
    text = "Prices fall when demand drops. May I add that Jan Novak saw the fall of the city? They march on."
    assert _one(text) == ()


def test_same_input_same_output() -> None:
    docs = [
        Document(id="a", text="On Friday, November 29, the city fell. On Saturday they fled at 9pm."),
        Document(id="b", text="By November 30 the army had gone. Two days later the capital fell."),
    ]
    first = _times(*docs)
    assert first == _times(*docs)
    assert first == _times(*reversed(docs))
