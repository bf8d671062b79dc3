"""The service's tables (SQLAlchemy Core): tenants, API keys, stories, documents, analysis jobs, reports.

The schema is created and changed only by the Alembic migrations in ``migrations/``; this module is
the runtime view of it, and a test checks the two agree. Times are naive UTC (one meaning on every
database).
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# Named constraints so migrations can refer to them on every database.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)

tenants = Table(
    "tenants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(), nullable=False),
)

api_keys = Table(
    "api_keys",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("tenant_id", Integer, ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False, index=True),
    # sha256 hex of the key: the key itself is never stored
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("prefix", String(16), nullable=False),
    Column("created_at", DateTime(), nullable=False),
    Column("revoked_at", DateTime(), nullable=True),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("tenant_id", Integer, ForeignKey("tenants.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("title", Text, nullable=False),
    # bumped whenever the story's documents change; a report is ready when it was made from this revision
    Column("revision", Integer, nullable=False, default=0),
    Column("created_at", DateTime(), nullable=False),
    Column("updated_at", DateTime(), nullable=False),
)

documents = Table(
    "documents",
    metadata,
    Column("seq", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("story_id", String(40), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    Column("doc_id", String(300), nullable=False),
    # sha256 hex of the text: the same text under the same id is the same upload
    Column("content_hash", String(64), nullable=False),
    Column("title", Text, nullable=True),
    Column("outlet", Text, nullable=True),
    Column("published", String(64), nullable=True),
    Column("url", Text, nullable=True),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(), nullable=False),
    UniqueConstraint("story_id", "doc_id"),
)

jobs = Table(
    "jobs",
    metadata,
    Column("id", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("story_id", String(40), ForeignKey("stories.id", ondelete="CASCADE"), nullable=False),
    # pending -> running -> done | failed; a running job whose lease ran out is claimable again
    Column("state", String(16), nullable=False),
    Column("attempts", Integer, nullable=False, default=0),
    Column("error", Text, nullable=True),
    Column("worker", String(100), nullable=True),
    Column("lease_until", DateTime(), nullable=True),
    Column("revision", Integer, nullable=True),
    Column("created_at", DateTime(), nullable=False),
    Column("started_at", DateTime(), nullable=True),
    Column("finished_at", DateTime(), nullable=True),
    Index("ix_jobs_state_story_id", "state", "story_id"),
    Index("ix_jobs_story_id", "story_id"),
)

reports = Table(
    "reports",
    metadata,
    Column("story_id", String(40), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("revision", Integer, nullable=False),
    Column("json", LargeBinary, nullable=False),
    Column("html", Text, nullable=True),
    Column("markdown", Text, nullable=True),
    Column("created_at", DateTime(), nullable=False),
)
