"""Finding the config: --config errors are one line naming what is missing; --bind-key picks among several."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sqlalchemist.cli import sqlalchemist_group
from tests.core.migrations._support import write_app_module


def _invoke(*args: str, env: dict[str, str] | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(sqlalchemist_group, list(args), env=env)
    return result.exit_code, result.output


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("mig_nowhere:config", "Error: --config 'mig_nowhere:config': module 'mig_nowhere' not found (looked in "),
        ("{app}:nothing", "Error: --config '{app}:nothing': '{app}' has no attribute 'nothing'"),
        ("{app}:make_config.nope", "Error: --config '{app}:make_config.nope': '{app}:make_config' has no attribute"),
        ("{app}", "Error: --config '{app}': expected 'module:attribute', e.g. 'myapp.db:config'"),
        ("{app}:KEY", "Error: --config '{app}:KEY': expected a SQLAlchemyAsyncConfig or SQLAlchemySyncConfig"),
    ],
)
def test_bad_config_is_one_line_naming_what_is_missing(project_dir: Path, spec: str, message: str) -> None:
    app = write_app_module(project_dir, "sqlite+aiosqlite:///x.sqlite", "sqlite", is_async=True)
    code, output = _invoke("database", "--config", spec.format(app=app.name), "upgrade", "--no-prompt")
    assert code == 1
    assert output.startswith(message.format(app=app.name))
    assert output.count("\n") == 1


def test_missing_config_says_how_to_give_one(project_dir: Path) -> None:
    code, output = _invoke("database", "show-current-revision", env={"SQLALCHEMIST_CONFIG": ""})
    assert code == 1
    assert output == (
        "Error: no config given: pass --config module:attribute (e.g. myapp.db:config) or set SQLALCHEMIST_CONFIG\n"
    )


def test_config_from_root_option_and_environment(project_dir: Path) -> None:
    app = write_app_module(project_dir, f"sqlite+aiosqlite:///{project_dir / 'x.sqlite'}", "sqlite", is_async=True)
    code, output = _invoke("--config", f"{app.name}:config", "database", "heads")
    assert code == 1
    assert output.startswith("Error: Path doesn't exist: ")
    assert "migrations" in output
    code, _ = _invoke("db", "init", "--no-prompt", env={"SQLALCHEMIST_CONFIG": f"{app.name}:config"})
    assert code == 0
    assert (project_dir / "migrations" / "env.py").is_file()


BIND_KEYS = """
configs = [make_config(1), make_config(2, bind_key="extra", script_location="extra_migrations")]
several = [make_config(1, bind_key="a"), make_config(2, bind_key="b")]
"""


def test_bind_key_selects_a_config(project_dir: Path) -> None:
    url = f"sqlite+aiosqlite:///{project_dir / 'x.sqlite'}"
    app = write_app_module(project_dir, url, "sqlite", is_async=True, extra=BIND_KEYS)
    spec = f"{app.name}:configs"
    assert _invoke("database", "--config", spec, "init", "--bind-key", "extra", "--no-prompt")[0] == 0
    assert (project_dir / "extra_migrations" / "env.py").is_file()
    assert not (project_dir / "migrations").exists()
    assert _invoke("database", "--config", spec, "init", "--no-prompt")[0] == 0
    assert (project_dir / "migrations" / "env.py").is_file()

    code, output = _invoke("database", "--config", spec, "heads", "--bind-key", "nope")
    assert (code, output) == (1, "Error: no config with bind key 'nope'; the configs' bind keys are None, 'extra'\n")
    code, output = _invoke("database", "--config", f"{app.name}:several", "heads")
    assert (code, output) == (1, "Error: 2 configs found (bind keys 'a', 'b'); pick one with --bind-key\n")


def test_init_refuses_a_folder_that_is_not_empty_and_prompts_first(project_dir: Path) -> None:
    app = write_app_module(project_dir, "sqlite+aiosqlite:///x.sqlite", "sqlite", is_async=True)
    spec = f"{app.name}:config"
    result = CliRunner().invoke(sqlalchemist_group, ["database", "--config", spec, "init"], input="n\n")
    assert result.exit_code == 1
    assert "Initialize migrations in migrations for sqlite+aiosqlite:///x.sqlite? [y/N]" in result.output
    assert not (project_dir / "migrations").exists()
    result = CliRunner().invoke(sqlalchemist_group, ["database", "--config", spec, "init"], input="y\n")
    assert result.exit_code == 0
    code, output = _invoke("database", "--config", spec, "init", "--no-prompt")
    assert code == 1
    assert output == "Error: Directory migrations already exists and is not empty\n"


def test_database_help_lists_the_guide_commands() -> None:
    result = CliRunner().invoke(sqlalchemist_group, ["database", "--help"], terminal_width=200)
    assert result.exit_code == 0
    assert "Manage SQLAlchemy database components." in result.output
    for name, help_text in {
        "downgrade": "Downgrade database to a specific revision.",
        "drop-all": "Drop all tables from the database.",
        "dump-data": "Dump specified tables from the database to JSON files.",
        "init": "Initialize migrations for the project.",
        "make-migrations": "Create a new migration revision.",
        "merge-migrations": "Merge multiple revisions into a single new revision.",
        "show-current-revision": "Shows the current revision for the database.",
        "stamp-migration": "Mark (Stamp) a specific revision as current without applying the migrations.",
        "upgrade": "Upgrade database to a specific revision.",
    }.items():
        assert any(line.split() == [name, *help_text.split()] for line in result.output.splitlines()), name


def test_importing_the_alembic_package_is_lazy() -> None:
    import subprocess
    import sys

    code = "import sys, sqlalchemist.alembic, sqlalchemist.utils.fixtures\nprint('alembic' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    assert out.strip() == "False"


def test_make_migrations_asks_for_a_message_then_confirmation(project_dir: Path) -> None:
    app = write_app_module(project_dir, f"sqlite+aiosqlite:///{project_dir / 'x.sqlite'}", "sqlite", is_async=True)
    spec = f"{app.name}:config"
    assert _invoke("database", "--config", spec, "init", "--no-prompt")[0] == 0
    result = CliRunner().invoke(
        sqlalchemist_group, ["database", "--config", spec, "make-migrations"], input="add authors\ny\n"
    )
    assert result.exit_code == 0, result.output
    assert "Revision message: add authors" in result.output
    assert "Create a new migration revision for sqlite+aiosqlite:///" in result.output
    [revision] = (project_dir / "migrations" / "versions").glob("*.py")
    assert revision.name.endswith("_add_authors_" + revision.name.rsplit("_", 1)[-1])
    assert revision.read_text().startswith('"""add authors\n')


def test_make_migrations_sql_without_revision_environment_is_a_one_line_error(project_dir: Path) -> None:
    app = write_app_module(project_dir, f"sqlite+aiosqlite:///{project_dir / 'x.sqlite'}", "sqlite", is_async=True)
    spec = f"{app.name}:config"
    assert _invoke("database", "--config", spec, "init", "--no-prompt")[0] == 0
    code, output = _invoke("database", "--config", spec, "make-migrations", "-m", "manual", "--sql", "--no-prompt")
    assert code == 1
    assert output == (
        "Error: Using --sql with the revision command when revision_environment is not configured "
        "does not make any sense\n"
    )
