"""Shared test fixtures: where the shared evaluation data lives, skipping with a reason when absent."""

from __future__ import annotations

from pathlib import Path

import pytest

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
