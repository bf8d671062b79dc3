"""Boilerplate detection: widget lines, emoji rows, pasted related headlines, newsletter prompts,
lines repeated across many documents. Reported as ``Removed`` spans; the text is never altered.

Cost: one pass over the lines of every document, O(total characters).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import replace

from consilience.model import Document, Removed

_WIDGET = re.compile(
    r"""^(?:
        share(?:\s+(?:this|on|via)\b.*)?\s*:?
      | (?:share|tweet|email|print|save)(?:\s*[|/·•]\s*(?:share|tweet|email|print|save|facebook|twitter|x|whatsapp|linkedin|telegram))+
      | (?:share\s+on|follow\s+us\s+on)\s+\w+.*
      | comments?(?:\s+on\s+this\s+(?:article|post|story))?\s*(?:\(\d+\))?\s*:?
      | \d+\s+comments?
      | no\s+comments(?:\s+(?:available|yet))?\.?
      | (?:leave|post|add|write)\s+a\s+(?:comment|reply)\.?
      | be\s+the\s+first\s+to\s+comment\.?
      | (?:sign\s+up|subscribe)\b.{0,120}
      | (?:get|receive)\s+(?:our|the)\s+\w+(?:\s+\w+)?\s+newsletter.{0,80}
      | newsletter\b.{0,80}
      | (?:read|see)\s+(?:more|also)\s*:.*
      | (?:also\s+read|related(?:\s+(?:articles?|stories|posts|news|coverage))?|recommended|more\s+from\s+\w+|you\s+may\s+also\s+like|trending(?:\s+now)?|most\s+read)\s*:?.*
      | advertisement|sponsored(?:\s+content)?|ad
      | click\s+here\b.*
      | (?:copyright|©)\s.*|all\s+rights\s+reserved\.?
      | (?:tags?|topics?)\s*:.*
      | (?:facebook|twitter|whatsapp|linkedin|telegram|reddit|pinterest)(?:\s*[|/·•,]\s*\w+)*
    )$""",
    re.IGNORECASE | re.VERBOSE,
)
_LEADING_RELATED = re.compile(
    r"^(?:read\s+more|see\s+also|also\s+read|related|recommended)\s*:", re.IGNORECASE
)
_SENTENCE_END = re.compile(r"""[.!?…]["'”’)\]]*$""")
_WORD = re.compile(r"[^\W\d_][\w'’-]*", re.UNICODE)
_MINOR_WORDS = {
    "a", "an", "the", "and", "or", "but", "of", "in", "on", "at", "to", "for", "by", "with", "from", "as",
    "vs", "via", "into", "over", "after", "before", "how", "why", "what", "is", "are", "its", "his", "her",
}  # fmt: skip


def _is_symbol(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat in ("So", "Sk", "Cs", "Mn", "Cf") or ch in "\ufe0f\u200d"


def is_emoji_row(line: str) -> bool:
    """A line made (almost) only of emoji or pictographic symbols."""
    chars = [c for c in line if not c.isspace()]
    if len(chars) < 2:
        return False
    symbols = sum(1 for c in chars if _is_symbol(c))
    return symbols / len(chars) >= 0.8


def _words(line: str) -> list[str]:
    return _WORD.findall(line)


def _is_title_case(words: list[str]) -> bool:
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(major) < 3:
        return False
    capitalised = sum(1 for w in major if w[0].isupper())
    return capitalised / len(major) >= 0.75


def is_related_headline(line: str, in_body: bool) -> bool:
    """A headline of another story pasted into the body: no closing punctuation, headline-shaped."""
    stripped = line.strip()
    if _LEADING_RELATED.match(stripped):
        return True
    if not in_body or _SENTENCE_END.search(stripped) or stripped.startswith(("-", "•", "*", "“", '"')):
        return False
    words = _words(stripped)
    if len(words) < 5:
        return False  # short lines are section headings, which belong to the article
    if ": " in stripped and len(words) >= 6:
        return True
    return len(words) >= 8 and _is_title_case(words)


def iter_lines(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, line) for every line, end excluding the newline."""
    pos = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield pos, pos + len(body), body
        pos += len(raw)


def _normalise_line(line: str) -> str:
    return " ".join(line.lower().split())


def _trimmed(start: int, line: str) -> tuple[int, int]:
    lead = len(line) - len(line.lstrip())
    return start + lead, start + len(line.rstrip())


def detect_boilerplate(documents: Sequence[Document]) -> list[Document]:
    """Every document with its ``removed`` spans set (text untouched)."""
    # Short widget-shaped lines repeated across many documents are site furniture, not reporting.
    line_docs: Counter[str] = Counter()
    for d in documents:
        seen = {
            _normalise_line(line)
            for _, _, line in iter_lines(d.text)
            if line.strip() and len(_words(line)) <= 10 and not _SENTENCE_END.search(line.strip())
        }
        line_docs.update(seen)
    repeat_floor = max(3, int(0.2 * len(documents)) + 1)
    out = []
    for d in documents:
        removed: list[Removed] = []
        in_body = False
        for start, _end, line in iter_lines(d.text):
            stripped = line.strip()
            if not stripped:
                continue
            reason = None
            if is_emoji_row(stripped):
                reason = "emoji row"
            elif _WIDGET.match(stripped) and len(_words(stripped)) <= 14:
                low = stripped.lower()
                if "newsletter" in low or low.startswith(("sign up", "subscribe", "get our", "receive")):
                    reason = "newsletter prompt"
                elif low.startswith(("read more", "see also", "also read", "related", "recommended")):
                    reason = "related headline"
                else:
                    reason = "share/comment widget"
            elif is_related_headline(stripped, in_body):
                reason = "related headline"
            elif (
                len(documents) >= 3
                and len(_words(stripped)) <= 10
                and not _SENTENCE_END.search(stripped)
                and line_docs[_normalise_line(stripped)] >= repeat_floor
            ):
                reason = "repeated across documents"
            if reason:
                s, e = _trimmed(start, line)
                removed.append(Removed(s, e, reason))
            elif _SENTENCE_END.search(stripped) and len(_words(stripped)) >= 8:
                in_body = (
                    True  # the body starts with the first full sentence; headlines before it are the title
                )
        out.append(replace(d, removed=tuple(removed)))
    return out


def is_heading(line: str) -> bool:
    """A short line without closing punctuation: a title or section heading, not a claim."""
    stripped = line.strip()
    return bool(stripped) and not _SENTENCE_END.search(stripped) and len(_words(stripped)) <= 16
