"""Slots of a claim: the values two reports of the same thing can disagree on.

No inference model is available offline, so contradictions are found by comparing
values: numbers with units, clock times, dates, durations, companions (named
people "with" someone, and whether the list is exclusive), places (facility
nouns, named facilities and named locations), means of travel, the reason given
for something, a status (killed vs wounded, detained vs sent home...), negation,
the order of a state relative to the event ("already" vs "has now"), being in a
place before travelling there, and asserting what another report could not confirm.

Values are tied to what they are about: a date or a facility to the nearest verb
(its event: "detained on Friday" and "arrested on Saturday" date one event,
"summoned on Friday" another), a count to the words around it ("carry 80
passengers" and "carry 50 people" measure one thing, "41 rescued" and "23 dead"
two), a place to its role (where something happened, where someone went).

``slot_differences`` reports only values that genuinely differ: a value given
by one claim and missing from the other is not a difference, and compatible
values (a generic "flew" vs "by helicopter", "around 11pm" vs "near midnight",
"at least 23" vs "41") are not either. Cost: a few regular-expression passes
over the claim text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import NamedTuple

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
#: words before a count that make it a range rather than an exact value
LOWER_BOUND = r"more than|over|at least|upwards of|no fewer than|no less than"
UPPER_BOUND = r"up to|fewer than|less than|under|no more than|at most"
ABOUT = r"about|around|roughly|approximately|nearly|almost|some|an estimated|close to|estimated"
APPROXIMATE = rf"(?:{LOWER_BOUND}|{UPPER_BOUND}|{ABOUT})"
#: units that count the same thing; a count of "passengers" and one of "people" measure one crowd
UNIT_CLASSES = {
    "person": "people", "persons": "people", "passenger": "people", "individual": "people",
    "people": "people", "body": "dead", "bodie": "dead", "death": "dead", "fatalitie": "dead",
}  # fmt: skip
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
#: a travel word that names the vehicle of the story itself ("the ferry capsized") is not a means of travel
MODE_VERBS = frozenset(
    [
        "flew", "fly", "flies", "flying", "flown", "airlifted", "airlift", "took off", "by air", "drove", "drive",
        "drives", "driving", "driven", "by road", "overland", "sailed", "by sea", "by rail", "on foot", "walked",
        "walking",
    ]
)  # fmt: skip
#: a vehicle noun is a means of travel after one of these, within a few words ("by car", "into an armoured vehicle")
VEHICLE_CUE = re.compile(r"\b(?:by|in|into|on|onto|aboard|via|using|inside)\s+(?:[\w’'\-]+\s+){0,3}$")
# Facility nouns name where something happened; synonyms share a class.
FACILITIES: dict[str, tuple[str, ...]] = {
    "home": ("home", "house", "residence", "villa", "apartment", "mansion"),
    "palace": ("palace",),
    "office": ("office", "headquarters", "ministry"),
    "airport": ("airport", "airbase", "air base", "airfield", "airstrip"),
    "pier": ("landing", "jetty", "pier", "dock", "quay", "wharf"),
    "hospital": ("hospital", "clinic"),
    "hotel": ("hotel",),
    "embassy": ("embassy", "consulate"),
    "prison": ("prison", "jail"),
    "school": ("school", "university", "campus"),
    "church": ("church", "mosque", "synagogue", "temple"),
}  # fmt: skip
#: a facility is somewhere only after one of these (within a few words); otherwise it is an institution
SITE_CUES = r"in|at|inside|outside|near|of|entered|stormed|swarmed|raided|searched|within sight of|beside|behind|around"
DESTINATION_CUES = r"to|into|toward|towards|for"
ORIGIN_CUES = r"from|out of|left|fled|escaped"
STATUSES: dict[str, tuple[str, ...]] = {
    "dead": ("killed", "dead", "died", "dies", "slain", "murdered", "executed", "shot dead", "fatally"),
    "wounded": ("wounded", "injured", "hurt", "survived", "escaped with his life", "escaped with her life", "barely escaped"),
    "arrested": ("arrested", "detained", "in custody", "taken into custody", "jailed", "remanded"),
    "released": (
        "released", "freed", "let go", "set free", "allowed to go home", "allowed to leave", "sent home",
        "without charge", "without charges",
    ),
    "asylum": ("asylum",),
    "humanitarian": ("humanitarian grounds", "humanitarian reasons", "on humanitarian"),
    "resigned": ("resigned", "stepped down", "quit"),
    "dismissed": ("sacked", "fired", "dismissed", "ousted"),
    "missing": ("missing", "disappeared", "unaccounted"),
    "found": ("found alive", "rescued", "located"),
    "valid": ("valid", "in force", "up to date"),
    "expired": ("expired", "lapsed", "revoked", "invalid", "out of date"),
}  # fmt: skip
OPPOSED_STATUSES = {
    frozenset({"dead", "wounded"}),
    frozenset({"dead", "missing"}),
    frozenset({"dead", "found"}),
    frozenset({"arrested", "released"}),
    frozenset({"asylum", "humanitarian"}),
    frozenset({"resigned", "dismissed"}),
    frozenset({"valid", "expired"}),
}
#: a facility noun followed by one of these names people who work there, not a place
STAFF_AFTER = re.compile(
    r"\s+(?:manager|director|chief|head|spokes(?:man|woman|person)|officials?|staff|workers?|employees?|guards?|"
    r"aides?|sources?|secretary|adviser|advisor|officers?|doctors?|nurses?)\b",
    re.I,
)
# Families of event words: a date, a place or a means of travel belongs to the event its verb names.
EVENTS: dict[str, tuple[str, ...]] = {
    "depart": (
        "left", "leave", "leaves", "leaving", "fled", "flee", "flees", "fleeing", "escaped", "escape",
        "escapes", "escaping", "departed", "depart", "departs", "departure", "exit", "on his way",
        "on her way", "on their way", "drove away", "drove off", "took off", "set off", "setting off",
    ),
    "travel": (
        "traveled", "travelled", "travel", "travels", "visited", "visit", "visits", "arrived", "arrive",
        "arrives", "arrival", "reached", "landed", "returned", "return", "headed", "went to",
    ),
    "arrest": ("arrested", "arrest", "detained", "detain", "custody", "jailed", "held", "apprehended"),
    "release": ("released", "freed", "release"),
    "die": ("killed", "died", "dead", "death", "slain", "killing"),
    "injure": ("wounded", "injured", "injuring"),
    "meet": ("met", "meet", "meets", "meeting", "talks"),
    "speak": ("spoke", "spoken", "speak", "called", "phoned", "conversation", "recounted"),
    "sink": ("capsized", "capsize", "sank", "sunk", "sink", "overturned", "went over", "went down", "rolled"),
    "attack": ("attacked", "attack", "launched", "offensive", "struck", "stormed", "shelled", "bombed"),
    "enter": ("entered", "swarmed", "raided", "seized", "captured", "took control"),
    "announce": ("announced", "declared", "announcement"),
    "rescue": ("rescued", "pulled", "saved"),
    "grant": ("granted", "gave", "given", "offered"),
    "refuse": ("refused", "rejected", "declined", "denied"),
}  # fmt: skip
EVENT_OF = {word: family for family, words in EVENTS.items() for word in words}
EVENT_PATTERN = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, EVENT_OF), key=len, reverse=True)) + r")\b", re.I
)
#: past forms that do not end in -ed, so a date can find its verb
IRREGULAR_VERBS = frozenset(
    [
        "began", "begun", "came", "went", "took", "taken", "told", "said", "spoke", "spoken", "gave", "given",
        "made", "found", "saw", "seen", "won", "lost", "sent", "brought", "ran", "rose", "fell", "flew",
        "flown", "drove", "driven", "sank", "sunk", "struck", "caught", "built", "paid", "sold", "shot", "hit",
        "quit", "cut", "set", "let", "kept", "led", "met", "left", "fled", "held", "stood", "wrote", "written",
        "broke", "broken", "chose", "chosen"
    ]
)  # fmt: skip
AUXILIARIES = frozenset(
    [
        "was", "were", "is", "are", "be", "been", "being", "had", "has", "have", "did", "do", "does", "would",
        "will", "could", "should", "may", "might"
    ]
)  # fmt: skip
# Causal markers that open a reason; "over" only after a noun of feeling or dispute.
REASON_MARKERS = (
    r"because of|because|due to|owing to|as a result of|for fear of|for fear that|fearing|citing|"
    r"on the grounds that|on (?:humanitarian|security|health|medical) grounds|in protest (?:at|against|over)|"
    r"(?:concerns?|fears?|anger|outrage|backlash|dispute|row|protests?|worries|worry) over|amid"
)
# Blame names a cause too: "blamed X for the accident", "pointed at X", "caused by X".
BLAME = re.compile(
    r"\bblam(?:ed|es|ing|e)\s+(?P<cause>[^,;.]+?)\s+for\b"
    r"|\bpoint(?:ed|ing|s)?\s+(?:the\s+finger\s+)?at\s+(?P<cause2>[^,;.]+)"
    r"|\b(?:caused|triggered|brought on)\s+by\s+(?P<cause3>[^,;.]+)"
    r"|\battributed\s+(?:\w+\s+){0,3}?to\s+(?P<cause4>[^,;.]+)",
    re.I,
)
NEGATORS = re.compile(
    r"\b(?:not|never|no|none|nobody|neither|nor|without|denied|denies|deny|refused|n[’']t)\b|n[’']t\b", re.I
)
# Negators whose scope is the words after them ("without a valid licence", "did not attend the talks").
SCOPED_NEGATOR = re.compile(
    r"\b(?:not|never|no|without|denied|denies|deny|denying|refused to|declined to)\b|n[’']t\b", re.I
)
# Statements about what the reporter could not check are hedges, not negated facts.
HEDGE_NEGATIONS = re.compile(
    r"\b(?:could|can|was|were|has|have|had)\s*(?:not|n[’']t)\s+(?:be\s+)?(?:independently\s+)?"
    r"(?:verif\w*|confirm\w*|reach\w*|immediately|establish\w*|determine\w*|say)|\bunable to (?:verify|confirm|reach|establish)|\bno comment",
    re.I,
)
# "could not confirm whether X or Y", "it is unclear whether X or Y": alternatives left open.
UNCONFIRMED = re.compile(
    r"\b(?:(?:could|can|did)\s*(?:not|n[’']t)|cannot|(?:was|were|is|are)\s+unable\s+to|unable\s+to)\s+"
    r"(?:independently\s+)?(?:confirm|verify|establish|determine|say|tell)\s+(?:whether|if)\s+(?P<alts>[^.;]+)"
    r"|\b(?:it\s+)?(?:is|was|remains|remained)\s+(?:unclear|not\s+clear|not\s+known|unknown)\s+(?:whether|if)\s+(?P<alts2>[^.;]+)",
    re.I,
)
NEGATION_WORDS = frozenset(
    {"never", "none", "nobody", "neither", "nor", "without", "denied", "denie", "deny", "refused"}
)
#: a negated restatement shares at least this share of the smaller claim's content words
NEGATION_OVERLAP = 0.7
#: words after a negator that make its scope, up to a clause or prepositional phrase
NEGATION_SCOPE = 5
NEGATION_SCOPE_END = re.compile(
    r"[,;.:!?—–(]|\s(?:and|but|which|while|who|when|after|before|because|for|since|until|in|on|at|from|by|as)\s"
)
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
        "a", "an", "the", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or", "but", "as",
        "is", "are", "was", "were", "be", "been", "being", "his", "her", "their", "its", "he", "she", "they",
        "him", "them", "it", "this", "that", "these", "those", "which", "who", "whom", "whose", "over",
        "against", "into", "than", "then", "there", "had", "has", "have", "also", "said", "would", "could",
        "should", "will", "may", "might", "can", "not", "no"
    ]
)  # fmt: skip
COUNT_ADJECTIVES = frozenset(
    ["other", "more", "additional", "further", "extra", "separate", "different", "new"]
)
#: words around a count that say nothing about what is counted
COUNT_CONTEXT_NOISE = frozenset(
    [
        "more", "least", "about", "around", "roughly", "some", "nearly", "almost", "than", "still", "only",
        "according", "told", "reported", "while"
    ]
)  # fmt: skip
#: how many words either side of a count describe what it counts
COUNT_WINDOW = 4
#: how many words a date, place or means of travel looks for its verb
EVENT_WINDOW = 12
PARTICLE = r"(?:al|el|an|ad|as|ar|bin|ibn|de|da|van|von|abu)"
NAME = rf"[A-Z][\w’'\-]*(?:\s+(?:{PARTICLE}[\-\s])?[A-Z][\w’'\-]*)*"
#: a name that may open with a lower-case particle ("el-Fasher")
PARTICLE_NAME = rf"(?:{PARTICLE}-)?{NAME}"
TITLES = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Gen|Brig|Col|Maj|Capt|Lt|Sgt|Sheikh|President|Minister|General|Prime|Foreign|Colonel|Governor|Mayor)\.?\s+)+"
)
COMPANION = re.compile(
    rf"\b(?:with|accompanied by|along with|together with|joined by|taking)\s+(?:(?:his|her|their|its|the|only|just|[a-z]+)\s+){{0,5}}?(?P<name>{NAME})"
)
#: "with" after these words joins talk or knowledge, not company
NOT_COMPANY = re.compile(
    r"\b(?:familiar|speak|spoke|spoken|speaking|talk\w*|met|meet\w*|interview\w*|contact|ties|relations|deal|agreement|"
    r"negotiat\w*|liais\w*|call|calls|phone|conversation)\s*$",
    re.I,
)
LIST_AFTER_COLON = re.compile(r"\bwith (?:him|her|them)\s*:\s*(?P<list>[^.;]+)")
EXCLUSIVE = re.compile(
    r"\b(?:only|alone|solely|no one else|nobody else|just (?:two|three|one|a handful))\b", re.I
)
PLACE_NAME = re.compile(
    rf"\b(?:in|at|to|into|from|near|toward|towards|inside|outside)\s+(?:the\s+)?(?P<name>{PARTICLE_NAME})"
)
# Being somewhere ("was in X", "stayed in X") and going there ("travelled to X", "a visit to X").
PRESENCE = re.compile(
    rf"\b(?:was|were|is|are|remained|stayed|had been|has been)\s+(?:already\s+|still\s+)?in\s+(?P<name>{PARTICLE_NAME})"
)
ARRIVAL = re.compile(
    rf"\b(?:traveled|travelled|travels|flew|went|came|returned|arrived|headed|visit|trip|journey)\s+(?:back\s+)?(?:to|in)\s+(?P<name>{PARTICLE_NAME})"
)
CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])|\b(?P<word>midnight|noon|midday|dawn|dusk|sunrise|sunset)\b",
    re.I,
)
MONTH_NAME = r"Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?"
WEEKDAY_NAME = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
DAY_MONTH = re.compile(
    rf"(?:\b(?P<weekday>{WEEKDAY_NAME}),?\s+)?"
    rf"(?:\b(?P<month>{MONTH_NAME})\.?\s+(?P<day>\d{{1,2}})(?:\s*[-–]\s*(?P<day2>\d{{1,2}}))?(?:st|nd|rd|th)?\b"
    rf"|\b(?P<day_first>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*(?P<day_first2>\d{{1,2}}))?\s+(?P<month_after>{MONTH_NAME})\b)"
)
WEEKDAY = re.compile(rf"\b(?:{WEEKDAY_NAME})\b")
NUMBER = re.compile(
    rf"(?:(?P<approx>{APPROXIMATE})\s+)?(?P<num>\d{{1,3}}(?:,\d{{3}})+|\d+(?:\.\d+)?|"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?:[\s\-]+(?P<unit>[a-z]+))?\b(?P<or_more>\s+or\s+more)?",
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
# Who says it is not part of what is said: "officials in the governor's office said" places no event.
ATTRIBUTION_TAIL = re.compile(
    r"(?:,|^)\s*(?:according to [^,.;]+|[^,;]{0,80}\b(?:said|says|told [A-Z][\w ]{0,30}|reported|has learned|have learned)\b[^,;]{0,40})\s*[.!]?\s*$"
    r"|\baccording to [^,.;]+",
)
GROUP_COUNT = re.compile(r"\b(?:\d+|" + "|".join(NUMBER_WORDS) + r")\b(?:\s+[\w’'\-]+){0,4}\s*$", re.I)
WORD = re.compile(r"[A-Za-z][\w’'\-]*")


@dataclass(frozen=True)
class SlotValue:
    """One value of a slot: ``text`` as written, ``key`` what is compared, ``event`` the verb family it belongs to."""

    kind: str
    text: str
    key: str
    start: int = -1
    event: str = ""
    context: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Slots:
    """The comparable values of one claim."""

    values: tuple[SlotValue, ...] = ()
    negated: bool = False
    exclusive: bool = False  # "only", "alone": the people named are all there were
    words: frozenset[str] = frozenset()  # content words, to tell a negated restatement from another statement
    counts: tuple[float, ...] = ()  # every number the claim states, with or without a unit
    events: frozenset[str] = frozenset()  # event families the claim names
    scopes: tuple[tuple[str, frozenset[str]], ...] = ()  # negated phrases and their content stems
    stems: frozenset[str] = frozenset()  # five-letter stems of the claim's words, negated or not
    text: str = ""

    def of(self, kind: str) -> tuple[SlotValue, ...]:
        """The values of one kind."""
        return self._by_kind.get(kind, ())

    @cached_property
    def _by_kind(self) -> dict[str, tuple[SlotValue, ...]]:
        # Every claim pair asks for each kind: index the values once per claim.
        index: dict[str, list[SlotValue]] = {}
        for v in self.values:
            index.setdefault(v.kind, []).append(v)
        return {kind: tuple(values) for kind, values in index.items()}

    @cached_property
    def named(self) -> frozenset[str]:
        """Name keys of the places and people the claim names, and of the names in any of its values."""
        named = {v.key for v in self.of("location")} | {v.key for v in self.of("person")}
        named |= {name_key(n) for n in re.findall(PARTICLE_NAME, " ".join(v.text for v in self.values))}
        return frozenset(named)


class Difference(NamedTuple):
    """A slot on which two claims genuinely differ: the kind, both values as written, and both compared keys."""

    kind: str
    a: str
    b: str
    key_a: str = ""
    key_b: str = ""
    slot: str = ""  # the slot compared when it is narrower than the kind (a duration, an order, a visit)


def _stem(word: str) -> str:
    return anyascii(word).lower()[:5]


def _blank(text: str, pattern: re.Pattern[str]) -> str:
    """The text with every match of a pattern replaced by spaces (offsets kept)."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def _event_at(text: str, start: int, end: int, families_only: bool = False) -> str:
    """The event family (or verb stem) nearest a value: the closest verb before it in its clause, else after it.

    With ``families_only`` only a named event before the value counts (the verb that governs a place
    precedes it: "entered the palace"); anything else leaves the event unknown.
    """
    clause_start = max(text.rfind(ch, 0, start) for ch in ".;:!?") + 1
    clause_end = min([i for i in (text.find(ch, end) for ch in ".;!?") if i >= 0] or [len(text)])
    before = [m for m in WORD.finditer(text, clause_start, start)][-EVENT_WINDOW:]
    after = [m for m in WORD.finditer(text, end, clause_end)][:EVENT_WINDOW]
    families = {m.start(): EVENT_OF[m.group(0).lower()] for m in EVENT_PATTERN.finditer(text)}

    def verb(m: re.Match[str]) -> str:
        word = m.group(0).lower()
        if m.start() in families:
            return families[m.start()]
        if word in AUXILIARIES or families_only:
            return ""
        if word in IRREGULAR_VERBS or (word.endswith("ed") and len(word) > 4):
            return word[:5]
        return ""

    for m in reversed(before):
        found = verb(m)
        if found:
            return found
    for m in () if families_only else after:
        found = verb(m)
        if found:
            return found
    return ""


