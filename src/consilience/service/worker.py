"""The background analysis worker: takes queued jobs from the store, analyses, stores the report.

Jobs live in the database, so a restarted server resumes them: a job whose worker died (its lease ran
out) is taken again, up to ``max_attempts`` times, then marked failed (retryable by the API).
The worker is one thread per server process; uploads wake it, and it also polls so that jobs queued
by other processes, or left by a dead one, are found.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import socket
import threading
import time
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from sqlalchemy import Engine

from consilience.store import repository as repo
from consilience.store.repository import StoredDocument, StoredReport

log = logging.getLogger("consilience.service")

Analyzer = Callable[[Sequence[StoredDocument]], StoredReport]

# Generic text (no real story) to load the models before the first request needs them.
WARMUP_RECORDS = (
    {
        "id": "warmup-a",
        "text": "The city council approved the new budget on Monday, officials said. "
        "The mayor told reporters the vote was seven to two.",
    },
    {
        "id": "warmup-b",
        "text": "Council members voted 7-2 on Monday to approve the budget, "
        "according to a statement from the mayor's office.",
    },
)


class CachingEngine:
    """A local engine that remembers per-document results, so re-analysing a story after an upload
    only analyses the new documents (per-document stages are pure: same document, same result)."""

    sequential_here = True  # in this process, one item after another (see LocalEngine)

    def __init__(self, capacity: int = 512) -> None:
        self.capacity = capacity
        self._cache: OrderedDict[tuple[str, Any], Any] = OrderedDict()
        self._lock = threading.Lock()

    def map(self, fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
        """``[fn(item) for item in items]``, reusing earlier results for equal items."""
        name = f"{getattr(fn, '__module__', '')}.{getattr(fn, '__qualname__', repr(fn))}"
        results = []
        for item in items:
            try:
                key: tuple[str, Any] | None = (name, item)
                hash(key)
            except TypeError:
                key = None
            if key is not None:
                with self._lock:
                    if key in self._cache:
                        self._cache.move_to_end(key)
                        results.append(self._cache[key])
                        continue
            value = fn(item)
            if key is not None:
                with self._lock:
                    self._cache[key] = value
                    while len(self._cache) > self.capacity:
                        self._cache.popitem(last=False)
            results.append(value)
        return results


def _records(documents: Sequence[StoredDocument]) -> list[dict[str, Any]]:
    return [
        {
            "id": d.doc_id,
            "text": d.text,
            "title": d.title,
            "outlet": d.outlet,
            "published": d.published,
            "url": d.url,
        }
        for d in documents
    ]


def _render(module: str, function: str, report: Any) -> str | None:
    """Render with an optional renderer; None when it is not installed in this build."""
    import importlib

    try:
        render = getattr(importlib.import_module(module), function)
    except (ImportError, AttributeError):
        return None
    return str(render(report))


def _analyze_here(records: list[dict[str, Any]], engine: CachingEngine) -> StoredReport:
    from consilience.ingest.readers import document_from_record
    from consilience.pipeline import analyze_documents
    from consilience.render.json import to_json

    docs = [document_from_record(r, f"document {r['id']!r}") for r in records]
    report = analyze_documents(docs, engine=engine)
    return StoredReport(
        revision=0,
        json=to_json(report),
        html=_render("consilience.render.html", "to_html", report),
        markdown=_render("consilience.render.markdown", "to_markdown", report),
    )


def make_analyzer(engine: CachingEngine | None = None) -> Analyzer:
    """The real analysis in this process: stored documents → report in JSON, HTML and Markdown."""
    cache = engine or CachingEngine()

    def analyze(documents: Sequence[StoredDocument]) -> StoredReport:
        return _analyze_here(_records(documents), cache)

    return analyze


# --- the analysis in a child process ---------------------------------------------------------------
# The analysis is CPU-bound Python: in the server's own process it would hold the GIL and slow every
# request down. A child process keeps the API responsive; it loads the models once and keeps its cache.

_CHILD_ENGINE: CachingEngine | None = None


def _child_init(parent: int) -> None:
    global _CHILD_ENGINE
    _CHILD_ENGINE = CachingEngine()

    def watch_parent() -> None:
        # A SIGKILLed server cannot stop its child: the child notices it was orphaned and exits.
        while True:
            time.sleep(1.0)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch_parent, name="parent-watch", daemon=True).start()


def _child_analyze(records: list[dict[str, Any]]) -> StoredReport:
    assert _CHILD_ENGINE is not None
    return _analyze_here(records, _CHILD_ENGINE)


class ProcessAnalyzer:
    """The real analysis, run in one long-lived child process (restarted if it dies)."""

    def __init__(self) -> None:
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def _executor(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_child_init,
                    initargs=(os.getpid(),),
                )
            return self._pool

    def __call__(self, documents: Sequence[StoredDocument]) -> StoredReport:
        """Analyse in the child; a crashed child fails this attempt and is replaced for the next."""
        try:
            return self._executor().submit(_child_analyze, _records(documents)).result()
        except BrokenProcessPool:
            with self._lock:
                self._pool = None
            raise RuntimeError("the analysis process died (out of memory?)") from None

    def close(self) -> None:
        """Stop the child process."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        # An analysis can run for seconds: stop the child now rather than wait (its job stays queued).
        children = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for child in children:
            child.terminate()
        for child in children:
            child.join(5)


