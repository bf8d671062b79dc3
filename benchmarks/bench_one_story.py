"""One story, cold and warm: the CLI from a fresh process, and analyses in a process with the models loaded.

    .venv/bin/python benchmarks/bench_one_story.py [--runs 5] [STORY_FOLDER]

Cold: ``consilience analyze STORY -q -o FILE`` in a new process (imports, model loading, analysis,
JSON), wall time and peak memory. Warm (the service's case: models loaded, per-text memos filled
by earlier analyses): the story without its last report (never seen before), then with it (one
more report), then the whole story again. The warm-up analyses the bundled sample story (or the
seeds when the sample is the story measured).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
SAMPLE = REPO / "src" / "consilience" / "data" / "sample_story"
CLI = Path(sys.executable).with_name("consilience")


def cold_runs(story: Path, runs: int) -> list[tuple[float, float]]:
    """(seconds, peak MB) of each cold CLI run."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([str(CLI), "analyze", str(story), "-q", "-o", f"{tmp}/r.json"], check=True)
            seconds = time.perf_counter() - t0
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # the largest child so far
            out.append((seconds, peak))
    return out


def timed(fn: Callable[[list[Path]], object], files: list[Path]) -> float:
    """Seconds one call takes."""
    t0 = time.perf_counter()
    fn(files)
    return time.perf_counter() - t0


def main() -> int:
    """Print cold and warm figures for one story."""
    parser = argparse.ArgumentParser()
    parser.add_argument("story", nargs="?", type=Path, default=SEEDS if SEEDS.is_dir() else SAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    story: Path = args.story
    files = sorted(
        p for p in story.iterdir() if p.is_file() and p.suffix in (".txt", ".md", ".html", ".json")
    )
    print(f"story: {story} ({len(files)} reports)")

    cold = cold_runs(story, args.runs)
    walls = [s for s, _ in cold]
    print(
        f"cold CLI run: min {min(walls):.2f} s, median {statistics.median(walls):.2f} s, "
        f"max {max(walls):.2f} s over {len(walls)} runs; peak {max(m for _, m in cold):.0f} MB"
    )

    from consilience.pipeline import analyze

    other = SEEDS if story.resolve() == SAMPLE.resolve() and SEEDS.is_dir() else SAMPLE
    print(f"warm-up (models loading) on {other.name}: {timed(analyze, [other]):.2f} s")
    fewer = files[:-1]
    print(f"warm, a story never seen before ({len(fewer)} reports): {timed(analyze, fewer):.2f} s")
    print(f"warm, the same story with one more report: {timed(analyze, files):.2f} s")
    again = [timed(analyze, files) for _ in range(3)]
    print(f"warm, the same {len(files)} reports again: median {statistics.median(again):.2f} s of 3")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
