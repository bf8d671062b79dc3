"""One analysis, several formats: `analyze -o report.json --also report.md --also report.html`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest

CLI = [sys.executable, "-m", "consilience.cli"]
STORY = {
    "a.txt": "Rescue teams reached the flooded town of Oskel on Monday, the governor said.\n"
    "About 3,000 residents left their homes as the river rose, officials said.\n",
    "b.txt": "The governor said rescuers got to Oskel on Monday after the river burst its banks.\n"
    "Officials said some 3,000 people had fled.\n",
}


@pytest.fixture
def story(tmp_path: Path) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, text in STORY.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_also_writes_every_format_from_one_analysis(story: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["analyze", str(story), "-q", "-o", str(out / "r.json"), "--also", str(out / "r.md")]
    done = subprocess.run([*CLI, *args, "--also", str(out / "r.html")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    report = orjson.loads((out / "r.json").read_bytes())
    assert [d["id"] for d in report["documents"]] == ["a", "b"]
    assert (out / "r.html").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert "Oskel" in (out / "r.md").read_text(encoding="utf-8")


def test_also_with_an_unknown_suffix_is_a_usage_error(story: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [
            *CLI,
            "analyze",
            str(story),
            "-q",
            "-o",
            str(tmp_path / "r.json"),
            "--also",
            str(tmp_path / "r.pdf"),
        ],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert "r.pdf" in done.stderr and "Traceback" not in done.stderr
