"""Persistent stream state: articles, their story and family, and cached per-document analyses.

SQLAlchemy Core tables of the stream's own (prefixed ``stream_``), SQLite by default and
PostgreSQL by URL. Articles are stored in arrival order with everything needed to rebuild the
in-memory indexes exactly (shingle hashes, MinHash signature, raw features), so a restarted
stream continues where it stopped and never assigns an article twice.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import orjson
from sqlalchemy import (
    Boolean,
    Column,
    Engine,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    bindparam,
    create_engine,
    event,
    insert,
    select,
    update,
)

DEFAULT_URL = "sqlite:///consilience-stream.db"

metadata = MetaData()

articles = Table(
    "stream_articles",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("article", String(512), nullable=False, unique=True),
    Column("story", String(64), nullable=False, index=True),
    Column("duplicate_of", String(512)),
    Column("family", String(512), nullable=False),
    Column("new_story", Boolean, nullable=False),
    Column("similarity", Float, nullable=False),
    Column("published", String(64)),
    Column("record", LargeBinary, nullable=False),  # the input record (orjson), to re-analyse the story
    Column("shingles", LargeBinary, nullable=False),  # sorted uint32 shingle hashes
    Column("signature", LargeBinary, nullable=False),  # MinHash hash values
    Column("features", LargeBinary),  # raw features (orjson); null for duplicates
)

analyses = Table(
    "stream_analyses",
    metadata,
    Column("key", String(64), primary_key=True),  # digest of the cleaned document
    Column("value", LargeBinary, nullable=False),
)


@dataclass(frozen=True)
class StoredArticle:
    """One article row as stored."""

    seq: int
    article: str
    story: str
    duplicate_of: str | None
    family: str
    new_story: bool
    similarity: float
    published: str | None
    record: dict[str, Any]
    shingles: np.ndarray
    signature: np.ndarray
    features: dict[str, float] | None


def open_engine(url: str | None = None) -> Engine:
    """Create the database engine and the stream tables if missing (SQLite in WAL mode for cheap commits)."""
    url = url or DEFAULT_URL
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":

        @event.listens_for(engine, "connect")
        def _pragmas(connection: Any, _record: Any) -> None:
            cursor = connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            # NORMAL keeps the database consistent on power loss in WAL mode; only the last
            # commits may be lost, and those lines were not printed yet (we write before printing).
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.close()

    metadata.create_all(engine)
    return engine


def article_row(stored: StoredArticle) -> dict[str, Any]:
    """Return the insert parameters of ``stored`` (``seq`` is assigned by the database)."""
    return {
        "article": stored.article,
        "story": stored.story,
        "duplicate_of": stored.duplicate_of,
        "family": stored.family,
        "new_story": stored.new_story,
        "similarity": stored.similarity,
        "published": stored.published,
        "record": orjson.dumps(stored.record, option=orjson.OPT_SORT_KEYS),
        "shingles": stored.shingles.astype("<u4").tobytes(),
        "signature": stored.signature.astype("<u8").tobytes(),
        "features": None if stored.features is None else orjson.dumps(stored.features),
    }


class StreamStore:
    """The stream's tables behind a small API: append articles in order, replay them, cache analyses."""

    def __init__(self, url: str | None = None) -> None:
        self.engine = open_engine(url)

    def append(self, rows: list[StoredArticle], moves: Mapping[str, str] | None = None) -> None:
        """Insert ``rows`` and set the story of stored articles in ``moves`` (article -> story), in one transaction."""
        if rows or moves:
            with self.engine.begin() as connection:
                if rows:
                    connection.execute(insert(articles), [article_row(r) for r in rows])
                if moves:
                    connection.execute(
                        update(articles)
                        .where(articles.c.article == bindparam("moved_article"))
                        .values(story=bindparam("moved_story")),
                        [{"moved_article": a, "moved_story": s} for a, s in moves.items()],
                    )

    def replay(self) -> Iterator[StoredArticle]:
        """Yield every stored article in arrival order."""
        with self.engine.connect() as connection:
            for row in connection.execute(select(articles).order_by(articles.c.seq)):
                yield StoredArticle(
                    seq=row.seq,
                    article=row.article,
                    story=row.story,
                    duplicate_of=row.duplicate_of,
                    family=row.family,
                    new_story=bool(row.new_story),
                    similarity=float(row.similarity),
                    published=row.published,
                    record=orjson.loads(row.record),
                    shingles=np.frombuffer(row.shingles, dtype="<u4").astype(np.uint32),
                    signature=np.frombuffer(row.signature, dtype="<u8").astype(np.uint64),
                    features=None if row.features is None else orjson.loads(row.features),
                )

    def story_records(self, story: str) -> list[dict[str, Any]]:
        """Return the input records of a story's articles, in arrival order."""
        query = select(articles.c.record).where(articles.c.story == story).order_by(articles.c.seq)
        with self.engine.connect() as connection:
            return [orjson.loads(r.record) for r in connection.execute(query)]

    def get_analysis(self, key: str) -> bytes | None:
        """Return a cached per-document analysis blob, or None."""
        with self.engine.connect() as connection:
            return connection.execute(select(analyses.c.value).where(analyses.c.key == key)).scalar()

    def put_analyses(self, blobs: Mapping[str, bytes]) -> None:
        """Store per-document analysis blobs (keys already present are left alone)."""
        with self.engine.begin() as connection:
            present = set(
                connection.execute(select(analyses.c.key).where(analyses.c.key.in_(list(blobs)))).scalars()
            )
            fresh = [{"key": k, "value": v} for k, v in blobs.items() if k not in present]
            if fresh:
                connection.execute(insert(analyses), fresh)

    def close(self) -> None:
        """Release the connection pool."""
        self.engine.dispose()
