"""The ECB+ benchmark's coreference metrics on the classic worked example (Bagga & Baldwin 1998)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "eval_ecbplus_entities.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("eval_ecbplus_entities", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


KEY = [frozenset({1, 2, 3, 4, 5}), frozenset({6, 7}), frozenset({8, 9, 10, 11, 12})]
RESPONSE = [frozenset({1, 2, 3, 4, 5}), frozenset({6, 7, 8, 9, 10, 11, 12})]


def test_muc(bench: ModuleType) -> None:
    assert bench.muc(KEY, RESPONSE) == pytest.approx((1.0, 9 / 10))


def test_b_cubed(bench: ModuleType) -> None:
    assert bench.b_cubed(KEY, RESPONSE) == pytest.approx((1.0, (5 + 2 * 2 / 7 + 5 * 5 / 7) / 12))


def test_ceaf_e(bench: ModuleType) -> None:
    aligned = 1.0 + 2 * 5 / (5 + 7)  # {1..5}↔{1..5}, {8..12}↔{6..12}; {6,7} unaligned
    assert bench.ceaf_e(KEY, RESPONSE) == pytest.approx((aligned / 3, aligned / 2))


def test_perfect_response_scores_100(bench: ModuleType) -> None:
    gold = {m: i for i, c in enumerate(KEY) for m in c}
    assert bench.conll(gold, gold) == pytest.approx(
        {"MUC": 100.0, "B3": 100.0, "CEAF-e": 100.0, "CoNLL": 100.0}
    )
