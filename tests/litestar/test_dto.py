"""SQLAlchemyDTO fields and the serialization plugin: handlers take and return mapped instances."""

from __future__ import annotations

import datetime
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Annotated, Any
from uuid import UUID

from litestar import Litestar, get, post
from litestar.dto import DTOData, Mark
from litestar.testing import AsyncTestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from sqlalchemist_litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyDTO,
    SQLAlchemyDTOConfig,
    SQLAlchemyPlugin,
)
from tests.conftest import Backend
from tests.litestar.models import LsAuthor, LsBook, LsUserModel

MakeTables = Callable[..., Awaitable[None]]


def _field_names(dto: type[SQLAlchemyDTO[Any]], model: type[Any]) -> dict[str, str | None]:
    return {
        f.name: (str(Mark(f.dto_field.mark).value) if f.dto_field.mark else None)
        for f in dto.generate_field_definitions(model)
    }


def test_fields_of_a_model_with_relationships_hybrids_and_properties() -> None:
    fields = _field_names(SQLAlchemyDTO[LsAuthor], LsAuthor)
    assert fields == {
        "id": None,
        "name": None,
        "dob": None,
        "books": None,
        "upper_name": "read-only",
        "initials": "read-only",
        "name_length": "read-only",
    }


def test_property_types_come_from_return_annotations() -> None:
    types = {f.name: f.annotation for f in SQLAlchemyDTO[LsAuthor].generate_field_definitions(LsAuthor)}
    assert types["initials"] is str
    assert types["name_length"] is int
    assert types["upper_name"] is str
    assert types["books"] == list[LsBook]


def test_implicit_fields_can_be_limited() -> None:
    hybrid_only = SQLAlchemyDTO[Annotated[LsAuthor, SQLAlchemyDTOConfig(include_implicit_fields="hybrid-only")]]
    none = SQLAlchemyDTO[Annotated[LsAuthor, SQLAlchemyDTOConfig(include_implicit_fields=False)]]
    assert set(_field_names(hybrid_only, LsAuthor)) == {"id", "name", "dob", "books", "upper_name"}
    assert set(_field_names(none, LsAuthor)) == {"id", "name", "dob", "books"}


class LsAuthorWriteDTO(SQLAlchemyDTO[LsAuthor]):
    config = SQLAlchemyDTOConfig(exclude={"id", "books"})


class LsAuthorReadDTO(SQLAlchemyDTO[LsAuthor]):
    config = SQLAlchemyDTOConfig(exclude={"books"}, include_implicit_fields="hybrid-only")


async def test_handlers_accept_and_return_models(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsAuthor, LsBook)

    @post("/authors", dto=LsAuthorWriteDTO, return_dto=LsAuthorReadDTO)
    async def create_author(data: DTOData[LsAuthor], db_session: AsyncSession) -> LsAuthor:
        author = data.create_instance()
        db_session.add(author)
        await db_session.flush()
        return author

    @post("/plain-authors")
    async def create_plain(data: LsAuthor, db_session: AsyncSession) -> LsAuthor:
        db_session.add(data)
        await db_session.flush()
        await db_session.refresh(data, ["books"])
        return data

    @get("/authors")
    async def list_authors(db_session: AsyncSession) -> list[LsAuthor]:
        return list((await db_session.execute(select(LsAuthor).order_by(LsAuthor.name))).scalars())

    config = SQLAlchemyAsyncConfig(
        connection_string=async_backend.url(tmp_path),
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
    )
    app = Litestar(
        route_handlers=[create_author, create_plain, list_authors], plugins=[SQLAlchemyPlugin(config=config)]
    )
    async with AsyncTestClient(app) as client:
        created = await client.post("/authors", json={"name": "Ann Lee", "dob": "1990-02-03"})
        plain = await client.post("/plain-authors", json={"name": "Bo Day"})
        listed = await client.get("/authors")
    assert created.status_code == 201
    body = created.json()
    assert UUID(body.pop("id"))
    assert body == {"name": "Ann Lee", "dob": "1990-02-03", "upper_name": "ANN LEE"}
    assert plain.status_code == 201
    plain_body = plain.json()
    assert UUID(plain_body.pop("id"))
    assert plain_body == {
        "name": "Bo Day",
        "dob": None,
        "books": [],
        "upper_name": "BO DAY",
        "initials": "BD",
        "name_length": 6,
    }
    assert [item["name"] for item in listed.json()] == ["Ann Lee", "Bo Day"]
    async with async_engine.connect() as conn:
        rows = (await conn.execute(select(LsAuthor.name, LsAuthor.dob).order_by(LsAuthor.name))).all()
    assert [tuple(row) for row in rows] == [("Ann Lee", datetime.date(1990, 2, 3)), ("Bo Day", None)]


