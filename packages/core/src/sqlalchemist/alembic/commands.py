"""Alembic commands driven by a sqlalchemist config, and the alembic ``Config`` an ``env.py`` reads them from.

Example: ``AlembicCommands(sqlalchemy_config=config).revision("add authors", autogenerate=True)``.
"""

from __future__ import annotations

import contextlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from alembic import command
from alembic.config import Config

from sqlalchemist.alembic._binds import (
    MigrationBind,
    bind_name,
    check_binds,
    hide_other_binds,
    migration_binds,
    same_folder,
)
from sqlalchemist.alembic._data import drop_tables, dump_tables, load_tables
from sqlalchemist.alembic._render import render_item
from sqlalchemist.alembic._runner import outside_event_loop
from sqlalchemist.config._alembic import DEFAULT_TEMPLATE_PATH
from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from argparse import Namespace
    from collections.abc import Callable, Mapping, Sequence

    from alembic.autogenerate.api import AutogenContext
    from alembic.runtime.environment import IncludeNameFn
    from alembic.script import Script
    from sqlalchemy import MetaData
    from sqlalchemy.engine import Engine
    from sqlalchemy.ext.asyncio import AsyncEngine

    from sqlalchemist.config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig

__all__ = ("TEMPLATES_DIRECTORY", "AlembicCommandConfig", "AlembicCommands")

TEMPLATES_DIRECTORY = Path(DEFAULT_TEMPLATE_PATH)
"""sqlalchemist's alembic project templates: ``asyncio`` and ``sync``."""


class AlembicCommandConfig(Config):
    """An alembic ``Config`` that also carries the engine, metadata and settings our ``env.py`` templates use.

    Example (in ``env.py``): ``config = context.config``; ``config.engine``, ``config.target_metadata``.
    """

    def __init__(
        self,
        engine: Engine | AsyncEngine,
        version_table_name: str,
        *,
        sqlalchemy_config: SQLAlchemyAsyncConfig | SQLAlchemySyncConfig | None = None,
        target_metadata: MetaData | None = None,
        bind_key: str | None = None,
        file_: str | Path | None = None,
        ini_section: str = "alembic",
        output_buffer: TextIO | None = None,
        stdout: TextIO | None = None,
        cmd_opts: Namespace | None = None,
        config_args: Mapping[str, Any] | None = None,
        attributes: dict[str, Any] | None = None,
        script_location: str | None = None,
        template_directory: str | Path | None = None,
        version_table_schema: str | None = None,
        render_as_batch: bool = True,
        compare_type: bool = False,
        user_module_prefix: str | None = "sa.",
        render_item: Callable[[str, Any, AutogenContext], Any] | None = render_item,
        binds: Sequence[MigrationBind] = (),
        only_bind: str | None = None,
    ) -> None:
        """Build the alembic config; ``script_location`` overrides the one in the ini file.

        ``binds`` are the configs a multidb ``env.py`` migrates (``only_bind`` names the one to run, None for all).
        """
        super().__init__(
            file_=str(file_) if file_ is not None else None,
            ini_section=ini_section,
            output_buffer=output_buffer,
            stdout=sys.stdout if stdout is None else stdout,
            cmd_opts=cmd_opts,
            config_args=dict(config_args or {}),
            attributes=attributes,
        )
        self.engine = engine
        self.sqlalchemy_config = sqlalchemy_config
        self.target_metadata = target_metadata
        self.bind_key = bind_key
        self.version_table_name = version_table_name
        self.version_table_schema = version_table_schema
        self.render_as_batch = render_as_batch
        self.compare_type = compare_type
        self.user_module_prefix = user_module_prefix
        self.render_item = render_item
        self.template_directory = Path(template_directory) if template_directory else TEMPLATES_DIRECTORY
        self.binds = tuple(binds)
        self.only_bind = only_bind
        if script_location is not None:
            self.set_main_option("script_location", script_location.replace("%", "%%"))

    @property
    def is_async(self) -> bool:
        """True when ``engine`` is an ``AsyncEngine`` (the ``asyncio`` template's ``env.py`` drives it)."""
        from sqlalchemy.ext.asyncio import AsyncEngine

        return isinstance(self.engine, AsyncEngine)

    @property
    def selected_binds(self) -> tuple[MigrationBind, ...]:
        """The binds a multidb ``env.py`` runs: all of them, or the one named by ``only_bind``."""
        if self.only_bind is None:
            return self.binds
        return tuple(bind for bind in self.binds if bind.name == self.only_bind)

    def include_name_for(self, bind: MigrationBind) -> IncludeNameFn:
        """An autogenerate ``include_name`` hook hiding the other binds' tables and version tables from ``bind``."""
        return hide_other_binds(self.binds, bind)

    def check_binds(self) -> None:
        """Fail unless each bind has an identifier name used once and a version table of its own."""
        check_binds(self.binds)

    def get_template_directory(self) -> str:
        """Return the folder holding the ``asyncio`` and ``sync`` project templates."""
        return str(self.template_directory)


