"""Framework-free configuration: engine, session and alembic settings in one object per database.

Example: ``config = SQLAlchemyAsyncConfig(connection_string="sqlite+aiosqlite:///db.sqlite3",
session_config=AsyncSessionConfig(expire_on_commit=False), create_all=True)``.
"""

from __future__ import annotations

from sqlalchemist.config._alembic import AlembicAsyncConfig, AlembicSyncConfig
from sqlalchemist.config._asyncio import SQLAlchemyAsyncConfig
from sqlalchemist.config._common import SQLAlchemyConfigBase
from sqlalchemist.config._empty import Empty, EmptyType
from sqlalchemist.config._engine import EngineConfig
from sqlalchemist.config._session import AsyncSessionConfig, SyncSessionConfig
from sqlalchemist.config._sync import SQLAlchemySyncConfig

__all__ = (
    "AlembicAsyncConfig",
    "AlembicSyncConfig",
    "AsyncSessionConfig",
    "Empty",
    "EmptyType",
    "EngineConfig",
    "SQLAlchemyAsyncConfig",
    "SQLAlchemyConfigBase",
    "SQLAlchemySyncConfig",
    "SyncSessionConfig",
)
