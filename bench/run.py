"""Benchmark: sqlalchemist's async repository against plain SQLAlchemy Core, same engine, same driver.

Usage (from the repository root)::

    hatch run python bench/run.py --db sqlite,postgres --repeats 5
    hatch run python bench/run.py --db sqlite --scale 0.05 --repeats 2 --only get,add_many

See bench/README.md for what is measured and how.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import sys
import tempfile
from pathlib import Path

import _repo_impl
import sqlalchemy
from _harness import Measurement, measure, results_table
from _models import BASE_ORIGIN
from _unasync import sync_twin
from _workloads import WORKLOADS, Context, Side, create_tables, drop_tables
from sqlalchemy import Engine, create_engine, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.orm import sessionmaker

DATABASES = ("sqlite", "postgres", "sqlite-sync", "postgres-sync")
POSTGRES_URL = os.environ.get("SQLALCHEMIST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--db",
        default="sqlite,postgres",
        help="comma-separated: sqlite (aiosqlite), postgres (asyncpg), sqlite-sync (pysqlite), postgres-sync (psycopg)",
    )
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per side (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed, verified runs per side first (default 1)")
    parser.add_argument(
        "--scale", type=float, default=1.0, help="fraction of the default sizes, e.g. 0.05 for a quick run"
    )
    parser.add_argument("--only", default="", help=f"comma-separated workloads among: {', '.join(WORKLOADS)}")
    parser.add_argument("--core-only", action="store_true", help="do not run the repository side")
    parser.add_argument(
        "--core-count",
        choices=("window", "two"),
        default="window",
        help="Core's list_and_count: COUNT(*) OVER () in the page query (default) or a COUNT then the page",
    )
    parser.add_argument(
        "--lax-updated-at",
        action="store_true",
        help="do not compare whether updated_at moved (to time a repository that does not stamp it yet)",
    )
    parser.add_argument(
        "--echo-statements", action="store_true", help="print the SQL each side sends during the warm-up round"
    )
    parser.add_argument("--keep-gc", action="store_true", help="leave the garbage collector on during timed runs")
    parser.add_argument(
        "--postgres-url",
        default=POSTGRES_URL,
        help="PostgreSQL URL; the driver is set to asyncpg (psycopg for postgres-sync)",
    )
    parser.add_argument("--json", type=Path, default=None, help="also write the raw timings to this file")
    args = parser.parse_args(argv)
    args.dbs = [name.strip() for name in args.db.split(",") if name.strip()]
    unknown = [name for name in args.dbs if name not in DATABASES]
    if unknown:
        parser.error(f"--db expects some of {', '.join(DATABASES)}, got {', '.join(unknown)}")
    args.workloads = [name.strip() for name in args.only.split(",") if name.strip()] or list(WORKLOADS)
    unknown = [name for name in args.workloads if name not in WORKLOADS]
    if unknown:
        parser.error(f"--only expects some of {', '.join(WORKLOADS)}, got {', '.join(unknown)}")
    if args.repeats < 1 or args.warmup < 0 or args.scale <= 0:
        parser.error("--repeats must be at least 1, --warmup at least 0 and --scale above 0")
    return args


class DatabaseUnavailableError(RuntimeError):
    """A database named in ``--db`` cannot be reached."""


def make_engines(db: str, args: argparse.Namespace, workdir: Path) -> tuple[AsyncEngine, Engine | None]:
    """The async engine for ``db`` and, for a ``-sync`` variant, the sync engine the timed runs use."""
    family, _, variant = db.partition("-")
    if family == "sqlite":
        path = workdir / "bench.sqlite3"
        async_engine = create_async_engine(f"sqlite+aiosqlite:///{path}")
        return async_engine, create_engine(f"sqlite+pysqlite:///{path}") if variant == "sync" else None
    url = make_url(args.postgres_url)
    async_engine = create_async_engine(url.set(drivername="postgresql+asyncpg"))
    return async_engine, create_engine(url.set(drivername="postgresql+psycopg")) if variant == "sync" else None


def repository_side(db: str, args: argparse.Namespace) -> tuple[list[Side], str]:
    """The sides to run on ``db`` and a line saying why the repository is left out, if it is."""
    if args.core_only:
        return ["core"], "repository side disabled by --core-only"
    impl = sync_twin("_repo_impl") if db.endswith("-sync") else _repo_impl
    if impl.REPOSITORY_ERROR is not None:
        return ["core"], f"{db}: repository not available ({impl.REPOSITORY_ERROR}); running the Core side only"
    return ["core", "repo"], ""


async def bench_database(db: str, args: argparse.Namespace, workdir: Path) -> list[Measurement]:
    """Every selected workload on one database."""
    sides, why = repository_side(db, args)
    if why:
        print(why)
    engine, sync_engine = make_engines(db, args, workdir)
    out: list[Measurement] = []
    try:
        try:
            await create_tables(engine)
        except (OSError, sqlalchemy.exc.OperationalError, sqlalchemy.exc.InterfaceError) as exc:
            msg = f"{db}: cannot reach the database ({type(exc).__name__}: {exc})"
            raise DatabaseUnavailableError(msg) from exc
        ctx = Context(
            engine=engine,
            sessions=async_sessionmaker(engine, expire_on_commit=False),
            scale=args.scale,
            count_mode=args.core_count,
            check_updated_at=not args.lax_updated_at,
            sync_engine=sync_engine,
            sync_sessions=sessionmaker(sync_engine, expire_on_commit=False) if sync_engine is not None else None,
        )
        impl = sync_twin("_repo_impl") if sync_engine is not None else _repo_impl
        for name in args.workloads:
            workload = WORKLOADS[name](args.scale)
            workload_sides = sides
            if "repo" in sides and workload.needs == "service" and impl.SERVICE_ERROR is not None:
                print(f"{db}: service not available for {name} ({impl.SERVICE_ERROR}); running the Core side only")
                workload_sides = ["core"]
            out.append(
                await measure(
                    workload,
                    ctx,
                    db,
                    workload_sides,
                    repeats=args.repeats,
                    warmup=args.warmup,
                    disable_gc=not args.keep_gc,
                    echo_statements=args.echo_statements,
                )
            )
        if sync_engine is not None:
            sync_engine.dispose()
        await drop_tables(engine)
    finally:
        if sync_engine is not None:
            sync_engine.dispose()
        await engine.dispose()
    return out


async def main(args: argparse.Namespace) -> int:
    """Run the benchmark and print the table; exit 1 if a database was unreachable or a workload failed or disagreed."""
    print(
        f"models: {BASE_ORIGIN}; SQLAlchemy {sqlalchemy.__version__}; Python {platform.python_version()}; "
        f"scale {args.scale}; {args.warmup} warm-up + {args.repeats} timed runs per side; Core count: {args.core_count}"
    )
    if args.lax_updated_at:
        print("--lax-updated-at: whether updated_at moved is NOT compared")
    measurements: list[Measurement] = []
    with tempfile.TemporaryDirectory(prefix="sqlalchemist-bench-") as tmp:
        unreachable: list[str] = []
        for db in args.dbs:
            try:
                measurements.extend(await bench_database(db, args, Path(tmp)))
            except DatabaseUnavailableError as exc:
                print(f"!! {exc}; skipped", file=sys.stderr)
                unreachable.append(str(exc))
    print()
    print(results_table(measurements))
    print()
    for m in {m.workload: m for m in measurements}.values():
        print(f"- {m.workload}: {m.notes}")
    if args.json:
        args.json.write_text(json.dumps([m.as_dict() for m in measurements], indent=2, default=str))
    failures = unreachable + [m.failure for m in measurements if m.failure]
    if failures:
        print("\nFailures (no ratio reported for these):", file=sys.stderr)
        for failure in failures:
            print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(parse_args())))
