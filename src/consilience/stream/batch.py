"""Batch mode: many stories at once, one report per story, on any engine (local or Ray).

Input is a folder of story folders (each sub-folder is one story, read like ``analyze``) or a
JSONL/JSON file of records with a ``story`` field. With several stories the engine runs whole
stories as tasks; with one story it runs that story's per-document stage in parallel. Either
way the bytes written are those of the local engine.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import orjson

from consilience.engines.local import Engine, LocalEngine
from consilience.errors import InputError
from consilience.ingest.readers import document_from_record, read_inputs
from consilience.model import Document, Report

FORMATS = {"json": "json", "md": "md", "html": "html"}


@dataclass(frozen=True)
class StoryJob:
    """One story to analyse: its documents, the input problems met while reading it, the output format."""

    story: str
    documents: tuple[Document, ...]
    problems: tuple[str, ...] = ()
    fmt: str = "json"


def render(report: Report, fmt: str) -> bytes:
    """Return ``report`` rendered as json, md or html (bytes, UTF-8)."""
    if fmt == "json":
        from consilience.render.json import to_json

        return to_json(report)
    if fmt == "md":
        from consilience.render.markdown import to_markdown

        return to_markdown(report).encode("utf-8")
    if fmt == "html":
        from consilience.render.html import to_html

        return to_html(report).encode("utf-8")
    raise InputError("--format", f'unknown format "{fmt}" (choose json, md or html)')


def analyse_story(job: StoryJob, engine: Engine | None = None) -> bytes:
    """Analyse one story and return its rendered report (a pure, picklable task)."""
    from consilience.pipeline import analyze_documents

    report = analyze_documents(job.documents, engine=engine or LocalEngine(), problems=job.problems)
    return render(report, job.fmt)


def _records(path: Path) -> list[tuple[str, dict[str, object]]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        try:
            data = orjson.loads(text)
        except orjson.JSONDecodeError as exc:
            raise InputError(str(path), f"not valid JSON ({exc})") from None
        items = data if isinstance(data, list) else [data]
        return [(f"{path}:{i + 1}", item) for i, item in enumerate(items)]
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                out.append((f"{path}:{number}", orjson.loads(line)))
            except orjson.JSONDecodeError as exc:
                raise InputError(f"{path}:{number}", f"not valid JSON ({exc})") from None
    return out


def read_stories(source: Path, fmt: str = "json") -> list[StoryJob]:
    """Return the stories in ``source`` (story folders, or records with a "story" field), sorted by story id."""
    if fmt not in FORMATS:
        raise InputError("--format", f'unknown format "{fmt}" (choose json, md or html)')
    if not source.exists():
        raise InputError(str(source), "no such file or folder")
    grouped: dict[str, list[Document]] = {}
    problems: dict[str, list[str]] = {}
    files = (
        [source]
        if source.is_file()
        else sorted(p for p in source.iterdir() if p.suffix in (".jsonl", ".json"))
    )
    for path in files:
        for where, record in _records(path):
            if not isinstance(record, dict) or not isinstance(record.get("story"), (str, int)):
                raise InputError(where, 'the record has no "story" (a string naming its story)')
            grouped.setdefault(str(record["story"]), []).append(document_from_record(record, where))
    if source.is_dir():
        for folder in sorted(p for p in source.iterdir() if p.is_dir()):
            result = read_inputs([folder])
            if result.documents:
                grouped.setdefault(folder.name, []).extend(result.documents)
            problems.setdefault(folder.name, []).extend(str(p) for p in result.problems)
    if not grouped:
        raise InputError(
            str(source), "no stories found (expected story folders or records with a story field)"
        )
    return [
        StoryJob(story, tuple(docs), tuple(problems.get(story, ())), fmt)
        for story, docs in sorted(grouped.items())
    ]


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def output_name(story: str, fmt: str, taken: set[str]) -> str:
    """Return a safe, unique file name for a story's report."""
    base = _UNSAFE.sub("_", story).strip("._") or "story"
    name, n = f"{base}.{fmt}", 1
    while name in taken:
        n += 1
        name = f"{base}-{n}.{fmt}"
    taken.add(name)
    return name


def run_batch(jobs: Sequence[StoryJob], out_dir: Path, engine: Engine | None = None) -> list[Path]:
    """Analyse every story with ``engine`` and write one report per story into ``out_dir``; return the paths."""
    engine = engine or LocalEngine()
    out_dir.mkdir(parents=True, exist_ok=True)
    if isinstance(engine, LocalEngine) or len(jobs) < 2:
        # One story: parallelism (if any) comes from its documents.
        rendered = [analyse_story(job, engine) for job in jobs]
    else:
        rendered = engine.map(analyse_story, list(jobs))
    taken: set[str] = set()
    paths = []
    for job, data in zip(jobs, rendered, strict=True):
        path = out_dir / output_name(job.story, job.fmt, taken)
        path.write_bytes(data)
        paths.append(path)
    return paths
