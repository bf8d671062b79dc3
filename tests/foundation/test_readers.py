"""Readers on small files a user would hand over: every format, folders, globs, stdin, ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from consilience.errors import InputNote
from consilience.ingest.readers import read_inputs

from .helpers import run_cli

STORY = (
    "A container crane collapsed at the northern harbour of Port Elwin on Tuesday night, "
    "the port authority said.\n"
    "Two dock workers were taken to hospital with minor injuries, according to the fire service.\n"
)

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour crane collapses in storm | The Coastal Ledger</title>
<meta property="og:title" content="Harbour crane collapses in storm"></head>
<body>
<header><nav><ul>
<li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/subscribe">Subscribe now for unlimited access</a></li>
</ul></nav></header>
<main><article>
<h1>Harbour crane collapses in storm</h1>
<p class="byline">By Jane Okafor</p>
<p>A container crane collapsed at the northern harbour of Port Elwin on Tuesday night as winds of more
than 120 kilometres an hour swept the coast, the port authority said.</p>
<p>Two dock workers were taken to hospital with minor injuries, according to a spokesperson for the
regional fire service. Nobody else was hurt.</p>
<p>Shipping was suspended until Thursday morning while engineers inspected the remaining cranes,
officials said.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Celebrity chef opens a floating restaurant</a></li></ul></aside>
<footer><p>© 2025 The Coastal Ledger. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/cookies">Cookie settings</a></footer>
</body></html>
"""


def _record(doc_id: str, text: str = STORY, **extra: str) -> dict[str, str]:
    return {"id": doc_id, "text": text, **extra}


def test_a_text_file_is_read_unchanged_with_its_stem_as_id(tmp_path: Path) -> None:
    path = tmp_path / "port-elwin.txt"
    raw = "Crane collapse\r\n\r\n" + STORY.replace("\n", "\r\n") + "\tIndented line.\n"
    path.write_bytes(raw.encode("utf-8"))
    result = read_inputs([path])
    assert result.problems == ()
    (doc,) = result.documents
    assert doc.id == "port-elwin"
    assert doc.text == raw  # CRLF and tabs kept: offsets index exactly what was read


def test_markdown_is_read_as_written(tmp_path: Path) -> None:
    raw = "# Crane collapse\n\n*Port Elwin* — " + STORY + "\n- first point\n- second point\n"
    (tmp_path / "notes.md").write_text(raw, encoding="utf-8")
    (doc,) = read_inputs([tmp_path / "notes.md"]).documents
    assert (doc.id, doc.text) == ("notes", raw)


def test_html_gives_the_article_text_without_navigation_or_footer(tmp_path: Path) -> None:
    (tmp_path / "ledger.html").write_text(PAGE, encoding="utf-8")
    result = read_inputs([tmp_path / "ledger.html"])
    assert result.problems == ()
    (doc,) = result.documents
    assert doc.id == "ledger"
    assert doc.title == "Harbour crane collapses in storm"
    assert "A container crane collapsed at the northern harbour of Port Elwin" in doc.text
    assert "Shipping was suspended until Thursday morning" in doc.text
    for chrome in ("Home", "Subscribe now", "Privacy policy", "Cookie settings", "All rights reserved"):
        assert chrome not in doc.text, chrome
    assert "<p>" not in doc.text


def test_a_json_record_and_a_json_list_of_records(tmp_path: Path) -> None:
    one = _record(
        "ledger-2025-03-04", title="Crane collapse", outlet="The Coastal Ledger", url="https://x.test/a"
    )
    (tmp_path / "one.json").write_text(json.dumps(one), encoding="utf-8")
    many = [_record("wire-1"), {"text": "Second report without an id. It still counts as a report here."}]
    (tmp_path / "many.json").write_text(json.dumps(many), encoding="utf-8")
    result = read_inputs([tmp_path / "one.json", tmp_path / "many.json"])
    assert result.problems == ()
    first, second, third = result.documents
    assert (first.id, first.title, first.outlet, first.url) == (
        "ledger-2025-03-04",
        "Crane collapse",
        "The Coastal Ledger",
        "https://x.test/a",
    )
    assert first.text == STORY
    assert second.id == "wire-1"
    assert third.id == "many-2"  # no id: file stem and position in the list


