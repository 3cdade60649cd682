"""The demo's book/author API written with a plain SQLAlchemy ``AsyncSession``: the floor for ``bench/http.py``.

Same routes, query parameters, status codes and JSON bodies as ``examples/demo.py``; no sqlalchemist import.
"""

from __future__ import annotations

import datetime
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar
from uuid import UUID, uuid4

from litestar import Controller, Litestar, delete, get, patch, post
from litestar.di import Provide
from litestar.exceptions import NotFoundException
from litestar.params import Parameter
from pydantic import BaseModel
from sqlalchemy import ColumnElement, DateTime, ForeignKey, Uuid, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker, create_async_engine
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

T = TypeVar("T")


def utcnow() -> datetime.datetime:
    """Now, timezone-aware UTC."""
    return datetime.datetime.now(datetime.timezone.utc)


# Models: the demo's tables, declared with plain SQLAlchemy.


class Base(DeclarativeBase):
    """Declarative base of the plain app."""


class AuthorModel(Base):
    """An author (the demo's ``AuthorModel``)."""

    __tablename__ = "author"

    id: Mapped[UUID] = mapped_column(Uuid, primary_key=True, default=uuid4)
    name: Mapped[str]
    dob: Mapped[datetime.date | None]
    books: Mapped[list[BookModel]] = relationship(back_populates="author", lazy="selectin")


class BookModel(Base):
    """A book (the demo's ``BookModel``, with its audit timestamps)."""

    __tablename__ = "book"

    id: Mapped[UUID] = mapped_column(Uuid, primary_key=True, default=uuid4)
    title: Mapped[str]
    author_id: Mapped[UUID] = mapped_column(ForeignKey("author.id"))
    created_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)
    author: Mapped[AuthorModel] = relationship(back_populates="books", lazy="joined", innerjoin=True)


# Schemas: the demo's, verbatim.


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


@dataclass
class OffsetPagination(Generic[T]):
    """A page of ``items`` at ``offset`` (at most ``limit``) out of ``total``: the demo's JSON shape."""

    items: Sequence[T]
    limit: int
    offset: int
    total: int


# Query parameters: the handler arguments carry the demo's camelCase names, so validation errors name them alike.

CurrentPage = Annotated[int, Parameter(ge=1, required=False, description="Page number, from 1.")]
PageSize = Annotated[int, Parameter(ge=1, le=100, required=False, description="Items per page.")]
Ids = Annotated[list[UUID] | None, Parameter(required=False, description="Only these ids.")]
SearchString = Annotated[str | None, Parameter(required=False, description="Search text.")]
SearchIgnoreCase = Annotated[bool, Parameter(required=False, description="Ignore case.")]
ItemId = Annotated[UUID, Parameter(title="Author ID", description="The author.")]


def search_clause(column: Any, text: str, *, ignore_case: bool) -> ColumnElement[bool]:
    """``column`` contains ``text`` (``%``, ``_`` and ``/`` matched literally)."""
    if ignore_case:
        return column.icontains(text, autoescape=True)  # type: ignore[no-any-return]
    return column.contains(text, autoescape=True)  # type: ignore[no-any-return]


async def page_and_total(
    session: AsyncSession, model: type[Any], where: list[ColumnElement[bool]], limit: int, offset: int, *, window: bool
) -> tuple[list[Any], int]:
    """One page of ``model`` rows and the number of matches: ``COUNT(*) OVER ()`` or a separate ``COUNT``."""
    count = select(func.count()).select_from(model).where(*where)
    page = select(model).where(*where).limit(limit).offset(offset)
    if not window:
        total = int(await session.scalar(count) or 0)
        return list((await session.scalars(page)).all()), total
    rows = (await session.execute(page.add_columns(func.count().over()))).all()
    if rows:
        return [row[0] for row in rows], int(rows[0][1])
    return [], int(await session.scalar(count) or 0) if offset else 0


def to_author(obj: AuthorModel) -> Author:
    """The response schema of an author row."""
    return Author.model_validate(obj, from_attributes=True)


def not_found(model: type[Any], item_id: UUID) -> NotFoundException:
    """The demo's 404 (``AuthorModel with id=… not found``)."""
    return NotFoundException(detail=f"{model.__name__} with id={item_id} not found")


