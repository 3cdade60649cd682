"""The guide's models: Author/Book with relationships, and a ``MappedAsDataclass`` user model."""

from __future__ import annotations

import dataclasses
import datetime
import uuid
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from tests.core.base._models import (
    BaseAfterDcRow,
    BaseDcFirst,
    BaseDcKwOnly,
    BaseDcUser,
    BaseGuideAuthor,
    BaseGuideBook,
)

FK_NAMES = {
    "postgresql": "fk_base_g_book_author_id_base_g_author",
    "sqlite": "fk_base_g_book_author_id_base_g_author",
    "mysql": "fk_base_g_book_author_id_base_g_author",
}


async def test_async_author_and_books(async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]) -> None:
    await async_tables(BaseGuideAuthor, BaseGuideBook)
    async with async_engine.connect() as conn:
        fks = await conn.run_sync(lambda c: inspect(c).get_foreign_keys("base_g_book"))
    assert [(fk["name"], fk["constrained_columns"], fk["referred_table"]) for fk in fks] == [
        (FK_NAMES[async_engine.dialect.name], ["author_id"], "base_g_author")
    ]
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        author = BaseGuideAuthor(name="Ursula", dob=datetime.date(1929, 10, 21))
        session.add(author)
        await session.flush()
        session.add_all(
            [BaseGuideBook(title="Earthsea", author_id=author.id), BaseGuideBook(title="Lathe", author_id=author.id)]
        )
        await session.commit()
    async with AsyncSession(async_engine) as session:
        loaded = (await session.execute(select(BaseGuideAuthor))).scalar_one()
        assert loaded.to_dict() == {"id": author.id, "name": "Ursula", "dob": datetime.date(1929, 10, 21)}
        assert sorted(book.title for book in loaded.books) == ["Earthsea", "Lathe"]
        book = (await session.execute(select(BaseGuideBook).where(BaseGuideBook.title == "Lathe"))).scalar_one()
        assert book.author.name == "Ursula"
        assert book.created_at == book.updated_at
        assert book.created_at.tzinfo is datetime.timezone.utc


def test_dataclass_model_construction() -> None:
    assert dataclasses.is_dataclass(BaseDcUser)
    user = BaseDcUser(first_name="Ada", last_name="Lovelace")
    assert user.first_name == "Ada"
    assert user.full_name == "Ada Lovelace"
    assert isinstance(user.id, uuid.UUID)
    assert user.id.version == 4
    assert user.created_at.tzinfo is datetime.timezone.utc
    assert user.updated_at.tzinfo is datetime.timezone.utc
    assert [f.name for f in dataclasses.fields(BaseDcUser)] == [
        "first_name",
        "last_name",
        "id",
        "created_at",
        "updated_at",
    ]
    positional = BaseDcUser("Grace", "Hopper")
    assert (positional.first_name, positional.last_name) == ("Grace", "Hopper")
    key = uuid.uuid4()
    assert BaseDcUser(first_name="a", last_name="b", id=key).id == key
    assert repr(BaseDcUser(first_name="a", last_name="b", id=key)).startswith(
        f"BaseDcUser(first_name='a', last_name='b', id={key!r}, created_at=datetime.datetime("
    )
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'last_name'"):
        BaseDcUser(first_name="a")  # type: ignore[call-arg]


def test_ordinary_model_after_dataclass_model_is_unaffected() -> None:
    assert not dataclasses.is_dataclass(BaseAfterDcRow)
    row = BaseAfterDcRow(label="x", data={"a": 1})
    assert row.to_dict() == {"id": None, "label": "x", "data": {"a": 1}, "created_at": None, "updated_at": None}
    with pytest.raises(TypeError, match="'nope' is an invalid keyword argument for BaseAfterDcRow"):
        BaseAfterDcRow(nope=1)


def test_sync_dataclass_and_ordinary_models_round_trip(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(BaseDcUser, BaseAfterDcRow)
    with Session(sync_engine, expire_on_commit=False) as session:
        user = BaseDcUser(first_name="Ada", last_name="Lovelace")
        row = BaseAfterDcRow(label="after", data={"k": [1, 2]})
        session.add_all([user, row])
        session.commit()
    assert isinstance(row.id, uuid.UUID)
    assert row.created_at == row.updated_at
    with Session(sync_engine) as session:
        stored = session.execute(select(BaseDcUser)).scalar_one()
        assert (stored.id, stored.first_name, stored.last_name) == (user.id, "Ada", "Lovelace")
        assert stored.created_at == user.created_at
        assert session.execute(select(BaseAfterDcRow.label, BaseAfterDcRow.data)).one() == ("after", {"k": [1, 2]})


def test_dataclass_listed_first_and_dataclass_options() -> None:
    first = BaseDcFirst(title="t")
    assert [f.name for f in dataclasses.fields(BaseDcFirst)] == ["title", "id", "created_at", "updated_at"]
    assert first.id.version == 7
    assert [f.name for f in dataclasses.fields(BaseDcKwOnly)] == ["title", "rank", "id"]
    assert [f.name for f in dataclasses.fields(BaseDcKwOnly) if f.init] == ["title", "rank"]
    kw_only = BaseDcKwOnly(title="k")
    assert (kw_only.title, kw_only.rank, kw_only.id) == ("k", 0, None)
    with pytest.raises(TypeError, match="takes 1 positional argument but 2 were given"):
        BaseDcKwOnly("k")  # type: ignore[misc]


async def test_async_dataclass_models_round_trip(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(BaseDcFirst, BaseDcKwOnly)
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        first = BaseDcFirst(title="first")
        ranked = [BaseDcKwOnly(title=f"k{i}", rank=i) for i in range(3)]
        session.add_all([first, *ranked])
        await session.commit()
    assert [row.id for row in ranked] == [1, 2, 3]
    async with AsyncSession(async_engine) as session:
        stored = (await session.execute(select(BaseDcFirst))).scalar_one()
        assert (stored.id, stored.title, stored.created_at) == (first.id, "first", first.created_at)
        titles = (await session.execute(select(BaseDcKwOnly.title, BaseDcKwOnly.rank).order_by(BaseDcKwOnly.id))).all()
        assert titles == [("k0", 0), ("k1", 1), ("k2", 2)]
