from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import Integer, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.types import DateTimeUTC

UTC = datetime.timezone.utc
PLUS_5 = datetime.timezone(datetime.timedelta(hours=5, minutes=30))
LOCAL = datetime.datetime(2024, 2, 29, 23, 45, 1, 123456, tzinfo=PLUS_5)
AS_UTC = datetime.datetime(2024, 2, 29, 18, 15, 1, 123456, tzinfo=UTC)


class _Base(DeclarativeBase):
    pass


class TypesDatetimeRow(_Base):
    __tablename__ = "types_datetime_row"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime.datetime | None] = mapped_column(DateTimeUTC)


async def test_datetime_utc_round_trip_async(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(TypesDatetimeRow)
    async with AsyncSession(async_engine) as session:
        session.add_all([TypesDatetimeRow(id=1, at=LOCAL), TypesDatetimeRow(id=2, at=None)])
        await session.commit()
    async with AsyncSession(async_engine) as session:
        got = (await session.scalars(select(TypesDatetimeRow.at).order_by(TypesDatetimeRow.id))).all()
    assert got == [AS_UTC, None]
    assert got[0] is not None
    assert got[0].tzinfo is UTC


def test_datetime_utc_round_trip_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesDatetimeRow)
    with Session(sync_engine) as session:
        session.add(TypesDatetimeRow(id=1, at=AS_UTC))
        session.commit()
    with Session(sync_engine) as session:
        got = session.scalars(select(TypesDatetimeRow.at)).one()
        found = session.scalars(select(TypesDatetimeRow.id).where(TypesDatetimeRow.at == LOCAL)).one()
    assert got == AS_UTC
    assert got is not None
    assert got.tzinfo is UTC
    assert found == 1


def test_datetime_utc_refuses_naive(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesDatetimeRow)
    naive = datetime.datetime(2024, 1, 2, 3, 4, 5)
    with sync_engine.begin() as conn, pytest.raises(StatementError) as raised:
        conn.execute(insert(TypesDatetimeRow).values(id=1, at=naive))
    assert isinstance(raised.value.orig, ValueError)
    assert str(raised.value.orig) == (
        "DateTimeUTC got a naive datetime '2024-01-02T03:04:05'; "
        "pass a timezone-aware datetime such as datetime.now(timezone.utc)"
    )


def test_datetime_utc_refuses_non_datetime(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesDatetimeRow)
    with sync_engine.begin() as conn, pytest.raises(StatementError) as raised:
        conn.execute(insert(TypesDatetimeRow).values(id=1, at="2024-01-02"))
    assert isinstance(raised.value.orig, TypeError)
    assert str(raised.value.orig) == "DateTimeUTC expected a timezone-aware datetime.datetime, got str: '2024-01-02'"
