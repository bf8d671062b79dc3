"""Online story assignment: follow-ups join their story, other stories and stale stories do not."""

from __future__ import annotations

from consilience.stream.cluster import ClusterRule, StoryClusterer, day_number
from consilience.stream.text import names

from .helpers import ELECTION, HARBOUR, HARBOUR_FOLLOW_UP


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
