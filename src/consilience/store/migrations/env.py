"""Alembic environment: runs on the connection handed over by ``consilience.store.db.migrate``."""

from __future__ import annotations

from alembic import context

from consilience.store.tables import metadata

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations with consilience.store.db.migrate(engine), not the alembic CLI")

context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
