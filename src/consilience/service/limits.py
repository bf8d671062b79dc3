"""Request limits at the edge: body size (ASGI middleware) and a per-key token-bucket rate limiter."""

from __future__ import annotations

import threading
import time
from typing import Any

import orjson

Scope = dict[str, Any]
Message = dict[str, Any]


class BodyTooLarge(Exception):
    """The request body passed the configured size."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"the request body is larger than {limit} bytes")


class BodyLimitMiddleware:
    """Refuse bodies larger than ``limit`` bytes: by Content-Length up front, else while streaming."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        """ASGI entry point."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > self.limit:
                    await _send_413(send, self.limit)
                    return
        received = 0
        limit = self.limit

        async def counting_receive() -> Message:
            nonlocal received
            message: Message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # Raised inside the endpoint's body read, so the app's error handler answers 413.
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counting_receive, send)


async def _send_413(send: Any, limit: int) -> None:
    body = orjson.dumps(
        {"error": "body_too_large", "message": f"the request body is larger than the limit of {limit} bytes"}
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class RateLimiter:
    """A token bucket per key: ``burst`` requests at once, refilled at ``rate`` per second. Thread-safe.

    In memory, per server process: with several processes each allows the full rate.
    """

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def acquire(self, key: str) -> float:
        """Take one token for ``key``: 0.0 if allowed, else the seconds until a token is available."""
        now = time.monotonic()
        with self._lock:
            tokens, stamp = self._buckets.get(key, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - stamp) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate if self.rate > 0 else 60.0