def test_guide_dataclass_model_fields() -> None:
    assert _field_names(SQLAlchemyDTO[LsUserModel], LsUserModel) == {
        "id": None,
        "created_at": None,
        "updated_at": None,
        "first_name": None,
        "last_name": None,
        "full_name": "read-only",
        "name_length": "read-only",
    }


class LsUserWriteDTO(SQLAlchemyDTO[LsUserModel]):
    config = SQLAlchemyDTOConfig(exclude={"id", "created_at", "updated_at"})


async def test_guide_dataclass_model_round_trip(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsUserModel)

    @post("/users", dto=LsUserWriteDTO, return_dto=SQLAlchemyDTO[LsUserModel])
    async def create_user(data: LsUserModel, db_session: AsyncSession) -> LsUserModel:
        db_session.add(data)
        await db_session.flush()
        return data

    config = SQLAlchemyAsyncConfig(connection_string=async_backend.url(tmp_path), before_send_handler="autocommit")
    app = Litestar(route_handlers=[create_user], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        response = await client.post("/users", json={"first_name": "Ann", "last_name": "Lee"})
    assert response.status_code == 201
    body = response.json()
    assert {key: body[key] for key in ("first_name", "last_name", "full_name", "name_length")} == {
        "first_name": "Ann",
        "last_name": "Lee",
        "full_name": "Ann Lee",
        "name_length": 7,
    }
    assert set(body) == {"id", "created_at", "updated_at", "first_name", "last_name", "full_name", "name_length"}
    async with async_engine.connect() as conn:
        assert (await conn.execute(select(LsUserModel.first_name))).scalars().all() == ["Ann"]


async def test_relationships_nest_to_the_configured_depth(
    async_backend: Backend, tmp_path: Path, async_tables: MakeTables, async_engine: AsyncEngine
) -> None:
    await async_tables(LsAuthor, LsBook)
    async with AsyncSession(async_engine) as session:
        author = LsAuthor(name="Ann Lee")
        session.add(author)
        await session.flush()
        session.add(LsBook(title="First", author_id=author.id))
        await session.commit()

    class Depth1(SQLAlchemyDTO[LsAuthor]):
        config = SQLAlchemyDTOConfig(include={"name", "books", "books.0.title"}, max_nested_depth=1)

    class Depth0(SQLAlchemyDTO[LsAuthor]):
        config = SQLAlchemyDTOConfig(exclude={"id", "dob"}, max_nested_depth=0, include_implicit_fields=False)

    @get("/depth1", return_dto=Depth1)
    async def depth1(db_session: AsyncSession) -> list[LsAuthor]:
        return list((await db_session.execute(select(LsAuthor))).scalars())

    @get("/depth0", return_dto=Depth0)
    async def depth0(db_session: AsyncSession) -> list[LsAuthor]:
        return list((await db_session.execute(select(LsAuthor))).scalars())

    config = SQLAlchemyAsyncConfig(connection_string=async_backend.url(tmp_path))
    app = Litestar(route_handlers=[depth1, depth0], plugins=[SQLAlchemyPlugin(config=config)])
    async with AsyncTestClient(app) as client:
        nested = (await client.get("/depth1")).json()
        flat = (await client.get("/depth0")).json()
    assert nested == [{"name": "Ann Lee", "books": [{"title": "First"}]}]
    assert flat == [{"name": "Ann Lee"}]
