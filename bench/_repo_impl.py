"""The same workloads through ``sqlalchemist.repository.SQLAlchemyAsyncRepository``, as the guide writes them.

Each function opens one session, calls the repository, commits and returns what the repository returned. When the
repository (or the filters) cannot be imported yet, ``REPOSITORY_ERROR`` says why and the harness runs Core only;
``SERVICE_ERROR`` does the same for the service workload.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from _models import BenchAuthor
from _schemas import AuthorCreate, AuthorSchema
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

REPOSITORY_ERROR: str | None = None
AuthorRepo: Any = None
LimitOffset: Any = None
OrderBy: Any = None
SearchFilter: Any = None

try:
    from sqlalchemist.filters import LimitOffset, OrderBy, SearchFilter
    from sqlalchemist.repository import SQLAlchemyAsyncRepository
except Exception as exc:  # an ImportError, or a SyntaxError while someone is editing the package
    REPOSITORY_ERROR = f"{type(exc).__name__}: {exc}"
else:

    class _AuthorRepo(SQLAlchemyAsyncRepository[BenchAuthor]):
        """The repository of the benchmark's authors."""

        model_type = BenchAuthor

    AuthorRepo = _AuthorRepo

SERVICE_ERROR: str | None = None
AuthorService: Any = None

if REPOSITORY_ERROR is not None:
    SERVICE_ERROR = f"the repository is not available ({REPOSITORY_ERROR})"
else:
    try:
        from sqlalchemist.service import SQLAlchemyAsyncRepositoryService
    except Exception as exc:  # as above
        SERVICE_ERROR = f"{type(exc).__name__}: {exc}"
    else:

        class _AuthorService(SQLAlchemyAsyncRepositoryService[BenchAuthor]):
            """The service of the benchmark's authors, over their repository."""

            repository_type = _AuthorRepo

        AuthorService = _AuthorService

SessionMaker = async_sessionmaker[AsyncSession]


def available() -> bool:
    """Whether the repository side can run."""
    return REPOSITORY_ERROR is None


async def add_many(sessions: SessionMaker, models: list[BenchAuthor]) -> Sequence[BenchAuthor]:
    """``add_many`` of new authors, then commit."""
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        added: Sequence[BenchAuthor] = await repo.add_many(models)
        await session.commit()
    return added


async def get_many(sessions: SessionMaker, ids: list[uuid.UUID]) -> list[BenchAuthor]:
    """One ``get`` per id, in one session."""
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        out = [await repo.get(pk) for pk in ids]
        await session.commit()
    return out


async def list_and_count(
    sessions: SessionMaker, pages: list[tuple[str, int]], limit: int
) -> list[tuple[int, Sequence[BenchAuthor]]]:
    """``list_and_count`` with a page, a case-insensitive search on the name and an order, per ``(term, offset)``."""
    out: list[tuple[int, Sequence[BenchAuthor]]] = []
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        for term, offset in pages:
            items, total = await repo.list_and_count(
                LimitOffset(limit, offset), SearchFilter("name", term, ignore_case=True), OrderBy("name", "asc")
            )
            out.append((total, items))
        await session.commit()
    return out


async def update_many(sessions: SessionMaker, models: list[BenchAuthor]) -> Sequence[BenchAuthor]:
    """``update_many`` of detached instances carrying an id and the new values, then commit."""
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        updated: Sequence[BenchAuthor] = await repo.update_many(models)
        await session.commit()
    return updated


async def upsert_many(sessions: SessionMaker, models: list[BenchAuthor]) -> Sequence[BenchAuthor]:
    """``upsert_many`` matched on the unique e-mail, then commit."""
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        upserted: Sequence[BenchAuthor] = await repo.upsert_many(models, match_fields=["email"])
        await session.commit()
    return upserted


async def delete_many(sessions: SessionMaker, ids: Sequence[uuid.UUID]) -> Sequence[BenchAuthor]:
    """``delete_many`` by primary key, then commit."""
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        deleted: Sequence[BenchAuthor] = await repo.delete_many(list(ids))
        await session.commit()
    return deleted


async def list_with_books(sessions: SessionMaker, offsets: list[int], limit: int) -> list[Sequence[BenchAuthor]]:
    """``list`` of a page of authors by name with ``load=[BenchAuthor.books]``, per offset."""
    out: list[Sequence[BenchAuthor]] = []
    async with sessions() as session:
        repo = AuthorRepo(session=session)
        for offset in offsets:
            out.append(await repo.list(LimitOffset(limit, offset), OrderBy("name", "asc"), load=[BenchAuthor.books]))
        await session.commit()
    return out


async def service_create(sessions: SessionMaker, items: list[AuthorCreate]) -> list[AuthorSchema]:
    """Per item, as a request handler would: a session, ``create`` from the pydantic body, commit, ``to_schema``."""
    out: list[AuthorSchema] = []
    for data in items:
        async with sessions() as session:
            service = AuthorService(session=session)
            obj = await service.create(data)
            await session.commit()
            out.append(service.to_schema(obj, schema_type=AuthorSchema))
    return out
