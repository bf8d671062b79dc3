"""Save a picture of an HTML report for the README: ``python benchmarks/screenshot.py REPORT.html OUT.png``.

Opens the report in Debian's chromium (headless), opens the best-supported fact so its source
sentences show highlighted in their reports, and saves the first screen.
"""

from __future__ import annotations

import argparse
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def screenshot(report_html: Path, out_png: Path, width: int = 1280, height: int = 1000) -> None:
    """Open ``report_html``, click the first fact and save a ``width``×``height`` screenshot to ``out_png``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(report_html.resolve().as_uri())
        page.wait_for_selector("html[data-ready]")
        first = page.locator("#fact-list .fact-head").first
        if first.count():
            first.click()
            page.evaluate("window.scrollTo(0, 0)")
        out_png.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(out_png))
        browser.close()
    if errors:
        raise SystemExit(f"{report_html}: the page raised errors: {errors}")


def main() -> None:
    """Command line: REPORT.html OUT.png."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1000)
    args = parser.parse_args()
    if not args.report.is_file():
        raise SystemExit(f"{args.report}: no such file")
    screenshot(args.report, args.out, args.width, args.height)
    print(f"saved {args.out}")


if __name__ == "__main__":
    main()
