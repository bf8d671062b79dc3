"""`consilience stream`: JSONL in, one JSONL line out per article; bad lines are named and skipped."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
from typer.testing import CliRunner

from consilience.cli import app

from .helpers import ELECTION, HARBOUR, HARBOUR_FOLLOW_UP, record


def _jsonl(*records: dict[str, object]) -> bytes:
    return b"".join(orjson.dumps(r) + b"\n" for r in records)


def _run_stream(args: list[str], stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    code = "from consilience.cli import app; app()"
    return subprocess.run(
        [sys.executable, "-c", code, "stream", *args],
        input=stdin,
        capture_output=True,
        timeout=120,
        check=False,
    )


def test_stream_prints_one_assignment_per_article_and_resumes(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 's.db'}"
    first = _run_stream(["--db", db], _jsonl(record("a", HARBOUR), record("b", ELECTION)))
    assert first.returncode == 0, first.stderr
    lines = [orjson.loads(x) for x in first.stdout.splitlines()]
    assert [x["article"] for x in lines] == ["a", "b"]
    assert lines[0]["new_story"] and lines[1]["new_story"] and lines[0]["story"] != lines[1]["story"]
    second = _run_stream(["--db", db], _jsonl(record("a", HARBOUR), record("c", HARBOUR_FOLLOW_UP)))
    again = [orjson.loads(x) for x in second.stdout.splitlines()]
    assert again[0] == lines[0]
    assert again[1]["story"] == lines[0]["story"] and not again[1]["new_story"]


def test_stream_names_a_bad_line_skips_it_and_exits_2(tmp_path: Path) -> None:
    stdin = _jsonl(record("a", HARBOUR)) + b"{not json\n" + _jsonl({"id": "b"}, record("c", ELECTION))
    result = _run_stream(["--db", f"sqlite:///{tmp_path / 's.db'}"], stdin)
    assert result.returncode == 2
    assert [orjson.loads(x)["article"] for x in result.stdout.splitlines()] == ["a", "c"]
    assert b"<stdin>:2" in result.stderr and b"<stdin>:3" in result.stderr
    assert b"Traceback" not in result.stderr


def test_stream_watch_reads_jsonl_files_of_a_folder(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "001.jsonl").write_bytes(_jsonl(record("a", HARBOUR)))
    (inbox / "002.jsonl").write_bytes(_jsonl(record("b", HARBOUR + " Subscribe to our newsletter.")))
    (inbox / "notes.txt").write_text("ignored")
    result = CliRunner().invoke(
        app, ["stream", "--db", f"sqlite:///{tmp_path / 's.db'}", "--watch", str(inbox), "--once"]
    )
    assert result.exit_code == 0, result.output
    lines = [orjson.loads(x) for x in result.stdout.splitlines()]
    assert [x["article"] for x in lines] == ["a", "b"]
    assert lines[1]["duplicate_of"] == "a"
