"""Run every benchmark and evaluation script in turn (``make bench``); each prints its own figures."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = (
    ["bench_one_story.py"],
    ["bench_story_scale.py", "--sizes", "100", "300", "1000"],
    ["eval_tempeval.py"],
    ["eval_ecbplus_entities.py"],
    ["eval_story_clustering.py"],
    ["bench_stream.py"],
    ["bench_html.py"],
    ["bench_service.py"],
)


def main() -> int:
    """Run each script; report the ones that failed and exit non-zero if any did."""
    failed = []
    for script, *args in SCRIPTS:
        print(f"\n=== {script} {' '.join(args)}", flush=True)
        if subprocess.run([sys.executable, str(HERE / script), *args], check=False).returncode != 0:
            failed.append(script)
    if failed:
        print("failed:", ", ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
