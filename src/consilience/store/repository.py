"""Repository functions over the store: every read and write the service makes, one transaction each.

Every story query carries the tenant, so one tenant can never read or change another's stories.
Uploads to a story lock the story's row, which serialises them: no lost or duplicated documents, on
SQLite (one writer at a time) and PostgreSQL (row lock) alike.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, and_, delete, func, insert, not_, or_, select, update
from sqlalchemy.exc import IntegrityError

from consilience.store.tables import api_keys, documents, jobs, reports, stories, tenants

KEY_PREFIX = "csk_"
JOB_STATES = ("pending", "running", "done", "failed")


def utcnow() -> datetime:
    """Now, as naive UTC (the store's one time convention)."""
    return datetime.now(UTC).replace(tzinfo=None)


def hash_key(key: str) -> str:
    """The stored form of an API key: sha256 hex."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def content_hash(text: str) -> str:
    """The identity of a document's text: sha256 hex of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Tenant:
    """A newsroom: owns API keys and stories."""

    id: int
    name: str


@dataclass(frozen=True)
class Story:
    """A story as stored: its documents change its revision."""

    id: str
    title: str
    revision: int
    documents: int
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class NewDocument:
    """A document to add to a story."""

    doc_id: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class StoredDocument:
    """A document as stored, with its content hash."""

    doc_id: str
    text: str
    title: str | None
    outlet: str | None
    published: str | None
    url: str | None
    content_hash: str


@dataclass(frozen=True)
class Upload:
    """What an upload did: which documents were new, which were already there."""

    created: tuple[str, ...]
    duplicates: tuple[str, ...]
    revision: int


@dataclass(frozen=True)
class Job:
    """A claimed analysis job."""

    id: int
    story_id: str
    attempts: int


@dataclass(frozen=True)
class Status:
    """Where a story's analysis stands."""

    state: str  # empty | pending | running | ready | failed
    documents: int
    revision: int
    report_revision: int | None
    attempts: int
    error: str | None


@dataclass(frozen=True)
class StoredReport:
    """A finished report in its rendered forms (html/markdown are None when no renderer was available)."""

    revision: int
    json: bytes
    html: str | None
    markdown: str | None


class DocumentConflict(Exception):
    """A document id already holds a different text in the story (or twice in one upload)."""

    def __init__(self, doc_ids: Sequence[str]) -> None:
        self.doc_ids = tuple(doc_ids)
        super().__init__(f"document id already holds a different text: {', '.join(self.doc_ids)}")


class StoryFull(Exception):
    """The upload would take the story past its document limit."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(f"a story holds at most {limit} documents")


# --- tenants and keys -------------------------------------------------------------------------------


def ensure_tenant(conn: Connection, name: str) -> Tenant:
    """The tenant called ``name``, created if it does not exist."""
    row = conn.execute(select(tenants.c.id).where(tenants.c.name == name)).first()
    if row is not None:
        return Tenant(row.id, name)
    try:
        with conn.begin_nested():
            tenant_id = conn.execute(
                insert(tenants).values(name=name, created_at=utcnow())
            ).inserted_primary_key
    except IntegrityError:  # created by someone else meanwhile
        row = conn.execute(select(tenants.c.id).where(tenants.c.name == name)).one()
        return Tenant(row.id, name)
    assert tenant_id is not None
    return Tenant(int(tenant_id[0]), name)


def create_api_key(conn: Connection, tenant_name: str) -> str:
    """A new API key for the tenant (created if needed); only its hash is stored, so show it once."""
    tenant = ensure_tenant(conn, tenant_name)
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    conn.execute(
        insert(api_keys).values(
            tenant_id=tenant.id, key_hash=hash_key(key), prefix=key[:12], created_at=utcnow()
        )
    )
    return key


def revoke_api_key(conn: Connection, key: str) -> bool:
    """Revoke a key; True if it existed and was active."""
    result = conn.execute(
        update(api_keys)
        .where(api_keys.c.key_hash == hash_key(key), api_keys.c.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )
    return result.rowcount == 1


def tenant_for_key(conn: Connection, key: str) -> Tenant | None:
    """The tenant an active API key belongs to, or None."""
    row = conn.execute(
        select(tenants.c.id, tenants.c.name)
        .join(api_keys, api_keys.c.tenant_id == tenants.c.id)
        .where(api_keys.c.key_hash == hash_key(key), api_keys.c.revoked_at.is_(None))
    ).first()
    return Tenant(row.id, row.name) if row is not None else None


# --- stories --------------------------------------------------------------------------------------


def _document_count(conn: Connection, story_id: str) -> int:
    return int(conn.execute(select(func.count()).where(documents.c.story_id == story_id)).scalar_one())


def create_story(conn: Connection, tenant_id: int, title: str) -> Story:
    """A new, empty story of the tenant."""
    now = utcnow()
    story_id = uuid.uuid4().hex
    conn.execute(
        insert(stories).values(
            id=story_id, tenant_id=tenant_id, title=title, revision=0, created_at=now, updated_at=now
        )
    )
    return Story(story_id, title, 0, 0, now, now)


def list_stories(conn: Connection, tenant_id: int, *, limit: int = 100, offset: int = 0) -> list[Story]:
    """The tenant's stories, newest first."""
    counts = select(documents.c.story_id, func.count().label("n")).group_by(documents.c.story_id).subquery()
    rows = conn.execute(
        select(stories, func.coalesce(counts.c.n, 0).label("n"))
        .outerjoin(counts, counts.c.story_id == stories.c.id)
        .where(stories.c.tenant_id == tenant_id)
        .order_by(stories.c.created_at.desc(), stories.c.id)
        .limit(limit)
        .offset(offset)
    ).all()
    return [Story(r.id, r.title, r.revision, int(r.n), r.created_at, r.updated_at) for r in rows]


def get_story(conn: Connection, tenant_id: int, story_id: str) -> Story | None:
    """The tenant's story, or None (also when it belongs to another tenant)."""
    row = conn.execute(
        select(stories).where(stories.c.id == story_id, stories.c.tenant_id == tenant_id)
    ).first()
    if row is None:
        return None
    return Story(
        row.id, row.title, row.revision, _document_count(conn, story_id), row.created_at, row.updated_at
    )


def delete_story(conn: Connection, tenant_id: int, story_id: str) -> bool:
    """Delete the tenant's story with its documents, jobs and report; True if it existed."""
    owned = conn.execute(
        select(stories.c.id)
        .where(stories.c.id == story_id, stories.c.tenant_id == tenant_id)
        .with_for_update()
    ).first()
    if owned is None:
        return False
    # Children first, explicitly: does not depend on the database enforcing ON DELETE CASCADE.
    for table in (reports, jobs, documents):
        conn.execute(delete(table).where(table.c.story_id == story_id))
    conn.execute(delete(stories).where(stories.c.id == story_id))
    return True


# --- documents ------------------------------------------------------------------------------------


def add_documents(
    conn: Connection, tenant_id: int, story_id: str, new: Sequence[NewDocument], *, max_documents: int
) -> Upload | None:
    """Add documents to the tenant's story (None if no such story); same id and text again is a no-op.

    Raises DocumentConflict when an id already holds a different text, StoryFull past ``max_documents``.
    New documents bump the story's revision and queue an analysis.
    """
    # The row lock serialises concurrent uploads to one story (SQLite's BEGIN IMMEDIATE already does).
    story = conn.execute(
        select(stories.c.id, stories.c.revision)
        .where(stories.c.id == story_id, stories.c.tenant_id == tenant_id)
        .with_for_update()
    ).first()
    if story is None:
        return None
    incoming: dict[str, tuple[NewDocument, str]] = {}
    conflicts: list[str] = []
    for doc in new:
        digest = content_hash(doc.text)
        seen = incoming.get(doc.doc_id)
        if seen is not None and seen[1] != digest:
            conflicts.append(doc.doc_id)
        incoming.setdefault(doc.doc_id, (doc, digest))
    existing: dict[str, str] = {}
    ids = list(incoming)
    for i in range(0, len(ids), 500):  # bounded IN lists
        rows = conn.execute(
            select(documents.c.doc_id, documents.c.content_hash).where(
                documents.c.story_id == story_id, documents.c.doc_id.in_(ids[i : i + 500])
            )
        )
        existing.update({r.doc_id: r.content_hash for r in rows})
    conflicts += [d for d, (_, h) in incoming.items() if d in existing and existing[d] != h]
    if conflicts:
        raise DocumentConflict(sorted(set(conflicts)))
    created = [d for d in incoming if d not in existing]
    duplicates = tuple(d for d in incoming if d in existing)
    if not created:
        return Upload((), duplicates, story.revision)
    if _document_count(conn, story_id) + len(created) > max_documents:
        raise StoryFull(max_documents)
    now = utcnow()
    conn.execute(
        insert(documents),
        [
            {
                "story_id": story_id,
                "doc_id": d,
                "content_hash": incoming[d][1],
                "title": incoming[d][0].title,
                "outlet": incoming[d][0].outlet,
                "published": incoming[d][0].published,
                "url": incoming[d][0].url,
                "text": incoming[d][0].text,
                "created_at": now,
            }
            for d in created
        ],
    )
    revision = story.revision + 1
    conn.execute(update(stories).where(stories.c.id == story_id).values(revision=revision, updated_at=now))
    _queue(conn, story_id, now)
    return Upload(tuple(created), duplicates, revision)


def list_documents(conn: Connection, story_id: str) -> list[StoredDocument]:
    """A story's documents in upload order."""
    rows = conn.execute(select(documents).where(documents.c.story_id == story_id).order_by(documents.c.seq))
    return [
        StoredDocument(r.doc_id, r.text, r.title, r.outlet, r.published, r.url, r.content_hash) for r in rows
    ]


# --- analysis jobs --------------------------------------------------------------------------------


def _queue(conn: Connection, story_id: str, now: datetime) -> bool:
    waiting = conn.execute(
        select(jobs.c.id).where(jobs.c.story_id == story_id, jobs.c.state == "pending").limit(1)
    ).first()
    if waiting is not None:  # one waiting job per story: it will read every document when it runs
        return False
    conn.execute(insert(jobs).values(story_id=story_id, state="pending", attempts=0, created_at=now))
    return True


def request_analysis(conn: Connection, tenant_id: int, story_id: str) -> bool | None:
    """Queue a fresh analysis of the tenant's story (retry after failure); None if no such story."""
    story = conn.execute(
        select(stories.c.id)
        .where(stories.c.id == story_id, stories.c.tenant_id == tenant_id)
        .with_for_update()
    ).first()
    if story is None:
        return None
    return _queue(conn, story_id, utcnow())


def claim_job(conn: Connection, worker: str, *, lease_seconds: float, max_attempts: int) -> Job | None:
    """Take the oldest runnable job: pending, or running under a lease that ran out (its worker died).

    A job that has already been tried ``max_attempts`` times is marked failed instead (retryable by
    ``request_analysis``).
    """
    now = utcnow()
    runnable = or_(jobs.c.state == "pending", and_(jobs.c.state == "running", jobs.c.lease_until < now))
    other = jobs.alias("other")
    story_busy = (
        select(other.c.id)
        .where(other.c.story_id == jobs.c.story_id, other.c.state == "running", other.c.lease_until >= now)
        .exists()
    )
    candidates = conn.execute(
        select(jobs.c.id, jobs.c.story_id, jobs.c.attempts)
        .where(runnable, not_(story_busy))
        .order_by(jobs.c.id)
        .limit(5)
    ).all()
    for candidate in candidates:
        attempts = candidate.attempts + 1
        claimed = conn.execute(
            update(jobs)
            .where(jobs.c.id == candidate.id, runnable)
            .values(
                state="running",
                worker=worker,
                attempts=attempts,
                lease_until=now + timedelta(seconds=lease_seconds),
                started_at=now,
            )
        )
        if claimed.rowcount != 1:
            continue  # another worker took it
        if attempts > max_attempts:
            conn.execute(
                update(jobs)
                .where(jobs.c.id == candidate.id)
                .values(
                    state="failed",
                    finished_at=now,
                    error=f"gave up after {max_attempts} attempts (the analysis never finished); "
                    "POST .../analyze to try again",
                )
            )
            continue
        return Job(int(candidate.id), candidate.story_id, attempts)
    return None


def renew_lease(conn: Connection, job_id: int, worker: str, *, lease_seconds: float) -> bool:
    """Extend the lease of a job this worker runs; False if it is no longer ours."""
    result = conn.execute(
        update(jobs)
        .where(jobs.c.id == job_id, jobs.c.worker == worker, jobs.c.state == "running")
        .values(lease_until=utcnow() + timedelta(seconds=lease_seconds))
    )
    return result.rowcount == 1


def job_documents(conn: Connection, story_id: str) -> tuple[int, list[StoredDocument]] | None:
    """The story's revision and documents, read in one transaction; None if the story is gone."""
    row = conn.execute(select(stories.c.revision).where(stories.c.id == story_id)).first()
    if row is None:
        return None
    return int(row.revision), list_documents(conn, story_id)


def finish_job(
    conn: Connection, job: Job, worker: str, *, revision: int, report: StoredReport | None
) -> bool:
    """Store the report of ``revision`` (unless a newer one is there) and close the job; False if not ours."""
    now = utcnow()
    done = conn.execute(
        update(jobs)
        .where(jobs.c.id == job.id, jobs.c.worker == worker, jobs.c.state == "running")
        .values(state="done", finished_at=now, revision=revision, error=None, lease_until=None)
    )
    if done.rowcount != 1 or report is None:
        return done.rowcount == 1
    story = conn.execute(select(stories.c.id).where(stories.c.id == job.story_id).with_for_update()).first()
    if story is None:
        return False
    current = conn.execute(select(reports.c.revision).where(reports.c.story_id == job.story_id)).first()
    if current is not None and current.revision > revision:
        return True
    conn.execute(delete(reports).where(reports.c.story_id == job.story_id))
    conn.execute(
        insert(reports).values(
            story_id=job.story_id,
            revision=revision,
            json=report.json,
            html=report.html,
            markdown=report.markdown,
            created_at=now,
        )
    )
    return True


def fail_job(conn: Connection, job: Job, worker: str, error: str, *, max_attempts: int) -> str | None:
    """Record a failed attempt: back to pending while attempts remain, else failed; the new state."""
    state = "pending" if job.attempts < max_attempts else "failed"
    result = conn.execute(
        update(jobs)
        .where(jobs.c.id == job.id, jobs.c.worker == worker, jobs.c.state == "running")
        .values(state=state, error=error[:2000], finished_at=utcnow(), lease_until=None, worker=None)
    )
    return state if result.rowcount == 1 else None


def release_job(conn: Connection, job: Job, worker: str) -> bool:
    """Put a job this worker was interrupted in (shutdown) back in the queue, without spending an attempt."""
    result = conn.execute(
        update(jobs)
        .where(jobs.c.id == job.id, jobs.c.worker == worker, jobs.c.state == "running")
        .values(state="pending", attempts=jobs.c.attempts - 1, lease_until=None, worker=None)
    )
    return result.rowcount == 1


def runnable_jobs(conn: Connection) -> int:
    """How many jobs wait to run (pending, or running under an expired lease)."""
    now = utcnow()
    return int(
        conn.execute(
            select(func.count()).where(
                or_(jobs.c.state == "pending", and_(jobs.c.state == "running", jobs.c.lease_until < now))
            )
        ).scalar_one()
    )


# --- status and reports ---------------------------------------------------------------------------


def story_status(conn: Connection, tenant_id: int, story_id: str) -> Status | None:
    """Where the tenant's story's analysis stands, or None if no such story."""
    story = get_story(conn, tenant_id, story_id)
    if story is None:
        return None
    report = conn.execute(select(reports.c.revision).where(reports.c.story_id == story_id)).first()
    report_revision = int(report.revision) if report is not None else None
    job = conn.execute(
        select(jobs.c.state, jobs.c.attempts, jobs.c.error)
        .where(jobs.c.story_id == story_id)
        .order_by(jobs.c.id.desc())
        .limit(1)
    ).first()
    if story.documents == 0:
        state = "empty"
    elif report_revision == story.revision:
        state = "ready"
    elif job is not None and job.state in ("running", "failed"):
        state = job.state
    else:
        state = "pending"
    return Status(
        state=state,
        documents=story.documents,
        revision=story.revision,
        report_revision=report_revision,
        attempts=int(job.attempts) if job is not None else 0,
        error=job.error if job is not None and state in ("failed", "pending", "running") else None,
    )


def get_report(conn: Connection, tenant_id: int, story_id: str) -> StoredReport | None:
    """The tenant's story's latest stored report (any revision), or None."""
    row = conn.execute(
        select(reports)
        .join(stories, stories.c.id == reports.c.story_id)
        .where(reports.c.story_id == story_id, stories.c.tenant_id == tenant_id)
    ).first()
    if row is None:
        return None
    return StoredReport(int(row.revision), bytes(row.json), row.html, row.markdown)
