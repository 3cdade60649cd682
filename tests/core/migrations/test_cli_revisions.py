"""Merging heads, stamping, relative downgrades, --sql, check and a custom script_location, on every driver."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import Backend
from tests.core.migrations._support import AppModule, isolated_database, write_app_module
from tests.core.migrations.conftest import RunCli, make_runner


def _heads(run: RunCli) -> set[str]:
    return set(re.findall(r"^(\w+) (?:\(\w+\) )?\(head\)", run("heads").output, re.MULTILINE))


def _merge_and_stamp(app: AppModule, run: RunCli) -> None:
    run("init", "--no-prompt")
    run("make-migrations", "-m", "trunk", "--rev-id", "aaa111", "--no-prompt")
    run(
        "make-migrations",
        "-m",
        "side",
        "--rev-id",
        "bbb222",
        "--head",
        "base",
        "--branch-label",
        "side",
        "--no-autogenerate",
        "--no-prompt",
    )
    assert _heads(run) == {"aaa111", "bbb222"}
    assert "aaa111" in run("branches").output or "bbb222" in run("history").output

    merged = run("merge-migrations", "-m", "join", "--rev-id", "ccc333", "--no-prompt")
    assert "ccc333" in merged.output
    assert _heads(run) == {"ccc333"}
    [merge_file] = [p for p in Path("migrations/versions").glob("*.py") if "ccc333" in p.name]
    match = re.search(r"^down_revision: .* = \((.*)\)$", merge_file.read_text(), re.MULTILINE)
    assert match is not None
    assert sorted(match.group(1).replace("'", "").split(", ")) == ["aaa111", "bbb222"]

    run("stamp-migration", "aaa111", "--no-prompt")
    assert "aaa111" in run("show-current-revision").output
    assert app.table_names() == {app.version_table}, "stamp must not run migrations"

    run("stamp-migration", "heads", "--purge", "--no-prompt")
    assert "ccc333 (head)" in run("show-current-revision").output
    run("stamp-migration", "base", "--purge", "--no-prompt")
    assert run("show-current-revision").output.strip() == ""


def test_merge_and_stamp_async(async_app: AppModule, project_dir: Path) -> None:
    _merge_and_stamp(async_app, make_runner(async_app))


def test_merge_and_stamp_sync(sync_app: AppModule, project_dir: Path) -> None:
    _merge_and_stamp(sync_app, make_runner(sync_app))


def _relative_and_offline(app: AppModule, run: RunCli) -> None:
    run("init", "--no-prompt")
    run("make-migrations", "-m", "one", "--rev-id", "r1", "--no-prompt")
    run("upgrade", "--no-prompt")
    check = run("check", attr="config_v2", ok=False)
    assert check.exit_code == 1
    assert "New upgrade operations detected" in check.output
    run("make-migrations", "-m", "two", "--rev-id", "r2", "--no-prompt", attr="config_v2")

    offline = run("upgrade", "r1:r2", "--sql", attr="config_v2")
    assert "CREATE TABLE mig_account" in offline.output
    assert "mig_account" not in app.table_names()

    run("upgrade", "--no-prompt", attr="config_v2")
    assert "No new upgrade operations detected" in run("check", attr="config_v2").output
    run("downgrade", "-1", "--no-prompt", attr="config_v2")
    assert "r1 (head)" not in run("show-current-revision").output
    assert run("show-current-revision").output.startswith("r1")
    assert "mig_account" not in app.table_names()
    run("downgrade", "--no-prompt", "--", "-1", attr="config_v2")
    assert run("show-current-revision").output.strip() == ""
    assert app.table_names() == {app.version_table}
    history = run("history", "--indicate-current").output
    assert "r1 -> r2 (head), two" in history
    assert "Revision ID: r2" in run("show", "r2").output


def test_relative_downgrade_offline_sql_and_check_async(async_app: AppModule, project_dir: Path) -> None:
    _relative_and_offline(async_app, make_runner(async_app))


def test_relative_downgrade_offline_sql_and_check_sync(sync_app: AppModule, project_dir: Path) -> None:
    _relative_and_offline(sync_app, make_runner(sync_app))


@pytest.mark.parametrize("directory", ["./alembic", "alembic"])
def test_custom_script_location(async_backend: Backend, tmp_path: Path, project_dir: Path, directory: str) -> None:
    with isolated_database(async_backend, tmp_path) as url:
        app = write_app_module(project_dir, url, async_backend.family, is_async=True, script_location="./alembic/")
        run = make_runner(app)
        run("init", directory, "--no-prompt")
        assert (project_dir / "alembic" / "env.py").is_file()
        assert not (project_dir / "migrations").exists()
        run("make-migrations", "-m", "first", "--no-prompt")
        assert len(list((project_dir / "alembic" / "versions").glob("*.py"))) == 1
        run("upgrade", "--no-prompt")
        assert app.table_names() == {"mig_author", "mig_book", app.version_table}
        run("downgrade", "base", "--no-prompt")
        assert app.table_names() == {app.version_table}