@lru_cache(maxsize=4096)
def _word_pattern(word: str) -> re.Pattern[str]:
    """A whole-word pattern, compiled once (the lexicons hold more words than ``re``'s own cache)."""
    return re.compile(rf"\b{re.escape(word)}\b")


@lru_cache(maxsize=1024)
def _named_facility_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?:\bthe\s+)?(?P<name>{PARTICLE_NAME})\s+{re.escape(word)}\b")


def _lexicon_hits(text: str, lexicon: dict[str, tuple[str, ...]]) -> list[SlotValue]:
    low = text.lower()
    hits = []
    for key, words in lexicon.items():
        for word in words:
            m = _word_pattern(word).search(low) if word in low else None
            if m:
                hits.append((m.start(), key, text[m.start() : m.end()]))
                break
    return [SlotValue("", surface, key, start) for start, key, surface in sorted(hits)]


def _modes(text: str) -> list[SlotValue]:
    out = []
    low = text.lower()
    for key, words in MODES.items():
        hits = sorted(
            (m.start(), m.end()) for word in words if word in low for m in _word_pattern(word).finditer(low)
        )
        for start, end in hits:
            word = low[start:end]
            if word not in MODE_VERBS and not VEHICLE_CUE.search(low[max(0, start - 40) : start]):
                continue  # "boarded the pirates' boats", "the ferry capsized": a vehicle, not how anyone went
            out.append(SlotValue("mode", text[start:end], key, start, _event_at(text, start, end)))
            break
    m = re.search(
        r"\b(?:by|on|aboard)\s+(?:a\s+|the\s+)?(?:\w+\s+)?flights?\b|\bflights?\s+(?:to|from|back)\b",
        text,
        re.I,
    )
    if m:
        out.append(SlotValue("mode", "flight", "air", m.start(), _event_at(text, m.start(), m.end())))
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
        # A time given to the minute is rounded to a quarter hour at most; one on the hour, to half an hour.
        slack = 15 if m.group("m") and int(m.group("m")) % 30 else 30
        if re.search(r"\b(?:by|before|until|till|no later than)\s*$", before):
            low = 0  # a deadline: any time before it
        elif re.search(r"\bshortly\s+(?:after|before)\s*$", before):
            low, high = (low, high + 45) if "after" in before[-12:] else (low - 45, high)
        elif re.search(r"\bafter\s*$", before):
            high += 120
        elif re.search(rf"\b(?:{ABOUT}|near|approximately)\s*$", before):
            low, high = low - slack, high + slack
        out.append(
            SlotValue("time", m.group(0), f"{low}-{high}", m.start(), _event_at(text, m.start(), m.end()))
        )
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
        event = _event_at(text, m.start(), m.end())
        out.append(SlotValue("date", m.group(0), days, m.start(), event))
        if m.group("weekday"):
            out.append(SlotValue("weekday", m.group("weekday"), m.group("weekday").lower(), m.start(), event))
    dated = [(v.start, v.start + len(v.text)) for v in out if v.kind == "date"]
    for m in WEEKDAY.finditer(text):
        if not any(s <= m.start() < e for s, e in dated):
            event = _event_at(text, m.start(), m.end())
            out.append(SlotValue("weekday", m.group(0), m.group(0).lower(), m.start(), event))
    return out


