"""Server-side session backends for Litestar that keep sessions in a SQLAlchemy table.

Building a backend attaches it to its ``ServerSideSessionConfig``, so ``session_config.middleware`` stores sessions
in the database rather than in the app's default memory store.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

import anyio.to_thread
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.exceptions import SerializationException
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.types import Empty

from sqlalchemist.exceptions import ImproperConfigurationError

try:
    from sqlalchemist_sessions import AsyncSessionStore, SessionModelMixin, SyncSessionStore
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    from sqlalchemist.exceptions import MissingDependencyError

    raise MissingDependencyError(
        "sqlalchemist-sessions", install='pip install "sqlalchemist-litestar[sessions]"', feature="session backends"
    ) from exc

if TYPE_CHECKING:
    import datetime
    from collections.abc import Callable

    from litestar.connection import ASGIConnection
    from litestar.stores.base import Store
    from litestar.types import Message, ScopeSession

    from sqlalchemist.config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig

__all__ = ("SQLAlchemyAsyncSessionBackend", "SQLAlchemySessionBackendBase", "SQLAlchemySyncSessionBackend")

SessionModelT = TypeVar("SessionModelT", bound="SessionModelMixin")

_LOADED_KEY = "_sqlalchemist_session_id"
"""Scope key holding the cookie's session id once it matched a live session row in this request."""


