"""Claim flags: embellishment, unattributed, single_source (mutation is set by corroboration).

A claim of a derived report (one that derives from another: see
``judge.quotes.derivations``) is an ``embellishment`` when no other report
supports it: it carries a fabricated quote; or it names someone or something
no other report names; or most of its content words appear in no other report
(``NOVEL``, atmosphere and invented scenes); or it has no close counterpart
anywhere (best link below ``SUPPORTED``) and a good part of its words are new
(``SOMEWHAT_NOVEL``). Supported detail in the same report — reworded, but made
of what other reports say — stays unflagged. In an independent report an
unmatched claim is ``single_source``, never an embellishment. A claim credited
to nobody and not corroborated is ``unattributed``.
Cost: O(words) per claim after one pass over every report's vocabulary.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import replace

from anyascii import anyascii

from consilience.judge.quotes import derivations
from consilience.link.align_types import Alignment
from consilience.model import Claim, Document, Fact, Provenance, Quote
from consilience.nlp.slots import content_words

#: a claim whose best link to another report reaches this has a counterpart there
SUPPORTED = 0.5
#: share of content words found in no other report that makes a claim invented on its own
NOVEL = 0.5
#: ...and the share that does so when the claim has no counterpart
SOMEWHAT_NOVEL = 0.3
NAME_PREFIX = 5
_NAME_WORD = re.compile(r"(?<![.!?:;“\"‘]\s)(?<!^)\b[A-Z][a-z]{2,}\b")


def _vocabulary(document: Document) -> set[str]:
    return content_words(document.text) | {
        w.lower() for w in re.findall(r"[A-Za-z]+", anyascii(document.text))
    }


class Elsewhere:
    """Which words (and word prefixes) other reports use: document frequencies, O(total words)."""

    def __init__(self, documents: Sequence[Document]) -> None:
        self.vocabulary = {d.id: _vocabulary(d) for d in documents}
        self.prefixes = {
            doc: {w[:k] for w in words for k in range(3, NAME_PREFIX + 1)}
            for doc, words in self.vocabulary.items()
        }
        self.word_df: Counter[str] = Counter()
        self.prefix_df: Counter[str] = Counter()
        for doc in self.vocabulary:
            self.word_df.update(self.vocabulary[doc])
            self.prefix_df.update(self.prefixes[doc])

    def has_word(self, doc: str, word: str) -> bool:
        """Does a report other than ``doc`` use this word?"""
        return self.word_df[word] > (1 if word in self.vocabulary[doc] else 0)

    def has_prefix(self, doc: str, prefix: str) -> bool:
        """Does a report other than ``doc`` use a word starting with this prefix?"""
        return self.prefix_df[prefix] > (1 if prefix in self.prefixes[doc] else 0)


def _novel_names(claim: Claim, elsewhere: Elsewhere) -> list[str]:
    """Capitalised words inside the sentence (not its first word) that no other report uses at all."""
    text = anyascii(claim.text)
    first = re.match(r"\W*\w+", text)
    body_start = first.end() if first else 0
    # Compare on a prefix so that inflections and demonyms ("Lebanese", "Lebanon") count as named.
    return [
        m.group(0)
        for m in _NAME_WORD.finditer(text, body_start)
        if not elsewhere.has_word(claim.doc, m.group(0).lower())
        and not elsewhere.has_prefix(claim.doc, m.group(0).lower()[:NAME_PREFIX])
    ]


def flag_claims(
    documents: Sequence[Document],
    claims: Sequence[Claim],
    facts: Sequence[Fact],
    alignment: Alignment,
    provenance: Provenance,
    quotes: Sequence[Quote],
) -> tuple[Claim, ...]:
    """Claims with their flags set."""
    derived = derivations(documents, provenance)
    elsewhere = Elsewhere(documents)
    best: dict[str, float] = defaultdict(float)
    for link in alignment.links:
        best[link.a] = max(best[link.a], link.score)
        best[link.b] = max(best[link.b], link.score)
    fact_by_id = {f.id: f for f in facts}
    fabricated = [q for q in quotes if q.status == "fabricated"]
    out = []
    for claim in claims:
        flags = set(claim.flags)
        fact = fact_by_id.get(claim.fact) if claim.fact else None
        independent = fact.independent_sources if fact else 1
        if claim.doc in derived and _embellished(claim, best[claim.id], elsewhere, fabricated):
            flags.add("embellishment")
        elif independent < 2:
            flags.add("single_source")
        if claim.attribution is None and independent < 2:
            flags.add("unattributed")
        out.append(replace(claim, flags=tuple(sorted(flags))) if flags != set(claim.flags) else claim)
    return tuple(out)


def _embellished(claim: Claim, best_link: float, elsewhere: Elsewhere, fabricated: Sequence[Quote]) -> bool:
    if any(q.doc == claim.doc and q.start < claim.end and claim.start < q.end for q in fabricated):
        return True
    if _novel_names(claim, elsewhere):
        return True
    words = content_words(claim.text)
    if not words:
        return False
    novelty = sum(1 for w in words if not elsewhere.has_word(claim.doc, w)) / len(words)
    return novelty >= NOVEL or (best_link < SUPPORTED and novelty >= SOMEWHAT_NOVEL)
