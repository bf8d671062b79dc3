"""Scratch PostgreSQL schemas for tests and benchmarks: each run gets its own, dropped afterwards."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

from sqlalchemy import create_engine, text

from consilience.store.db import normalize_url

DEFAULT_TEST_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"


def postgres_test_url() -> str:
    """The PostgreSQL server tests use: ``$CONSILIENCE_TEST_POSTGRES``, else the local one."""
    return os.environ.get("CONSILIENCE_TEST_POSTGRES", DEFAULT_TEST_POSTGRES)


def postgres_reachable(url: str, timeout: float = 3.0) -> str | None:
    """None if the server answers, else why not."""
    engine = create_engine(normalize_url(url), connect_args={"connect_timeout": int(max(1, timeout))})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as error:
        return f"{type(error).__name__}: {str(error).strip().splitlines()[0] if str(error).strip() else ''}"
    finally:
        engine.dispose()


def with_search_path(url: str, schema: str) -> str:
    """``url`` whose connections use ``schema`` (tables, migrations table and all)."""
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """A URL into a fresh, empty schema of the server at ``url``; the schema is dropped on exit."""
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(normalize_url(url), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        yield with_search_path(url, schema)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        admin.dispose()
