"""Word lists and regex fragments for English time expressions (months, weekdays, parts of day, numbers).

General calendar vocabulary only: nothing here belongs to any one story.
"""

from __future__ import annotations

import re

MONTHS: dict[str, int] = {
    "january": 1,
    "jan": 1,
    "february": 2,
    "feb": 2,
    "march": 3,
    "mar": 3,
    "april": 4,
    "apr": 4,
    "may": 5,
    "june": 6,
    "jun": 6,
    "july": 7,
    "jul": 7,
    "august": 8,
    "aug": 8,
    "september": 9,
    "sept": 9,
    "sep": 9,
    "october": 10,
    "oct": 10,
    "november": 11,
    "nov": 11,
    "december": 12,
    "dec": 12,
}

WEEKDAYS: dict[str, int] = {
    "monday": 0,
    "mon": 0,
    "tuesday": 1,
    "tue": 1,
    "tues": 1,
    "wednesday": 2,
    "wed": 2,
    "thursday": 3,
    "thu": 3,
    "thur": 3,
    "thurs": 3,
    "friday": 4,
    "fri": 4,
    "saturday": 5,
    "sat": 5,
    "sunday": 6,
    "sun": 6,
}

NUMBER_WORDS: dict[str, int] = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "a couple of": 2,
}

ORDINALS: dict[str, int] = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}

# Parts of the day: TimeML code, ISO start time, ISO end time, and whether the end falls on the next day.
PARTS_OF_DAY: dict[str, tuple[str, str, str, bool]] = {
    "morning": ("MO", "06:00", "11:59", False),
    "afternoon": ("AF", "12:00", "17:59", False),
    "evening": ("EV", "18:00", "21:59", False),
    "night": ("NI", "21:00", "05:59", True),
    "overnight": ("NI", "21:00", "05:59", True),
    "early hours": ("NI", "00:00", "04:59", False),
    "small hours": ("NI", "00:00", "04:59", False),
    "wee hours": ("NI", "00:00", "04:59", False),
    "dawn": ("MO", "05:00", "06:59", False),
    "daybreak": ("MO", "05:00", "06:59", False),
    "sunrise": ("MO", "05:00", "06:59", False),
    "dusk": ("EV", "17:00", "19:59", False),
    "sunset": ("EV", "17:00", "19:59", False),
}

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}

# Regex fragments. Month and weekday names must be capitalised ("may", "march" are verbs), so they are
# wrapped in a case-sensitive group even inside case-insensitive patterns.
MONTH_RE = (
    r"(?-i:(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.|Apr\.?|Jun\.|Jul\.|Aug\.?|Sept\.?|Sep\.|Oct\.?|Nov\.?|Dec\.?)(?![A-Za-z]))"
)
WEEKDAY_RE = r"(?-i:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)(?![A-Za-z]))"
WEEKDAY_ABBR_RE = r"(?-i:(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.)"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?!\d|:\d)"
YEAR_RE = r"(?:1[6-9]\d\d|20\d\d)(?![\d])"
NUMBER_RE = (
    r"(?:\d{1,3}|a\s+couple\s+of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty)"
)
PART_OF_DAY_RE = r"(?:morning|afternoon|evening|night)"
TIMEZONE_RE = r"(?-i:(?:[ECMP][SD]T|GMT|UTC|BST|CET|CEST|EET|EEST|MSK|IST|JST)(?![A-Za-z]))"


def month_number(word: str) -> int:
    """Month number (1-12) of a month name or abbreviation, with or without its dot."""
    return MONTHS[word.rstrip(".").lower()]


def weekday_number(word: str) -> int:
    """Weekday number (Monday=0) of a weekday name or abbreviation."""
    return WEEKDAYS[word.rstrip(".").lower()]


def number_value(word: str) -> int | None:
    """Integer value of a digit string or an English number word; None for vague amounts."""
    w = " ".join(word.lower().split())
    if w.isdigit():
        return int(w)
    return NUMBER_WORDS.get(w)


def day_number(text: str) -> int:
    """Day of month from "7", "07" or "7th"."""
    digits = re.match(r"\d+", text)
    if digits is None:
        raise ValueError(f"not a day of month: {text!r}")
    return int(digits.group())
