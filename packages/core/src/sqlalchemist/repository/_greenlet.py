"""Run a synchronous helper from the async repository in one greenlet hop (and directly from the sync one).

The async repository's fast paths do several steps against the session (connection, statement, building the
instance); each ``await`` on an ``AsyncSession`` method is a greenlet switch of its own. Running the steps as one
sync function under ``greenlet_spawn`` costs one switch, as plain Core's ``AsyncConnection.execute`` does.
The code generator maps ``in_greenlet`` to ``call_directly`` for the sync repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.util import greenlet_spawn

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ("call_directly", "in_greenlet")

_T = TypeVar("_T")


async def in_greenlet(function: Callable[..., _T], *args: Any) -> _T:
    """Await ``function(*args)``, a sync function that may use sync SQLAlchemy APIs on an async engine."""
    return await greenlet_spawn(function, *args)


def call_directly(function: Callable[..., _T], *args: Any) -> _T:
    """Call ``function(*args)``: the sync repository's counterpart of :func:`in_greenlet`."""
    return function(*args)
