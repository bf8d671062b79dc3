"""Online story clustering: each new article joins the most similar live story or starts a new one.

An article is a sparse TF-IDF vector over three kinds of feature: content words of the body,
the title's words (counted again, as titles name the story), and name-like phrases ("n:" prefix,
the shared-entity signal). Document frequencies are counted online, so an article's weights are
fixed when it arrives and a story's centroid can be kept as a running sum: joining a story costs
O(features of the article), and scoring a candidate story costs O(features of the article).

Candidates are the stories that share one of the article's most distinctive features (an
inverted index), still live within the time window; the best candidate is joined when its
similarity reaches the threshold. Complexity per article: O(features + candidates x features).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from consilience.stream.text import content_words, names, words

Vector = dict[str, float]


@dataclass(frozen=True)
class ClusterRule:
    """The knobs of story assignment; defaults were chosen by cross-validation (benchmarks/eval_story_clustering.py)."""

    threshold: float = 0.23  # cosine of article to story centroid needed to join
    title_weight: float = 2.0  # each title word counts this many times
    name_weight: float = 1.5  # multiplier of name-phrase features
    window_days: int = 30  # stories silent longer than this take no new articles (dated articles only)
    probe_features: int = 20  # how many of the article's top features look up candidate stories
    max_features: int = 1000  # features kept per article vector (the rest carry little weight)
    shared_names: int = 1  # an article that names anything must share this many names with the story


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
    """Where an article went: the story, whether it is new, and the similarity that decided."""

    story: str
    new_story: bool
    similarity: float


class StoryClusterer:
    """Online single-pass clustering of articles into stories (centroid linkage with a threshold)."""

    def __init__(self, rule: ClusterRule | None = None, story_prefix: str = "story-") -> None:
        self.rule = rule or ClusterRule()
        self.stats = TermStatistics()
        self.stories: dict[str, Story] = {}
        self._postings: dict[str, set[str]] = {}
        self._prefix = story_prefix

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

    def join(self, story_id: str | None, article: str, vector: Mapping[str, float], day: int | None) -> str:
        """Add ``article`` to ``story_id`` (a new story when None); return the story id."""
        if story_id is None:
            story_id = f"{self._prefix}{len(self.stories) + 1}"
        story = self.stories.get(story_id)
        if story is None:
            story = self.stories[story_id] = Story(story_id)
        story.add(article, vector, day)
        for term in vector:
            self._postings.setdefault(term, set()).add(story_id)
        return story_id

    def assign(self, article: str, vector: Mapping[str, float], day: int | None) -> StoryChoice:
        """Put ``article`` in the best live story above the threshold, or start a new story."""
        best, score = self.best_story(vector, day)
        if best is not None and score >= self.rule.threshold:
            return StoryChoice(self.join(best.id, article, vector, day), False, round(score, 4))
        return StoryChoice(self.join(None, article, vector, day), True, round(score, 4))
