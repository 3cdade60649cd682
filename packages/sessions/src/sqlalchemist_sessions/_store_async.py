"""AsyncSessionStore: session rows read and written through an engine, one short transaction per call.

``_store_async.py`` is the source; ``_store_sync.py`` is generated from it by unasyncd.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from sqlalchemy.ext.asyncio import AsyncEngine

from sqlalchemist_sessions import _statements as st
from sqlalchemist_sessions._store_common import SessionModelT, StoreBase

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

__all__ = ("AsyncEngineSource", "AsyncSessionStore")


class AsyncEngineSource(Protocol):
    """Anything that hands out an engine, such as the matching ``SQLAlchemy*Config``."""

    def get_engine(self) -> AsyncEngine:
        """Return the engine."""
        ...


class AsyncSessionStore(StoreBase[SessionModelT]):
    """Server-side session storage in the table of ``model``, over an engine or a config.

    Example: ``store = AsyncSessionStore(config, UserSession)``; ``await store.set("abc", b"{}", expires_in=3600)``.
    """

    __slots__ = ("_bind",)

    def __init__(
        self,
        bind: AsyncEngine | AsyncEngineSource,
        model: type[SessionModelT],
        *,
        clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        """Store sessions of ``model`` through ``bind`` (an engine or an object with ``get_engine()``)."""
        super().__init__(model, clock=clock)
        self._bind = bind

    @property
    def engine(self) -> AsyncEngine:
        """The engine the store uses."""
        return self._bind if isinstance(self._bind, AsyncEngine) else self._bind.get_engine()

    async def get(self, session_id: str, *, renew_for: st.Expiry = None) -> bytes | None:
        """Return the data of a live session (never an expired one); ``renew_for`` moves its expiry."""
        now = self.now()
        async with self.engine.begin() as conn:
            result = await conn.execute(st.live_data_statement(self.table, session_id, now))
            data: bytes | None = result.scalar_one_or_none()
            if data is not None and renew_for is not None:
                expires_at = st.expiry_after(now, renew_for)
                if expires_at is not None:
                    await conn.execute(st.renew_statement(self.table, session_id, expires_at, now))
        return data

    async def set(self, session_id: str, data: bytes | str, *, expires_in: st.Expiry = None) -> None:
        """Create or replace a session with one upsert, setting ``expires_at`` to ``expires_in`` from now."""
        now = self.now()
        value = data.encode() if isinstance(data, str) else data
        expires_at = st.expiry_after(now, expires_in)
        async with self.engine.begin() as conn:
            name = conn.dialect.name
            if st.supports_upsert(name):
                await conn.execute(
                    st.upsert_statement(
                        name, self.table, session_id=session_id, data=value, expires_at=expires_at, now=now
                    )
                )
                return
            result = await conn.execute(
                st.update_statement(self.table, session_id=session_id, data=value, expires_at=expires_at, now=now)
            )
            if result.rowcount == 0:
                await conn.execute(
                    st.insert_statement(self.table, session_id=session_id, data=value, expires_at=expires_at, now=now)
                )

    async def delete(self, session_id: str) -> None:
        """Delete a session; nothing happens when it does not exist."""
        async with self.engine.begin() as conn:
            await conn.execute(st.delete_statement(self.table, session_id))

    async def delete_all(self) -> None:
        """Delete every session of the table."""
        async with self.engine.begin() as conn:
            await conn.execute(st.delete_all_statement(self.table))

    async def delete_expired(self) -> int:
        """Delete the expired sessions and return how many were removed."""
        async with self.engine.begin() as conn:
            result = await conn.execute(st.delete_expired_statement(self.table, self.now()))
        return int(result.rowcount)
