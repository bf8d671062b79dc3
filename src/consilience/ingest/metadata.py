"""Metadata found in the text itself: title, the outlet a report names as its own, outlets it cites,
publication date. General patterns plus a list of news outlets; nothing story-specific.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from consilience.ingest.boilerplate import iter_lines
from consilience.model import Document

#: Canonical outlet name → other names it goes by. A general list of the world's news outlets.
OUTLETS: dict[str, tuple[str, ...]] = {
    "Reuters": ("Thomson Reuters",),
    "Associated Press": ("AP", "The Associated Press"),
    "Agence France-Presse": ("AFP", "Agence France Presse"),
    "Bloomberg": ("Bloomberg News",),
    "BBC": ("BBC News", "the BBC"),
    "CNN": (),
    "Al Jazeera": ("Aljazeera",),
    "Al Arabiya": (),
    "Financial Times": ("FT", "The Financial Times"),
    "The New York Times": ("New York Times", "NYT", "the Times"),
    "The Washington Post": ("Washington Post",),
    "The Wall Street Journal": ("Wall Street Journal", "WSJ"),
    "The Guardian": ("Guardian",),
    "The Economist": ("Economist",),
    "The Times": (),
    "The Telegraph": ("Daily Telegraph",),
    "The Independent": (),
    "Le Monde": (),
    "Der Spiegel": ("Spiegel",),
    "El País": ("El Pais",),
    "Deutsche Welle": ("DW",),
    "France 24": (),
    "Sky News": (),
    "NBC News": ("NBC",),
    "CBS News": ("CBS",),
    "ABC News": ("ABC",),
    "Fox News": (),
    "NPR": (),
    "Politico": (),
    "Axios": (),
    "The Hill": (),
    "Anadolu Agency": ("Anadolu",),
    "Xinhua": ("Xinhua News Agency",),
    "TASS": (),
    "RIA Novosti": ("RIA",),
    "Interfax": (),
    "Kyodo News": ("Kyodo",),
    "Yonhap": ("Yonhap News Agency",),
    "Press Trust of India": ("PTI",),
    "EFE": (),
    "ANSA": (),
    "dpa": ("Deutsche Presse-Agentur",),
    "Bernama": (),
    "Antara": (),
    "The Hindu": (),
    "Times of India": ("The Times of India",),
    "Dawn": (),
    "Haaretz": (),
    "The Times of Israel": ("Times of Israel",),
    "Middle East Eye": (),
    "The National": (),
    "Asharq Al-Awsat": (),
    "Al-Monitor": (),
    "Kommersant": (),
    "South China Morning Post": ("SCMP",),
    "The Straits Times": ("Straits Times",),
    "Nikkei": ("Nikkei Asia",),
    "Mail & Guardian": (),
    "Daily Maverick": (),
    "Nation": ("Daily Nation",),
    "Globo": ("O Globo",),
    "Clarín": ("Clarin",),
    "The Sydney Morning Herald": ("Sydney Morning Herald",),
    "ABC Australia": (),
    "CBC News": ("CBC",),
    "The Globe and Mail": ("Globe and Mail",),
    "Semafor": (),
    "Vox": (),
    "Vice News": (),
    "The Atlantic": (),
    "Newsweek": (),
    "Time": ("TIME",),
    "Foreign Policy": (),
}

_ALIAS: dict[str, str] = {}
for _canon, _others in OUTLETS.items():
    for _name in (_canon, *_others):
        _ALIAS[_name.lower()] = _canon
        if _name.lower().startswith("the "):
            _ALIAS[_name[4:].lower()] = _canon

# A capitalised name of up to five words (allowing "Al", "al-", "de", "&"). A period belongs to a word
# only inside it ("U.S"), so a name never runs on past the end of its sentence into the next one.
_WORD = r"[A-Z](?:[\w'’&-]|\.(?=\w))*"
_NAME = rf"(?:The\s+)?(?:{_WORD}|al-\w+|Al-\w+)(?:\s+(?:{_WORD}|al-\w+|de|of|and|&)){{0,4}}"
_KNOWN = "|".join(sorted((re.escape(k) for k in _ALIAS), key=len, reverse=True))
_KNOWN_RE = re.compile(rf"\b(?:{_KNOWN})\b", re.IGNORECASE)

# Strong self-reference: the reporting outlet speaks of itself.
_SELF_STRONG = [
    re.compile(
        rf"\b(?P<o>{_NAME})\s+(?:could\s+not|couldn't|was\s+unable\s+to|were\s+unable\s+to|has\s+not\s+been\s+able\s+to|"
        rf"was\s+not\s+able\s+to|cannot|can\s*not|has\s+learned|has\s+learnt|pieced\s+together|has\s+seen|"
        rf"reviewed|obtained|has\s+reported\s+previously|previously\s+reported|contacted|spoke\s+to|"
        rf"interviewed|independently)\b"
    ),
    re.compile(rf"\((?P<o>{_NAME})\)\s*[-–—]"),
    re.compile(rf"\b(?:in|with)\s+an?\s+interview\s+with\s+(?P<o>{_NAME})\b"),
    re.compile(rf"\b(?:speaking|spoke)\s+to\s+(?P<o>{_NAME})\s+on\s+condition\b"),
]
# Weak self-reference: "... told Reuters." (also used when quoting another outlet's interview).
_SELF_WEAK = re.compile(rf"\btold\s+(?P<o>{_NAME})(?=\s*(?:[.,;]|on\s+condition|in\s+an?\b|by\s+phone|$))")
# Citations of another outlet's reporting.
_CITE = [
    re.compile(
        rf"\baccording\s+to\s+(?:a|an|the)?\s*(?:new\s+|recent\s+|exclusive\s+)?(?:report|investigation|article|story|interview)s?\s+(?:by|in|from|published\s+by)\s+(?:the\s+)?(?P<o>{_NAME})"
    ),
    re.compile(rf"\baccording\s+to\s+(?P<o>{_NAME})(?=\s*[,.;]|\s+reporting)"),
    re.compile(
        rf"\b(?P<o>{_NAME})\s+(?:reported|first\s+reported|has\s+reported|said\s+in\s+(?:a|its)\s+report)\b"
    ),
    re.compile(rf"\b(?:reported|reports)\s+by\s+(?P<o>{_NAME})\b"),
    re.compile(rf"\b(?:cited|quoted)\s+by\s+(?P<o>{_NAME})\b"),
    re.compile(
        rf"\b(?:told|to)\s+(?:[\w-]+-owned\s+)?(?P<o>{_NAME})\s+(?:television|TV|radio|newspaper|daily|channel)\b"
    ),
]
_NOT_OUTLET = {
    "he", "she", "they", "it", "we", "i", "officials", "sources", "police", "the", "a", "an", "his", "her",
    "their", "who", "this", "that", "witnesses", "residents", "people", "one", "two", "three",
}  # fmt: skip
_PUBLISHED = re.compile(
    r"^\s*(?:published|posted|updated|first\s+published|date)\s*(?:on|:)?\s*(?P<d>.{6,60}?)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*\s*$""")


