"""Claim alignment: which claims of different reports state (nearly) the same thing.

Score = a blend of sentence-embedding cosine and content-word overlap, nudged by shared numbers.
Identical claim texts (copies) are aligned once through a representative.

Candidate pairs: an exact cosine matrix when there are at most ``EXACT_LIMIT`` distinct claim
texts (O(n²) but vectorised: 6,000 texts take about a second); above that, random-hyperplane LSH
over the embeddings (``TABLES`` tables of ``BITS`` bits), which finds pairs with cosine ≳ 0.6 with
high probability at O(n · bucket size) cost.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

import numpy as np

from consilience.link.align_types import Alignment, ClaimLink
from consilience.link.embed import Embedder
from consilience.link.text import content_words, dice, fold, numbers
from consilience.model import Claim
from consilience.nlp.claims import core_text

#: Links scoring below this are not kept at all.
LINK_FLOOR = 0.3
EXACT_LIMIT = 6000
TABLES = 12
BITS = 10
SEMANTIC_WEIGHT = 0.7


def _normalised(text: str) -> str:
    return " ".join(fold(text).split())


def link_score(semantic: float, lexical: float, shared_numbers: int, clashing_numbers: bool) -> float:
    """The blended similarity of two claims in [0, 1]."""
    score = SEMANTIC_WEIGHT * semantic + (1 - SEMANTIC_WEIGHT) * lexical
    if shared_numbers:
        score += 0.03 * min(shared_numbers, 2)
    if clashing_numbers:
        score -= 0.02
    return max(0.0, min(1.0, score))


def _candidate_pairs(vectors: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    n = len(vectors)
    pairs: list[tuple[int, int, float]] = []
    if n <= EXACT_LIMIT:
        sims = vectors @ vectors.T
        ii, jj = np.nonzero(np.triu(sims, k=1) >= floor)
        return [(int(i), int(j), float(sims[i, j])) for i, j in zip(ii, jj, strict=True)]
    rng = np.random.default_rng(20240601)
    seen: set[tuple[int, int]] = set()
    for _ in range(TABLES):
        planes = rng.standard_normal((vectors.shape[1], BITS)).astype(np.float32)
        codes = (vectors @ planes > 0).astype(np.int64) @ (1 << np.arange(BITS, dtype=np.int64))
        buckets: dict[int, list[int]] = defaultdict(list)
        for idx, code in enumerate(codes.tolist()):
            buckets[code].append(idx)
        for members in buckets.values():
            if len(members) < 2:
                continue
            block = vectors[members]
            sims = block @ block.T
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    if sims[a, b] >= floor:
                        key = (members[a], members[b])
                        if key not in seen:
                            seen.add(key)
                            pairs.append((members[a], members[b], float(sims[a, b])))
    pairs.sort()
    return pairs


def align_claims(claims: Sequence[Claim], embedder: Embedder) -> Alignment:
    """Scored links between claims of different documents (sorted), and groups of identical claims."""
    by_text: dict[str, list[Claim]] = {}
    for c in claims:
        by_text.setdefault(_normalised(c.text), []).append(c)
    texts = list(by_text)
    reps = [by_text[t][0] for t in texts]
    duplicates = tuple(tuple(c.id for c in group) for group in by_text.values() if len(group) > 1)
    cores = [core_text(r.text) for r in reps]
    vectors = embedder.embed(cores) if reps else np.zeros((0, 1), dtype=np.float32)
    words = [content_words(t) for t in cores]
    nums = [numbers(r.text) for r in reps]
    semantic_floor = (LINK_FLOOR - (1 - SEMANTIC_WEIGHT)) / SEMANTIC_WEIGHT  # lexical can add at most 0.3
    links: list[ClaimLink] = []
    for i, j, sem in _candidate_pairs(vectors, max(0.2, semantic_floor)):
        a, b = reps[i], reps[j]
        if a.doc == b.doc:
            continue
        lex = dice(words[i], words[j])
        shared = len(nums[i] & nums[j])
        clash = bool(nums[i] and nums[j] and not shared)
        score = link_score(max(0.0, sem), lex, shared, clash)
        if score >= LINK_FLOOR:
            first, second = (a, b) if a.id < b.id else (b, a)
            links.append(ClaimLink(first.id, second.id, round(score, 4), round(sem, 4), round(lex, 4)))
    links.sort(key=lambda link: (link.a, link.b))
    return Alignment(links=tuple(links), duplicates=duplicates)
