"""The floor: each workload written as the fastest idiomatic SQLAlchemy Core a careful user would write.

Statements are built once at import (or once per dialect) and executed with bound parameters, so neither side pays
for statement construction the other does not. Every function opens a connection from the pool, does the work,
commits and returns what the repository method would return (rows instead of ORM objects).
"""

from __future__ import annotations

import datetime
import sqlite3
import uuid
from collections.abc import Sequence
from typing import Any, Literal

from _models import AUTHOR, AUTHOR_COLUMNS, BOOK
from _schemas import AuthorCreate, AuthorSchema
from sqlalchemy import Insert, Row, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

CountMode = Literal["window", "two"]

# add_many: one executemany INSERT; SQLAlchemy batches it with insertmanyvalues and RETURNING, and
# sort_by_parameter_order keeps the returned ids in input order (what the ORM needs to fill its objects).
INSERT_RETURNING_IDS = insert(AUTHOR).returning(AUTHOR.c.id, sort_by_parameter_order=True)

# service_create: one plain INSERT per request; the id and stamps are made in Python, so nothing needs returning.
INSERT_ROW = insert(AUTHOR)

# get: one SELECT of every column by primary key, compiled once and cached.
GET_BY_PK = select(*AUTHOR_COLUMNS).where(AUTHOR.c.id == bindparam("pk"))

