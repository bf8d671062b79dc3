"""Direct quotes and their speakers.

A quote is the text between quotation marks (straight or curly, double or
single), offsets excluding the marks. Marks are classified by context, not by
their glyph, because real text mixes them up (a right single mark used to open
a nested quote, a straight apostrophe closing a curly quote). A quote left open
at the end of a paragraph continues when the next paragraph reopens it, the
newspaper convention for multi-paragraph quotes. Single quotes nested in a
double quote are returned too, as quotes of their own: they are usually the
words of another person, reported by the outer speaker.

The speaker comes from the speech tag around the quote ("X said", "said X",
"X told Y:", "according to X", "X's reply was:"); pronouns resolve to the
nearest person named before the quote (not the outer speaker, for a nested
quote); an untagged quote that directly follows another one keeps its speaker.
Cost: linear in the text plus a few regular-expression probes per quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from consilience.model import Document, ParsedDocument, Quote

DOUBLE_MARKS = '"“”„«»'
SINGLE_MARKS = "'‘’‚‹›"
OPENING_GLYPHS = "“„«‘‚‹"
# Speech verbs of a tag; "told" and friends take an object ("told Reuters").
SPEECH_VERBS = (
    "said|says|say|told|tells|added|adds|asked|asks|replied|replies|recalled|recalls|explained|explains|"
    "insisted|insists|stated|states|declared|declares|wrote|writes|warned|warns|assured|assures|reassured|"
    "reassures|urged|urges|noted|notes|claimed|claims|remarked|remarks|continued|continues|announced|"
    "announces|shouted|shouts|whispered|whispers|cried|responded|responds|answered|answers|admitted|admits|"
    "acknowledged|acknowledges|conceded|concedes|argued|argues|complained|complains|joked|jokes|tweeted|"
    "posted|wrote|recounted|recounts|quipped|pleaded|vowed|vows|promised|promises|boasted|stressed|stresses|"
    "emphasised|emphasized|mused|snapped|observed|observes|commented|comments|reported|reports|described|"
    "describes|repeated|repeats|concluded|concludes|told\\s+\\w+|saying|adding|telling\\s+\\w+"
)
PRONOUNS = {"he", "she", "they", "him", "her", "them"}
FIRST_PERSON = {"i", "we", "me", "us"}
# A name: capitalised words, allowing lower-case particles and honorific abbreviations inside.
NAME = r"(?:(?:al|el)-)?(?:[A-Z][\w’'\-.]*)(?:\s+(?:(?:al|el|bin|ibn|bint|de|da|del|der|di|du|la|le|van|von|abu|abd|ben)[\-\s]?)?[A-Z][\w’'\-]*)*"
NOUN_PHRASE = r"(?:(?:an?|the|one|two|three|several|some|another|his|her|their|its)\s+[^,.;:!?“”\"]{1,80}?)"
WHO = rf"(?:{NAME}|{NOUN_PHRASE}|he|she|they|I|we)"
TAG_AFTER_VERB_FIRST = re.compile(
    rf"^[\s,.;:!?—–\-]*(?:{SPEECH_VERBS})\s+(?P<who>{NAME}|{NOUN_PHRASE}|he|she|they)(?=[,.;:!?]|\s*$|\s+(?:who|in|at|on|to)\b)"
)
TAG_AFTER_WHO_FIRST = re.compile(rf"^[\s,.;:!?—–\-]*(?P<who>{WHO})\s+(?:{SPEECH_VERBS})\b")
TAG_AFTER_ACCORDING = re.compile(rf"^[\s,.;:!?—–\-]*according\s+to\s+(?P<who>{NAME}|{NOUN_PHRASE})")
TAG_AFTER_ANYWHERE = re.compile(rf"\b(?P<who>{NAME}|he|she|they)\s+(?:{SPEECH_VERBS})\b")
TAG_BEFORE_VERB = re.compile(
    rf"(?P<who>{WHO})\s+(?:(?:also|then|later|once|simply|had|has|have|was|were)\s+)?(?:{SPEECH_VERBS})(?:\s+(?:them|him|her|me|us|reporters|journalists|officials|the\s+\w+))?[^.!?“”\"]{{0,120}}?[:,]?\s*$"
)
TAG_BEFORE_NOUN = re.compile(
    rf"(?P<who>{NAME}|his|her|their)(?:’s|'s)?\s+(?:reply|response|answer|message|words|statement|verdict|comment|retort)\b[^.!?“”\"]{{0,40}}[:,]\s*$"
)
WORD = re.compile(r"[\w’'\-]+")
MIN_UNTAGGED_WORDS = 4
MIN_NESTED_WORDS = 2


@dataclass(frozen=True)
class _Mark:
    pos: int
    opening: bool
    closing: bool


@dataclass(frozen=True)
class _RawQuote:
    start: int
    end: int
    depth: int  # 0 for a top-level quote, 1 for a quote nested in another
    parent: int | None  # index of the enclosing quote


def _classify(text: str, i: int) -> _Mark:
    """Decide from the neighbours whether a quotation mark can open and/or close a quote."""
    before = text[i - 1] if i > 0 else "\n"
    after = text[i + 1] if i + 1 < len(text) else "\n"
    space_before = before.isspace() or before in "([{—–-/" or before in DOUBLE_MARKS + SINGLE_MARKS
    space_after = after.isspace() or after in ")]},.;:!?—–-" or after in DOUBLE_MARKS + SINGLE_MARKS
    opening = space_before and not after.isspace()
    closing = not before.isspace() and (space_after or after == "\n")
    if opening and closing:
        # Both neighbours are marks or punctuation: let the glyph decide.
        opening = text[i] in OPENING_GLYPHS
        closing = not opening
    return _Mark(i, opening, closing)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _double_quotes(text: str) -> list[tuple[int, int]]:
    """Content spans of double-quoted passages, continuing across paragraphs that reopen."""
    found: list[tuple[int, int]] = []
    paragraphs = _paragraphs(text)
    open_at: int | None = None  # content start of the quote being read
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        marks = [_classify(text, i) for i in range(p_start, p_end) if text[i] in DOUBLE_MARKS]
        carried = open_at is not None
        for k, mark in enumerate(marks):
            if open_at is None:
                if mark.opening:
                    open_at = mark.pos + 1
            elif carried and k == 0 and mark.opening and mark.pos - p_start <= 1:
                carried = False  # the reopening mark of a continued quote
            elif mark.closing:
                found.append((open_at, mark.pos))
                open_at = None
            elif mark.opening:
                # An opening mark inside an open quote: the previous one was never closed.
                open_at = mark.pos + 1
            carried = False
        if open_at is not None:
            next_opens = False
            if p_index + 1 < len(paragraphs):
                n_start = paragraphs[p_index + 1][0]
                first = text[n_start]
                next_opens = first in DOUBLE_MARKS and _classify(text, n_start).opening
            if not next_opens:
                # Unclosed at the end of a paragraph and not continued: end it at the paragraph end.
                end = p_end
                while end > open_at and text[end - 1].isspace():
                    end -= 1
                if end > open_at:
                    found.append((open_at, end))
                open_at = None
    return found


def _single_marks(text: str, start: int, end: int) -> list[_Mark]:
    marks = []
    for i in range(start, end):
        if text[i] not in SINGLE_MARKS:
            continue
        before = text[i - 1] if i > 0 else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if before.isalnum() and after.isalnum():
            continue  # an apostrophe inside a word
        mark = _classify(text, i)
        opening = mark.opening and after.isalnum()
        closing = mark.closing and not after.isalnum()
        if i == start and after.isalnum():
            opening, closing = True, False
        marks.append(_Mark(i, opening, closing))
    return marks


def _single_quotes(text: str, start: int, end: int, *, nested: bool) -> list[tuple[int, int]]:
    """Single-quoted spans within [start, end); at top level only clear openings count (apostrophes abound)."""
    found = []
    open_at: int | None = None
    for mark in _single_marks(text, start, end):
        glyph = text[mark.pos]
        if open_at is None:
            if mark.opening and (nested or glyph in "‘'‚‹"):
                open_at = mark.pos + 1
        elif mark.closing:
            if mark.pos > open_at:
                found.append((open_at, mark.pos))
            open_at = None
    return found


def _raw_quotes(text: str) -> list[_RawQuote]:
    raw: list[_RawQuote] = []
    doubles = _double_quotes(text)
    for d_start, d_end in doubles:
        parent = len(raw)
        raw.append(_RawQuote(d_start, d_end, 0, None))
        for s_start, s_end in _single_quotes(text, d_start, d_end, nested=True):
            raw.append(_RawQuote(s_start, s_end, 1, parent))
    # Top-level single quotes, outside every double quote, one paragraph at a time.
    for p_start, p_end in _paragraphs(text):
        cursor = p_start
        inside = sorted((s, e) for s, e in doubles if s < p_end and e > p_start)
        pieces = []
        for s, e in inside:
            pieces.append((cursor, max(cursor, s - 1)))
            cursor = e + 1
        pieces.append((cursor, p_end))
        for a, b in pieces:
            for s_start, s_end in _single_quotes(text, a, b, nested=False):
                raw.append(_RawQuote(s_start, s_end, 0, None))
    return raw


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sentence_before(text: str, pos: int) -> str:
    """Text from the start of the sentence (or paragraph) that holds ``pos`` up to ``pos``."""
    line_start = text.rfind("\n", 0, pos) + 1
    chunk = text[line_start:pos]
    # A sentence boundary is a stop followed by a space and a capital or a mark, outside the quote itself.
    cut = 0
    for m in re.finditer(r"[.!?][”\"’']?\s+(?=[A-Z“\"‘])", chunk):
        cut = m.end()
    return chunk[cut:]


def _sentence_after(text: str, pos: int) -> str:
    line_end = text.find("\n", pos)
    if line_end < 0:
        line_end = len(text)
    chunk = text[pos:line_end]
    m = re.search(r"[.!?](?=\s+[A-Z“\"‘]|\s*$)", chunk[1:])
    return chunk[: m.end() + 1] if m else chunk


def _skip_closing_marks(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] in DOUBLE_MARKS + SINGLE_MARKS:
        pos += 1
    return pos


def _clean_who(who: str) -> str:
    who = who.strip(" ,;:—–-")
    words = who.split()
    if len(words) > 12:
        who = " ".join(words[:12])
    return who


class _Speakers:
    """Resolves speaker phrases to names, using the person names the parser found."""

    def __init__(self, document: Document, parsed: ParsedDocument) -> None:
        text = document.text
        persons = [(n.start, n.end, n.text) for n in parsed.named if n.label == "PERSON"]
        self.persons = sorted(persons)
        self.full_names: dict[str, str] = {}
        counts: dict[str, int] = {}
        first: dict[str, int] = {}
        for start, _, name in self.persons:
            clean = _strip_possessive(name)
            counts[clean] = counts.get(clean, 0) + 1
            first.setdefault(clean, start)
        # A short name stands for the most frequent multi-word name containing it as a word; on a tie the
        # first one, since reports introduce a person by full name before shortening it.
        for clean in sorted(counts, key=lambda n: (-counts[n], first[n])):
            if " " not in clean:
                continue
            for word in re.split(r"[\s\-]+", clean):
                self.full_names.setdefault(word.lower(), clean)
        self.text = text

    def expand(self, name: str) -> str:
        """The fullest form of a name found in the document."""
        clean = _strip_possessive(name)
        if " " in clean:
            return clean
        return self.full_names.get(clean.lower(), clean)

    def nearest_person(self, pos: int, exclude: str | None = None) -> str | None:
        """The person named closest before ``pos`` (skipping ``exclude``)."""
        for start, _end, name in reversed(self.persons):
            if start >= pos:
                continue
            full = self.expand(name)
            if exclude and _same_person(full, exclude):
                continue
            return full
        return None

    def resolve(self, who: str, pos: int, exclude: str | None = None) -> str:
        """A speaker phrase as a name: pronouns resolved, short names expanded."""
        low = who.lower()
        if low in PRONOUNS:
            found = self.nearest_person(pos, exclude)
            return found if found else who
        if re.match(NAME + r"$", who) and not re.match(r"(?:The|A|An|One|His|Her|Their)\b", who):
            return self.expand(who)
        return who


def _strip_possessive(name: str) -> str:
    return re.sub(r"(?:’s|'s|’|')$", "", name.strip())


def _same_person(a: str, b: str) -> bool:
    wa = {w.lower() for w in _strip_possessive(a).split()}
    wb = {w.lower() for w in _strip_possessive(b).split()}
    return bool(wa & wb)


def _tag_speaker(text: str, start: int, end: int) -> tuple[str | None, int]:
    """The speaker phrase of a speech tag around the quote, and where it was found (-1 if none)."""
    after_pos = _skip_closing_marks(text, end)
    after = _sentence_after(text, after_pos)
    # The tag after the quote is the usual form; it must follow directly.
    for pattern in (TAG_AFTER_VERB_FIRST, TAG_AFTER_WHO_FIRST):
        m = pattern.match(after)
        if m:
            return _clean_who(m.group("who")), after_pos + m.start("who")
    open_pos = start - 1
    while open_pos > 0 and text[open_pos - 1] in DOUBLE_MARKS + SINGLE_MARKS:
        open_pos -= 1
    before = _sentence_before(text, open_pos)
    for pattern in (TAG_BEFORE_NOUN, TAG_BEFORE_VERB):
        m = pattern.search(before)
        if m:
            return _clean_who(m.group("who")), open_pos - len(before) + m.start("who")
    # "according to X" names the source of reported words only when no speech verb said who spoke.
    for pattern in (TAG_AFTER_ACCORDING, TAG_AFTER_ANYWHERE):
        m = pattern.search(after) if pattern is TAG_AFTER_ANYWHERE else pattern.match(after)
        if m:
            return _clean_who(m.group("who")), after_pos + m.start("who")
    return None, -1


def _nested_speaker(text: str, raw: _RawQuote, outer: _RawQuote) -> str | None:
    """The speaker phrase of a nested quote, from its frame inside the outer quote ("He replied: '...'")."""
    before = text[outer.start : raw.start - 1]
    m = re.search(rf"(?P<who>{WHO})\s+(?:{SPEECH_VERBS})\b[^.!?]{{0,40}}[:,]?\s*$", before)
    if m:
        return _clean_who(m.group("who"))
    after = text[_skip_closing_marks(text, raw.end) : outer.end]
    m = TAG_AFTER_ANYWHERE.search(after)
    if m and not re.search(r"[.!?]", after[: m.start()]):
        return _clean_who(m.group("who"))
    return None


def find_quotes(document: Document, parsed: ParsedDocument) -> tuple[Quote, ...]:
    """Every direct quote of a document with its speaker; status is set later by judge.quotes."""
    text = document.text
    removed = [(r.start, r.end) for r in document.removed]
    speakers = _Speakers(document, parsed)
    raws = sorted(_raw_quotes(text), key=lambda r: (r.start, -r.end))
    kept: list[tuple[_RawQuote, int, int, str | None]] = []
    resolved_by_raw: dict[tuple[int, int], str | None] = {}
    previous: tuple[int, str | None] | None = None  # end and speaker of the last top-level quote
    for raw in raws:
        start, end = _trim(text, raw.start, raw.end)
        if end <= start or any(s < end and start < e for s, e in removed):
            continue
        n_words = len(WORD.findall(text[start:end]))
        if n_words == 0:
            continue
        speaker: str | None = None
        tagged = False
        if raw.depth == 0:
            who, at = _tag_speaker(text, raw.start, raw.end)
            if who is not None:
                tagged = True
                speaker = speakers.resolve(who, at)
            elif previous is not None and _adjacent(text, previous[0], raw.start):
                speaker = previous[1]
                tagged = speaker is not None
        else:
            outer = next(r for r in raws if r.depth == 0 and r.start <= raw.start and raw.end <= r.end)
            outer_speaker = resolved_by_raw.get((outer.start, outer.end))
            who = _nested_speaker(text, raw, outer)
            if who is not None:
                tagged = True
                if who.lower() in FIRST_PERSON:
                    speaker = outer_speaker
                else:
                    speaker = speakers.resolve(who, outer.start, exclude=outer_speaker)
        if not tagged and n_words < (MIN_NESTED_WORDS if raw.depth else MIN_UNTAGGED_WORDS):
            continue  # a scare-quoted word or a quoted name, not speech
        resolved_by_raw[(raw.start, raw.end)] = speaker
        if raw.depth == 0:
            previous = (raw.end, speaker)
        kept.append((raw, start, end, speaker))
    kept.sort(key=lambda item: (item[1], item[2]))
    return tuple(
        Quote(
            id=f"{document.id}:q{index}",
            doc=document.id,
            start=start,
            end=end,
            text=text[start:end],
            speaker=speaker,
        )
        for index, (_raw, start, end, speaker) in enumerate(kept, start=1)
    )


def _adjacent(text: str, previous_end: int, start: int) -> bool:
    """True when a quote follows the previous one closely: same or next paragraph, a short tag between."""
    gap = text[previous_end:start]
    return gap.count("\n") <= 1 and len(gap) <= 160
