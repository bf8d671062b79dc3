"""Executors for the per-document stage: ``local`` (default, in-process) and ``ray`` (distributed)."""

from __future__ import annotations

from consilience.engines.local import Engine, LocalEngine

ENGINES = ("local", "ray")


def get_engine(name: str, address: str | None = None, num_cpus: int | None = None) -> Engine:
    """Return the engine called ``name``; ``address`` (Ray only) is a cluster to join instead of a local one.

    Raises ValueError for an unknown name and ImportError when Ray is not installed.
    """
    if name == "local":
        return LocalEngine()
    if name == "ray":
        from consilience.engines.ray import RayEngine

        return RayEngine(address, num_cpus=num_cpus)
    raise ValueError(f'unknown engine "{name}" (choose one of: {", ".join(ENGINES)})')
