"""Slots of a claim: the values two reports of the same thing can disagree on.

No inference model is available offline, so contradictions are found by comparing
values: numbers with units, clock times, dates, durations, companions (named
people "with" someone, and whether the list is exclusive), places (facility
nouns and named locations), means of travel, the reason given for something,
a status (killed vs wounded, asylum vs humanitarian refuge...), negation, and
the order of a state relative to the event ("already" vs "has now").

``slot_differences`` reports only values that genuinely differ: a value given
by one claim and missing from the other is not a difference, and compatible
values (a generic "flew" vs "by helicopter", "around 11pm" vs "night") are not
either. Cost: a few regular-expression passes over the claim text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from anyascii import anyascii

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12, "dozens": 24,
    "hundreds": 200, "thousand": 1000, "thousands": 2000,
}  # fmt: skip
APPROXIMATE = r"(?:about|around|roughly|approximately|nearly|almost|some|more than|over|at least|up to|fewer than|less than|an estimated|close to)"
# Means of travel; "flight" alone often means fleeing, so only "a/the flight to" or "by/on ... flight" count.
MODES: dict[str, tuple[str, ...]] = {
    "plane": ("plane", "planes", "aircraft", "airplane", "aeroplane", "jet", "jets", "airliner", "private jet"),
    "air": ("flew", "fly", "flies", "flying", "flown", "airlifted", "airlift", "took off", "by air"),
    "helicopter": ("helicopter", "helicopters", "chopper"),
    "road": (
        "car", "cars", "vehicle", "vehicles", "convoy", "drove", "drive", "drives", "driving", "driven",
        "by road", "overland", "truck", "trucks", "bus", "motorcade", "taxi", "motorbike", "motorcycle",
    ),
    "sea": ("boat", "boats", "ship", "ships", "ferry", "vessel", "yacht", "sailed", "by sea"),
    "rail": ("train", "trains", "by rail", "railway"),
    "foot": ("on foot", "walked", "walking"),
}  # fmt: skip
MODE_COMPATIBLE = {frozenset({"air", "plane"}), frozenset({"air", "helicopter"})}
# Facility nouns name where something happened; synonyms share a class.
FACILITIES: dict[str, tuple[str, ...]] = {
    "home": ("home", "house", "residence", "villa", "apartment", "flat", "mansion"),
    "palace": ("palace",),
    "office": ("office", "headquarters", "ministry"),
    "airport": ("airport", "airbase", "air base", "airfield", "airstrip"),
    "hospital": ("hospital", "clinic"),
    "hotel": ("hotel",),
    "embassy": ("embassy", "consulate"),
    "prison": ("prison", "jail"),
    "school": ("school", "university", "campus"),
    "church": ("church", "mosque", "synagogue", "temple"),
}  # fmt: skip
STATUSES: dict[str, tuple[str, ...]] = {
    "dead": ("killed", "dead", "died", "dies", "slain", "murdered", "executed", "shot dead", "fatally"),
    "wounded": ("wounded", "injured", "hurt", "survived", "escaped with his life", "escaped with her life", "barely escaped"),
    "arrested": ("arrested", "detained", "in custody", "taken into custody", "jailed"),
    "released": ("released", "freed", "let go"),
    "asylum": ("asylum",),
    "humanitarian": ("humanitarian grounds", "humanitarian reasons", "on humanitarian"),
    "resigned": ("resigned", "stepped down", "quit"),
    "dismissed": ("sacked", "fired", "dismissed", "ousted"),
    "missing": ("missing", "disappeared", "unaccounted"),
    "found": ("found alive", "rescued", "located"),
}  # fmt: skip
OPPOSED_STATUSES = {
    frozenset({"dead", "wounded"}),
    frozenset({"dead", "missing"}),
    frozenset({"dead", "found"}),
    frozenset({"arrested", "released"}),
    frozenset({"asylum", "humanitarian"}),
    frozenset({"resigned", "dismissed"}),
}
# Causal markers that open a reason; "over" only after a noun of feeling or dispute.
REASON_MARKERS = (
    r"because of|because|due to|owing to|as a result of|for fear of|for fear that|fearing|citing|"
    r"on the grounds that|on (?:humanitarian|security|health|medical) grounds|in protest (?:at|against|over)|"
    r"(?:concerns?|fears?|anger|outrage|backlash|dispute|row|protests?|worries|worry) over|amid"
)
NEGATORS = re.compile(
    r"\b(?:not|never|no|none|nobody|neither|nor|without|denied|denies|deny|refused|n[’']t)\b|n[’']t\b", re.I
)
# Statements about what the reporter could not check are hedges, not negated facts.
HEDGE_NEGATIONS = re.compile(
    r"\b(?:could|can|was|were|has|have|had)\s*(?:not|n[’']t)\s+(?:be\s+)?(?:independently\s+)?"
    r"(?:verif\w*|confirm\w*|reach\w*|immediately)|\bunable to (?:verify|confirm|reach)|\bno comment",
    re.I,
)
NEGATION_WORDS = frozenset(
    {"never", "none", "nobody", "neither", "nor", "without", "denied", "denie", "deny", "refused"}
)
#: a negated restatement shares at least this share of the smaller claim's content words
NEGATION_OVERLAP = 0.7
BEFORE_MARKERS = re.compile(r"\b(?:already|beforehand|previously|ahead of (?:him|her|them|time))\b", re.I)
AFTER_MARKERS = re.compile(
    r"\b(?:(?:have|has) (?:now|since|later|subsequently)|now joined|later joined|since joined)\b", re.I
)
DURATION_UNITS = {
    "minute": 1 / 1440,
    "hour": 1 / 24,
    "day": 1,
    "night": 1,
    "week": 7,
    "month": 30,
    "year": 365,
}
VAGUE_QUANTITY = {
    "several": (3, 9),
    "few": (2, 5),
    "a few": (2, 5),
    "some": (2, 9),
    "many": (4, 20),
    "": (2, 9),
}
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "by",
        "with",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "his",
        "her",
        "their",
        "its",
        "he",
        "she",
        "they",
        "him",
        "them",
        "it",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "over",
        "against",
        "into",
        "than",
        "then",
        "there",
        "had",
        "has",
        "have",
        "also",
        "said",
        "would",
        "could",
        "should",
        "will",
        "may",
        "might",
        "can",
        "not",
        "no",
    ]
)
NAME = r"[A-Z][\w’'\-]*(?:\s+(?:(?:al|el|bin|ibn|de|da|van|von|abu)[\-\s])?[A-Z][\w’'\-]*)*"
TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|Brig|Col|Maj|Capt|Lt|Sgt|Sheikh|President|Minister|General|Prime|Foreign|Colonel)\.?\s+)+"
)
COMPANION = re.compile(
    rf"\b(?:with|accompanied by|along with|together with|joined by|taking)\s+(?:(?:his|her|their|its|the|only|just|[a-z]+)\s+){{0,5}}?(?P<name>{NAME})"
)
LIST_AFTER_COLON = re.compile(r"\bwith (?:him|her|them)\s*:\s*(?P<list>[^.;]+)")
EXCLUSIVE = re.compile(
    r"\b(?:only|alone|solely|no one else|nobody else|just (?:two|three|one|a handful))\b", re.I
)
PLACE_NAME = re.compile(
    rf"\b(?:in|at|to|into|from|near|toward|towards|inside|outside)\s+(?:the\s+)?(?P<name>{NAME})"
)
CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])|\b(?P<word>midnight|noon|midday|dawn|dusk|sunrise|sunset)\b",
    re.I,
)
DAY_MONTH = re.compile(
    r"\b(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?\s+(?P<day>\d{1,2})(?:\s*[-–]\s*(?P<day2>\d{1,2}))?(?:st|nd|rd|th)?\b"
    r"|\b(?P<day_first>\d{1,2})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day_first2>\d{1,2}))?\s+(?P<month_after>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)
WEEKDAY = re.compile(r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
NUMBER = re.compile(
    rf"(?:(?P<approx>{APPROXIMATE})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?:[\s\-]+(?P<unit>[a-z]+))?\b",
    re.I,
)
DURATION = re.compile(
    r"\b(?:(?:for|after|within|in)\s+(?:the\s+(?:past|last)\s+)?(?:about\s+|nearly\s+|only\s+|just\s+)?(?P<q1>several|a few|few|some|many|\d+|"
    + "|".join(k for k in NUMBER_WORDS if NUMBER_WORDS[k] < 100)
    + r"|a|an)?\s*(?P<u1>minute|hour|day|night|week|month|year)s?\b"
    r"|(?P<q2>several|a few|some|\d+|"
    + "|".join(k for k in NUMBER_WORDS if NUMBER_WORDS[k] < 100)
    + r"|a|an)?\s*(?P<u2>minute|hour|day|night|week|month|year)s?\s+(?:earlier|ago|before|later|beforehand))",
    re.I,
)


@dataclass(frozen=True)
class SlotValue:
    """One value of a slot: ``text`` as written, ``key`` what is compared."""

    kind: str
    text: str
    key: str


@dataclass(frozen=True)
class Slots:
    """The comparable values of one claim."""

    values: tuple[SlotValue, ...] = ()
    negated: bool = False
    exclusive: bool = False  # "only", "alone": the people named are all there were
    words: frozenset[str] = frozenset()  # content words, to tell a negated restatement from another statement

    def of(self, kind: str) -> tuple[SlotValue, ...]:
        """The values of one kind."""
        return tuple(v for v in self.values if v.kind == kind)


def _lexicon_hits(text: str, lexicon: dict[str, tuple[str, ...]]) -> list[SlotValue]:
    low = text.lower()
    hits = []
    for key, words in lexicon.items():
        for word in words:
            m = re.search(rf"\b{re.escape(word)}\b", low)
            if m:
                hits.append((m.start(), key, text[m.start() : m.end()]))
                break
    return [SlotValue("", surface, key) for _, key, surface in sorted(hits)]


def _modes(text: str) -> list[SlotValue]:
    out = [SlotValue("mode", v.text, v.key) for v in _lexicon_hits(text, MODES)]
    if re.search(
        r"\b(?:by|on|aboard)\s+(?:a\s+|the\s+)?(?:\w+\s+)?flights?\b|\bflights?\s+(?:to|from|back)\b",
        text,
        re.I,
    ):
        out.append(SlotValue("mode", "flight", "air"))
    return out


def _clock_minutes(m: re.Match[str]) -> tuple[int, int]:
    """The time of day as a [low, high] minute range."""
    word = (m.group("word") or "").lower()
    ranges = {
        "midnight": (23 * 60 + 30, 24 * 60 + 30),
        "noon": (11 * 60 + 30, 12 * 60 + 30),
        "midday": (11 * 60, 13 * 60),
        "dawn": (4 * 60, 7 * 60),
        "sunrise": (5 * 60, 7 * 60),
        "dusk": (17 * 60, 20 * 60),
        "sunset": (17 * 60, 20 * 60),
    }
    if word:
        return ranges[word]
    hour = int(m.group("h")) % 12
    if m.group("ap").lower().startswith("p"):
        hour += 12
    minute = hour * 60 + int(m.group("m") or 0)
    if minute < 4 * 60:
        minute += 24 * 60  # small hours belong to the night before, as "midnight" does
    return minute, minute


def _times(text: str) -> list[SlotValue]:
    out = []
    for m in CLOCK.finditer(text):
        low, high = _clock_minutes(m)
        before = text[max(0, m.start() - 25) : m.start()].lower()
        if re.search(rf"\b(?:{APPROXIMATE}|by|before|after|until|till|shortly)\s*$", before):
            # Approximate or bounding times are compatible with anything within an hour either side.
            low, high = low - 60, high + 60
        out.append(SlotValue("time", m.group(0), f"{low}-{high}"))
    return out


def _dates(text: str) -> list[SlotValue]:
    out = []
    for m in DAY_MONTH.finditer(text):
        month_name = (m.group("month") or m.group("month_after")).lower().rstrip(".")
        month = MONTHS.get(month_name) or MONTHS.get(month_name[:3], 0)
        first = int(m.group("day") or m.group("day_first"))
        last = int(m.group("day2") or m.group("day_first2") or first)
        if not 1 <= first <= 31:
            continue
        days = ",".join(f"{month:02d}-{d:02d}" for d in range(first, max(first, last) + 1))
        out.append(SlotValue("date", m.group(0), days))
    if not out:
        # A weekday alone still dates a claim against another weekday.
        for m in WEEKDAY.finditer(text):
            out.append(SlotValue("weekday", m.group(0), m.group(0).lower()))
    return out


def _number_value(raw: str) -> float | None:
    raw = raw.lower().replace(",", "")
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def _numbers(text: str, masked: list[tuple[int, int]]) -> list[SlotValue]:
    out = []
    for m in NUMBER.finditer(text):
        if any(s <= m.start("num") < e for s, e in masked):
            continue
        value = _number_value(m.group("num"))
        unit = (m.group("unit") or "").lower()
        if value is None or not unit or unit in STOPWORDS - {"of"}:
            continue
        if (
            m.group("num").isdigit()
            and len(m.group("num")) == 4
            and 1800 <= value <= 2100
            and unit not in ("people", "troops")
        ):
            continue  # a year, not a count
        if unit in ("am", "pm") or (unit.rstrip("s") in DURATION_UNITS and m.group("unit") is None):
            continue
        before = text[max(0, m.start() - 20) : m.start()]
        owner = re.search(r"(\w+(?:’s|'s))\s*$", before)
        key_unit = unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit
        if key_unit == "of":
            continue  # "30 of his top ..." names no unit we can compare
        approx = "~" if m.group("approx") else ""
        key = f"{owner.group(1).lower() if owner else ''}|{key_unit}|{approx}{value:g}"
        out.append(SlotValue("number", m.group(0).strip(), key))
    return out


def _durations(text: str) -> list[SlotValue]:
    out = []
    for m in DURATION.finditer(text):
        quantity = (m.group("q1") or m.group("q2") or "").lower()
        unit = (m.group("u1") or m.group("u2")).lower()
        scale = DURATION_UNITS[unit]
        low: float
        high: float
        if quantity in VAGUE_QUANTITY:
            low, high = VAGUE_QUANTITY[quantity]
        elif quantity in ("a", "an"):
            low = high = 1
        else:
            number = _number_value(quantity)
            if number is None:
                continue
            low = high = number
        out.append(SlotValue("duration", m.group(0).strip(), f"{low * scale:g}-{high * scale:g}"))
    return out


def _clean_name(name: str) -> str:
    name = TITLES.sub("", name.strip())
    return re.sub(r"(?:’s|'s)$", "", name)


def _companions(text: str) -> list[SlotValue]:
    out = []
    for m in LIST_AFTER_COLON.finditer(text):
        listed = re.sub(r"\b(?:[A-Z][a-z]{0,4}\.\s+)+", "", m.group("list"))  # "Brig. Gen. " and the like
        for name in re.findall(NAME, listed):
            clean = _clean_name(name)
            if clean:
                out.append(SlotValue("person", clean, name_key(clean)))
    for m in COMPANION.finditer(text):
        clean = _clean_name(m.group("name"))
        if clean and not any(v.key == name_key(clean) for v in out):
            out.append(SlotValue("person", clean, name_key(clean)))
    return out


def _places(text: str) -> list[SlotValue]:
    out = [SlotValue("place", v.text, v.key) for v in _lexicon_hits(text, FACILITIES)]
    for m in PLACE_NAME.finditer(text):
        name = _clean_name(m.group("name"))
        if name and name.lower() not in WEEKDAYS and name.split()[0].lower().rstrip(".") not in MONTHS:
            out.append(SlotValue("location", name, name_key(name)))
    return out


def _reasons(text: str) -> list[SlotValue]:
    out = []
    for m in re.finditer(rf"\b(?:{REASON_MARKERS})\b", text, re.I):
        rest = re.split(r"[,;.:!?—–]|\s(?:and|but|which|while|who)\s", text[m.end() :], maxsplit=1)[0]
        # The ultimate cause is what follows the last nested marker ("backlash over X", "fear due to Y").
        parts = re.split(rf"\b(?:{REASON_MARKERS}|over)\b", rest, flags=re.I)
        cause = parts[-1].strip() or rest.strip()
        words = content_words(cause)
        if not words and m.group(0).lower().startswith("on "):
            words = content_words(m.group(0))
            cause = m.group(0)
        if words:
            out.append(SlotValue("reason", f"{m.group(0)} {rest.strip()}", " ".join(sorted(words))))
    return out


def content_words(text: str) -> set[str]:
    """Lower-case content words (stop words dropped, plural s trimmed) of a phrase."""
    words = re.findall(r"[a-z][a-z\-]+", anyascii(text).lower())
    return {
        w[:-1] if w.endswith("s") and len(w) > 4 else w for w in words if w not in STOPWORDS and len(w) > 2
    }


def name_key(name: str) -> str:
    """A loose comparison key for a name: ASCII, lower case, particles and possessives dropped."""
    clean = anyascii(_clean_name(name)).lower()
    words = [
        w
        for w in re.split(r"[\s\-]+", clean)
        if w and w not in ("al", "el", "bin", "ibn", "de", "da", "van", "von")
    ]
    return " ".join(words)


def extract_slots(text: str) -> Slots:
    """The comparable values of a claim's text."""
    dates = _dates(text)
    times = _times(text)
    durations = _durations(text)
    masked = [(text.find(v.text), text.find(v.text) + len(v.text)) for v in (*dates, *times, *durations)]
    statuses = [SlotValue("status", v.text, v.key) for v in _lexicon_hits(text, STATUSES)]
    order = []
    if BEFORE_MARKERS.search(text):
        order.append(SlotValue("order", BEFORE_MARKERS.search(text).group(0), "before"))  # type: ignore[union-attr]
    after = AFTER_MARKERS.search(text)
    if after:
        order.append(SlotValue("order", after.group(0), "after"))
    values = (
        *_numbers(text, masked),
        *times,
        *dates,
        *durations,
        *_companions(text),
        *_places(text),
        *_modes(text),
        *_reasons(text),
        *statuses,
        *order,
    )
    unhedged = HEDGE_NEGATIONS.sub(" ", text)
    return Slots(
        values=tuple(values),
        negated=bool(NEGATORS.search(unhedged)),
        exclusive=bool(EXCLUSIVE.search(text)),
        # Five-letter stems, so that "attended" and "did not attend" share their words.
        words=frozenset(w[:5] for w in content_words(NEGATORS.sub(" ", text)) - NEGATION_WORDS),
    )


