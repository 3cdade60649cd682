"""Service and filter dependencies read from query parameters, with 400s naming the bad parameter."""

from __future__ import annotations

import datetime
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any, cast
from uuid import UUID

import pytest
from litestar import Litestar, get, post
from litestar.params import Dependency
from litestar.testing import AsyncTestClient
from pydantic import BaseModel
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.pagination import CursorPagination
from sqlalchemist_litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyPlugin,
    filters,
    providers,
    repository,
    service,
)
from tests.conftest import Backend
from tests.litestar.models import LsAuthor, LsBook

MakeTables = Callable[..., Awaitable[None]]
NAMES = ["Ann Lee", "Bob Ray", "Cy Annan", "Dee Fox", "Eve Stone"]


class LsAuthorSchema(BaseModel):
    id: UUID
    name: str
    dob: datetime.date | None = None


class LsAuthorCreate(BaseModel):
    name: str
    dob: datetime.date | None = None


class LsBookSchema(BaseModel):
    title: str


class LsAuthorService(service.SQLAlchemyAsyncRepositoryService[LsAuthor]):
    class Repo(repository.SQLAlchemyAsyncRepository[LsAuthor]):
        model_type = LsAuthor

    repository_type = Repo


class LsBookService(service.SQLAlchemyAsyncRepositoryService[LsBook]):
    class Repo(repository.SQLAlchemyAsyncRepository[LsBook]):
        model_type = LsBook

    repository_type = Repo


FilterList = Annotated[list[filters.FilterTypes], Dependency(skip_validation=True)]


@get(
    "/ls-authors",
    dependencies=providers.create_service_dependencies(
        LsAuthorService,
        "authors_service",
        load=[LsAuthor.books],
        filters={
            "id_filter": UUID,
            "pagination_type": "limit_offset",
            "pagination_size": 3,
            "max_page_size": 4,
            "search": "name",
            "search_ignore_case": True,
            "sort_field": ["name", "dob"],
            "sort_order": "asc",
            "in_fields": ["name"],
            "not_in_fields": ["name"],
        },
    ),
)
async def list_authors(
    authors_service: LsAuthorService, filters: FilterList
) -> service.OffsetPagination[LsAuthorSchema]:
    results, total = await authors_service.list_and_count(*filters)
    return authors_service.to_schema(results, total, filters=filters, schema_type=LsAuthorSchema)


@get("/ls-authors/{author_id:uuid}", dependencies=providers.create_service_dependencies(LsAuthorService, "svc"))
async def get_author(svc: LsAuthorService, author_id: UUID) -> LsAuthorSchema:
    return svc.to_schema(await svc.get(author_id), schema_type=LsAuthorSchema)


@post("/ls-authors", dependencies=providers.create_service_dependencies(LsAuthorService, "svc"))
async def create_author(svc: LsAuthorService, data: LsAuthorCreate) -> LsAuthorSchema:
    return svc.to_schema(await svc.create(data), schema_type=LsAuthorSchema)


@get(
    "/ls-books",
    dependencies=providers.create_service_dependencies(
        LsBookService, "books_service", filters={"created_at": True, "updated_at": True, "sort_field": "title"}
    ),
)
async def list_books(books_service: LsBookService, filters: list[filters.FilterTypes]) -> list[str]:
    return [book.title for book in await books_service.list(*filters)]


@get(
    "/ls-authors-cursor",
    dependencies=providers.create_service_dependencies(
        LsAuthorService,
        "authors_service",
        filters={
            "pagination_type": "cursor",
            "pagination_size": 2,
            "sort_field": "name",
            "sort_order": "asc",
            "search": "name",
            "search_ignore_case": True,
        },
    ),
)
async def authors_by_cursor(
    authors_service: LsAuthorService,
    cursor_pagination: Annotated[CursorPagination, Dependency(skip_validation=True)],
    filters: list[filters.FilterTypes],
) -> dict[str, Any]:
    page = await authors_service.paginate(cursor_pagination, *filters, with_total=True)
    return {"names": [author.name for author in page.items], "next": page.next_cursor, "total": page.total}


@pytest.fixture
async def client(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> AsyncIterator[AsyncTestClient[Litestar]]:
    await async_tables(LsAuthor, LsBook)
    async with AsyncSession(async_engine) as session:
        authors = [LsAuthor(name=name) for name in NAMES]
        session.add_all(authors)
        await session.flush()
        old = datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc)
        new = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
        session.add_all([LsBook(title=title, author_id=authors[0].id) for title in ("Old", "New")])
        await session.commit()
    async with async_engine.begin() as conn:
        for title, stamp in (("Old", old), ("New", new)):
            await conn.execute(update(LsBook).where(LsBook.title == title).values(created_at=stamp, updated_at=stamp))
    config = SQLAlchemyAsyncConfig(
        connection_string=async_backend.url(tmp_path),
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
    )
    app = Litestar(
        route_handlers=[list_authors, get_author, create_author, list_books, authors_by_cursor],
        plugins=[SQLAlchemyPlugin(config=config)],
    )
    async with AsyncTestClient(app) as test_client:
        yield test_client


def _names(body: dict[str, Any]) -> list[str]:
    return [item["name"] for item in body["items"]]


async def test_pagination_and_ordering(client: AsyncTestClient[Litestar]) -> None:
    first = (await client.get("/ls-authors")).json()
    assert (_names(first), first["limit"], first["offset"], first["total"]) == (NAMES[:3], 3, 0, 5)
    second = (await client.get("/ls-authors", params={"currentPage": 2, "pageSize": 2})).json()
    assert (_names(second), second["limit"], second["offset"], second["total"]) == (NAMES[2:4], 2, 2, 5)
    desc = (await client.get("/ls-authors", params={"orderBy": "name", "sortOrder": "desc"})).json()
    assert _names(desc) == NAMES[::-1][:3]