def warm_up(analyze: Analyzer) -> None:
    """Load the models by analysing a tiny generic story."""
    analyze(
        [
            StoredDocument(
                str(r["id"]), str(r["text"]), None, None, None, None, repo.content_hash(str(r["text"]))
            )
            for r in WARMUP_RECORDS
        ]
    )


class Worker:
    """One background thread that runs analysis jobs from the store."""

    def __init__(
        self,
        engine: Engine,
        analyze: Analyzer,
        *,
        lease_seconds: float = 60.0,
        poll_seconds: float = 1.0,
        max_attempts: int = 3,
        warmup: bool = True,
    ) -> None:
        self.engine = engine
        self.analyze = analyze
        self.lease_seconds = lease_seconds
        self.poll_seconds = poll_seconds
        self.max_attempts = max_attempts
        self.warmup = warmup
        self.name = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.ready = threading.Event()  # set once warm-up is over
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start the thread (warm-up first, then jobs)."""
        self._thread = threading.Thread(target=self._run, name="consilience-worker", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Tell the worker there is new work (an upload)."""
        self._wake.set()

    def request_stop(self) -> None:
        """Ask the thread to stop after its current job."""
        self._stop.set()
        self._wake.set()

    def stop(self, timeout: float = 5.0) -> None:
        """Ask the thread to stop after its current job and wait a little for it."""
        self.request_stop()
        if self._thread is not None:
            self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        """Whether the worker thread runs."""
        return self._thread is not None and self._thread.is_alive()

    def _run(self) -> None:
        if self.warmup:
            try:
                warm_up(self.analyze)
            except Exception:  # a broken model shows in the jobs' errors; the service stays up
                log.exception("warm-up analysis failed")
        self.ready.set()
        while not self._stop.is_set():
            try:
                worked = self.run_once()
            except Exception:  # the database may be briefly unreachable: keep going
                log.exception("worker: could not take a job")
                worked = False
            if not worked:
                self._wake.wait(self.poll_seconds)
                self._wake.clear()

    def run_once(self) -> bool:
        """Take and run one job; False when there was none."""
        with self.engine.begin() as conn:
            job = repo.claim_job(
                conn, self.name, lease_seconds=self.lease_seconds, max_attempts=self.max_attempts
            )
        if job is None:
            return False
        self._run_job(job)
        return True

    def _run_job(self, job: repo.Job) -> None:
        with self.engine.begin() as conn:
            loaded = repo.job_documents(conn, job.story_id)
        if loaded is None:  # the story was deleted
            with self.engine.begin() as conn:
                repo.finish_job(conn, job, self.name, revision=0, report=None)
            return
        revision, documents = loaded
        heartbeat = _Heartbeat(self.engine, job, self.name, self.lease_seconds)
        heartbeat.start()
        try:
            report = self.analyze(documents) if documents else None
        except Exception as error:
            heartbeat.stop()
            if self._stop.is_set():  # the server is shutting down: the job goes back to the queue
                log.info("analysis of story %s interrupted by shutdown; it stays queued", job.story_id)
                with self.engine.begin() as conn:
                    repo.release_job(conn, job, self.name)
                return
            message = f"{type(error).__name__}: {error}"
            log.error("analysis of story %s failed: %s\n%s", job.story_id, message, traceback.format_exc())
            with self.engine.begin() as conn:
                repo.fail_job(conn, job, self.name, message, max_attempts=self.max_attempts)
            return
        heartbeat.stop()
        with self.engine.begin() as conn:
            repo.finish_job(conn, job, self.name, revision=revision, report=report)


class _Heartbeat:
    """Renews a job's lease while it runs, so other workers do not take it over."""

    def __init__(self, engine: Engine, job: repo.Job, worker: str, lease_seconds: float) -> None:
        self.engine = engine
        self.job = job
        self.worker = worker
        self.lease_seconds = lease_seconds
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="consilience-heartbeat", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(5.0)

    def _run(self) -> None:
        while not self._stop.wait(self.lease_seconds / 3):
            try:
                with self.engine.begin() as conn:
                    repo.renew_lease(conn, self.job.id, self.worker, lease_seconds=self.lease_seconds)
            except Exception:
                log.exception("could not renew the lease of job %s", self.job.id)
