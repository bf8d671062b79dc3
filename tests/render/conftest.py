"""Browser fixtures: Debian's chromium driven by Playwright (never a downloaded browser)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from consilience.model import Report
from consilience.render.html import to_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """A headless chromium for the session; missing chromium skips locally and fails in CI."""
    if not CHROMIUM.exists():
        message = f"chromium not found at {CHROMIUM} (install it with: apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@dataclass
class OpenedReport:
    """A report page open in the browser, with what it asked the network for and what went wrong."""

    page: Any
    url: str
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def open_report(browser: Any, tmp_path: Path) -> Iterator[Any]:
    """Write a report's HTML to a file and open it the way a reader would (file:// URL)."""
    pages: list[Any] = []

    def opener(report: Report, name: str = "report.html") -> OpenedReport:
        path = tmp_path / name
        path.write_text(to_html(report), encoding="utf-8")
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        pages.append(page)
        opened = OpenedReport(page, path.as_uri())
        page.on("request", lambda request: opened.requests.append(request.url))
        page.on("console", lambda msg: opened.errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.goto(opened.url)
        page.wait_for_selector("html[data-ready]")
        return opened

    yield opener
    for page in pages:
        page.close()
