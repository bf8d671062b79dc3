"""Claims: the sentences of a report that state something, with attribution and hedging.

A claim is a sentence span (or a clause of a long sentence joined by a semicolon); headings and
bylines are not claims. Attribution is who the report says is speaking ("according to a rebel
commander", "an aide said", "X told Reuters"); hedging marks reported-but-unverified language.
"""

from __future__ import annotations

import re

from consilience.ingest.boilerplate import is_heading
from consilience.ingest.metadata import canonical_outlet
from consilience.model import Claim, Document, ParsedDocument
from consilience.nlp.entities import DATELINE, NAME_CONNECTORS

_VERBS = (
    r"said|says|told|tells|stated|states|added|adds|claimed|claims|confirmed|confirms|denied|denies|"
    r"reported|reports|noted|notes|insisted|insists|explained|acknowledged|admitted|announced|warned|"
    r"recalled|recounted|wrote|argued|alleged|asserted|maintained|revealed|indicated|suggested|show|shows|showed"
)
_SOURCE_NOUN = (
    r"(?:sources?|officials?|aides?|diplomats?|witnesses|witness|residents?|people|persons?|person|"
    r"spokes(?:man|woman|person)|commanders?|officers?|analysts?|experts?|police|authorities|ministry|"
    r"government|military|army|insiders?|employees?|relatives?|members?|records?|documents?|statement|"
    r"report|reports|media|agency|activists?|doctors?|medics?)"
)
_ACCORDING = re.compile(
    r"\baccording\s+to\s+(?P<who>[^.;:!?]+?)(?=\s*(?:[.;:!?]|,\s+(?:who|which|and|but)\b|$))", re.I
)
_ACCORDING_SHORT = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:!?]+)", re.I)
# "According to X, <claim>": the source ends at the first comma, not at the end of the sentence
_ACCORDING_FIRST = re.compile(r"^[\W_]*according\s+to\s+(?P<who>[^,.;:!?]+),", re.I)
# "..., an aide said." / "..., three sources said." / "..., Reuters reported."
_TRAILING = re.compile(
    rf"[,—–-][”\"’]?\s*(?P<who>(?:[\w’'-]+\s+){{0,8}}?[\w’'.-]+)\s+(?:{_VERBS})(?:\s+(?P<to>[A-Z][\w’'-]*(?:\s+[A-Z][\w’'-]*){{0,3}}))?(?:\s+[a-z]+ly)?\s*[.!?”\"’]*\s*$"
)
# "..., said Jane Doe, executive director of ..." (inverted)
_INVERTED = re.compile(
    r"[,”\"]\s*(?:said|says|added|told)\s+(?P<who>[A-Z][^,.;]*(?:,[^,.;]{0,80})?)\s*[.!?]?\s*$"
)
# "“...,” said Jane Doe, 34, who was ..." / "..., said a resident, who ...": the speaker, then more about them
_INVERTED_NAME = re.compile(
    r"[,”\"]\s*(?:said|says|added|told)\s+(?P<who>(?:(?:the|a|an)\s+[\w’'-]+(?:\s+[\w’'-]+){0,3}?|"
    r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|al-\w+|el-\w+|bin|ibn|de|van|von)){0,4}))\s*,\s*(?:\d{1,3}\b|who|which|whose)"
)
# "Officials said ..." / "Three diplomats said that ..." / "X told Y that ..."
_LEADING = re.compile(
    rf"^(?P<who>(?:[\w’'-]+\s+){{0,6}}?{_SOURCE_NOUN}(?:\s+[\w’'-]+){{0,6}}?)\s+(?:{_VERBS})\b", re.I
)
_NAMED_LEADING = re.compile(
    rf"^(?P<who>[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|al-\w+|bin|de|van|von)){{0,4}})\s+(?:{_VERBS})\s+(?P<rest>\S)"
)
# "At the hospital, director Jane Doe said ...", "Senior engineer Paul Obi later told ...": an optional short
# opening phrase, a name with its title, an adverb, the verb
_NAMED_AFTER_OPENING = re.compile(
    r"^(?:[A-Z][^,]{2,60},\s+)?(?P<who>(?:[A-Z][\w’'.-]*\s+)?(?:[a-z]+\s+){0,2}[A-Z][\w’'.-]*"
    r"(?:\s+(?:[A-Z][\w’'.-]*|al-\w+|el-\w+|bin|de|van|von)){0,4})"
    rf"(?:\s+(?:later|also|then|again|earlier|previously))?\s+(?:{_VERBS})\b"
)
_HEDGES = re.compile(
    r"\b(?:reportedly|allegedly|purportedly|apparently|supposedly|ostensibly|"
    r"(?:is|are|was|were)\s+(?:believed|thought|said|understood|alleged|reported)\s+to|"
    r"could\s+not\s+(?:be\s+)?(?:independently\s+)?(?:verif(?:y|ied)|confirm(?:ed)?)|"
    r"(?:was|were|is)\s+(?:unable|not\s+able)\s+to\s+(?:independently\s+)?(?:verify|confirm)|"
    r"has\s+not\s+been\s+able\s+to\s+(?:independently\s+)?(?:verify|confirm)|"
    r"(?:not|un)\s*(?:been\s+)?(?:independently\s+)?(?:verified|confirmed)|unverified|unconfirmed|"
    r"rumou?rs?|may\s+have|might\s+have|it\s+is\s+(?:unclear|not\s+clear)|it\s+was\s+unclear|"
    r"suggest(?:s|ed)?|appear(?:s|ed)?\s+to|seem(?:s|ed)?\s+to|claimed|claiming|claims?\s+(?:that|to))\b",
    re.I,
)
_BULLET = re.compile(r"^[-•*–]\s+")
_CITED_REPORT = re.compile(
    r"\b(?:according\s+to\s+(?:a|an|the)?\s*(?:report|investigation|article)?\s*(?:by|in|from)?\s*|"
    r"(?:the|a)\s+report\s+(?:said|says|cited|added|noted)|reported\b)",
    re.I,
)