async def test_case_insensitive_search(client: AsyncTestClient[Litestar]) -> None:
    body = (await client.get("/ls-authors", params={"searchString": "AN"})).json()
    assert (_names(body), body["total"]) == (["Ann Lee", "Cy Annan"], 2)


@pytest.mark.backends("postgres")
async def test_case_sensitive_search_on_request(client: AsyncTestClient[Litestar]) -> None:
    exact = (await client.get("/ls-authors", params={"searchString": "AN", "searchIgnoreCase": "false"})).json()
    assert exact["total"] == 0
    lower = (await client.get("/ls-authors", params={"searchString": "nn", "searchIgnoreCase": "false"})).json()
    assert _names(lower) == ["Ann Lee", "Cy Annan"]


async def test_id_filter(client: AsyncTestClient[Litestar]) -> None:
    everyone = (await client.get("/ls-authors", params={"pageSize": 4})).json()["items"]
    ids = [everyone[1]["id"], everyone[3]["id"]]
    body = (await client.get("/ls-authors", params={"ids": ids})).json()
    assert (_names(body), body["total"]) == (["Bob Ray", "Dee Fox"], 2)


async def test_in_and_not_in_fields(client: AsyncTestClient[Litestar]) -> None:
    chosen = (await client.get("/ls-authors", params={"nameIn": ["Bob Ray", "Eve Stone"]})).json()
    assert _names(chosen) == ["Bob Ray", "Eve Stone"]
    rest = (await client.get("/ls-authors", params={"nameNotIn": ["Ann Lee", "Bob Ray"]})).json()
    assert _names(rest) == ["Cy Annan", "Dee Fox", "Eve Stone"]


async def test_created_and_updated_filters(client: AsyncTestClient[Litestar]) -> None:
    assert (await client.get("/ls-books", params={"createdAfter": "2022-01-01T00:00:00Z"})).json() == ["New"]
    assert (await client.get("/ls-books", params={"updatedBefore": "2022-01-01T00:00:00Z"})).json() == ["Old"]
    assert (await client.get("/ls-books", params={"sortOrder": "asc"})).json() == ["New", "Old"]
    assert (await client.get("/ls-books")).json() == ["Old", "New"]


async def test_bad_id_is_a_400_naming_ids(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/ls-authors", params={"ids": "not-a-uuid"})
    assert response.status_code == 400
    assert response.json() == {
        "status_code": 400,
        "detail": "Validation failed for GET /ls-authors?ids=not-a-uuid",
        "extra": [{"message": "Invalid UUID", "key": "ids", "source": "query"}],
    }


async def test_page_size_above_the_maximum_is_a_400(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/ls-authors", params={"pageSize": 5})
    assert response.status_code == 400
    assert response.json()["extra"] == [{"message": "Expected `int` <= 4", "key": "pageSize", "source": "query"}]


async def test_unknown_order_by_is_a_400(client: AsyncTestClient[Litestar]) -> None:
    response = await client.get("/ls-authors", params={"orderBy": "password"})
    assert response.status_code == 400
    assert response.json()["extra"] == [
        {"message": "Invalid enum value 'password'", "key": "orderBy", "source": "query"}
    ]


async def test_service_errors_map_to_statuses(client: AsyncTestClient[Litestar], async_engine: AsyncEngine) -> None:
    missing = await client.get("/ls-authors/00000000-0000-0000-0000-000000000000")
    assert (missing.status_code, missing.json()) == (
        404,
        {"status_code": 404, "detail": "LsAuthor with id=00000000-0000-0000-0000-000000000000 not found"},
    )
    duplicate = await client.post("/ls-authors", json={"name": "Ann Lee"})
    assert (duplicate.status_code, duplicate.json()) == (
        409,
        {"status_code": 409, "detail": "LsAuthor: duplicate value for ls_author.name ('Ann Lee')"},
    )
    created = await client.post("/ls-authors", json={"name": "Zed New"})
    assert created.status_code == 201
    assert (created.json()["name"], created.json()["dob"]) == ("Zed New", None)
    async with async_engine.connect() as conn:
        names = (await conn.execute(select(LsAuthor.name).order_by(LsAuthor.name))).scalars().all()
    assert names == [*NAMES, "Zed New"]


def test_unknown_filter_setting_is_refused() -> None:
    with pytest.raises(ImproperConfigurationError) as info:
        providers.create_service_dependencies(LsAuthorService, "svc", filters=cast("Any", {"pagination": "yes"}))
    assert str(info.value).startswith("unknown filter setting(s) ['pagination']; FilterConfig accepts [")


async def test_cursor_pagination(client: AsyncTestClient[Litestar]) -> None:
    first = (await client.get("/ls-authors-cursor")).json()
    assert (first["names"], first["total"]) == (NAMES[:2], 5)
    second = (await client.get("/ls-authors-cursor", params={"cursor": first["next"]})).json()
    assert second["names"] == NAMES[2:4]
    third = (await client.get("/ls-authors-cursor", params={"cursor": second["next"]})).json()
    assert (third["names"], third["next"]) == (NAMES[4:], None)
    searched = (await client.get("/ls-authors-cursor", params={"searchString": "an", "sortOrder": "desc"})).json()
    assert (searched["names"], searched["total"]) == (["Cy Annan", "Ann Lee"], 2)
    tampered = await client.get("/ls-authors-cursor", params={"cursor": "not-a-cursor"})
    assert (tampered.status_code, tampered.json()) == (
        400,
        {"status_code": 400, "detail": "invalid pagination cursor: it is not a cursor issued by this listing"},
    )