def _range(key: str) -> tuple[float, float]:
    low, _, high = key.rpartition("-") if key.count("-") == 1 else (key, "", key)
    return float(low), float(high)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _first_text(values: tuple[SlotValue, ...]) -> str:
    return values[0].text if values else ""


def _numbers_differ(a: Slots, b: Slots) -> list[tuple[str, str, str]]:
    out = []
    for va in a.of("number"):
        owner_a, unit_a, value_a = va.key.split("|")
        for vb in b.of("number"):
            owner_b, unit_b, value_b = vb.key.split("|")
            if unit_a != unit_b or owner_a != owner_b or unit_a in STOPWORDS:
                continue
            x, y = float(value_a.lstrip("~")), float(value_b.lstrip("~"))
            tolerance = 0.15 if "~" in value_a + value_b else 0.0
            if abs(x - y) > tolerance * max(x, y):
                out.append(("number", va.text, vb.text))
    # The same count stated twice in one claim pair is one difference.
    return out[:1]


def _sets_disjoint(a: tuple[SlotValue, ...], b: tuple[SlotValue, ...]) -> bool:
    return bool(a) and bool(b) and not ({v.key for v in a} & {v.key for v in b})


def slot_differences(a: Slots, b: Slots) -> list[tuple[str, str, str]]:
    """The (kind, value in a, value in b) that genuinely differ; a value missing on one side is no difference."""
    out: list[tuple[str, str, str]] = []
    out += _numbers_differ(a, b)
    ta, tb = a.of("time"), b.of("time")
    if ta and tb and not any(_overlap(_range(x.key), _range(y.key)) for x in ta for y in tb):
        out.append(("time", ta[0].text, tb[0].text))
    da, db = a.of("date"), b.of("date")
    days_a = {d for v in da for d in v.key.split(",")}
    days_b = {d for v in db for d in v.key.split(",")}
    if days_a and days_b and not days_a & days_b:
        out.append(("date", da[0].text, db[0].text))
    elif not (days_a or days_b) and _sets_disjoint(a.of("weekday"), b.of("weekday")):
        out.append(("date", a.of("weekday")[0].text, b.of("weekday")[0].text))
    ra, rb = a.of("duration"), b.of("duration")
    if ra and rb and not any(_overlap(_range(x.key), _range(y.key)) for x in ra for y in rb):
        out.append(("time", ra[0].text, rb[0].text))
    oa, ob = {v.key for v in a.of("order")}, {v.key for v in b.of("order")}
    if len(oa) == 1 and len(ob) == 1 and oa != ob:
        out.append(("time", _first_text(a.of("order")), _first_text(b.of("order"))))
    pa, pb = a.of("person"), b.of("person")
    if pa and pb and (a.exclusive or b.exclusive):
        keys_a, keys_b = {v.key for v in pa}, {v.key for v in pb}
        extra_a = [v for v in pa if v.key not in keys_b and not _name_in(v.key, keys_b)]
        extra_b = [v for v in pb if v.key not in keys_a and not _name_in(v.key, keys_a)]
        # An exclusive list ("only X and Y") is contradicted by a companion it leaves out.
        if (b.exclusive and extra_a) or (a.exclusive and extra_b):
            out.append(("person", ", ".join(v.text for v in pa), ", ".join(v.text for v in pb)))
    fa, fb = a.of("place"), b.of("place")
    if _sets_disjoint(fa, fb):
        out.append(("place", fa[0].text, fb[0].text))
    ma, mb = {v.key for v in a.of("mode")}, {v.key for v in b.of("mode")}
    if ma and mb and not any(x == y or frozenset({x, y}) in MODE_COMPATIBLE for x in ma for y in mb):
        out.append(("mode", _first_text(a.of("mode")), _first_text(b.of("mode"))))
    reason = _reason_difference(a.of("reason"), b.of("reason"))
    if reason:
        out.append(reason)
    sa, sb = {v.key for v in a.of("status")}, {v.key for v in b.of("status")}
    only_a, only_b = sa - sb, sb - sa
    if any(frozenset({x, y}) in OPPOSED_STATUSES for x in only_a for y in only_b):
        pick_a = next(v.text for v in a.of("status") if v.key in only_a)
        pick_b = next(v.text for v in b.of("status") if v.key in only_b)
        out.append(("status", pick_a, pick_b))
    if a.negated != b.negated and a.words and b.words:
        shared = len(a.words & b.words) / min(len(a.words), len(b.words))
        if shared >= NEGATION_OVERLAP:
            out.append(("negation", "not" if a.negated else "affirmed", "not" if b.negated else "affirmed"))
    return out


def _name_in(key: str, keys: set[str]) -> bool:
    """A short name ("Hafez") matches a fuller one ("Hafez Smith") on a shared word."""
    words = set(key.split())
    return any(words & set(other.split()) for other in keys)


def _reason_difference(a: tuple[SlotValue, ...], b: tuple[SlotValue, ...]) -> tuple[str, str, str] | None:
    if not a or not b:
        return None
    for va in a:
        for vb in b:
            wa, wb = set(va.key.split()), set(vb.key.split())
            if len(wa & wb) * 2 >= min(len(wa), len(wb)):
                return None  # some stated cause is shared: the rest is elaboration
    return ("reason", a[0].text, b[0].text)
