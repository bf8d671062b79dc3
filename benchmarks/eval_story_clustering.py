"""Story clustering quality on public corpora, beside a plain TF-IDF baseline.

News Story Chains (100 articles, 4,950 labelled pairs, 88 positive): positive-class pair P/R/F1.
  * "pair" rows score each pair by cosine and pick the threshold by 5-fold CV over pairs.
  * "stream" rows stream the articles in date order through the online clusterer (no labels
    used) for each threshold of a grid; the threshold is picked per fold on the other folds'
    pairs (5-fold CV over pairs), and a pair is positive when both articles share a story.
ECB+ topics 1-35 (772 documents) streamed in five shuffled orders (fixed seeds): BCubed P/R/F1
  and ARI against the gold topic and against the gold sub-topic (ecb / ecbplus: the two different
  events of one topic), as the mean over the orders with the range of F1. A threshold is picked
  on the train topics (best mean F1 over the orders) and reported on the dev topics
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
    plain_tfidf,
    stream_clusters,
    stream_pair_scores,
)

SHUFFLES = (7, 1, 2, 3, 4)  # stream orders of ECB+ (shuffle seeds)
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
    """Rows of the ECB+ table: BCubed F1 over SHUFFLES stream orders (mean, min-max), thresholds from train topics."""
    documents = load_ecbplus(corpora)
    orders = []
    for seed in SHUFFLES:
        shuffled = list(documents)
        random.Random(seed).shuffle(shuffled)
        orders.append(
            (
                [d for d in shuffled if int(d.topic) not in ECBPLUS_DEV_TOPICS],
                [d for d in shuffled if int(d.topic) in ECBPLUS_DEV_TOPICS],
                shuffled,
            )
        )
    rows = []
    golds: list[tuple[str, Callable[[Article], str]]] = [
        ("topic", lambda a: a.topic),
        ("sub-topic", lambda a: a.subtopic),
    ]
    base = plain_tfidf(documents)

    def base_stream(part: Sequence[Article], threshold: float) -> dict[str, str]:
        return sparse_stream(part, {a.id: base[a.id] for a in part}, threshold)

    def ours_stream(part: Sequence[Article], threshold: float) -> dict[str, str]:
        return stream_clusters(part, replace(rule, threshold=threshold))

    for gold_name, gold in golds:
        labels = {a.id: gold(a) for a in documents}

        def scores(
            cluster: Callable[[Sequence[Article], float], dict[str, str]],
            threshold: float,
            part: int,
            labels: dict[str, str] = labels,
        ) -> list[tuple[float, float, float, float]]:
            out = []
            for order in orders:
                assigned = cluster(order[part], threshold)
                out.append((*bcubed_f1(assigned, labels), adjusted_rand_index(assigned, labels)))
            return out

        def summary(values: list[tuple[float, float, float, float]]) -> str:
            f1 = [v[2] for v in values]
            mean = [sum(v[i] for v in values) / len(values) for i in range(4)]
            return f"F1 {mean[2]:.3f} ({min(f1):.3f}-{max(f1):.3f}) P {mean[0]:.3f} R {mean[1]:.3f} ARI {mean[3]:.3f}"

        def train_pick(cluster: Callable[[Sequence[Article], float], dict[str, str]]) -> float:
            return max(GRID, key=lambda t: sum(v[2] for v in scores(cluster, t, 0)))

        for name, cluster, fixed in (
            ("TF-IDF baseline", base_stream, None),
            ("ours", ours_stream, None),
            ("ours", ours_stream, rule.threshold),
        ):
            threshold = train_pick(cluster) if fixed is None else fixed
            how = f"thr {threshold} from train" if fixed is None else f"default {threshold}"
            rows.append(
                (
                    f"{gold_name}: {name} ({how})",
                    f"dev {summary(scores(cluster, threshold, 1))} | all {summary(scores(cluster, threshold, 2))}",
                )
            )
        if embeddings:
            dense = embed_articles(documents)

            def dense_cluster(
                part: Sequence[Article], threshold: float, dense: dict[str, np.ndarray] = dense
            ) -> dict[str, str]:
                return dense_stream(part, dense, threshold)

            dense_threshold = max(
                [round(0.3 + 0.05 * i, 2) for i in range(12)],
                key=lambda t: sum(v[2] for v in scores(dense_cluster, t, 0)),
            )
            rows.append(
                (
                    f"{gold_name}: MiniLM embedding (thr {dense_threshold:.2f})",
                    f"dev {summary(scores(dense_cluster, dense_threshold, 1))} | all {summary(scores(dense_cluster, dense_threshold, 2))}",
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
    print(
        f"ECB+ topics 1-35 streamed in {len(SHUFFLES)} shuffled orders: BCubed F1 mean (min-max), P, R, ARI"
    )
    for name, value in ecbplus(args.corpora, rule, args.embeddings):
        print(f"  {name:<48} {value}")
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
