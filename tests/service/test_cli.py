"""`consilience keys create/revoke`: the key alone on the last line, stored hashed, usable, revocable."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.testing import CliRunner

from consilience.service.cli import register
from consilience.store import open_engine
from consilience.store import repository as repo

app = typer.Typer()
register(app)
runner = CliRunner()


def test_keys_create_prints_a_working_key_on_its_last_line(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'keys.db'}"
    first = runner.invoke(app, ["keys", "create", "--tenant", "Harbour Gazette", "--db", db])
    second = runner.invoke(app, ["keys", "create", "--tenant", "Harbour Gazette", "--db", db])
    assert first.exit_code == 0 and second.exit_code == 0, first.output
    key, other = first.output.strip().splitlines()[-1], second.output.strip().splitlines()[-1]
    assert key != other and " " not in key
    engine = open_engine(db)
    with engine.connect() as conn:
        tenants = {repo.tenant_for_key(conn, k) for k in (key, other)}
    assert {t.name for t in tenants if t is not None} == {"Harbour Gazette"} and len(tenants) == 1
    assert runner.invoke(app, ["keys", "revoke", key, "--db", db]).exit_code == 0
    with engine.connect() as conn:
        assert repo.tenant_for_key(conn, key) is None
        assert repo.tenant_for_key(conn, other) is not None
    engine.dispose()


def test_an_unreachable_store_is_a_clear_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        ["keys", "create", "--tenant", "x", "--db", "postgresql://nobody@127.0.0.1:1/none?connect_timeout=2"],
    )
    assert result.exit_code == 2
    assert "cannot open the store" in result.output and "Traceback" not in result.output
