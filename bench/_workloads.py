"""The workloads: untimed setup and inputs, the timed call on each side, and what is compared afterwards.

Write workloads rebuild their data before every run from a fixed seed, so Core and the repository start from the
same rows (ids included) and must end with the same rows. Read workloads set their data up once and run the same
calls on both sides. ``observe`` turns a side's return value plus the table contents into one comparable value;
any difference between Core and the repository (or between repeats) fails the workload.
"""

from __future__ import annotations

import datetime
import random
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Literal

import _core_impl as core
import _repo_impl as repo
from _data import LAST_NAMES, SETUP_TS, new_author_values, setup_authors, setup_books
from _models import AUTHOR, AUTHOR_COLUMNS, BOOK, TABLES, BenchAuthor
from _schemas import AuthorCreate
from _unasync import sync_twin
from sqlalchemy import Engine, delete, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from sqlalchemy.orm import Session, sessionmaker

Side = Literal["core", "repo"]
PAGE_LIMIT = 20


@dataclass
class Context:
    """One database under test: its engine, a session factory on the same engine, and run options.

    For a sync variant ``sync_engine`` and ``sync_sessions`` are set: the timed runs use them, while setups and
    observations go on using the async engine on the same database.
    """

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    scale: float
    count_mode: core.CountMode
    check_updated_at: bool = True
    sync_engine: Engine | None = None
    sync_sessions: sessionmaker[Session] | None = None

    @property
    def timed_engine(self) -> Engine:
        """The engine the timed runs go through (where statements are counted)."""
        return self.sync_engine if self.sync_engine is not None else self.engine.sync_engine

    @property
    def dialect(self) -> str:
        """The dialect name, e.g. ``sqlite`` or ``postgresql``."""
        return self.engine.dialect.name


def scaled(default: int, scale: float, minimum: int) -> int:
    """``default`` times ``scale``, never below ``minimum``."""
    return max(minimum, round(default * scale))


async def create_tables(engine: AsyncEngine) -> None:
    """Drop leftovers of the benchmark's tables and create them afresh."""
    metadata = AUTHOR.metadata
    async with engine.begin() as conn:
        await conn.run_sync(lambda sync: metadata.drop_all(sync, tables=list(TABLES)))
        await conn.run_sync(lambda sync: metadata.create_all(sync, tables=list(TABLES)))


async def drop_tables(engine: AsyncEngine) -> None:
    """Drop the benchmark's tables."""
    metadata = AUTHOR.metadata
    async with engine.begin() as conn:
        await conn.run_sync(lambda sync: metadata.drop_all(sync, tables=list(TABLES)))


async def load(engine: AsyncEngine, authors: list[dict[str, Any]], books: list[dict[str, Any]] | None = None) -> None:
    """Empty both tables, insert the given rows, refresh planner statistics."""
    async with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            await conn.execute(text(f"TRUNCATE {BOOK.name}, {AUTHOR.name}"))
        else:
            await conn.execute(delete(BOOK))
            await conn.execute(delete(AUTHOR))
        if authors:
            await conn.execute(insert(AUTHOR), authors)
        if books:
            await conn.execute(insert(BOOK), books)
        await conn.execute(text(f"ANALYZE {AUTHOR.name}" if conn.dialect.name == "postgresql" else "ANALYZE"))


def _stamp(value: datetime.datetime) -> str:
    """``setup`` for a timestamp written by the setup, ``later`` for one written since."""
    if value == SETUP_TS:
        return "setup"
    return "later" if value > SETUP_TS else f"earlier?{value.isoformat()}"


async def author_snapshot(ctx: Context, setup_ids: set[uuid.UUID]) -> list[tuple[Any, ...]]:
    """Every author by e-mail: id (or ``new`` for ids not from the setup), values, and how the stamps changed.

    With ``ctx.check_updated_at`` off (``--lax-updated-at``) whether ``updated_at`` moved is left out.
    """
    async with ctx.engine.connect() as conn:
        rows = (await conn.execute(select(*AUTHOR_COLUMNS).order_by(AUTHOR.c.email))).all()
    return [
        (
            row.id if row.id in setup_ids else "new",
            row.name,
            row.email,
            row.dob,
            _stamp(row.created_at),
            _stamp(row.updated_at) if ctx.check_updated_at else "not checked",
        )
        for row in rows
    ]


async def email_by_id(engine: AsyncEngine) -> dict[uuid.UUID, str]:
    """Map every author id in the table to its e-mail."""
    async with engine.connect() as conn:
        return {row.id: row.email for row in await conn.execute(select(AUTHOR.c.id, AUTHOR.c.email))}


def _author_tuple(obj: Any) -> tuple[Any, ...]:
    """The comparable values of an author row or an author instance."""
    return (obj.id, obj.name, obj.email, obj.dob, obj.created_at, obj.updated_at)


