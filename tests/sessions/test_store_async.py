"""AsyncSessionStore against every async driver: get, set (upsert), renew, delete, delete_all, delete_expired."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from sqlalchemist.config import SQLAlchemyAsyncConfig
from sqlalchemist_sessions import AsyncSessionStore
from tests.sessions.clock import START, FakeClock
from tests.sessions.models import SessStoreRow

MakeTables = Callable[..., Awaitable[None]]
SECOND = datetime.timedelta(seconds=1)


async def _rows(engine: AsyncEngine) -> list[Any]:
    async with engine.connect() as conn:
        return list((await conn.execute(select(SessStoreRow.__table__).order_by(SessStoreRow.session_id))).all())


@pytest.fixture
async def store(async_engine: AsyncEngine, async_tables: MakeTables) -> AsyncSessionStore[SessStoreRow]:
    await async_tables(SessStoreRow)
    return AsyncSessionStore(async_engine, SessStoreRow, clock=FakeClock())


def _clock(store: AsyncSessionStore[Any]) -> FakeClock:
    clock = store._clock
    assert isinstance(clock, FakeClock)
    return clock


async def test_set_then_get_stores_one_row(store: AsyncSessionStore[SessStoreRow], async_engine: AsyncEngine) -> None:
    await store.set("abc", b'{"user_id":1}', expires_in=60)
    assert await store.get("abc") == b'{"user_id":1}'
    [row] = await _rows(async_engine)
    assert (row.session_id, row.data) == ("abc", b'{"user_id":1}')
    assert row.expires_at == START + 60 * SECOND
    assert row.created_at == row.updated_at == START
    assert row.id.version == 7


async def test_set_again_is_an_upsert_that_refreshes_expiry(
    store: AsyncSessionStore[SessStoreRow], async_engine: AsyncEngine
) -> None:
    await store.set("abc", b"one", expires_in=60)
    [first] = await _rows(async_engine)
    later = _clock(store).advance(30)
    await store.set("abc", "two", expires_in=60)
    [row] = await _rows(async_engine)
    assert (row.id, row.data, row.created_at) == (first.id, b"two", START)
    assert (row.expires_at, row.updated_at) == (later + 60 * SECOND, later)


async def test_expired_sessions_are_never_returned_and_delete_expired_counts(
    store: AsyncSessionStore[SessStoreRow], async_engine: AsyncEngine
) -> None:
    await store.set("short", b"1", expires_in=10)
    await store.set("long", b"2", expires_in=100)
    await store.set("forever", b"3")
    _clock(store).advance(10)
    assert await store.get("short") is None
    assert await store.get("long") == b"2"
    assert await store.get("forever") == b"3"
    assert len(await _rows(async_engine)) == 3
    assert await store.delete_expired() == 1
    assert [r.session_id for r in await _rows(async_engine)] == ["forever", "long"]
    assert await store.delete_expired() == 0


async def test_get_with_renew_for_moves_the_expiry(
    store: AsyncSessionStore[SessStoreRow], async_engine: AsyncEngine
) -> None:
    await store.set("abc", b"x", expires_in=10)
    now = _clock(store).advance(9)
    assert await store.get("abc", renew_for=datetime.timedelta(seconds=10)) == b"x"
    [row] = await _rows(async_engine)
    assert row.expires_at == now + 10 * SECOND
    _clock(store).advance(9)
    assert await store.get("abc") == b"x"


async def test_delete_and_delete_all(store: AsyncSessionStore[SessStoreRow], async_engine: AsyncEngine) -> None:
    for name in ("a", "b", "c"):
        await store.set(name, b"x", expires_in=60)
    await store.delete("a")
    await store.delete("missing")
    assert [r.session_id for r in await _rows(async_engine)] == ["b", "c"]
    await store.delete_all()
    assert await _rows(async_engine) == []


async def test_over_long_session_ids_are_truncated(
    store: AsyncSessionStore[SessStoreRow], async_engine: AsyncEngine
) -> None:
    long_id = "x" * 300
    await store.set(long_id, b"data", expires_in=60)
    assert await store.get(long_id) == b"data"
    assert await store.get("x" * 255) == b"data"
    [row] = await _rows(async_engine)
    assert row.session_id == "x" * 255
    await store.delete(long_id)
    assert await _rows(async_engine) == []


async def test_store_takes_a_config_and_uses_its_engine(async_engine: AsyncEngine, async_tables: MakeTables) -> None:
    await async_tables(SessStoreRow)
    store = AsyncSessionStore(SQLAlchemyAsyncConfig(engine_instance=async_engine), SessStoreRow)
    assert store.engine is async_engine
    await store.set("cfg", b"1", expires_in=60)
    async with async_engine.connect() as conn:
        assert (await conn.execute(select(func.count()).select_from(SessStoreRow))).scalar_one() == 1


@pytest.mark.backends("sqlite")
async def test_model_must_be_a_mapped_session_model(async_engine: AsyncEngine) -> None:
    with pytest.raises(TypeError, match=r"AsyncSessionStore expected a mapped subclass of SessionModelMixin as model"):
        AsyncSessionStore(async_engine, dict)  # type: ignore[type-var]
