"""Online story clustering: each new article joins the most similar live story or starts a new one.

An article is a sparse TF-IDF vector over three kinds of feature: content words of the body,
the title's words (counted again, as titles name the story), and name-like phrases ("n:" prefix,
the shared-entity signal). Document frequencies are counted online, so an article's weights are
fixed when it arrives and a story's centroid can be kept as a running sum: joining a story costs
O(features of the article), and scoring a candidate story costs O(features of the article).

Candidates are the stories that share one of the article's most distinctive features (an
inverted index), still live within the time window; the best candidate is joined when its
similarity reaches the threshold. Complexity per article: O(features + candidates x features).

Single-pass clustering cannot undo an early mistake: two events of one kind (two patches of one
browser, two injuries at one team) that meet while both are young share one centroid from then
on. So a story is re-examined when it grows past 6, 7, 9, 11, 14, ... members (each check 1.25x
the last, up to 1,000 members): its members, re-weighted under the current document frequencies, are bisected by
2-means, and the story splits in two when the halves are much less alike across than within
(mean cross similarity below ``split_ratio`` x mean inner similarity: 0.5 while the story is young,
when a few odd members can fake two halves; 0.7 from 18 members, when the halves' similarities are
averages over many pairs). The geometric schedule
keeps the checks to O(log n) per story; one check costs a sparse n x n product.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy import sparse

from consilience.stream.text import content_words, names, words

Vector = dict[str, float]


@dataclass(frozen=True)
class ClusterRule:
    """The knobs of story assignment; defaults were chosen by cross-validation (benchmarks/eval_story_clustering.py)."""

    threshold: float = 0.18  # cosine of article to story centroid needed to join
    title_weight: float = 2.0  # each title word counts this many times
    name_weight: float = 1.5  # multiplier of name-phrase features
    window_days: int = 30  # stories silent longer than this take no new articles (dated articles only)
    probe_features: int = 20  # how many of the article's top features look up candidate stories
    max_features: int = 1000  # features kept per article vector (the rest carry little weight)
    shared_names: int = 1  # an article that names anything must share this many names with the story
    split_ratio: float = 0.5  # split when cross similarity < this x inner similarity (0: never split)
    split_ratio_grown: float = 0.7  # ... from ``split_grown`` members, whose halves are measured reliably
    split_grown: int = 18
    split_from: int = 6  # the first story size that is checked; later checks at 1.25x the last
    split_until: int = 1000  # larger stories are established: no more checks (one costs an n x n matrix)
    split_part: int = 3  # each half of a split has at least this many members
    split_features: int = 100  # features per member vector when judging a split


@dataclass
class TermStatistics:
    """Online document frequencies for IDF: ``idf = ln((1 + n) / (1 + df)) + 1``."""

    documents: int = 0
    frequency: Counter[str] = field(default_factory=Counter)

    def observe(self, features: Iterable[str]) -> None:
        """Count one more document containing each of ``features`` (pass each feature once)."""
        self.documents += 1
        self.frequency.update(features)

    def idf(self, feature: str) -> float:
        """Return the smoothed inverse document frequency of ``feature``."""
        return math.log((1 + self.documents) / (1 + self.frequency.get(feature, 0))) + 1.0


def raw_features(text: str, title: str | None, rule: ClusterRule) -> dict[str, float]:
    """Return an article's weighted term counts (before IDF): body and title words, and name phrases."""
    counts: dict[str, float] = dict(Counter(content_words(words(text))))
    if title:
        for token in content_words(words(title)):
            counts[token] = counts.get(token, 0.0) + rule.title_weight
    named = Counter("n:" + phrase for phrase in names(f"{title}.\n{text}" if title else text))
    weights = {term: 1.0 + math.log(count) for term, count in counts.items()}
    for phrase, count in named.items():
        weights[phrase] = rule.name_weight * (1.0 + math.log(count))
    return weights


def weigh(raw: Mapping[str, float], stats: TermStatistics, max_features: int) -> Vector:
    """Return the L2-normalised TF-IDF vector of ``raw`` under ``stats``, keeping the heaviest features."""
    weighted = {term: value * stats.idf(term) for term, value in raw.items()}
    if len(weighted) > max_features:
        # Sort by weight then name, so the cut is deterministic.
        kept = sorted(weighted.items(), key=lambda item: (-item[1], item[0]))[:max_features]
        weighted = dict(kept)
    norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
    return {term: value / norm for term, value in weighted.items()}


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Return the dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(value * b.get(term, 0.0) for term, value in a.items())


