"""One migrations folder for two databases: each revision holds an upgrade/downgrade pair per bind key."""

from __future__ import annotations

import contextlib
import io
import re
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import Column, Integer, MetaData, String, Table, create_engine, inspect

from sqlalchemist.cli import sqlalchemist_group
from sqlalchemist.config import AlembicSyncConfig, SQLAlchemySyncConfig

app_metadata = MetaData()
Table("docs_user", app_metadata, Column("id", Integer, primary_key=True), Column("name", String(50)))
reports_metadata = MetaData()
Table("docs_report", reports_metadata, Column("id", Integer, primary_key=True), Column("title", String(100)))

# Both configs keep the default script_location ("migrations"): `init --multidb` makes it one shared env.py.
configs = [
    SQLAlchemySyncConfig(connection_string="sqlite:///docs_app.sqlite", metadata=app_metadata),
    SQLAlchemySyncConfig(
        connection_string="sqlite:///docs_reports.sqlite",
        metadata=reports_metadata,
        bind_key="reports",
        alembic_config=AlembicSyncConfig(version_table_name="reports_versions"),
    ),
]

EXPECTED = {
    "functions": ["downgrade_default", "downgrade_reports", "upgrade_default", "upgrade_reports"],
    "app": ["alembic_versions", "docs_user"],
    "reports": ["docs_report", "reports_versions"],
    "reports_after_downgrade": ["reports_versions"],
}


def _run(*args: str) -> str:
    """Run ``sqlalchemist database --config docs.examples.migrations_multidb:configs ...``."""
    spec = f"{__name__}:configs"
    result = CliRunner().invoke(sqlalchemist_group, ["database", "--config", spec, *args, "--no-prompt"])
    if result.exit_code != 0:
        raise RuntimeError(result.output)
    return result.output


def _tables(path: str) -> list[str]:
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as conn:
        names = sorted(inspect(conn).get_table_names())
    engine.dispose()
    return names


def main() -> dict[str, object]:
    """Initialize one multidb folder, autogenerate a revision for both binds, upgrade, then downgrade one bind."""
    with contextlib.redirect_stdout(io.StringIO()):
        _run("init", "--multidb")
        _run("make-migrations", "-m", "first")
        _run("upgrade")
        upgraded = {"app": _tables("docs_app.sqlite"), "reports": _tables("docs_reports.sqlite")}
        _run("downgrade", "base", "--bind-key", "reports")
    [revision] = Path("migrations/versions").glob("*.py")
    functions = sorted(re.findall(r"^def ((?:up|down)grade_\w+)\(", revision.read_text(), re.MULTILINE))
    return {"functions": functions, **upgraded, "reports_after_downgrade": _tables("docs_reports.sqlite")}


if __name__ == "__main__":
    print(main())
