"""Incremental story analysis: cached per-document analyses, report equal to a from-scratch analysis."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience.ingest.readers import document_from_record
from consilience.pipeline import analyze_documents
from consilience.render.json import to_json
from consilience.stream.incremental import StoryAnalyzer
from consilience.stream.state import StreamStore

from .helpers import HARBOUR, HARBOUR_FOLLOW_UP, record


@pytest.mark.slow
def test_a_story_that_gains_an_article_reuses_cached_analyses(tmp_path: Path) -> None:
    docs = [
        document_from_record(record("h1", HARBOUR, outlet="Coast Gazette"), "t"),
        document_from_record(record("h2", HARBOUR_FOLLOW_UP, outlet="Morning Wire"), "t"),
    ]
    store = StreamStore(f"sqlite:///{tmp_path / 's.db'}")
    analyzer = StoryAnalyzer(store)
    analyzer.analyse(docs[:1])
    grown = analyzer.analyse(docs)
    assert analyzer.engine.misses == 2 and analyzer.engine.hits == 1
    assert to_json(grown) == to_json(analyze_documents(docs))
    # A restarted analyzer finds the per-document analyses in the store.
    restarted = StoryAnalyzer(store)
    assert to_json(restarted.analyse(docs)) == to_json(grown)
    assert restarted.engine.misses == 0
