"""Litestar configs: the core configs plus dependency keys, app-state keys, lifespan and ``before_send`` hooks."""

from __future__ import annotations

import inspect
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, cast

import anyio.to_thread
from litestar.datastructures import State  # noqa: TC002  (resolved at runtime by Litestar's DI)
from litestar.types import Scope  # noqa: TC002  (resolved at runtime by Litestar's DI)
from sqlalchemy.engine import Engine  # noqa: TC002
from sqlalchemy.orm import Session  # noqa: TC002

from sqlalchemist.config import SQLAlchemyAsyncConfig as _CoreAsyncConfig
from sqlalchemist.config import SQLAlchemySyncConfig as _CoreSyncConfig
from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist_litestar._before_send import (
    COMMIT_MODES,
    BeforeSendHandler,
    commit_for_status,
    make_before_send,
    scope_session,
    set_scope_session,
)

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Awaitable, Callable

    from litestar import Litestar
    from litestar.types import Message
    from sqlalchemy import MetaData
    from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

__all__ = ("SQLAlchemyAsyncConfig", "SQLAlchemySyncConfig")

_KEY_GROUPS: dict[str, tuple[str, ...]] = {
    "dependency": ("session_dependency_key", "engine_dependency_key"),
    "app state": ("engine_app_state_key", "session_maker_app_state_key"),
    "scope": ("session_scope_key",),
}


@dataclass(kw_only=True, eq=False)
class _LitestarFields:
    """Settings shared by the async and sync Litestar configs."""

    is_async: ClassVar[bool]
    if TYPE_CHECKING:
        metadata: MetaData | None  # the core config's field: the application's tables, for error messages

    before_send_handler: BeforeSendHandler = None
    """``None`` closes the session; ``"autocommit"`` commits on 2xx and rolls back otherwise;
    ``"autocommit_include_redirects"`` also commits on 3xx; a callable ``(message, scope)`` runs first."""
    session_dependency_key: str = "db_session"
    """Name handlers use to receive the request's session."""
    engine_dependency_key: str = "db_engine"
    """Name handlers use to receive the engine."""
    engine_app_state_key: str = ""
    """Key of the engine in ``app.state``; defaults to ``engine_dependency_key``."""
    session_maker_app_state_key: str = ""
    """Key of the session maker in ``app.state``; defaults to ``"<session_dependency_key>_maker"``."""
    session_scope_key: str = ""
    """Key of the request's session in the ASGI scope; defaults to ``"_sqlalchemist_<session_dependency_key>"``."""
    set_default_exception_handler: bool = True
    """Map sqlalchemist errors to HTTP responses (404, 409, 400, 500) unless the app handles them itself."""
    _before_send: Callable[[Message, Scope], Awaitable[None]] = field(init=False, repr=False, compare=False)

    async def commit_before_response(self, scope: Scope, status_code: int) -> None:
        """Commit the request's session before the response starts, so a failing commit can still answer 409."""
        session = scope_session(scope, self.session_scope_key)
        if session is not None and isinstance(self.before_send_handler, str):
            await commit_for_status(
                session, status_code, self.before_send_handler, is_async=self.is_async, metadata=self.metadata
            )


def _finish_litestar_fields(config: _LitestarFields, *, is_async: bool) -> None:
    """Validate the Litestar settings, fill derived keys and build the ``before_send`` hook."""
    handler = config.before_send_handler
    if not (handler is None or handler in COMMIT_MODES or (not isinstance(handler, str) and callable(handler))):
        msg = (
            f"before_send_handler must be None, 'autocommit', 'autocommit_include_redirects' or a callable "
            f"(message, scope); got {handler!r}"
        )
        raise ImproperConfigurationError(msg)
    for name in ("session_dependency_key", "engine_dependency_key"):
        value = getattr(config, name)
        if not isinstance(value, str) or not value.isidentifier():
            msg = f"{name} must be a valid Python identifier (it names a handler parameter); got {value!r}"
            raise ImproperConfigurationError(msg)
    config.engine_app_state_key = config.engine_app_state_key or config.engine_dependency_key
    config.session_maker_app_state_key = config.session_maker_app_state_key or f"{config.session_dependency_key}_maker"
    config.session_scope_key = config.session_scope_key or f"_sqlalchemist_{config.session_dependency_key}"
    config._before_send = make_before_send(
        config.session_scope_key, handler, is_async=is_async, metadata=config.metadata
    )


def _engine_from_state(state: State, key: str, create: Callable[[], object]) -> object:
    """Return the engine kept in app state under ``key``, storing ``create()`` there on first use."""
    engine = state.get(key)
    if engine is None:
        engine = state[key] = create()
    return engine


