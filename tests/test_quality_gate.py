"""The quality gate: the seeds and the sample story must score at least their pinned floors."""

from __future__ import annotations

import json

import pytest

from consilience.evaluation import FLOORS, METRICS, evaluate

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("quality")]


def test_every_metric_has_a_pinned_bound() -> None:
    floors = json.loads(FLOORS.read_text(encoding="utf-8"))
    for story in ("seeds", "sample"):
        assert set(floors[story]) == set(METRICS), f"{story}: floors and metrics differ"


def test_scores_are_within_their_pinned_floors(seeds_dir) -> None:  # type: ignore[no-untyped-def]
    scores = evaluate(seeds_dir)
    below = [
        f"{s.story}.{s.metric} = {s.value:.3f} (pinned {'≥' if s.higher_is_better else '≤'} {s.bound})"
        for s in scores
        if not s.ok
    ]
    assert len(scores) == 2 * len(METRICS)
    assert not below, "scores fell below their floors: " + "; ".join(below)
