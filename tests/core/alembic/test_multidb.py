"""``init --multidb``: one env.py serving several configs, revisions with one upgrade/downgrade pair per bind."""

from __future__ import annotations

import re
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, inspect
from sqlalchemy.pool import NullPool

from sqlalchemist.alembic import AlembicCommands
from sqlalchemist.cli import sqlalchemist_group
from sqlalchemist.exceptions import ImproperConfigurationError
from tests.conftest import Backend
from tests.core.migrations._support import isolated_database, sync_url

APP = """
from sqlalchemy import Column, Integer, MetaData, String, Table

from sqlalchemist.config import {main_cls}, {main_alembic}, {extra_cls}, {extra_alembic}
from sqlalchemist.types import PasswordHash

main_metadata = MetaData()
Table("mdb_user", main_metadata, Column("id", Integer, primary_key=True), Column("password", PasswordHash()))
extra_metadata = MetaData()
Table("mdb_report", extra_metadata, Column("id", Integer, primary_key=True), Column("title", String(40)))


def make(extra_location="migrations", extra_table="mdb_versions_extra", extra_key="extra"):
    return [
        {main_cls}(
            connection_string={main_url!r},
            metadata=main_metadata,
            alembic_config={main_alembic}(version_table_name="mdb_versions_main"),
        ),
        {extra_cls}(
            connection_string={extra_url!r},
            metadata=extra_metadata,
            bind_key=extra_key,
            alembic_config={extra_alembic}(script_location=extra_location, version_table_name=extra_table),
        ),
    ]


configs = make()
scattered = make(extra_location="other_migrations")
same_table = make(extra_table="mdb_versions_main")
odd_key = make(extra_key="odd-key")
no_default = [*make(extra_key="first")[1:], *make()[1:]]
"""


def _write_app(folder: Path, main_url: str, extra_url: str, *, main_async: bool, extra_async: bool) -> str:
    name = f"mig_app_{uuid.uuid4().hex[:10]}"
    kinds = {
        True: ("SQLAlchemyAsyncConfig", "AlembicAsyncConfig"),
        False: ("SQLAlchemySyncConfig", "AlembicSyncConfig"),
    }
    source = APP.format(
        main_cls=kinds[main_async][0],
        main_alembic=kinds[main_async][1],
        extra_cls=kinds[extra_async][0],
        extra_alembic=kinds[extra_async][1],
        main_url=main_url,
        extra_url=extra_url,
    )
    (folder / f"{name}.py").write_text(textwrap.dedent(source))
    return name


def _runner(module: str) -> object:
    def run(*args: str, attr: str = "configs", ok: bool = True) -> Result:
        result = CliRunner().invoke(sqlalchemist_group, ["database", "--config", f"{module}:{attr}", *args])
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    return run


def _tables(url: str, family: str) -> set[str]:
    engine = create_engine(sync_url(url, family), poolclass=NullPool)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _life_cycle(project: Path, module: str, main_url: str, extra_url: str, family: str, extra_family: str) -> None:
    run = _runner(module)
    init = run("init", "--multidb", "--no-prompt").output
    assert init.startswith("Created migrations in migrations (README, env.py, script.py.mako, versions/); created ")
    assert "for 2 binds: default (" in init
    assert "), extra (" in init
    assert init.endswith('Next, create the first revision: sqlalchemist database make-migrations -m "initial"\n')
    assert "Please edit" not in init
    assert not (project / "other_migrations").exists()

    run("make-migrations", "-m", "first", "--no-prompt")
    [revision] = (project / "migrations" / "versions").glob("*.py")
    source = revision.read_text()
    upgrade_default = source[source.index("def upgrade_default()") : source.index("def downgrade_default()")]
    upgrade_extra = source[source.index("def upgrade_extra()") : source.index("def downgrade_extra()")]
    assert "op.create_table('mdb_user'" in upgrade_default
    assert "mdb_report" not in upgrade_default
    assert "op.create_table('mdb_report'" in upgrade_extra
    assert "mdb_user" not in upgrade_extra
    assert "def upgrade(bind_name: str) -> None:" in source
    head = re.search(r"^revision: str = '(\w+)'", source, re.MULTILINE)
    assert head is not None

    run("upgrade", "--no-prompt")
    assert {"mdb_user", "mdb_versions_main"} <= _tables(main_url, family)
    assert {"mdb_report", "mdb_versions_extra"} <= _tables(extra_url, extra_family)
    current = run("show-current-revision").output
    assert re.fullmatch(
        rf"-- bind default: \S+\n{head.group(1)} \(head\)\n-- bind extra: \S+\n{head.group(1)} \(head\)\n", current
    ), current
    assert run("check").output.endswith("No new upgrade operations detected.\n")

    run("downgrade", "base", "--bind-key", "extra", "--no-prompt")
    assert "mdb_report" not in _tables(extra_url, extra_family)
    assert "mdb_user" in _tables(main_url, family)
    assert run("show-current-revision", "--bind-key", "extra").output == ""
    offline = run("upgrade", "--sql", "--bind-key", "extra").output
    assert "CREATE TABLE mdb_report" in offline
    assert "mdb_user" not in offline
    run("upgrade", "--bind-key", "extra", "--no-prompt")
    assert "mdb_report" in _tables(extra_url, extra_family)

    run("downgrade", "base", "--no-prompt")
    assert not {"mdb_user", "mdb_report"} & (_tables(main_url, family) | _tables(extra_url, extra_family))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.syspath_prepend(str(folder))
    return folder


