"""Service benchmark: upload throughput, and time from upload to a ready report with the models loaded.

Runs `consilience serve` as a child process on a loopback port (as deployed), against a temporary
SQLite file, or PostgreSQL with ``--db postgresql://...`` (a scratch schema, dropped afterwards).

    .venv/bin/python benchmarks/bench_service.py [--db postgresql://postgres@127.0.0.1:5432/test]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import httpx

from consilience.store import migrate, open_engine
from consilience.store import repository as repo
from consilience.store.testing import postgres_schema

REPO = Path(__file__).resolve().parents[1]
STORIES = [REPO.parent / "shared" / "seeds", REPO / "src" / "consilience" / "data" / "sample_story"]


def five_reports() -> tuple[str, list[dict[str, str]]]:
    """A 5-report story: the seeds when ../shared is there, else the bundled sample story."""
    for folder in STORIES:
        files = sorted(folder.glob("*.txt"))[:5]
        if len(files) == 5:
            return str(folder), [{"id": f.stem, "text": f.read_text(encoding="utf-8")} for f in files]
    raise SystemExit("no 5-report story found (../shared/seeds or src/consilience/data/sample_story)")


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (the analysis child) in MB."""
    task = Path(f"/proc/{pid}/task")
    children = [int(c) for t in task.iterdir() for c in (t / "children").read_text().split()]
    return rss_mb(pid) + sum(rss_mb(c) for c in children if Path(f"/proc/{c}").exists())


def job_phases(url: str, story: str) -> tuple[float, float]:
    """(seconds from the upload's commit to the job's start, seconds the analysis ran) of the story's last job."""
    from sqlalchemy import select

    from consilience.store.tables import jobs, stories

    engine = open_engine(url)
    with engine.connect() as conn:
        updated = conn.execute(select(stories.c.updated_at).where(stories.c.id == story)).scalar_one()
        job = conn.execute(
            select(jobs.c.started_at, jobs.c.finished_at)
            .where(jobs.c.story_id == story)
            .order_by(jobs.c.id.desc())
        ).first()
    engine.dispose()
    assert job is not None
    return (job.started_at - updated).total_seconds(), (job.finished_at - job.started_at).total_seconds()


def wait_ready(client: httpx.Client, story: str, started: float, timeout: float = 300) -> float:
    """Seconds from ``started`` until the story's report is ready."""
    while time.perf_counter() - started < timeout:
        response = client.get(f"/v1/stories/{story}/report")
        if response.status_code == 200:
            return time.perf_counter() - started
        if response.status_code != 202:
            raise SystemExit(f"report failed: {response.status_code} {response.text}")
        time.sleep(0.005)
    raise SystemExit("the report was never ready")


async def upload_many(
    base: str, auth: dict[str, str], stories: list[str], n: int, per_request: int, concurrency: int
) -> float:
    """Upload ``n`` requests of ``per_request`` small documents over ``stories``; seconds taken."""
    gate = asyncio.Semaphore(concurrency)
    async with httpx.AsyncClient(base_url=base, headers=auth, timeout=120) as client:

        async def one(i: int) -> None:
            docs = [
                {
                    "id": f"u{i}-{j}",
                    "text": f"Report {i}.{j}: the council approved the budget on Monday, officials said.",
                }
                for j in range(per_request)
            ]
            async with gate:
                response = await client.post(
                    f"/v1/stories/{stories[i % len(stories)]}/documents", json={"documents": docs}
                )
            if response.status_code != 201:
                raise SystemExit(f"upload failed: {response.status_code} {response.text}")

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(n)))
        return time.perf_counter() - started


def stop(server: subprocess.Popen[bytes]) -> None:
    """Stop the server and wait for it to exit."""
    server.terminate()
    try:
        server.wait(30)
    except subprocess.TimeoutExpired:
        server.kill()


