"""The HTML report as a file: self-contained, deterministic, safe with hostile input, graph and diffs right."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st
from render_fixtures import PWN_IMG, PWN_SCRIPT, R1, build_report

from consilience.model import Document, Edge, Provenance, Report, When
from consilience.render.html import embed_json, page_data, safe_url, to_html, when_label, word_diff


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the raw text of each script and style block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.blocks: list[tuple[str, dict[str, str | None], str]] = []
        self._open: tuple[str, dict[str, str | None]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in ("script", "style"):
            self._open = (tag, dict(attrs))

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.blocks.append((*self._open, data))
            self._open = None


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


def _data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="consilience-data">(.*?)</script>', page, re.S)
    assert match, "the page embeds its data"
    return json.loads(match.group(1))


def _sha(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_same_report_gives_byte_identical_page() -> None:
    assert to_html(build_report()) == to_html(build_report())


def test_page_refers_to_nothing_outside_itself() -> None:
    tags = _parse(to_html(build_report())).tags
    names = {tag for tag, _ in tags}
    assert not names & {"link", "img", "iframe", "object", "embed", "base", "form"}
    assert all("src" not in attrs for _, attrs in tags)
    # The shell links only to its own sections; report URLs become links in the script, after checking.
    assert all((attrs.get("href") or "#").startswith("#") for _, attrs in tags)
    page = to_html(build_report())
    assert "@import" not in page
    assert set(re.findall(r"url\(([^)]*)\)", page)) <= {"#arrow"}


def test_content_security_policy_allows_exactly_the_inline_code() -> None:
    page = to_html(build_report())
    parsed = _parse(page)
    meta = [a for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert len(meta) == 1
    policy = meta[0]["content"] or ""
    assert "default-src 'none'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    code = [text for tag, attrs, text in parsed.blocks if tag == "script" and "type" not in attrs]
    style = [text for tag, _, text in parsed.blocks if tag == "style"]
    assert len(code) == 1 and len(style) == 1
    assert f"script-src {_sha(code[0])}" in policy
    assert f"style-src {_sha(style[0])}" in policy
    # The policy must come before the first style or script, or it would not cover them.
    assert page.index("Content-Security-Policy") < page.index("<style>")


def test_hostile_text_cannot_close_the_data_block() -> None:
    page = to_html(build_report(hostile=True))
    assert len(re.findall(r"<script", page, re.I)) == 2
    assert len(re.findall(r"</script", page, re.I)) == 2
    data = _data(page)
    texts = [d["text"] for d in data["docs"]]
    assert any(PWN_SCRIPT in t and "\u2028" in t for t in texts), (
        "hostile text survives the round trip unaltered"
    )


def test_embed_json_escapes_every_closing_character() -> None:
    value = {"a": "</script><!-- & \u2028\u2029 >"}
    embedded = embed_json(value)
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert json.loads(embedded) == value


def test_hostile_strings_are_escaped_in_the_page_shell() -> None:
    page = to_html(build_report(hostile=True))
    shell = re.sub(r'<script type="application/json".*?</script>', "", page, flags=re.S)
    tags = _parse(shell).tags
    assert not {t for t, _ in tags} & {"img", "iframe", "object", "embed"}
    assert [t for t, a in tags if any(name.startswith("on") for name in a)] == []
    assert "javascript:" not in shell
    assert "&lt;/script&gt;&lt;script&gt;window.pwned=1&lt;/script&gt;" in shell  # the title, shown as text


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a?b=1", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JavaScript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>", False),
        ("https://example.org/\"onmouseover='x'", False),
        ("//example.org/x", False),
        ("https:///nohost", False),
        (None, False),
    ],
)
def test_only_plain_http_urls_are_linkable(url: str | None, linked: bool) -> None:
    assert (safe_url(url) is not None) == linked


def test_hostile_document_urls_are_not_links() -> None:
    data = _data(to_html(build_report(hostile=True)))
    hrefs = {d["id"]: d["href"] for d in data["docs"]}
    assert hrefs["r1"] is None and hrefs["i1"] is None
    assert hrefs["w1"] == "https://wire.example/ferry"


def test_header_counts_reports_independent_sources_and_families() -> None:
    page = to_html(build_report())
    assert re.search(r'id="n-docs">5<', page)
    assert re.search(r'id="n-sources">3<', page)
    assert "one source, 3 reports: w1 (Nordic Wire), r1 (Daily Buzz), r2 (Coast Times)" in page


def _node_x(page: str) -> dict[int, int]:
    return {
        int(doc): int(x)
        for doc, x in re.findall(
            r'<g class="node [^"]*" data-doc="(\d+)"[^>]*><title>[^<]*</title><rect x="(\d+)"', page
        )
    }


def test_graph_puts_the_origin_before_its_copies_with_labelled_edges() -> None:
    page = to_html(build_report())
    x = _node_x(page)
    assert len(x) == 5
    assert x[0] < x[1] and x[0] < x[2], "w1 (index 0) is drawn left of r1 and r2 that derive from it"
    assert ">copy 0.91<" in page and ">rewrite 0.62<" in page
    assert ">Harbour Gazette<" in page, "an outlet cited from outside the set is drawn"
    assert 'class="node fam-0"' in page and 'class="node fam-none"' in page


def test_large_graph_draws_linked_reports_and_says_how_many_it_left_out() -> None:
    docs = tuple(Document(f"d{i:03}", f"Report number {i}.") for i in range(100))
    report = Report(
        documents=docs,
        provenance=Provenance(
            edges=(Edge("d000", "d001", "copy", 0.9), Edge("d000", "d002", "rewrite", 0.5))
        ),
    )
    page = to_html(report)
    assert len(_node_x(page)) == 3
    assert "97 reports with no provenance link not drawn" in page


def test_rewrite_diff_pairs_claims_by_fact_and_marks_words() -> None:
    report = build_report()
    data = page_data(report)
    by_pair = {(data["docs"][r["a"]]["id"], data["docs"][r["b"]]["id"]): r["rows"] for r in data["rewrites"]}
    rewrite = by_pair[("w1", "r1")]
    kinds = [row[0] for row in rewrite]
    assert kinds.count("added") == 2 and kinds.count("dropped") == 2 and kinds.count("changed") == 3
    added = [report.claims[row[2]].id for row in rewrite if row[0] == "added"]
    assert added == ["r1-c3", "r1-c4"], "the invented scene and the fabricated quote are added, in order"
    copy = by_pair[("w1", "r2")]
    changed = [row for row in copy if row[0] == "changed"]
    assert len(changed) == 1
    assert ["~", "19", "20"] in changed[0][3]
    assert [row[0] for row in copy].count("dropped") == 1  # the operator's statement


@given(st.text(max_size=60), st.text(max_size=60))
def test_word_diff_rebuilds_both_sides(a: str, b: str) -> None:
    ops = word_diff(a, b)
    old = "".join(op[1] for op in ops if op[0] in "=-~")
    new = "".join(op[2] if op[0] == "~" else op[1] for op in ops if op[0] in "=+~")
    assert (old, new) == (a, b)


def test_claim_spans_reach_the_page_as_python_offsets() -> None:
    report = build_report()
    data = page_data(report)
    r1 = next(i for i, d in enumerate(data["docs"]) if d["id"] == "r1")
    embellished = data["claim_statuses"].index("embellished")
    _doc, start, end = next(c[:3] for c in data["claims"] if c[0] == r1 and c[4] == embellished)
    assert R1[start:end].startswith("Captain Erik Dahl")


def test_claims_are_coloured_by_status() -> None:
    report = build_report()
    data = page_data(report)
    statuses = {
        c.id: data["claim_statuses"][row[4]] for c, row in zip(report.claims, data["claims"], strict=True)
    }
    assert statuses["w1-c1"] == "corroborated"
    assert statuses["w1-c5"] == "single_source"
    assert statuses["r2-c3"] == "contested"
    assert statuses["r1-c3"] == "embellished"


@pytest.mark.parametrize(
    ("when", "label"),
    [
        (When("2025-03-04", None, "day"), "2025-03-04"),
        (When("2025-03-04T19:40:00", None, "minute"), "2025-03-04 19:40"),
        (When("2025-03-05T06:00", "2025-03-05T12:00", "hour"), "2025-03-05 06:00 – 12:00"),
        (When("2025-03-07", "2025-03-08", "day"), "2025-03-07 – 2025-03-08"),
        (When("2025-03", None, "month"), "2025-03"),
        # part of a month ("late March"): the days, not "2025-03 – 2025-03"
        (When("2025-03-21", "2025-03-31", "month"), "2025-03-21 – 2025-03-31"),
        (When("2025-01", "2025-06", "month"), "2025-01 – 2025-06"),
    ],
)
def test_timeline_dates_are_as_precise_as_known(when: When, label: str) -> None:
    assert when_label(when) == label


def test_empty_report_renders() -> None:
    page = to_html(Report(documents=()))
    assert 'id="n-docs">0<' in page
    assert PWN_IMG not in page