@dataclass(frozen=True)
class InitResult:
    """What :meth:`AlembicCommands.init` wrote: the migrations folder, its files, and the ini file if it was new."""

    directory: Path
    files: tuple[str, ...]
    config_file: Path
    config_file_created: bool


def _template_directory(template_path: str) -> Path:
    path = Path(template_path)
    if not path.is_dir():
        msg = f"alembic_config.template_path {template_path!r} is not a folder; expected one holding asyncio/ and sync/"
        raise ImproperConfigurationError(msg)
    return path


def _with_config(
    config: SQLAlchemyAsyncConfig | SQLAlchemySyncConfig,
    multidb: Sequence[SQLAlchemyAsyncConfig | SQLAlchemySyncConfig],
) -> list[SQLAlchemyAsyncConfig | SQLAlchemySyncConfig]:
    """The configs of a multidb folder, ``config`` included; they must all use its ``script_location``."""
    if not multidb:
        return []
    shared = list(multidb) if any(item is config for item in multidb) else [config, *multidb]
    location = config.alembic_config.script_location
    strays = [item for item in shared if not same_folder(item.alembic_config.script_location, location)]
    if strays:
        msg = f"the configs of a multidb migrations folder must share its script_location {location!r}; " + ", ".join(
            f"bind key {item.bind_key!r} uses {item.alembic_config.script_location!r}" for item in strays
        )
        raise ImproperConfigurationError(msg)
    return shared