def _number_value(raw: str) -> float | None:
    raw = raw.lower().replace(",", "")
    if raw in NUMBER_WORDS:
        return float(NUMBER_WORDS[raw])
    try:
        return float(raw)
    except ValueError:
        return None


def _count_range(value: float, approx: str, or_more: bool) -> tuple[float, float]:
    """The values a stated count allows: "at least 23" allows 41, "about 120" allows 110."""
    approx = approx.lower()
    if or_more or re.fullmatch(LOWER_BOUND, approx):
        return value, float("inf")
    if re.fullmatch(UPPER_BOUND, approx):
        return 0.0, value
    if approx in ("nearly", "almost"):
        return value * 0.85, value
    if approx:
        return value * 0.85, value * 1.15
    return value, value


def _count_context(text: str, start: int, end: int) -> frozenset[str]:
    """Stems of the words around a count, with status words folded to their status ("killed", "dead")."""
    before = WORD.findall(text[:start])[-COUNT_WINDOW:]
    after = WORD.findall(text[end:])[:COUNT_WINDOW]
    out = set()
    for word in (*before, *after):
        low = word.lower()
        if low in STOPWORDS or low in COUNT_CONTEXT_NOISE or low in NUMBER_WORDS or len(low) < 3:
            continue
        status = next((key for key, words in STATUSES.items() if low in words), None)
        out.add(f"={status}" if status else _stem(low))
    return frozenset(out)


