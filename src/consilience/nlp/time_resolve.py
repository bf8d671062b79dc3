"""Resolve found time expressions to ISO values, inferring missing years across a whole story.

Order of evidence for a date without a year (first that applies wins, and is reported):
explicit year > weekday+date (the year in which that date falls on that weekday, chosen to agree with
the other dates of the story and not after the publication date/today) > a neighbouring dated
expression (within two sentences) > the publication date > the document's own firm dates > the
story's firm dates (every report of one story shares them) > the most recent past year.
Relative expressions are anchored the TimeML way: deictic ones ("yesterday", "last week") to the
publication date, anaphoric ones ("two days later") to the last date mentioned nearby; bare weekdays
to a nearby date, else the publication date, else the document's or story's dates.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from consilience.model import When
from consilience.nlp.time_extract import TimexMatch, find_timexes
from consilience.nlp.time_lexicon import PARTS_OF_DAY

_NEARBY_SENTENCES = 2  # how far back a date still anchors an undated or relative expression
_WEEKDAY_WINDOW_YEARS = 40  # years searched back for a weekday+date match
_CLUSTER_DAYS = 183  # firm dates closer than this count as one story period
_MORNING_PARTS = ("dawn", "daybreak", "sunrise", "morning", "early hours")
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|'ll|is\s+to|are\s+to|scheduled|plans?\s+to|planned|expected\s+to|due\s+to|set\s+to"
    r"|upcoming|going\s+to)\b",
    re.I,
)
_PAST_VERB = re.compile(
    r"\b(?:said|told|was|were|had|did|came|went|met|began|took|left|made|gave|\w+ed)\b", re.I
)


@dataclass(frozen=True)
class DocumentInput:
    """One report as the resolver needs it: text, publication date, sentence spans and spans to skip."""

    doc: str
    text: str
    published: date | None = None
    sentences: tuple[tuple[int, int], ...] = ()
    skip: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class ResolvedTimex:
    """A found expression with its TimeML-style value, ISO `When` (None when vague) and the evidence used."""

    doc: str
    start: int
    end: int
    text: str
    value: str
    when: When | None
    evidence: str
    timex_type: str  # DATE or TIME


@dataclass
class _Focus:
    """Dated points of one document in text order: the discourse anchors for relative expressions."""

    points: list[tuple[int, date, int | None]] = field(default_factory=list)  # (position, day, hour)

    def add(self, pos: int, day: date, hour: int | None) -> None:
        bisect.insort(self.points, (pos, day, hour))

    def before(self, pos: int) -> tuple[int, date, int | None] | None:
        i = bisect.bisect_left(self.points, (pos, date.min, None)) if self.points else 0
        return self.points[i - 1] if i > 0 else None

    def nearest(self, pos: int) -> tuple[int, date, int | None] | None:
        if not self.points:
            return None
        return min(self.points, key=lambda p: (abs(p[0] - pos), p[0]))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _closest_year(month: int, day: int, anchors: Sequence[date]) -> int:
    """The year that puts month/day closest to one of the anchors."""
    best: tuple[int, int] | None = None
    years = sorted({a.year for a in anchors})
    for y in range(years[0] - 1, years[-1] + 2):
        d = _safe_date(y, month, day)
        if d is None:
            continue
        dist = min(abs((d - a).days) for a in anchors)
        if best is None or (dist, -y) < (best[0], -best[1]):
            best = (dist, y)
    return best[1] if best else years[-1]


def _publication_distance(delta_days: int, future: bool) -> int:
    """How unlikely a date `delta_days` from publication is: "will join in April" looks ahead, else back."""
    if future:
        return delta_days if delta_days >= -7 else 10_000 - delta_days
    return 2 * delta_days if delta_days > 0 else -delta_days


def _year_near_publication(month: int, day: int, pub: date, future: bool = False) -> int:
    """The year placing month/day nearest the publication date; news looks back more than ahead."""
    best: tuple[int, int] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        d = _safe_date(y, month, day)
        if d is None:
            continue
        delta = (d - pub).days
        cost = _publication_distance(delta, future)
        if best is None or cost < best[0]:
            best = (cost, y)
    return best[1] if best else pub.year


def _weekday_candidates(month: int, day: int, weekday: int, latest: date) -> list[date]:
    out = []
    for y in range(latest.year, latest.year - _WEEKDAY_WINDOW_YEARS, -1):
        d = _safe_date(y, month, day)
        if d is not None and d <= latest and d.weekday() == weekday:
            out.append(d)
    return out


def _nearest_weekday(ref: date, weekday: int) -> date:
    delta = (weekday - ref.weekday()) % 7
    return ref + timedelta(days=delta if delta <= 3 else delta - 7)


def _shift_month(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _month_end(y: int, m: int) -> int:
    ny, nm = _shift_month(y, m, 1)
    return (date(ny, nm, 1) - timedelta(days=1)).day


def _iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _day_when(d: date, tm: TimexMatch, end_day: date | None = None) -> tuple[str, When, str]:
    """TimeML value, When and TIMEX type of a day with the match's time of day or part of day."""
    iso = d.isoformat()
    if tm.midnight:
        nd = d + timedelta(days=1)
        return f"{iso}T24:00", When(f"{nd.isoformat()}T00:00", None, "minute"), "TIME"
    if tm.hour is not None:
        minute = tm.minute if tm.minute is not None else 0
        stamp = f"{tm.hour:02d}:{minute:02d}"
        gran = "minute" if tm.minute is not None else "hour"
        return f"{iso}T{stamp}", When(f"{iso}T{stamp}", None, gran), "TIME"
    if tm.part is not None:
        code, start, end, next_day = PARTS_OF_DAY[tm.part]
        # a night ends the next morning, unless the range already names that day ("the night of 7-8")
        last = end_day if end_day is not None else d + timedelta(days=1) if next_day else d
        return f"{iso}T{code}", When(f"{iso}T{start}", f"{last.isoformat()}T{end}", "part_of_day"), "TIME"
    if end_day is not None:
        return iso, When(iso, end_day.isoformat(), "day"), "DATE"
    return iso, When(iso, None, "day"), "DATE"


