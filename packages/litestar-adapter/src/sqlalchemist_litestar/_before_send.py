"""``before_send`` hooks that end the request's session: close it, or commit / roll back by response status.

A failed commit is re-raised as a sqlalchemist error, so the exception handler answers 409 rather than 500.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, cast

import anyio.to_thread

from sqlalchemist.exceptions import wrap_sqlalchemy_exception

if TYPE_CHECKING:
    from litestar.types import Message, Scope
    from sqlalchemy import MetaData

__all__ = (
    "BeforeSendCallable",
    "BeforeSendHandler",
    "CommitMode",
    "commit_for_status",
    "commits",
    "make_before_send",
    "pop_scope_session",
    "scope_session",
    "set_scope_session",
)

CommitMode: TypeAlias = Literal["autocommit", "autocommit_include_redirects"]
BeforeSendCallable: TypeAlias = Callable[["Message", "Scope"], "Awaitable[None] | None"]
BeforeSendHandler: TypeAlias = "CommitMode | BeforeSendCallable | None"

COMMIT_MODES: tuple[CommitMode, ...] = ("autocommit", "autocommit_include_redirects")
_TERMINUS_EVENTS = frozenset({"http.response.start", "websocket.close", "websocket.http.response.start"})


def scope_session(scope: Scope, key: str) -> Any:
    """Return the session stored in the ASGI scope under ``key``, or None."""
    return cast("dict[str, Any]", scope).get(key)


def set_scope_session(scope: Scope, key: str, session: Any) -> None:
    """Store ``session`` in the ASGI scope under ``key`` for the rest of the request."""
    cast("dict[str, Any]", scope)[key] = session


def pop_scope_session(scope: Scope, key: str) -> Any:
    """Remove and return the session stored in the ASGI scope under ``key``, or None."""
    return cast("dict[str, Any]", scope).pop(key, None)


def commits(status_code: int, mode: CommitMode) -> bool:
    """True when a response with ``status_code`` commits under ``mode`` (2xx, or 2xx and 3xx)."""
    upper = 400 if mode == "autocommit_include_redirects" else 300
    return 200 <= status_code < upper


def _should_commit(message: Message, mode: CommitMode | None) -> bool | None:
    """True to commit, False to roll back, None to only close."""
    if mode is None:
        return None
    return message["type"] == "http.response.start" and commits(int(message["status"]), mode)


async def commit_for_status(
    session: Any, status_code: int, mode: CommitMode | None, *, is_async: bool, metadata: MetaData | None = None
) -> None:
    """Commit ``session`` when ``status_code`` commits under ``mode``; database errors become sqlalchemist errors.

    ``metadata`` (the application's tables) lets their messages name the columns a driver left out.
    """
    if mode is None or not commits(status_code, mode) or not session.in_transaction():
        return
    if is_async:
        async with wrap_sqlalchemy_exception(metadata=metadata):
            await session.commit()
        return
    with wrap_sqlalchemy_exception(metadata=metadata):
        await anyio.to_thread.run_sync(session.commit)


def make_before_send(
    session_scope_key: str,
    handler: BeforeSendHandler,
    *,
    is_async: bool,
    metadata: MetaData | None = None,
) -> Callable[[Message, Scope], Awaitable[None]]:
    """Build the hook that ends the request's session when the response starts (commit, roll back, close)."""
    mode: CommitMode | None = handler if isinstance(handler, str) else None
    custom: BeforeSendCallable | None = None if isinstance(handler, str) or handler is None else handler

    async def before_send(message: Message, scope: Scope) -> None:
        if custom is not None:
            result = custom(message, scope)
            if inspect.isawaitable(result):
                await result
        if message["type"] not in _TERMINUS_EVENTS:
            return
        session = pop_scope_session(scope, session_scope_key)
        if session is None:
            return
        commit = _should_commit(message, mode) if session.in_transaction() else None  # nothing left to end
        if is_async:
            try:
                async with wrap_sqlalchemy_exception(metadata=metadata):
                    if commit is True:
                        await session.commit()
                    elif commit is False:
                        await session.rollback()
            finally:
                await session.close()
            return
        try:
            with wrap_sqlalchemy_exception(metadata=metadata):
                if commit is True:
                    await anyio.to_thread.run_sync(session.commit)
                elif commit is False:
                    await anyio.to_thread.run_sync(session.rollback)
        finally:
            await anyio.to_thread.run_sync(session.close)

    return before_send
