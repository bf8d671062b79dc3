"""``python -m consilience.service``: the service commands on their own."""

from __future__ import annotations

import typer

from consilience.service.cli import register

app = typer.Typer(no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
register(app)

if __name__ == "__main__":
    app()