@dataclass
class Story:
    """A story being built: the running sum of its members' vectors and when it was last reported."""

    id: str
    members: list[str] = field(default_factory=list)
    centroid: Vector = field(default_factory=dict)
    norm_squared: float = 0.0
    last_day: int | None = None

    def similarity(self, vector: Mapping[str, float]) -> float:
        """Return the cosine of ``vector`` (normalised) to this story's centroid."""
        if self.norm_squared <= 0.0:
            return 0.0
        dot = sum(value * self.centroid.get(term, 0.0) for term, value in vector.items())
        return dot / math.sqrt(self.norm_squared)

    def add(self, article: str, vector: Mapping[str, float], day: int | None) -> None:
        """Add an article's vector to the centroid in O(features), keeping the squared norm exact."""
        dot = sum(value * self.centroid.get(term, 0.0) for term, value in vector.items())
        self.norm_squared += 2.0 * dot + sum(value * value for value in vector.values())
        for term, value in vector.items():
            self.centroid[term] = self.centroid.get(term, 0.0) + value
        self.members.append(article)
        if day is not None:
            self.last_day = day if self.last_day is None else max(self.last_day, day)


def day_number(published: str | None) -> int | None:
    """Return the proleptic day number of an ISO date/datetime string, or None when absent or unreadable."""
    if not published or len(published) < 10:
        return None
    try:
        return date.fromisoformat(published[:10]).toordinal()
    except ValueError:
        return None


@dataclass(frozen=True)
class StoryChoice:
    """Where an article went: the story, whether it is new, the similarity that decided, and any split.

    When joining made the story split, ``moved`` lists the earlier members (and perhaps the article
    itself) that went from ``split_from`` to the new story ``moved_to``.
    """

    story: str
    new_story: bool
    similarity: float
    split_from: str | None = None
    moved_to: str | None = None
    moved: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Member:
    """What a story keeps of each member to rebuild and re-judge itself: its vector, raw weights, day."""

    terms: np.ndarray  # term ids, in the vector's own order (so a rebuilt centroid sums identically)
    weights: np.ndarray  # the member's TF-IDF weights when it arrived
    raw: np.ndarray | None  # its raw weights, to re-weigh under the current document frequencies
    day: int | None


def split_checks(first: int, limit: int = 1 << 31) -> frozenset[int]:
    """Return the story sizes at which a split is considered: ``first``, then each 1.25x the last."""
    sizes = set()
    size = float(first)
    while size < limit:
        sizes.add(int(size))
        size *= 1.25
    return frozenset(sizes)


def bisect(matrix: sparse.csr_matrix, ratio: float, smallest: int) -> np.ndarray | None:
    """Return 0/1 halves of the rows of ``matrix`` (L2-normalised) when they split cleanly, else None.

    2-means started from the least similar pair of rows; the split holds when both halves have
    ``smallest`` rows and their mean cross similarity is below ``ratio`` x their mean inner one.
    """
    similarity = (matrix @ matrix.T).toarray()
    a, b = np.unravel_index(int(np.argmin(similarity)), similarity.shape)
    labels = (similarity[:, b] > similarity[:, a]).astype(np.int8)
    for _ in range(20):
        if labels.all() or not labels.any():
            return None
        centres = []
        for half in (0, 1):
            centre = np.asarray(matrix[labels == half].sum(axis=0)).ravel()
            centres.append(centre / (np.linalg.norm(centre) or 1.0))
        closeness = matrix @ np.stack(centres, axis=1)
        updated = (closeness[:, 1] > closeness[:, 0]).astype(np.int8)
        if np.array_equal(updated, labels):
            break
        labels = updated
    halves = [labels == 0, labels == 1]
    sizes = [int(h.sum()) for h in halves]
    if min(sizes) < smallest:
        return None
    inner = [
        (similarity[np.ix_(h, h)].sum() - size) / (size * (size - 1))
        for h, size in zip(halves, sizes, strict=True)
    ]
    cross = similarity[np.ix_(halves[0], halves[1])].mean()
    return labels if cross < ratio * (inner[0] + inner[1]) / 2 else None


