"""Initial schema: tenants, API keys, stories, documents, jobs, reports.

Revision ID: 0001
Revises:
Create Date: 2025-01-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# BIGINT keys on PostgreSQL, INTEGER on SQLite (where only INTEGER PRIMARY KEY autoincrements)
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create the tables."""
    op.create_table(
        "tenants",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_tenants"),
        sa.UniqueConstraint("name", name="uq_tenants_name"),
    )
    op.create_table(
        "api_keys",
        sa.Column("id", sa.Integer(), autoincrement=True),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("key_hash", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_api_keys"),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_api_keys_tenant_id_tenants", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("key_hash", name="uq_api_keys_key_hash"),
    )
    op.create_index("ix_api_keys_tenant_id", "api_keys", ["tenant_id"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(40), nullable=False),
        sa.Column("tenant_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_stories"),
        sa.ForeignKeyConstraint(
            ["tenant_id"], ["tenants.id"], name="fk_stories_tenant_id_tenants", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_stories_tenant_id", "stories", ["tenant_id"])
    op.create_table(
        "documents",
        sa.Column("seq", BIG_ID, autoincrement=True),
        sa.Column("story_id", sa.String(40), nullable=False),
        sa.Column("doc_id", sa.String(300), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("published", sa.String(64), nullable=True),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("seq", name="pk_documents"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_documents_story_id_stories", ondelete="CASCADE"
        ),
        sa.UniqueConstraint("story_id", "doc_id", name="uq_documents_story_id_doc_id"),
    )
    op.create_table(
        "jobs",
        sa.Column("id", BIG_ID, autoincrement=True),
        sa.Column("story_id", sa.String(40), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("worker", sa.String(100), nullable=True),
        sa.Column("lease_until", sa.DateTime(), nullable=True),
        sa.Column("revision", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("started_at", sa.DateTime(), nullable=True),
        sa.Column("finished_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_jobs"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_jobs_story_id_stories", ondelete="CASCADE"
        ),
    )
    op.create_index("ix_jobs_state_story_id", "jobs", ["state", "story_id"])
    op.create_index("ix_jobs_story_id", "jobs", ["story_id"])
    op.create_table(
        "reports",
        sa.Column("story_id", sa.String(40), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("json", sa.LargeBinary(), nullable=False),
        sa.Column("html", sa.Text(), nullable=True),
        sa.Column("markdown", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("story_id", name="pk_reports"),
        sa.ForeignKeyConstraint(
            ["story_id"], ["stories.id"], name="fk_reports_story_id_stories", ondelete="CASCADE"
        ),
    )


def downgrade() -> None:
    """Drop the tables."""
    for table in ("reports", "jobs", "documents", "stories", "api_keys", "tenants"):
        op.drop_table(table)
