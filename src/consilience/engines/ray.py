"""The Ray engine: runs the same pure stage functions as the local engine, on a Ray cluster.

Items are sent in ordered chunks (a few per CPU) so task overhead stays small, and results come
back in input order, so a report is byte-identical to the local engine's. Ray is imported only
when the engine is created; ``ray.init`` starts a local cluster unless an address is given.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from consilience.errors import InputError

T = TypeVar("T")
R = TypeVar("R")

_CHUNKS_PER_CPU = 2


def _apply_chunk(fn: Callable[[Any], Any], chunk: Sequence[Any]) -> list[Any]:
    return [fn(item) for item in chunk]


def chunked(items: Sequence[T], chunks: int) -> list[list[T]]:
    """Split ``items`` into at most ``chunks`` contiguous, nearly equal, non-empty runs, in order."""
    chunks = max(1, min(chunks, len(items)))
    size, extra = divmod(len(items), chunks)
    runs: list[list[T]] = []
    start = 0
    for index in range(chunks):
        end = start + size + (index < extra)
        runs.append(list(items[start:end]))
        start = end
    return [run for run in runs if run]


class RayEngine:
    """Runs ``fn`` over items as Ray tasks; connects to ``address`` or starts a local Ray."""

    name = "ray"

    def __init__(self, address: str | None = None, num_cpus: int | None = None) -> None:
        import ray

        # Local runs need neither token authentication nor usage reporting.
        os.environ.setdefault("RAY_AUTH_MODE", "disabled")
        os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
        if not ray.is_initialized():
            options: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False}
            if address:
                try:
                    ray.init(address=address, **options)
                except (ConnectionError, RuntimeError, ValueError) as exc:
                    raise InputError(
                        "--ray-address", f"cannot join the Ray cluster at {address}: {exc}"
                    ) from None
            else:
                ray.init(num_cpus=num_cpus, **options)
        self._ray = ray
        self._remote = ray.remote(_apply_chunk)

    @property
    def cpus(self) -> int:
        """The number of CPUs the cluster offers."""
        return max(1, int(self._ray.cluster_resources().get("CPU", 1)))

    def map(self, fn: Callable[[T], R], items: Sequence[T]) -> list[R]:
        """``[fn(x) for x in items]`` computed by Ray tasks, results in input order."""
        if not items:
            return []
        runs = chunked(items, self.cpus * _CHUNKS_PER_CPU)
        refs = [self._remote.remote(fn, run) for run in runs]
        return [result for run in self._ray.get(refs) for result in run]
