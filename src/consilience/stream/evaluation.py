"""Scoring story clustering against public corpora: News Story Chains pairs and ECB+ topics.

The loaders read the corpora from ``../shared/corpora`` (never shipped with the package); the
metrics are the standard ones: positive-class pairwise P/R/F1, BCubed F1 and the adjusted Rand
index. ``benchmarks/eval_story_clustering.py`` prints the table; a quality-gate test pins floors.
"""

from __future__ import annotations

import csv
import math
import random
import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from consilience.stream.cluster import ClusterRule, StoryClusterer, Vector, day_number

STORY_CHAINS = Path("story_chains")
ECBPLUS_DEV_TOPICS = frozenset({2, 5, 12, 18, 21, 23, 34, 35})


@dataclass(frozen=True)
class Article:
    """One evaluation article: its text and metadata and its gold labels."""

    id: str
    text: str
    title: str | None = None
    published: str | None = None
    topic: str = ""  # ECB+ topic ("1") or empty
    subtopic: str = ""  # ECB+ sub-topic ("1ecb", "1ecbplus") or empty


@dataclass(frozen=True)
class PairScores:
    """Positive-class precision, recall and F1 over labelled pairs."""

    precision: float
    recall: float
    f1: float


def load_story_chains(corpora: Path) -> tuple[list[Article], list[tuple[str, str, bool]]]:
    """Return the News Story Chains articles (in date order, then URL) and the labelled pairs."""
    folder = corpora / STORY_CHAINS
    articles_file = folder / "gedikli-business_energy_news_dataset-2021-06-29-article_texts.csv"
    pairs_file = folder / "gedikli-business_energy_news_dataset-2021-06-29.csv"
    csv.field_size_limit(10_000_000)
    with articles_file.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    articles = [
        Article(row["url"], row["text"], row["title"], row["date"][:10].strip() or None) for row in rows
    ]
    articles.sort(key=lambda a: (a.published or "", a.id))
    with pairs_file.open(encoding="utf-8-sig", newline="") as handle:
        pairs = [
            (r["url1"], r["url2"], r["relation"].strip() == "1")
            for r in csv.DictReader(handle, delimiter=";")
        ]
    return articles, pairs


_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?%)\]'’”])")
_NO_SPACE_AFTER = re.compile(r"([(\[“$]) ")


def load_ecbplus(corpora: Path) -> list[Article]:
    """Return the ECB+ documents of topics here (1-35), text detokenised; ecbplus URL lines are dropped."""
    articles: list[Article] = []
    for path in sorted((corpora / "ecbplus" / "ECB+").glob("*/*.xml")):
        root = ET.parse(path).getroot()
        sentences: dict[int, list[str]] = {}
        for token in root.iter("token"):
            sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
        plus = path.stem.endswith("ecbplus")
        lines = [
            " ".join(tokens) for number, tokens in sorted(sentences.items()) if not (plus and number == 0)
        ]
        text = _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", "\n".join(lines)))
        topic = path.stem.split("_", 1)[0]
        articles.append(Article(path.stem, text, None, None, topic, topic + ("ecbplus" if plus else "ecb")))
    return articles


def pair_scores(predicted: Iterable[bool], gold: Iterable[bool]) -> PairScores:
    """Return positive-class P/R/F1 of predicted against gold pair labels."""
    tp = fp = fn = 0
    for p, g in zip(predicted, gold, strict=True):
        tp += p and g
        fp += p and not g
        fn += g and not p
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PairScores(precision, recall, f1)


