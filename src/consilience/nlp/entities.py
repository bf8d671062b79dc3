"""Name mentions of one document: spaCy NER spans cleaned and checked, capitalised-span fallbacks,
type evidence from the words around each name, and the acronyms and aliases the text defines.

spaCy's small model is not trusted blindly: spans are trimmed (a leading "the", titles, possessives,
an unclosed "(ACR"), headline lines are marked untrusted (title case fools the tagger), and the label
is only one vote among general cues (titles and kinship → person, "in X"/"X air base" → place,
acronyms and organisation suffixes → organisation). Pure functions of (Document, ParsedDocument).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass

from consilience.link.names import (
    HYPHEN_ARTICLES,
    KINSHIP,
    ORG_FOLLOWERS,
    ORG_HEADS,
    ORG_SUFFIXES,
    PLACE_FOLLOWERS,
    PLACE_LEADERS,
    PLACE_NOUNS,
    PLACE_OF,
    TITLES,
    acronym_letters,
    acronym_matches,
    fold,
    is_acronym,
)
from consilience.model import Document, ParsedDocument

#: spaCy labels that can name a person, place or organisation (NORP often hides a place or a surname).
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
CAPS = "CAPS"  # label of a capitalised span that NER did not tag

#: Titles that are also given names: stripped only when a full name (two words or more) follows.
_NAME_LIKE_TITLES = frozenset(
    {"amir", "emir", "sultan", "sheikh", "king", "prince", "princess", "queen", "major"}
)
_EDGE_PUNCT = "\"'“”‘’«»()[]{},;:!?*–—-|/ \t"
NAME_CONNECTORS = frozenset(
    {"al", "el", "bin", "ibn", "ben", "bint", "abu", "of", "de", "da", "del", "van", "von", "la", "le"}
)
_ARTICLE_NAME = re.compile(r"^[a-z]{1,3}-[A-Z]")  # "al-Masri", "el-Baz"
#: A dateline opening a line: capitalised place, optional ", Country" and date, optional "(Agency)", a dash.
DATELINE = re.compile(
    r"\s*([A-Z][A-Z'’.]*(?:[ -][A-Z][A-Z'’.]*){0,3})(?=[ ,(\-–—])"
    r"(?P<where>,\s*[A-Z][A-Za-z.' ]{1,30}?)?(?:,\s*[A-Z][a-z]{2,8}\.? \d{1,2})?\s*(?P<who>\([^()]{2,40}\)\s*)?"
    r"[-–—]\s"
)
_TRAILING_FUNCTION_WORDS = frozenset(
    {"and", "or", "nor", "but", "of", "the", "a", "an", "in", "on", "at", "to", "for", "with", "by", "from"}
)
#: NER labels whose span may stop short of a trailing article or patronymic part of the name.
_EXTENDABLE = frozenset({"PERSON", "GPE", "LOC", "FAC"})
#: What continues a name after a span: " al-Hadi", " ez-Zor", " bin Talal", " abu Nasser".
_NAME_TAIL = re.compile(
    r" (?:([a-z]{1,3})-|(?:bin|ibn|bint|abu|abd) )[A-Z][A-Za-z]*(?:-[A-Z][A-Za-z]*)?(?![\w-])"
)
_NON_SPACE = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_POSSESSIVE = re.compile(r"['’]s\b|(?<=s)['’](?=\s|$)")
_ACRONYM_DEF = re.compile(r"\(\s*([A-Z][A-Za-z.&]{1,9})\s*\)")
_ALIAS_LEAD = r"(?:,\s*|\s*\(\s*|\s+)"
_ALIAS = re.compile(
    _ALIAS_LEAD + r"(?:(?:also|better|more\s+commonly|commonly|widely|popularly|formerly|once)\s+)?known\s+"
    r"(?:as|by\s+(?:his|her|their|the)\s+(?:nom\s+de\s+guerre|alias|pseudonym|kunya|name),?)\s+"
    r"|" + _ALIAS_LEAD + r"whose\s+real\s+name\s+is\s+"
    r"|" + _ALIAS_LEAD + r"(?:a\.k\.a\.?|aka|alias)\s+"
)


@dataclass(frozen=True)
class NameMention:
    """A name found in a document: span, spaCy label (or ``CAPS``), type cues, and whether it may found an entity."""

    doc: str
    start: int
    end: int
    text: str
    label: str
    cues: tuple[str, ...] = ()
    trusted: bool = True  # headline spans and capitalised fallbacks only join names seen elsewhere
    headline: bool = False  # on a headline or section-title line
    removed: bool = False  # inside removed boilerplate: a spelling seen, never a mention


@dataclass(frozen=True)
class NameLink:
    """Two mentions the text itself says are one entity (an acronym defined in brackets, an alias)."""

    a: int
    b: int
    kind: str  # "acronym" or "alias"


@dataclass(frozen=True)
class DocumentNames:
    """All name mentions of one document and the links the text defines between them."""

    doc: str
    mentions: tuple[NameMention, ...]
    links: tuple[NameLink, ...]


def _lines(text: str) -> Iterator[tuple[int, int]]:
    start = 0
    for line in text.split("\n"):
        yield start, start + len(line)
        start += len(line) + 1


def is_headline(line: str) -> bool:
    """Whether a line reads as a headline or section title (title case, no closing punctuation)."""
    stripped = line.strip()
    if not stripped or _SENTENCE_END.search(stripped):
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", stripped) if len(w) >= 4]
    if len(words) < 2 or len(stripped.split()) > 25:
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _EDGE_PUNCT:
        s += 1
    while e > s and (text[e - 1] in _EDGE_PUNCT or text[e - 1] == "."):
        # keep the dots of an acronym ("U.S.") and of an initial ("George W.")
        if text[e - 1] == "." and re.search(r"(?:\b[A-Z]\.)+$|\b(?:Jr|Sr|Inc|Co|Ltd|Corp|St)\.$", text[s:e]):
            break
        e -= 1
    return s, e


def _words(text: str, s: int, e: int) -> list[tuple[int, int]]:
    return [(s + m.start(), s + m.end()) for m in _NON_SPACE.finditer(text[s:e])]


def _is_title(word: str) -> bool:
    return fold(word).rstrip(".") in TITLES


def clean_span(text: str, start: int, end: int, label: str) -> list[tuple[int, int, bool]]:
    """Trimmed sub-spans ``(start, end, had_title)`` of a raw NER span; empty when nothing name-like is left."""
    s, e = _trim(text, start, end)
    if s >= e:
        return []
    chunk = text[s:e]
    paren = chunk.find("(")
    if paren > 0:  # "International Monetary Fund (IMF" → the name and the acronym, separately
        return clean_span(text, s, s + paren, label) + clean_span(text, s + paren + 1, e, label)
    if label == "PERSON" and " and " in chunk:
        cut = s + chunk.index(" and ")
        return clean_span(text, s, cut, label) + clean_span(text, cut + 5, e, label)
    poss = _POSSESSIVE.search(chunk)
    if poss:  # "Izmir’s Konak" → "Izmir" + "Konak"; "Kamal’s Final Hour" keeps "Kamal" (+ a headline tail)
        head = clean_span(text, s, s + poss.start(), label)
        tail_start = s + poss.end()
        tail = clean_span(text, tail_start, e, label) if tail_start < e else []
        return head + tail
    words = _words(text, s, e)
    if words and fold(text[words[0][0] : words[0][1]]) == "the":
        words = words[1:]
    # a trailing function word ("Town and", "Smith of") is the tagger running on, never part of a name
    while len(words) > 1 and text[words[-1][0] : words[-1][1]] in _TRAILING_FUNCTION_WORDS:
        words = words[:-1]
    had_title = False
    if label != "ORG":
        while len(words) > 1 and _is_title(text[words[0][0] : words[0][1]]):
            if len(words) == 2 and fold(text[words[0][0] : words[0][1]]) in _NAME_LIKE_TITLES:
                break  # "Amir Tahan", "Sultan Aziz": a given name as likely as a title
            words, had_title = words[1:], True
    if not words:
        return []
    s, e = words[0][0], words[-1][1]
    name = text[s:e]
    if not any(c.isupper() for c in name) or (len(words) == 1 and _is_title(name)):
        return []
    if not (name[0].isupper() or name[0].isdigit()) and not _ARTICLE_NAME.match(name):
        return []  # "then-president", lowercase junk; keep "al-Masri"
    return [(s, e, had_title)]


def extend_span(text: str, end: int, label: str, limit: int) -> int:
    """End of a name span carried over a trailing article or patronymic part the tagger cut off
    ("Nabil Hadi" + " el-Din", "Faisal" + " bin Talal"); ``limit`` is where the next NER span starts."""
    if label not in _EXTENDABLE:
        return end
    for _ in range(2):
        m = _NAME_TAIL.match(text, end)
        if not m or m.end() > limit or (m.group(1) is not None and m.group(1) not in HYPHEN_ARTICLES):
            break
        end = m.end()
    return end


def _prev_words(text: str, line_start: int, s: int, n: int = 3) -> list[str]:
    return [fold(w).strip(".,;:“”\"'’") for w in text[line_start:s].split()[-n:]]


def _next_words(text: str, e: int, line_end: int, n: int = 2) -> list[str]:
    return [fold(w).strip(".,;:“”\"'’") for w in text[e:line_end].split()[:n]]


_APPOSITION_AFTER = re.compile(
    r",\s+(?:the|a|an)\s+(?:[a-z]+\s+){0,2}?([a-z]+)"
    r"(?=\s*[,.;:)]|\s*$|\s+(?:in|of|on|near|north|south|east|west|where|which|that|about)\b)"
)
_APPOSITION_BEFORE = re.compile(r"\b(?:the|a|an)\s+(?:[a-z]+\s+){0,2}?([a-z]+),\s+$")


def _is_place_apposition(text: str, s: int, e: int, line_start: int, line_end: int) -> bool:
    """Whether a place noun stands in apposition to the name: "X, the provincial capital," or
    "the port town, X," (the name closed by punctuation, so "the town, X said" is not one)."""
    after = _APPOSITION_AFTER.match(text[e:line_end])
    if after and after.group(1) in PLACE_NOUNS:
        return True
    before = _APPOSITION_BEFORE.search(text[max(line_start, s - 60) : s])
    return bool(before and before.group(1) in PLACE_NOUNS and re.match(r"\s*(?:[,.;)]|$)", text[e:line_end]))


def type_cues(text: str, s: int, e: int, line_start: int, line_end: int, had_title: bool) -> tuple[str, ...]:
    """General evidence of a mention's type from its own words and its neighbours."""
    cues: set[str] = set()
    name = text[s:e]
    words = [fold(w).strip(".,") for w in name.split()]
    prev = _prev_words(text, line_start, s)
    nxt = _next_words(text, e, line_end)
    if had_title or (prev and prev[-1].rstrip(".") in TITLES and text[s - 2 : s - 1] != ","):
        cues.add("title")
    if prev and prev[-1] in KINSHIP:
        cues.add(f"kin:{prev[-1].rstrip('s')}")
    if (prev and prev[-1] == "late") or (len(prev) >= 2 and prev[-2:] == ["the", "late"]):
        cues.add("late")
    if prev and prev[-1] in PLACE_LEADERS:
        cues.add("geo_weak")
    if len(prev) >= 2 and prev[-1] == "of" and prev[-2] in PLACE_OF:
        cues.add("geo")
    if nxt and (nxt[0] in PLACE_FOLLOWERS or nxt[:2] == ["air", "base"]):
        cues.add("geo")
    if _is_place_apposition(text, s, e, line_start, line_end):
        cues.add("geo")
    if len(prev) >= 2 and prev[-1] == "by" and prev[-2] in ("report", "reports", "article", "reporting"):
        cues.add("media")
    if nxt and nxt[0] in ("reported", "reports") and not (prev and prev[-1] in KINSHIP):
        cues.add("media")
    if nxt and nxt[0] in ORG_FOLLOWERS:
        cues.add("org")
    if len(words) > 1 and (words[-1] in ORG_SUFFIXES or words[0] in ORG_HEADS):
        cues.add("org")
    if is_acronym(name):
        cues.add("acronym")
    if re.match(r"^Al [A-Z][a-z]+$", name):
        cues.add(
            "al_name"
        )  # "Al X" with a spaced capital article and no given name: usually an outlet or group
    return tuple(sorted(cues))


