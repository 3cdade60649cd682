"""SyncSessionStore against every sync driver (generated from the async store; the core paths again)."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine

from sqlalchemist.config import SQLAlchemySyncConfig
from sqlalchemist_sessions import SyncSessionStore
from tests.sessions.clock import START, FakeClock
from tests.sessions.models import SessStoreRow

SECOND = datetime.timedelta(seconds=1)


def _rows(engine: Engine) -> list[Any]:
    with engine.connect() as conn:
        return list(conn.execute(select(SessStoreRow.__table__).order_by(SessStoreRow.session_id)).all())


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def store(sync_engine: Engine, sync_tables: Callable[..., None], clock: FakeClock) -> SyncSessionStore[SessStoreRow]:
    sync_tables(SessStoreRow)
    return SyncSessionStore(SQLAlchemySyncConfig(engine_instance=sync_engine), SessStoreRow, clock=clock)


def test_upsert_get_renew_and_expiry(
    store: SyncSessionStore[SessStoreRow], sync_engine: Engine, clock: FakeClock
) -> None:
    store.set("abc", b"one", expires_in=60)
    [first] = _rows(sync_engine)
    later = clock.advance(30)
    store.set("abc", b"two", expires_in=60)
    [row] = _rows(sync_engine)
    assert (row.id, row.data, row.created_at) == (first.id, b"two", START)
    assert (row.expires_at, row.updated_at) == (later + 60 * SECOND, later)
    renewed = clock.advance(59)
    assert store.get("abc", renew_for=60) == b"two"
    assert _rows(sync_engine)[0].expires_at == renewed + 60 * SECOND
    clock.advance(60)
    assert store.get("abc") is None


def test_delete_expired_delete_and_delete_all(
    store: SyncSessionStore[SessStoreRow], sync_engine: Engine, clock: FakeClock
) -> None:
    store.set("old", b"1", expires_in=1)
    store.set("new", b"2", expires_in=100)
    store.set("other", b"3", expires_in=100)
    clock.advance(1)
    assert store.delete_expired() == 1
    store.delete("new")
    assert [r.session_id for r in _rows(sync_engine)] == ["other"]
    store.delete_all()
    assert _rows(sync_engine) == []
    store.set("y" * 300, b"4", expires_in=5)
    assert store.get("y" * 300) == b"4"
    assert _rows(sync_engine)[0].session_id == "y" * 255
