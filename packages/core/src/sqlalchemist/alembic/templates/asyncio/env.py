"""Alembic environment for an async engine; sqlalchemist hands over the engine and metadata in the config."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

from alembic import context
from sqlalchemy.ext.asyncio import AsyncEngine

from sqlalchemist.alembic.commands import AlembicCommandConfig

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection


def sqlalchemist_config() -> AlembicCommandConfig:
    """Return the config sqlalchemist passed to alembic; plain ``alembic`` runs get an error saying what to run."""
    given = context.config
    if not isinstance(given, AlembicCommandConfig):
        msg = "this env.py runs under sqlalchemist: use `sqlalchemist database ...` or `litestar database ...`"
        raise RuntimeError(msg)
    return given


config = sqlalchemist_config()


def configure(**options: Any) -> None:
    """Pass the sqlalchemist settings (metadata, version table, type rendering) to alembic."""
    context.configure(
        target_metadata=config.target_metadata,
        version_table=config.version_table_name,
        version_table_schema=config.version_table_schema,
        render_as_batch=config.render_as_batch,
        compare_type=config.compare_type,
        user_module_prefix=config.user_module_prefix,
        render_item=config.render_item,
        **options,
    )


def run_migrations_offline() -> None:
    """Write the migration SQL (``--sql``) without connecting to the database."""
    configure(url=config.engine.url, literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def do_run_migrations(connection: Connection) -> None:
    """Run the migrations on ``connection`` in one transaction."""
    configure(connection=connection)
    with context.begin_transaction():
        context.run_migrations()


async def run_migrations_online() -> None:
    """Connect with the config's async engine, run the migrations, then release the engine's connections."""
    engine = config.engine
    if not isinstance(engine, AsyncEngine):
        msg = f"the asyncio env.py needs an AsyncEngine, got {type(engine).__name__}; use the sync template"
        raise TypeError(msg)
    try:
        async with engine.connect() as connection:
            await connection.run_sync(do_run_migrations)
    finally:
        await engine.dispose()


if context.is_offline_mode():
    run_migrations_offline()
else:
    asyncio.run(run_migrations_online())
