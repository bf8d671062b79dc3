"""How the analysis of ONE story scales with the number of reports (issue: provenance at scale).

Builds a story of N reports from the bundled sample story's independent reports (the origins):
copies (a few words changed, a boilerplate line), excerpts (a contiguous run of paragraphs),
rewrites (paragraphs with words swapped and one dropped) and conflations (paragraphs of two
origins), deterministically by seed. Prints wall time, peak memory (RSS) and the families found,
for each size, and the growth exponent between sizes (1 = linear, 2 = quadratic).

Usage: .venv/bin/python benchmarks/bench_story_scale.py [--sizes 100 300 1000] [--seed 7]
"""

from __future__ import annotations

import argparse
import itertools
import math
import random
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "consilience" / "data" / "sample_story"
ORIGINS = ("01_wire.txt", "05_independent.txt", "06_summary.txt")
ORIGIN_OUTLETS = ("Reuters", "The Guardian", "Al Wadi")
SWAPS = {
    "said": "stated",
    "told": "informed",
    "about": "around",
    "more than": "over",
    "killed": "left dead",
    "boat": "vessel",
    "river": "waterway",
    "officials": "authorities",
    "on Friday": "on Friday morning",
}
OUTLETS = ("Daily Courier", "Morning Star Online", "Nile Today", "Global Wire", "Metro Post", "River News")


def _paragraphs(text: str) -> list[str]:
    return [p for p in text.splitlines() if p.strip()]


def _reword(paragraph: str, rng: random.Random) -> str:
    for old, new in SWAPS.items():
        if old in paragraph and rng.random() < 0.7:
            paragraph = paragraph.replace(old, new, 1)
    return paragraph


def build_story(n: int, seed: int) -> list[dict[str, str]]:
    """N report records of one story with controlled copying."""
    rng = random.Random(seed)
    origins = [_paragraphs((SAMPLE / name).read_text(encoding="utf-8")) for name in ORIGINS]
    records = []
    for k, paras in enumerate(origins):
        records.append(
            {
                "id": f"origin-{k}",
                "text": "\n".join(paras),
                "published": "2025-10-17",
                "outlet": ORIGIN_OUTLETS[k],
            }
        )
    kinds = ("copy", "copy", "excerpt", "rewrite", "conflation")
    for i in range(n - len(origins)):
        kind = kinds[i % len(kinds)]
        base = origins[rng.randrange(len(origins))]
        if kind == "copy":
            body = [p.replace("  ", " ") for p in base]
            body.append(f"Share this story on {rng.choice(OUTLETS)}")
        elif kind == "excerpt":
            start = rng.randrange(max(1, len(base) - 3))
            body = base[start : start + rng.randint(2, 4)]
        elif kind == "rewrite":
            body = [_reword(p, rng) for p in base]
            del body[rng.randrange(1, len(body))]
        else:
            other = origins[rng.randrange(len(origins))]
            body = base[: len(base) // 2] + other[len(other) // 2 :]
        records.append({"id": f"{kind}-{i:05d}", "text": "\n".join(body)})
    return records


def run_one(n: int, seed: int) -> tuple[float, float, int, int]:
    """(seconds, peak MB, families, facts) for one size, measured in a fresh process."""
    code = (
        "import sys, time, resource, orjson, consilience\n"
        "from consilience.pipeline import analyze\n"
        "records = orjson.loads(sys.stdin.buffer.read())\n"
        "analyze(records[:3])\n"  # models loaded before the clock starts
        "t = time.perf_counter(); r = analyze(records); s = time.perf_counter() - t\n"
        "mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(s, mb, len(r.provenance.families), len(r.facts))\n"
    )
    import orjson

    data = orjson.dumps(build_story(n, seed))
    out = subprocess.run([sys.executable, "-c", code], input=data, capture_output=True, check=True)
    secs, mb, fams, facts = out.stdout.split()
    return float(secs), float(mb), int(fams), int(facts)


def main() -> int:
    """Print one line per size and the growth exponents."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 300, 1000])
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"{'reports':>8} {'seconds':>9} {'peak MB':>8} {'families':>9} {'facts':>7}")
    rows = []
    for n in args.sizes:
        secs, mb, fams, facts = run_one(n, args.seed)
        rows.append((n, secs))
        print(f"{n:>8} {secs:>9.2f} {mb:>8.0f} {fams:>9} {facts:>7}", flush=True)
    for (n1, t1), (n2, t2) in itertools.pairwise(rows):
        print(f"growth {n1}→{n2}: time ∝ n^{math.log(t2 / t1) / math.log(n2 / n1):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
