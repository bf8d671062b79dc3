"""Incremental story analysis: per-document analyses are cached; only story-level stages rerun.

When a story gains an article, its report is rebuilt from the cached per-document analyses
(parsing, claims, quotes: the spaCy work) of the articles it already had, plus the new one;
the story-level stages (boilerplate across reports, roster, times, alignment, provenance,
judgements) are recomputed, because a new report can change every one of them. The cache is
keyed by a digest of the cleaned document, so an article whose cleaning changed (boilerplate
is judged across reports) is analysed again, and the result equals a from-scratch analysis.
"""

from __future__ import annotations

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from consilience.engines.local import Engine, LocalEngine
from consilience.model import Document, Report
from consilience.stream.state import StreamStore

T = TypeVar("T")
R = TypeVar("R")


def item_key(fn: Callable[[Any], Any], item: object) -> str:
    """Return a digest naming ``fn(item)``: the function's qualified name and the item's repr (frozen dataclasses)."""
    name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"
    return hashlib.sha256(f"{name}\0{item!r}".encode()).hexdigest()


class CachingEngine:
    """An engine that remembers ``fn(item)`` results (memory, then the store) and runs only the misses."""

    name = "cached"

    def __init__(
        self, inner: Engine | None = None, store: StreamStore | None = None, capacity: int = 4096
    ) -> None:
        self.inner = inner or LocalEngine()
        self.sequential_here = bool(getattr(self.inner, "sequential_here", False))
        self.store = store
        self.capacity = capacity
        self._memory: OrderedDict[str, Any] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _lookup(self, key: str) -> tuple[bool, Any]:
        if key in self._memory:
            self._memory.move_to_end(key)
            return True, self._memory[key]
        if self.store is not None:
            blob = self.store.get_analysis(key)
            if blob is not None:
                # The blobs are our own pickles of model dataclasses, written by this class.
                value = pickle.loads(blob)
                self._remember(key, value)
                return True, value
        return False, None

    def _remember(self, key: str, value: Any) -> None:
        self._memory[key] = value
        self._memory.move_to_end(key)
        while len(self._memory) > self.capacity:
            self._memory.popitem(last=False)

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[fn(x) for x in items]``, computing (with the inner engine) only results not cached yet."""
        keys = [item_key(fn, item) for item in items]
        results: list[Any] = [None] * len(items)
        missing: list[int] = []
        for index, key in enumerate(keys):
            found, value = self._lookup(key)
            if found:
                results[index] = value
                self.hits += 1
            else:
                missing.append(index)
        self.misses += len(missing)
        if missing:
            computed = self.inner.map(fn, [items[i] for i in missing])
            for index, value in zip(missing, computed, strict=True):
                results[index] = value
                self._remember(keys[index], value)
            if self.store is not None:
                self.store.put_analyses({keys[i]: pickle.dumps(results[i], protocol=5) for i in missing})
        return results


class StoryAnalyzer:
    """Rebuilds a story's report when it gains articles, reusing cached per-document analyses."""

    def __init__(self, store: StreamStore | None = None, engine: Engine | None = None) -> None:
        self.engine = CachingEngine(engine, store)

    def analyse(self, documents: Sequence[Document]) -> Report:
        """Return the report of the story made of ``documents`` (in arrival order)."""
        from consilience.pipeline import analyze_documents

        return analyze_documents(documents, engine=self.engine)
