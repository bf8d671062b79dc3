"""The evaluation gate: analyse the seeds and the bundled sample story, score them with the shared
scorer (``../shared/eval/score_report.py``) and compare with the floors pinned in ``quality/floors.json``.

Floors only go up: a change that lowers a score below its floor fails ``make test``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

REPO = Path(__file__).resolve().parents[2]
PACKAGE = Path(__file__).resolve().parent
SHARED = REPO.parent / "shared"
FLOORS = REPO / "quality" / "floors.json"
SAMPLE = PACKAGE / "data" / "sample_story"
SAMPLE_GOLD = PACKAGE / "data" / "sample_gold.json"

#: metric → True when higher is better; "a/b" fractions are turned into floats
METRICS = {
    "fact_link_recall": True,
    "fact_link_precision": True,
    "independent_count_exact": True,
    "conflict_recall": True,
    "conflict_excess": False,  # conflicts reported / gold conflicts (the target is at most 2)
    "provenance_accuracy": True,
    "embellishment_recall": True,
    "embellishment_false_flags": False,
    "quote_status_accuracy": True,
    "entity_same_merged": True,
    "entity_different_kept_apart": True,
    "timeline_correct": True,
    "boilerplate_removed": True,
}


@dataclass(frozen=True)
class Score:
    """One metric of one story, with its pinned bound."""

    story: str
    metric: str
    value: float
    bound: float | None
    higher_is_better: bool

    @property
    def ok(self) -> bool:
        """Within the pinned bound (small tolerance for float noise)."""
        if self.bound is None:
            return True
        return self.value >= self.bound - 1e-9 if self.higher_is_better else self.value <= self.bound + 1e-9


def _as_float(value: object) -> float:
    if isinstance(value, str) and "/" in value:
        num, den = value.split("/")
        return float(num) / float(den) if float(den) else 0.0
    return float(value)  # type: ignore[arg-type]


def score_story(paths: list[Path], gold: Path, scorer: Path) -> dict[str, float]:
    """Analyse a story and score its JSON report against a gold file with the shared scorer."""
    from consilience.pipeline import analyze
    from consilience.render.json import to_json

    report = analyze(paths)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "report.json"
        out.write_bytes(to_json(report))
        proc = subprocess.run(
            [sys.executable, str(scorer), str(out), "--gold", str(gold), "--json"],
            capture_output=True,
            text=True,
            check=True,
        )
    raw = json.loads(proc.stdout)
    scores = {k: _as_float(raw[k]) for k in METRICS if k in raw}
    n_gold = len(json.loads(gold.read_text(encoding="utf-8")).get("conflicts", [])) or 1
    scores["conflict_excess"] = float(raw.get("conflicts_reported", 0)) / n_gold
    return scores


def load_floors() -> dict[str, dict[str, float]]:
    """The pinned floors (and ceilings for lower-is-better metrics) per story."""
    if not FLOORS.is_file():
        return {}
    data: dict[str, dict[str, float]] = json.loads(FLOORS.read_text(encoding="utf-8"))
    return data


def evaluate(seeds_dir: Path | None = None) -> list[Score]:
    """Scores of every story that can be scored here, with their bounds."""
    seeds_dir = seeds_dir or SHARED / "seeds"
    scorer = SHARED / "eval" / "score_report.py"
    if not scorer.is_file():
        raise FileNotFoundError(
            f"the shared scorer is missing: {scorer} (../shared must sit beside the checkout)"
        )
    stories = {
        "seeds": ([seeds_dir], SHARED / "eval" / "seeds_gold.json"),
        "sample": ([SAMPLE], SAMPLE_GOLD),
    }
    floors = load_floors()
    out: list[Score] = []
    for story, (paths, gold) in stories.items():
        scores = score_story(paths, gold, scorer)
        for metric, higher in METRICS.items():
            if metric in scores:
                out.append(Score(story, metric, scores[metric], floors.get(story, {}).get(metric), higher))
    return out


def run_evaluation(
    seeds_dir: Path | None = None, json_out: Path | None = None, console: Console | None = None
) -> bool:
    """Print the score table; True when every score is within its pinned bound."""
    console = console or Console(stderr=True)
    scores = evaluate(seeds_dir)
    table = Table(title="consilience eval (floors: quality/floors.json)", title_justify="left")
    for col in ("story", "metric", "score", "pinned", "ok"):
        table.add_column(col, justify="right" if col in ("score", "pinned") else "left")
    for s in scores:
        bound = "—" if s.bound is None else (f"≥ {s.bound:.2f}" if s.higher_is_better else f"≤ {s.bound:.2f}")
        table.add_row(s.story, s.metric, f"{s.value:.2f}", bound, "ok" if s.ok else "[red]BELOW[/]")
    console.print(table)
    if json_out is not None:
        json_out.write_text(
            json.dumps({f"{s.story}.{s.metric}": round(s.value, 4) for s in scores}, indent=1, sort_keys=True)
            + "\n",
            encoding="utf-8",
        )
    return all(s.ok for s in scores)