def _session_for_scope(config: _LitestarFields, state: State, scope: Scope, make_maker: Callable[[], Any]) -> object:
    """Return the request's session from the ASGI scope, opening one from the app's session maker on first use."""
    session = scope_session(scope, config.session_scope_key)
    if session is None:
        maker = state.get(config.session_maker_app_state_key)
        if maker is None:
            maker = state[config.session_maker_app_state_key] = make_maker()
        session = maker()
        set_scope_session(scope, config.session_scope_key, session)
    return session


def litestar_keys(config: _LitestarFields) -> list[tuple[str, str, str]]:
    """The keys a config claims in the app as ``(namespace, setting, key)``: dependencies, app state, scope."""
    return [(group, name, getattr(config, name)) for group, names in _KEY_GROUPS.items() for name in names]


@dataclass(kw_only=True, eq=False)
class SQLAlchemyAsyncConfig(_CoreAsyncConfig, _LitestarFields):
    """Async SQLAlchemy config for Litestar: injects ``db_session`` / ``db_engine`` and ends sessions per request.

    Example::

        config = SQLAlchemyAsyncConfig(
            connection_string="sqlite+aiosqlite:///app.sqlite", before_send_handler="autocommit"
        )
    """

    def __post_init__(self) -> None:
        parent_post_init = getattr(super(), "__post_init__", None)
        if parent_post_init is not None:
            parent_post_init()
        _finish_litestar_fields(self, is_async=True)

    async def before_send(self, message: Message, scope: Scope) -> None:
        """End the request's session when the response starts, as ``before_send_handler`` says."""
        await self._before_send(message, scope)

    def provide_engine(self, state: State) -> AsyncEngine:
        """Return the engine from app state (created on first use when the app's lifespan did not run)."""
        return cast("AsyncEngine", _engine_from_state(state, self.engine_app_state_key, self.get_engine))

    def provide_session(self, state: State, scope: Scope) -> AsyncSession:
        """Return the request's session, creating it on first use; guards, middleware and handlers share it."""
        return cast("AsyncSession", _session_for_scope(self, state, scope, self.create_session_maker))

    @asynccontextmanager
    async def lifespan(self, app: Litestar) -> AsyncIterator[None]:
        """Put the engine and session maker in app state, create tables if asked, dispose the engine at shutdown."""
        engine = self.get_engine()
        app.state[self.engine_app_state_key] = engine
        app.state[self.session_maker_app_state_key] = self.create_session_maker()
        try:
            if self.create_all:
                result = self.create_all_metadata()
                if inspect.isawaitable(result):
                    await result
            yield
        finally:
            app.state.pop(self.session_maker_app_state_key, None)
            app.state.pop(self.engine_app_state_key, None)
            await engine.dispose()


@dataclass(kw_only=True, eq=False)
class SQLAlchemySyncConfig(_CoreSyncConfig, _LitestarFields):
    """Sync SQLAlchemy config for Litestar: injects ``db_session`` / ``db_engine`` and ends sessions per request.

    Example::

        config = SQLAlchemySyncConfig(connection_string="sqlite:///app.sqlite", before_send_handler="autocommit")
    """

    def __post_init__(self) -> None:
        parent_post_init = getattr(super(), "__post_init__", None)
        if parent_post_init is not None:
            parent_post_init()
        _finish_litestar_fields(self, is_async=False)

    async def before_send(self, message: Message, scope: Scope) -> None:
        """End the request's session when the response starts, as ``before_send_handler`` says."""
        await self._before_send(message, scope)

    def provide_engine(self, state: State) -> Engine:
        """Return the engine from app state (created on first use when the app's lifespan did not run)."""
        return cast("Engine", _engine_from_state(state, self.engine_app_state_key, self.get_engine))

    def provide_session(self, state: State, scope: Scope) -> Session:
        """Return the request's session, creating it on first use; guards, middleware and handlers share it."""
        return cast("Session", _session_for_scope(self, state, scope, self.create_session_maker))

    @asynccontextmanager
    async def lifespan(self, app: Litestar) -> AsyncIterator[None]:
        """Put the engine and session maker in app state, create tables if asked, dispose the engine at shutdown."""
        engine = self.get_engine()
        app.state[self.engine_app_state_key] = engine
        app.state[self.session_maker_app_state_key] = self.create_session_maker()
        try:
            if self.create_all:
                await anyio.to_thread.run_sync(self.create_all_metadata)
            yield
        finally:
            app.state.pop(self.session_maker_app_state_key, None)
            app.state.pop(self.engine_app_state_key, None)
            await anyio.to_thread.run_sync(engine.dispose)