#: words that end a speaker phrase without belonging to it ("the report also recalled", "X has said")
_TRAILING_WORDS = frozenset(
    [
        "also",
        "later",
        "earlier",
        "then",
        "further",
        "again",
        "too",
        "previously",
        "separately",
        "repeatedly",
        "publicly",
        "privately",
        "subsequently",
        "first",
        "last",
        "once",
        "recently",
        "since",
        "now",
        "still",
        "has",
        "had",
        "have",
        "was",
        "were",
        "is",
        "are",
        "will",
        "would",
        "could",
        "can",
        "may",
        "might",
        "did",
        "does",
        "do",
    ]
)
# a relative clause or an age after the name: "Mona Fathi, who was pulled out ...", "Jane Doe, 34"
_RELATIVE = re.compile(r",\s*(?:who|which|whose|whom|where)\b.*$|,\s*\d{1,3}\s*$", re.S)
# a finite verb inside a phrase that should have been a noun phrase ("the report had not appeared ...")
_FINITE = re.compile(
    r"\s(?:had|has|have|was|were|is|are|will|would|could|did|does|do|said|says|told)\b.*$", re.S
)
# an opening adverbial before the speaker: "In 2019 the government", "On Friday the ministry"
_OPENING = re.compile(
    r"^(?:in|on|at|after|before|since|during|by|last|earlier|later)\s+(?:[\w’'-]+\s+){0,4}?"
    r"(?=(?:the|a|an|his|her|their|its)\s)",
    re.I,
)
PRONOUNS = frozenset(["he", "she", "they"])


def _clean_who(who: str) -> str | None:
    who = who.strip(" ,;:—–-“”\"'’")
    who = re.sub(r"\s+", " ", who)
    who = _RELATIVE.sub("", who)
    if len(who.split()) >= 3:
        who = _FINITE.sub("", who)
    who = _OPENING.sub("", who)
    words = who.split()
    while len(words) > 1 and words[-1].lower() in _TRAILING_WORDS:
        words.pop()
    if words and words[0].lower() == "which" and len(words) == 2:
        words = words[1:]  # ", which he said": the pronoun is the speaker
    who = " ".join(words).strip(" ,;:—–-")
    if not who or len(who) > 160:
        return None
    if who.lower() in PRONOUNS:
        return who.lower()
    # "The report said" → "the report"; "The Guardian" keeps its capital
    if len(words) > 1 and words[0] in ("The", "A", "An") and words[1][:1].islower():
        who = words[0].lower() + who[len(words[0]) :]
    return who


