"""The service's persistent store: SQLAlchemy Core tables, Alembic migrations, repository functions.

SQLite by default (no set-up), PostgreSQL by URL; one code path for both.
"""

from consilience.store.db import default_url, display_url, migrate, normalize_url, open_engine

__all__ = ["default_url", "display_url", "migrate", "normalize_url", "open_engine"]
