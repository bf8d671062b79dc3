"""Commands of the service: ``consilience serve`` and ``consilience keys create``.

Heavy modules (FastAPI, uvicorn, SQLAlchemy) are imported inside the commands so ``--help`` stays fast.
"""

from __future__ import annotations

from typing import Annotated

import typer

DB_HELP = "Store URL: a SQLite path or sqlite:///FILE, or postgresql://USER@HOST/DB. Default: $CONSILIENCE_DB, else a SQLite file in ~/.local/share/consilience."

keys_app = typer.Typer(help="Manage API keys (each belongs to a tenant: a newsroom).", no_args_is_help=True)


def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
    worker: Annotated[bool, typer.Option(help="Run the background analysis worker in this process.")] = True,
    warmup: Annotated[
        bool, typer.Option(help="Load the models at start-up so the first report is fast.")
    ] = True,
    job_lease: Annotated[
        float, typer.Option(help="Seconds without a heartbeat after which another worker takes a job over.")
    ] = 60.0,
    analysis_process: Annotated[
        bool, typer.Option(help="Analyse in a child process (keeps requests fast while a story is analysed).")
    ] = True,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
) -> None:
    """Serve the HTTP API (OpenAPI at /openapi.json); analyses run in the background."""
    import uvicorn

    from consilience.service.app import create_app
    from consilience.service.settings import Limits, Settings
    from consilience.store import default_url, display_url

    url = db or default_url()
    try:
        limits = Limits.from_env()
    except ValueError as error:
        typer.echo(
            f"consilience: a CONSILIENCE_* limit in the environment is not a number: {error}", err=True
        )
        raise typer.Exit(2) from None
    settings = Settings(
        db_url=url,
        limits=limits,
        worker=worker,
        warmup=warmup,
        lease_seconds=job_lease,
        analysis_process=analysis_process,
    )
    typer.echo(f"consilience: store {display_url(url)}", err=True)
    try:
        app = create_app(settings)
    except Exception as error:  # an unreachable or broken database: say which, no traceback
        typer.echo(f"consilience: cannot open the store {display_url(url)}: {error}", err=True)
        raise typer.Exit(2) from None
    uvicorn.run(app, host=host, port=port, log_level=log_level)


def keys_create(
    tenant: Annotated[str, typer.Option(help="The tenant (newsroom) the key belongs to; created if new.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Create an API key; it is printed once, alone on the last line (only its hash is stored)."""
    from consilience.store import default_url, display_url, migrate, open_engine
    from consilience.store import repository as repo

    name = tenant.strip()
    if not name or len(name) > 200:
        typer.echo("consilience: --tenant must be 1 to 200 characters", err=True)
        raise typer.Exit(2)
    url = db or default_url()
    try:
        engine = open_engine(url)
        migrate(engine)
        with engine.begin() as conn:
            key = repo.create_api_key(conn, name)
        engine.dispose()
    except Exception as error:
        typer.echo(f"consilience: cannot open the store {display_url(url)}: {error}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"store: {display_url(url)}")
    typer.echo(f"tenant: {name}")
    typer.echo("API key (shown once; send it as 'Authorization: Bearer <key>'):")
    typer.echo(key)


def keys_revoke(
    key: Annotated[str, typer.Argument(help="The API key to revoke.")],
    db: Annotated[str | None, typer.Option("--db", help=DB_HELP)] = None,
) -> None:
    """Revoke an API key: requests carrying it are refused from then on."""
    from consilience.store import default_url, migrate, open_engine
    from consilience.store import repository as repo

    engine = open_engine(db or default_url())
    migrate(engine)
    with engine.begin() as conn:
        revoked = repo.revoke_api_key(conn, key)
    engine.dispose()
    if not revoked:
        typer.echo("consilience: no such active key", err=True)
        raise typer.Exit(2)
    typer.echo("revoked")


keys_app.command("create")(keys_create)
keys_app.command("revoke")(keys_revoke)


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``keys`` to the main command line."""
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")
