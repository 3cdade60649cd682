"""SQLAlchemyAsyncRepositoryService: every method, every input kind, hooks and partial updates, on every backend."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pydantic
import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist.exceptions import ImproperConfigurationError, NotFoundError
from sqlalchemist.filters import LimitOffset, OrderBy
from sqlalchemist.pagination import CursorPagination
from sqlalchemist.repository import SQLAlchemyAsyncRepository
from sqlalchemist.service import (
    OffsetPagination,
    SQLAlchemyAsyncRepositoryReadService,
    SQLAlchemyAsyncRepositoryService,
)

from .schemas import DOB, KINDS, AuthorPydantic, SvcAuthor, make


class SvcAuthorAsyncRepo(SQLAlchemyAsyncRepository[SvcAuthor]):
    model_type = SvcAuthor


class SvcAuthorAsyncService(SQLAlchemyAsyncRepositoryService[SvcAuthor]):
    repository_type = SvcAuthorAsyncRepo


class SvcAuthorAsyncReadService(SQLAlchemyAsyncRepositoryReadService[SvcAuthor]):
    repository_type = SvcAuthorAsyncRepo


class SvcHookedAsyncService(SvcAuthorAsyncService):
    calls: list[tuple[str, Any]]

    def __init__(self, session: AsyncSession, **kwargs: Any) -> None:
        super().__init__(session, **kwargs)
        self.calls = []

    async def to_model_on_create(self, data: Any) -> Any:
        self.calls.append(("create", data))
        return {**data, "bio": "created by hook"}

    async def to_model_on_update(self, data: Any) -> Any:
        self.calls.append(("update", data))
        return {**data, "bio": "updated by hook"}

    async def to_model_on_upsert(self, data: Any) -> Any:
        self.calls.append(("upsert", data))
        return {**data, "bio": "upserted by hook"}

    async def to_model_on_delete(self, data: Any) -> Any:
        self.calls.append(("delete", data))
        return data


Row = tuple[int, str, Any, Any]


@pytest.fixture
async def session(
    async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> AsyncIterator[AsyncSession]:
    await async_tables(SvcAuthor)
    async with AsyncSession(async_engine, expire_on_commit=False) as db_session:
        yield db_session


async def stored(session: AsyncSession) -> list[Row]:
    """The rows as the database holds them, read in a fresh session."""
    bind = session.bind
    async with AsyncSession(bind) as fresh:
        rows = await fresh.execute(select(SvcAuthor.id, SvcAuthor.name, SvcAuthor.dob, SvcAuthor.bio).order_by("id"))
        return [tuple(row) for row in rows]  # type: ignore[misc]


async def seed(service: SvcAuthorAsyncService, count: int = 3) -> list[SvcAuthor]:
    rows = [{"id": i, "name": f"author {i}", "dob": DOB, "bio": f"bio {i}"} for i in range(1, count + 1)]
    created = await service.create_many(rows, auto_commit=True)
    return list(created)


@pytest.mark.parametrize("kind", KINDS)
async def test_create_from_every_input_kind(session: AsyncSession, kind: str) -> None:
    service = SvcAuthorAsyncService(session)
    author = await service.create(make(kind, id=7, name="Ann", dob=DOB), auto_commit=True)
    assert isinstance(author, SvcAuthor)
    assert (author.id, author.name, author.dob, author.bio) == (7, "Ann", DOB, None)
    assert await stored(session) == [(7, "Ann", DOB, None)]


async def test_create_many_mixes_every_input_kind(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    data = [make(kind, id=i, name=f"n{i}") for i, kind in enumerate(KINDS, start=1)]
    created = await service.create_many(data, auto_commit=True)
    assert [(a.id, a.name) for a in created] == [(i, f"n{i}") for i in range(1, len(KINDS) + 1)]
    assert await stored(session) == [(i, f"n{i}", None, None) for i in range(1, len(KINDS) + 1)]


@pytest.mark.parametrize("kind", KINDS)
async def test_update_with_item_id_changes_only_the_given_fields(session: AsyncSession, kind: str) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service)
    updated = await service.update(make(kind, bio="new"), item_id=2, auto_commit=True)
    assert (updated.id, updated.name, updated.dob, updated.bio) == (2, "author 2", DOB, "new")
    assert await stored(session) == [
        (1, "author 1", DOB, "bio 1"),
        (2, "author 2", DOB, "new"),
        (3, "author 3", DOB, "bio 3"),
    ]


async def test_update_can_set_a_column_to_null(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 1)
    await service.update(AuthorPydantic(dob=None), item_id=1, auto_commit=True)
    assert await stored(session) == [(1, "author 1", None, "bio 1")]


@pytest.mark.parametrize("kind", KINDS)
async def test_update_without_item_id_uses_the_key_in_the_data(session: AsyncSession, kind: str) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 2)
    session.expunge_all()
    await service.update(make(kind, id=1, name="renamed"), auto_commit=True)
    assert await stored(session) == [(1, "renamed", DOB, "bio 1"), (2, "author 2", DOB, "bio 2")]


async def test_update_refuses_unknown_fields_and_missing_rows(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 1)
    with pytest.raises(TypeError) as info:
        await service.update({"nickname": "x"}, item_id=1)
    assert str(info.value) == "SvcAuthor has no attribute 'nickname' to update"
    with pytest.raises(NotFoundError):
        await service.update({"bio": "x"}, item_id=99)
    with pytest.raises(NotFoundError) as info:
        await service.update({"bio": "x"}, item_id=98, error_messages={"not_found": "no author {model}"})
    assert str(info.value) == "no author SvcAuthor"


async def test_update_with_item_id_can_lock_the_row(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 1)
    await service.update({"bio": "locked"}, item_id=1, with_for_update=True, auto_commit=True)
    assert await stored(session) == [(1, "author 1", DOB, "locked")]


async def test_update_many_from_mixed_inputs(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service)
    session.expunge_all()
    data = [make("dict", id=1, bio="b1"), make("msgspec", id=2, bio="b2"), make("pydantic", id=3, bio="b3")]
    updated = await service.update_many(data, auto_commit=True)
    assert sorted(a.bio or "" for a in updated) == ["b1", "b2", "b3"]
    assert await stored(session) == [(i, f"author {i}", DOB, f"b{i}") for i in (1, 2, 3)]


@pytest.mark.parametrize("kind", KINDS)
async def test_upsert_inserts_then_updates_on_match_fields(session: AsyncSession, kind: str) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 1)
    created = await service.upsert(make(kind, id=5, name="new", bio="x"), match_fields=["name"], auto_commit=True)
    assert created.id == 5
    session.expunge_all()
    same = await service.upsert(make(kind, id=99, name="author 1", bio="y"), match_fields=["name"], auto_commit=True)
    assert same.id == 1
    assert await stored(session) == [(1, "author 1", DOB, "y"), (5, "new", None, "x")]


async def test_upsert_with_item_id_sets_the_key(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await service.upsert({"name": "keyed"}, item_id=42, auto_commit=True)
    assert await stored(session) == [(42, "keyed", None, None)]


async def test_upsert_many_inserts_new_and_updates_existing(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 2)
    session.expunge_all()
    data = [make("attrs", id=2, name="author 2", bio="changed"), make("dataclass", id=3, name="three")]
    result = await service.upsert_many(data, auto_commit=True)
    assert sorted(a.id for a in result) == [2, 3]
    assert await stored(session) == [
        (1, "author 1", DOB, "bio 1"),
        (2, "author 2", DOB, "changed"),
        (3, "three", None, None),
    ]


async def test_get_or_upsert_and_get_and_update(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    author, created = await service.get_or_upsert(match_fields=["name"], id=1, name="Ann", auto_commit=True)
    assert (author.id, created) == (1, True)
    again, created = await service.get_or_upsert(match_fields="name", name="Ann", bio="kept", auto_commit=True)
    assert (again.id, created, again.bio) == (1, False, "kept")
    untouched, created = await service.get_or_upsert(match_fields="name", name="Ann", bio="no", upsert=False)
    assert (created, untouched.bio) == (False, "kept")
    changed, updated = await service.get_and_update(match_fields="name", name="Ann", bio="changed", auto_commit=True)
    assert (changed.id, updated) == (1, True)
    assert await stored(session) == [(1, "Ann", None, "changed")]


async def test_read_methods(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 4)
    assert (await service.get(2)).name == "author 2"
    assert (await service.get_one(name="author 3")).id == 3
    assert await service.get_one_or_none(name="nobody") is None
    assert await service.count() == 4
    assert await service.count(SvcAuthor.id > 2) == 2
    assert await service.exists(name="author 1") is True
    assert await service.exists(name="nobody") is False
    listed = await service.list(OrderBy("id", "desc"))
    assert [a.id for a in listed] == [4, 3, 2, 1]
    page, total = await service.list_and_count(LimitOffset(2, 1), OrderBy("id", "asc"))
    assert ([a.id for a in page], total) == ([2, 3], 4)
    with pytest.raises(NotFoundError):
        await service.get(99)


async def test_to_schema_of_a_listed_page(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 3)
    filters = [LimitOffset(2, 0), OrderBy("id", "asc")]
    results, total = await service.list_and_count(*filters)
    page = service.to_schema(results, total, filters=filters, schema_type=AuthorPydantic)
    assert page == OffsetPagination(
        items=[
            AuthorPydantic(id=1, name="author 1", dob=DOB, bio="bio 1"),
            AuthorPydantic(id=2, name="author 2", dob=DOB, bio="bio 2"),
        ],
        limit=2,
        offset=0,
        total=3,
    )
    author = await service.get(3)
    one = service.to_schema(author, schema_type=AuthorPydantic)
    assert one == AuthorPydantic(id=3, name="author 3", dob=DOB, bio="bio 3")


async def test_delete_methods(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    await seed(service, 5)
    deleted = await service.delete(1, auto_commit=True)
    assert deleted.id == 1
    many = await service.delete_many([2, 3], auto_commit=True)
    assert sorted(a.id for a in many) == [2, 3]
    where = await service.delete_where(name="author 4", auto_commit=True)
    assert [a.id for a in where] == [4]
    assert await stored(session) == [(5, "author 5", DOB, "bio 5")]
    with pytest.raises(NotFoundError):
        await service.delete(1)


async def test_hooks_run_before_conversion(session: AsyncSession) -> None:
    service = SvcHookedAsyncService(session)
    created = await service.create({"id": 1, "name": "Ann"}, auto_commit=True)
    assert created.bio == "created by hook"
    await service.create_many([{"id": 2, "name": "Bob"}], auto_commit=True)
    await service.update({"name": "Ann B"}, item_id=1, auto_commit=True)
    await service.upsert({"id": 3, "name": "Cid"}, auto_commit=True)
    await service.get_or_upsert(match_fields="name", id=4, name="Dee", auto_commit=True)
    await service.get_and_update(match_fields="name", name="Dee", dob=DOB, auto_commit=True)
    model = await service.to_model({"id": 9, "name": "Zed"}, "delete")
    assert isinstance(model, SvcAuthor)
    assert [op for op, _ in service.calls] == ["create", "create", "update", "upsert", "upsert", "update", "delete"]
    assert service.calls[2] == ("update", {"name": "Ann B"})
    assert await stored(session) == [
        (1, "Ann B", None, "updated by hook"),
        (2, "Bob", None, "created by hook"),
        (3, "Cid", None, "upserted by hook"),
        (4, "Dee", DOB, "updated by hook"),
    ]


async def test_to_model_refuses_unknown_input(session: AsyncSession) -> None:
    service = SvcAuthorAsyncService(session)
    with pytest.raises(TypeError) as info:
        await service.create(42)  # type: ignore[arg-type]
    assert str(info.value) == (
        "SvcAuthorAsyncService expected a SvcAuthor, a dict, or a pydantic, msgspec, attrs or dataclass instance; "
        "got int"
    )


async def test_new_with_a_session_or_a_config(session: AsyncSession, async_engine: AsyncEngine) -> None:
    from sqlalchemist.config import SQLAlchemyAsyncConfig

    async with SvcAuthorAsyncService.new(session=session) as service:
        assert service.repository.session is session
        await seed(service, 2)
    config = SQLAlchemyAsyncConfig(engine_instance=async_engine)
    async with SvcAuthorAsyncReadService.new(config=config) as reader:
        assert reader.repository.session is not session
        assert await reader.count() == 2
    with pytest.raises(ImproperConfigurationError) as info:
        async with SvcAuthorAsyncService.new():
            pass
    assert str(info.value) == (
        "SvcAuthorAsyncService.new() needs a session or a config (an object with get_session()); got neither"
    )


async def test_constructor_options_reach_the_repository(session: AsyncSession) -> None:
    statement = select(SvcAuthor).where(SvcAuthor.id > 1)
    service = SvcAuthorAsyncService(session, statement=statement, auto_commit=True, auto_expunge=True)
    assert service.model_type is SvcAuthor
    assert (service.repository.auto_commit, service.repository.auto_expunge) == (True, True)
    await service.create_many([{"id": 1, "name": "a"}, {"id": 2, "name": "b"}])
    assert await service.count() == 1
    assert [a.id for a in await service.list()] == [2]


def test_missing_repository_type_is_a_configuration_error() -> None:
    class SvcNoRepoService(SQLAlchemyAsyncRepositoryService[SvcAuthor]):
        pass

    with pytest.raises(ImproperConfigurationError) as info:
        SvcNoRepoService(None)  # type: ignore[arg-type]
    assert str(info.value) == (
        "SvcNoRepoService has no repository_type; set `repository_type = <your repository class>` on it"
    )


async def test_paginate_with_filters(session: AsyncSession) -> None:
    service = SvcAuthorAsyncReadService(session)
    writer = SvcAuthorAsyncService(session)
    await seed(writer, 5)
    pagination = CursorPagination(2, order_by=[("name", "desc")])
    first = await service.paginate(pagination, SvcAuthor.id > 1, with_total=True)
    assert ([a.id for a in first.items], first.total, first.has_next) == ([5, 4], 4, True)
    second = await service.paginate(CursorPagination(2, order_by=[("name", "desc")], cursor=first.next_cursor))
    assert [a.id for a in second.items] == [3, 2]
    assert pydantic.TypeAdapter(list[AuthorPydantic]).validate_python(second.items, from_attributes=True)[0].id == 3


async def test_static_types_follow_the_model_and_schema(session: AsyncSession) -> None:
    from typing_extensions import assert_type

    service = SvcAuthorAsyncService(session)
    author = await service.create({"id": 1, "name": "typed"})
    assert_type(author, SvcAuthor)
    assert_type(await service.get_one_or_none(id=1), "SvcAuthor | None")
    assert_type(service.to_schema(author, schema_type=AuthorPydantic), AuthorPydantic)
    page = service.to_schema([author], 1, schema_type=AuthorPydantic)
    assert_type(page, OffsetPagination[AuthorPydantic])
    assert page.items[0].name == "typed"
