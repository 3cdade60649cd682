"""sqlalchemist-sessions: framework-free server-side session storage on SQLAlchemy.

Example::

    class UserSession(SessionModelMixin):
        __tablename__ = "user_sessions"


    store = AsyncSessionStore(engine, UserSession)
    await store.set("session-id", b'{"user_id": 1}', expires_in=3600)
"""

from __future__ import annotations

from sqlalchemist_sessions._model import SESSION_ID_MAX_LENGTH, SessionModelMixin, SessionTableArgs
from sqlalchemist_sessions._statements import Expiry
from sqlalchemist_sessions._store_async import AsyncEngineSource, AsyncSessionStore
from sqlalchemist_sessions._store_sync import SyncEngineSource, SyncSessionStore

__version__ = "0.1.0"

__all__ = (
    "SESSION_ID_MAX_LENGTH",
    "AsyncEngineSource",
    "AsyncSessionStore",
    "Expiry",
    "SessionModelMixin",
    "SessionTableArgs",
    "SyncEngineSource",
    "SyncSessionStore",
    "__version__",
)
