from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
import uuid_utils
from sqlalchemy import String, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.types import GUID

FIXED = uuid.UUID("0b5a3a8e-1f4c-4d0e-9a8b-7c6d5e4f3a21")
OTHER = uuid.UUID("7f000000-0000-4000-8000-000000000001")


class _Base(DeclarativeBase):
    pass


class TypesGuidRow(_Base):
    __tablename__ = "types_guid_row"

    id: Mapped[uuid.UUID] = mapped_column(GUID, primary_key=True, default=uuid.uuid4)
    hex_id: Mapped[uuid.UUID | None] = mapped_column(GUID(binary=False))
    name: Mapped[str] = mapped_column(String(20))


async def test_guid_round_trip_async(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(TypesGuidRow)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        session.add(TypesGuidRow(id=FIXED, hex_id=OTHER, name="a"))
        await session.commit()
    async with AsyncSession(async_engine) as session:
        row = (await session.execute(select(TypesGuidRow.id, TypesGuidRow.hex_id))).one()
        assert tuple(row) == (FIXED, OTHER)
        # uuid.UUID, or the driver's own subclass of it where the column is native (asyncpg's C UUID)
        assert isinstance(row[0], uuid.UUID)
        assert isinstance(row[1], uuid.UUID)
        assert (hash(row[0]), hash(row[1])) == (hash(FIXED), hash(OTHER))
        found = await session.get(TypesGuidRow, FIXED)
        assert found is not None
        assert found.name == "a"


def test_guid_round_trip_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesGuidRow)
    with Session(sync_engine) as session:
        session.add(TypesGuidRow(id=FIXED, hex_id=OTHER, name="a"))
        session.commit()
    with Session(sync_engine) as session:
        row = session.execute(select(TypesGuidRow.id, TypesGuidRow.hex_id)).one()
        assert tuple(row) == (FIXED, OTHER)
        assert type(row[0]) is uuid.UUID
        assert session.execute(select(TypesGuidRow.name).where(TypesGuidRow.hex_id == str(OTHER))).scalar_one() == "a"


def test_guid_accepts_text_bytes_and_uuid_utils(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesGuidRow)
    u7 = uuid_utils.uuid7()
    values: list[tuple[Any, uuid.UUID]] = [
        (str(FIXED), FIXED),
        (OTHER.bytes, OTHER),
        (u7, uuid.UUID(str(u7))),
        (FIXED.hex.upper().encode(), FIXED),
    ]
    with sync_engine.begin() as conn:
        for index, (given, _) in enumerate(values):
            conn.execute(insert(TypesGuidRow).values(id=uuid.uuid4(), hex_id=given, name=f"n{index}"))
        got = conn.execute(select(TypesGuidRow.hex_id).order_by(TypesGuidRow.name)).scalars().all()
    assert got == [expected for _, expected in values]


async def test_guid_bulk_insert_returning(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(TypesGuidRow)
    rows = [TypesGuidRow(name=f"r{i}", hex_id=uuid.uuid4()) for i in range(25)]
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        session.add_all(rows)
        await session.commit()
        returned = (
            await session.scalars(
                insert(TypesGuidRow).returning(TypesGuidRow.id, sort_by_parameter_order=True),
                [{"id": uuid.UUID(int=i + 1), "name": f"b{i}"} for i in range(10)],
            )
        ).all()
        generated = (
            await session.execute(
                insert(TypesGuidRow).returning(TypesGuidRow.name, TypesGuidRow.id, sort_by_parameter_order=True),
                [{"name": f"g{i}"} for i in range(30)],
            )
        ).all()
        await session.commit()
    assert returned == [uuid.UUID(int=i + 1) for i in range(10)]
    assert [row[0] for row in generated] == [f"g{i}" for i in range(30)]
    assert all(isinstance(row[1], uuid.UUID) for row in generated)
    assert len({row[1] for row in generated}) == 30
    async with AsyncSession(async_engine) as session:
        stored = dict((await session.execute(select(TypesGuidRow.id, TypesGuidRow.hex_id))).all())
    assert {row.id: row.hex_id for row in rows}.items() <= stored.items()
    assert len(stored) == 65


async def test_guid_stored_form(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(TypesGuidRow)
    async with async_engine.begin() as conn:
        await conn.execute(insert(TypesGuidRow).values(id=FIXED, hex_id=OTHER, name="raw"))
        raw = (await conn.execute(text("SELECT id, hex_id FROM types_guid_row"))).one()
    if async_engine.dialect.name == "postgresql":
        assert (str(raw[0]), str(raw[1])) == (str(FIXED), str(OTHER))
    else:
        assert (bytes(raw[0]), raw[1]) == (FIXED.bytes, OTHER.hex)


def test_guid_rejects_invalid_values(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesGuidRow)
    with sync_engine.begin() as conn:
        with pytest.raises(StatementError) as bad_text:
            conn.execute(insert(TypesGuidRow).values(id="not-a-uuid", name="x"))
        with pytest.raises(StatementError) as bad_type:
            conn.execute(insert(TypesGuidRow).values(id=12, name="x"))
    assert isinstance(bad_text.value.orig, ValueError)
    assert str(bad_text.value.orig) == (
        "GUID expected a valid UUID (uuid.UUID, UUID text or 16 bytes), got 'not-a-uuid'"
    )
    assert isinstance(bad_type.value.orig, TypeError)
    assert str(bad_type.value.orig) == "GUID expected a uuid.UUID, uuid_utils.UUID, str or bytes, got int: 12"