def _forget_modules() -> None:
    for name in [name for name in sys.modules if name.startswith("mig_app_")]:
        del sys.modules[name]


def test_multidb_on_one_database_async(async_backend: Backend, tmp_path: Path, project: Path) -> None:
    with isolated_database(async_backend, tmp_path) as url:
        module = _write_app(project, url, url, main_async=True, extra_async=True)
        try:
            _life_cycle(project, module, url, url, async_backend.family, async_backend.family)
        finally:
            _forget_modules()


def test_multidb_on_one_database_sync(sync_backend: Backend, tmp_path: Path, project: Path) -> None:
    with isolated_database(sync_backend, tmp_path) as url:
        module = _write_app(project, url, url, main_async=False, extra_async=False)
        try:
            _life_cycle(project, module, url, url, sync_backend.family, sync_backend.family)
        finally:
            _forget_modules()


def test_multidb_mixes_async_and_sync_databases(project: Path) -> None:
    main_url = f"sqlite+aiosqlite:///{project / 'main.sqlite'}"
    extra_url = f"sqlite:///{project / 'extra.sqlite'}"
    module = _write_app(project, main_url, extra_url, main_async=True, extra_async=False)
    try:
        _life_cycle(project, module, main_url, extra_url, "sqlite", "sqlite")
    finally:
        _forget_modules()


def test_multidb_refuses_what_one_env_cannot_serve(project: Path) -> None:
    main_url = f"sqlite:///{project / 'main.sqlite'}"
    module = _write_app(project, main_url, main_url, main_async=False, extra_async=False)
    run = _runner(module)
    try:
        assert run("init", "--multidb", "--no-prompt", attr="scattered", ok=False).output == (
            "Error: --multidb serves every config from one migrations folder, so they need the same "
            "alembic_config.script_location; got 'migrations' (bind key None), 'other_migrations' (bind key 'extra')\n"
        )
        assert run("init", "--multidb", "--no-prompt", attr="same_table", ok=False).output == (
            "Error: bind keys None and 'extra' record their revisions in the same version table "
            f"'mdb_versions_main' of {main_url}; give each its own alembic_config.version_table_name\n"
        )
        assert run("init", "--multidb", "--no-prompt", attr="odd_key", ok=False).output == (
            "Error: bind key 'odd-key' cannot name revision functions (upgrade_<bind key>); use an identifier\n"
        )
        assert run("init", "--multidb", "--no-prompt", attr="no_default", ok=False).output == (
            "Error: --multidb needs one config without a bind key (the default bind), through which the commands run "
            "every bind; the configs' bind keys are 'first', 'extra'\n"
        )
        assert run("init", "somewhere", "--multidb", "--no-prompt", ok=False).output == (
            "Error: --multidb initializes the configs' shared script_location; do not pass DIRECTORY with it\n"
        )
        assert not (project / "migrations").exists()
        configs = __import__(module).scattered
        with pytest.raises(ImproperConfigurationError, match="bind key 'extra' uses 'other_migrations'"):
            AlembicCommands(configs[0], multidb=configs)
    finally:
        _forget_modules()


def test_multidb_package_writes_init_files_into_the_one_folder(project: Path) -> None:
    module = _write_app(
        project,
        f"sqlite:///{project / 'a.sqlite'}",
        f"sqlite:///{project / 'b.sqlite'}",
        main_async=False,
        extra_async=False,
    )
    try:
        _runner(module)("init", "--multidb", "--package", "--no-prompt")
    finally:
        _forget_modules()
    assert (project / "migrations" / "__init__.py").is_file()
    assert (project / "migrations" / "versions" / "__init__.py").is_file()
    assert "upgrade_${bind.name}" in (project / "migrations" / "script.py.mako").read_text()
    assert sorted(path.name for path in project.iterdir() if path.is_dir()) == ["migrations"]
