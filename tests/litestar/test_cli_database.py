"""``litestar --app mod:app database ...`` in a subprocess: the guide's commands on every driver."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from tests.conftest import Backend
from tests.core.migrations._support import isolated_database, sync_url

GUIDE_COMMANDS = {
    "downgrade": "Downgrade database to a specific revision.",
    "drop-all": "Drop all tables from the database.",
    "dump-data": "Dump specified tables from the database to JSON files.",
    "init": "Initialize migrations for the project.",
    "make-migrations": "Create a new migration revision.",
    "merge-migrations": "Merge multiple revisions into a single new revision.",
    "show-current-revision": "Shows the current revision for the database.",
    "stamp-migration": "Mark (Stamp) a specific revision as current without applying the migrations.",
    "upgrade": "Upgrade database to a specific revision.",
}

APP = """
import uuid

from litestar import Litestar
from sqlalchemy import Column, ForeignKey, MetaData, String, Table

from sqlalchemist.base import convention
from sqlalchemist.types import GUID, BigIntIdentity, DateTimeUTC, JsonB
from sqlalchemist_litestar import {config_cls}, {alembic_cls}, SQLAlchemyPlugin

metadata = MetaData(naming_convention=dict(convention))
Table(
    "mig_ls_author",
    metadata,
    Column("id", GUID(), primary_key=True, default=uuid.uuid4),
    Column("name", String(50), nullable=False),
    Column("born", DateTimeUTC(), nullable=True),
    Column("data", JsonB, nullable=True),
)
Table(
    "mig_ls_book",
    metadata,
    Column("id", BigIntIdentity, primary_key=True, autoincrement=True),
    Column("author_id", GUID(), ForeignKey("mig_ls_author.id"), nullable=False),
)

alchemy_config = {config_cls}(
    connection_string={url!r},
    metadata=metadata,
    alembic_config={alembic_cls}(script_location="./alembic/", version_table_name={version_table!r}),
)
app = Litestar(plugins=[SQLAlchemyPlugin(config=alchemy_config)])
"""


class LitestarProject:
    """A folder holding a generated app module; ``run`` calls ``litestar --app <module>:app ...`` there."""

    def __init__(self, folder: Path, url: str, family: str, *, is_async: bool) -> None:
        self.folder = folder
        self.url = url
        self.family = family
        self.module = f"mig_ls_app_{uuid.uuid4().hex[:8]}"
        self.version_table = f"mig_alembic_version_{uuid.uuid4().hex[:8]}"
        source = APP.format(
            config_cls="SQLAlchemyAsyncConfig" if is_async else "SQLAlchemySyncConfig",
            alembic_cls="AlembicAsyncConfig" if is_async else "AlembicSyncConfig",
            url=url,
            version_table=self.version_table,
        )
        (folder / f"{self.module}.py").write_text(textwrap.dedent(source))

    def run(self, *args: str, input: str | None = None, ok: bool = True) -> subprocess.CompletedProcess[str]:
        env = {**os.environ, "COLUMNS": "200", "PYTHONWARNINGS": "error::DeprecationWarning:sqlalchemist"}
        result = subprocess.run(
            [sys.executable, "-m", "litestar", "--app", f"{self.module}:app", *args],
            cwd=self.folder,
            env=env,
            input=input,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        if ok:
            assert result.returncode == 0, (result.stdout, result.stderr)
        return result

    def table_names(self) -> set[str]:
        from sqlalchemy import create_engine, inspect
        from sqlalchemy.pool import NullPool

        engine = create_engine(sync_url(self.url, self.family), poolclass=NullPool)
        try:
            with engine.connect() as conn:
                return set(inspect(conn).get_table_names())
        finally:
            engine.dispose()


def _project(backend: Backend, tmp_path: Path) -> Iterator[LitestarProject]:
    folder = tmp_path / "project"
    folder.mkdir()
    with isolated_database(backend, tmp_path) as url:
        yield LitestarProject(folder, url, backend.family, is_async=backend.is_async)


@pytest.fixture
def async_project(async_backend: Backend, tmp_path: Path) -> Iterator[LitestarProject]:
    yield from _project(async_backend, tmp_path)


@pytest.fixture
def sync_project(sync_backend: Backend, tmp_path: Path) -> Iterator[LitestarProject]:
    yield from _project(sync_backend, tmp_path)


def _normalized(text: str) -> str:
    return " ".join(text.replace("│", " ").split())


def _in_process(project: LitestarProject, monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Invoke Litestar's own root group in this process (``litestar --app <module>:app ...``)."""
    from litestar.cli.main import litestar_group

    from sqlalchemist_litestar.cli import register_database_commands

    if "database" not in litestar_group.commands:  # Litestar calls on_cli_init once per process
        register_database_commands(litestar_group)
    monkeypatch.chdir(project.folder)
    monkeypatch.syspath_prepend(str(project.folder))

    def run(*args: str, input: str | None = None) -> Result:
        result = CliRunner().invoke(litestar_group, ["--app", f"{project.module}:app", *args], input=input)
        assert result.exit_code == 0, (result.output, result.exception)
        return result

    return run


