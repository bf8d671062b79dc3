"""Time normalisation measured on TempEval-3 training data (TimeBank + AQUAINT, TimeML).

usage: .venv/bin/python benchmarks/eval_tempeval.py [CORPUS_DIR] [--dateparser] [--limit N] [--errors N]

Each .tml file's tags are stripped; its <DCT> becomes the publication date; our resolver runs on the
plain text. Scored against gold TIMEX3 of type DATE and TIME (the DCT itself excluded):
  extraction P/R/F1 with relaxed matching (any character overlap, one-to-one),
  value accuracy on matched expressions (exact TimeML value), value F1 = extraction F1 x value accuracy.
Gold DURATION and SET expressions are neither targets nor errors: a system expression that overlaps
only a DURATION/SET is ignored. Baselines: a month-day regex taking the DCT's year, and (with
--dateparser; slow) dateparser.search_dates with the DCT as RELATIVE_BASE.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from consilience.nlp.time_lexicon import MONTHS
from consilience.nlp.time_resolve import DocumentInput, resolve_story

DEFAULT_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "tempeval3" / "train"
TARGET_TYPES = ("DATE", "TIME")


@dataclass(frozen=True)
class Timex:
    start: int
    end: int
    type: str
    value: str
    text: str


@dataclass(frozen=True)
class TmlDoc:
    name: str
    dct: date
    text: str
    gold: tuple[Timex, ...]


def read_tml(path: Path) -> TmlDoc:
    """Plain text of <TEXT>, the DCT and the gold TIMEX3 spans in that plain text."""
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"(\d{4}-\d{2}-\d{2})", raw)
    if dct_m is None:
        raise ValueError(f"{path}: no DCT")
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    length = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    gold: list[Timex] = []
    for tok in re.finditer(r"<[^>]+>|&#?\w+;|[^<&]+|&", body):
        s = tok.group()
        if s.startswith("<"):
            if s.startswith("<TIMEX3"):
                open_timex = (length, dict(re.findall(r'(\w+)="([^"]*)"', s)))
            elif s.startswith("</TIMEX3") and open_timex is not None:
                start, attrs = open_timex
                gold.append(Timex(start, length, attrs.get("type", ""), attrs.get("value", ""), ""))
                open_timex = None
            continue
        piece = html.unescape(s)
        parts.append(piece)
        length += len(piece)
    text = "".join(parts)
    gold = [Timex(g.start, g.end, g.type, g.value, text[g.start : g.end]) for g in gold]
    return TmlDoc(path.name, date.fromisoformat(dct_m.group(1)), text, tuple(gold))


System = Callable[[TmlDoc], list[Timex]]


def ours(doc: TmlDoc) -> list[Timex]:
    """Our resolver, vague references (PRESENT_REF ...) included."""
    res = resolve_story([DocumentInput(doc.name, doc.text, doc.dct)], doc.dct)[doc.name]
    return [Timex(r.start, r.end, r.timex_type, r.value, r.text) for r in res]


def ours_iso_only(doc: TmlDoc) -> list[Timex]:
    """What normalise_times emits: only expressions with an ISO value."""
    res = resolve_story([DocumentInput(doc.name, doc.text, doc.dct)], doc.dct)[doc.name]
    return [Timex(r.start, r.end, r.timex_type, r.value, r.text) for r in res if r.when is not None]


_MONTH_WORD = "|".join(sorted((m.capitalize() for m in MONTHS), key=len, reverse=True))
_MONTH_DAY = re.compile(rf"\b({_MONTH_WORD})\.?\s+(\d{{1,2}})(?!\d)(?:,?\s+(\d{{4}}))?")


def month_day_regex(doc: TmlDoc) -> list[Timex]:
    """Baseline: "Month day[, year]" with the DCT's year when none is written."""
    out = []
    for m in _MONTH_DAY.finditer(doc.text):
        y = int(m.group(3)) if m.group(3) else doc.dct.year
        try:
            d = date(y, MONTHS[m.group(1).lower()], int(m.group(2)))
        except ValueError:
            continue
        out.append(Timex(m.start(), m.end(), "DATE", d.isoformat(), m.group()))
    return out


