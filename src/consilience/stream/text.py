"""Cheap text features for the stream: folded word tokens, word shingles and name-like phrases.

Everything here is linear in the length of the text and needs no model, so the stream can
keep up with hundreds of articles a second on one core.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from anyascii import anyascii

# General English function words; content words carry the story.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "me",
        "more",
        "most",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "say",
        "told",
        "according",
        "would",
        "also",
        "one",
        "two",
        "three",
        "new",
        "year",
        "years",
        "last",
        "first",
        "next",
        "week",
        "month",
        "day",
        "days",
        "time",
        "people",
        "us",
        "mr",
        "mrs",
        "ms",
        "dr",
        "may",
        "might",
        "must",
        "shall",
        "get",
        "got",
        "make",
        "made",
        "many",
        "much",
        "well",
        "like",
        "back",
        "still",
        "even",
        "per",
        "via",
        "upon",
        "within",
        "without",
        "across",
        "along",
        "among",
        "around",
        "since",
        "though",
        "although",
        "however",
        "yet",
        "another",
        "every",
        "including",
    ]
)

_WORD = re.compile(r"[a-z0-9]+(?:['][a-z]+)?")
# A name-like phrase: capitalised words, optionally joined by short lowercase particles
# (de, al, bin, van...) that romanised and European names use.
_NAME = re.compile(
    r"\b(?:[A-Z][A-Za-z0-9'’&.-]*[A-Za-z0-9])(?:[ \t]+(?:(?:al|el|de|da|di|du|del|der|van|von|bin|ibn|la|le|of)[ \t]+)?"
    r"[A-Z][A-Za-z0-9'’&.-]*[A-Za-z0-9])*"
)
_SENTENCE_END = frozenset('.!?:;"“”\n')
# Calendar words are capitalised but name no one: every story has a Tuesday. Months that are
# also given names or surnames (April, May, June, August, March) are left out.
CALENDAR = frozenset(
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "july",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "today",
        "yesterday",
        "tomorrow",
        "am",
        "pm",
    ]
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


# The stream folds and tokenises each article for several features; a tiny cache avoids
# doing it twice for the same text.
@lru_cache(maxsize=4)
def fold(text: str) -> str:
    """Return ``text`` transliterated to ASCII (Wärtsilä -> Wartsila), so spellings with and without diacritics meet."""
    if text.isascii():
        return text
    # Only the non-ASCII runs go through anyascii, which is slow per character.
    return _NON_ASCII.sub(lambda m: anyascii(m.group(0)), text)


@lru_cache(maxsize=4)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(fold(text).lower()))


def words(text: str) -> list[str]:
    """Return the folded, lower-cased word tokens of ``text``, in order (O(len(text)))."""
    return list(_words(text))


def content_words(tokens: Iterable[str]) -> list[str]:
    """Return the tokens that carry content: not stopwords, not bare numbers, at least two letters."""
    return [t for t in tokens if len(t) > 1 and t not in STOPWORDS and not t.isdigit()]


def shingles(tokens: list[str], size: int = 5) -> set[str]:
    """Return the set of ``size``-word shingles of ``tokens`` (the whole text as one shingle when shorter)."""
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def names(text: str) -> list[str]:
    """Return name-like phrases (runs of capitalised words), folded and lower-cased.

    A single capitalised word at the start of a sentence is skipped unless it is an acronym,
    because there capitalisation says nothing about it being a name.
    """
    folded = fold(text)
    found: list[str] = []
    for match in _NAME.finditer(folded):
        phrase = match.group(0).rstrip(".")
        single = " " not in phrase
        if single and not phrase.isupper() and _starts_sentence(folded, match.start()):
            continue
        parts = phrase.lower().replace("’", "'").split()
        # A capitalised function word or date ("The Saints", "On Tuesday") is not part of the name.
        while parts and (parts[0] in STOPWORDS or parts[0] in CALENDAR):
            parts.pop(0)
        while parts and parts[-1] in CALENDAR:
            parts.pop()
        lowered = " ".join(parts)
        if len(lowered) < 2:
            continue
        found.append(lowered)
    return found


def _starts_sentence(text: str, position: int) -> bool:
    """Whether ``position`` is the first word of a sentence or line (looks back over spaces only)."""
    before = text[max(0, position - 8) : position].rstrip(" \t")
    return not before or before[-1] in _SENTENCE_END
