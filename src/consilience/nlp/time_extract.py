"""Find time expressions in English text with rules (no model): what was said, not yet what it means.

Each pattern turns a regex match into a `TimexMatch` that records the calendar fields the words
fix (month, day, weekday, hour, ...) and how the rest must be inferred (relative to the publication
date, to the discourse, or to other dates of the story). Resolution to ISO values lives in
`time_resolve`. Cost: one pass of ~20 compiled regexes over the text, then a linear merge.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from consilience.nlp.time_lexicon import (
    DAY_RE,
    MONTH_RE,
    NUMBER_RE,
    ORDINALS,
    PART_OF_DAY_RE,
    SEASONS,
    TIMEZONE_RE,
    WEEKDAY_ABBR_RE,
    WEEKDAY_RE,
    YEAR_RE,
    day_number,
    month_number,
    number_value,
    weekday_number,
)

# kinds of match:
#   date      month+day (+year, +weekday, +time): "Sunday, December 8", "Nov. 28, 1998", "7-8 December"
#   month     month (+year, +early/mid/late): "July", "late November", "March 2019"
#   year      "2015", "fiscal 1990"        decade  "the 1980s"
#   quarter   "the third quarter of 1989"  half    "the first half"   season "last summer"
#   weekday   "Saturday", "last Friday", "Saturday afternoon"
#   time      time of day alone: "10.30pm", "4am", "midnight", "at dawn"
#   deictic   relative to the time of writing: "yesterday", "last week", "two years ago", "this month"
#   anaphoric relative to the last date mentioned: "two days later", "the next morning", "that same day"
#   ref       vague references (TimeML PRESENT_REF/PAST_REF/FUTURE_REF): "now", "recently", "the future"
#   pod_of    "the evening of" (only kept when a date follows)


@dataclass(frozen=True)
class TimexMatch:
    """A time expression found in text: its span and the calendar fields its words fix."""

    kind: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    day: int | None = None
    day_end: int | None = None
    weekday: int | None = None
    hour: int | None = None
    minute: int | None = None
    part: str | None = None  # key of PARTS_OF_DAY
    mod: str | None = None  # early / mid / late / start / end
    rel: str | None = None  # last / this / next (deictic weekday, month, season, quarter)
    unit: str | None = None  # day / week / weekend / month / year / quarter / decade / hour
    offset: int | None = None  # signed count of units for relative expressions
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    decade: str | None = None  # TimeML decade prefix, e.g. "198"
    ref: str | None = None  # PRESENT_REF / PAST_REF / FUTURE_REF
    midnight: bool = False


_Handler = Callable[[re.Match[str], str], TimexMatch | None]

_MOD_WORDS = {
    "early": "early",
    "mid": "mid",
    "late": "late",
    "the end of": "end",
    "the beginning of": "start",
    "the start of": "start",
    "the middle of": "mid",
}

# Words that make a capitalised month name alone a date ("in July") rather than a name or a verb.
_BARE_MONTH_CUES = {
    "in",
    "since",
    "until",
    "till",
    "through",
    "by",
    "during",
    "of",
    "from",
    "before",
    "after",
    "between",
    "and",
    "to",
    "early",
    "late",
    "mid",
    "last",
    "next",
    "this",
    "that",
    "past",
    "end",
    "each",
}


def _span(m: re.Match[str]) -> tuple[int, int]:
    if "x" in m.groupdict() and m.group("x") is not None:
        return m.start("x"), m.end("x")
    return m.start(), m.end()


def _word_before(text: str, pos: int) -> str:
    words = re.findall(r"[A-Za-z]+", text[max(0, pos - 30) : pos])
    return words[-1].lower() if words else ""


def _mod(word: str | None) -> str | None:
    return None if word is None else _MOD_WORDS.get(" ".join(word.lower().split()))


def _rel(word: str | None) -> str | None:
    if word is None:
        return None
    w = " ".join(word.lower().split())
    if w in ("last", "this past", "previous"):
        return "last"
    if w in ("next", "this coming", "coming"):
        return "next"
    return "this"


def _valid_day(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _date(m: re.Match[str], text: str) -> TimexMatch | None:
    mon = month_number(m.group("mon"))
    day = day_number(m.group("d"))
    d2 = m.group("d2")
    day_end = day_number(d2) if d2 else None
    if not _valid_day(mon, day) or (day_end is not None and (day_end <= day or not _valid_day(mon, day_end))):
        return None
    year = int(m.group("y")) if m.group("y") else None
    wd = m.group("wd")
    s, e = _span(m)
    return TimexMatch(
        "date",
        s,
        e,
        year=year,
        month=mon,
        day=day,
        day_end=day_end,
        weekday=weekday_number(wd) if wd else None,
    )


def _iso_date(m: re.Match[str], text: str) -> TimexMatch | None:
    mon, day = int(m.group("m")), int(m.group("d"))
    if not _valid_day(mon, day):
        return None
    return TimexMatch("date", m.start(), m.end(), year=int(m.group("y")), month=mon, day=day)


def _month(m: re.Match[str], text: str) -> TimexMatch | None:
    word = m.group("mon")
    mod = _mod(m.group("mod"))
    year = int(m.group("y")) if m.group("y") else None
    if year is None and mod is None:
        # a month alone needs its full name and a cue word before it ("in July", not "Jan" the name)
        if word.endswith(".") or (len(word) <= 4 and word not in ("May", "June", "July")):
            return None
        if _word_before(text, m.start()) not in _BARE_MONTH_CUES:
            return None
    return TimexMatch("month", m.start(), m.end(), year=year, month=month_number(word), mod=mod)


def _rel_month(m: re.Match[str], text: str) -> TimexMatch | None:
    return TimexMatch(
        "month", m.start(), m.end(), month=month_number(m.group("mon")), rel=_rel(m.group("rel"))
    )


def _month_of_rel_year(m: re.Match[str], text: str) -> TimexMatch | None:
    offset = {"last": -1, "this": 0, "next": 1}[m.group("rel").lower()]
    return TimexMatch(
        "month", m.start(), m.end(), month=month_number(m.group("mon")), unit="year", offset=offset
    )


def _the_quarter(m: re.Match[str], text: str) -> TimexMatch | None:
    if (
        m.group("unit").lower() == "period"
        and "quarter" not in text[max(0, m.start() - 300) : m.start()].lower()
    ):
        return None  # "the period" is a reporting quarter only in quarterly-results prose
    return TimexMatch("quarter", m.start(), m.end(), rel="latest")


def _year_earlier(m: re.Match[str], text: str) -> TimexMatch | None:
    return TimexMatch("anaphoric", m.start(), m.end(), unit="year", offset=-1)


def _year(m: re.Match[str], text: str) -> TimexMatch | None:
    s, e = m.start(), m.end()
    tail = text[e : e + 12]
    if re.match(r"\s*(?:%|percent|per\s?cent)", tail, re.I):
        return None
    return TimexMatch("year", s, e, year=int(m.group("y")), mod=_mod(m.group("mod")))


def _decade(m: re.Match[str], text: str) -> TimexMatch | None:
    prefix = m.group("c") + m.group("dd") if m.group("c") else "19" + m.group("dd2")  # "'80s": the 1900s
    return TimexMatch("decade", m.start(), m.end(), decade=prefix, mod=_mod(m.group("mod")))


def _quarter(m: re.Match[str], text: str) -> TimexMatch | None:
    y = m.group("y") or m.group("yr")
    return TimexMatch(
        "quarter",
        m.start(),
        m.end(),
        year=int(y) if y else None,
        quarter=ORDINALS[m.group("q").lower()],
        rel=_rel(m.group("rel"))
        if m.group("rel") and m.group("rel").lower() in ("last", "next", "this")
        else None,
    )


def _half(m: re.Match[str], text: str) -> TimexMatch | None:
    y = m.group("y")
    return TimexMatch(
        "half",
        m.start(),
        m.end(),
        year=int(y) if y else None,
        half=1 if m.group("h").lower() == "first" else 2,
    )


def _season(m: re.Match[str], text: str) -> TimexMatch | None:
    word = m.group("s").lower()
    rel, y, the = m.group("rel"), m.group("y"), m.group("the")
    if (
        word == "fall"
        and not (rel or y or the)
        and _word_before(text, m.start()) not in ("in", "during", "since")
    ):
        return None  # "prices fall" is a verb
    before = _word_before(text, m.start())
    if not (rel or y or the) and before not in ("in", "during", "since", "until", "by"):
        return None
    if (
        the
        and not (rel or y)
        and (re.match(r"\s+of\b", text[m.end() :]) or before not in ("in", "during", "since"))
    ):
        return None  # "the fall of the city" is an event, "in the summer" a season
    r = _rel(rel) if rel and rel.lower() not in ("early", "late") else None
    mod = rel.lower() if rel and rel.lower() in ("early", "late") else None
    return TimexMatch(
        "season", m.start(), m.end(), year=int(y) if y else None, season=SEASONS[word], rel=r, mod=mod
    )


def _weekday(m: re.Match[str], text: str) -> TimexMatch | None:
    rel = m.group("rel")
    mod = rel.lower() if rel and rel.lower() in ("early", "late") else None
    return TimexMatch(
        "weekday",
        m.start(),
        m.end(),
        weekday=weekday_number(m.group("wd")),
        rel=_rel(rel) if rel and mod is None else None,
        mod=mod,
        part=m.group("pod").lower() if m.group("pod") else None,
    )


def _day_word(m: re.Match[str], text: str) -> TimexMatch | None:
    w = (m.group("w") or "").lower()
    pod = (m.group("pod") or "").lower() or None
    if m.group("w2"):  # "this morning", "last night"
        w2 = m.group("w2").lower()
        return TimexMatch(
            "deictic",
            m.start(),
            m.end(),
            unit="day",
            offset=-1 if w2 == "last" else 0,
            part=m.group("pod2").lower(),
        )
    if w == "tonight":
        return TimexMatch("deictic", m.start(), m.end(), unit="day", offset=0, part="night")
    offset = {"today": 0, "yesterday": -1, "tomorrow": 1}[w]
    return TimexMatch(
        "deictic", m.start(), m.end(), unit="day", offset=offset, part=pod, mod=_mod(m.group("mod"))
    )


def _unit(word: str) -> str:
    return word.lower().removesuffix("s")


def _deictic_unit(m: re.Match[str], text: str) -> TimexMatch | None:
    rel = m.group("rel").lower()
    offset = {"last": -1, "this": 0, "current": 0, "next": 1}[rel]
    mod_word = (m.group("mod") or "").lower()
    mod = {"early": "early", "earlier": "early", "late": "late", "later": "late"}.get(
        mod_word, _mod(mod_word)
    )
    return TimexMatch("deictic", m.start(), m.end(), unit=_unit(m.group("unit")), offset=offset, mod=mod)


def _ago(m: re.Match[str], text: str) -> TimexMatch | None:
    n = number_value(m.group("n"))
    if n is None:
        return TimexMatch("ref", m.start(), m.end(), ref="PAST_REF")
    return TimexMatch("deictic", m.start(), m.end(), unit=_unit(m.group("unit")), offset=-n)


def _later(m: re.Match[str], text: str) -> TimexMatch | None:
    n = number_value(m.group("n"))
    if n is None:
        return None
    sign = 1 if m.group("dir").lower() in ("later", "after", "afterward", "afterwards") else -1
    return TimexMatch("anaphoric", m.start(), m.end(), unit=_unit(m.group("unit")), offset=sign * n)


def _hours_later(m: re.Match[str], text: str) -> TimexMatch | None:
    return TimexMatch("anaphoric", m.start(), m.end(), unit="hour", offset=None)


def _next_unit(m: re.Match[str], text: str) -> TimexMatch | None:
    d = m.group("dir").lower()
    sign = 1 if d in ("next", "following", "after") else -1
    unit = m.group("unit").lower()
    if unit in ("morning", "afternoon", "evening", "night"):
        return TimexMatch("anaphoric", m.start(), m.end(), unit="day", offset=sign, part=unit)
    return TimexMatch("anaphoric", m.start(), m.end(), unit=unit, offset=sign)


def _day_before(m: re.Match[str], text: str) -> TimexMatch | None:
    sign = 1 if m.group("dir").lower() == "after" else -1
    return TimexMatch("anaphoric", m.start(), m.end(), unit="day", offset=sign)


def _same_day(m: re.Match[str], text: str) -> TimexMatch | None:
    unit = m.group("unit").lower()
    part = None if unit == "day" else unit
    return TimexMatch("anaphoric", m.start(), m.end(), unit="day", offset=0, part=part)


def _clock(m: re.Match[str], text: str) -> TimexMatch | None:
    s, e = _span(m)
    h = int(m.group("h"))
    mi = int(m.group("mi")) if m.group("mi") else None
    ap = (m.groupdict().get("ap") or "").lower()
    if ap:
        if not 1 <= h <= 12:
            return None
        h = h % 12 + (12 if ap == "p" else 0)
    elif h > 23:
        return None
    return TimexMatch("time", s, e, hour=h, minute=mi)


def _named_time(m: re.Match[str], text: str) -> TimexMatch | None:
    s, e = _span(m)
    w = m.group("w").lower()
    if w in ("noon", "midday"):
        return TimexMatch("time", s, e, hour=12, minute=0)
    if w == "midnight":
        return TimexMatch("time", s, e, hour=0, minute=0, midnight=True)
    return TimexMatch("time", s, e, part=w)


def _hour_in_the(m: re.Match[str], text: str) -> TimexMatch | None:
    h = number_value(m.group("h"))
    if h is None or not 1 <= h <= 12:
        return None
    pod = m.group("pod").lower()
    if pod in ("afternoon", "evening") or (pod == "night" and h >= 6):
        h = h % 12 + 12
    return TimexMatch("time", m.start(), m.end(), hour=h % 24, minute=0)


def _pod_of(m: re.Match[str], text: str) -> TimexMatch | None:
    return TimexMatch("pod_of", m.start(), m.end(), part=" ".join(m.group("pod").lower().split()))


def _ref(m: re.Match[str], text: str) -> TimexMatch | None:
    w = " ".join(m.group(0).lower().split())
    if w in ("now", "currently", "at present", "these days", "nowadays"):
        ref = "PRESENT_REF"
    elif w in ("the future", "soon"):
        ref = "FUTURE_REF"
    else:
        ref = "PAST_REF"
    return TimexMatch("ref", m.start(), m.end(), ref=ref)


_PRE = r"(?:at|by|around|about|until|till|from|before|after|since|toward|towards|near|shortly\s+after|shortly\s+before)"
_RANGE = r"\s*(?:-|–|—)\s*"

_PATTERNS: list[tuple[str, _Handler]] = [
    (
        rf"(?:(?P<wd>{WEEKDAY_RE}|{WEEKDAY_ABBR_RE}),?\s+(?:the\s+)?)?(?P<mon>{MONTH_RE})\s*(?P<d>{DAY_RE})"
        rf"(?:{_RANGE}(?P<d2>{DAY_RE}))?(?:,?\s+(?P<y>{YEAR_RE}))?",
        _date,
    ),
    (
        rf"(?:(?P<wd>{WEEKDAY_RE}),?\s+)?(?:the\s+)?(?<![\d.,$])(?P<d>{DAY_RE})(?:{_RANGE}(?P<d2>{DAY_RE}))?"
        rf"\s+(?:of\s+)?(?P<mon>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?",
        _date,
    ),
    (r"(?<![\d-])(?P<y>(?:1[6-9]|20)\d\d)-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])(?!\d)", _iso_date),
    (
        rf"(?:(?P<mod>early|mid|late|the\s+(?:end|beginning|start|middle)\s+of)[\s-]+)?(?P<mon>{MONTH_RE})"
        rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR_RE}))?",
        _month,
    ),
    (rf"(?P<rel>last|this\s+past|this\s+coming|this|next)\s+(?P<mon>{MONTH_RE})(?!\s*\d)", _rel_month),
    (rf"(?P<mon>{MONTH_RE})\s+(?:of\s+)?(?P<rel>last|this|next)\s+year", _month_of_rel_year),
    (
        r"(?:the\s+|this\s+|that\s+)(?:(?:latest|most\s+recent|current|recent|same)\s+)?(?:fiscal\s+)?"
        r"(?P<unit>quarter|period)(?![A-Za-z-])",
        _the_quarter,
    ),
    (
        r"(?:the\s+)?year[-\s](?:earlier|ago)(?:\s+(?:third\s+|fourth\s+|first\s+|second\s+)?(?:quarter|period))?",
        _year_earlier,
    ),
    (
        rf"(?:(?:fiscal(?:\s+year)?|(?:the\s+)?year)\s+)?(?:(?P<mod>early|mid|late|the\s+(?:end|beginning|start)\s+of)"
        rf"[\s-]+)?(?<![\d$€£.,#/-])(?P<y>{YEAR_RE})(?!\s*(?:[.,]\d)|'?s\b)",
        _year,
    ),
    (
        r"(?:the\s+)?(?:(?P<mod>early|mid|late)[\s-]+)?(?:(?P<c>1[6-9]|20)(?P<dd>\d)0'?s|'(?P<dd2>\d)0s)(?![A-Za-z])",
        _decade,
    ),
    (
        rf"(?:the\s+)?(?:(?P<rel>last|this|next|latest|current|previous|same|fiscal)\s+)?(?:(?P<yr>{YEAR_RE})\s+)?"
        rf"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?:fiscal\s+)?(?P<y>{YEAR_RE}))?",
        _quarter,
    ),
    (rf"(?:the\s+)?(?P<h>first|second)\s+half(?:\s+of\s+(?:the\s+year\s+)?(?P<y>{YEAR_RE}))?", _half),
    (
        r"(?:(?P<rel>last|this\s+past|this|next|early|late)\s+)?(?P<the>the\s+(?:(?:early|late)\s+)?)?"
        rf"(?P<s>spring|summer|fall|autumn|winter)(?:\s+of\s+(?P<y>{YEAR_RE}))?(?![A-Za-z])",
        _season,
    ),
    (
        rf"(?:(?P<rel>last|this\s+past|this\s+coming|this|next|early|late)\s+)?(?P<wd>{WEEKDAY_RE})"
        rf"(?:\s+(?P<pod>{PART_OF_DAY_RE}))?",
        _weekday,
    ),
    (
        rf"(?:(?P<mod>early|late)\s+)?(?P<w>today|tonight|yesterday|tomorrow)(?:\s+(?P<pod>{PART_OF_DAY_RE}))?"
        rf"|(?P<w2>this|last)\s+(?P<pod2>{PART_OF_DAY_RE})",
        _day_word,
    ),
    (
        r"(?:(?P<mod>early|earlier|later|late|the\s+end\s+of|the\s+beginning\s+of)\s+)?"
        r"(?P<rel>last|this|current|next)\s+(?P<unit>week|weekend|month|year|decade|quarter)(?![A-Za-z])",
        _deictic_unit,
    ),
    (
        rf"(?P<n>{NUMBER_RE}|several|a\s+few|few|many)\s+(?P<unit>days?|weeks?|months?|years?|decades?)\s+ago",
        _ago,
    ),
    (
        rf"(?P<n>{NUMBER_RE})\s+(?P<unit>days?|weeks?|months?|years?)\s+"
        r"(?P<dir>later|earlier|afterwards?|(?:before|after)(?=\s*(?:[,.;:)]|$)))",
        _later,
    ),
    (r"hours\s+later", _hours_later),
    (
        r"the\s+(?P<dir>next|following|previous|preceding)\s+"
        r"(?P<unit>day|morning|afternoon|evening|night|week|month|year)(?![A-Za-z])",
        _next_unit,
    ),
    (r"the\s+day\s+(?P<dir>before|after)(?=\s*(?:[,.;:)]|$))", _day_before),
    (
        r"(?:that\s+(?:same\s+)?|the\s+same\s+)(?P<unit>day|morning|afternoon|evening|night)(?![A-Za-z])",
        _same_day,
    ),
    (
        rf"(?<![\d.:,])(?P<h>1[0-2]|0?\d)(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap])\.?\s?m(?:\.(?![A-Za-z])|(?![A-Za-z]))"
        rf"(?:\s+{TIMEZONE_RE})?",
        _clock,
    ),
    (
        rf"\b{_PRE}\s+(?:around\s+|about\s+)?(?P<x>(?P<h>[01]?\d|2[0-3])[:h](?P<mi>[0-5]\d)(?![\d:])"
        rf"(?:\s*(?:hrs|hours|GMT|UTC|local\s+time|{TIMEZONE_RE}))?)",
        _clock,
    ),
    (rf"(?<![\d:.])(?P<h>[01]?\d|2[0-3]):(?P<mi>[0-5]\d)\s*(?:GMT|UTC|{TIMEZONE_RE})", _clock),
    (r"(?P<w>noon|midday|midnight)", _named_time),
    (rf"\b{_PRE}\s+(?P<x>(?P<w>dawn|daybreak|dusk|sunrise|sunset))", _named_time),
    (
        rf"(?P<h>{NUMBER_RE})\s+(?:o'clock\s+)?in\s+the\s+(?P<pod>morning|afternoon|evening|night)",
        _hour_in_the,
    ),
    (
        r"the\s+(?:(?:early|late)\s+)?(?P<pod>morning|afternoon|evening|night|early\s+hours|small\s+hours|wee\s+hours)"
        r"\s+of(?=\s)",
        _pod_of,
    ),
    (
        r"(?<![A-Za-z'-])(?:now|currently|at\s+present|these\s+days|nowadays|recently|lately|previously|formerly"
        r"|the\s+past|in\s+recent\s+years|the\s+future|soon)(?![A-Za-z'-])",
        _ref,
    ),
]

# Every expression starts at a word boundary ("the '80s" aside): saying so lets the regex engine skip
# most positions at once, which makes the scan several times faster.
_COMPILED: list[tuple[re.Pattern[str], _Handler]] = [
    (re.compile(p if h is _decade else rf"\b(?:{p})", re.IGNORECASE), h) for p, h in _PATTERNS
]

# What may stand between two parts of one expression ("10.30pm on December 7", "Sunday at 4am").
_TIME_TO_DATE_GAP = re.compile(r"\s*(?:,\s*|\s+on\s+(?:the\s+)?|\s+of\s+)?\s*", re.IGNORECASE)
_DATE_TO_TIME_GAP = re.compile(r"\s*,?\s*(?:at\s+)?(?:around\s+|about\s+|roughly\s+)?", re.IGNORECASE)


def _is_dated(m: TimexMatch) -> bool:
    return m.kind in ("date", "weekday") or (m.kind == "deictic" and m.unit == "day")


def _overlaps(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def find_timexes(text: str, skip: Sequence[tuple[int, int]] = ()) -> list[TimexMatch]:
    """Every time expression of `text` outside the `skip` spans, leftmost-longest, parts of one expression merged."""
    return list(_find_timexes(text, tuple(skip)))


@lru_cache(maxsize=256)
def _find_timexes(text: str, skip: tuple[tuple[int, int], ...]) -> tuple[TimexMatch, ...]:
    # Memoised per text: a story is re-analysed whenever a report is added (the service), and every
    # pattern scans the whole document.
    found: list[TimexMatch] = []
    for pattern, handler in _COMPILED:
        for m in pattern.finditer(text):
            if m.end() == m.start():
                continue
            tm = handler(m, text)
            if tm is not None and not _overlaps((tm.start, tm.end), skip):
                found.append(tm)
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    chosen: list[TimexMatch] = []
    last_end = -1
    for tm in found:
        if tm.start >= last_end:
            chosen.append(tm)
            last_end = tm.end
    return tuple(_merge(text, chosen))


def _merge(text: str, items: list[TimexMatch]) -> list[TimexMatch]:
    out: list[TimexMatch] = []
    i = 0
    while i < len(items):
        cur = items[i]
        nxt = items[i + 1] if i + 1 < len(items) else None
        gap = text[cur.end : nxt.start] if nxt else ""
        if nxt and cur.kind == "pod_of" and _is_dated(nxt) and not gap.strip():
            merged = replace(nxt, start=cur.start, part=cur.part)
            items[i + 1] = merged
            i += 1
            continue
        if nxt and cur.kind == "time" and _is_dated(nxt) and _TIME_TO_DATE_GAP.fullmatch(gap):
            items[i + 1] = replace(
                nxt,
                start=cur.start,
                hour=cur.hour,
                minute=cur.minute,
                midnight=cur.midnight,
                part=cur.part or nxt.part,
            )
            i += 1
            continue
        if nxt and _is_dated(cur) and nxt.kind == "time" and _DATE_TO_TIME_GAP.fullmatch(gap):
            out.append(
                replace(
                    cur,
                    end=nxt.end,
                    hour=nxt.hour,
                    minute=nxt.minute,
                    midnight=nxt.midnight,
                    part=nxt.part or cur.part,
                )
            )
            i += 2
            continue
        if cur.kind != "pod_of":
            out.append(cur)
        i += 1
    return out
