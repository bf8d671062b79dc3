"""Acceptance: typed conflicts on the seeds and on the bundled sample story, scored by the shared scorer.

Each story is analysed once (about 10 s each); the gold conflicts must be found without flooding the
reader: at most twice as many conflicts as the gold lists.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from consilience.pipeline import analyze
from consilience.render.json import to_json

pytestmark = pytest.mark.xdist_group("conflicts-acceptance")

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "src" / "consilience" / "data" / "sample_story"
SAMPLE_GOLD = SAMPLE.parent / "sample_gold.json"


def _score(report: bytes, gold: Path, scorer: Path, tmp_path: Path) -> dict[str, Any]:
    if not scorer.is_file():
        pytest.skip(f"scorer not found at {scorer}")
    path = tmp_path / "report.json"
    path.write_bytes(report)
    out = subprocess.run(
        [sys.executable, str(scorer), str(path), "--gold", str(gold), "--json"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    scores: dict[str, Any] = json.loads(out)
    return scores


def _well_formed(report: dict[str, Any]) -> None:
    """One conflict per claim pair; each explanation names both values and both reports."""
    doc_of = {c["id"]: c["doc"] for c in report["claims"]}
    pairs = [frozenset(c["claims"]) for c in report["conflicts"]]
    assert len(pairs) == len(set(pairs))
    for conflict in report["conflicts"]:
        a, b = conflict["claims"]
        assert doc_of[a] != doc_of[b]
        line = conflict["explanation"]
        assert "\n" not in line and line.startswith(conflict["kind"] + ":")
        assert all(doc_of[c] in line for c in (a, b)) and all(v in line for v in conflict["values"])


@pytest.mark.parametrize("story", ["seeds", "sample"])
def test_gold_conflicts_are_found_without_flooding_the_reader(
    story: str, seeds_dir: Path, tmp_path: Path
) -> None:
    source, gold = (
        (seeds_dir, seeds_dir.parent / "eval" / "seeds_gold.json")
        if story == "seeds"
        else (SAMPLE, SAMPLE_GOLD)
    )
    if not gold.is_file():
        pytest.skip(f"gold annotation not found at {gold}")
    report = to_json(analyze(source))
    _well_formed(json.loads(report))
    scores = _score(report, gold, seeds_dir.parent / "eval" / "score_report.py", tmp_path)
    gold_count = len(json.loads(gold.read_text(encoding="utf-8"))["conflicts"])
    assert scores["conflict_recall"] >= 0.8
    assert scores["conflicts_reported"] <= 2 * gold_count
