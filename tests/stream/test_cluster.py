"""Online story assignment: follow-ups join their story, other stories and stale stories do not."""

from __future__ import annotations

import random

import numpy as np
from scipy import sparse

from consilience.stream.cluster import ClusterRule, StoryClusterer, bisect, day_number, split_checks
from consilience.stream.text import names

from .helpers import ELECTION, HARBOUR, HARBOUR_FOLLOW_UP, strike_article, strike_articles


def _assign(clusterer: StoryClusterer, article: str, text: str, published: str | None = None) -> str:
    _, vector = clusterer.vectorise(text, None)
    return clusterer.assign(article, vector, day_number(published)).story


def test_a_follow_up_joins_its_story_and_another_event_starts_a_new_one() -> None:
    clusterer = StoryClusterer()
    first = _assign(clusterer, "a", HARBOUR, "2031-03-04")
    other = _assign(clusterer, "b", ELECTION, "2031-03-05")
    follow = _assign(clusterer, "c", HARBOUR_FOLLOW_UP, "2031-03-06")
    assert follow == first
    assert other != first


def test_a_story_silent_beyond_the_window_takes_no_new_articles() -> None:
    clusterer = StoryClusterer(ClusterRule(window_days=10))
    first = _assign(clusterer, "a", HARBOUR, "2031-03-04")
    late = _assign(clusterer, "b", HARBOUR_FOLLOW_UP, "2031-05-30")
    assert late != first


def test_undated_articles_ignore_the_window() -> None:
    clusterer = StoryClusterer(ClusterRule(window_days=1))
    first = _assign(clusterer, "a", HARBOUR, "2031-03-04")
    assert _assign(clusterer, "b", HARBOUR_FOLLOW_UP) == first


def test_names_are_capitalised_runs_but_not_sentence_initial_words() -> None:
    found = names(
        "Residents said the Tessaly Seafoods plant burned. Investigators met Anouk Ferreira of Velmora."
    )
    assert "tessaly seafoods" in found and "anouk ferreira of velmora" in found
    assert "residents" not in found and "investigators" not in found


def test_names_stop_at_line_breaks_and_drop_articles_and_weekdays() -> None:
    found = names(
        "Harbour fire in Velmora\nAnouk Ferreira said. The Tessaly Seafoods plant reopened on Tuesday."
    )
    assert "velmora" in found and "anouk ferreira" in found
    assert "tessaly seafoods" in found
    assert not any("\n" in name or name.startswith("the ") or "tuesday" in name for name in found)


def _stream(
    clusterer: StoryClusterer, articles: list[tuple[str, str]]
) -> list[tuple[str, str, tuple[str, ...]]]:
    out = []
    for article, text in articles:
        raw, vector = clusterer.vectorise(text, None)
        choice = clusterer.assign(article, vector, None, raw)
        out.append((article, choice.story, choice.moved))
    return out


def _final(clusterer: StoryClusterer) -> dict[str, str]:
    return {m: story.id for story in clusterer.stories.values() for m in story.members}


def test_two_events_of_one_kind_merged_while_young_are_split_apart() -> None:
    articles = strike_articles()
    merged = StoryClusterer(ClusterRule(split_ratio=0.0))
    _stream(merged, articles)
    assert len(set(_final(merged).values())) == 1  # without splits, the first b joins a's story for good
    clusterer = StoryClusterer()
    lines = _stream(clusterer, articles)
    final = _final(clusterer)
    assert {final[a] for a, _ in articles if a.startswith("a")} == {"story-1"}
    assert {final[a] for a, _ in articles if a.startswith("b")} == {"story-2"}
    splits = [i for i, (_, _, moved) in enumerate(lines) if moved]
    assert len(splits) == 1
    _, story, moved = lines[splits[0]]
    # The b articles so far, this one included, leave; the a half keeps the story's id.
    assert story == "story-2" and set(moved) == {a for a, _ in articles[: splits[0] + 1] if a.startswith("b")}
    # After the split, later articles of each strike go straight to their own story.
    after = lines[splits[0] + 1 :]
    assert after and all(s == ("story-1" if a.startswith("a") else "story-2") for a, s, _ in after)


def test_one_event_told_many_ways_stays_one_story() -> None:
    rnd = random.Random(9)
    clusterer = StoryClusterer()
    lines = _stream(clusterer, [(f"a{i}", strike_article("a", rnd)) for i in range(40)])
    assert not any(moved for _, _, moved in lines)
    assert len(clusterer.stories) == 1


def test_split_checks_grow_geometrically() -> None:
    checks = sorted(split_checks(6, 100))
    assert checks[:6] == [6, 7, 9, 11, 14, 18]
    assert len(split_checks(6, 100_000)) < 45  # O(log n) checks per story


def test_bisect_needs_two_halves_apart_and_big_enough() -> None:
    rows = np.array([[1.0, 0.1, 0.0, 0.0]] * 4 + [[0.0, 0.0, 1.0, 0.1]] * 4)
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    labels = bisect(sparse.csr_matrix(rows), 0.55, 3)
    assert labels is not None and list(labels[:4]) == [labels[0]] * 4 and set(labels[4:]) == {1 - labels[0]}
    assert bisect(sparse.csr_matrix(rows[:5]), 0.55, 3) is None  # one half would have a single row
    same = np.ones((8, 4)) / 2.0
    same[0, 0] = 0.9
    assert bisect(sparse.csr_matrix(same / np.linalg.norm(same, axis=1, keepdims=True)), 0.55, 3) is None
