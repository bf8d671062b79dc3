"""Executors: ``local`` (default, in-process), ``processes`` (a pool on this machine) and ``ray`` (distributed)."""

from __future__ import annotations

from consilience.engines.local import Engine, LocalEngine

ENGINES = ("local", "processes", "ray")


def get_engine(name: str, address: str | None = None, num_cpus: int | None = None) -> Engine:
    """Return the engine called ``name``; ``address`` (Ray only) is a cluster to join instead of a local one.

    Raises ValueError for an unknown name and ImportError when Ray is not installed.
    """
    if name == "local":
        return LocalEngine()
    if name == "processes":
        from consilience.engines.processes import ProcessEngine

        return ProcessEngine(num_cpus)
    if name == "ray":
        from consilience.engines.ray import RayEngine

        return RayEngine(address, num_cpus=num_cpus)
    raise ValueError(f'unknown engine "{name}" (choose one of: {", ".join(ENGINES)})')
