"""Near-duplicate detection: MinHash/LSH to find candidates, exact shingle overlap to verify.

A near-duplicate is a copy (same text, small edits) or an excerpt (a large part of an earlier
text). Candidates come from a MinHash LSH index (datasketch) over word 5-gram shingles; each
candidate is verified on the exact shingle sets, so the LSH's false positives never reach the
output. Duplicates are not dropped: they join the family of the article they copy.

Cost: signing is O(shingles x permutations) vectorised; a query is O(bands) plus one sorted
intersection per candidate. Memory: 4 bytes per distinct shingle per article plus the signature.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from datasketch import MinHash, MinHashLSH

from consilience.link.shingles import overlap, shingle_hashes
from consilience.stream.text import words

NUM_PERM = 64
# LSH recall is tuned low (Jaccard 0.3) so that excerpts, whose Jaccard with the full text is
# small, still become candidates; verification below decides.
LSH_THRESHOLD = 0.3
_SCHEME = "affine32"
_MARGIN = 0.2


@dataclass(frozen=True)
class DuplicateRule:
    """When a candidate is a near-duplicate: Jaccard of shingle sets, or containment of the shorter text."""

    jaccard: float = 0.5
    containment: float = 0.8
    min_shingles: int = 20  # below this, containment of a tiny text in a long one means little


@dataclass(frozen=True)
class Fingerprint:
    """An article's shingle hashes (sorted, unique uint32) and MinHash signature."""

    shingle_hashes: np.ndarray
    signature: np.ndarray


@dataclass(frozen=True)
class DuplicateMatch:
    """The earlier article a new one duplicates, with the overlap that decided it."""

    of: str
    jaccard: float
    containment: float


def _identity(value: int) -> int:
    return value


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=1, scheme=_SCHEME)


def fingerprint(text: str) -> Fingerprint:
    """Return the shingle hashes and MinHash signature of ``text`` (deterministic across processes)."""
    hashes = shingle_hashes(words(text))
    minhash = MinHash(
        num_perm=NUM_PERM, hashfunc=_identity, permutations=_TEMPLATE.permutations, scheme=_SCHEME
    )
    if hashes.size:
        minhash.update_batch(hashes.tolist())
    return Fingerprint(hashes, np.asarray(minhash.hashvalues).copy())


class NearDuplicateIndex:
    """An online index of articles' fingerprints that answers "which earlier article does this copy?"."""

    def __init__(self, rule: DuplicateRule | None = None) -> None:
        self.rule = rule or DuplicateRule()
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._hashes: dict[str, np.ndarray] = {}
        # Signatures and set sizes of indexed articles as rows of growing arrays, so the
        # candidates of a query are pre-filtered in one vectorised step.
        self._row: dict[str, int] = {}
        self._keys: list[str] = []
        self._matrix = np.zeros((1024, NUM_PERM), dtype=np.uint64)
        self._sizes = np.zeros(1024, dtype=np.int64)

    def __len__(self) -> int:
        return len(self._hashes)

    def find(self, print_: Fingerprint) -> DuplicateMatch | None:
        """Return the best verified near-duplicate among indexed articles, or None (earliest wins ties)."""
        if not print_.shingle_hashes.size:
            return None
        query = MinHash(hashvalues=print_.signature, permutations=_TEMPLATE.permutations, scheme=_SCHEME)
        best: DuplicateMatch | None = None
        best_key: tuple[float, int] = (-1.0, 0)
        for key in self._prefilter(print_, self._lsh.query(query)):
            other = self._hashes[key]
            jaccard, containment = overlap(print_.shingle_hashes, other)
            smaller = min(print_.shingle_hashes.size, other.size)
            is_copy = jaccard >= self.rule.jaccard
            is_excerpt = containment >= self.rule.containment and smaller >= self.rule.min_shingles
            if not (is_copy or is_excerpt):
                continue
            rank = (max(jaccard, containment), -self._row[key])
            if rank > best_key:
                best_key = rank
                best = DuplicateMatch(key, round(jaccard, 4), round(containment, 4))
        return best

    def _prefilter(self, print_: Fingerprint, candidates: list[str]) -> list[str]:
        """Keep the candidates whose MinHash estimate could pass verification (in arrival order)."""
        if not candidates:
            return []
        rows = np.array(sorted(self._row[key] for key in candidates), dtype=np.int64)
        # Estimated Jaccard, and from it and the set sizes the estimated containment; the
        # margin keeps the estimate's error (about 0.06 at 64 permutations) from losing matches.
        jaccard = (self._matrix[rows] == print_.signature).mean(axis=1)
        size = print_.shingle_hashes.size
        others = self._sizes[rows]
        shared = jaccard * (size + others) / (1.0 + jaccard)
        containment = shared / np.maximum(1, np.minimum(size, others))
        keep = (jaccard >= self.rule.jaccard - _MARGIN) | (containment >= self.rule.containment - _MARGIN)
        return [self._keys[row] for row in rows[keep]]

    def add(self, article: str, print_: Fingerprint) -> None:
        """Index ``article`` so later articles can be matched against it."""
        if article in self._hashes:
            return
        self._hashes[article] = print_.shingle_hashes
        row = len(self._keys)
        if row == len(self._sizes):
            self._matrix = np.concatenate([self._matrix, np.zeros_like(self._matrix)])
            self._sizes = np.concatenate([self._sizes, np.zeros_like(self._sizes)])
        self._matrix[row] = print_.signature
        self._sizes[row] = print_.shingle_hashes.size
        self._row[article] = row
        self._keys.append(article)
        if print_.shingle_hashes.size:
            signature = MinHash(
                hashvalues=print_.signature, permutations=_TEMPLATE.permutations, scheme=_SCHEME
            )
            self._lsh.insert(article, signature)
