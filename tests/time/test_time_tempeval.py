"""Quality gate on TempEval-3 training data: extraction and value F1 must not fall below pinned floors."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_tempeval.py"


def test_tempeval_value_f1_floor(corpora_dir: Path) -> None:
    spec = importlib.util.spec_from_file_location("eval_tempeval", BENCH)
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    sys.modules["eval_tempeval"] = bench
    spec.loader.exec_module(bench)
    files = sorted((corpora_dir / "tempeval3" / "train").glob("*/*.tml"))
    assert len(files) > 200
    totals = {k: bench.Score() for k in ("all", "DATE", "TIME")}
    for f in files:
        doc = bench.read_tml(f)
        bench.score_doc(doc, bench.ours(doc), totals)
    p, r, f1, accuracy, value_f1 = totals["all"].row()
    # measured P 0.925 / R 0.913 / F1 0.919, value accuracy 0.849, value F1 0.780 (HeidelTime, test set: 0.776)
    assert f1 >= 0.89, (p, r, f1)
    assert value_f1 >= 0.75, (accuracy, value_f1)