class AlembicCommands:
    """The alembic commands for one sqlalchemist config: ``init``, ``revision``, ``upgrade``, ``downgrade`` and more.

    Example: ``AlembicCommands(sqlalchemy_config=config).upgrade()``; for one migrations folder serving several
    configs: ``AlembicCommands(config, multidb=[config, analytics_config]).upgrade()``.
    """

    def __init__(
        self,
        sqlalchemy_config: SQLAlchemyAsyncConfig | SQLAlchemySyncConfig,
        *,
        stdout: TextIO | None = None,
        multidb: Sequence[SQLAlchemyAsyncConfig | SQLAlchemySyncConfig] = (),
        only_this_bind: bool = False,
    ) -> None:
        """Read the engine, metadata and alembic settings from ``sqlalchemy_config``.

        ``multidb`` lists every config sharing its migrations folder (a multidb environment); with
        ``only_this_bind`` the migration commands run for ``sqlalchemy_config`` alone.
        """
        self.sqlalchemy_config = sqlalchemy_config
        settings = sqlalchemy_config.alembic_config
        shared = _with_config(sqlalchemy_config, multidb)
        binds = migration_binds(shared) if shared else ()
        self.config = AlembicCommandConfig(
            engine=sqlalchemy_config.get_engine(),
            version_table_name=settings.version_table_name,
            version_table_schema=settings.version_table_schema,
            sqlalchemy_config=sqlalchemy_config,
            target_metadata=settings.target_metadata or sqlalchemy_config.metadata,
            bind_key=sqlalchemy_config.bind_key,
            file_=settings.script_config,
            stdout=stdout,
            script_location=settings.script_location,
            template_directory=_template_directory(settings.template_path),
            render_as_batch=settings.render_as_batch,
            compare_type=settings.compare_type,
            user_module_prefix=settings.user_module_prefix,
            binds=binds,
            only_bind=bind_name(sqlalchemy_config.bind_key) if binds and only_this_bind else None,
        )

    @property
    def is_multidb(self) -> bool:
        """True when this folder serves several configs from one ``env.py``."""
        return bool(self.config.binds)

    @property
    def script_location(self) -> str:
        """The migrations folder this config uses."""
        return self.sqlalchemy_config.alembic_config.script_location

    def init(self, directory: str | None = None, *, package: bool = False) -> InitResult:
        """Create the migrations folder (default: the config's ``script_location``) from our template, silently.

        Alembic's own messages (which ask to edit connection settings in the ini file) are not printed.
        """
        template = "multidb" if self.is_multidb else "asyncio" if self.config.is_async else "sync"
        self.config.check_binds()
        target = Path(directory or self.script_location)
        config_file = Path(self.sqlalchemy_config.alembic_config.script_config)  # what the Config was made with
        existed = config_file.exists()
        with contextlib.redirect_stdout(io.StringIO()):
            command.init(self.config, directory=str(target), template=template, package=package)
        files = sorted(path.name + ("/" if path.is_dir() else "") for path in target.iterdir())
        return InitResult(
            directory=target, files=tuple(files), config_file=config_file, config_file_created=not existed
        )

    def revision(
        self,
        message: str | None = None,
        *,
        autogenerate: bool = True,
        sql: bool = False,
        head: str = "head",
        splice: bool = False,
        branch_label: str | None = None,
        version_path: str | None = None,
        rev_id: str | None = None,
        depends_on: str | None = None,
    ) -> Script | list[Script | None] | None:
        """Create a new revision, comparing the metadata with the database when ``autogenerate``."""
        if autogenerate:
            for bind in self.config.binds:
                if bind.target_metadata is None:
                    msg = f"bind {bind.name!r} has no metadata to compare; pass metadata=YourBase.metadata"
                    raise ImproperConfigurationError(msg)
            if self.config.target_metadata is None:
                self.sqlalchemy_config.get_metadata()
        return outside_event_loop(
            lambda: command.revision(
                self.config,
                message=message,
                autogenerate=autogenerate,
                sql=sql,
                head=head,
                splice=splice,
                branch_label=branch_label,
                version_path=version_path,
                rev_id=rev_id,
                depends_on=depends_on,
            )
        )

    def upgrade(self, revision: str = "head", *, sql: bool = False, tag: str | None = None) -> None:
        """Upgrade the database to ``revision``."""
        outside_event_loop(lambda: command.upgrade(self.config, revision, sql=sql, tag=tag))

    def downgrade(self, revision: str = "-1", *, sql: bool = False, tag: str | None = None) -> None:
        """Downgrade the database to ``revision`` (``-1`` by default, ``base`` for none)."""
        outside_event_loop(lambda: command.downgrade(self.config, revision, sql=sql, tag=tag))

    def stamp(self, revision: str, *, sql: bool = False, tag: str | None = None, purge: bool = False) -> None:
        """Record ``revision`` as current without running migrations."""
        outside_event_loop(lambda: command.stamp(self.config, revision, sql=sql, tag=tag, purge=purge))

    def merge(
        self,
        revisions: str | Sequence[str] = "heads",
        *,
        message: str | None = None,
        branch_label: str | None = None,
        rev_id: str | None = None,
    ) -> Script | None:
        """Create a revision merging ``revisions`` (by default every current head)."""
        return command.merge(
            self.config, list(revisions) if not isinstance(revisions, str) else revisions, message, branch_label, rev_id
        )

    def check(self) -> None:
        """Fail with ``AutogenerateDiffsDetected`` when the metadata and the database differ."""
        outside_event_loop(lambda: command.check(self.config))

    def current(self, *, verbose: bool = False) -> None:
        """Print the revision(s) the database is at."""
        outside_event_loop(lambda: command.current(self.config, verbose=verbose))

    def heads(self, *, verbose: bool = False, resolve_dependencies: bool = False) -> None:
        """Print the head revisions of the migrations folder."""
        command.heads(self.config, verbose=verbose, resolve_dependencies=resolve_dependencies)

    def history(self, rev_range: str | None = None, *, verbose: bool = False, indicate_current: bool = False) -> None:
        """Print the revisions, newest first."""
        outside_event_loop(
            lambda: command.history(self.config, rev_range, verbose=verbose, indicate_current=indicate_current)
        )

    def branches(self, *, verbose: bool = False) -> None:
        """Print the branch points."""
        command.branches(self.config, verbose=verbose)

    def show(self, rev: str = "head") -> None:
        """Print one revision."""
        outside_event_loop(lambda: command.show(self.config, rev))

    def drop_all(self) -> list[str]:
        """Drop the metadata's tables and the version table; return the names of the tables dropped."""
        return drop_tables(
            self.config.engine,
            self._metadata(),
            version_table=self.config.version_table_name,
            version_table_schema=self.config.version_table_schema,
        )

    def dump_data(
        self,
        tables: Sequence[str] = ("*",),
        directory: str | Path = "fixtures",
        *,
        batch_size: int = 1000,
        progress: bool = False,
    ) -> dict[str, Path]:
        """Write each table (``*`` for all of the metadata's) to ``<directory>/<table>.json``; return the files."""
        return dump_tables(
            self.config.engine,
            self._metadata(),
            tables,
            Path(directory),
            batch_size=batch_size,
            progress=progress,
        )

    def load_data(
        self, tables: Sequence[str] = ("*",), directory: str | Path = "fixtures", *, batch_size: int = 1000
    ) -> dict[str, int]:
        """Insert the rows of ``<directory>/<table>.json`` (or ``.json.gz``) into each table; return the counts."""
        return load_tables(self.config.engine, self._metadata(), tables, Path(directory), batch_size=batch_size)

    def _metadata(self) -> MetaData:
        if self.config.target_metadata is not None:
            return self.config.target_metadata
        return self.sqlalchemy_config.get_metadata()
