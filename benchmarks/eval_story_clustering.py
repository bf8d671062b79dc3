"""Story clustering quality on public corpora, beside a plain TF-IDF baseline.

News Story Chains (100 articles, 4,950 labelled pairs, 88 positive): positive-class pair P/R/F1.
  * "pair" rows score each pair by cosine and pick the threshold by 5-fold CV over pairs.
  * "stream" rows stream the articles in date order through the online clusterer (no labels
    used) for each threshold of a grid; the threshold is picked per fold on the other folds'
    pairs (5-fold CV over pairs), and a pair is positive when both articles share a story.
ECB+ topics 1-35 (772 documents) streamed in shuffled order (fixed seed): BCubed P/R/F1 and ARI
  against the gold topic and against the gold sub-topic (ecb / ecbplus: the two different events
  of one topic). The threshold is picked on the train topics and reported on the dev topics
  (2, 5, 12, 18, 21, 23, 34, 35) and on all 33 topics. The product default is reported too.

Usage: .venv/bin/python benchmarks/eval_story_clustering.py [--corpora ../shared/corpora] [--embeddings]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from consilience.stream.cluster import ClusterRule, TermStatistics, Vector, cosine, raw_features, weigh
from consilience.stream.evaluation import (
    ECBPLUS_DEV_TOPICS,
    Article,
    adjusted_rand_index,
    bcubed_f1,
    cross_validated_pairs,
    load_ecbplus,
    load_story_chains,
    pick_threshold,
    plain_tfidf,
    stream_clusters,
    stream_pair_scores,
)

SEED = 7
GRID = [round(0.10 + 0.02 * i, 2) for i in range(14)]


def batch_vectors(articles: Sequence[Article], rule: ClusterRule) -> dict[str, Vector]:
    """Our features with document frequencies counted over all articles first (pair mode)."""
    stats = TermStatistics()
    raws = {}
    for article in articles:
        raws[article.id] = raw_features(article.text, article.title, rule)
        stats.observe(raws[article.id].keys())
    return {key: weigh(raw, stats, rule.max_features) for key, raw in raws.items()}


def embed_articles(articles: Sequence[Article]) -> dict[str, np.ndarray]:
    """Mean MiniLM embedding of the title and first sentences of each article (L2-normalised)."""
    from consilience.link.embed import default_embedder

    embedder = default_embedder()
    out = {}
    for article in articles:
        lines = [line for line in article.text.split("\n") if line.strip()][:4]
        texts = ([article.title] if article.title else []) + lines
        vector = embedder.embed(texts).mean(axis=0)
        out[article.id] = vector / (np.linalg.norm(vector) or 1.0)
    return out


def dense_stream(
    articles: Sequence[Article], vectors: dict[str, np.ndarray], threshold: float
) -> dict[str, str]:
    """Online centroid clustering of dense vectors (the embedding row)."""
    sums: list[np.ndarray] = []
    assigned = {}
    for article in articles:
        v = vectors[article.id]
        best, score = -1, -1.0
        for i, total in enumerate(sums):
            s = float(total @ v) / float(np.linalg.norm(total))
            if s > score:
                best, score = i, s
        if best >= 0 and score >= threshold:
            sums[best] = sums[best] + v
        else:
            sums.append(v.copy())
            best = len(sums) - 1
        assigned[article.id] = f"s{best}"
    return assigned


def fmt(values: Sequence[float]) -> str:
    """Format scores to three decimals."""
    return " ".join(f"{v:.3f}" for v in values)


def story_chains(corpora: Path, rule: ClusterRule, embeddings: bool) -> list[tuple[str, str]]:
    """Rows of the Story Chains table."""
    articles, pairs = load_story_chains(corpora)
    rows = []
    baseline = plain_tfidf(articles)
    scores, thresholds = cross_validated_pairs([(cosine(baseline[a], baseline[b]), g) for a, b, g in pairs])
    rows.append(
        (
            "TF-IDF baseline, pair cosine (CV)",
            f"{fmt([scores.precision, scores.recall, scores.f1])}  thr {fmt(thresholds)}",
        )
    )
    ours = batch_vectors(articles, rule)
    scores, thresholds = cross_validated_pairs([(cosine(ours[a], ours[b]), g) for a, b, g in pairs])
    rows.append(
        (
            "ours, pair cosine (CV)",
            f"{fmt([scores.precision, scores.recall, scores.f1])}  thr {fmt(thresholds)}",
        )
    )
    if embeddings:
        dense = embed_articles(articles)
        scores, thresholds = cross_validated_pairs([(float(dense[a] @ dense[b]), g) for a, b, g in pairs])
        rows.append(
            (
                "MiniLM embedding, pair cosine (CV)",
                f"{fmt([scores.precision, scores.recall, scores.f1])}  thr {fmt(thresholds)}",
            )
        )
    scores, chosen = stream_pair_scores(articles, pairs, rule, GRID)
    rows.append(
        (
            "ours, stream clustering (CV)",
            f"{fmt([scores.precision, scores.recall, scores.f1])}  thr {fmt(chosen)}",
        )
    )
    assigned = stream_clusters(articles, rule)
    from consilience.stream.evaluation import pair_scores

    fixed = pair_scores([assigned[a] == assigned[b] for a, b, _ in pairs], [g for _, _, g in pairs])
    rows.append(
        (
            f"ours, stream clustering (default {rule.threshold})",
            fmt([fixed.precision, fixed.recall, fixed.f1]),
        )
    )
    return rows


def ecbplus(corpora: Path, rule: ClusterRule, embeddings: bool) -> list[tuple[str, str]]:
    """Rows of the ECB+ table."""
    documents = load_ecbplus(corpora)
    random.Random(SEED).shuffle(documents)
    train = [d for d in documents if int(d.topic) not in ECBPLUS_DEV_TOPICS]
    dev = [d for d in documents if int(d.topic) in ECBPLUS_DEV_TOPICS]
    rows = []
    golds: list[tuple[str, Callable[[Article], str]]] = [
        ("topic", lambda a: a.topic),
        ("sub-topic", lambda a: a.subtopic),
    ]
    for gold_name, gold in golds:

        def score(
            part: Sequence[Article], assigned: dict[str, str], gold: Callable[[Article], str] = gold
        ) -> str:
            labels = {a.id: gold(a) for a in part}
            return f"{fmt(bcubed_f1(assigned, labels))} ARI {adjusted_rand_index(assigned, labels):.3f}"

        # Baseline: plain TF-IDF with IDF over all documents, same online centroid clustering.
        base = plain_tfidf(documents)

        def base_stream(
            part: Sequence[Article], threshold: float, base: dict[str, Vector] = base
        ) -> dict[str, str]:
            dense = {a.id: base[a.id] for a in part}
            return sparse_stream(part, dense, threshold)

        labels_train = {a.id: gold(a) for a in train}
        base_threshold = max(GRID, key=lambda t: bcubed_f1(base_stream(train, t), labels_train)[2])
        rows.append(
            (
                f"{gold_name}: TF-IDF baseline (thr {base_threshold})",
                f"dev {score(dev, base_stream(dev, base_threshold))} | all {score(documents, base_stream(documents, base_threshold))}",
            )
        )
        threshold = pick_threshold(train, gold, rule, GRID)
        tuned = replace(rule, threshold=threshold)
        rows.append(
            (
                f"{gold_name}: ours (thr {threshold} from train)",
                f"dev {score(dev, stream_clusters(dev, tuned))} | all {score(documents, stream_clusters(documents, tuned))}",
            )
        )
        rows.append(
            (
                f"{gold_name}: ours (default {rule.threshold})",
                f"dev {score(dev, stream_clusters(dev, rule))} | all {score(documents, stream_clusters(documents, rule))}",
            )
        )
        if embeddings:
            dense = embed_articles(documents)
            dense_threshold = max(
                [0.3 + 0.05 * i for i in range(12)],
                key=lambda t: bcubed_f1(dense_stream(train, dense, t), labels_train)[2],
            )
            rows.append(
                (
                    f"{gold_name}: MiniLM embedding (thr {dense_threshold:.2f})",
                    f"dev {score(dev, dense_stream(dev, dense, dense_threshold))} | all {score(documents, dense_stream(documents, dense, dense_threshold))}",
                )
            )
    return rows


def sparse_stream(
    articles: Sequence[Article], vectors: dict[str, Vector], threshold: float
) -> dict[str, str]:
    """Online centroid clustering of fixed sparse vectors (the baseline's clusterer)."""
    centroids: list[dict[str, float]] = []
    norms: list[float] = []
    assigned = {}
    for article in articles:
        v = vectors[article.id]
        best, score = -1, -1.0
        for i, centroid in enumerate(centroids):
            s = sum(value * centroid.get(t, 0.0) for t, value in v.items()) / norms[i] ** 0.5
            if s > score:
                best, score = i, s
        if best < 0 or score < threshold:
            centroids.append({})
            norms.append(0.0)
            best = len(centroids) - 1
        centroid = centroids[best]
        dot = sum(value * centroid.get(t, 0.0) for t, value in v.items())
        norms[best] += 2 * dot + sum(value * value for value in v.values())
        for t, value in v.items():
            centroid[t] = centroid.get(t, 0.0) + value
        assigned[article.id] = f"s{best}"
    return assigned


def main(argv: Sequence[str] | None = None) -> int:
    """Print the tables."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--corpora", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )
    parser.add_argument(
        "--embeddings", action="store_true", help="also score MiniLM article embeddings (slower)"
    )
    args = parser.parse_args(argv)
    if not args.corpora.is_dir():
        print(f"corpora not found at {args.corpora}", file=sys.stderr)
        return 2
    rule = ClusterRule()
    started = time.perf_counter()
    print("News Story Chains, positive-class pairs: P R F1")
    for name, value in story_chains(args.corpora, rule, args.embeddings):
        print(f"  {name:<48} {value}")
    print(f"ECB+ topics 1-35 streamed shuffled (seed {SEED}): BCubed P R F1, ARI")
    for name, value in ecbplus(args.corpora, rule, args.embeddings):
        print(f"  {name:<48} {value}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