def _numbers(text: str, masked: list[tuple[int, int]]) -> tuple[list[SlotValue], list[float]]:
    out = []
    stated = []
    for m in NUMBER.finditer(text):
        if any(s <= m.start("num") < e for s, e in masked):
            continue
        value = _number_value(m.group("num"))
        if value is None:
            continue
        stated.append(value)
        unit = (m.group("unit") or "").lower()
        if not unit or unit in STOPWORDS - {"of"}:
            continue
        if m.group("num").isdigit() and len(m.group("num")) == 4 and 1800 <= value <= 2100:
            continue  # a year, not a count
        if unit in ("am", "pm") or unit.rstrip("s") in DURATION_UNITS or unit in COUNT_ADJECTIVES:
            continue  # "two other rifles": the word after the number is no unit
        before = text[max(0, m.start() - 20) : m.start()]
        owner = re.search(r"(\w+(?:’s|'s))\s*$", before)
        key_unit = unit[:-1] if unit.endswith("s") and len(unit) > 3 else unit
        if key_unit == "of":
            continue  # "30 of his top ..." names no unit we can compare
        key_unit = UNIT_CLASSES.get(key_unit, key_unit)
        low, high = _count_range(value, m.group("approx") or "", bool(m.group("or_more")))
        key = f"{owner.group(1).lower() if owner else ''}|{key_unit}|{low:g}|{high:g}"
        context = _count_context(text, m.start(), m.end("unit"))
        out.append(SlotValue("number", m.group(0).strip(), key, m.start(), "", context))
    return out, stated


