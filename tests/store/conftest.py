"""Real databases for the store tests: SQLite in a temp folder, PostgreSQL in a fresh schema per test."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from consilience.store.testing import postgres_reachable, postgres_schema, postgres_test_url

POSTGRES = pytest.param("postgres", marks=[pytest.mark.postgres, pytest.mark.xdist_group("postgres")])


@pytest.fixture(scope="session")
def postgres_url() -> str:
    """The PostgreSQL server; in CI an unreachable server fails the test, locally it skips it."""
    url = postgres_test_url()
    problem = postgres_reachable(url)
    if problem is not None:
        message = f"PostgreSQL at {url} is not reachable ({problem})"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return url


@pytest.fixture(params=["sqlite", POSTGRES])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty store on each database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as url:
        yield url