def bcubed_f1(predicted: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Return BCubed (precision, recall, F1) of a clustering (item -> cluster) against gold (item -> class)."""
    by_predicted: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item, cluster in predicted.items():
        by_predicted.setdefault(cluster, set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item, cluster in predicted.items():
        shared = len(by_predicted[cluster] & by_gold[gold[item]])
        precision += shared / len(by_predicted[cluster])
        recall += shared / len(by_gold[gold[item]])
    n = len(predicted) or 1
    precision, recall = precision / n, recall / n
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def adjusted_rand_index(predicted: Mapping[str, str], gold: Mapping[str, str]) -> float:
    """Return the adjusted Rand index of a clustering against gold classes (1 = identical, ~0 = chance)."""
    items = list(predicted)
    cells = Counter((predicted[i], gold[i]) for i in items)
    rows = Counter(predicted[i] for i in items)
    cols = Counter(gold[i] for i in items)

    def pairs(n: int) -> float:
        return n * (n - 1) / 2

    index = sum(pairs(n) for n in cells.values())
    row_sum = sum(pairs(n) for n in rows.values())
    col_sum = sum(pairs(n) for n in cols.values())
    expected = row_sum * col_sum / pairs(len(items)) if len(items) > 1 else 0.0
    maximum = (row_sum + col_sum) / 2
    return (index - expected) / (maximum - expected) if maximum != expected else 1.0


def stream_clusters(articles: Sequence[Article], rule: ClusterRule) -> dict[str, str]:
    """Stream ``articles`` in the given order through the online clusterer; return article -> final story.

    Final: after every split the stream made (an article's story can change when its story splits).
    """
    clusterer = StoryClusterer(rule)
    for article in articles:
        raw, vector = clusterer.vectorise(article.text, article.title)
        clusterer.assign(article.id, vector, day_number(article.published), raw)
    return {member: story.id for story in clusterer.stories.values() for member in story.members}


def best_threshold(scored: Sequence[tuple[float, bool]]) -> float:
    """Return the threshold (midpoint between scores) that maximises positive-class F1 on ``scored``."""
    ordered = sorted(scored, key=lambda item: -item[0])
    positives = sum(label for _, label in ordered)
    best_f1, best = -1.0, 1.0
    tp = fp = 0
    for i, (score, label) in enumerate(ordered):
        tp += label
        fp += not label
        if i + 1 < len(ordered) and ordered[i + 1][0] == score:
            continue
        f1 = 2 * tp / (tp + fp + positives) if positives else 0.0
        if f1 > best_f1:
            following = ordered[i + 1][0] if i + 1 < len(ordered) else score - 1e-6
            best_f1, best = f1, (score + following) / 2
    return best


def folds(count: int, k: int, seed: int) -> list[int]:
    """Return a fold number for each of ``count`` items, shuffled with ``seed``."""
    order = list(range(count))
    random.Random(seed).shuffle(order)
    fold_of = [0] * count
    for position, index in enumerate(order):
        fold_of[index] = position % k
    return fold_of


def cross_validated_pairs(
    scored: Sequence[tuple[float, bool]], k: int = 5, seed: int = 13
) -> tuple[PairScores, list[float]]:
    """Score pairs with thresholds chosen on the other folds (k-fold CV over pairs); return scores and thresholds."""
    fold_of = folds(len(scored), k, seed)
    predicted = [False] * len(scored)
    thresholds = []
    for fold in range(k):
        threshold = best_threshold([s for s, f in zip(scored, fold_of, strict=True) if f != fold])
        thresholds.append(threshold)
        for i, (score, _) in enumerate(scored):
            if fold_of[i] == fold:
                predicted[i] = score > threshold
    return pair_scores(predicted, [label for _, label in scored]), thresholds


def plain_tfidf(articles: Sequence[Article]) -> dict[str, Vector]:
    """The baseline: log-TF x smoothed IDF over lower-cased alphanumeric tokens of title+text, batch IDF."""
    tokenised = {
        a.id: Counter(re.findall(r"[a-z0-9]+", f"{a.title or ''} {a.text}".lower())) for a in articles
    }
    df: Counter[str] = Counter()
    for counts in tokenised.values():
        df.update(counts.keys())
    n = len(articles)
    vectors: dict[str, Vector] = {}
    for article_id, counts in tokenised.items():
        raw = {t: (1 + math.log(c)) * (math.log((1 + n) / (1 + df[t])) + 1) for t, c in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        vectors[article_id] = {t: v / norm for t, v in raw.items()}
    return vectors


def stream_pair_scores(
    articles: Sequence[Article],
    pairs: Sequence[tuple[str, str, bool]],
    rule: ClusterRule,
    thresholds: Sequence[float],
    k: int = 5,
    seed: int = 13,
) -> tuple[PairScores, list[float]]:
    """Pair P/R/F1 of stream clustering, the threshold picked per fold on the other folds' pairs (CV over pairs)."""
    together: dict[float, list[bool]] = {}
    for threshold in thresholds:
        assigned = stream_clusters(articles, replace(rule, threshold=threshold))
        together[threshold] = [assigned[a] == assigned[b] for a, b, _ in pairs]
    gold = [label for _, _, label in pairs]
    fold_of = folds(len(pairs), k, seed)
    predicted = [False] * len(pairs)
    chosen = []
    for fold in range(k):
        train = [i for i in range(len(pairs)) if fold_of[i] != fold]

        def train_f1(threshold: float, train: list[int] = train) -> float:
            return pair_scores([together[threshold][i] for i in train], [gold[i] for i in train]).f1

        threshold = max(thresholds, key=lambda t: (train_f1(t), -abs(t - rule.threshold)))
        chosen.append(threshold)
        for i in range(len(pairs)):
            if fold_of[i] == fold:
                predicted[i] = together[threshold][i]
    return pair_scores(predicted, gold), chosen


def pick_threshold(
    articles: Sequence[Article],
    gold: Callable[[Article], str],
    rule: ClusterRule,
    thresholds: Sequence[float],
) -> float:
    """Return the threshold with the best BCubed F1 when ``articles`` are streamed (for tuning on train topics)."""
    labels = {a.id: gold(a) for a in articles}
    return max(
        thresholds, key=lambda t: bcubed_f1(stream_clusters(articles, replace(rule, threshold=t)), labels)[2]
    )