def dateparser_baseline(doc: TmlDoc) -> list[Timex]:
    """Baseline: dateparser.search_dates with the DCT as RELATIVE_BASE, past preferred."""
    from dateparser.search import search_dates

    base = datetime(doc.dct.year, doc.dct.month, doc.dct.day)
    found = search_dates(
        doc.text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
    )
    out: list[Timex] = []
    pos = 0
    for sub, dt in found or []:
        i = doc.text.find(sub, pos)
        if i < 0:
            continue
        pos = i + len(sub)
        value = sub.strip() if re.fullmatch(r"\s*\d{4}\s*", sub) else dt.date().isoformat()
        out.append(Timex(i, i + len(sub), "DATE", value, sub))
    return out


@dataclass
class Score:
    gold: int = 0
    system: int = 0
    matched: int = 0
    value_ok: int = 0

    def row(self) -> tuple[float, float, float, float, float]:
        p = self.matched / self.system if self.system else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        acc = self.value_ok / self.matched if self.matched else 0.0
        return p, r, f, acc, f * acc


def _overlap(a: Timex, b: Timex) -> bool:
    return a.start < b.end and b.start < a.end


def score_doc(
    doc: TmlDoc, system: list[Timex], totals: dict[str, Score], errors: list[str] | None = None
) -> None:
    """Add one document's counts to `totals` (keys: "all", "DATE", "TIME")."""
    targets = [g for g in doc.gold if g.type in TARGET_TYPES]
    others = [g for g in doc.gold if g.type not in TARGET_TYPES]
    kept = [
        s for s in system if any(_overlap(s, g) for g in targets) or not any(_overlap(s, o) for o in others)
    ]
    used: set[int] = set()
    totals["all"].gold += len(targets)
    totals["all"].system += len(kept)
    for g in targets:
        totals[g.type].gold += 1
        match = next((i for i, s in enumerate(kept) if i not in used and _overlap(s, g)), None)
        if match is None:
            if errors is not None:
                errors.append(f"MISS  {doc.name}: {g.text!r} {g.type} {g.value}")
            continue
        used.add(match)
        for key in ("all", g.type):
            totals[key].matched += 1
        if kept[match].value == g.value:
            for key in ("all", g.type):
                totals[key].value_ok += 1
        elif errors is not None:
            errors.append(
                f"VALUE {doc.name}: {g.text!r} gold {g.value} ours {kept[match].value} ({kept[match].text!r})"
            )
    if errors is not None:
        errors.extend(f"EXTRA {doc.name}: {s.text!r} {s.value}" for i, s in enumerate(kept) if i not in used)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_DIR)
    ap.add_argument("--dateparser", action="store_true", help="also run the (slow) dateparser baseline")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    ap.add_argument("--errors", type=int, default=0, help="print N error lines of our system")
    args = ap.parse_args(argv)
    files = sorted(args.corpus.glob("*/*.tml"))
    if not files:
        print(f"no .tml files under {args.corpus}", file=sys.stderr)
        return 2
    if args.limit:
        files = files[: args.limit]
    docs = [read_tml(f) for f in files]
    systems: list[tuple[str, System]] = [
        ("consilience (all, incl. vague refs)", ours),
        ("consilience (ISO values only)", ours_iso_only),
        ("baseline: month-day regex + DCT year", month_day_regex),
    ]
    if args.dateparser:
        systems.append(("baseline: dateparser.search_dates", dateparser_baseline))
    n_gold = sum(g.type in TARGET_TYPES for d in docs for g in d.gold)
    print(f"TempEval-3 train: {len(docs)} documents, {n_gold} gold DATE/TIME expressions (DCT excluded)\n")
    header = f"| {'system':38} | {'P':>5} | {'R':>5} | {'F1':>5} | {'val.acc':>7} | {'value F1':>8} | {'DATE R/acc':>11} | {'TIME R/acc':>11} | {'s':>5} |"
    print(header)
    print("|" + "|".join("-" * (len(c)) for c in header.split("|")[1:-1]) + "|")
    error_lines: list[str] = []
    for name, system in systems:
        totals = {k: Score() for k in ("all", *TARGET_TYPES)}
        t0 = time.perf_counter()
        for d in docs:
            errs = error_lines if (system is ours and args.errors) else None
            score_doc(d, system(d), totals, errs)
        secs = time.perf_counter() - t0
        p, r, f, acc, vf = totals["all"].row()
        per = []
        for t in TARGET_TYPES:
            _, tr, _, tacc, _ = totals[t].row()
            per.append(f"{tr:.2f}/{tacc:.2f}")
        print(
            f"| {name:38} | {p:5.3f} | {r:5.3f} | {f:5.3f} | {acc:7.3f} | {vf:8.3f} | {per[0]:>11} | {per[1]:>11} | {secs:5.1f} |"
        )
    for line in error_lines[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