def main() -> None:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="PostgreSQL URL (default: a temporary SQLite file)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    consilience = Path(sys.executable).with_name("consilience")
    with ExitStack() as stack:
        if args.db:
            url = stack.enter_context(postgres_schema(args.db))
            label = "PostgreSQL"
        else:
            url = f"sqlite:///{stack.enter_context(tempfile.TemporaryDirectory())}/bench.db"
            label = "SQLite"
        engine = open_engine(url)
        migrate(engine)
        with engine.begin() as conn:
            auth = {"Authorization": f"Bearer {repo.create_api_key(conn, 'bench')}"}
        engine.dispose()
        port = 8700 + int(time.time()) % 200
        base = f"http://127.0.0.1:{port}"
        env_limits = {"CONSILIENCE_RATE_BURST": "100000", "CONSILIENCE_RATE_PER_SECOND": "100000"}
        import os

        server = subprocess.Popen(
            [str(consilience), "serve", "--port", str(port), "--db", url, "--log-level", "warning"],
            env={**os.environ, **env_limits, "HF_HUB_OFFLINE": "1"},
        )
        stack.callback(stop, server)  # before the scratch schema is dropped
        client = stack.enter_context(httpx.Client(base_url=base, headers=auth, timeout=300))
        started = time.perf_counter()
        while True:
            try:
                if client.get("/healthz").json().get("worker") == "ready":
                    break
            except httpx.TransportError:
                pass
            if server.poll() is not None:
                raise SystemExit("the server exited")
            time.sleep(0.005)
        warm = time.perf_counter() - started
        print(
            f"store: {label}; server start + model warm-up: {warm:.1f} s; RSS server + analysis child {tree_rss_mb(server.pid):.0f} MB"
        )

        source, reports = five_reports()
        print(f"story: 5 reports from {source} ({sum(len(r['text']) for r in reports):,} characters)")
        ready: list[float] = []
        for run in range(args.runs):
            story = client.post("/v1/stories", json={"title": f"bench {run}"}).json()["id"]
            t0 = time.perf_counter()
            response = client.post(f"/v1/stories/{story}/documents", json={"documents": reports})
            upload = time.perf_counter() - t0
            assert response.status_code == 201, response.text
            ready.append(wait_ready(client, story, t0))
            queued, analysis = job_phases(url, story)
            kind = (
                "first time these reports are seen" if run == 0 else "same reports again (per-document cache)"
            )
            print(
                f"  run {run + 1}: upload answered in {upload * 1000:.0f} ms; report ready {ready[-1]:.2f} s after upload"
                f" = {queued * 1000:.0f} ms in queue + {analysis:.2f} s analysis"
                f" + {(ready[-1] - upload - queued - analysis) * 1000:.0f} ms storing/polling ({kind})"
            )
        t0 = time.perf_counter()
        client.post(
            f"/v1/stories/{story}/documents",
            json={"documents": [{"id": "extra", "text": reports[0]["text"][:600]}]},
        )
        incremental = wait_ready(client, story, t0)
        print(f"  one more report into a ready story: ready {incremental:.2f} s after upload")
        print(
            f"RSS after analyses: server {rss_mb(server.pid):.0f} MB, with analysis child {tree_rss_mb(server.pid):.0f} MB"
        )

        stories = [client.post("/v1/stories", json={"title": f"load {i}"}).json()["id"] for i in range(10)]
        results: dict[str, Any] = {}
        for n, per_request in ((200, 1), (40, 25)):
            seconds = asyncio.run(upload_many(base, auth, stories, n, per_request, concurrency=16))
            results[f"{per_request}"] = (n / seconds, n * per_request / seconds)
            print(
                f"uploads: {n} requests x {per_request} document(s), 16 in flight: {n / seconds:.0f} requests/s, "
                f"{n * per_request / seconds:.0f} documents/s (analysis worker running meanwhile)"
            )
        print(f"median upload-to-ready over {args.runs} runs: {statistics.median(ready):.2f} s")


if __name__ == "__main__":
    main()
