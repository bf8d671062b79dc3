"""The stream: each incoming article is fingerprinted, checked for near-duplicates, and put in a story.

``StreamProcessor.process_many`` is the whole stream step: an article that copies an earlier one
joins that article's family and story (``duplicate_of``); any other article is clustered into the
most similar live story or starts one. When a story splits (see ``cluster``), the members that
left it, with their copies, move to the new story; the line of the article that caused the split
says so (``moved``), and the store keeps each article's current story. With a store, every
assignment is written before it is returned, and a new processor on the same store replays the
stored articles and continues.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from consilience.errors import InputError
from consilience.ingest.readers import document_from_record
from consilience.model import Document
from consilience.stream.cluster import ClusterRule, StoryClusterer, day_number, weigh
from consilience.stream.dedup import DuplicateRule, Fingerprint, NearDuplicateIndex, fingerprint
from consilience.stream.state import StoredArticle, StreamStore


@dataclass(frozen=True)
class Assignment:
    """Where one article went: its story, the article it duplicates (if any) and its family."""

    article: str
    story: str
    duplicate_of: str | None
    family: str
    new_story: bool
    similarity: float = 0.0
    replayed: bool = False  # True when the article was already in the store (not assigned again)
    split_from: str | None = None  # the story that split when this article joined it
    moved_to: str | None = None  # the story the split created
    moved: tuple[str, ...] = ()  # the articles (earlier ones, copies, perhaps this one) that moved there

    def line(self) -> dict[str, Any]:
        """Return the JSONL output object of this assignment (``moved`` is null unless a story split)."""
        moved = (
            {"from": self.split_from, "to": self.moved_to, "articles": list(self.moved)}
            if self.moved
            else None
        )
        return {
            "article": self.article,
            "story": self.story,
            "duplicate_of": self.duplicate_of,
            "new_story": self.new_story,
            "family": self.family,
            "moved": moved,
        }


def record_of(document: Document) -> dict[str, Any]:
    """Return the record fields of ``document`` that are kept to re-analyse its story later."""
    record: dict[str, Any] = {"id": document.id, "text": document.text}
    for key in ("title", "outlet", "published", "url"):
        value = getattr(document, key)
        if value is not None:
            record[key] = value
    return record


class StreamProcessor:
    """Online near-duplicate detection and story assignment, optionally persisted in a ``StreamStore``."""

    def __init__(
        self,
        store: StreamStore | None = None,
        rule: ClusterRule | None = None,
        duplicates: DuplicateRule | None = None,
    ) -> None:
        self.store = store
        self.clusterer = StoryClusterer(rule)
        self.index = NearDuplicateIndex(duplicates)
        self.assignments: dict[str, Assignment] = {}
        self.story_members: dict[str, list[str]] = {}
        if store is not None:
            for stored in store.replay():
                self._restore(stored)

    def _restore(self, stored: StoredArticle) -> None:
        # Replaying in arrival order rebuilds the same term statistics, so each vector is
        # recomputed exactly as it was when the article arrived.
        self.index.add(stored.article, Fingerprint(stored.shingles, stored.signature))
        if stored.features is not None:
            self.clusterer.stats.observe(stored.features.keys())
            vector = weigh(stored.features, self.clusterer.stats, self.clusterer.rule.max_features)
            self.clusterer.join(
                stored.story, stored.article, vector, day_number(stored.published), stored.features
            )
        self._remember(
            Assignment(
                stored.article,
                stored.story,
                stored.duplicate_of,
                stored.family,
                stored.new_story,
                stored.similarity,
                replayed=True,
            )
        )

    def _remember(self, assignment: Assignment) -> None:
        self.assignments[assignment.article] = assignment
        self.story_members.setdefault(assignment.story, []).append(assignment.article)

    def _move(self, story: str, moved_to: str, clustered: tuple[str, ...]) -> tuple[str, ...]:
        """Move ``clustered`` articles of ``story`` and their copies to ``moved_to``; return all that moved."""
        leaving = set(clustered)
        moved = [
            a for a in self.story_members[story] if a in leaving or self.assignments[a].family in leaving
        ]
        gone = set(moved)
        self.story_members[story] = [a for a in self.story_members[story] if a not in gone]
        self.story_members.setdefault(moved_to, []).extend(moved)
        for article in moved:
            self.assignments[article] = replace(self.assignments[article], story=moved_to)
        return tuple(moved)

    def _assign(self, document: Document) -> tuple[Assignment, StoredArticle]:
        print_ = fingerprint(document.text)
        match = self.index.find(print_)
        day = day_number(document.published)
        features: dict[str, float] | None = None
        split: tuple[str, str, tuple[str, ...]] | None = None
        if match is not None:
            original = self.assignments[match.of]
            # A copy says nothing new about the story's vocabulary, so it does not move the
            # centroid or the document frequencies; it only joins its family.
            assignment = Assignment(
                document.id,
                original.story,
                match.of,
                original.family,
                False,
                max(match.jaccard, match.containment),
            )
        else:
            features, vector = self.clusterer.vectorise(document.text, document.title)
            choice = self.clusterer.assign(document.id, vector, day, features)
            if choice.split_from is not None and choice.moved_to is not None:
                split = (choice.split_from, choice.moved_to, choice.moved)
            assignment = Assignment(
                document.id,
                choice.split_from or choice.story,
                None,
                document.id,
                choice.new_story,
                choice.similarity,
            )
        self.index.add(document.id, print_)
        self._remember(assignment)
        if split is not None:
            source, target, clustered = split
            moved = self._move(source, target, clustered)
            # What is remembered is the article's current place; only this answer tells of the split.
            assignment = replace(
                self.assignments[document.id], split_from=source, moved_to=target, moved=moved
            )
        stored = StoredArticle(
            seq=0,
            article=document.id,
            story=assignment.story,
            duplicate_of=assignment.duplicate_of,
            family=assignment.family,
            new_story=assignment.new_story,
            similarity=assignment.similarity,
            published=document.published,
            record=record_of(document),
            shingles=print_.shingle_hashes,
            signature=print_.signature,
            features=features,
        )
        return assignment, stored

    def process_many(
        self, items: Iterable[Document | Mapping[str, Any]], source: str = "<stream>"
    ) -> list[Assignment]:
        """Assign each article (Document or record) and persist the batch in one transaction.

        An article already seen (same id) is not assigned again: its stored assignment is returned
        with ``replayed=True``. Raises InputError for an unusable record, before anything is stored.
        """
        documents = [check_record(item, source) for item in items]
        results: list[Assignment] = []
        rows: list[StoredArticle] = []
        moved: set[str] = set()
        for document in documents:
            known = self.assignments.get(document.id)
            if known is not None:
                results.append(replace(known, replayed=True))
                continue
            assignment, stored = self._assign(document)
            results.append(assignment)
            rows.append(stored)
            moved.update(assignment.moved)
        if self.store is not None:
            # Rows of this batch are written with their story after the batch's splits; earlier
            # rows that moved are updated in the same transaction.
            rows = [replace(row, story=self.assignments[row.article].story) for row in rows]
            written = {row.article for row in rows}
            moves = {a: self.assignments[a].story for a in sorted(moved - written)}
            self.store.append(rows, moves)
        return results

    def process(self, item: Document | Mapping[str, Any], source: str = "<stream>") -> Assignment:
        """Assign one article (see ``process_many``)."""
        return self.process_many([item], source)[0]


def check_record(item: object, source: str) -> Document:
    """Return the Document of a stream record, or raise InputError naming ``source``."""
    if isinstance(item, Document):
        return item
    if not isinstance(item, Mapping):
        raise InputError(source, f"a stream line must be a JSON object, not {type(item).__name__}")
    return document_from_record(item, source)
