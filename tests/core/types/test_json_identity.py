from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from sqlalchemy import String, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from sqlalchemist.types import ORA_JSONB, BigIntIdentity, JsonB

DOCUMENT: dict[str, Any] = {
    "name": "Łódź ☕ 東京",
    "tags": ["a", "b", {"deep": [1, 2.5, None, True]}],
    "nested": {"empty": {}, "list": [], "zero": 0},
}


class _Base(DeclarativeBase):
    pass


class TypesJsonRow(_Base):
    __tablename__ = "types_json_row"

    id: Mapped[int] = mapped_column(BigIntIdentity, primary_key=True)
    data: Mapped[Any] = mapped_column(JsonB)
    ora: Mapped[Any] = mapped_column(ORA_JSONB, nullable=True)
    label: Mapped[str] = mapped_column(String(10), default="")


async def test_jsonb_round_trip_async(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(TypesJsonRow)
    async with AsyncSession(async_engine) as session:
        session.add_all([TypesJsonRow(data=DOCUMENT, ora=DOCUMENT), TypesJsonRow(data=[1, "två", [3]])])
        await session.commit()
    async with AsyncSession(async_engine) as session:
        rows = (await session.execute(select(TypesJsonRow.id, TypesJsonRow.data, TypesJsonRow.ora))).all()
    assert sorted((tuple(row) for row in rows), key=lambda row: row[0]) == [
        (1, DOCUMENT, DOCUMENT),
        (2, [1, "två", [3]], None),
    ]


def test_jsonb_round_trip_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesJsonRow)
    with Session(sync_engine) as session:
        session.add(TypesJsonRow(data=DOCUMENT))
        session.commit()
    with Session(sync_engine) as session:
        assert session.scalars(select(TypesJsonRow.data)).one() == DOCUMENT


async def test_big_int_identity_autoincrements_async(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(TypesJsonRow)
    async with async_engine.begin() as conn:
        first = (await conn.execute(insert(TypesJsonRow).values(data={}, label="a"))).inserted_primary_key
        assert first is not None
        await conn.execute(insert(TypesJsonRow), [{"data": {}, "label": "b"}, {"data": {}, "label": "c"}])
        rows = (await conn.execute(select(TypesJsonRow.id, TypesJsonRow.label).order_by(TypesJsonRow.id))).all()
    assert tuple(first) == (1,)
    assert [tuple(row) for row in rows] == [(1, "a"), (2, "b"), (3, "c")]


def test_big_int_identity_autoincrements_sync(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(TypesJsonRow)
    with Session(sync_engine) as session:
        rows = [TypesJsonRow(data={"n": n}) for n in range(3)]
        session.add_all(rows)
        session.flush()
        assert [row.id for row in rows] == [1, 2, 3]
        session.commit()