#: any stated length of time ("more than 30 hours of talks"): it agrees with the same length elsewhere
BARE_DURATION = re.compile(
    r"\b(?P<q>\d+|"
    + "|".join(k for k in NUMBER_WORDS if NUMBER_WORDS[k] < 100)
    + r")\s+(?P<u>minute|hour|day|week|month|year)s?\b",
    re.I,
)


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
        out.append(SlotValue("duration", m.group(0).strip(), f"{low * scale:g}-{high * scale:g}", m.start()))
    for m in BARE_DURATION.finditer(text):
        number = _number_value(m.group("q"))
        if number is not None:
            scale = DURATION_UNITS[m.group("u").lower()]
            out.append(
                SlotValue("duration_any", m.group(0), f"{number * scale:g}-{number * scale:g}", m.start())
            )
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
                out.append(SlotValue("person", clean, name_key(clean), m.start()))
    for m in COMPANION.finditer(text):
        if m.group("name").endswith(("’s", "'s")) or NOT_COMPANY.search(text[: m.start()]):
            continue  # "familiar with the minister's exit", "spoke with X": no one went anywhere together
        clean = _clean_name(m.group("name"))
        if clean and not any(v.key == name_key(clean) for v in out):
            out.append(SlotValue("person", clean, name_key(clean), m.start("name")))
    return out


SENTENCE_TERM = re.compile(
    r"\b(?:life|years?|months?|weeks?|days?|sentence|term|time)\s+(?:in|behind)\s+$", re.I
)


def _facility_role(text: str, start: int) -> str:
    """Where a facility stands in its event: the site, the destination or the origin; '' when it is an institution."""
    before = text[max(0, start - 45) : start]
    words = r"(?:[\w’'\-]+\s+){0,3}"
    if SENTENCE_TERM.search(before):
        return ""  # "life in prison", "years in jail": a sentence, not a place
    possessive = re.search(
        rf"(?<!\b(?:he|it))(?<!\b(?:she|who))(?<!\bthat)(?<!\bthere)(?:’s|'s)\s+{words}$", before, re.I
    )
    if possessive and not re.search(rf"\b(?:{DESTINATION_CUES}|{ORIGIN_CUES})\s+{words}$", before):
        return "site"
    for role, cues in (("destination", DESTINATION_CUES), ("origin", ORIGIN_CUES), ("site", SITE_CUES)):
        if re.search(rf"\b(?:{cues})\s+{words}$", before, re.I):
            return role
    return ""


