"""The processes engine: stories spread over worker processes give the local engine's bytes."""

from __future__ import annotations

from pathlib import Path

import pytest

from consilience.engines import get_engine
from consilience.engines.local import LocalEngine
from consilience.engines.processes import ProcessEngine
from consilience.stream.batch import read_stories, run_batch

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "consilience" / "data" / "sample_story"


def _square(x: int) -> int:
    return x * x


def test_results_come_back_in_input_order() -> None:
    assert ProcessEngine(2).map(_square, list(range(7))) == [x * x for x in range(7)]
    assert ProcessEngine(2).map(_square, [3]) == [9]  # one item runs in this process


def test_the_engine_is_listed() -> None:
    assert isinstance(get_engine("processes", num_cpus=2), ProcessEngine)


@pytest.mark.slow
def test_process_reports_are_byte_identical_to_local(tmp_path: Path) -> None:
    stories = tmp_path / "stories"
    reports = sorted(SAMPLE.glob("*.txt"))
    for name, chosen in (("all", reports), ("first-three", reports[:3]), ("last-two", reports[-2:])):
        (stories / name).mkdir(parents=True)
        for path in chosen:
            (stories / name / path.name).write_bytes(path.read_bytes())
    jobs = read_stories(stories)
    local = run_batch(jobs, tmp_path / "local", LocalEngine())
    pooled = run_batch(jobs, tmp_path / "pooled", ProcessEngine(2))
    assert [p.name for p in pooled] == ["all.json", "first-three.json", "last-two.json"]
    assert [p.read_bytes() for p in pooled] == [p.read_bytes() for p in local]
