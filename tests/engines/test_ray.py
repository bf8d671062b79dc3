"""The Ray engine gives byte-identical reports to the local engine (one module-scoped Ray session)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from consilience.engines import get_engine
from consilience.engines.local import LocalEngine
from consilience.engines.ray import chunked
from consilience.stream.batch import read_stories, run_batch

ray = pytest.importorskip("ray")


def test_chunks_keep_order_and_cover_every_item() -> None:
    items = list(range(11))
    runs = chunked(items, 4)
    assert [x for run in runs for x in run] == items
    assert len(runs) == 4 and max(map(len, runs)) - min(map(len, runs)) <= 1
    assert chunked([1], 8) == [[1]]


def test_an_unknown_engine_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown engine"):
        get_engine("spark")


@pytest.fixture(scope="module")
def ray_engine() -> Iterator[object]:
    os.environ["RAY_AUTH_MODE"] = "disabled"
    os.environ["RAY_USAGE_STATS_ENABLED"] = "0"
    engine = get_engine("ray", num_cpus=2)
    yield engine
    ray.shutdown()


@pytest.mark.slow
def test_ray_reports_are_byte_identical_to_local(ray_engine: object, seeds_dir: Path, tmp_path: Path) -> None:
    # Two stories: the seed reports, and the first two of them alone; batch runs stories as Ray tasks.
    stories = tmp_path / "stories"
    (stories / "full").mkdir(parents=True)
    (stories / "pair").mkdir()
    for i, path in enumerate(sorted(seeds_dir.glob("*.txt"))):
        (stories / "full" / path.name).write_bytes(path.read_bytes())
        if i < 2:
            (stories / "pair" / path.name).write_bytes(path.read_bytes())
    jobs = read_stories(stories)
    local = run_batch(jobs, tmp_path / "local", LocalEngine())
    remote = run_batch(jobs, tmp_path / "ray", ray_engine)  # type: ignore[arg-type]
    assert [p.name for p in local] == ["full.json", "pair.json"]
    assert [p.read_bytes() for p in remote] == [p.read_bytes() for p in local]
    # One story: the per-document stage itself runs as Ray tasks inside the pipeline.
    single = run_batch(jobs[:1], tmp_path / "ray-single", ray_engine)  # type: ignore[arg-type]
    assert single[0].read_bytes() == local[0].read_bytes()
