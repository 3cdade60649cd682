"""Benchmark: keyset (cursor) pages against offset pages: page 1, page 2 and a deep page N.

Usage (from the repository root)::

    hatch run python bench/keyset.py --db sqlite,postgres --repeats 5
    hatch run python bench/keyset.py --db sqlite --scale 0.05 --repeats 2

Over 100,000 authors ordered by name (the primary key breaks ties), both methods fetch pages 1, 2 and 1,000 of 20
rows through the same AsyncSession machinery, one session per fetch as a web request would: offset pagination as
``select(BenchAuthor).order_by(name, id).limit(20).offset(...)``, keyset pagination with
``sqlalchemist.pagination.paginate_async`` and ``CursorPagination`` (the cursor of a page is found untimed by walking
from page 1). Both must return the same rows. The claim to check: keyset page N costs what keyset page 2 costs (both
decode a cursor; page 1 has none), while offset page N grows with N.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Literal

from _data import setup_authors
from _harness import describe_difference
from _models import AUTHOR, BenchAuthor
from _workloads import create_tables, drop_tables, load, scaled
from sqlalchemy import bindparam, make_url, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

try:
    from sqlalchemist.pagination import CursorPagination, paginate_async
except Exception as exc:  # an ImportError, or a SyntaxError while someone is editing the package
    PAGINATION_ERROR: str | None = f"{type(exc).__name__}: {exc}"
else:
    PAGINATION_ERROR = None

POSTGRES_URL = os.environ.get("SQLALCHEMIST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")
Fetch = Callable[[], Awaitable[list[Any]]]
ORDER: list[tuple[str, Literal["asc", "desc"]]] = [("name", "asc")]
_OFFSET_PAGE = (
    select(BenchAuthor)
    .order_by(BenchAuthor.name.asc(), BenchAuthor.id.asc())
    .limit(bindparam("limit"))
    .offset(bindparam("offset"))
)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db", default="sqlite,postgres", help="comma-separated: sqlite (aiosqlite), postgres (asyncpg)"
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per method and page (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of 100,000 rows and of page 1,000")
    parser.add_argument("--limit", type=int, default=20, help="rows per page (default 20)")
    parser.add_argument("--fetches", type=int, default=50, help="fetches of the page per timed run (default 50)")
    parser.add_argument("--no-index", action="store_true", help="do not create the (name, id) index")
    parser.add_argument("--postgres-url", default=POSTGRES_URL, help="PostgreSQL URL; the driver is set to asyncpg")
    args = parser.parse_args(argv)
    args.dbs = [name.strip() for name in args.db.split(",") if name.strip()]
    unknown = [name for name in args.dbs if name not in ("sqlite", "postgres")]
    if unknown:
        parser.error(f"--db expects some of sqlite, postgres, got {', '.join(unknown)}")
    return args


def offset_fetch(sessions: async_sessionmaker[AsyncSession], page: int, limit: int) -> Fetch:
    """Page ``page`` by LIMIT/OFFSET, in a session of its own."""

    async def fetch() -> list[Any]:
        async with sessions() as session:
            result = await session.execute(_OFFSET_PAGE, {"limit": limit, "offset": (page - 1) * limit})
            return list(result.scalars().all())

    return fetch


def keyset_fetch(sessions: async_sessionmaker[AsyncSession], cursor: str | None, limit: int) -> Fetch:
    """The keyset page after ``cursor`` (page 1 without one), in a session of its own."""

    async def fetch() -> list[Any]:
        async with sessions() as session:
            page = await paginate_async(session, BenchAuthor, CursorPagination(limit, order_by=ORDER, cursor=cursor))
            return list(page.items)

    return fetch


async def cursor_of_page(sessions: async_sessionmaker[AsyncSession], page: int, limit: int) -> str | None:
    """The cursor that fetches page ``page``, found by walking from page 1 (untimed)."""
    cursor: str | None = None
    async with sessions() as session:
        for _ in range(page - 1):
            found = await paginate_async(session, BenchAuthor, CursorPagination(limit, order_by=ORDER, cursor=cursor))
            cursor = found.next_cursor
            session.expunge_all()
    return cursor


async def timed(fetch: Fetch, times: int) -> tuple[float, list[Any]]:
    """Seconds for ``times`` fetches (collector off), and the rows of the last one."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        for _ in range(times):
            rows = await fetch()
        elapsed = time.perf_counter() - started
    finally:
        gc.enable()
    return elapsed, rows


