"""The ``stream`` and ``batch`` commands, registered on the main CLI by ``register(app)``.

Heavy modules (SQLAlchemy, datasketch, the pipeline, Ray) are imported inside the commands so
``consilience --help`` stays fast.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

STREAM_HELP = """Assign a stream of articles (JSONL records) to stories, one JSONL line out per article.

Each output line is {"article", "story", "duplicate_of", "new_story", "family", "moved"}. "moved" is
null, or, when the article's arrival made its story split in two (two similar events that had
been merged), {"from", "to", "articles"}: those earlier articles now belong to story "to". State is
kept in the database (--db), so a restarted stream continues where it stopped and never assigns
an article twice (an article id seen before gets its stored assignment back, with its current story)."""


def _lines_from_fd(fd: int) -> Iterator[list[tuple[int, bytes]]]:
    """Yield the complete lines that arrived in each read of ``fd`` (a batch is what one read brought)."""
    pending = b""
    number = 0
    while True:
        chunk = os.read(fd, 1 << 20)
        if not chunk:
            break
        pending += chunk
        *complete, pending = pending.split(b"\n")
        batch = []
        for line in complete:
            number += 1
            if line.strip():
                batch.append((number, line))
        if batch:
            yield batch
    if pending.strip():
        yield [(number + 1, pending)]


def _watch(folder: Path, once: bool, poll: float) -> Iterator[tuple[str, list[tuple[int, bytes]]]]:
    """Yield (file name, lines) for each new or grown *.jsonl file of ``folder``, in name order."""
    seen: dict[Path, int] = {}
    while True:
        for path in sorted(folder.glob("*.jsonl")):
            size = path.stat().st_size
            if seen.get(path) == size:
                continue
            data = path.read_bytes()
            start = seen.get(path, 0)
            # Only complete lines: a file still being written is read again when it grows.
            end = data.rfind(b"\n", start) + 1 if not once else len(data)
            if end <= start:
                continue
            first_line = data[:start].count(b"\n") + 1
            lines = [
                (first_line + i, line) for i, line in enumerate(data[start:end].split(b"\n")) if line.strip()
            ]
            seen[path] = end
            if lines:
                yield str(path), lines
        if once:
            return
        time.sleep(poll)


def stream(
    db: Annotated[
        str | None,
        typer.Option(help="Database URL for the stream state (default sqlite:///consilience-stream.db)."),
    ] = None,
    watch: Annotated[
        Path | None, typer.Option(help="Read new *.jsonl files appearing in this folder instead of stdin.")
    ] = None,
    once: Annotated[
        bool, typer.Option(help="With --watch: process the files present now, then exit.")
    ] = False,
    poll: Annotated[float, typer.Option(help="With --watch: seconds between looks at the folder.")] = 1.0,
    reports: Annotated[
        Path | None,
        typer.Option(
            help="Also keep each changed story's JSON report up to date in this folder (incremental)."
        ),
    ] = None,
) -> None:
    """Assign a stream of articles to stories (see the command help)."""
    import orjson

    from consilience.errors import InputError
    from consilience.stream.processor import StreamProcessor, check_record
    from consilience.stream.state import DEFAULT_URL, StreamStore

    store = StreamStore(db or DEFAULT_URL)
    processor = StreamProcessor(store)
    analyzer = None
    if reports is not None:
        from consilience.stream.incremental import StoryAnalyzer

        reports.mkdir(parents=True, exist_ok=True)
        analyzer = StoryAnalyzer(store)
    bad = 0
    out = sys.stdout.buffer

    def handle(source: str, lines: list[tuple[int, bytes]]) -> None:
        nonlocal bad
        records: list[tuple[str, Any]] = []
        for number, line in lines:
            where = f"{source}:{number}"
            try:
                records.append((where, orjson.loads(line)))
            except orjson.JSONDecodeError as exc:
                bad += 1
                typer.echo(f"{where}: not valid JSON ({exc}); line skipped", err=True)
        valid = []
        for where, record in records:
            try:
                valid.append(check_record(record, where))
            except InputError as exc:
                bad += 1
                typer.echo(f"{exc}; line skipped", err=True)
        assignments = processor.process_many(valid, source)
        for assignment in assignments:
            out.write(orjson.dumps(assignment.line()) + b"\n")
        out.flush()
        if analyzer is not None and reports is not None:
            _update_reports(analyzer, processor, store, reports, changed_stories(assignments))

    try:
        if watch is not None:
            if not watch.is_dir():
                raise InputError(str(watch), "not a folder")
            for source, lines in _watch(watch, once, poll):
                handle(source, lines)
        else:
            for lines in _lines_from_fd(sys.stdin.fileno()):
                handle("<stdin>", lines)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        pass
    finally:
        store.close()
    if bad:
        typer.echo(f"{bad} input line(s) skipped", err=True)
        raise typer.Exit(2)


def changed_stories(assignments: Any) -> set[str]:
    """Return the stories a batch of assignments changed: those joined, and both halves of any split."""
    changed: set[str] = set()
    for a in assignments:
        if not a.replayed:
            changed.add(a.story)
            changed.update(s for s in (a.split_from, a.moved_to) if s is not None)
    return changed


def _update_reports(analyzer: Any, processor: Any, store: Any, folder: Path, stories: set[str]) -> None:
    from consilience.ingest.readers import document_from_record
    from consilience.render.json import to_json
    from consilience.stream.batch import output_name

    for story in sorted(stories):
        documents = [document_from_record(r, story) for r in store.story_records(story)]
        report = analyzer.analyse(documents)
        (folder / output_name(story, "json", set())).write_bytes(to_json(report))


def batch(
    source: Annotated[
        Path, typer.Argument(help="A folder of story folders, or a JSONL file with a story field.")
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder to write one report per story into.")
    ],
    fmt: Annotated[str, typer.Option("--format", help="json, md or html.")] = "json",
    engine: Annotated[
        str, typer.Option(help="Execution engine: local, processes (one worker per core) or ray.")
    ] = "local",
    ray_address: Annotated[
        str | None, typer.Option(help="Ray cluster address (default: start a local Ray).")
    ] = None,
) -> None:
    """Analyse many stories at once and write one report per story."""
    from consilience.engines import get_engine
    from consilience.errors import ConsilienceError, InputError
    from consilience.stream.batch import read_stories, run_batch

    try:
        jobs = read_stories(source, fmt)
        try:
            chosen = get_engine(engine, ray_address)
        except (ValueError, ImportError) as exc:
            raise InputError("--engine", str(exc)) from None
        started = time.perf_counter()
        paths = run_batch(jobs, output, chosen)
    except InputError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(2) from None
    except ConsilienceError as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    documents = sum(len(job.documents) for job in jobs)
    typer.echo(
        f"{len(paths)} report(s), {documents} document(s) in {time.perf_counter() - started:.1f} s -> {output}",
        err=True,
    )


def register(app: typer.Typer) -> None:
    """Add the ``stream`` and ``batch`` commands to ``app``."""
    app.command(name="stream", help=STREAM_HELP)(stream)
    app.command(name="batch")(batch)
