"""Fixtures for the migration tests: an isolated database, a generated app module and a CLI runner on it."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sqlalchemist.cli import sqlalchemist_group
from tests.conftest import Backend
from tests.core.migrations._support import AppModule, isolated_database, write_app_module

RunCli = Callable[..., Result]


@pytest.fixture
def project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A working folder that is the current directory and on sys.path; generated modules are forgotten after."""
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    monkeypatch.syspath_prepend(str(folder))
    before = set(sys.modules)
    yield folder
    for name in set(sys.modules) - before:
        if name.startswith("mig_app_"):
            del sys.modules[name]


def _app(backend: Backend, tmp_path: Path, project_dir: Path) -> Iterator[AppModule]:
    with isolated_database(backend, tmp_path) as url:
        yield write_app_module(project_dir, url, backend.family, is_async=backend.is_async)


@pytest.fixture
def async_app(async_backend: Backend, tmp_path: Path, project_dir: Path) -> Iterator[AppModule]:
    yield from _app(async_backend, tmp_path, project_dir)


@pytest.fixture
def sync_app(sync_backend: Backend, tmp_path: Path, project_dir: Path) -> Iterator[AppModule]:
    yield from _app(sync_backend, tmp_path, project_dir)


def make_runner(app: AppModule) -> RunCli:
    """Return ``run(*args, attr="config", input=None)`` invoking ``sqlalchemist database --config app:attr ...``."""

    def run(*args: str, attr: str = "config", input: str | None = None, ok: bool = True) -> Result:
        result = CliRunner().invoke(
            sqlalchemist_group, ["database", "--config", f"{app.name}:{attr}", *args], input=input
        )
        if ok:
            assert result.exit_code == 0, (result.output, result.exception)
        return result

    return run