def _month_when(y: int, m: int, mod: str | None) -> tuple[str, When]:
    value = f"{y:04d}-{m:02d}"
    last = _month_end(y, m)
    bounds = {"early": (1, 10), "start": (1, 10), "mid": (11, 20), "late": (21, last), "end": (21, last)}
    if mod in bounds:
        a, b = bounds[mod]
        return value, When(f"{value}-{a:02d}", f"{value}-{b:02d}", "month")
    return value, When(value, None, "month")


def _week_when(d: date) -> tuple[str, When]:
    monday = d - timedelta(days=d.weekday())
    return _iso_week(d), When(monday.isoformat(), (monday + timedelta(days=6)).isoformat(), "week")


class _DocState:
    """One document being resolved: its dated points in text order and what was emitted so far."""

    def __init__(self, doc: DocumentInput) -> None:
        self.doc = doc
        self.sent_starts = [s for s, _ in doc.sentences] or _fallback_sentences(doc.text)
        self.focus = _Focus()
        self.results: dict[int, ResolvedTimex] = {}
        self.years_seen: list[tuple[int, date]] = []  # explicit-year dates, for their neighbours
        self.quarters: list[tuple[int, int, int]] = []  # (position, year, quarter) of quarters named

    def sentence_of(self, pos: int) -> int:
        return bisect.bisect_right(self.sent_starts, pos)

    def nearby(self, pos: int, max_sentences: int = _NEARBY_SENTENCES) -> tuple[int, date, int | None] | None:
        """The last dated point before `pos`, if it is at most `max_sentences` sentences back."""
        prev = self.focus.before(pos)
        if prev is None or self.sentence_of(pos) - self.sentence_of(prev[0]) > max_sentences:
            return None
        return prev

    def recent_quarter(self, pos: int) -> tuple[int, int] | None:
        """The quarter named last before `pos` within the nearby sentences: "a year earlier" then means it, a year back."""
        prev = [q for q in self.quarters if q[0] < pos]
        if not prev or self.sentence_of(pos) - self.sentence_of(prev[-1][0]) > _NEARBY_SENTENCES:
            return None
        return prev[-1][1], prev[-1][2]

    def emit(self, tm: TimexMatch, value: str, when: When | None, evidence: str, ttype: str = "DATE") -> None:
        text = self.doc.text[tm.start : tm.end]
        self.results[tm.start] = ResolvedTimex(
            self.doc.doc, tm.start, tm.end, text, value, when, evidence, ttype
        )

    def emit_day(self, tm: TimexMatch, d: date, evidence: str, end_day: date | None = None) -> None:
        value, when, ttype = _day_when(d, tm, end_day)
        self.emit(tm, value, when, evidence, ttype)
        # midnight closes the day: what follows it happens on the next one
        self.focus.add(tm.start, d + timedelta(days=1) if tm.midnight else d, tm.hour)


