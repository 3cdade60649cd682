"""Alembic environment for a sync engine; sqlalchemist hands over the engine and metadata in the config."""

from __future__ import annotations

from typing import Any

from alembic import context
from sqlalchemy.engine import Engine

from sqlalchemist.alembic.commands import AlembicCommandConfig


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


def run_migrations_online() -> None:
    """Connect with the config's engine and run the migrations in one transaction."""
    engine = config.engine
    if not isinstance(engine, Engine):
        msg = f"the sync env.py needs an Engine, got {type(engine).__name__}; use the asyncio template"
        raise TypeError(msg)
    with engine.connect() as connection:
        configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