def _places(text: str) -> list[SlotValue]:
    out = []
    for v in _lexicon_hits(text, FACILITIES):
        if STAFF_AFTER.match(text, v.start + len(v.text)):
            continue  # "the office manager", "embassy staff": people, not a place
        role = _facility_role(text, v.start)
        if role:
            # Only a named event before it ties a place: "videos of his home, taken by ..." says nothing of where.
            event = _event_at(text, v.start, v.start + len(v.text), families_only=True)
            out.append(SlotValue("place", v.text, f"{role}:{v.key}", v.start, event))
        # A named facility ("the Port Sable landing"): the same kind of place with another name differs.
        for word in FACILITIES[v.key]:
            if word not in text:
                continue
            for m in _named_facility_pattern(word).finditer(text):
                name = _clean_name(m.group("name"))
                if name and name.split()[0].lower() not in ("the", "a", "an", "his", "her", "their"):
                    out.append(
                        SlotValue("facility", f"{name} {word}", f"{v.key}@{name_key(name)}", m.start())
                    )
    for m in PLACE_NAME.finditer(text):
        name = _clean_name(m.group("name"))
        if name and name.lower() not in WEEKDAYS and name.split()[0].lower().rstrip(".") not in MONTHS:
            out.append(SlotValue("location", name, name_key(name), m.start("name")))
    return out


def _visits(text: str, dates: list[SlotValue]) -> list[SlotValue]:
    """Being in a place and going there, each with the claim's dates: "was in X on D1" vs "went to X on D2"."""
    days = sorted({d for v in dates if v.kind == "date" for d in v.key.split(",")})
    if not days:
        return []
    out = []
    for kind, pattern in (("presence", PRESENCE), ("arrival", ARRIVAL)):
        for m in pattern.finditer(text):
            name = _clean_name(m.group("name"))
            if name and name.lower() not in WEEKDAYS and name.split()[0].lower().rstrip(".") not in MONTHS:
                out.append(SlotValue(kind, m.group(0), f"{name_key(name)}@{','.join(days)}", m.start()))
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
            out.append(
                SlotValue("reason", f"{m.group(0)} {rest.strip()}", " ".join(sorted(words)), m.start())
            )
    for m in BLAME.finditer(text):
        cause = next(g for g in m.groups() if g)
        words = content_words(cause)
        if words:
            out.append(SlotValue("reason", m.group(0).strip(), " ".join(sorted(words)), m.start()))
    return out


def _unconfirmed(text: str) -> list[SlotValue]:
    """Alternatives a report leaves open ("could not confirm whether X or Y"), keyed by the names they mention."""
    out = []
    for m in UNCONFIRMED.finditer(text):
        alternatives = m.group("alts") or m.group("alts2")
        names = {name_key(_clean_name(n)) for n in re.findall(PARTICLE_NAME, alternatives)}
        names.discard("")
        if names:
            out.append(SlotValue("unconfirmed", alternatives.strip(), ",".join(sorted(names)), m.start()))
    return out


def _negated_scopes(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """Each negated phrase ("without a valid licence") and the stems of its content words."""
    out = []
    for m in SCOPED_NEGATOR.finditer(text):
        rest = NEGATION_SCOPE_END.split(text[m.end() :], maxsplit=1)[0]
        words = [w for w in WORD.findall(rest)[:NEGATION_SCOPE] if w.lower() not in STOPWORDS]
        stems = frozenset(_stem(w) for w in words if len(w) > 2) - {"been", "being"}
        if stems:
            out.append((text[m.start() : m.end() + len(rest)].strip(), stems))
    return tuple(out)


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
        if w and w not in ("al", "el", "an", "ad", "as", "ar", "bin", "ibn", "de", "da", "van", "von")
    ]
    return " ".join(words)


def events_of(text: str) -> frozenset[str]:
    """The event families a text names ("fled" → depart, "detained" → arrest)."""
    return frozenset(EVENT_OF[m.group(0).lower()] for m in EVENT_PATTERN.finditer(text))


@lru_cache(maxsize=8192)
def extract_slots(text: str) -> Slots:
    """The comparable values of a claim's text (memoised: copies repeat claims, and a story is re-analysed)."""
    dates = _dates(text)
    times = _times(text)
    durations = _durations(text)
    masked = [(v.start, v.start + len(v.text)) for v in (*dates, *times, *durations)]
    numbers, counts = _numbers(text, masked)
    statuses = [
        SlotValue("status", v.text, v.key, v.start)
        for v in _lexicon_hits(text, STATUSES)
        # "23 people were confirmed dead", "five still missing": a group's count, not someone's fate
        if not GROUP_COUNT.search(text[: v.start])
    ]
    order = []
    before = BEFORE_MARKERS.search(text)
    if before:
        order.append(SlotValue("order", before.group(0), "before", before.start()))
    after = AFTER_MARKERS.search(text)
    if after:
        order.append(SlotValue("order", after.group(0), "after", after.start()))
    # Who said it is no part of what happened: places and companions come from the statement alone.
    statement = _blank(text, ATTRIBUTION_TAIL)
    values = (
        *numbers,
        *times,
        *dates,
        *durations,
        *_companions(statement),
        *_places(statement),
        *_visits(text, dates),
        *_modes(text),
        *_reasons(text),
        *statuses,
        *order,
        *_unconfirmed(text),
    )
    unhedged = HEDGE_NEGATIONS.sub(" ", text)
    return Slots(
        values=tuple(values),
        negated=bool(NEGATORS.search(unhedged)),
        exclusive=bool(EXCLUSIVE.search(text)),
        # Five-letter stems, so that "attended" and "did not attend" share their words.
        words=frozenset(w[:5] for w in content_words(NEGATORS.sub(" ", text)) - NEGATION_WORDS),
        counts=tuple(counts),
        events=events_of(text),
        scopes=_negated_scopes(_blank(unhedged, UNCONFIRMED)),
        stems=frozenset(_stem(w) for w in WORD.findall(text)),
        text=text,
    )


