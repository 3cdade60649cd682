"""Alembic environment for several configs: each bind is migrated in turn with its own engine and metadata."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from alembic import context
from sqlalchemy.ext.asyncio import AsyncEngine

from sqlalchemist.alembic.commands import AlembicCommandConfig

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

    from sqlalchemist.alembic._binds import MigrationBind


def sqlalchemist_config() -> AlembicCommandConfig:
    """Return the config sqlalchemist passed to alembic; plain ``alembic`` runs get an error saying what to run."""
    given = context.config
    if not isinstance(given, AlembicCommandConfig):
        msg = "this env.py runs under sqlalchemist: use `sqlalchemist database ...` or `litestar database ...`"
        raise RuntimeError(msg)
    if not given.binds:
        msg = "this multidb env.py needs the configs sharing its folder; several configs must use this script_location"
        raise RuntimeError(msg)
    given.check_binds()
    return given


config = sqlalchemist_config()


def migrate(bind: MigrationBind, **options: Any) -> None:
    """Run the revisions' ``upgrade_<bind>`` / ``downgrade_<bind>`` functions for one bind, in one transaction."""
    context.configure(
        target_metadata=bind.target_metadata,
        version_table=bind.version_table_name,
        version_table_schema=bind.version_table_schema,
        render_as_batch=bind.render_as_batch,
        compare_type=bind.compare_type,
        user_module_prefix=bind.user_module_prefix,
        render_item=config.render_item,
        include_name=config.include_name_for(bind),
        upgrade_token=bind.upgrade_token,
        downgrade_token=bind.downgrade_token,
        **options,
    )
    with context.begin_transaction():
        context.run_migrations(bind_name=bind.name)


def run_offline(bind: MigrationBind) -> None:
    """Write one bind's migration SQL (``--sql``) without connecting to its database."""
    migrate(bind, url=bind.engine.url, literal_binds=True, dialect_opts={"paramstyle": "named"})


async def run_async(bind: MigrationBind, engine: AsyncEngine) -> None:
    """Migrate a bind with an async engine, then release the engine's connections."""
    try:
        async with engine.connect() as connection:
            await connection.run_sync(lambda sync_connection: run_on(bind, sync_connection))
    finally:
        await engine.dispose()


def run_on(bind: MigrationBind, connection: Connection) -> None:
    """Migrate a bind on an open connection."""
    migrate(bind, connection=connection)


def run_online(bind: MigrationBind) -> None:
    """Connect with the bind's engine (sync or async) and migrate it."""
    engine = bind.engine
    if isinstance(engine, AsyncEngine):
        asyncio.run(run_async(bind, engine))
        return
    with engine.connect() as connection:
        run_on(bind, connection)


for selected in config.selected_binds:
    if len(config.selected_binds) > 1:
        config.print_stdout(f"-- bind {selected.name}: {selected.engine.url.render_as_string(hide_password=True)}")
    if context.is_offline_mode():
        run_offline(selected)
    else:
        run_online(selected)