def _scope(connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
    return cast("dict[str, Any]", connection.scope)


class SQLAlchemySessionBackendBase(ServerSideSessionBackend, Generic[SessionModelT]):
    """Shared cookie handling: only ids of live sessions are reused, and empty new sessions are not stored."""

    def __init__(self, config: ServerSideSessionConfig, model: type[SessionModelT]) -> None:
        """Check ``config`` and attach this backend to it, so ``config.middleware`` uses it."""
        if not isinstance(cast("object", config), ServerSideSessionConfig):
            msg = (
                f"{type(self).__name__} expected config=ServerSideSessionConfig(...), got {type(config).__name__}; "
                "import it from litestar.middleware.session.server_side"
            )
            raise ImproperConfigurationError(msg)
        super().__init__(config=config)
        self.model = model
        vars(config)["_backend_class"] = self._for_config

    def _for_config(self, *, config: ServerSideSessionConfig) -> SQLAlchemySessionBackendBase[SessionModelT]:
        return self

    def _renew_for(self) -> int | None:
        return int(self.config.max_age) if self.config.renew_on_access else None

    @abstractmethod
    async def get(self, session_id: str, store: Store | None = None) -> bytes | None:
        """Return the data of the live session ``session_id``; ``store`` is ignored (the table is the store)."""
        raise NotImplementedError

    @abstractmethod
    async def set(self, session_id: str, data: bytes, store: Store | None = None) -> None:
        """Store ``data`` under ``session_id`` for ``max_age`` seconds; ``store`` is ignored."""
        raise NotImplementedError

    @abstractmethod
    async def delete(self, session_id: str, store: Store | None = None) -> None:
        """Delete the session ``session_id``; ``store`` is ignored."""
        raise NotImplementedError

    @abstractmethod
    async def delete_expired(self) -> int:
        """Delete the expired sessions and return how many were removed."""
        raise NotImplementedError

    @abstractmethod
    async def delete_all(self) -> None:
        """Delete every session."""
        raise NotImplementedError

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        """Return the cookie's id when it names a live session, else this request's new id (never a forged one)."""
        known = _scope(connection).get(_LOADED_KEY)
        if known:
            return cast("str", known)
        return connection.get_session_id() or self.generate_session_id()

    async def load_from_connection(self, connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
        """Load the session named by the cookie; an unknown, expired or unreadable one gives an empty session."""
        session_id = connection.cookies.get(self.config.key)
        if not session_id or session_id == "null":
            return {}
        data = await self.get(session_id)
        if data is None:
            return {}
        try:
            loaded = self.deserialize_data(data)
        except SerializationException:
            return {}
        _scope(connection)[_LOADED_KEY] = session_id
        return loaded

    async def store_in_message(
        self, scope_session: ScopeSession, message: Message, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> None:
        """Save the session and set its cookie, delete it after ``clear_session()``; skip empty new sessions."""
        known = _scope(connection).get(_LOADED_KEY)
        headers = MutableScopeHeaders.from_message(message)
        if scope_session is Empty or (not scope_session and not known):
            if known:
                await self.delete(known)
            if known or connection.cookies.get(self.config.key):
                headers.add("Set-Cookie", self._cookie("null", max_age=0).to_header(header=""))
            return
        session_id = self.get_session_id(connection)
        await self.set(session_id, self.serialize_data(scope_session, connection.scope))
        headers.add("Set-Cookie", self._cookie(session_id, max_age=self.config.max_age).to_header(header=""))

    def _cookie(self, value: str, *, max_age: int) -> Cookie:
        config = self.config
        return Cookie(
            key=config.key,
            value=value,
            max_age=max_age,
            path=config.path,
            domain=config.domain,
            secure=config.secure,
            httponly=config.httponly,
            samesite=config.samesite,
        )


def _check_alchemy_config(backend: str, alchemy_config: Any, *, is_async: bool) -> None:
    expected = "SQLAlchemyAsyncConfig" if is_async else "SQLAlchemySyncConfig"
    if not callable(getattr(alchemy_config, "get_engine", None)):
        msg = f"{backend} expected alchemy_config={expected}(...), got {alchemy_config!r}"
        raise ImproperConfigurationError(msg)
    if getattr(alchemy_config, "is_async", is_async) is not is_async:
        other = "SQLAlchemySyncSessionBackend" if is_async else "SQLAlchemyAsyncSessionBackend"
        msg = f"{backend} expected alchemy_config={expected}(...), got {type(alchemy_config).__name__}; use {other}"
        raise ImproperConfigurationError(msg)


class SQLAlchemyAsyncSessionBackend(SQLAlchemySessionBackendBase[SessionModelT]):
    """Server-side sessions in the table of ``model``, through an async SQLAlchemy config.

    Example: ``SQLAlchemyAsyncSessionBackend(config=session_config, alchemy_config=alchemy_config, model=UserSession)``
    then ``middleware=[session_config.middleware]``.
    """

    def __init__(
        self,
        config: ServerSideSessionConfig,
        alchemy_config: SQLAlchemyAsyncConfig,
        model: type[SessionModelT],
        *,
        clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        """Store sessions of ``model`` through ``alchemy_config`` and attach to ``config``."""
        _check_alchemy_config(type(self).__name__, alchemy_config, is_async=True)
        self.alchemy_config = alchemy_config
        self.store = AsyncSessionStore(alchemy_config, model, clock=clock)
        super().__init__(config, model)

    async def get(self, session_id: str, store: Store | None = None) -> bytes | None:
        """Return the data of the live session ``session_id``; ``store`` is ignored (the table is the store)."""
        return await self.store.get(session_id, renew_for=self._renew_for())

    async def set(self, session_id: str, data: bytes, store: Store | None = None) -> None:
        """Store ``data`` under ``session_id`` for ``max_age`` seconds; ``store`` is ignored."""
        await self.store.set(session_id, data, expires_in=int(self.config.max_age))

    async def delete(self, session_id: str, store: Store | None = None) -> None:
        """Delete the session ``session_id``; ``store`` is ignored."""
        await self.store.delete(session_id)

    async def delete_expired(self) -> int:
        """Delete the expired sessions and return how many were removed."""
        return await self.store.delete_expired()

    async def delete_all(self) -> None:
        """Delete every session."""
        await self.store.delete_all()


class SQLAlchemySyncSessionBackend(SQLAlchemySessionBackendBase[SessionModelT]):
    """Server-side sessions in the table of ``model``, through a sync config; calls run in a worker thread.

    Example: ``SQLAlchemySyncSessionBackend(config=session_config, alchemy_config=alchemy_config, model=UserSession)``.
    """

    def __init__(
        self,
        config: ServerSideSessionConfig,
        alchemy_config: SQLAlchemySyncConfig,
        model: type[SessionModelT],
        *,
        clock: Callable[[], datetime.datetime] | None = None,
    ) -> None:
        """Store sessions of ``model`` through ``alchemy_config`` and attach to ``config``."""
        _check_alchemy_config(type(self).__name__, alchemy_config, is_async=False)
        self.alchemy_config = alchemy_config
        self.store = SyncSessionStore(alchemy_config, model, clock=clock)
        super().__init__(config, model)

    async def get(self, session_id: str, store: Store | None = None) -> bytes | None:
        """Return the data of the live session ``session_id``; ``store`` is ignored (the table is the store)."""
        renew_for = self._renew_for()
        return await anyio.to_thread.run_sync(lambda: self.store.get(session_id, renew_for=renew_for))

    async def set(self, session_id: str, data: bytes, store: Store | None = None) -> None:
        """Store ``data`` under ``session_id`` for ``max_age`` seconds; ``store`` is ignored."""
        expires_in = int(self.config.max_age)
        await anyio.to_thread.run_sync(lambda: self.store.set(session_id, data, expires_in=expires_in))

    async def delete(self, session_id: str, store: Store | None = None) -> None:
        """Delete the session ``session_id``; ``store`` is ignored."""
        await anyio.to_thread.run_sync(self.store.delete, session_id)

    async def delete_expired(self) -> int:
        """Delete the expired sessions and return how many were removed."""
        return await anyio.to_thread.run_sync(self.store.delete_expired)

    async def delete_all(self) -> None:
        """Delete every session."""
        await anyio.to_thread.run_sync(self.store.delete_all)