def _range(key: str) -> tuple[float, float]:
    low, _, high = key.rpartition("-") if key.count("-") == 1 else (key, "", key)
    return float(low), float(high)


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _first_text(values: tuple[SlotValue, ...]) -> str:
    return values[0].text if values else ""


def _agrees(value: float, stated: tuple[float, ...]) -> bool:
    """A count the other claim states too (2% for rounding); an open bound agrees with nothing."""
    return value != float("inf") and any(abs(value - other) <= 0.02 * max(value, other) for other in stated)


def _numbers_differ(a: Slots, b: Slots) -> list[Difference]:
    out = []
    for va in a.of("number"):
        owner_a, unit_a, low_a, high_a = va.key.split("|")
        if _agrees(float(low_a), b.counts) or _agrees(float(high_a), b.counts):
            continue  # the other claim states the same number, perhaps without its unit
        for vb in b.of("number"):
            owner_b, unit_b, low_b, high_b = vb.key.split("|")
            if unit_a != unit_b or owner_a != owner_b or unit_a in STOPWORDS:
                continue
            if _agrees(float(low_b), a.counts) or _agrees(float(high_b), a.counts):
                continue
            if not va.context & vb.context:
                continue  # "41 rescued" and "23 dead" count different people
            if not _overlap((float(low_a), float(high_a)), (float(low_b), float(high_b))):
                out.append(Difference("number", va.text, vb.text, va.key, vb.key))
    # The same count stated twice in one claim pair is one difference.
    return out[:1]


def _sets_disjoint(a: tuple[SlotValue, ...], b: tuple[SlotValue, ...]) -> bool:
    return bool(a) and bool(b) and not ({v.key for v in a} & {v.key for v in b})


def _same_event(x: SlotValue, y: SlotValue) -> bool:
    """Two values belong to one event unless both verbs are known and differ."""
    return not x.event or not y.event or x.event == y.event


def _days(value: SlotValue) -> set[str]:
    return set(value.key.split(","))


def _dates_differ(a: Slots, b: Slots) -> Difference | None:
    """Dates of one event that share no day; a date that agrees with any date of its event in the other claim is fine."""
    for x in a.of("date"):
        for y in b.of("date"):
            if not _same_event(x, y) or _days(x) & _days(y):
                continue
            agreed_x = any(_same_event(x, z) and _days(x) & _days(z) for z in b.of("date"))
            agreed_y = any(_same_event(z, y) and _days(z) & _days(y) for z in a.of("date"))
            if not (agreed_x or agreed_y):
                return Difference("date", x.text, y.text, x.key, y.key)
    for x in a.of("weekday"):
        partners = [y for y in b.of("weekday") if x.event and x.event == y.event]
        if partners and all(y.key != x.key for y in partners):
            return Difference("date", x.text, partners[0].text, x.key, partners[0].key)
    return None


def _visits_differ(a: Slots, b: Slots) -> Difference | None:
    """Being in a place on one day contradicts travelling there on a later day."""
    for here, there in ((a, b), (b, a)):
        for p in here.of("presence"):
            place, _, days_p = p.key.partition("@")
            for v in there.of("arrival"):
                target, _, days_v = v.key.partition("@")
                if place != target or max(days_p.split(",")) >= min(days_v.split(",")):
                    continue
                if here is a:
                    return Difference("time", p.text, v.text, p.key, v.key, "visit")
                return Difference("time", v.text, p.text, v.key, p.key, "visit")
    return None


def _places_differ(a: Slots, b: Slots) -> Difference | None:
    for x in a.of("facility"):
        kind_x, _, name_x = x.key.partition("@")
        for y in b.of("facility"):
            kind_y, _, name_y = y.key.partition("@")
            named_apart = name_x != name_y and not set(name_x.split()) & set(name_y.split())
            if kind_x == kind_y and named_apart and not any(z.key == x.key for z in b.of("facility")):
                return Difference("place", x.text, y.text, x.key, y.key)
    if not (a.of("place") and b.of("place")):
        return None
    for role in ("site", "destination", "origin"):
        fa = tuple(v for v in a.of("place") if v.key.startswith(role + ":"))
        fb = tuple(v for v in b.of("place") if v.key.startswith(role + ":"))
        if _sets_disjoint(fa, fb) and any(_same_event(x, y) for x in fa for y in fb):
            return Difference("place", fa[0].text, fb[0].text, fa[0].key, fb[0].key)
    return None


def _negation_differs(a: Slots, b: Slots) -> Difference | None:
    """One claim negates a phrase ("without a valid licence") that the other states plainly."""
    for here, there in ((a, b), (b, a)):
        for phrase, stems in here.scopes:
            if not stems <= there.stems or any(stems & s for _, s in there.scopes):
                continue
            asserted = _phrase_in_order(there.text, _stems_in_order(phrase))
            if not asserted or _negated_before(there.text, asserted):
                continue  # "not intervening militarily" is not denied by "pleaded for military intervention"
            # One negated word is too little to be sure both say the same thing, unless the claims match.
            if len(stems) >= 2 or _restates(a, b):
                pair = (phrase, asserted) if here is a else (asserted, phrase)
                keys = ("not", "affirmed") if here is a else ("affirmed", "not")
                return Difference("negation", *pair, *keys, "negation")
    return None


def _negated_before(text: str, phrase: str) -> bool:
    """A negator in the few words before a phrase ("not in his nature to ...") negates it too."""
    at = text.find(phrase)
    return bool(NEGATORS.search(" ".join(WORD.findall(text[:at])[-4:])))


def _stems_in_order(phrase: str) -> list[str]:
    """The content stems of a negated phrase, in order, the negator left out."""
    words = WORD.findall(SCOPED_NEGATOR.sub(" ", phrase))
    return [
        _stem(w)
        for w in words
        if w.lower() not in STOPWORDS and len(w) > 2 and _stem(w) not in ("been", "being")
    ]


