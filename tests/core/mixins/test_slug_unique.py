"""SlugKey uniqueness and UniqueMixin get-or-create, sync and async."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import exc, func, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from tests.core.mixins._models import MixNotUnique, MixSlugRow, MixTag


def test_sync_slug_is_unique(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(MixSlugRow)
    with sync_engine.connect() as conn:
        inspector = inspect(conn)
        slug = next(c for c in inspector.get_columns("mix_slug_row") if c["name"] == "slug")
        uniques = [(u["name"], u["column_names"]) for u in inspector.get_unique_constraints("mix_slug_row")]
    assert (type(slug["type"]).__name__, slug["type"].length, slug["nullable"]) == ("VARCHAR", 100, False)
    assert uniques == [("uq_mix_slug_row_slug", ["slug"])]
    with Session(sync_engine) as session:
        session.add(MixSlugRow(title="Hello", slug="hello"))
        session.commit()
        session.add(MixSlugRow(title="Hello again", slug="hello"))
        with pytest.raises(exc.IntegrityError):
            session.commit()


async def test_async_slug_is_unique(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(MixSlugRow)
    async with AsyncSession(async_engine) as session:
        session.add_all([MixSlugRow(title="A", slug="a"), MixSlugRow(title="B", slug="b")])
        await session.commit()
        session.add(MixSlugRow(title="A2", slug="a"))
        with pytest.raises(exc.IntegrityError):
            await session.commit()
        await session.rollback()
        assert (await session.execute(select(MixSlugRow.id, MixSlugRow.slug).order_by(MixSlugRow.id))).all() == [
            (1, "a"),
            (2, "b"),
        ]


async def test_async_as_unique(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(MixTag)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        python = await MixTag.as_unique_async(session, name="python")
        again = await MixTag.as_unique_async(session, name="python")
        sql = await MixTag.as_unique_async(session, name="sql")
        assert again is python
        assert sql is not python
        assert python in session.new
        await session.commit()
    async with AsyncSession(async_engine) as session:
        stored = await MixTag.as_unique_async(session, name="python")
        assert stored.id == python.id
        assert stored not in session.new
        new = await MixTag.as_unique_async(session, name="rust")
        assert new in session.new
        await session.commit()
        count = (await session.execute(select(func.count()).select_from(MixTag))).scalar_one()
    assert count == 3


def test_sync_as_unique(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(MixTag)
    with Session(sync_engine) as session:
        first = MixTag.as_unique_sync(session, name="python")
        assert MixTag.as_unique_sync(session, name="python") is first
        session.commit()
        assert MixTag.as_unique_sync(session, name="python") is first
        discarded = MixTag.as_unique_sync(session, name="discarded")
        session.rollback()
        replacement = MixTag.as_unique_sync(session, name="discarded")
        assert replacement is not discarded
        assert replacement in session.new
        session.commit()
        assert sorted(session.execute(select(MixTag.name)).scalars()) == ["discarded", "python"]


def test_unique_mixin_requires_both_classmethods(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(MixNotUnique)
    with Session(sync_engine) as session:
        with pytest.raises(
            NotImplementedError,
            match=r"^MixNotUnique must implement the classmethod unique_hash\(\*args, \*\*kwargs\) to use UniqueMixin$",
        ):
            MixNotUnique.as_unique_sync(session)
        with pytest.raises(
            NotImplementedError,
            match=r"^MixNotUnique must implement the classmethod unique_filter\(\*args, \*\*kwargs\) "
            r"to use UniqueMixin$",
        ):
            MixNotUnique.unique_filter()
