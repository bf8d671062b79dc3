"""Benchmark: the HTML report of 1,000 documents — render time, file size, and load + first click in chromium.

Usage: ``python benchmarks/bench_html.py [--docs 1000] [--out out/bench_report.html] [--no-browser]``

The report is synthetic (seeded, so every run renders the same page): documents of about 3 kB in
families of copies and rewrites, one claim per sentence, facts shared across documents, conflicts,
quotes, entities, a timeline and provenance edges — the shape the pipeline produces, at scale.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from pathlib import Path

from consilience.model import (
    Claim,
    Conflict,
    Document,
    Edge,
    Entity,
    Fact,
    Mention,
    Provenance,
    Quote,
    Report,
    TimelineEntry,
    When,
)
from consilience.render.html import to_html
from consilience.render.markdown import to_markdown

WORDS = [
    "a",
    "about",
    "after",
    "and",
    "at",
    "before",
    "bridge",
    "closed",
    "comment",
    "complained",
    "confirmed",
    "costs",
    "council",
    "cracks",
    "dawn",
    "declined",
    "delays",
    "described",
    "district",
    "diverted",
    "engineers",
    "estimated",
    "evening",
    "found",
    "in",
    "injuries",
    "inspectors",
    "loud",
    "mayor",
    "millions",
    "monday",
    "no",
    "noises",
    "northern",
    "officials",
    "on",
    "police",
    "promised",
    "repairs",
    "residents",
    "river",
    "said",
    "spokesperson",
    "supports",
    "the",
    "through",
    "to",
    "traffic",
    "two",
    "was",
    "weeks",
    "while",
    "within",
    "witnesses",
]
CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(18, 30))]
    return " ".join(words).capitalize() + "."


def synthetic_report(n_docs: int = 1000, seed: int = 7) -> Report:
    """A seeded report of ``n_docs`` documents of about 3 kB with claims, facts and provenance."""
    rng = random.Random(seed)
    n_facts = n_docs * 4
    fact_text = [_sentence(rng) for _ in range(n_facts)]
    family_of: list[int] = []
    families: list[list[int]] = []
    while len(family_of) < n_docs:
        size = min(rng.choice((1, 1, 1, 2, 3, 5)), n_docs - len(family_of))
        families.append(list(range(len(family_of), len(family_of) + size)))
        family_of.extend([len(families) - 1] * size)
    documents: list[Document] = []
    claims: list[Claim] = []
    fact_claims: dict[int, list[str]] = {}
    doc_facts: dict[int, list[int]] = {}
    for d in range(n_docs):
        origin = families[family_of[d]][0]
        if origin == d:
            # Zipf-like choice: a few facts are in many reports, most in one.
            common = {min(int(rng.paretovariate(0.8)) - 1, n_facts - 1) for _ in range(10)}
            picks = sorted(common | {rng.randrange(n_facts) for _ in range(20)})
        else:
            picks = [f for f in doc_facts[origin] if rng.random() > 0.15] + [rng.randrange(n_facts)]
        doc_facts[d] = picks
        parts: list[str] = []
        offset = 0
        doc_id = f"doc{d:04}"
        for k, f in enumerate(picks):
            text = fact_text[f]
            if origin != d and rng.random() < 0.3:
                words = text.split()
                words[rng.randrange(len(words))] = rng.choice(WORDS)
                text = " ".join(words)
            cid = f"{doc_id}-c{k}"
            claims.append(Claim(cid, doc_id, offset, offset + len(text), text, fact=f"f{f}"))
            fact_claims.setdefault(f, []).append(cid)
            parts.append(text)
            offset += len(text) + 1
        documents.append(
            Document(
                doc_id,
                " ".join(parts),
                f"Report {d} on the bridge",
                f"Outlet {d % 150}",
                published="2025-05-0" + str(1 + d % 9),
            )
        )
    docs_of_claim = {c.id: c.doc for c in claims}
    facts = []
    for f, cids in sorted(fact_claims.items()):
        docs = sorted({docs_of_claim[c] for c in cids})
        independent = len({family_of[int(doc[3:])] for doc in docs})
        status = "corroborated" if independent > 1 else "single_source"
        facts.append(Fact(f"f{f}", tuple(cids), tuple(docs), independent, status, fact_text[f][:80]))
    conflicts = []
    for n, fact in enumerate(f for f in facts if len(f.claims) > 2):
        if n >= 200:
            break
        conflicts.append(
            Conflict(
                f"x{n}", "number", (fact.claims[0], fact.claims[1]), ("12", "21"), "One says 12, one 21."
            )
        )
    quotes = [Quote(f"q{i}", d.id, 0, 40, d.text[:40], "a spokesperson") for i, d in enumerate(documents)]
    entities = [
        Entity(
            f"e{i}",
            f"Person {i}",
            "person",
            (f"Person {i}", f"P. {i}"),
            tuple(Mention(f"doc{(i * 7 + k) % n_docs:04}", 0, 5) for k in range(4)),
        )
        for i in range(500)
    ]
    timeline = [
        TimelineEntry(
            f"t{i}",
            When(f"2025-05-{1 + i % 28:02}T{i % 24:02}:00", None, "hour"),
            (claims[i * 7].id,),
            fact_text[i][:60],
            i % 13 == 0,
        )
        for i in range(300)
    ]
    edges = [
        Edge(
            f"doc{fam[0]:04}",
            f"doc{m:04}",
            rng.choice(("copy", "rewrite", "excerpt")),
            rng.uniform(0.3, 0.95),
        )
        for fam in families
        for m in fam[1:]
    ]
    return Report(
        documents=tuple(documents),
        claims=tuple(claims),
        facts=tuple(facts),
        conflicts=tuple(conflicts),
        quotes=tuple(quotes),
        entities=tuple(entities),
        timeline=tuple(timeline),
        provenance=Provenance(
            edges=tuple(edges), families=tuple(tuple(f"doc{m:04}" for m in fam) for fam in families)
        ),
    )


def browser_timings(path: Path, runs: int) -> dict[str, float]:
    """Median load time (navigation start → load event, and → lists built) and first click, in ms."""
    from playwright.sync_api import sync_playwright

    load, ready, click, requests = [], [], [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            seen: list[str] = []
            page.on("request", lambda r, seen=seen: seen.append(r.url))
            start = time.perf_counter()
            page.goto(path.resolve().as_uri(), wait_until="load")
            page.wait_for_selector("html[data-ready]")
            ready.append((time.perf_counter() - start) * 1000)
            load.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            start = time.perf_counter()
            page.click("#fact-list .fact-head")
            page.wait_for_selector("#fact-list .evidence .hl")
            click.append((time.perf_counter() - start) * 1000)
            requests.append(len(seen))
            page.close()
        browser.close()
    return {
        "load_event_ms": statistics.median(load),
        "ready_ms": statistics.median(ready),
        "first_click_ms": statistics.median(click),
        "requests": max(requests),
    }


def main() -> None:
    """Render the synthetic report, write it, and print size and timings."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("out/bench_report.html"))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    report = synthetic_report(args.docs)
    text_kb = sum(len(d.text) for d in report.documents) / 1024
    print(
        f"documents {len(report.documents)}  claims {len(report.claims)}  facts {len(report.facts)}  text {text_kb:,.0f} KiB"
    )
    start = time.perf_counter()
    page = to_html(report)
    render_s = time.perf_counter() - start
    start = time.perf_counter()
    markdown = to_markdown(report)
    md_s = time.perf_counter() - start
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, encoding="utf-8")
    size = args.out.stat().st_size
    print(f"to_html      {render_s:6.2f} s   {size / 1e6:6.2f} MB  -> {args.out}")
    print(f"to_markdown  {md_s:6.2f} s   {len(markdown.encode()) / 1e6:6.2f} MB")
    if args.no_browser:
        return
    timings = browser_timings(args.out, args.runs)
    print(
        f"chromium (median of {args.runs}): load event {timings['load_event_ms']:.0f} ms, lists built "
        f"{timings['ready_ms']:.0f} ms, first fact click → highlighted {timings['first_click_ms']:.0f} ms, "
        f"requests {timings['requests']} (the file itself)"
    )


if __name__ == "__main__":
    main()
