"""The local engine: runs stage functions in this process, in order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

T = TypeVar("T")
R = TypeVar("R")


class Engine(Protocol):
    """Runs a pure, picklable function over items and returns the results in input order."""

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[fn(x) for x in items]``, however the engine chooses to run it."""
        ...


class LocalEngine:
    """In-process, sequential: the default engine."""

    name = "local"
    #: runs items one after another in this process, so a caller may hand them over one at a time
    #: (and overlap its own background work with each) at no extra cost
    sequential_here = True

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """Apply ``fn`` to each item in order."""
        return [fn(x) for x in items]
