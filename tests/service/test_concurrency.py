"""Fifty concurrent uploads over loopback lose nothing and duplicate nothing, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import httpx
import pytest
from service_servers import serving_in_thread

from consilience.service.app import create_app
from consilience.service.settings import Limits, Settings
from consilience.store import repository as repo

T = TypeVar("T")

pytestmark = pytest.mark.xdist_group("servers")


def _run_in_fresh_loop(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: another test in this worker (a browser or fuzz session) may
    have left an event loop running in the main thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coro).result()


async def _upload_all(
    base: str, auth: dict[str, str], story: str, uploads: list[dict[str, object]]
) -> list[httpx.Response]:
    gate = asyncio.Semaphore(25)  # bounded: at most 25 requests in flight
    async with httpx.AsyncClient(base_url=base, headers=auth, timeout=60) as client:

        async def one(body: dict[str, object]) -> httpx.Response:
            async with gate:
                return await client.post(f"/v1/stories/{story}/documents", json=body)

        return await asyncio.gather(*(one(body) for body in uploads))


def test_fifty_concurrent_uploads_lose_nothing_and_duplicate_nothing(db_url: str) -> None:
    app = create_app(Settings(db_url=db_url, limits=Limits(rate_burst=1000), worker=False))
    with app.state.engine.begin() as conn:
        auth = {"Authorization": f"Bearer {repo.create_api_key(conn, 'north')}"}
    # 25 distinct reports, each uploaded twice, shuffled so twins race each other
    docs = [
        {"id": f"r{i:02d}", "text": f"Report {i}: the council voted on the budget on Monday."}
        for i in range(25)
    ]
    uploads: list[dict[str, object]] = [{"documents": [docs[i % 25]]} for i in range(50)]
    with serving_in_thread(app) as base:
        story = httpx.post(f"{base}/v1/stories", json={"title": "race"}, headers=auth).json()["id"]
        responses = _run_in_fresh_loop(_upload_all(base, auth, story, uploads))
        listed = httpx.get(f"{base}/v1/stories/{story}/documents", headers=auth).json()["documents"]
        status = httpx.get(f"{base}/v1/stories/{story}/status", headers=auth).json()
    assert all(r.status_code in (200, 201) for r in responses), [
        r.text for r in responses if r.status_code >= 300
    ]
    created = Counter(d for r in responses for d in r.json()["created"])
    duplicates = Counter(d for r in responses for d in r.json()["duplicates"])
    assert created == Counter(
        {d["id"]: 1 for d in docs}
    )  # each report stored by exactly one of its two uploads
    assert duplicates == created
    assert sorted(d["id"] for d in listed) == sorted(d["id"] for d in docs)
    assert (
        status["documents"] == 25 and status["revision"] == 25
    )  # one revision per upload that added a report
