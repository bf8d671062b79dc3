"""The Markdown report: what a reader of an e-mail or wiki page needs, in order, and hostile text kept inert."""

from __future__ import annotations

import re
from dataclasses import replace

from render_fixtures import build_report

from consilience.model import Claim, Document, Fact, Report
from consilience.render.markdown import md_text, to_markdown


def _section(text: str, title: str) -> str:
    start = text.index(f"## {title}\n")
    end = text.find("\n## ", start + 1)
    return text[start : end if end >= 0 else len(text)]


def test_same_report_gives_identical_markdown() -> None:
    assert to_markdown(build_report()) == to_markdown(build_report())


def test_header_counts_and_families() -> None:
    text = to_markdown(build_report())
    assert (
        "**5 reports · 3 independent sources · 8 facts (4 corroborated, 1 contested) · 1 conflict**" in text
    )
    families = _section(text, "Families")
    assert "- One source, 3 reports: `w1` (Nordic Wire), `r1` (Daily Buzz), `r2` (Coast Times)" in families
    assert "- Independent: `i1` (Island Post)" in families
    assert "Harbour Gazette" in families
    assert "- `w1` (Nordic Wire) → `r2` (Coast Times): copy (0.91)" in families


def test_facts_ranked_by_independent_support_with_every_source_sentence() -> None:
    facts = _section(to_markdown(build_report()), "Facts, by independent support")
    heads = re.findall(r"^\d+\. \*\*([a-z ]+), (\d) independent sources?\*\*", facts, re.M)
    assert len(heads) == 8
    assert [int(n) for _, n in heads] == sorted((int(n) for _, n in heads), reverse=True)
    assert heads[-1] == ("single source", "1")
    fire = facts[facts.index("caught fire off Varnholm on Tuesday evening\n") :]
    assert fire.count("\n   - ") >= 4
    assert "`i1` (Island Post): “Fire broke out aboard the ferry Nordlys near Varnholm on Tuesday”" in fire
    assert "— embellishment, single source" in facts


def test_conflicts_name_both_values_and_both_reports() -> None:
    conflicts = _section(to_markdown(build_report()), "Conflicts")
    assert "- **time**: The wire report says the fire started at 19:40; the copy says 20:40." in conflicts
    assert "  - **19:40** in `w1` (Nordic Wire):" in conflicts
    assert "  - **20:40** in `r2` (Coast Times):" in conflicts
    assert "introduced by the rewrite `r2`" in conflicts


def test_timeline_quotes_entities() -> None:
    text = to_markdown(build_report())
    timeline = _section(text, "Timeline").splitlines()
    dated = [line for line in timeline if line.startswith("- **")]
    assert [line.split("**")[1] for line in dated] == [
        "2025-03-04",
        "2025-03-04 19:40",
        "2025-03-05 06:00 – 12:00",
    ]
    assert dated[1].endswith("**conflicting times**") and not dated[0].endswith("**conflicting times**")
    quotes = _section(text, "Quotes")
    assert (
        "- **fabricated**: “The engine room exploded like a bomb,” — a crew member (`r1` (Daily Buzz))"
        in quotes
    )
    entities = _section(text, "People, places, organisations")
    assert "- **Lina Berg** (person); also written Berg — 3 mentions in 3 reports" in entities


def test_hostile_text_stays_text() -> None:
    text = to_markdown(build_report(hostile=True))
    assert re.search(r"(?<!\\)<", text.replace("<https://wire.example/ferry>", "")) is None, (
        "every < is escaped"
    )
    assert "](" not in text and "<javascript" not in text, "no link can be formed from report text"
    assert "\u2028" not in text
    assert "<https://wire.example/ferry>" in text


def test_md_text_escapes_markup_and_folds_lines() -> None:
    assert md_text("a *b* [c](javascript:x) <i>\n# d") == r"a \*b\* \[c\](javascript:x) \<i\> \# d"
    assert md_text(None) == ""


def test_empty_report() -> None:
    text = to_markdown(Report(documents=(Document("a", "Nothing here."),)))
    assert "**1 report · 1 independent source · 0 facts" in text
    assert "No facts found." in text


def test_fact_told_by_one_sentence_takes_one_line() -> None:
    text = "The mayor resigned on Friday."
    claim = Claim("a-c1", "a", 0, len(text), text, flags=("single_source",), fact="f1")
    fact = Fact("f1", ("a-c1",), ("a",), 1, "single_source", "The mayor resigned on Friday")
    facts = _section(
        to_markdown(
            Report(documents=(Document("a", text, outlet="Town Crier"),), claims=(claim,), facts=(fact,))
        ),
        "Facts, by independent support",
    )
    assert (
        "1. **single source, 1 independent source**: The mayor resigned on Friday — `a` (Town Crier) — single source\n"
        in facts
    )
    assert facts.count("The mayor resigned") == 1


def test_a_pronoun_speaker_reads_in_its_object_form() -> None:
    text = "The pier was closed on Monday, she said."
    doc = Document(id="d1", text=text)
    claim = Claim("d1:c1", "d1", 0, len(text), text, "she", False, (), "F001")
    fact = Fact("F001", ("d1:c1",), ("d1",), 1, "single_source", text)
    out = to_markdown(Report(documents=(doc,), claims=(claim,), facts=(fact,)))
    assert "— according to her" in out
    assert "according to she" not in out


def test_a_conflict_line_says_its_kind_once() -> None:
    report = build_report()
    first = report.conflicts[0]
    labelled = replace(
        first, explanation=f"{first.kind}: w1 (Nordic Wire) says 19:40, r2 (Coast Times) says 20:40"
    )
    text = _section(to_markdown(replace(report, conflicts=(labelled,))), "Conflicts")
    assert f"- **{first.kind}**: w1 (Nordic Wire) says 19:40" in text
    assert f"**{first.kind}**: {first.kind}:" not in text