@dataclass
class Workload:
    """One workload: ``ops`` operations of ``unit`` per run, its setup, inputs, both runs and the observation."""

    name: str
    unit: str
    ops: int
    shared_setup: bool
    setup: Callable[[Context], Awaitable[None]]
    make_input: Callable[[Side], Any]
    call: str
    observe: Callable[[Context, Side, Any], Awaitable[Any]]
    notes: str = ""
    extra: Callable[[Context, Side], tuple[Any, ...]] = lambda ctx, side: ()
    needs: Literal["repository", "service"] = "repository"

    async def execute(self, ctx: Context, side: Side, inputs: Any) -> Any:
        """Call ``self.call`` of the side's implementation module (sync twin on a sync database) with the inputs."""
        extra = self.extra(ctx, side)
        if ctx.sync_engine is None:
            if side == "core":
                return await getattr(core, self.call)(ctx.engine, inputs, *extra)
            return await getattr(repo, self.call)(ctx.sessions, inputs, *extra)
        if side == "core":
            return getattr(sync_twin("_core_impl"), self.call)(ctx.sync_engine, inputs, *extra)
        return getattr(sync_twin("_repo_impl"), self.call)(ctx.sync_sessions, inputs, *extra)


def add_many_workload(scale: float) -> Workload:
    """add_many of 10,000 new authors into an empty table."""
    n = scaled(10_000, scale, 20)
    values = new_author_values(n, seed=101, start=0)

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, [])

    def make_input(side: Side) -> Any:
        if side == "core":
            return [dict(v) for v in values]
        return [BenchAuthor(**v) for v in values]

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        ids = list(result) if side == "core" else [obj.id for obj in result]
        emails = await email_by_id(ctx.engine)
        returned = [emails.get(pk, f"id {pk} not in the table") for pk in ids]
        return {"returned e-mails in order": returned, "table": await author_snapshot(ctx, set())}

    return Workload(
        "add_many",
        "rows",
        n,
        shared_setup=False,
        setup=setup,
        make_input=make_input,
        call="add_many",
        observe=observe,
        notes="Core: one executemany INSERT … RETURNING id (insertmanyvalues, sort_by_parameter_order)",
    )


def get_workload(scale: float) -> Workload:
    """2,000 gets by primary key (distinct ids) over 10,000 authors."""
    n = scaled(2_000, scale, 20)
    authors = setup_authors(n * 5, seed=201)
    ids = [row["id"] for row in random.Random(202).sample(authors, n)]

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, authors)

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        return [_author_tuple(obj) for obj in result]

    return Workload(
        "get",
        "calls",
        n,
        shared_setup=True,
        setup=setup,
        make_input=lambda side: list(ids),
        call="get_many",
        observe=observe,
        notes="Core: a prebuilt SELECT … WHERE id = :pk per call; repository: one session for all calls",
    )


def list_and_count_workload(scale: float) -> Workload:
    """200 pages (limit 20, random offset, name contains a last name in any case, by name) over 100,000 authors."""
    n = scaled(200, scale, 5)
    authors = setup_authors(scaled(100_000, scale, 1_000), seed=301)
    rng = random.Random(302)
    matches_of = {last: sum(1 for row in authors if last.lower() in row["name"].lower()) for last in LAST_NAMES}
    pages: list[tuple[str, int]] = []
    for _ in range(n):
        last = rng.choice(LAST_NAMES)
        matches = matches_of[last]
        term = rng.choice((last.upper(), last.lower(), last.swapcase()))
        pages.append((term, rng.randrange(max(1, matches - PAGE_LIMIT))))

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, authors)

    def extra(ctx: Context, side: Side) -> tuple[Any, ...]:
        return (PAGE_LIMIT, ctx.count_mode) if side == "core" else (PAGE_LIMIT,)

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        return [(total, [(obj.id, obj.name) for obj in page]) for total, page in result]

    return Workload(
        "list_and_count",
        "pages",
        n,
        shared_setup=True,
        setup=setup,
        make_input=lambda side: list(pages),
        call="list_and_count",
        extra=extra,
        observe=observe,
        notes="Core: see --core-count (window: COUNT(*) OVER () in the page query; two: COUNT then page)",
    )


def update_many_workload(scale: float) -> Workload:
    """update_many of 5,000 authors (new name and date of birth) by primary key."""
    n = scaled(5_000, scale, 20)
    authors = setup_authors(n, seed=401)
    rng = random.Random(402)
    changes = [
        {
            "id": row["id"],
            "name": f"{row['name']} (revised)",
            "email": row["email"],
            "dob": row["dob"] + datetime.timedelta(days=rng.randrange(1, 300)),
        }
        for row in authors
    ]
    setup_ids = {row["id"] for row in authors}

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, authors)

    def make_input(side: Side) -> Any:
        if side == "core":
            return [{"b_id": c["id"], "b_name": c["name"], "b_email": c["email"], "b_dob": c["dob"]} for c in changes]
        return [BenchAuthor(**c) for c in changes]

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        # Core reports a rowcount (-1 where the driver's executemany does not tell, as asyncpg's); the repository
        # returns the updated instances.
        reported = result in (n, -1) if side == "core" else len(result) == n
        return {
            f"reports {n} rows (or the driver cannot tell)": reported,
            "table": await author_snapshot(ctx, setup_ids),
        }

    return Workload(
        "update_many",
        "rows",
        n,
        shared_setup=False,
        setup=setup,
        make_input=make_input,
        call="update_many",
        observe=observe,
        notes="Core: one executemany UPDATE … WHERE id = :b_id of name, email, dob and updated_at",
    )