def canonical_outlet(name: str) -> str | None:
    """The canonical outlet for a name, or None when it is not a plausible outlet."""
    name = name.strip().rstrip(".,;:")
    if not name:
        return None
    low = name.lower()
    if low in _ALIAS:
        return _ALIAS[low]
    bare = re.sub(r"^the\s+", "", low)
    if bare in _ALIAS:
        return _ALIAS[bare]
    words = name.split()
    if words[0].lower() in _NOT_OUTLET and len(words) == 1:
        return None
    if not words[-1][0].isupper() or words[-1].lower() in _NOT_OUTLET:
        return None
    return re.sub(r"^(?:the|The)\s+", "", name)


def _known_only(name: str) -> str | None:
    low = name.strip().rstrip(".,;:").lower()
    return _ALIAS.get(low) or _ALIAS.get(re.sub(r"^the\s+", "", low))


def _matches(patterns: Iterable[re.Pattern[str]], text: str) -> list[str]:
    out: list[str] = []
    for p in patterns:
        out.extend(m.group("o") for m in p.finditer(text))
    return out


def find_self_outlet(text: str) -> str | None:
    """The outlet a report names as its own (strong self-references count double), or None."""
    score: Counter[str] = Counter()
    for name in _matches(_SELF_STRONG, text):
        canon = _trim_to_known(name) or canonical_outlet(name)
        if canon and _plausible_self(canon):
            score[canon] += 2
    for m in _SELF_WEAK.finditer(text):
        canon = _trim_to_known(m.group("o"))  # weak evidence only for outlets we know
        if canon:
            score[canon] += 1
    if not score:
        return None
    best, points = sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[0]
    return best if points >= 2 else None


