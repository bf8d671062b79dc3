"""The processes engine: whole tasks (stories) spread over a pool of worker processes on this machine.

Each worker loads the models once, on its first task, and keeps them for the rest; results come
back in input order, so the bytes written are those of the local engine. Worth it when there are
several stories: one story's stages run in one worker. Workers start with ``spawn`` (no fork of a
process that already runs model threads).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


class ProcessEngine:
    """A pool of ``workers`` processes (default: one per CPU core), created for each ``map``."""

    name = "processes"

    def __init__(self, workers: int | None = None) -> None:
        self.workers = max(1, workers or os.cpu_count() or 1)

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[fn(x) for x in items]`` on the pool; a single item (or a single worker) runs here."""
        if len(items) < 2 or self.workers < 2:
            return [fn(x) for x in items]
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=min(self.workers, len(items)), mp_context=context) as pool:
            return list(pool.map(fn, items, chunksize=1))