def upsert_many_workload(scale: float) -> Workload:
    """upsert_many of 5,000 authors matched on the unique e-mail; half exist (new name and dob), half are new."""
    n = scaled(5_000, scale, 20)
    existing = setup_authors(n // 2, seed=501)
    values = new_author_values(n, seed=502, start=0)
    setup_ids = {row["id"] for row in existing}

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, existing)

    def make_input(side: Side) -> Any:
        if side == "core":
            return [dict(v) for v in values]
        return [BenchAuthor(**v) for v in values]

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        emails = await email_by_id(ctx.engine)
        returned = sorted(obj.email for obj in result)
        consistent = all(emails.get(obj.id) == obj.email for obj in result)
        return {
            "returned e-mails": returned,
            "returned ids are the table's": consistent,
            "table": await author_snapshot(ctx, setup_ids),
        }

    return Workload(
        "upsert_many",
        "rows",
        n,
        shared_setup=False,
        setup=setup,
        make_input=make_input,
        call="upsert_many",
        observe=observe,
        notes="Core: one executemany INSERT … ON CONFLICT (email) DO UPDATE … RETURNING every column",
    )


def delete_many_workload(scale: float) -> Workload:
    """delete_many of 5,000 ids out of 10,000 authors."""
    n = scaled(5_000, scale, 20)
    authors = setup_authors(n * 2, seed=601)
    ids = [row["id"] for row in random.Random(602).sample(authors, n)]
    setup_ids = {row["id"] for row in authors}

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, authors)

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        return {
            "returned": sorted(_author_tuple(obj) for obj in result),
            "table": await author_snapshot(ctx, setup_ids),
        }

    return Workload(
        "delete_many",
        "rows",
        n,
        shared_setup=False,
        setup=setup,
        make_input=lambda side: list(ids),
        call="delete_many",
        observe=observe,
        notes="Core: DELETE … WHERE id IN (…) RETURNING every column, chunked under the bind limit",
    )


def list_selectin_workload(scale: float) -> Workload:
    """200 pages of 20 authors by name, each with its 5 books loaded eagerly (selectin), over 2,000 authors."""
    n = scaled(200, scale, 5)
    authors = setup_authors(scaled(2_000, scale, 100), seed=701)
    books = setup_books(authors, per_author=5, seed=702)
    rng = random.Random(703)
    offsets = [rng.randrange(len(authors) - PAGE_LIMIT) for _ in range(n)]

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, authors, books)

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        if side == "core":
            return [[(a.id, a.name, sorted((b.id, b.title) for b in bs)) for a, bs in page] for page in result]
        return [[(a.id, a.name, sorted((b.id, b.title) for b in a.books)) for a in page] for page in result]

    return Workload(
        "list_selectin",
        "lists",
        n,
        shared_setup=True,
        setup=setup,
        make_input=lambda side: list(offsets),
        call="list_with_books",
        extra=lambda ctx, side: (PAGE_LIMIT,),
        observe=observe,
        notes="Core: the page, then SELECT books WHERE author_id IN (page ids), grouped in Python",
    )


def service_create_workload(scale: float) -> Workload:
    """2,000 creates from a pydantic body, each in its own session and commit, answered with a pydantic schema."""
    n = scaled(2_000, scale, 20)
    values = new_author_values(n, seed=901, start=0)

    async def setup(ctx: Context) -> None:
        await load(ctx.engine, [])

    async def observe(ctx: Context, side: Side, result: Any) -> Any:
        emails = await email_by_id(ctx.engine)
        schemas = [
            (
                type(item).__name__,
                item.name,
                item.email,
                item.dob,
                emails.get(item.id) == item.email,
                _stamp(item.created_at),
                _stamp(item.updated_at),
            )
            for item in result
        ]
        return {"responses": schemas, "table": await author_snapshot(ctx, set())}

    return Workload(
        "service_create",
        "creates",
        n,
        shared_setup=False,
        setup=setup,
        make_input=lambda side: [AuthorCreate(**v) for v in values],
        call="service_create",
        observe=observe,
        notes=(
            "issue 4. Core: per create a connection, INSERT of the body plus id and stamps made in Python, commit, "
            "AuthorSchema.model_validate(values); service: per create a session, create(AuthorCreate), commit, "
            "to_schema(obj, schema_type=AuthorSchema)"
        ),
        needs="service",
    )


WORKLOADS: dict[str, Callable[[float], Workload]] = {
    "add_many": add_many_workload,
    "get": get_workload,
    "list_and_count": list_and_count_workload,
    "update_many": update_many_workload,
    "upsert_many": upsert_many_workload,
    "delete_many": delete_many_workload,
    "list_selectin": list_selectin_workload,
    "service_create": service_create_workload,
}