class StoryClusterer:
    """Online single-pass clustering of articles into stories (centroid linkage with a threshold)."""

    def __init__(self, rule: ClusterRule | None = None, story_prefix: str = "story-") -> None:
        self.rule = rule or ClusterRule()
        self.stats = TermStatistics()
        self.stories: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = {}
        self._prefix = story_prefix
        self._members: dict[str, _Member] = {}
        self._term_ids: dict[str, int] = {}
        self._terms: list[str] = []
        self._checks = (
            split_checks(self.rule.split_from, self.rule.split_until + 1)
            if self.rule.split_ratio > 0
            else frozenset()
        )

    def vectorise(self, text: str, title: str | None) -> tuple[dict[str, float], Vector]:
        """Count an article into the term statistics and return its raw features and TF-IDF vector."""
        raw = raw_features(text, title, self.rule)
        self.stats.observe(raw.keys())
        return raw, weigh(raw, self.stats, self.rule.max_features)

    def best_story(self, vector: Mapping[str, float], day: int | None) -> tuple[Story | None, float]:
        """Return the most similar live story and its similarity (None when nothing shares a feature)."""
        probes = sorted(vector.items(), key=lambda item: (-item[1], item[0]))[: self.rule.probe_features]
        candidates: set[str] = set()
        for term, _ in probes:
            candidates.update(self._postings.get(term, ()))
        best: Story | None = None
        best_score = -1.0
        article_names = [term for term in vector if term.startswith("n:")]
        needed = min(self.rule.shared_names, len(article_names))
        for story_id in sorted(candidates):
            story = self.stories[story_id]
            if (
                day is not None
                and story.last_day is not None
                and abs(day - story.last_day) > self.rule.window_days
            ):
                continue
            # Same-kind events (two fires, two elections) share their vocabulary; what tells
            # them apart is who and where, so a story must share a name with the article.
            if needed and sum(term in story.centroid for term in article_names) < needed:
                continue
            score = story.similarity(vector)
            if score > best_score:
                best, best_score = story, score
        return best, max(best_score, 0.0)

    def join(
        self,
        story_id: str | None,
        article: str,
        vector: Mapping[str, float],
        day: int | None,
        raw: Mapping[str, float] | None = None,
    ) -> str:
        """Add ``article`` to ``story_id`` (a new story when None); return the story id.

        ``raw`` (the article's raw features) lets the story re-judge itself later under newer
        document frequencies; without it the member's arrival weights are used as they are. Joining never splits (``assign`` does), so replaying
        stored assignments with ``join`` rebuilds the same stories.
        """
        if story_id is None:
            story_id = f"{self._prefix}{len(self.stories) + 1}"
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id)
        story.add(article, vector, day)
        for term in vector:
            self._postings.setdefault(term, set()).add(story_id)
        if self._checks:
            self._members[article] = self._member(vector, day, raw)
        return story_id

    def _member(
        self, vector: Mapping[str, float], day: int | None, raw: Mapping[str, float] | None
    ) -> _Member:
        ids = np.empty(len(vector), dtype=np.int32)
        for position, term in enumerate(vector):
            index = self._term_ids.get(term)
            if index is None:
                index = self._term_ids[term] = len(self._terms)
                self._terms.append(term)
            ids[position] = index
        weights = np.fromiter(vector.values(), dtype=np.float64, count=len(vector))
        if raw is None:
            return _Member(ids, weights, None, day)
        raws = np.fromiter((raw.get(term, 0.0) for term in vector), dtype=np.float64, count=len(vector))
        return _Member(ids, weights, raws, day)

    def assign(
        self,
        article: str,
        vector: Mapping[str, float],
        day: int | None,
        raw: Mapping[str, float] | None = None,
    ) -> StoryChoice:
        """Put ``article`` in the best live story above the threshold, or start a new story; maybe split it."""
        best, score = self.best_story(vector, day)
        if best is not None and score >= self.rule.threshold:
            story = self.join(best.id, article, vector, day, raw)
            choice = StoryChoice(story, False, round(score, 4))
            if len(self.stories[story].members) in self._checks:
                moved_to, moved = self._split(self.stories[story])
                if moved_to is not None:
                    return StoryChoice(
                        moved_to if article in moved else story,
                        False,
                        choice.similarity,
                        split_from=story,
                        moved_to=moved_to,
                        moved=moved,
                    )
            return choice
        return StoryChoice(self.join(None, article, vector, day, raw), True, round(score, 4))

    def _split_matrix(self, members: list[str]) -> sparse.csr_matrix:
        """Members' vectors re-weighted under the current document frequencies (top features, L2-normalised)."""
        idf = np.asarray([self.stats.idf(term) for term in self._terms], dtype=np.float64)
        keep = self.rule.split_features
        data, columns, pointers = [], [], [0]
        for article in members:
            member = self._members[article]
            weighted = member.weights if member.raw is None else member.raw * idf[member.terms]
            # Heaviest first, ties by term id (fixed by arrival order): a deterministic cut.
            order = np.lexsort((member.terms, -weighted))[:keep]
            values = weighted[order]
            data.append(values / (np.linalg.norm(values) or 1.0))
            columns.append(member.terms[order])
            pointers.append(pointers[-1] + len(order))
        return sparse.csr_matrix(
            (np.concatenate(data), np.concatenate(columns), np.asarray(pointers)),
            shape=(len(members), len(self._terms)),
        )

    def _split(self, story: Story) -> tuple[str | None, tuple[str, ...]]:
        """Split ``story`` in two when its members bisect cleanly; return the new story and who moved there."""
        members = list(story.members)
        ratio = (
            self.rule.split_ratio_grown if len(members) >= self.rule.split_grown else self.rule.split_ratio
        )
        labels = bisect(self._split_matrix(members), ratio, self.rule.split_part)
        if labels is None:
            return None, ()
        # The half holding the story's first article keeps the story's id.
        stay = labels[0]
        kept = [m for m, label in zip(members, labels, strict=True) if label == stay]
        moved = [m for m, label in zip(members, labels, strict=True) if label != stay]
        new_id = f"{self._prefix}{len(self.stories) + 1}"
        for story_id, part in ((story.id, kept), (new_id, moved)):
            rebuilt = self.stories[story_id] = Story(story_id)
            for article in part:
                member = self._members[article]
                vector = {self._terms[t]: float(w) for t, w in zip(member.terms, member.weights, strict=True)}
                rebuilt.add(article, vector, member.day)
                if story_id == new_id:
                    for term in vector:
                        self._postings.setdefault(term, set()).add(new_id)
        return new_id, tuple(moved)
