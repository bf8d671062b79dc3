"""The stream processor: families, stories, and a restart that continues without reassigning."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience.errors import InputError
from consilience.stream.processor import StreamProcessor
from consilience.stream.state import StreamStore

from .helpers import ELECTION, HARBOUR, HARBOUR_FOLLOW_UP, record, strike_articles

ARTICLES = [
    record("h1", HARBOUR, published="2031-03-04", title="Fire destroys fish plant"),
    record("e1", ELECTION, published="2031-03-05"),
    record("h2", HARBOUR + " Follow us for more news.", published="2031-03-05"),
    record("h3", HARBOUR_FOLLOW_UP, published="2031-03-06"),
    record("h4", HARBOUR[:400], published="2031-03-06"),
]


def test_copies_join_the_family_and_story_of_their_original() -> None:
    out = {a.article: a for a in StreamProcessor().process_many(ARTICLES)}
    assert out["h1"].new_story and out["h1"].duplicate_of is None and out["h1"].family == "h1"
    assert out["h2"].duplicate_of == "h1" and out["h2"].family == "h1" and out["h2"].story == out["h1"].story
    assert out["h4"].duplicate_of in {"h1", "h2"} and out["h4"].family == "h1"
    assert out["h3"].duplicate_of is None and out["h3"].story == out["h1"].story and not out["h3"].new_story
    assert out["e1"].new_story and out["e1"].story != out["h1"].story
    assert set(out["h2"].line()) == {"article", "story", "duplicate_of", "new_story", "family", "moved"}
    assert out["h2"].line()["moved"] is None


def test_a_restarted_stream_continues_where_it_stopped(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'stream.db'}"
    uninterrupted = [a.line() for a in StreamProcessor().process_many(ARTICLES)]
    first = StreamProcessor(StreamStore(url))
    before = [a.line() for a in first.process_many(ARTICLES[:2])]
    first.store.close()  # type: ignore[union-attr]
    second = StreamProcessor(StreamStore(url))
    after = second.process_many(ARTICLES[2:])
    assert before + [a.line() for a in after] == uninterrupted
    again = second.process(ARTICLES[0])
    assert again.replayed and again.line() == uninterrupted[0]
    rows = list(second.store.replay())  # type: ignore[union-attr]
    assert [r.article for r in rows] == [a["id"] for a in ARTICLES]


def test_a_bad_record_stops_the_batch_before_anything_is_assigned(tmp_path: Path) -> None:
    store = StreamStore(f"sqlite:///{tmp_path / 'stream.db'}")
    processor = StreamProcessor(store)
    with pytest.raises(InputError, match="text"):
        processor.process_many([ARTICLES[0], {"id": "x"}], "feed.jsonl:2")
    assert processor.assignments == {}
    assert list(store.replay()) == []


def _strike_records() -> list[dict[str, object]]:
    records = [record(article, text) for article, text in strike_articles()]
    # An exact copy of the first b article arrives right after it: it must follow b3 when b3 moves.
    at = next(i for i, r in enumerate(records) if str(r["id"]).startswith("b")) + 1
    records.insert(at, record("copy-of-" + str(records[at - 1]["id"]), str(records[at - 1]["text"])))
    return records


def test_a_split_moves_earlier_articles_with_their_copies_and_the_store_follows(tmp_path: Path) -> None:
    records = _strike_records()
    url = f"sqlite:///{tmp_path / 'stream.db'}"
    processor = StreamProcessor(StreamStore(url))
    out = processor.process_many(records[:5]) + [processor.process(r) for r in records[5:]]
    split = [a for a in out if a.moved]
    assert len(split) == 1 and split[0].line()["moved"] == {
        "from": split[0].split_from,
        "to": split[0].moved_to,
        "articles": list(split[0].moved),
    }
    assert "copy-of-b3" in split[0].moved and "b3" in split[0].moved
    current = {a: s.story for a, s in processor.assignments.items()}
    assert {current[str(r["id"])] for r in records if str(r["id"]).startswith(("b", "copy"))} == {"story-2"}
    assert {current[str(r["id"])] for r in records if str(r["id"]).startswith("a")} == {"story-1"}
    # The store holds each article's current story, and a restart sees the same stories.
    stored = {row.article: row.story for row in processor.store.replay()}  # type: ignore[union-attr]
    assert stored == current
    processor.store.close()  # type: ignore[union-attr]
    restarted = StreamProcessor(StreamStore(url))
    assert {a: s.story for a, s in restarted.assignments.items()} == current
    assert restarted.process(records[0]).story == "story-1"


def test_a_stream_restarted_after_a_split_continues_as_if_uninterrupted(tmp_path: Path) -> None:
    records = _strike_records()
    more = [record(f"late-{a}", text) for a, text in strike_articles(seed=11)[3:]]
    uninterrupted = [a.line() for a in StreamProcessor().process_many(records + more)]
    url = f"sqlite:///{tmp_path / 'stream.db'}"
    first = StreamProcessor(StreamStore(url))
    before = [a.line() for a in first.process_many(records)]
    first.store.close()  # type: ignore[union-attr]
    after = [a.line() for a in StreamProcessor(StreamStore(url)).process_many(more)]
    assert any(line["moved"] for line in before)
    assert before + after == uninterrupted
