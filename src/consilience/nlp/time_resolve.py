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
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from consilience.model import When
from consilience.nlp.time_extract import TimexMatch, find_timexes
from consilience.nlp.time_lexicon import PARTS_OF_DAY

_NEARBY_SENTENCES = 2  # how far back a date still anchors an undated or relative expression
_WEEKDAY_WINDOW_YEARS = 40  # years searched back for a weekday+date match
_CLUSTER_DAYS = 183  # firm dates closer than this count as one story period
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to|scheduled|plans?\s+to|planned|expected\s+to|due\s+to|next|upcoming)\b", re.I
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


def _year_near_publication(month: int, day: int, pub: date) -> int:
    """The year placing month/day nearest the publication date; news looks back more than ahead."""
    best: tuple[int, int] | None = None
    for y in (pub.year - 1, pub.year, pub.year + 1):
        d = _safe_date(y, month, day)
        if d is None:
            continue
        delta = (d - pub).days
        cost = 2 * delta if delta > 0 else -delta
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
        anchors: list[date] = []
        for d in self.docs:
            if d.published:
                anchors.append(d.published)
            for tm in self.matches[d.doc]:
                if tm.kind == "date" and tm.year is not None:
                    day = _safe_date(tm.year, tm.month or 1, tm.day or 1)
                    if day:
                        anchors.append(day)
                        self.firm[d.doc].append(day)
        pairs: list[tuple[str, TimexMatch, list[date]]] = []
        for d in self.docs:
            latest = d.published + timedelta(days=60) if d.published else self.today
            for tm in self.matches[d.doc]:
                if tm.kind == "date" and tm.year is None and tm.weekday is not None:
                    assert tm.month is not None and tm.day is not None
                    cands = _weekday_candidates(tm.month, tm.day, tm.weekday, latest)
                    if cands:
                        pairs.append((d.doc, tm, cands))
        for i, (doc, tm, cands) in enumerate(pairs):
            own_pub = next(d.published for d in self.docs if d.doc == doc)

            def support(c: date, i: int = i, own_pub: date | None = own_pub) -> tuple[int, date]:
                score = sum(abs((c - a).days) <= _CLUSTER_DAYS for a in anchors)
                score += sum(
                    any(abs((c - o).days) <= _CLUSTER_DAYS for o in other)
                    for j, (_, _, other) in enumerate(pairs)
                    if j != i
                )
                if own_pub is not None and abs((c - own_pub).days) <= _CLUSTER_DAYS:
                    score += 2
                return score, c

            best = max(cands, key=support)
            agreed = support(best)[0] > 0
            self.weekday_fixed[(doc, tm.start)] = (best, "weekday+date, agreeing with story dates" if agreed else "weekday+date")
            self.firm[doc].append(best)

    def story_firm(self) -> list[date]:
        out = [d for dates in self.firm.values() for d in dates]
        out += [d.published for d in self.docs if d.published]
        return sorted(out)

    def resolve(self) -> dict[str, list[ResolvedTimex]]:
        return {d.doc: self._resolve_doc(d) for d in self.docs}

    # --- one document -------------------------------------------------------------------------

    def _resolve_doc(self, doc: DocumentInput) -> list[ResolvedTimex]:
        sent_starts = [s for s, _ in doc.sentences] or _fallback_sentences(doc.text)
        focus = _Focus()
        results: dict[int, ResolvedTimex] = {}
        matches = self.matches[doc.doc]

        def sentence_of(pos: int) -> int:
            return bisect.bisect_right(sent_starts, pos)

        def nearby(pos: int) -> tuple[int, date, int | None] | None:
            prev = focus.before(pos)
            if prev is None or sentence_of(pos) - sentence_of(prev[0]) > _NEARBY_SENTENCES:
                return None
            return prev

        def emit(tm: TimexMatch, value: str, when: When | None, evidence: str, ttype: str = "DATE") -> None:
            results[tm.start] = ResolvedTimex(
                doc.doc, tm.start, tm.end, doc.text[tm.start : tm.end], value, when, evidence, ttype
            )

        def emit_day(tm: TimexMatch, d: date, evidence: str, end_day: date | None = None) -> None:
            value, when, ttype = _day_when(d, tm, end_day)
            emit(tm, value, when, evidence, ttype)
            focus.add(tm.start, d, tm.hour)

        # pass 1: calendar dates, in text order (a neighbouring explicit year may fix the next date)
        years_seen: list[tuple[int, date]] = []
        for tm in matches:
            if tm.kind == "date":
                d, evidence = self._date_of(doc, tm, years_seen, sentence_of)
                if d is None:
                    continue
                end_day = _safe_date(d.year, d.month, tm.day_end) if tm.day_end else None
                emit_day(tm, d, evidence, end_day)
                if tm.year is not None:
                    years_seen.append((tm.start, d))
            elif tm.kind == "month":
                self._month(doc, tm, years_seen, sentence_of, emit)
                if tm.year is not None and tm.month is not None:
                    years_seen.append((tm.start, date(tm.year, tm.month, 15)))
            elif tm.kind in ("year", "decade", "quarter", "half", "season"):
                self._period(doc, tm, emit)
            elif tm.kind == "ref" and tm.ref:
                emit(tm, tm.ref, None, "vague reference")

        # pass 2: expressions anchored in the discourse, in text order
        doc_dates = [p[1] for p in focus.points]
        for tm in matches:
            if tm.kind == "weekday":
                self._weekday(doc, tm, nearby, focus, doc_dates, emit_day)
            elif tm.kind == "time":
                ref = nearby(tm.start)
                if ref is not None:
                    _, rd, rh = ref
                    later_same_night = rh is not None and rh >= 18 and (
                        (tm.hour is not None and tm.hour < 12 and not tm.midnight)
                        or tm.part in ("dawn", "daybreak", "sunrise", "morning")
                    )
                    emit_day(tm, rd + timedelta(days=1) if later_same_night else rd, f"time of {rd.isoformat()} (nearby date)")
                elif doc.published is not None:
                    emit_day(tm, doc.published, "publication date")
            elif tm.kind == "deictic" and doc.published is not None:
                self._deictic(doc.published, tm, emit, emit_day)
            elif tm.kind == "anaphoric":
                self._anaphoric(doc, tm, nearby, emit, emit_day)
        return [results[k] for k in sorted(results)]

    def _date_of(
        self,
        doc: DocumentInput,
        tm: TimexMatch,
        years_seen: list[tuple[int, date]],
        sentence_of: object,
    ) -> tuple[date | None, str]:
        assert tm.month is not None and tm.day is not None
        m, dd = tm.month, tm.day
        if tm.year is not None:
            d = _safe_date(tm.year, m, dd)
            if d is not None and tm.weekday is not None and d.weekday() != tm.weekday:
                return d, "explicit year (weekday does not match)"
            return d, "explicit year"
        fixed = self.weekday_fixed.get((doc.doc, tm.start))
        if fixed is not None:
            return fixed
        y, evidence = self._infer_year(doc, m, dd, tm.start, years_seen, sentence_of)
        return _safe_date(y, m, dd), evidence

    def _infer_year(
        self,
        doc: DocumentInput,
        month: int,
        day: int,
        pos: int,
        years_seen: list[tuple[int, date]],
        sentence_of: object,
    ) -> tuple[int, str]:
        assert callable(sentence_of)
        near = [d for p, d in years_seen if p < pos and sentence_of(pos) - sentence_of(p) <= _NEARBY_SENTENCES]
        if near:
            return _closest_year(month, day, [near[-1]]), "neighbouring date"
        if doc.published is not None:
            return _year_near_publication(month, day, doc.published), "publication date"
        if self.firm[doc.doc]:
            return _closest_year(month, day, self.firm[doc.doc]), "document dates"
        story = self.story_firm()
        if story:
            return _closest_year(month, day, story), "story dates"
        y = self.today.year
        if (_safe_date(y, month, day) or self.today) > self.today:
            y -= 1
        return y, "no year evidence: most recent past year assumed"

    def _month(self, doc: DocumentInput, tm: TimexMatch, years_seen, sentence_of, emit) -> None:  # type: ignore[no-untyped-def]
        assert tm.month is not None
        m = tm.month
        if tm.year is not None:
            value, when = _month_when(tm.year, m, tm.mod)
            emit(tm, value, when, "explicit year")
            return
        pub = doc.published
        if tm.rel is not None and pub is not None:
            y = pub.year
            if tm.rel == "last":
                y = pub.year if m < pub.month else pub.year - 1
            elif tm.rel == "next":
                y = pub.year if m > pub.month else pub.year + 1
            value, when = _month_when(y, m, tm.mod)
            emit(tm, value, when, "publication date")
            return
        y, evidence = self._infer_year(doc, m, 15, tm.start, years_seen, sentence_of)
        value, when = _month_when(y, m, tm.mod)
        emit(tm, value, when, evidence)

    def _period(self, doc: DocumentInput, tm: TimexMatch, emit) -> None:  # type: ignore[no-untyped-def]
        pub = doc.published
        if tm.kind == "year" and tm.year is not None:
            emit(tm, f"{tm.year:04d}", When(f"{tm.year:04d}", None, "year"), "explicit year")
        elif tm.kind == "decade" and tm.decade:
            first = f"{tm.decade}0" if len(tm.decade) == 3 else f"{tm.decade}00"
            last = f"{tm.decade}9" if len(tm.decade) == 3 else f"{tm.decade}99"
            emit(tm, tm.decade, When(first, last, "year"), "explicit decade")
        elif tm.kind == "quarter" and tm.quarter:
            y = tm.year
            q = tm.quarter
            evidence = "explicit year"
            if y is None and pub is not None:
                current = (pub.month - 1) // 3 + 1
                y = pub.year if q <= current or tm.rel == "next" else pub.year - 1
                evidence = "publication date"
            if y is None:
                return
            first_month = 3 * (q - 1) + 1
            emit(tm, f"{y}-Q{q}", When(f"{y}-{first_month:02d}", f"{y}-{first_month + 2:02d}", "month"), evidence)
        elif tm.kind == "half" and tm.half:
            y = tm.year if tm.year is not None else (pub.year if pub else None)
            if y is None:
                return
            a = 1 if tm.half == 1 else 7
            emit(
                tm,
                f"{y}-H{tm.half}",
                When(f"{y}-{a:02d}", f"{y}-{a + 5:02d}", "month"),
                "explicit year" if tm.year else "publication date",
            )
        elif tm.kind == "season" and tm.season:
            y = tm.year
            evidence = "explicit year"
            if y is None and pub is not None:
                y = pub.year - 1 if tm.rel == "last" else pub.year + 1 if tm.rel == "next" else pub.year
                evidence = "publication date"
            if y is None:
                return
            months = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}[tm.season]
            ey, em = _shift_month(y, months[1], 0)
            emit(tm, f"{y}-{tm.season}", When(f"{y}-{months[0]:02d}", f"{ey}-{em:02d}", "month"), evidence)

    def _weekday(self, doc, tm, nearby, focus, doc_dates, emit_day) -> None:  # type: ignore[no-untyped-def]
        wd = tm.weekday
        ref = nearby(tm.start)
        if ref is not None:
            emit_day(tm, _nearest_weekday(ref[1], wd), f"weekday near {ref[1].isoformat()} (nearby date)")
            return
        pub = doc.published
        if pub is not None:
            back = (pub.weekday() - wd) % 7
            ahead = (wd - pub.weekday()) % 7
            sentence = _sentence_around(doc.text, tm.start)
            if tm.rel == "last":
                d = pub - timedelta(days=back or 7)
            elif tm.rel == "next":
                d = pub + timedelta(days=ahead or 7)
            elif tm.rel == "this" or _FUTURE_CUE.search(sentence):
                d = pub + timedelta(days=ahead)
            else:
                d = pub - timedelta(days=back)
            emit_day(tm, d, "publication date")
            return
        near = focus.nearest(tm.start)
        if near is not None:
            emit_day(tm, _nearest_weekday(near[1], wd), f"weekday near {near[1].isoformat()} (document dates)")
            return
        story = self.story_firm()
        if story:
            emit_day(tm, _nearest_weekday(story[-1], wd), f"weekday near {story[-1].isoformat()} (story dates)")

    def _deictic(self, pub: date, tm: TimexMatch, emit, emit_day) -> None:  # type: ignore[no-untyped-def]
        off = tm.offset or 0
        evidence = "relative to publication date"
        if tm.unit == "day":
            emit_day(tm, pub + timedelta(days=off), evidence)
        elif tm.unit in ("week", "weekend"):
            d = pub + timedelta(days=7 * off)
            value, when = _week_when(d)
            if tm.unit == "weekend":
                sat = d - timedelta(days=d.weekday()) + timedelta(days=5)
                value, when = value + "-WE", When(sat.isoformat(), (sat + timedelta(days=1)).isoformat(), "day")
            emit(tm, value, when, evidence)
        elif tm.unit == "month":
            y, m = _shift_month(pub.year, pub.month, off)
            value, when = _month_when(y, m, None)
            emit(tm, value, when, evidence)
        elif tm.unit == "year":
            y = pub.year + off
            emit(tm, f"{y:04d}", When(f"{y:04d}", None, "year"), evidence)
        elif tm.unit == "quarter":
            idx = pub.year * 4 + (pub.month - 1) // 3 + off
            y, q = idx // 4, idx % 4 + 1
            emit(tm, f"{y}-Q{q}", When(f"{y}-{3 * q - 2:02d}", f"{y}-{3 * q:02d}", "month"), evidence)
        elif tm.unit == "decade":
            dec = str(pub.year // 10 + off)
            emit(tm, dec, When(f"{dec}0", f"{dec}9", "year"), evidence)

    def _anaphoric(self, doc, tm, nearby, emit, emit_day) -> None:  # type: ignore[no-untyped-def]
        ref = nearby(tm.start)
        if ref is None:
            if doc.published is None or tm.unit not in ("year", "month", "quarter"):
                return
            base, hour = doc.published, None
            evidence = "relative to publication date"
        else:
            _, base, hour = ref
            evidence = f"relative to {base.isoformat()} (nearby date)"
        off = tm.offset or 0
        if tm.unit == "hour":
            if hour is None or hour < 18:
                emit_day(tm, base, f"hours after {base.isoformat()} (nearby date)")
        elif tm.unit == "day":
            emit_day(tm, base + timedelta(days=off), evidence)
        elif tm.unit == "week":
            value, when = _week_when(base + timedelta(days=7 * off))
            emit(tm, value, when, evidence)
        elif tm.unit == "month":
            y, m = _shift_month(base.year, base.month, off)
            value, when = _month_when(y, m, None)
            emit(tm, value, when, evidence)
        elif tm.unit == "year":
            y = base.year + off
            emit(tm, f"{y:04d}", When(f"{y:04d}", None, "year"), evidence)


def _sentence_around(text: str, pos: int) -> str:
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos)) + 1
    ends = [e for e in (text.find(". ", pos), text.find("\n", pos)) if e >= 0]
    return text[start : min(ends) if ends else len(text)]


def _fallback_sentences(text: str) -> list[int]:
    """Sentence starts when no parse is given: after newlines and after . ! ? followed by a capital."""
    starts = [0]
    for m in re.finditer(r"\n+|[.!?][\"'”’)]*\s+(?=[A-Z“\"'‘])", text):
        starts.append(m.end())
    return sorted(set(starts))


def resolve_story(documents: Sequence[DocumentInput], today: date) -> dict[str, list[ResolvedTimex]]:
    """Every time expression of every document of one story, resolved; years shared story-wide."""
    return _StoryResolver(documents, today).resolve()