def _capitalised_runs(text: str, ls: int, le: int) -> Iterator[tuple[int, int]]:
    run: list[tuple[int, int]] = []
    for m in _NON_SPACE.finditer(text[ls:le]):
        ws, we = _trim(text, ls + m.start(), ls + m.end())
        if ws >= we:
            if run:
                yield run[0][0], run[-1][1]
            run = []
            continue
        word = text[ws:we]
        capital = word[0].isupper() or bool(_ARTICLE_NAME.match(word))
        closes = we < ls + m.end() and text[we] in ',;:.!?)”"’'
        if capital:
            run.append((ws, we))
        elif run and fold(word) in NAME_CONNECTORS and not closes:
            run.append((ws, we))
            continue
        else:
            while run and not text[run[-1][0]].isupper():
                run.pop()
            if run:
                yield run[0][0], run[-1][1]
            run = []
        if closes and run:
            while run and not text[run[-1][0]].isupper():
                run.pop()
            if run:
                yield run[0][0], run[-1][1]
            run = []
    while run and not text[run[-1][0]].isupper():
        run.pop()
    if run:
        yield run[0][0], run[-1][1]


def extract_names(document: Document, parsed: ParsedDocument) -> DocumentNames:
    """Name mentions of one document (outside removed boilerplate) with type cues and text-defined links."""
    text = document.text
    removed = [(r.start, r.end) for r in document.removed]

    def outside(s: int, e: int) -> bool:
        return not any(s < re_ and e > rs for rs, re_ in removed)

    lines = list(_lines(text))
    line_starts = [ls for ls, _ in lines]

    def line_of(pos: int) -> tuple[int, int]:
        return lines[max(0, bisect.bisect_right(line_starts, pos) - 1)]

    headline_lines = {ls for ls, le in lines if is_headline(text[ls:le])}
    found: dict[tuple[int, int], NameMention] = {}

    def add(s: int, e: int, label: str, had_title: bool, trusted: bool) -> None:
        if (s, e) in found or not outside(s, e):
            return
        ls, le = line_of(s)
        cues = type_cues(text, s, e, ls, le, had_title)
        headline = ls in headline_lines
        found[(s, e)] = NameMention(
            document.id, s, e, text[s:e], label, cues, trusted and not headline, headline
        )

    covered: list[tuple[int, int]] = []
    datelines: dict[int, tuple[int, int]] = {}  # line start → the dateline's span
    # a wire dateline ("PORT ELLEN, Scotland, May 2 (AP) -") names a place in capitals, which the
    # tagger reads as acronyms or misses: the whole capitalised run is one place
    for ls, le in lines:
        dl = DATELINE.match(text, ls, le)
        if (
            dl
            and sum(c.isalpha() for c in dl.group(1)) >= 3
            # a bare "PLACE —" is one or two words; "NEWS IN BRIEF —" is a section title
            and (dl.group("where") or dl.group("who") or len(dl.group(1).split()) <= 2)
            and outside(dl.start(1), dl.end(1))
            and any(c.islower() for c in text[dl.end() : le])
        ):
            s, e = dl.start(1), dl.end(1)
            cues = tuple(sorted({"dateline", "geo"}))
            found[(s, e)] = NameMention(document.id, s, e, text[s:e], "GPE", cues)
            covered.append((s, e))
            datelines[ls] = (s, e)
    named = sorted(parsed.named, key=lambda n: (n.start, n.end))
    for k, ns in enumerate(named):
        ds, de = datelines.get(line_of(ns.start)[0], (0, 0))
        if ns.start < de and ns.end > ds:
            continue
        if ns.label not in NAME_LABELS:
            covered.append((ns.start, ns.end))
            continue
        limit = named[k + 1].start if k + 1 < len(named) else len(text)  # spaCy spans never overlap
        end = extend_span(text, ns.end, ns.label, min(limit, line_of(ns.start)[1]))
        covered.append((ns.start, end))
        for s, e, had_title in clean_span(text, ns.start, end, ns.label):
            add(s, e, ns.label, had_title, True)
    covered.sort()

    covered_starts = [cs for cs, _ in covered]
    longest = max((ce - cs for cs, ce in covered), default=0)

    def overlaps_ner(s: int, e: int) -> bool:
        lo = bisect.bisect_left(covered_starts, s - longest)
        hi = bisect.bisect_left(covered_starts, e)
        return any(s < ce and e > cs for cs, ce in covered[lo:hi])

    for ls, le in lines:
        if not outside(ls, max(ls + 1, le)):
            continue
        for rs, re_ in _capitalised_runs(text, ls, le):
            if overlaps_ner(rs, re_):
                continue
            for s, e, had_title in clean_span(text, rs, re_, CAPS):
                add(s, e, CAPS, had_title, False)

    # names in removed boilerplate ("related headline" lines) are spellings a reader saw: kept apart,
    # to be recorded as variants of names established elsewhere, never as mentions
    in_removed: list[NameMention] = []
    for rs, re_ in sorted(removed):
        for ls, le in lines:
            s0, e0 = max(ls, rs), min(le, re_)
            if s0 >= e0:
                continue
            for cs, ce in _capitalised_runs(text, s0, e0):
                for s, e, _had_title in clean_span(text, cs, ce, CAPS):
                    in_removed.append(
                        NameMention(document.id, s, e, text[s:e], CAPS, (), False, False, removed=True)
                    )

    links: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    by_end = {e: (s, e) for (s, e) in sorted(found)}
    for m in _ACRONYM_DEF.finditer(text):
        acr_s, acr_e = m.start(1), m.end(1)
        if not is_acronym(m.group(1)) or not outside(m.start(), m.end()):
            continue
        before = m.start()
        while before > 0 and text[before - 1] in " \t\"“”’'":
            before -= 1
        long_span = by_end.get(before)
        if long_span is None:
            continue
        long_text = text[long_span[0] : long_span[1]]
        letters = acronym_letters(m.group(1))
        if not (acronym_matches(m.group(1), long_text) or fold(long_text)[:1].upper() == letters[:1]):
            continue
        if (acr_s, acr_e) not in found:
            add(acr_s, acr_e, CAPS, False, True)
            found[(acr_s, acr_e)] = _retrust(found[(acr_s, acr_e)])
        links.append((long_span, (acr_s, acr_e), "acronym"))

    spans = sorted(found)
    for m in _ALIAS.finditer(text):
        if not outside(m.start(), m.end()):
            continue
        left = [sp for sp in spans if m.start() - 3 <= sp[1] <= m.start() + 1]
        right = [sp for sp in spans if m.end() - 1 <= sp[0] <= m.end() + 2]
        if not right:
            ls, le = line_of(m.end())
            run = next(_capitalised_runs(text, m.end(), le), None)
            if run and run[0] <= m.end() + 2:
                for s, e, had_title in clean_span(text, run[0], run[1], CAPS):
                    add(s, e, CAPS, had_title, True)
                    right = [(s, e)]
                    break
        if left and right:
            links.append((left[-1], right[0], "alias"))

    ordered = sorted(found.values(), key=lambda nm: (nm.start, nm.end))
    index = {(nm.start, nm.end): i for i, nm in enumerate(ordered)}
    name_links = tuple(
        NameLink(index[a], index[b], kind) for a, b, kind in links if a in index and b in index and a != b
    )
    return DocumentNames(document.id, tuple(ordered) + tuple(in_removed), name_links)


def _retrust(mention: NameMention) -> NameMention:
    from dataclasses import replace

    return replace(mention, trusted=True)