# list_and_count, "window": one round trip, the total as COUNT(*) OVER () beside each row of the page.
SEARCH = AUTHOR.c.name.ilike(bindparam("pattern"))
PAGE_WITH_TOTAL = (
    select(*AUTHOR_COLUMNS, func.count().over().label("total"))
    .where(SEARCH)
    .order_by(AUTHOR.c.name.asc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)
# list_and_count, "two" (and the fallback of "window" when the page is past the end): a COUNT, then the page.
COUNT = select(func.count()).select_from(AUTHOR).where(SEARCH)
PAGE = (
    select(*AUTHOR_COLUMNS)
    .where(SEARCH)
    .order_by(AUTHOR.c.name.asc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)

# update_many: one executemany UPDATE by primary key of the columns the caller set, plus updated_at.
UPDATE_BY_PK = (
    update(AUTHOR)
    .where(AUTHOR.c.id == bindparam("b_id"))
    .values(name=bindparam("b_name"), email=bindparam("b_email"), dob=bindparam("b_dob"))
)

# delete_many: DELETE … WHERE id IN (…) RETURNING every column, chunked under the bind-parameter limit.
DELETE_RETURNING = delete(AUTHOR).where(AUTHOR.c.id.in_(bindparam("ids", expanding=True))).returning(*AUTHOR_COLUMNS)

# list with books: the page of authors, then every book of those authors in one IN query (what selectin does).
AUTHOR_PAGE = (
    select(*AUTHOR_COLUMNS).order_by(AUTHOR.c.name.asc()).limit(bindparam("limit")).offset(bindparam("offset"))
)
BOOKS_OF = select(*BOOK.c).where(BOOK.c.author_id.in_(bindparam("ids", expanding=True)))


def utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def bind_limit(dialect_name: str) -> int:
    """How many bound parameters one statement may carry on this dialect (with a small margin)."""
    if dialect_name == "sqlite":
        version = tuple(int(part) for part in sqlite3.sqlite_version.split("."))
        return 32_000 if version >= (3, 32) else 990
    if dialect_name == "postgresql":
        return 32_000
    return 60_000


_UPSERT_CACHE: dict[str, Insert] = {}


def upsert_statement(dialect_name: str) -> Insert:
    """INSERT … ON CONFLICT (email) DO UPDATE … RETURNING every column, for PostgreSQL and SQLite."""
    cached = _UPSERT_CACHE.get(dialect_name)
    if cached is not None:
        return cached
    if dialect_name == "postgresql":
        pg = postgresql.insert(AUTHOR)
        stmt: Insert = pg.on_conflict_do_update(
            index_elements=[AUTHOR.c.email],
            set_={"name": pg.excluded.name, "dob": pg.excluded.dob, "updated_at": pg.excluded.updated_at},
        ).returning(*AUTHOR_COLUMNS)
    elif dialect_name == "sqlite":
        lite = sqlite.insert(AUTHOR)
        stmt = lite.on_conflict_do_update(
            index_elements=[AUTHOR.c.email],
            set_={"name": lite.excluded.name, "dob": lite.excluded.dob, "updated_at": lite.excluded.updated_at},
        ).returning(*AUTHOR_COLUMNS)
    else:
        msg = f"the Core upsert is written for postgresql and sqlite, got {dialect_name!r}"
        raise NotImplementedError(msg)
    _UPSERT_CACHE[dialect_name] = stmt
    return stmt


async def add_many(engine: AsyncEngine, rows: list[dict[str, Any]]) -> list[uuid.UUID]:
    """Insert ``rows`` (name, email, dob; id and timestamps from the column defaults), return the new ids."""
    async with engine.connect() as conn:
        result = await conn.execute(INSERT_RETURNING_IDS, rows)
        ids = list(result.scalars())
        await conn.commit()
    return ids


async def get_many(engine: AsyncEngine, ids: list[uuid.UUID]) -> list[Row[Any]]:
    """One primary-key SELECT per id, in one connection."""
    out: list[Row[Any]] = []
    async with engine.connect() as conn:
        for pk in ids:
            out.append((await conn.execute(GET_BY_PK, {"pk": pk})).one())
        await conn.commit()
    return out


async def list_and_count(
    engine: AsyncEngine, pages: list[tuple[str, int]], limit: int, count_mode: CountMode
) -> list[tuple[int, list[Row[Any]]]]:
    """For each ``(term, offset)``: the page of authors whose name contains ``term`` (any case) and the total."""
    out: list[tuple[int, list[Row[Any]]]] = []
    async with engine.connect() as conn:
        for term, offset in pages:
            params = {"pattern": f"%{term}%", "limit": limit, "offset": offset}
            if count_mode == "window":
                rows = (await conn.execute(PAGE_WITH_TOTAL, params)).all()
                if rows:
                    total = rows[0].total
                    page = list(rows)  # each row also carries the total as its last column
                else:
                    total = (await conn.execute(COUNT, params)).scalar_one()
                    page = []
            else:
                total = (await conn.execute(COUNT, params)).scalar_one()
                page = list((await conn.execute(PAGE, params)).all())
            out.append((total, page))  # type: ignore[arg-type]
        await conn.commit()
    return out


async def update_many(engine: AsyncEngine, params: list[dict[str, Any]]) -> int:
    """Executemany UPDATE by primary key (``b_id``, ``b_name``, ``b_email``, ``b_dob``); stamps updated_at."""
    stmt = UPDATE_BY_PK.values(updated_at=utcnow())
    async with engine.connect() as conn:
        result = await conn.execute(stmt, params)
        await conn.commit()
    return result.rowcount


async def upsert_many(engine: AsyncEngine, rows: list[dict[str, Any]]) -> list[Row[Any]]:
    """Native upsert on the unique e-mail, executemany with RETURNING; existing rows keep their id."""
    async with engine.connect() as conn:
        stmt = upsert_statement(conn.dialect.name)
        result = await conn.execute(stmt, rows)
        out = list(result.all())
        await conn.commit()
    return out


async def delete_many(engine: AsyncEngine, ids: Sequence[uuid.UUID]) -> list[Row[Any]]:
    """Delete by primary key in chunks under the bind limit, returning the deleted rows."""
    out: list[Row[Any]] = []
    async with engine.connect() as conn:
        chunk = bind_limit(conn.dialect.name)
        for start in range(0, len(ids), chunk):
            result = await conn.execute(DELETE_RETURNING, {"ids": list(ids[start : start + chunk])})
            out.extend(result.all())
        await conn.commit()
    return out


async def list_with_books(
    engine: AsyncEngine, offsets: list[int], limit: int
) -> list[list[tuple[Row[Any], list[Row[Any]]]]]:
    """For each offset: a page of authors by name, each with its books, in two statements (like selectin)."""
    out: list[list[tuple[Row[Any], list[Row[Any]]]]] = []
    async with engine.connect() as conn:
        for offset in offsets:
            authors = (await conn.execute(AUTHOR_PAGE, {"limit": limit, "offset": offset})).all()
            books: dict[uuid.UUID, list[Row[Any]]] = {author.id: [] for author in authors}
            if books:
                for book in await conn.execute(BOOKS_OF, {"ids": list(books)}):
                    books[book.author_id].append(book)
            out.append([(author, books[author.id]) for author in authors])
        await conn.commit()
    return out


async def service_create(engine: AsyncEngine, items: list[AuthorCreate]) -> list[AuthorSchema]:
    """Per item: a connection, INSERT of the body plus a new id and stamps, commit, the pydantic response."""
    out: list[AuthorSchema] = []
    for data in items:
        now = utcnow()
        values = {**data.model_dump(), "id": uuid.uuid4(), "created_at": now, "updated_at": now}
        async with engine.connect() as conn:
            await conn.execute(INSERT_ROW, values)
            await conn.commit()
        out.append(AuthorSchema.model_validate(values))
    return out
