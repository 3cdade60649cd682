"""Migrations and fixtures from Python: init, autogenerate, upgrade, then dump and load a table of passwords."""

from __future__ import annotations

from sqlalchemy import Column, Integer, MetaData, String, Table, delete, insert, inspect, select

from sqlalchemist.alembic import AlembicCommands
from sqlalchemist.config import AlembicSyncConfig, SQLAlchemySyncConfig
from sqlalchemist.types import PasswordHash

metadata = MetaData()
account = Table(
    "docs_account",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("email", String(100), nullable=False),
    Column("password", PasswordHash(length=128), nullable=False),
)

EXPECTED = {
    "created": ("README", "env.py", "script.py.mako", "versions/"),
    "tables": ["alembic_versions", "docs_account"],
    "dumped": ["docs_account"],
    "loaded": {"docs_account": 1},
    "same_hash": True,
    "verifies": True,
}


def main() -> dict[str, object]:
    """Create the migrations folder, migrate, then dump the accounts and load them back."""
    config = SQLAlchemySyncConfig(
        connection_string="sqlite:///docs_migrations.sqlite",
        metadata=metadata,
        alembic_config=AlembicSyncConfig(script_location="migrations"),
    )
    commands = AlembicCommands(config)
    created = commands.init()  # what `sqlalchemist database init` runs
    commands.revision("create accounts")  # `make-migrations -m "create accounts"`
    commands.upgrade()  # `upgrade`
    engine = config.get_engine()
    with engine.begin() as conn:
        conn.execute(insert(account), [{"email": "ada@example.com", "password": "correct horse"}])
        before = conn.execute(select(account.c.password)).scalar_one()
    files = commands.dump_data(["docs_account"], "fixtures")  # `dump-data --table docs_account`
    with engine.begin() as conn:
        conn.execute(delete(account))
    loaded = commands.load_data(["docs_account"], "fixtures")  # `load-data --table docs_account`
    with engine.connect() as conn:
        after = conn.execute(select(account.c.password)).scalar_one()
        tables = sorted(inspect(conn).get_table_names())
    config.close_engine()
    return {
        "created": created.files,
        "tables": tables,
        "dumped": list(files),
        "loaded": loaded,
        "same_hash": after.hash_string == before.hash_string,
        "verifies": after.verify("correct horse"),
    }


if __name__ == "__main__":
    print(main())