class MismatchError(AssertionError):
    """Keyset and offset pagination returned different rows for the same page."""


Result = tuple[str, str, dict[int, float]]


async def bench_database(db: str, args: argparse.Namespace, workdir: Path) -> list[Result]:
    """Median fetches per second of page 1, page 2 and page N for each method on one database."""
    if db == "sqlite":
        engine: AsyncEngine = create_async_engine(f"sqlite+aiosqlite:///{workdir / 'keyset.sqlite3'}")
    else:
        engine = create_async_engine(make_url(args.postgres_url).set(drivername="postgresql+asyncpg"))
    rows = scaled(100_000, args.scale, 1_000)
    pages = (1, 2, deep_page(args))
    sessions = async_sessionmaker(engine, expire_on_commit=False)
    try:
        await create_tables(engine)
        await load(engine, setup_authors(rows, seed=801))
        if not args.no_index:
            async with engine.begin() as conn:
                await conn.execute(text(f"CREATE INDEX bench_author_name_id ON {AUTHOR.name} (name, id)"))
        fetches: dict[tuple[str, int], Fetch] = {}
        for page in pages:
            fetches["offset", page] = offset_fetch(sessions, page, args.limit)
            fetches["keyset", page] = keyset_fetch(
                sessions, await cursor_of_page(sessions, page, args.limit), args.limit
            )
        seconds: dict[tuple[str, int], list[float]] = {key: [] for key in fetches}
        order = list(fetches)
        for round_no in range(args.warmup + args.repeats):
            found: dict[tuple[str, int], list[Any]] = {}
            shift = round_no % len(order)
            for key in order[shift:] + order[:shift]:
                elapsed, items = await timed(fetches[key], args.fetches)
                found[key] = [(obj.id, obj.name) for obj in items]
                if round_no >= args.warmup:
                    seconds[key].append(elapsed)
            for page in pages:
                difference = describe_difference(found["offset", page], found["keyset", page])
                if difference:
                    msg = f"{db}: keyset page {page} differs from offset page {page}: {difference}"
                    raise MismatchError(msg)
        print(f"{db}: {rows:,} rows, pages {pages} of {args.limit} rows, {args.fetches} fetches per run")
        out: list[Result] = []
        for method in ("offset", "keyset"):
            rates = {page: statistics.median(args.fetches / s for s in seconds[method, page]) for page in pages}
            out.append((db, method, rates))
        await drop_tables(engine)
        return out
    finally:
        await engine.dispose()


def deep_page(args: argparse.Namespace) -> int:
    """The deep page: 1,000 at full scale, never below 3."""
    return scaled(1_000, args.scale, 3)


async def main(args: argparse.Namespace) -> int:
    """Run and print the table; exit 1 when pagination is missing or the methods disagree."""
    if PAGINATION_ERROR is not None:
        print(f"sqlalchemist.pagination not available ({PAGINATION_ERROR})", file=sys.stderr)
        return 1
    results: list[Result] = []
    try:
        with tempfile.TemporaryDirectory(prefix="sqlalchemist-keyset-") as tmp:
            for db in args.dbs:
                results.extend(await bench_database(db, args, Path(tmp)))
    except MismatchError as exc:
        print(f"MISMATCH: {exc}", file=sys.stderr)
        return 1
    deep = deep_page(args)
    print()
    print(
        f"| db | method | page 1 fetches/s | page 2 fetches/s | page {deep:,} fetches/s "
        f"| page {deep:,} / page 2 | page {deep:,} / page 1 |"
    )
    print("|---|---|---|---|---|---|---|")
    for db, method, rates in results:
        print(
            f"| {db} | {method} | {rates[1]:,.0f} | {rates[2]:,.0f} | {rates[deep]:,.0f} "
            f"| {rates[deep] / rates[2]:.2f} | {rates[deep] / rates[1]:.2f} |"
        )
    print("\n(medians; page N / page 2 isolates the depth, as both pages carry a cursor)")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