def _phrase_in_order(text: str, stems: list[str]) -> str:
    """The stretch of a text where the stems occur in the same order, at most two words apart; '' if none."""
    words = list(WORD.finditer(text))
    for i, first in enumerate(words):
        if not stems or _stem(first.group(0)) != stems[0]:
            continue
        last, at = first, i
        for stem in stems[1:]:
            nxt = next(
                (j for j in range(at + 1, min(at + 4, len(words))) if _stem(words[j].group(0)) == stem), None
            )
            if nxt is None:
                break
            last, at = words[nxt], nxt
        else:
            return text[first.start() : last.end()]
    return ""


def _restates(a: Slots, b: Slots) -> bool:
    """One claim restates the other's content words (most of the smaller claim's)."""
    if not a.words or not b.words:
        return False
    return len(a.words & b.words) / min(len(a.words), len(b.words)) >= NEGATION_OVERLAP


def _unconfirmed_differs(a: Slots, b: Slots) -> Difference | None:
    """One report asserts what the other says it could not confirm."""
    for here, there in ((a, b), (b, a)):
        if there.of("unconfirmed") or not here.of("unconfirmed"):
            continue
        named = there.named
        for v in here.of("unconfirmed"):
            asserted = [n for n in v.key.split(",") if n in named or any(n in m.split() for m in named)]
            if asserted:
                stated = ", ".join(asserted)
                pair = (f"unconfirmed whether {v.text}", f"asserts {stated}")
                keys = ("unconfirmed", "asserted") if here is a else ("asserted", "unconfirmed")
                return Difference("status", *(pair if here is a else pair[::-1]), *keys, "unconfirmed")
    return None


def slot_differences(a: Slots, b: Slots) -> list[Difference]:
    """The slots on which two claims genuinely differ; a value missing on one side is no difference."""
    out: list[Difference] = []
    out += _numbers_differ(a, b)
    ta, tb = a.of("time"), b.of("time")
    same_moment = any(_same_event(x, y) for x in ta for y in tb)
    if same_moment and not any(_overlap(_range(x.key), _range(y.key)) for x in ta for y in tb):
        out.append(Difference("time", ta[0].text, tb[0].text, ta[0].key, tb[0].key))
    dates = _dates_differ(a, b)
    if dates:
        out.append(dates)
    ra, rb = a.of("duration"), b.of("duration")
    any_a, any_b = (*ra, *a.of("duration_any")), (*rb, *b.of("duration_any"))
    if ra and rb and not any(_overlap(_range(x.key), _range(y.key)) for x in any_a for y in any_b):
        out.append(Difference("time", ra[0].text, rb[0].text, ra[0].key, rb[0].key, "duration"))
    oa, ob = {v.key for v in a.of("order")}, {v.key for v in b.of("order")}
    if len(oa) == 1 and len(ob) == 1 and oa != ob:
        (key_a,), (key_b,) = oa, ob
        out.append(
            Difference("time", _first_text(a.of("order")), _first_text(b.of("order")), key_a, key_b, "order")
        )
    visits = _visits_differ(a, b)
    if visits:
        out.append(visits)
    pa, pb = a.of("person"), b.of("person")
    if pa and pb and (a.exclusive or b.exclusive):
        keys_a, keys_b = {v.key for v in pa}, {v.key for v in pb}
        extra_a = [v for v in pa if v.key not in keys_b and not _name_in(v.key, keys_b)]
        extra_b = [v for v in pb if v.key not in keys_a and not _name_in(v.key, keys_a)]
        # An exclusive list ("only X and Y") is contradicted by a companion it leaves out.
        if (b.exclusive and extra_a) or (a.exclusive and extra_b):
            out.append(
                Difference(
                    "person",
                    ", ".join(v.text for v in pa),
                    ", ".join(v.text for v in pb),
                    ",".join(sorted(keys_a)),
                    ",".join(sorted(keys_b)),
                )
            )
    places = _places_differ(a, b)
    if places:
        out.append(places)
    ma, mb = a.of("mode"), b.of("mode")
    if (
        ma
        and mb
        and not any(x.key == y.key or frozenset({x.key, y.key}) in MODE_COMPATIBLE for x in ma for y in mb)
    ):
        out.append(Difference("mode", ma[0].text, mb[0].text, ma[0].key, mb[0].key))
    reason = _reason_difference(a.of("reason"), b.of("reason"))
    if reason:
        out.append(reason)
    sa, sb = {v.key for v in a.of("status")}, {v.key for v in b.of("status")}
    only_a, only_b = sa - sb, sb - sa
    opposed = [
        (x, y) for x in sorted(only_a) for y in sorted(only_b) if frozenset({x, y}) in OPPOSED_STATUSES
    ]
    if opposed:
        x, y = opposed[0]
        pick_a = next(v.text for v in a.of("status") if v.key == x)
        pick_b = next(v.text for v in b.of("status") if v.key == y)
        out.append(Difference("status", pick_a, pick_b, x, y))
    unconfirmed = _unconfirmed_differs(a, b)
    if unconfirmed:
        out.append(unconfirmed)
    negation = _negation_differs(a, b)
    if negation:
        out.append(negation)
    return out


def _name_in(key: str, keys: set[str]) -> bool:
    """A short name ("Lena") matches a fuller one ("Lena Smith") on a shared word."""
    words = set(key.split())
    return any(words & set(other.split()) for other in keys)


def _reason_difference(a: tuple[SlotValue, ...], b: tuple[SlotValue, ...]) -> Difference | None:
    if not a or not b:
        return None
    for va in a:
        for vb in b:
            wa, wb = set(va.key.split()), set(vb.key.split())
            if len(wa & wb) * 2 >= min(len(wa), len(wb)):
                return None  # some stated cause is shared: the rest is elaboration
    return Difference("reason", a[0].text, b[0].text, a[0].key, b[0].key)