def _plausible_self(name: str) -> bool:
    # An unknown name followed by "could not ..." is as likely a person or a government: accept it as an
    # outlet only when it is in the list or looks like one.
    if name in OUTLETS:
        return True
    return bool(
        re.search(r"\b(?:News|Times|Post|Journal|Press|Agency|Herald|Tribune|Gazette|Radio|TV)\b", name)
    )


def _trim_to_known(name: str) -> str | None:
    """The known outlet a matched name starts or ends with ("Saudi-owned Al Arabiya" → "Al Arabiya")."""
    direct = _known_only(name)
    if direct:
        return direct
    found = list(_KNOWN_RE.finditer(name))
    if not found:
        return None
    before = name[: found[-1].start()].split()
    prev = before[-1] if before else ""
    if prev[:1].isupper() and "-" not in prev and not prev.endswith(("'s", "’s")):
        # part of a longer name: "Ostrel Times" is not The Times ("Saudi-owned Al Arabiya" and
        # "Britain's BBC" are the outlets they end with)
        return None
    return _ALIAS[found[-1].group(0).lower()]


def find_cited_outlets(text: str, self_outlet: str | None) -> tuple[str, ...]:
    """Outlets whose reporting the text cites (not its own), sorted."""
    cited: set[str] = set()
    for name in _matches(_CITE, text):
        canon = _trim_to_known(name) or canonical_outlet(name)
        if canon and canon != self_outlet and not _is_generic(canon):
            cited.add(canon)
    for m in _SELF_WEAK.finditer(text):
        canon = _trim_to_known(m.group("o"))
        if canon and canon != self_outlet:
            cited.add(canon)
    return tuple(sorted(cited))


def _is_generic(name: str) -> bool:
    return name.lower() in _NOT_OUTLET or len(name) < 2


def find_title(text: str) -> str | None:
    """A headline first line: short, no closing sentence punctuation."""
    for _, _, line in iter_lines(text):
        stripped = line.strip()
        if not stripped:
            continue
        words = stripped.split()
        if len(words) <= 25 and not _SENTENCE_END.search(stripped) and not stripped.startswith(("-", "•")):
            return stripped
        return None
    return None


def find_published(text: str) -> str | None:
    """A publication date stated in a 'Published: ...' line near the top, as ISO, or None."""
    from dateutil import parser as dateparser_util

    for n, (_, _, line) in enumerate(iter_lines(text)):
        if n > 8:
            break
        m = _PUBLISHED.match(line)
        if not m:
            continue
        try:
            when = dateparser_util.parse(m.group("d"), fuzzy=True, default=None)
        except (ValueError, OverflowError):
            continue
        if when is not None and re.search(r"\b(19|20)\d\d\b", m.group("d")):
            return when.date().isoformat()
    return None


def attach_metadata(document: Document) -> Document:
    """Fill title, outlet, cites and published from the text where the record did not give them."""
    text = document.text
    outlet = document.outlet or find_self_outlet(text)
    cites = tuple(sorted(set(document.cites) | set(find_cited_outlets(text, outlet))))
    return replace(
        document,
        title=document.title or find_title(text),
        outlet=outlet,
        cites=cites,
        published=document.published or find_published(text),
    )
