"""The HTML report in a real browser, used as a reader would: it loads alone, clicks work, hostile text stays text."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect
from render_fixtures import ARTIFACTS, PWN_SCRIPT, build_report

from consilience.model import Claim, Document, Fact, Report

pytestmark = [pytest.mark.browser, pytest.mark.slow, pytest.mark.xdist_group("browser")]


def _texts(root: Any, selector: str) -> list[str]:
    return root.locator(selector).all_text_contents()


def test_page_loads_alone_with_no_errors_and_saves_a_screenshot(open_report: Any) -> None:
    opened = open_report(build_report())
    page = opened.page
    assert opened.errors == []
    assert opened.requests == [opened.url], "the page asks for nothing but itself"
    assert page.text_content("#n-docs") == "5"
    assert page.text_content("#n-sources") == "3"
    assert page.locator("#fact-list .fact").count() == 8
    page.click("#fact-list .fact-head")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report.png"))
    assert (ARTIFACTS / "report.png").stat().st_size > 10_000
    assert opened.requests == [opened.url] and opened.errors == []


def test_clicking_a_fact_highlights_its_sentence_in_every_report(open_report: Any) -> None:
    report = build_report()
    page = open_report(report).page
    fact = page.locator("#fact-list .fact", has_text="The fire started in the engine room")
    fact.locator(".fact-head").click()
    cards = fact.locator(".evidence .card")
    assert cards.count() == 4
    claims = {c.id: c for c in report.claims}
    wanted = {
        claims[c].doc: claims[c].text for c in next(f for f in report.facts if f.id == "f-start").claims
    }
    for i in range(cards.count()):
        card = cards.nth(i)
        doc = report.documents[int(card.get_attribute("data-doc") or -1)].id
        # r1 starts with emoji: the highlight lands on the right characters only if offsets are converted.
        assert "".join(_texts(card, ".hl")) == wanted[doc]
        box = card.locator(".scroll").bounding_box()
        mark = card.locator(".hl").first.bounding_box()
        assert box and mark and box["y"] <= mark["y"] < box["y"] + box["height"], (
            f"{doc}: highlight scrolled into view"
        )
    assert fact.locator(".fact-head").get_attribute("aria-expanded") == "true"
    fact.locator(".fact-head").click()
    assert fact.locator(".evidence").count() == 0


def test_hostile_input_runs_no_script_and_shows_as_text(open_report: Any) -> None:
    opened = open_report(build_report(hostile=True))
    page = opened.page
    # Open everything that builds views from report text.
    for i in range(page.locator("#fact-list .fact-head").count()):
        page.locator("#fact-list .fact-head").nth(i).click()
    for i in range(page.locator("#report-list summary").count()):
        page.locator("#report-list summary").nth(i).click()
    for i in range(page.locator(".rewrite-pick button").count()):
        page.locator(".rewrite-pick button").nth(i).click()
    page.locator(".graph .node[data-doc='1']").click()
    assert page.locator("#reader").is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("typeof window.pwned") == "undefined"
    assert page.locator("img, iframe, object, embed, [onerror], [onload], [onmouseover]").count() == 0
    assert page.locator("a[href^='javascript' i]").count() == 0
    assert page.locator("#report-list a[href]").count() == 1, "only the one plain https URL became a link"
    assert PWN_SCRIPT in page.text_content("#report-list")
    assert PWN_SCRIPT in page.text_content("#entities")
    assert opened.errors == [] and opened.requests == [opened.url]


def test_conflict_shows_both_values_and_both_reports(open_report: Any) -> None:
    page = open_report(build_report()).page
    conflict = page.locator("#conflict-list .conflict-card")
    assert conflict.count() == 1
    assert _texts(conflict, ".side .value") == ["19:40", "20:40"]
    assert _texts(conflict, ".side mark.val") == ["19:40", "20:40"]
    assert "Nordic Wire" in conflict.locator(".side").nth(0).text_content()
    assert "Coast Times" in conflict.locator(".side").nth(1).text_content()
    conflict.locator(".side").nth(1).locator("button").click()
    assert (
        page.locator("#reader .hl")
        .text_content()
        .startswith("The fire started in the engine room at about 20:40")
    )


def test_clicking_a_graph_edge_shows_what_the_rewrite_changed(open_report: Any) -> None:
    page = open_report(build_report()).page
    page.locator(".graph .edge-copy").click()
    view = page.locator("#rewrite-view")
    assert "w1 → r2" in view.text_content()
    changed = view.locator("tr.changed")
    assert changed.count() == 1
    assert _texts(changed, "del") == ["19"] and _texts(changed, "ins") == ["20"]
    page.locator(".graph .edge-rewrite").click()
    assert view.locator("tr.added").count() == 2 and view.locator("tr.dropped").count() == 2
    assert "Captain Erik Dahl wept" in view.locator("tr.added").first.text_content()


def test_report_text_is_built_when_opened_with_boilerplate_greyed(open_report: Any) -> None:
    page = open_report(build_report()).page
    assert page.locator("#report-list .doc-text").count() == 0, "text views are built lazily"
    page.locator("#report-list details", has_text="Coast Times").locator("summary").click()
    text = page.locator("#report-list .doc-text")
    assert text.count() == 1
    assert _texts(text, ".removed") == [
        "READ MORE: Ten best ferry routes this summer",
        "Share this: Facebook | X | Email",
    ]
    assert text.locator(".claim.st-contested").count() == 1
    assert text.locator(".claim.st-corroborated").count() == 3
    grey = page.eval_on_selector("#report-list .removed", "e => getComputedStyle(e).textDecorationLine")
    assert "line-through" in grey
    text.locator(".claim.st-contested").click()
    assert "The fire started in the engine room" in page.locator("#reader .hl").text_content()


def test_search_and_keyboard_reach_a_fact(open_report: Any) -> None:
    page = open_report(build_report()).page
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search"
    page.keyboard.type("towed")
    expect(page.locator("#fact-list .fact")).to_have_count(1)
    assert "towed to port" in page.text_content("#fact-list")
    assert page.locator("#timeline-list tbody tr").count() == 1
    page.keyboard.press("Escape")
    expect(page.locator("#fact-list .fact")).to_have_count(8)
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    second = page.locator("#fact-list .fact").nth(1)
    assert second.locator(".evidence .card").count() == 4


def test_timeline_marks_conflicting_times(open_report: Any) -> None:
    page = open_report(build_report()).page
    rows = page.locator("#timeline-list tbody tr")
    assert _texts(page, "#timeline-list .tl-when time") == [
        "2025-03-04",
        "2025-03-04 19:40",
        "2025-03-05 06:00 – 12:00",
    ]
    assert rows.nth(1).locator(".badge", has_text="conflicting times").count() == 1
    assert rows.nth(0).locator(".badge").count() == 0


def test_print_hides_controls_and_shows_every_fact(open_report: Any) -> None:
    page = open_report(build_report()).page
    page.emulate_media(media="print")
    assert not page.locator(".toolbar").is_visible()
    assert page.locator("#fact-list .fact").first.is_visible()


def _luminance(rgb: list[float]) -> float:
    channels = [c / 255 for c in rgb[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_text_has_readable_contrast(open_report: Any) -> None:
    page = open_report(build_report()).page
    page.locator("#fact-list .fact-head").first.click()
    pairs = page.evaluate(
        """() => {
      const parse = s => (s.match(/[\\d.]+/g) || []).map(Number);
      const bg = el => { for (; el; el = el.parentElement) { const c = parse(getComputedStyle(el).backgroundColor);
        if (c.length === 3 || c[3] > 0.5) return c; } return [255, 255, 255]; };
      const sel = '.badge, .claim, .removed, .note, .toolbar a, .meta, .cite, .support small, ins, del, th';
      return Array.from(document.querySelectorAll(sel)).filter(e => e.textContent.trim())
        .map(e => [e.className || e.tagName, parse(getComputedStyle(e).color), bg(e)]);
    }"""
    )
    assert len(pairs) > 30
    low = []
    for name, fg, bg in pairs:
        lighter, darker = sorted((_luminance(fg), _luminance(bg)), reverse=True)
        ratio = (lighter + 0.05) / (darker + 0.05)
        if ratio < 4.5:
            low.append((name, round(ratio, 2)))
    assert low == []


def _many_documents(n: int) -> Report:
    documents = tuple(
        Document(f"d{i:04}", f"Report {i} says the bridge closed. It reopened later.") for i in range(n)
    )
    claims = tuple(
        Claim(f"d{i:04}-c0", f"d{i:04}", 0, 33, documents[i].text[:33], fact="f0") for i in range(n)
    )
    fact = Fact(
        "f0",
        tuple(c.id for c in claims),
        tuple(d.id for d in documents),
        n,
        "corroborated",
        "The bridge closed",
    )
    return Report(documents=documents, claims=claims, facts=(fact,))


def test_large_report_builds_views_only_when_asked(open_report: Any) -> None:
    opened = open_report(_many_documents(1000))
    page = opened.page
    assert page.locator("#report-list details").count() == 100, "the first hundred reports are listed"
    assert page.locator(".doc-text").count() == 0, "no report text is laid out before it is opened"
    page.locator("#report-list .more-button").click()
    assert page.locator("#report-list details").count() == 200
    page.locator("#fact-list .fact-head").click()
    assert page.locator("#fact-list .evidence .card").count() == 12, (
        "a fact in a thousand reports shows twelve first"
    )
    page.locator("#fact-list .evidence button", has_text="Show all 1000 reports").click()
    assert page.locator("#fact-list .evidence .card .hl").count() == 1000
    assert opened.errors == []