def test_jsonl_records_one_per_line(tmp_path: Path) -> None:
    lines = [json.dumps(_record("a")), "", json.dumps({"text": STORY + "More."})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_inputs([tmp_path / "feed.jsonl"])
    assert result.problems == ()
    assert [d.id for d in result.documents] == ["a", "feed-3"]  # no id: stem and line number
    assert result.documents[1].text == STORY + "More."


def test_a_folder_is_read_recursively_skipping_other_files(tmp_path: Path) -> None:
    (tmp_path / "b" / "deep").mkdir(parents=True)
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "deep" / "c.md").write_text(STORY, encoding="utf-8")
    (tmp_path / "b" / "figures.csv").write_text("x,y\n1,2\n", encoding="utf-8")
    (tmp_path / "b" / ".hidden.txt").write_text(STORY, encoding="utf-8")
    result = read_inputs([tmp_path])
    assert result.problems == ()
    assert [d.id for d in result.documents] == ["a", "c"]


def test_a_glob_pattern_selects_files(tmp_path: Path) -> None:
    for name in ("day1.txt", "day2.txt", "summary.md"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    result = read_inputs([str(tmp_path / "day*.txt")])
    assert [d.id for d in result.documents] == ["day1", "day2"]
    missing = read_inputs([str(tmp_path / "nothing*.txt")])
    assert missing.documents == ()
    assert "no file matches" in missing.problems[0].problem


def test_duplicate_ids_are_renamed_with_a_note(tmp_path: Path) -> None:
    for folder in ("monday", "tuesday"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(STORY, encoding="utf-8")
    result = read_inputs([tmp_path / "monday" / "report.txt", tmp_path / "tuesday" / "report.txt"])
    assert [d.id for d in result.documents] == ["report", "report~2"]
    (note,) = result.problems
    assert isinstance(note, InputNote)
    assert "tuesday" in note.source and "renamed" in note.problem


@pytest.mark.xdist_group("foundation-cli")
def test_jsonl_records_on_stdin_through_the_cli(tmp_path: Path) -> None:
    feed = "\n".join(json.dumps(_record(f"wire-{n}", STORY + f"Update {n}.")) for n in (1, 2)) + "\n"
    out = tmp_path / "out.json"
    result = run_cli(["analyze", "-", "-o", out, "-q"], cwd=tmp_path, stdin=feed.encode("utf-8"))
    assert result.code == 0, result.stderr
    report = json.loads(out.read_bytes())
    assert [d["id"] for d in report["documents"]] == ["wire-1", "wire-2"]
    assert report["documents"][1]["text"] == STORY + "Update 2."


def test_a_file_named_twice_or_by_overlapping_folder_and_glob_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(STORY + "More.", encoding="utf-8")
    inputs = [tmp_path / "a.txt", tmp_path, str(tmp_path / "**" / "*.txt"), tmp_path / "sub" / ".." / "a.txt"]
    result = read_inputs(inputs)
    assert [d.id for d in result.documents] == ["a", "b"]
    assert result.problems == ()


def test_a_utf8_byte_order_mark_is_not_part_of_the_text(tmp_path: Path) -> None:
    # Windows editors save UTF-8 with a BOM; it must not open the title or the first sentence
    (tmp_path / "notepad.txt").write_bytes(b"\xef\xbb\xbf" + ("Crane collapse\n" + STORY).encode("utf-8"))
    (doc,) = read_inputs([tmp_path / "notepad.txt"]).documents
    assert doc.text == "Crane collapse\n" + STORY


@pytest.mark.parametrize(
    ("given", "published"),
    [
        ("2025-03-03", "2025-03-03"),
        ("2025-03-03T10:00:00Z", "2025-03-03T10:00:00Z"),
        ("3 March 2025", "2025-03-03"),
        ("Mon, 03 Mar 2025 10:00:00 GMT", "2025-03-03"),
        ("yesterday", "yesterday"),  # not a date: kept rather than lost
    ],
)
def test_a_records_publication_date_is_iso(tmp_path: Path, given: str, published: str) -> None:
    # the publication date anchors "on Saturday" to a calendar day, which needs it in ISO
    (tmp_path / "r.json").write_text(json.dumps(_record("r", published=given)), encoding="utf-8")
    (doc,) = read_inputs([tmp_path / "r.json"]).documents
    assert doc.published == published