def find_attribution(sentence: str) -> str | None:
    """Who the sentence says is speaking, as written ("a rebel military commander", "an aide"), or None."""
    m = _ACCORDING_FIRST.search(sentence) or _ACCORDING.search(sentence) or _ACCORDING_SHORT.search(sentence)
    if m:
        return _clean_who(m.group("who"))
    m = _INVERTED.search(sentence) or _INVERTED_NAME.search(sentence)
    if m:
        return _clean_who(m.group("who"))
    m = _TRAILING.search(sentence)
    if m:
        who = m.group("who")
        to = m.group("to")
        if to and canonical_outlet(to):
            return _clean_who(f"{who} (to {to})")
        return _clean_who(who)
    m = _LEADING.search(sentence)
    if m:
        return _clean_who(m.group("who"))
    m = _NAMED_LEADING.search(sentence) or _NAMED_AFTER_OPENING.search(sentence)
    if m:
        return _clean_who(m.group("who"))
    return None


def _plural(who: str) -> bool:
    last = who.split()[-1].lower()
    return " and " in who or (last.endswith("s") and not last.endswith(("ss", "us", "is")))


def resolve_pronoun(who: str | None, earlier: list[str | None]) -> str | None:
    """A pronoun speaker ("..., she said") as the speaker named just before it, when one fits.

    ``earlier``: the attributions of the report's preceding claims, nearest last; only the last three
    are looked at, and "he"/"she" take a singular speaker, "they" a plural one.
    """
    if who not in PRONOUNS:
        return who
    for prior in reversed(earlier[-3:]):
        if prior and prior not in PRONOUNS:
            return prior if _plural(prior) == (who == "they") else who
    return who


_STRIP_TAIL = re.compile(
    rf"(?:,\s*|\s+)(?:according\s+to\s+[^.;!?]*|(?:[\w’'-]+\s+){{0,8}}?[\w’'.-]+\s+(?:{_VERBS})(?:\s+[A-Z][\w’'-]*){{0,3}})\s*[.!?]?\s*$"
)
_STRIP_HEAD = re.compile(r"^(?:according\s+to\s+[^,]{3,80},\s*)", re.I)


def core_text(sentence: str) -> str:
    """The sentence without its attribution ("according to X", "..., an aide said"): what is claimed."""
    core = _STRIP_HEAD.sub("", sentence.strip())
    stripped = _STRIP_TAIL.sub("", core)
    if len(stripped.split()) >= 4:
        core = stripped
    return core


def is_hedged(sentence: str) -> bool:
    """Does the sentence report something as unverified, alleged or uncertain?"""
    return bool(_HEDGES.search(sentence))


# "..., the report said." / "according to the report": credits the one report the document cites
_THE_REPORT = re.compile(
    r"\b(?:the|that|this)\s+(?:report|article|investigation)\s+(?:said|says|added|adds|noted|notes|"
    r"cited|cites|stated|states|claimed|claims|reported|found|revealed|showed)\b|"
    r"\baccording\s+to\s+the\s+(?:report|article|investigation)\b",
    re.I,
)


def cited_outlet_of(sentence: str, cites: tuple[str, ...]) -> str | None:
    """The cited outlet a sentence credits its content to ("according to X", "X reported"), if any.

    "The report said" credits the cited outlet too when the document cites only one.
    """
    for outlet in cites:
        pattern = re.escape(outlet).replace(r"\ ", r"\s+")
        if re.search(rf"\b{pattern}\b", sentence, re.I) and _CITED_REPORT.search(sentence):
            return outlet
    if len(cites) == 1 and _THE_REPORT.search(sentence):
        return cites[0]
    return None


#: "-ing" words after a comma that are not participles opening a clause of their own
_NOT_PARTICIPLES = frozenset(
    [
        "according",
        "including",
        "following",
        "regarding",
        "concerning",
        "during",
        "excluding",
        "notwithstanding",
        "pending",
        "nothing",
        "something",
        "anything",
        "everything",
        "morning",
        "evening",
        "thing",
        "king",
        "building",
        "ceiling",
        "spring",
        "string",
        "wing",
        "ring",
        "sibling",
        "meeting",
        "wedding",
        "funding",
        "ending",
        "beginning",
        "opening",
        "setting",
    ]
)
# a semicolon, or a comma opening a participial clause (", leaving ...", ", marking ...")
_CLAUSE_BREAK = re.compile(r";\s+|,\s+(?=(?:[a-z]+ly\s+)?(?P<ing>[a-z]+ing)\b)")
#: both sides of a break must have at least this many words
_CLAUSE_WORDS = {";": 6, ",": 5}


