"""``database init`` says what it created and what to run next, never alembic's advice to edit the ini file."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sqlalchemist.cli import sqlalchemist_group
from tests.core.migrations._support import write_app_module

BIND_KEYS = """
configs = [make_config(1), make_config(2, bind_key="extra", script_location="extra_migrations")]
"""


def _init(*args: str) -> str:
    result = CliRunner().invoke(sqlalchemist_group, ["database", *args, "init", "--no-prompt"], terminal_width=60)
    assert result.exit_code == 0, (result.output, result.exception)
    return result.output


def test_init_prints_what_it_created_and_the_next_command(project_dir: Path) -> None:
    app = write_app_module(project_dir, "sqlite+aiosqlite:///x.sqlite", "sqlite", is_async=True)
    output = _init("--config", f"{app.name}:config")
    assert output == (
        "Created migrations in migrations (README, env.py, script.py.mako, versions/); created alembic.ini for "
        "sqlite+aiosqlite:///x.sqlite.\n"
        "The engine and metadata come from your config. Next, create the first revision: "
        'sqlalchemist database make-migrations -m "initial"\n'
    )
    assert "Please edit" not in output


def test_init_with_a_bind_key_and_an_existing_ini_file(project_dir: Path) -> None:
    app = write_app_module(project_dir, "sqlite:///x.sqlite", "sqlite", is_async=False, extra=BIND_KEYS)
    _init("--config", f"{app.name}:configs")
    result = CliRunner().invoke(
        sqlalchemist_group,
        ["db", "--config", f"{app.name}:configs", "init", "--bind-key", "extra", "--package", "--no-prompt"],
    )
    assert result.exit_code == 0, result.output
    assert result.output == (
        "Created migrations in extra_migrations (README, __init__.py, env.py, script.py.mako, versions/); "
        "kept the existing alembic.ini for sqlite:///x.sqlite (bind key 'extra').\n"
        "The engine and metadata come from your config. Next, create the first revision: "
        'sqlalchemist db make-migrations --bind-key extra -m "initial"\n'
    )
