"""Primary key and sentinel mixins on sqlalchemist's and on plain SQLAlchemy bases."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import insert, inspect, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist.exceptions import MissingDependencyError
from tests.core.mixins._models import MixSentinelRow, MixTag


async def test_async_sentinel_mixin_keeps_bulk_insert_order(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(MixSentinelRow)
    async with async_engine.connect() as conn:
        columns = await conn.run_sync(
            lambda c: {col["name"]: col["nullable"] for col in inspect(c).get_columns("mix_sentinel_row")}
        )
    assert columns == {"code": False, "name": False, "sa_orm_sentinel": True}
    codes = [f"c{i:03d}" for i in range(120)]
    async with AsyncSession(async_engine) as session:
        statement = insert(MixSentinelRow).returning(MixSentinelRow, sort_by_parameter_order=True)
        rows = (await session.execute(statement, [{"code": c, "name": c.upper()} for c in codes])).scalars().all()
        assert [(r.code, r.name) for r in rows] == [(c, c.upper()) for c in codes]
        await session.commit()
        assert (
            await session.execute(select(MixSentinelRow.code).order_by(MixSentinelRow.code))
        ).scalars().all() == codes


def test_nanoid_without_fastnanoid_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "fastnanoid", None)
    column = MixTag.__table__.c.id
    with pytest.raises(
        MissingDependencyError,
        match=r"^'fastnanoid' is required for NanoID primary keys but is not installed; "
        r'install it with: pip install "sqlalchemist\[nanoid\]"$',
    ):
        column.default.arg(None)
