"""The store on real SQLite and PostgreSQL: migrations, keys, tenants, documents, jobs."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, select

from consilience.store import migrate, normalize_url, open_engine
from consilience.store import repository as repo
from consilience.store.db import schema_revision
from consilience.store.tables import api_keys, metadata


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    eng = open_engine(db_url)
    migrate(eng)
    yield eng
    eng.dispose()


def _tenant(engine: Engine, name: str) -> tuple[str, repo.Tenant]:
    with engine.begin() as conn:
        key = repo.create_api_key(conn, name)
        tenant = repo.tenant_for_key(conn, key)
    assert tenant is not None
    return key, tenant


def test_migrations_build_exactly_the_tables_the_code_uses(engine: Engine) -> None:
    migrate(engine)  # a second start-up changes nothing
    assert schema_revision(engine) == "0001"
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_user_urls_are_normalised() -> None:
    assert normalize_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert normalize_url("/tmp/x.db") == "sqlite:////tmp/x.db"
    assert normalize_url("sqlite:///rel.db") == "sqlite:///rel.db"


def test_keys_are_stored_hashed_and_revocable(engine: Engine) -> None:
    key, tenant = _tenant(engine, "north")
    with engine.begin() as conn:
        stored = conn.execute(select(api_keys.c.key_hash)).scalars().all()
        assert stored == [hashlib.sha256(key.encode()).hexdigest()]
        assert repo.tenant_for_key(conn, key + "x") is None
        assert repo.create_api_key(conn, "north") != key  # a second key, same tenant
        assert repo.revoke_api_key(conn, key)
        assert repo.tenant_for_key(conn, key) is None
        assert not repo.revoke_api_key(conn, key)
    assert tenant.name == "north"


def test_a_tenant_cannot_reach_another_tenants_story(engine: Engine) -> None:
    _, north = _tenant(engine, "north")
    _, south = _tenant(engine, "south")
    with engine.begin() as conn:
        story = repo.create_story(conn, north.id, "budget vote")
        doc = [repo.NewDocument("a", "The council voted on Monday.")]
        assert repo.get_story(conn, south.id, story.id) is None
        assert repo.add_documents(conn, south.id, story.id, doc, max_documents=10) is None
        assert repo.story_status(conn, south.id, story.id) is None
        assert not repo.delete_story(conn, south.id, story.id)
        assert repo.list_stories(conn, south.id) == []
        assert [s.id for s in repo.list_stories(conn, north.id)] == [story.id]
        assert repo.delete_story(conn, north.id, story.id)
        assert repo.get_story(conn, north.id, story.id) is None


def test_documents_are_idempotent_by_content_and_conflicts_refused(engine: Engine) -> None:
    _, tenant = _tenant(engine, "north")
    with engine.begin() as conn:
        story = repo.create_story(conn, tenant.id, "s")
        first = repo.add_documents(
            conn,
            tenant.id,
            story.id,
            [repo.NewDocument("a", "one"), repo.NewDocument("b", "two")],
            max_documents=3,
        )
        again = repo.add_documents(conn, tenant.id, story.id, [repo.NewDocument("a", "one")], max_documents=3)
    assert first is not None and first.created == ("a", "b") and first.revision == 1
    assert again is not None and again.created == () and again.duplicates == ("a",) and again.revision == 1
    with pytest.raises(repo.DocumentConflict), engine.begin() as conn:
        repo.add_documents(conn, tenant.id, story.id, [repo.NewDocument("a", "changed")], max_documents=3)
    with pytest.raises(repo.StoryFull), engine.begin() as conn:
        repo.add_documents(
            conn,
            tenant.id,
            story.id,
            [repo.NewDocument("c", "3"), repo.NewDocument("d", "4")],
            max_documents=3,
        )
    with engine.begin() as conn:
        assert [d.doc_id for d in repo.list_documents(conn, story.id)] == ["a", "b"]
        jobs_waiting = repo.runnable_jobs(conn)
    assert jobs_waiting == 1  # two uploads, one queued analysis


def test_a_job_whose_worker_died_is_taken_over_then_failed_then_retryable(engine: Engine) -> None:
    _, tenant = _tenant(engine, "north")
    with engine.begin() as conn:
        story = repo.create_story(conn, tenant.id, "s")
        repo.add_documents(conn, tenant.id, story.id, [repo.NewDocument("a", "one")], max_documents=3)
    claim = {"lease_seconds": 0.05, "max_attempts": 2}
    with engine.begin() as conn:
        first = repo.claim_job(conn, "w1", **claim)
        assert first is not None and first.attempts == 1
        assert repo.claim_job(conn, "w2", **claim) is None  # leased to w1
        assert repo.story_status(conn, tenant.id, story.id).state == "running"  # type: ignore[union-attr]
    time.sleep(0.1)  # w1 "dies": its lease runs out
    with engine.begin() as conn:
        second = repo.claim_job(conn, "w2", **claim)
        assert second is not None and second.id == first.id and second.attempts == 2
        # the dead worker's late result is not accepted
        assert not repo.finish_job(conn, first, "w1", revision=1, report=None)
    time.sleep(0.1)
    with engine.begin() as conn:
        assert repo.claim_job(conn, "w3", **claim) is None  # out of attempts: failed
        status = repo.story_status(conn, tenant.id, story.id)
        assert status is not None and status.state == "failed" and status.error
        assert repo.request_analysis(conn, tenant.id, story.id)
        assert repo.story_status(conn, tenant.id, story.id).state == "pending"  # type: ignore[union-attr]
        third = repo.claim_job(conn, "w3", **claim)
        assert third is not None
        report = repo.StoredReport(0, b'{"schema": "x"}', None, "# md")
        assert repo.finish_job(conn, third, "w3", revision=1, report=report)
        status = repo.story_status(conn, tenant.id, story.id)
        stored = repo.get_report(conn, tenant.id, story.id)
    assert status is not None and status.state == "ready" and status.report_revision == 1
    assert stored is not None and stored.json == b'{"schema": "x"}' and stored.markdown == "# md"


def test_a_failed_attempt_goes_back_to_the_queue_until_attempts_run_out(engine: Engine) -> None:
    _, tenant = _tenant(engine, "north")
    with engine.begin() as conn:
        story = repo.create_story(conn, tenant.id, "s")
        repo.add_documents(conn, tenant.id, story.id, [repo.NewDocument("a", "one")], max_documents=3)
        job = repo.claim_job(conn, "w", lease_seconds=60, max_attempts=2)
        assert job is not None
        assert repo.fail_job(conn, job, "w", "boom", max_attempts=2) == "pending"
        job = repo.claim_job(conn, "w", lease_seconds=60, max_attempts=2)
        assert job is not None
        assert repo.fail_job(conn, job, "w", "boom again", max_attempts=2) == "failed"
        status = repo.story_status(conn, tenant.id, story.id)
    assert status is not None and status.state == "failed" and status.error == "boom again"


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.text(
            st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), min_size=1, max_size=300
        ),
        min_size=1,
        max_size=4,
    )
)
def test_documents_come_back_exactly_as_stored(engine: Engine, texts: list[str]) -> None:
    _, tenant = _tenant(engine, f"t{time.perf_counter_ns()}")
    docs = [repo.NewDocument(f"d{i}", t, title=t[:20], published="2024-12-08") for i, t in enumerate(texts)]
    with engine.begin() as conn:
        story = repo.create_story(conn, tenant.id, texts[0])
        repo.add_documents(conn, tenant.id, story.id, docs, max_documents=10)
        stored = repo.list_documents(conn, story.id)
        title = repo.get_story(conn, tenant.id, story.id)
    assert [(d.doc_id, d.text, d.title, d.published) for d in stored] == [
        (d.doc_id, d.text, d.title, d.published) for d in docs
    ]
    assert [d.content_hash for d in stored] == [repo.content_hash(t) for t in texts]
    assert title is not None and title.title == texts[0]


def test_a_job_interrupted_by_shutdown_is_queued_again_without_spending_an_attempt(engine: Engine) -> None:
    _, tenant = _tenant(engine, "north")
    with engine.begin() as conn:
        story = repo.create_story(conn, tenant.id, "s")
        repo.add_documents(conn, tenant.id, story.id, [repo.NewDocument("a", "one")], max_documents=3)
        job = repo.claim_job(conn, "w", lease_seconds=60, max_attempts=1)
        assert job is not None
        assert repo.release_job(conn, job, "w")
        assert repo.story_status(conn, tenant.id, story.id).state == "pending"  # type: ignore[union-attr]
        again = repo.claim_job(conn, "w2", lease_seconds=60, max_attempts=1)
    assert again is not None and again.id == job.id and again.attempts == 1
