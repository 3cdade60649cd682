"""The databases one migrations folder serves: one bind per config, several in a ``--multidb`` environment."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from collections.abc import Sequence

    from alembic.runtime.environment import IncludeNameFn, NameFilterParentNames
    from sqlalchemy import MetaData
    from sqlalchemy.engine import Engine
    from sqlalchemy.ext.asyncio import AsyncEngine

    from sqlalchemist.config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig

__all__ = (
    "DEFAULT_BIND_NAME",
    "MigrationBind",
    "bind_name",
    "check_binds",
    "hide_other_binds",
    "migration_binds",
    "same_folder",
)

DEFAULT_BIND_NAME = "default"
"""The name revisions use for the config whose bind key is None (``upgrade_default()``)."""


@dataclass(frozen=True)
class MigrationBind:
    """One config as a multidb ``env.py`` sees it: its engine, metadata and version table, under a name."""

    name: str
    bind_key: str | None
    engine: Engine | AsyncEngine
    target_metadata: MetaData | None
    version_table_name: str
    version_table_schema: str | None
    render_as_batch: bool
    compare_type: bool
    user_module_prefix: str | None

    @property
    def upgrade_token(self) -> str:
        """The template variable (and revision function) holding this bind's upgrade operations."""
        return f"upgrade_{self.name}"

    @property
    def downgrade_token(self) -> str:
        """The template variable (and revision function) holding this bind's downgrade operations."""
        return f"downgrade_{self.name}"


def bind_name(bind_key: str | None) -> str:
    """The name of a bind in revision functions: the bind key, or ``default`` for None."""
    return DEFAULT_BIND_NAME if bind_key is None else bind_key


def same_folder(first: str, second: str) -> bool:
    """Whether two ``script_location`` values name the same folder (``./alembic/`` and ``alembic`` do)."""
    return os.path.normpath(first) == os.path.normpath(second)


def _bind(config: SQLAlchemyAsyncConfig | SQLAlchemySyncConfig) -> MigrationBind:
    settings = config.alembic_config
    return MigrationBind(
        name=bind_name(config.bind_key),
        bind_key=config.bind_key,
        engine=config.get_engine(),
        target_metadata=settings.target_metadata or config.metadata,
        version_table_name=settings.version_table_name,
        version_table_schema=settings.version_table_schema,
        render_as_batch=settings.render_as_batch,
        compare_type=settings.compare_type,
        user_module_prefix=settings.user_module_prefix,
    )


def _version_table_key(bind: MigrationBind) -> tuple[str, str | None, str]:
    url = bind.engine.url.render_as_string(hide_password=True)
    return url, bind.version_table_schema, bind.version_table_name


def migration_binds(configs: Sequence[SQLAlchemyAsyncConfig | SQLAlchemySyncConfig]) -> tuple[MigrationBind, ...]:
    """Return one bind per config."""
    return tuple(_bind(config) for config in configs)


def check_binds(binds: Sequence[MigrationBind]) -> None:
    """Refuse names that are not identifiers or are used twice, and two binds sharing one version table."""
    names: dict[str, MigrationBind] = {}
    tables: dict[tuple[str, str | None, str], MigrationBind] = {}
    for bind in binds:
        if not bind.name.isidentifier():
            msg = f"bind key {bind.bind_key!r} cannot name revision functions (upgrade_<bind key>); use an identifier"
            raise ImproperConfigurationError(msg)
        if bind.name in names:
            msg = f"bind keys {names[bind.name].bind_key!r} and {bind.bind_key!r} both name the bind {bind.name!r}"
            raise ImproperConfigurationError(msg)
        names[bind.name] = bind
        key = _version_table_key(bind)
        if key in tables:
            msg = (
                f"bind keys {tables[key].bind_key!r} and {bind.bind_key!r} record their revisions in the same "
                f"version table {bind.version_table_name!r} of {key[0]}; give each its own "
                "alembic_config.version_table_name"
            )
            raise ImproperConfigurationError(msg)
        tables[key] = bind


def _owned(bind: MigrationBind) -> set[tuple[str | None, str]]:
    tables = {(bind.version_table_schema, bind.version_table_name)}
    if bind.target_metadata is not None:
        tables |= {(table.schema, table.name) for table in bind.target_metadata.tables.values()}
    return tables


def hide_other_binds(binds: Sequence[MigrationBind], bind: MigrationBind) -> IncludeNameFn:
    """An autogenerate ``include_name`` hook: ``bind`` does not see the tables of the other binds of its database."""
    mine = _owned(bind)
    theirs: set[tuple[str | None, str]] = set()
    for other in binds:
        if other is not bind:
            theirs |= _owned(other) - mine

    def include_name(name: str | None, type_: str, parent_names: NameFilterParentNames) -> bool:
        if type_ != "table" or name is None:
            return True
        return (parent_names.get("schema_name"), name) not in theirs

    return include_name
