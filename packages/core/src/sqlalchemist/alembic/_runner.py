"""Run blocking work against a sync or async engine from synchronous code, with or without a running event loop."""

from __future__ import annotations

import asyncio
import threading
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy.ext.asyncio import AsyncEngine

if TYPE_CHECKING:
    from collections.abc import Callable, Coroutine

    from sqlalchemy.engine import Connection, Engine

__all__ = ("outside_event_loop", "run_in_transaction")

T = TypeVar("T")


def _loop_is_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def outside_event_loop(fn: Callable[[], T]) -> T:
    """Call ``fn``; when this thread runs an event loop, call it in a worker thread so it may use ``asyncio.run``."""
    if not _loop_is_running():
        return fn()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["value"] = fn()
        except BaseException as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="sqlalchemist-alembic")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]  # type: ignore[no-any-return]


async def _run_async(engine: AsyncEngine, fn: Callable[[Connection], T]) -> T:
    try:
        async with engine.begin() as conn:
            return await conn.run_sync(fn)
    finally:
        await engine.dispose()


def _run_coroutine(make: Callable[[], Coroutine[Any, Any, T]]) -> T:
    return outside_event_loop(lambda: asyncio.run(make()))


def run_in_transaction(engine: Engine | AsyncEngine, fn: Callable[[Connection], T]) -> T:
    """Call ``fn`` with a connection in a committed transaction; an async engine is driven and then disposed."""
    if isinstance(engine, AsyncEngine):
        return _run_coroutine(lambda: _run_async(engine, fn))
    with engine.begin() as conn:
        return fn(conn)
