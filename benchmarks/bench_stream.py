"""Stream throughput and memory: JSONL in -> near-duplicates -> story assignment -> SQLite -> JSONL out.

Each size runs in its own process (so peak RSS is that size's), on a generated corpus
(benchmarks/generate_corpus.py, seed 1). It measures the whole stream path of
``consilience stream`` minus the process start: parsing each JSONL line, validating the
record, fingerprinting, LSH lookup and verification, clustering, writing the state to SQLite
(one transaction per 256 lines, as a piped stdin delivers them) and serialising the output line;
then the time a restarted stream needs to replay the state; then quality against the gold
(duplicate links within gold families, copies/excerpts found, story BCubed).

Usage: .venv/bin/python benchmarks/bench_stream.py [--sizes 100 1000 10000]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import orjson

HERE = Path(__file__).resolve().parent
BATCH = 256


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("generate_corpus", HERE / "generate_corpus.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def run_one(size: int) -> dict[str, float]:
    """Measure one size in this process; return the figures."""
    from consilience.stream.evaluation import bcubed_f1
    from consilience.stream.processor import StreamProcessor, check_record
    from consilience.stream.state import StreamStore

    records, gold = _generator().generate(size, seed=1)
    lines = [orjson.dumps(r) for r in records]
    chars = sum(len(r["text"]) for r in records) / len(records)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{tmp}/stream.db"
        processor = StreamProcessor(StreamStore(url))
        out: list[bytes] = []
        started = time.perf_counter()
        for start in range(0, len(lines), BATCH):
            batch = [check_record(orjson.loads(line), "<bench>") for line in lines[start : start + BATCH]]
            out.extend(orjson.dumps(a.line()) for a in processor.process_many(batch))
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        restarted = StreamProcessor(StreamStore(url))
        replay = time.perf_counter() - started
        assert len(restarted.assignments) == len(records)
        # Stories after every split the stream made (the restarted processor read them back).
        predicted = {a: s.story for a, s in restarted.assignments.items()}
        assert predicted == {a: s.story for a, s in processor.assignments.items()}
        splits = sum(1 for x in out if b'"moved":{' in x)
    assignments = [orjson.loads(x) for x in out]
    family_of = {doc: i for i, family in enumerate(gold["families"]) for doc in family}
    links = [a for a in assignments if a["duplicate_of"]]
    right = sum(family_of[a["duplicate_of"]] == family_of[a["article"]] for a in links)
    copies = [a for a in assignments if gold["kinds"][a["article"]] in ("copy", "excerpt")]
    found = sum(a["duplicate_of"] is not None for a in copies)
    truth = {r["id"]: r["story"] for r in records}
    return {
        "articles": size,
        "chars_per_article": round(chars),
        "seconds": round(elapsed, 2),
        "articles_per_s": round(size / elapsed, 1),
        "peak_rss_mb": round(peak_mb),
        "restart_replay_s": round(replay, 2),
        "duplicate_link_precision": round(right / len(links), 4) if links else 1.0,
        "copy_excerpt_recall": round(found / len(copies), 4) if copies else 1.0,
        "story_bcubed_f1": round(bcubed_f1(predicted, truth)[2], 4),
        "stories_gold": len(gold["stories"]),
        "stories_found": len(set(predicted.values())),
        "splits": splits,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run each size in a child process and print a table."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one)))
        return 0
    rows = []
    for size in args.sizes:
        child = subprocess.run(
            [sys.executable, __file__, "--one", str(size)], capture_output=True, text=True, check=True
        )
        rows.append(json.loads(child.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), file=sys.stderr)
    columns = list(rows[0])
    print(" | ".join(columns))
    for row in rows:
        print(" | ".join(str(row[c]) for c in columns))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
