"""Commit in ``after_request``, while an error can still become a response; ``before_send`` only finishes up.

``before_request`` remembers the request's scope in a context variable (hooks get no scope of their own), and
``after_request`` commits each autocommit config's session for the response's status. Where a closer layer sets
its own hooks, the commit happens in ``before_send`` instead, where a failing commit can no longer answer 409.
"""

from __future__ import annotations

import inspect
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from litestar import Request
    from litestar.types import Scope

    from sqlalchemist_litestar._config import SQLAlchemyAsyncConfig, SQLAlchemySyncConfig

__all__ = ("chain_after_request", "chain_before_request")

_REQUEST_SCOPE: ContextVar[Scope | None] = ContextVar("sqlalchemist_litestar_request_scope", default=None)


async def _maybe_await(value: Any) -> Any:
    return await value if inspect.isawaitable(value) else value


def chain_before_request(previous: Callable[..., Any] | None) -> Callable[[Request[Any, Any, Any]], Any]:
    """Return a ``before_request`` hook that remembers the scope, then runs ``previous`` (the app's own hook)."""

    async def before_request(request: Request[Any, Any, Any]) -> Any:
        _REQUEST_SCOPE.set(request.scope)
        return None if previous is None else await _maybe_await(previous(request))

    return before_request


def chain_after_request(
    previous: Callable[..., Any] | None, configs: Sequence[SQLAlchemyAsyncConfig | SQLAlchemySyncConfig]
) -> Callable[[Any], Any]:
    """Return an ``after_request`` hook that runs ``previous``, then commits each config's session by status."""

    async def after_request(response: Any) -> Any:
        if previous is not None:
            response = await _maybe_await(previous(response))
        scope = _REQUEST_SCOPE.get()
        status_code = getattr(response, "status_code", None)
        if scope is not None and isinstance(status_code, int):
            for config in configs:
                await config.commit_before_response(scope, status_code)
        return response

    return after_request