class AuthorController(Controller):
    """Author CRUD endpoints."""

    count_window = True

    @get(path="/authors")
    async def list_authors(
        self,
        db_session: AsyncSession,
        currentPage: CurrentPage = 1,
        pageSize: PageSize = 20,
        ids: Ids = None,
        searchString: SearchString = None,
        searchIgnoreCase: SearchIgnoreCase = True,
    ) -> OffsetPagination[Author]:
        """List authors, a page at a time (``currentPage``, ``pageSize``, ``ids``, ``searchString``)."""
        where: list[ColumnElement[bool]] = []
        if ids is not None:
            where.append(AuthorModel.id.in_(ids))
        if searchString:
            where.append(search_clause(AuthorModel.name, searchString, ignore_case=searchIgnoreCase))
        offset = pageSize * (currentPage - 1)
        rows, total = await page_and_total(db_session, AuthorModel, where, pageSize, offset, window=self.count_window)
        return OffsetPagination(items=[to_author(row) for row in rows], limit=pageSize, offset=offset, total=total)

    @post(path="/authors")
    async def create_author(self, db_session: AsyncSession, data: AuthorCreate) -> Author:
        """Create a new author."""
        obj = AuthorModel(**data.model_dump())
        db_session.add(obj)
        await db_session.flush()
        return to_author(obj)

    @get(path="/authors/{author_id:uuid}")
    async def get_author(self, db_session: AsyncSession, author_id: ItemId) -> Author:
        """Get an existing author."""
        obj = await db_session.get(AuthorModel, author_id)
        if obj is None:
            raise not_found(AuthorModel, author_id)
        return to_author(obj)

    @patch(path="/authors/{author_id:uuid}")
    async def update_author(self, db_session: AsyncSession, data: AuthorUpdate, author_id: ItemId) -> Author:
        """Update an author."""
        obj = await db_session.get(AuthorModel, author_id)
        if obj is None:
            raise not_found(AuthorModel, author_id)
        for key, value in data.model_dump(exclude_unset=True).items():
            setattr(obj, key, value)
        await db_session.flush()
        return to_author(obj)

    @delete(path="/authors/{author_id:uuid}")
    async def delete_author(self, db_session: AsyncSession, author_id: ItemId) -> None:
        """Delete an author from the system."""
        obj = await db_session.get(AuthorModel, author_id)
        if obj is None:
            raise not_found(AuthorModel, author_id)
        await db_session.delete(obj)


class BookController(Controller):
    """Book endpoints."""

    @get(path="/books")
    async def list_books(
        self,
        db_session: AsyncSession,
        currentPage: CurrentPage = 1,
        pageSize: PageSize = 20,
        ids: Ids = None,
        searchString: SearchString = None,
        searchIgnoreCase: SearchIgnoreCase = True,
    ) -> OffsetPagination[Book]:
        """List books, a page at a time."""
        where: list[ColumnElement[bool]] = []
        if ids is not None:
            where.append(BookModel.id.in_(ids))
        if searchString:
            where.append(search_clause(BookModel.title, searchString, ignore_case=searchIgnoreCase))
        offset = pageSize * (currentPage - 1)
        rows, total = await page_and_total(db_session, BookModel, where, pageSize, offset, window=True)
        items = [Book.model_validate(row, from_attributes=True) for row in rows]
        return OffsetPagination(items=items, limit=pageSize, offset=offset, total=total)

    @post(path="/books")
    async def create_book(self, db_session: AsyncSession, data: BookCreate) -> Book:
        """Create a book for an existing author."""
        obj = BookModel(**data.model_dump())
        db_session.add(obj)
        await db_session.flush()
        return Book.model_validate(obj, from_attributes=True)


def session_provider(
    maker: async_sessionmaker[AsyncSession],
) -> Callable[[], AsyncGenerator[AsyncSession, None]]:
    """A Litestar dependency: one session per request, committed on success, rolled back on error."""

    async def provide_db_session() -> AsyncGenerator[AsyncSession, None]:
        async with maker() as session:
            try:
                yield session
            except Exception:
                await session.rollback()
                raise
            await session.commit()

    return provide_db_session


def create_app(database_url: str, *, count_window: bool = True) -> Litestar:
    """Build the plain app on ``database_url``; ``count_window=False`` counts with a separate ``COUNT``."""
    engine = create_async_engine(database_url)
    maker = async_sessionmaker(engine, expire_on_commit=False)
    AuthorController.count_window = count_window

    async def create_tables() -> None:
        async with engine.begin() as conn:
            await conn.run_sync(Base.metadata.create_all)

    async def dispose() -> None:
        await engine.dispose()

    return Litestar(
        route_handlers=[AuthorController, BookController],
        dependencies={"db_session": Provide(session_provider(maker))},
        on_startup=[create_tables],
        on_shutdown=[dispose],
    )
