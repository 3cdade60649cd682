"""AuditColumns: both timestamps set at insert, ``updated_at`` bumped by real changes only, sync and async."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import select, update
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from tests.core.mixins._models import MixAuditRow, MixOwnAuditRow

PAST = datetime.datetime(2020, 1, 2, 3, 4, 5, 600000, tzinfo=datetime.timezone.utc)
UTC = datetime.timezone.utc


async def test_async_timestamps(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(MixAuditRow)
    before = datetime.datetime.now(UTC)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        fresh = MixAuditRow(name="fresh")
        old = MixAuditRow(name="old", created_at=PAST, updated_at=PAST)
        untouched = MixAuditRow(name="untouched", created_at=PAST, updated_at=PAST)
        session.add_all([fresh, old, untouched])
        await session.commit()
        assert fresh.created_at == fresh.updated_at
        assert before <= fresh.created_at <= datetime.datetime.now(UTC)

        old.name = "renamed"
        await session.commit()
        untouched.name = "untouched"
        await session.flush()
        await session.commit()

    async with AsyncSession(async_engine) as session:
        rows = {r.name: r for r in (await session.execute(select(MixAuditRow))).scalars()}
    assert rows["fresh"].created_at == fresh.created_at
    assert rows["fresh"].updated_at == fresh.created_at
    assert rows["renamed"].created_at == PAST
    assert rows["renamed"].updated_at > before
    assert rows["renamed"].updated_at.tzinfo is UTC
    assert rows["untouched"].created_at == PAST
    assert rows["untouched"].updated_at == PAST


def test_sync_timestamps(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(MixAuditRow)
    before = datetime.datetime.now(UTC)
    with Session(sync_engine) as session:
        session.add_all(
            [
                MixAuditRow(name="changed", created_at=PAST, updated_at=PAST),
                MixAuditRow(name="same", created_at=PAST, updated_at=PAST),
                MixAuditRow(name="explicit", created_at=PAST, updated_at=PAST),
            ]
        )
        session.commit()

    with Session(sync_engine) as session:
        rows = {r.name: r for r in session.execute(select(MixAuditRow)).scalars()}
        session.flush()
        assert not session.dirty
        rows["changed"].note = "edited"
        rows["same"].name = "same"
        chosen = datetime.datetime(2021, 6, 7, 8, 9, 10, tzinfo=UTC)
        rows["explicit"].note = "with explicit time"
        rows["explicit"].updated_at = chosen
        session.commit()

    with Session(sync_engine) as session:
        stored = {r.name: (r.created_at, r.updated_at, r.note) for r in session.execute(select(MixAuditRow)).scalars()}
    changed_created, changed_updated, changed_note = stored["changed"]
    assert (changed_created, changed_note) == (PAST, "edited")
    assert changed_updated > before
    assert stored["same"] == (PAST, PAST, None)
    assert stored["explicit"] == (PAST, chosen, "with explicit time")


def test_sync_deleting_audited_row(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(MixAuditRow)
    with Session(sync_engine) as session:
        row = MixAuditRow(name="doomed")
        session.add(row)
        session.commit()
        row.note = "changed then deleted"
        session.delete(row)
        session.commit()
        assert session.execute(select(MixAuditRow)).scalars().all() == []


async def test_async_plain_declarative_base(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(MixOwnAuditRow)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        row = MixOwnAuditRow(name="plain", created_at=PAST, updated_at=PAST)
        session.add(row)
        await session.commit()
        assert (row.id, row.created_at, row.updated_at) == (1, PAST, PAST)
        row.name = "plain edited"
        await session.commit()
        assert row.updated_at > PAST
        assert row.created_at == PAST


def test_naive_timestamp_is_refused(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(MixAuditRow)
    with Session(sync_engine) as session:
        session.add(MixAuditRow(name="naive", created_at=datetime.datetime(2020, 1, 1)))
        with pytest.raises(Exception, match="DateTimeUTC got a naive datetime '2020-01-01T00:00:00'"):
            session.flush()


async def test_async_update_statements_bump_updated_at(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(MixAuditRow)
    before = datetime.datetime.now(UTC)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        rows = [MixAuditRow(name=name, created_at=PAST, updated_at=PAST) for name in ("a", "b", "c")]
        session.add_all(rows)
        await session.commit()
        await session.execute(update(MixAuditRow).where(MixAuditRow.name == "a").values(note="core"))
        await session.execute(update(MixAuditRow), [{"id": rows[1].id, "note": "bulk"}])
        await session.commit()
        stored = {
            r.name: (r.note, r.updated_at > before, r.created_at)
            for r in (await session.execute(select(MixAuditRow).execution_options(populate_existing=True))).scalars()
        }
    assert stored == {"a": ("core", True, PAST), "b": ("bulk", True, PAST), "c": (None, False, PAST)}
