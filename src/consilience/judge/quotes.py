"""Quote integrity: corroborated, altered, single_source, fabricated.

Quotes are compared word by word (case, punctuation and quotation marks
ignored). A quote is *covered* by quotes of other reports where they share runs
of at least ``RUN`` words. Status, first that applies:

- ``corroborated``: covered (≥ ``SAME``) by quotes of reports of other families;
- ``altered``: close to quotes of other reports (coverage ≥ ``CLOSE``) but
  changed; when only one side is a derived report, only its quote is altered —
  the original is not blamed for its copier;
- ``fabricated``: in a derived report (the target of a derivation edge, or in a
  family with an earlier-published report) and not found as a quote in the
  reports of its family: the source gave it as reported speech, or not at all;
- ``single_source`` otherwise.

Cost: O(q²) word-sequence comparisons for q quotes (a few hundred per story).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from difflib import SequenceMatcher

from anyascii import anyascii

from consilience.model import Claim, Document, Provenance, Quote

RUN = 3
SAME = 0.9
CLOSE = 0.45
#: a quote sharing this much with another counts towards ``CLOSE``
CLOSE_PAIR = 0.25


def _may_blame(doc: str, other: str, derived_from: dict[str, set[str]]) -> bool:
    """Whether a difference between quotes of ``doc`` and ``other`` may count as ``doc`` altering it.

    A report is not blamed for what a report derived from it (or any derived report, when it is not
    derived itself) changed.
    """
    if doc in derived_from.get(other, set()):
        return False
    return not (other in derived_from and doc not in derived_from)


def quote_words(text: str) -> list[str]:
    """The words of a quote, lower case, without punctuation or quotation marks."""
    return re.findall(r"[a-z0-9]+", anyascii(text).lower().replace("'", ""))


def coverage(words: list[str], other: list[str], run: int = RUN) -> set[int]:
    """Positions of ``words`` inside runs of at least ``run`` words shared with ``other``."""
    if len(words) < run or len(other) < run:
        # Very short quotes only match whole.
        return set(range(len(words))) if words and words == other else set()
    matcher = SequenceMatcher(a=words, b=other, autojunk=False)
    covered: set[int] = set()
    for block in matcher.get_matching_blocks():
        if block.size >= run:
            covered.update(range(block.a, block.a + block.size))
    return covered


def _families(documents: Sequence[Document], provenance: Provenance) -> dict[str, int]:
    family: dict[str, int] = {}
    for n, members in enumerate(provenance.families):
        for doc in members:
            family[doc] = n
    for d in documents:
        family.setdefault(d.id, len(family) + 1000)
    return family


def derivations(documents: Sequence[Document], provenance: Provenance) -> dict[str, set[str]]:
    """For each derived document, the documents it derives from (edge sources or earlier family members)."""
    sources: dict[str, set[str]] = {}
    for edge in provenance.edges:
        if edge.kind != "cites":
            sources.setdefault(edge.target, set()).add(edge.source)
    published = {d.id: d.published for d in documents}
    for members in provenance.families:
        for doc in members:
            mine = published.get(doc)
            for other in members:
                theirs = published.get(other)
                if other != doc and mine and theirs and theirs < mine:
                    sources.setdefault(doc, set()).add(other)
    return sources


def judge_quotes(
    quotes: Sequence[Quote], documents: Sequence[Document], claims: Sequence[Claim], provenance: Provenance
) -> tuple[Quote, ...]:
    """Set each quote's status and matches."""
    family = _families(documents, provenance)
    derived_from = derivations(documents, provenance)
    words = {q.id: quote_words(q.text) for q in quotes}
    # Only quotes sharing a run of RUN words (or equal short quotes) can cover each other: an
    # inverted index of word runs keeps this near-linear instead of comparing every pair.
    index: dict[tuple[str, ...], list[Quote]] = {}
    for q in quotes:
        w = words[q.id]
        keys = {tuple(w)} if len(w) < RUN else {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}
        for key in keys:
            index.setdefault(key, []).append(q)
    order = {q.id: n for n, q in enumerate(quotes)}

    def candidates(qid: str) -> list[Quote]:
        w = words[qid]
        keys = {tuple(w)} if len(w) < RUN else {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}
        found = {r.id: r for key in keys for r in index.get(key, ())}
        return sorted(found.values(), key=lambda r: order[r.id])

    memo: dict[tuple[tuple[str, ...], tuple[str, ...]], set[int]] = {}

    def cached_coverage(a: list[str], b: list[str]) -> set[int]:
        key = (tuple(a), tuple(b))
        if key not in memo:
            memo[key] = coverage(a, b)
        return memo[key]

    judged = []
    for q in quotes:
        mine = words[q.id]
        if not mine:
            judged.append(q)
            continue
        other_family: set[int] = set()
        any_report: set[int] = set()  # covered by close quotes this report may have altered
        same: list[str] = []
        close: list[str] = []
        in_own_family = False
        for r in candidates(q.id):
            if r.doc == q.doc:
                continue
            covered = cached_coverage(mine, words[r.id])
            if not covered:
                continue
            share = len(covered) / len(mine)
            if family[r.doc] != family[q.doc]:
                other_family |= covered
            elif share >= SAME:
                in_own_family = True
            if share >= SAME:
                same.append(r.id)
            elif share >= CLOSE_PAIR and _may_blame(q.doc, r.doc, derived_from):
                any_report |= covered
                close.append(r.id)
        n = len(mine)
        if len(other_family) / n >= SAME:
            status = "corroborated"
        elif len(any_report) / n >= CLOSE:
            status = "altered"
        elif q.doc in derived_from and not in_own_family:
            status = "fabricated"
        else:
            status = "single_source"
        matches = tuple(sorted(set(same) | (set(close) if status == "altered" else set())))
        judged.append(replace(q, status=status, matches=matches))
    return tuple(judged)
