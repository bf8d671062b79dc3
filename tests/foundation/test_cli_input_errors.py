"""Bad input through the command line: exit 2, a message naming the file and the problem, never a traceback.

Runs the installed `consilience` in a subprocess, as a user would. Runs with nothing readable stop before
any model loads (under a second each); the runs that analyse something use tiny reports.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from consilience.ingest.readers import read_inputs

from .helpers import CliResult, run_cli

pytestmark = pytest.mark.xdist_group("foundation-cli")

STORY = (
    "The river ferry between Odessby and Kalm ran aground on a sandbank on Saturday morning, the operator said.\n"
    "All 43 passengers were taken ashore by lifeboat within two hours, according to the coastguard.\n"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00\x1f\xf3\xffa"


def _empty(d: Path) -> Path:
    path = d / "empty.txt"
    path.write_bytes(b"")
    return path


def _blank(d: Path) -> Path:
    path = d / "blank.md"
    path.write_bytes(b"  \n\n\t\n")
    return path


def _png(d: Path) -> Path:
    path = d / "photo.txt"  # a picture saved with the wrong extension
    path.write_bytes(PNG + bytes(range(256)) * 4)
    return path


def _garbage(d: Path) -> Path:
    # high bytes only, no control characters: not obviously binary, yet no encoding makes text of it
    path = d / "garbage.txt"
    path.write_bytes(bytes((0x80 + (n * 37) % 0x7F) for n in range(3000)))
    return path


def _empty_folder(d: Path) -> Path:
    folder = d / "inbox"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "figures.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return folder


def _bad_json(d: Path) -> Path:
    path = d / "records.json"
    path.write_text('{\n  "id": "a",\n  "text": "A report.",\n  "title": \n}\n', encoding="utf-8")
    return path


def _missing(d: Path) -> Path:
    return d / "no-such-report.txt"


def _unsupported(d: Path) -> Path:
    path = d / "story.docx"
    path.write_bytes(b"PK\x03\x04" + bytes(200))
    return path


CASES: dict[str, tuple[Callable[[Path], Path], tuple[str, ...]]] = {
    "empty file": (_empty, ("empty",)),
    "whitespace only": (_blank, ("empty",)),
    "png bytes": (_png, ("binary",)),
    "undecodable bytes": (_garbage, ("UTF-8",)),
    "folder without reports": (_empty_folder, ("no readable reports",)),
    "malformed json": (_bad_json, ("malformed JSON", "line 5")),
    "missing path": (_missing, ("no such file",)),
    "unsupported type": (_unsupported, ("unsupported file type", ".docx")),
}


def _assert_clean_failure(result: CliResult, *expected: str) -> None:
    assert result.code == 2, (result.code, result.stderr)
    assert "Traceback" not in result.stderr
    for words in expected:
        assert words in result.message, (words, result.stderr)


@pytest.mark.parametrize("case", sorted(CASES))
def test_unusable_input_is_refused_with_file_and_problem(case: str, tmp_path: Path) -> None:
    make, problem_words = CASES[case]
    path = make(tmp_path)
    out = tmp_path / "report.json"
    result = run_cli(["analyze", path, "-o", out], cwd=tmp_path)
    _assert_clean_failure(result, str(path), *problem_words)
    assert not out.exists(), "no report is written when nothing could be read"
    assert result.stdout == b""


def test_a_long_path_is_printed_whole_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / ("a-folder-with-a-rather-long-name-" * 3)
    folder.mkdir()
    path = _empty(folder)
    result = run_cli(["analyze", path], cwd=tmp_path)
    _assert_clean_failure(result)
    assert str(path) in result.stderr, result.stderr  # not folded at the terminal width


def test_a_single_latin1_report_is_analysed_with_a_note(tmp_path: Path) -> None:
    text = (
        "Le président de la région a déclaré que le pont de Sainte-Cécile serait fermé jusqu'à lundi.\n"
        "Selon les pompiers, deux maçons ont été blessés lors de l'effondrement à Genève.\n"
    )
    path = tmp_path / "région.txt"
    path.write_bytes(text.encode("cp1252"))
    out = tmp_path / "report.json"
    result = run_cli(["analyze", path, "-o", out], cwd=tmp_path)
    assert result.code == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert str(path) in result.message and "not UTF-8" in result.message
    report = json.loads(out.read_bytes())
    (doc,) = report["documents"]
    assert doc["id"] == "région"
    assert doc["text"] == text  # decoded, so offsets index characters, not cp1252 bytes
    assert report["claims"], "the report's sentences are analysed"
    for claim in report["claims"]:
        assert doc["text"][claim["start"] : claim["end"]] == claim["text"]
    assert any("é" in c["text"] for c in report["claims"])
    assert any("not UTF-8" in p for p in report["problems"])


def _huge_text_file(path: Path, size: int) -> None:
    """A file of ``size`` bytes that starts like text; the rest is a sparse hole, so it is quick to make."""
    with path.open("wb") as fh:
        fh.write((STORY * 80).encode("utf-8"))
        fh.seek(size - 1)
        fh.write(b"\n")


def test_a_50_mb_file_is_refused_quickly(tmp_path: Path) -> None:
    path = tmp_path / "dump.txt"
    _huge_text_file(path, 50 * 1024 * 1024)
    began = time.perf_counter()
    result = read_inputs([path])
    elapsed = time.perf_counter() - began
    assert result.documents == ()
    (problem,) = result.problems
    assert problem.source == str(path) and "more than" in problem.problem
    assert elapsed < 5, f"refusing a 50 MB file took {elapsed:.1f} s"


def test_mixed_good_and_bad_inputs_report_the_good_and_exit_2(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "ferry.txt").write_text(STORY, encoding="utf-8")
    (inbox / "ferry-update.md").write_text(
        "# Ferry refloated\n\nThe ferry was refloated on Sunday evening, the operator said.\n",
        encoding="utf-8",
    )
    feed = [
        json.dumps({"id": "wire-1", "text": STORY}),
        '{"id": "wire-2", "text": "cut off',
        json.dumps({"id": "wire-3", "text": "The coastguard said the sandbank had shifted after the storm."}),
    ]
    (inbox / "feed.jsonl").write_text("\n".join(feed) + "\n", encoding="utf-8")
    empty, png = _empty(inbox), _png(inbox)
    huge = inbox / "dump.txt"
    _huge_text_file(huge, 50 * 1024 * 1024)
    missing = tmp_path / "gone.txt"
    out = tmp_path / "report.json"

    result = run_cli(["analyze", inbox, missing, "-o", out], cwd=tmp_path)

    _assert_clean_failure(
        result, str(empty), str(png), str(huge), str(missing), f"{inbox / 'feed.jsonl'}, line 2"
    )
    report = json.loads(out.read_bytes())
    # files in path order (feed.jsonl, ferry-update.md, ferry.txt); the malformed line alone is dropped
    assert [d["id"] for d in report["documents"]] == ["wire-1", "wire-3", "ferry-update", "ferry"]
    problems = " ".join(report["problems"])
    for bad in (empty, png, huge, missing):
        assert str(bad) in problems, bad
    assert "line 2" in problems
