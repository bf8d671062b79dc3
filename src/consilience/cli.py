"""The command line: a thin layer over the Python API.

Exit codes: 0 ok, 1 analysis error, 2 usage or input error (with a message naming the file and the
problem; never a traceback for bad input).
"""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from consilience import __version__
from consilience.engines.local import Engine

app = typer.Typer(
    name="consilience",
    help="What many news reports of one story actually establish: independent corroboration, "
    "conflicts, provenance, quotes, entities and time, cited to exact characters.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# soft_wrap: messages stay on one line in pipes and logs, so a long file path is never folded in two
err = Console(stderr=True, soft_wrap=True)
T = TypeVar("T")


class Format(StrEnum):
    """Report formats."""

    json = "json"
    md = "md"
    html = "html"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"consilience {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """consilience: read many reports of one story, tell what is actually known."""


def render(report: object, fmt: Format) -> bytes:
    """The report in the requested format, as bytes."""
    from consilience.model import Report

    assert isinstance(report, Report)
    if fmt is Format.json:
        from consilience.render.json import to_json

        return to_json(report)
    if fmt is Format.md:
        from consilience.render.markdown import to_markdown

        return to_markdown(report).encode("utf-8")
    from consilience.render.html import to_html

    return to_html(report).encode("utf-8")


@app.command()
def analyze(
    paths: Annotated[
        list[str],
        typer.Argument(help='Files, folders (recursive), globs, or "-" for JSONL records on stdin.'),
    ],
    fmt: Annotated[Format, typer.Option("--format", "-f", help="Report format.")] = Format.json,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write the report here.")] = None,
    engine: Annotated[str, typer.Option(help="Execution engine: local or ray.")] = "local",
    ray_address: Annotated[str | None, typer.Option(help="Address of a running Ray cluster.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary on stderr.")] = False,
    also: Annotated[
        list[Path] | None,
        typer.Option(
            "--also", help="Also write the report here, format from the suffix (.json, .md, .html)."
        ),
    ] = None,
) -> None:
    """Analyse reports of one story and write the report (JSON by default) to stdout or a file."""
    from consilience.errors import ConsilienceError, InputError, InputNote
    from consilience.ingest.readers import read_inputs
    from consilience.pipeline import STAGES, analyze_documents

    result = read_inputs(paths)
    fatal = [p for p in result.problems if not isinstance(p, InputNote)]
    for p in result.problems:
        level = "note" if isinstance(p, InputNote) else "error"
        err.print(
            f"[{'yellow' if level == 'note' else 'red'}]{level}:[/] {p.source}: {p.problem}", highlight=False
        )
    if not result.documents:
        err.print("[red]error:[/] no readable report to analyse", highlight=False)
        raise typer.Exit(2)
    try:
        eng = _engine(engine, ray_address)
        report = _run_with_progress(
            lambda progress: analyze_documents(
                result.documents, engine=eng, problems=[str(p) for p in result.problems], progress=progress
            ),
            total=len(STAGES),
            show=not quiet and len(result.documents) >= 1,
        )
        data = render(report, fmt)
    except InputError as exc:
        err.print(f"[red]error:[/] {exc.source}: {exc.problem}", highlight=False)
        raise typer.Exit(2) from None
    except ConsilienceError as exc:
        err.print(f"[red]error:[/] {exc}", highlight=False)
        raise typer.Exit(1) from None
    except Exception as exc:  # an analysis bug must still end with a message, not a traceback
        if os.environ.get("CONSILIENCE_DEBUG"):
            raise
        err.print(
            f"[red]error:[/] the analysis failed ({type(exc).__name__}: {exc}); "
            "run with CONSILIENCE_DEBUG=1 for details and report it",
            highlight=False,
        )
        raise typer.Exit(1) from None
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        _write(output, data)
    for extra in also or []:
        suffix = extra.suffix.lower().lstrip(".")
        if suffix not in _SUFFIX_FORMAT:
            err.print(
                f"[red]error:[/] {extra}: --also needs a .json, .md or .html file name", highlight=False
            )
            raise typer.Exit(2)
        _write(extra, render(report, _SUFFIX_FORMAT[suffix]))
    read_problems = {str(p) for p in result.problems}
    for note in report.problems:
        if note not in read_problems:
            err.print(f"[yellow]note:[/] {note}", highlight=False)
    if not quiet:
        from consilience.render.terminal import print_summary

        print_summary(report, err, output)
    if fatal:
        raise typer.Exit(2)


_SUFFIX_FORMAT = {
    "json": Format.json,
    "md": Format.md,
    "markdown": Format.md,
    "html": Format.html,
    "htm": Format.html,
}


def _write(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    except OSError as exc:
        err.print(f"[red]error:[/] {path}: cannot write the report ({exc.strerror or exc})", highlight=False)
        raise typer.Exit(2) from None


def _engine(name: str, address: str | None) -> Engine:
    from consilience.errors import InputError

    if name == "local":
        from consilience.engines.local import LocalEngine

        return LocalEngine()
    if name == "ray":
        try:
            engines = importlib.import_module("consilience.engines")
            engine: Engine = engines.get_engine("ray", address)
            return engine
        except (ImportError, AttributeError):
            raise InputError("--engine", "the Ray engine is not available in this installation") from None
    raise InputError("--engine", f'unknown engine "{name}" (choose local or ray)')


def _run_with_progress(fn: Callable[[Callable[[str], None] | None], T], total: int, show: bool) -> T:
    if not show or not err.is_terminal:
        return fn(None)
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description:<16}"),
        BarColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    ) as progress:
        task = progress.add_task("reading", total=total)

        def step(name: str) -> None:
            progress.update(task, description=name, advance=1)

        return fn(step)


@app.command()
def stages() -> None:
    """List the analysis stages in order."""
    from consilience.pipeline import STAGES

    for name, what in STAGES:
        typer.echo(f"{name:<16} {what}")


@app.command(name="eval")
def evaluate(
    seeds: Annotated[
        Path | None, typer.Option(help="Folder of the seed reports (default ../shared/seeds).")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Also write the scores as JSON here.")
    ] = None,
    check: Annotated[bool, typer.Option(help="Fail (exit 1) when a score is below its pinned floor.")] = True,
) -> None:
    """Score the seeds and the bundled sample story against their gold; compare with the pinned floors."""
    from consilience.evaluation import run_evaluation

    ok = run_evaluation(seeds_dir=seeds, json_out=json_out, console=err)
    if check and not ok:
        raise typer.Exit(1)


def _register_optional_commands() -> None:
    # Commands of the service and stream packages register themselves when present.
    for module in ("consilience.service.cli", "consilience.stream.cli"):
        try:
            mod = importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        register = getattr(mod, "register", None)
        if register is not None:
            register(app)


_register_optional_commands()


if __name__ == "__main__":  # pragma: no cover
    app()