def _clauses(text: str, start: int) -> list[tuple[int, int]]:
    """Split a sentence into its clauses: at semicolons and before participial clauses.

    One sentence often states two things ("X fled at dawn, taking two aides with him"): as separate
    claims each can join the fact it belongs to. Both sides must be long enough to state something,
    and a break never falls inside quotation marks (a quote stays one claim).
    """
    parts = []
    pos = 0
    for m in _CLAUSE_BREAK.finditer(text):
        ing = m.group("ing")
        if ing and ing in _NOT_PARTICIPLES:
            continue
        if _open_quote(text[: m.start()]):
            continue
        need = _CLAUSE_WORDS[m.group(0)[0]]
        left, right = text[pos : m.start()], text[m.end() :]
        if ing and _ACCORDING_SHORT.match(right):
            continue
        if ing and _bare_name(left):
            continue  # "Minister Jane Doe, speaking at a forum, said ...": the clause interrupts its subject
        if len(re.findall(r"\w+", left)) >= need and len(re.findall(r"\w+", right)) >= need:
            parts.append((start + pos, start + m.start() + (1 if m.group(0)[0] == "," else 0)))
            pos = m.end()
    parts.append((start + pos, start + len(text)))
    return parts


#: lower-case words that may sit inside a name or title ("Minister of the Interior", "Hamid al-Sayed")
_NAME_PARTICLES = NAME_CONNECTORS | {"the", "and", "for", "der", "di", "du"}


def _bare_name(text: str) -> bool:
    """Is ``text`` only a name or a title and name (every word capitalised but name particles)?"""
    words = re.findall(r"\w+", text)
    return bool(words) and all(w[0].isupper() or w.lower() in _NAME_PARTICLES for w in words)


def _open_quote(text: str) -> bool:
    """Is a quotation still open at the end of ``text``?"""
    opened = text.count("“") - text.count("”")
    return opened > 0 or text.count('"') % 2 == 1


def extract_claims(document: Document, parsed: ParsedDocument) -> tuple[Claim, ...]:
    """The claims of one document, in text order, ids ``<doc>:c<n>``."""
    text = document.text
    claims: list[Claim] = []
    for sent in parsed.sentences:
        raw = text[sent.start : sent.end]
        line_start = text.rfind("\n", 0, sent.start) + 1
        line_end = text.find("\n", sent.end)
        line = text[line_start : line_end if line_end >= 0 else len(text)]
        if line.strip() == raw.strip() and is_heading(raw):
            continue
        start = sent.start
        bullet = _BULLET.match(raw)
        if bullet:
            start += bullet.end()
        if not text[line_start:start].strip():
            # a wire dateline ("PORT ELLEN, Scotland, May 2 (AP) -") says where the report was filed, not what happened
            dateline = DATELINE.match(text, start, min(len(text), sent.end + 1))
            if dateline:
                start = min(dateline.end(), sent.end)
        if len(re.findall(r"\w+", text[start : sent.end])) < 3:
            continue
        whole = text[start : sent.end]
        parts = _clauses(whole, start)
        sentence_attribution = find_attribution(whole) if len(parts) > 1 else None
        sentence_outlet = cited_outlet_of(whole, document.cites) if len(parts) > 1 else None
        for cs, ce in parts:
            clause = text[cs:ce]
            who = resolve_pronoun(
                find_attribution(clause) or sentence_attribution, [c.attribution for c in claims[-3:]]
            )
            claims.append(
                Claim(
                    id=f"{document.id}:c{len(claims) + 1}",
                    doc=document.id,
                    start=cs,
                    end=ce,
                    text=clause,
                    attribution=who,
                    hedged=is_hedged(clause),
                    cited_outlet=cited_outlet_of(clause, document.cites) or sentence_outlet,
                )
            )
    return tuple(claims)
