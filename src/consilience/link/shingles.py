"""Word-shingle kernels shared by near-duplicate detection (stream) and provenance (one story).

No MinHash here, so a small story pays no index cost: ``shingle_hashes`` is O(tokens), vectorised;
``overlap`` is one sorted intersection, O(a + b).
"""

from __future__ import annotations

import zlib

import numpy as np

SHINGLE_SIZE = 5

_MULTIPLIERS = np.array([0x9E3779B97F4A7C15 ** (i + 1) % 2**64 for i in range(SHINGLE_SIZE)], dtype=np.uint64)


_TOKEN_HASHES: dict[str, int] = {}


def _token_hash(token: str) -> int:
    # Words repeat across articles; a bounded memo saves most CRC calls.
    value = _TOKEN_HASHES.get(token)
    if value is None:
        value = zlib.crc32(token.encode("utf-8"))
        if len(_TOKEN_HASHES) < 500_000:
            _TOKEN_HASHES[token] = value
    return value


def shingle_hashes(tokens: list[str]) -> np.ndarray:
    """Return the sorted unique 32-bit hashes of the word ``SHINGLE_SIZE``-grams of ``tokens``.

    Each token is hashed once (CRC-32, stable across processes); a shingle's hash mixes its
    tokens' hashes with fixed odd multipliers, vectorised (O(tokens)).
    """
    if not tokens:
        return np.zeros(0, dtype=np.uint32)
    token_hashes = np.fromiter((_token_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))
    width = min(SHINGLE_SIZE, len(tokens))
    count = len(tokens) - width + 1
    mixed = np.zeros(count, dtype=np.uint64)
    for offset in range(width):
        mixed += token_hashes[offset : offset + count] * _MULTIPLIERS[offset]
    return np.unique((mixed >> np.uint64(32)).astype(np.uint32))


def overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """Return (Jaccard, containment of the smaller set) of two sorted unique hash arrays."""
    if not a.size or not b.size:
        return 0.0, 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / (a.size + b.size - shared), shared / min(a.size, b.size)
