"""The guide's book/author API on sqlalchemist: ``python -m examples.demo`` (``PORT``, ``DATABASE_URL`` to change).

Serves ``/authors`` and ``/books`` with pagination, an id filter and case-insensitive search, and the OpenAPI UI
at ``/schema/swagger``; the tables are created at start-up (SQLite file ``demo.sqlite`` by default).
"""

from __future__ import annotations

import datetime
import os
from typing import Annotated
from uuid import UUID

from litestar import Controller, Litestar, delete, get, patch, post
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.params import Dependency, Parameter
from pydantic import BaseModel
from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sqlalchemist_litestar import (
    AsyncSessionConfig,
    SQLAlchemyAsyncConfig,
    SQLAlchemyPlugin,
    base,
    filters,
    providers,
    repository,
    service,
)

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///demo.sqlite"


# Models


class AuthorModel(base.UUIDBase):
    __tablename__ = "author"

    name: Mapped[str]
    dob: Mapped[datetime.date | None]
    books: Mapped[list[BookModel]] = relationship(back_populates="author", lazy="selectin")


class BookModel(base.UUIDAuditBase):
    __tablename__ = "book"

    title: Mapped[str]
    author_id: Mapped[UUID] = mapped_column(ForeignKey("author.id"))
    author: Mapped[AuthorModel] = relationship(back_populates="books", lazy="joined", innerjoin=True)


# Schemas


class Author(BaseModel):
    """Author response schema."""

    id: UUID | None = None
    name: str
    dob: datetime.date | None = None


class AuthorCreate(BaseModel):
    """Schema for creating authors."""

    name: str
    dob: datetime.date | None = None


class AuthorUpdate(BaseModel):
    """Schema for updating authors."""

    name: str | None = None
    dob: datetime.date | None = None


class Book(BaseModel):
    """Book response schema."""

    id: UUID | None = None
    title: str
    author_id: UUID
    created_at: datetime.datetime | None = None


class BookCreate(BaseModel):
    """Schema for creating books."""

    title: str
    author_id: UUID


# Services


class AuthorService(service.SQLAlchemyAsyncRepositoryService[AuthorModel]):
    """Author service."""

    class Repo(repository.SQLAlchemyAsyncRepository[AuthorModel]):
        """Author repository."""

        model_type = AuthorModel

    repository_type = Repo


class BookService(service.SQLAlchemyAsyncRepositoryService[BookModel]):
    """Book service."""

    class Repo(repository.SQLAlchemyAsyncRepository[BookModel]):
        """Book repository."""

        model_type = BookModel

    repository_type = Repo


FilterList = Annotated[list[filters.FilterTypes], Dependency(skip_validation=True)]


# Controllers


class AuthorController(Controller):
    """Author CRUD endpoints."""

    dependencies = providers.create_service_dependencies(
        AuthorService,
        "authors_service",
        load=[AuthorModel.books],
        filters={"pagination_type": "limit_offset", "id_filter": UUID, "search": "name", "search_ignore_case": True},
    )

    @get(path="/authors")
    async def list_authors(
        self, authors_service: AuthorService, filters: FilterList
    ) -> service.OffsetPagination[Author]:
        """List authors, a page at a time (``currentPage``, ``pageSize``, ``ids``, ``searchString``)."""
        results, total = await authors_service.list_and_count(*filters)
        return authors_service.to_schema(results, total, filters=filters, schema_type=Author)

    @post(path="/authors")
    async def create_author(self, authors_service: AuthorService, data: AuthorCreate) -> Author:
        """Create a new author."""
        obj = await authors_service.create(data)
        return authors_service.to_schema(obj, schema_type=Author)

    @get(path="/authors/{author_id:uuid}")
    async def get_author(
        self,
        authors_service: AuthorService,
        author_id: Annotated[UUID, Parameter(title="Author ID", description="The author to retrieve.")],
    ) -> Author:
        """Get an existing author."""
        obj = await authors_service.get(author_id)
        return authors_service.to_schema(obj, schema_type=Author)

    @patch(path="/authors/{author_id:uuid}")
    async def update_author(
        self,
        authors_service: AuthorService,
        data: AuthorUpdate,
        author_id: Annotated[UUID, Parameter(title="Author ID", description="The author to update.")],
    ) -> Author:
        """Update an author."""
        obj = await authors_service.update(data, item_id=author_id, auto_commit=True)
        return authors_service.to_schema(obj, schema_type=Author)

    @delete(path="/authors/{author_id:uuid}")
    async def delete_author(
        self,
        authors_service: AuthorService,
        author_id: Annotated[UUID, Parameter(title="Author ID", description="The author to delete.")],
    ) -> None:
        """Delete an author from the system."""
        _ = await authors_service.delete(author_id)


class BookController(Controller):
    """Book endpoints."""

    dependencies = providers.create_service_dependencies(
        BookService,
        "books_service",
        filters={"pagination_type": "limit_offset", "id_filter": UUID, "search": "title", "search_ignore_case": True},
    )

    @get(path="/books")
    async def list_books(self, books_service: BookService, filters: FilterList) -> service.OffsetPagination[Book]:
        """List books, a page at a time."""
        results, total = await books_service.list_and_count(*filters)
        return books_service.to_schema(results, total, filters=filters, schema_type=Book)

    @post(path="/books")
    async def create_book(self, books_service: BookService, data: BookCreate) -> Book:
        """Create a book for an existing author."""
        obj = await books_service.create(data)
        return books_service.to_schema(obj, schema_type=Book)


def create_app(database_url: str | None = None) -> Litestar:
    """Build the demo application on ``database_url`` (default: ``DATABASE_URL`` or ``demo.sqlite``)."""
    alchemy_config = SQLAlchemyAsyncConfig(
        connection_string=database_url or os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL),
        before_send_handler="autocommit",
        session_config=AsyncSessionConfig(expire_on_commit=False),
        create_all=True,
    )
    return Litestar(
        route_handlers=[AuthorController, BookController],
        plugins=[SQLAlchemyPlugin(config=alchemy_config)],
        openapi_config=OpenAPIConfig(
            title="sqlalchemist demo: books and authors",
            version="0.1.0",
            render_plugins=[SwaggerRenderPlugin()],
        ),
    )


def main() -> None:
    """Serve the demo with uvicorn on 127.0.0.1 (``PORT``, default 8000) and print where."""
    import uvicorn

    port = int(os.environ.get("PORT", "8000"))
    url = f"http://127.0.0.1:{port}"
    print(f"sqlalchemist demo on {url}  (database: {os.environ.get('DATABASE_URL', DEFAULT_DATABASE_URL)})", flush=True)
    print(f"OpenAPI UI: {url}/schema/swagger", flush=True)
    print(f"Try: curl -X POST {url}/authors -H 'Content-Type: application/json' -d '{{\"name\": \"Ann\"}}'", flush=True)
    uvicorn.run(create_app(), host="127.0.0.1", port=port, log_level="info")


if __name__ == "__main__":
    main()
