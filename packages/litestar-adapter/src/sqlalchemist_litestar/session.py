"""Server-side sessions stored in a SQLAlchemy table, for Litestar's ``ServerSideSessionConfig``.

Example::

    session_config = ServerSideSessionConfig(max_age=3600)
    SQLAlchemyAsyncSessionBackend(config=session_config, alchemy_config=alchemy_config, model=UserSession)
    app = Litestar(plugins=[SQLAlchemyPlugin(config=alchemy_config)], middleware=[session_config.middleware])
"""

from __future__ import annotations

from sqlalchemist_litestar._session_backend import (
    SQLAlchemyAsyncSessionBackend,
    SQLAlchemySessionBackendBase,
    SQLAlchemySyncSessionBackend,
)
from sqlalchemist_sessions import AsyncSessionStore, SessionModelMixin, SyncSessionStore

__all__ = (
    "AsyncSessionStore",
    "SQLAlchemyAsyncSessionBackend",
    "SQLAlchemySessionBackendBase",
    "SQLAlchemySyncSessionBackend",
    "SessionModelMixin",
    "SyncSessionStore",
)
