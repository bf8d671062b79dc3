"""Shared test fixtures: where the shared evaluation data lives, skipping with a reason when absent."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from consilience.store.testing import postgres_reachable, postgres_schema, postgres_test_url

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
GOLD = SHARED / "eval" / "seeds_gold.json"
SCORER = SHARED / "eval" / "score_report.py"
CORPORA = SHARED / "corpora"
SAMPLE = REPO / "src" / "consilience" / "data" / "sample_story"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed reports (../shared/seeds); skip when the shared folder is not beside the checkout."""
    if not SEEDS.is_dir():
        pytest.skip(f"seed reports not found at {SEEDS} (../shared is not beside this checkout)")
    return SEEDS


@pytest.fixture(scope="session")
def corpora_dir() -> Path:
    """The public evaluation corpora (../shared/corpora); skip when absent."""
    if not CORPORA.is_dir():
        pytest.skip(f"evaluation corpora not found at {CORPORA} (../shared is not beside this checkout)")
    return CORPORA


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
    """A URL to an empty store on each database (store and service tests)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    with postgres_schema(request.getfixturevalue("postgres_url")) as url:
        yield url