class _StoryResolver:
    """Resolves every expression of every document of one story; holds the story's firm dates."""

    def __init__(self, docs: Sequence[DocumentInput], today: date) -> None:
        self.docs = docs
        self.today = today
        self.matches = {d.doc: find_timexes(d.text, d.skip) for d in docs}
        self.firm: dict[str, list[date]] = {d.doc: [] for d in docs}  # explicit or weekday-fixed dates
        self.weekday_fixed: dict[tuple[str, int], tuple[date, str]] = {}
        self._fix_story_dates()

    def _fix_story_dates(self) -> None:
        """Years of weekday+date pairs: the candidate year that most other firm dates of the story agree with."""
        anchors: list[date] = []
        for d in self.docs:
            if d.published:
                anchors.append(d.published)
            for tm in self.matches[d.doc]:
                if tm.kind == "date" and tm.year is not None and tm.month and tm.day:
                    day = _safe_date(tm.year, tm.month, tm.day)
                    if day:
                        anchors.append(day)
                        self.firm[d.doc].append(day)
        pairs: list[tuple[DocumentInput, TimexMatch, list[date]]] = []
        for d in self.docs:
            latest = d.published + timedelta(days=60) if d.published else self.today
            for tm in self.matches[d.doc]:
                if tm.kind == "date" and tm.year is None and tm.weekday is not None and tm.month and tm.day:
                    cands = _weekday_candidates(tm.month, tm.day, tm.weekday, latest)
                    if cands:
                        pairs.append((d, tm, cands))

        # How many anchors, and how many other weekday+date expressions, lie near each day: counted
        # once over all expressions (linear), not per pair of expressions.
        near = range(-_CLUSTER_DAYS, _CLUSTER_DAYS + 1)
        anchor_cover: Counter[date] = Counter(a + timedelta(days=k) for a in anchors for k in near)
        covers = [{o + timedelta(days=k) for o in other for k in near} for _, _, other in pairs]
        pair_cover: Counter[date] = Counter(day for days in covers for day in days)

        def support(i: int, c: date) -> int:
            score = anchor_cover[c] + pair_cover[c] - (1 if c in covers[i] else 0)
            own_pub = pairs[i][0].published
            if own_pub is not None and abs((c - own_pub).days) <= _CLUSTER_DAYS:
                score += 2
            return score

        for i, (d, tm, cands) in enumerate(pairs):
            best = max(cands, key=lambda c: (support(i, c), c))  # most support, then the most recent
            evidence = "weekday+date, agreeing with story dates" if support(i, best) else "weekday+date"
            self.weekday_fixed[(d.doc, tm.start)] = (best, evidence)
            self.firm[d.doc].append(best)

    def story_firm(self) -> list[date]:
        """Firm dates of every report of the story, and their publication dates."""
        out = [d for dates in self.firm.values() for d in dates]
        out += [d.published for d in self.docs if d.published]
        return sorted(out)

    def resolve(self) -> dict[str, list[ResolvedTimex]]:
        return {d.doc: self._resolve_doc(d) for d in self.docs}

    def _resolve_doc(self, doc: DocumentInput) -> list[ResolvedTimex]:
        st = _DocState(doc)
        matches = self.matches[doc.doc]
        # pass 1: calendar dates, in text order (an explicit year may fix its neighbours' years)
        for tm in matches:
            if tm.kind == "date":
                self._date(st, tm)
            elif tm.kind == "month":
                self._month(st, tm)
            elif tm.kind in ("year", "decade", "quarter", "half", "season"):
                self._period(st, tm)
            elif tm.kind == "ref" and tm.ref:
                st.emit(tm, tm.ref, None, "vague reference")
        # pass 2: expressions anchored in the discourse, in text order
        for tm in matches:
            if tm.kind == "weekday":
                self._weekday(st, tm)
            elif tm.kind == "time":
                self._time(st, tm)
            elif tm.kind == "deictic" and doc.published is not None:
                self._deictic(st, doc.published, tm)
            elif tm.kind == "anaphoric":
                self._anaphoric(st, tm)
        return [st.results[k] for k in sorted(st.results)]

    # --- calendar dates -------------------------------------------------------------------------

    def _date(self, st: _DocState, tm: TimexMatch) -> None:
        assert tm.month is not None and tm.day is not None
        m, dd = tm.month, tm.day
        d: date | None
        if tm.year is not None:
            d = _safe_date(tm.year, m, dd)
            evidence = "explicit year"
            if d is not None and tm.weekday is not None and d.weekday() != tm.weekday:
                evidence = "explicit year (weekday does not match)"
        elif (st.doc.doc, tm.start) in self.weekday_fixed:
            d, evidence = self.weekday_fixed[(st.doc.doc, tm.start)]
        else:
            y, evidence = self._infer_year(st, m, dd, tm.start)
            d = _safe_date(y, m, dd)
        if d is None:
            return
        end_day = _safe_date(d.year, d.month, tm.day_end) if tm.day_end else None
        st.emit_day(tm, d, evidence, end_day)
        if tm.year is not None:
            st.years_seen.append((tm.start, d))

    def _infer_year(self, st: _DocState, month: int, day: int, pos: int) -> tuple[int, str]:
        doc = st.doc
        # with a publication date, only an explicit date in the same sentence overrides it
        reach = 0 if doc.published is not None else _NEARBY_SENTENCES
        near = [d for p, d in st.years_seen if p < pos and st.sentence_of(pos) - st.sentence_of(p) <= reach]
        if near:
            return _closest_year(month, day, [near[-1]]), "neighbouring date"
        if doc.published is not None:
            future = _looks_future(doc.text, pos)
            return _year_near_publication(month, day, doc.published, future), "publication date"
        if self.firm[doc.doc]:
            return _closest_year(month, day, self.firm[doc.doc]), "document dates"
        story = self.story_firm()
        if story:
            return _closest_year(month, day, story), "story dates"
        y = self.today.year
        if (_safe_date(y, month, day) or self.today) > self.today:
            y -= 1
        return y, "no year evidence: most recent past year assumed"

    def _month(self, st: _DocState, tm: TimexMatch) -> None:
        assert tm.month is not None
        m, pub = tm.month, st.doc.published
        if tm.year is not None:
            y, evidence = tm.year, "explicit year"
            st.years_seen.append((tm.start, date(tm.year, m, 15)))
        elif tm.unit == "year" and tm.offset is not None and pub is not None:
            y, evidence = pub.year + tm.offset, "publication date"
        elif tm.rel is not None and pub is not None:
            y, evidence = pub.year, "publication date"
            if tm.rel == "last":
                y = pub.year if m < pub.month else pub.year - 1
            elif tm.rel == "next":
                y = pub.year if m > pub.month else pub.year + 1
        else:
            y, evidence = self._infer_year(st, m, 15, tm.start)
        value, when = _month_when(y, m, tm.mod)
        st.emit(tm, value, when, evidence)

    def _period(self, st: _DocState, tm: TimexMatch) -> None:
        pub = st.doc.published
        y: int | None
        if tm.kind == "year" and tm.year is not None:
            st.emit(tm, f"{tm.year:04d}", When(f"{tm.year:04d}", None, "year"), "explicit year")
        elif tm.kind == "decade" and tm.decade:
            first, last = (
                (tm.decade + "0", tm.decade + "9")
                if len(tm.decade) == 3
                else (tm.decade + "00", tm.decade + "99")
            )
            st.emit(tm, tm.decade, When(first, last, "year"), "explicit decade")
        elif tm.kind == "quarter" and tm.rel == "latest":
            # "the quarter", "the latest quarter": the one named nearby, else the last one reported
            named = st.recent_quarter(tm.start)
            if named is not None:
                y, q = named
                evidence = "nearby quarter"
            elif pub is not None:
                ref = pub - timedelta(days=45)
                y, q, evidence = ref.year, (ref.month - 1) // 3 + 1, "publication date"
            else:
                return
            a = 3 * (q - 1) + 1
            st.emit(tm, f"{y}-Q{q}", When(f"{y}-{a:02d}", f"{y}-{a + 2:02d}", "month"), evidence)
            st.quarters.append((tm.start, y, q))
        elif tm.kind == "quarter" and tm.quarter:
            q, y, evidence = tm.quarter, tm.year, "explicit year"
            if y is None and pub is not None:
                current = (pub.month - 1) // 3 + 1
                y = pub.year if q <= current or tm.rel == "next" else pub.year - 1
                evidence = "publication date"
            if y is not None:
                a = 3 * (q - 1) + 1
                st.emit(tm, f"{y}-Q{q}", When(f"{y}-{a:02d}", f"{y}-{a + 2:02d}", "month"), evidence)
                st.quarters.append((tm.start, y, q))
        elif tm.kind == "half" and tm.half:
            y = tm.year if tm.year is not None else (pub.year if pub else None)
            if y is not None:
                a = 1 if tm.half == 1 else 7
                evidence = "explicit year" if tm.year else "publication date"
                st.emit(tm, f"{y}-H{tm.half}", When(f"{y}-{a:02d}", f"{y}-{a + 5:02d}", "month"), evidence)
        elif tm.kind == "season" and tm.season:
            y, evidence = tm.year, "explicit year"
            a, b = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[tm.season]
            if y is None and pub is not None:
                y = pub.year
                if tm.rel == "last":  # the last one that is over
                    y = pub.year if b < pub.month else pub.year - 1
                elif tm.rel == "next":
                    y = pub.year if a > pub.month else pub.year + 1
                evidence = "publication date"
            if y is not None:
                ey, em = _shift_month(y, b, 0)
                st.emit(tm, f"{y}-{tm.season}", When(f"{y}-{a:02d}", f"{ey}-{em:02d}", "month"), evidence)

    # --- expressions anchored in the discourse -----------------------------------------------------

    def _weekday(self, st: _DocState, tm: TimexMatch) -> None:
        assert tm.weekday is not None
        wd, pub = tm.weekday, st.doc.published
        if pub is not None:
            # news convention (TimeML): a bare weekday is the one of the week of publication
            back = (pub.weekday() - wd) % 7
            ahead = (wd - pub.weekday()) % 7
            if tm.rel == "last":
                d = pub - timedelta(days=back or 7)
            elif tm.rel == "next":
                d = pub + timedelta(days=ahead or 7)
            elif tm.rel == "this" or _looks_future(st.doc.text, tm.start):
                d = pub + timedelta(days=ahead)
            else:
                d = pub - timedelta(days=back)
            st.emit_day(tm, d, "publication date")
            return
        ref = st.nearby(tm.start)
        if ref is not None:
            st.emit_day(tm, _nearest_weekday(ref[1], wd), f"weekday near {ref[1].isoformat()} (nearby date)")
            return
        near = st.focus.nearest(tm.start)
        if near is not None:
            st.emit_day(
                tm, _nearest_weekday(near[1], wd), f"weekday near {near[1].isoformat()} (document dates)"
            )
            return
        story = self.story_firm()
        if story:
            st.emit_day(
                tm, _nearest_weekday(story[-1], wd), f"weekday near {story[-1].isoformat()} (story dates)"
            )

    def _time(self, st: _DocState, tm: TimexMatch) -> None:
        ref = st.nearby(tm.start)
        if ref is not None:
            _, rd, rh = ref
            # "at 10.30pm ... at dawn": a morning after an evening is the next day
            next_morning = (
                rh is not None
                and rh >= 18
                and ((tm.hour is not None and tm.hour < 12 and not tm.midnight) or tm.part in _MORNING_PARTS)
            )
            st.emit_day(
                tm, rd + timedelta(days=1) if next_morning else rd, f"time on {rd.isoformat()} (nearby date)"
            )
        elif st.doc.published is not None:
            st.emit_day(tm, st.doc.published, "publication date")

    def _deictic(self, st: _DocState, pub: date, tm: TimexMatch) -> None:
        off = tm.offset or 0
        evidence = "relative to publication date"
        if tm.unit == "day":
            st.emit_day(tm, pub + timedelta(days=off), evidence)
        elif tm.unit == "week":
            st.emit(tm, *_week_when(pub + timedelta(days=7 * off)), evidence)
        elif tm.unit == "weekend":
            d = pub + timedelta(days=7 * off)
            sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
            when = When(sat.isoformat(), (sat + timedelta(days=1)).isoformat(), "day")
            st.emit(tm, _iso_week(d) + "-WE", when, evidence)
        elif tm.unit == "month":
            y, m = _shift_month(pub.year, pub.month, off)
            st.emit(tm, *_month_when(y, m, None), evidence)
        elif tm.unit == "year":
            if self._quarter_a_year_back(st, tm, off):
                return
            y = pub.year + off
            st.emit(tm, f"{y:04d}", When(f"{y:04d}", None, "year"), evidence)
        elif tm.unit == "quarter":
            idx = pub.year * 4 + (pub.month - 1) // 3 + off
            y, q = idx // 4, idx % 4 + 1
            st.emit(tm, f"{y}-Q{q}", When(f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}", "month"), evidence)
        elif tm.unit == "decade":
            dec = str(pub.year // 10 + off)
            st.emit(tm, dec, When(f"{dec}0", f"{dec}9", "year"), evidence)

    def _anaphoric(self, st: _DocState, tm: TimexMatch) -> None:
        ref = st.nearby(tm.start)
        hour: int | None = None
        if ref is not None:
            _, base, hour = ref
            evidence = f"relative to {base.isoformat()} (nearby date)"
        elif st.doc.published is not None and tm.unit in ("year", "month", "quarter"):
            base, evidence = st.doc.published, "relative to publication date"
        else:
            return  # "two days later" with nothing dated nearby: no honest value
        off = tm.offset or 0
        if tm.unit == "hour":
            if hour is None or hour < 18:
                st.emit_day(tm, base, f"hours after {base.isoformat()} (nearby date)")
        elif tm.unit == "day":
            st.emit_day(tm, base + timedelta(days=off), evidence)
        elif tm.unit == "week":
            st.emit(tm, *_week_when(base + timedelta(days=7 * off)), evidence)
        elif tm.unit == "month":
            y, m = _shift_month(base.year, base.month, off)
            st.emit(tm, *_month_when(y, m, None), evidence)
        elif tm.unit == "year":
            if self._quarter_a_year_back(st, tm, off):
                return
            y = base.year + off
            st.emit(tm, f"{y:04d}", When(f"{y:04d}", None, "year"), evidence)

    def _quarter_a_year_back(self, st: _DocState, tm: TimexMatch, off: int) -> bool:
        """ "Profit rose in the third quarter from a year earlier": the same quarter, a year back."""
        named = st.recent_quarter(tm.start)
        if off != -1 or named is None:
            return False
        y, q = named[0] - 1, named[1]
        a = 3 * (q - 1) + 1
        st.emit(
            tm, f"{y}-Q{q}", When(f"{y}-{a:02d}", f"{y}-{a + 2:02d}", "month"), "same quarter, a year back"
        )
        return True


def _looks_future(text: str, pos: int) -> bool:
    """Whether the clause around `pos` speaks of the future ("will meet on Friday"), not the past."""
    before = re.split(r"[,;:.!?\n\"“”()]", text[max(0, pos - 200) : pos])[-1]
    after = " ".join(re.split(r"[,;:.!?\n\"“”()]", text[pos : pos + 200])[0].split()[1:4])
    # the tense cue nearest before the expression decides; a cue right after it counts too
    future = [m.end() for m in _FUTURE_CUE.finditer(before)]
    past = [m.end() for m in _PAST_VERB.finditer(before)]
    if future or past:
        return max(future, default=-1) > max(past, default=-1)
    return bool(_FUTURE_CUE.search(after))


def _fallback_sentences(text: str) -> list[int]:
    """Sentence starts when no parse is given: after newlines and after . ! ? followed by a capital."""
    starts = [0]
    for m in re.finditer(r"\n+|[.!?][\"'”’)]*\s+(?=[A-Z“\"'‘])", text):
        starts.append(m.end())
    return sorted(set(starts))


def resolve_story(documents: Sequence[DocumentInput], today: date) -> dict[str, list[ResolvedTimex]]:
    """Every time expression of every document of one story, resolved; years shared story-wide."""
    return _StoryResolver(documents, today).resolve()