def _init_output(project: LitestarProject, program: str) -> str:
    from sqlalchemy import make_url

    url = make_url(project.url).render_as_string(hide_password=True)
    return (
        "Created migrations in alembic (README, env.py, script.py.mako, versions/); created alembic.ini for "
        f"{url}.\nThe engine and metadata come from your config. Next, create the first revision: "
        f'{program} database make-migrations -m "initial"\n'
    )


def _life_cycle(project: LitestarProject, run: Callable[..., Any]) -> None:
    assert run("database", "init", "./alembic", "--no-prompt").stdout == _init_output(project, "litestar")
    assert (project.folder / "alembic" / "env.py").is_file()

    run("database", "make-migrations", "-m", "initial", "--no-prompt")
    [revision] = list((project.folder / "alembic" / "versions").glob("*.py"))
    source = revision.read_text()
    assert "op.create_table('mig_ls_author'" in source
    assert "sqlalchemist.types.GUID()" in source
    assert "sqlalchemist.types.DateTimeUTC()" in source

    run("database", "upgrade", "--no-prompt")
    assert project.table_names() == {"mig_ls_author", "mig_ls_book", project.version_table}
    assert run("db", "show-current-revision").stdout.strip().endswith("(head)")

    run("database", "dump-data", "--table", "mig_ls_author", "--no-prompt")
    assert json.loads((project.folder / "fixtures" / "mig_ls_author.json").read_text()) == []

    run("database", "downgrade", "base", "--no-prompt")
    assert project.table_names() == {project.version_table}
    run("database", "stamp-migration", "head", "--no-prompt")
    assert run("database", "show-current-revision").stdout.strip().endswith("(head)")

    assert "Drop every table" in run("database", "drop-all", input="y\n").stdout
    assert project.table_names() == set()


def test_litestar_cli_async(async_project: LitestarProject, monkeypatch: pytest.MonkeyPatch) -> None:
    _life_cycle(async_project, _in_process(async_project, monkeypatch))


def test_litestar_cli_sync(sync_project: LitestarProject, monkeypatch: pytest.MonkeyPatch) -> None:
    _life_cycle(sync_project, _in_process(sync_project, monkeypatch))


@pytest.mark.backends("sqlite")
def test_litestar_subprocess(async_project: LitestarProject) -> None:
    """The real ``litestar`` command (a few calls only: each one starts a Python process)."""
    listing = _normalized(async_project.run("database", "--help").stdout)
    assert "Manage SQLAlchemy database components." in listing
    for name, help_text in GUIDE_COMMANDS.items():
        assert f"{name} {help_text}" in listing, name

    init = async_project.run("database", "init", "./alembic", "--no-prompt")
    assert init.stdout == _init_output(async_project, "python -m litestar")
    async_project.run("database", "make-migrations", "-m", "initial", "--no-prompt")
    async_project.run("database", "upgrade", "--no-prompt")
    assert async_project.table_names() == {"mig_ls_author", "mig_ls_book", async_project.version_table}
    assert async_project.run("db", "show-current-revision").stdout.strip().endswith("(head)")

    failed = async_project.run("database", "upgrade", "--bind-key", "nope", "--no-prompt", ok=False)
    assert failed.returncode == 1
    assert "no config with bind key 'nope'; the configs' bind keys are None" in _normalized(failed.stderr)


def test_cli_module_exports() -> None:
    import sqlalchemist_litestar.cli

    assert set(sqlalchemist_litestar.cli.__all__) == {
        "configs_from_app",
        "database_group",
        "register_database_commands",
    }
