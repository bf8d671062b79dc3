"""The service's settings: where the store is, request limits, and how the analysis worker runs."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace


@dataclass(frozen=True)
class Limits:
    """Request limits; each refusal is a 4xx JSON error that names the limit."""

    max_body_bytes: int = 20_000_000
    max_documents_per_request: int = 200
    max_document_chars: int = 2_000_000
    max_documents_per_story: int = 5_000
    max_title_chars: int = 1_000
    rate_per_second: float = 20.0  # sustained requests per API key
    rate_burst: int = 200  # requests a key may make at once before the sustained rate applies

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Limits:
        """Defaults, overridden by ``CONSILIENCE_<FIELD>`` environment variables (e.g. CONSILIENCE_RATE_BURST)."""
        env = dict(os.environ if environ is None else environ)
        changes: dict[str, int | float] = {}
        for f in fields(cls):
            value = env.get(f"CONSILIENCE_{f.name.upper()}")
            if value is not None:
                changes[f.name] = float(value) if f.type == "float" else int(value)
        return replace(cls(), **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Settings:
    """Everything ``create_app`` needs."""

    db_url: str
    limits: Limits = field(default_factory=Limits)
    worker: bool = True  # run the background analysis worker in this process
    warmup: bool = True  # load the models at start-up so the first report is fast
    lease_seconds: float = 60.0  # a running job whose worker stops renewing this long is taken over
    poll_seconds: float = 1.0  # how often the worker looks for jobs nobody woke it for
    max_attempts: int = 3
    analysis_process: bool = True  # analyse in a child process, so analyses do not slow requests down
