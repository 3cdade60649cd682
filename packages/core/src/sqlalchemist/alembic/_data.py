"""drop-all, dump-data and load-data: whole-table operations on the tables of a config's metadata."""

from __future__ import annotations

import json
import os
from typing import TYPE_CHECKING, Any

from sqlalchemy import MetaData, Table, func, inspect, select

from sqlalchemist.alembic._json import decode_row, decoders_for, encode_value
from sqlalchemist.alembic._progress import row_progress
from sqlalchemist.alembic._runner import run_in_transaction
from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.utils.fixtures import fixture_path, open_fixture

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import TextIO

    from sqlalchemy.engine import Connection, Engine
    from sqlalchemy.ext.asyncio import AsyncEngine

__all__ = ("drop_tables", "dump_tables", "load_tables", "select_tables")


def select_tables(metadata: MetaData, names: Sequence[str]) -> list[Table]:
    """Return the named tables of ``metadata`` in dependency order (all of them for ``*`` or no names)."""
    ordered = list(metadata.sorted_tables)
    if not names or "*" in names:
        return ordered
    known = {table.name for table in ordered} | {table.fullname for table in ordered}
    missing = [name for name in names if name not in known]
    if missing:
        msg = f"table(s) {', '.join(missing)} not found in the config's metadata; known tables: " + (
            ", ".join(sorted(table.fullname for table in ordered)) or "none"
        )
        raise ImproperConfigurationError(msg)
    wanted = set(names)
    return [table for table in ordered if table.name in wanted or table.fullname in wanted]


def drop_tables(
    engine: Engine | AsyncEngine, metadata: MetaData, *, version_table: str, version_table_schema: str | None
) -> list[str]:
    """Drop the metadata's tables and the alembic version table where they exist; return the names dropped."""

    def work(conn: Connection) -> list[str]:
        inspector = inspect(conn)
        present = [table for table in metadata.sorted_tables if inspector.has_table(table.name, schema=table.schema)]
        metadata.drop_all(conn, tables=present, checkfirst=False)
        dropped = [table.fullname for table in present]
        if inspector.has_table(version_table, schema=version_table_schema):
            Table(version_table, MetaData(), schema=version_table_schema).drop(conn)
            dropped.append(version_table)
        return dropped

    return run_in_transaction(engine, work)


def _write_rows(conn: Connection, table: Table, out: TextIO, *, batch_size: int, progress: bool) -> int:
    total = conn.execute(select(func.count()).select_from(table)).scalar_one() if progress else 0
    keys = [column.key for column in table.columns]
    result = conn.execution_options(stream_results=True, yield_per=batch_size).execute(select(table))
    written = 0
    out.write("[")
    with row_progress(table.fullname, total, enabled=progress and total > batch_size) as advance:
        for partition in result.partitions():
            for row in partition:
                out.write(",\n  " if written else "\n  ")
                out.write(json.dumps(dict(zip(keys, row, strict=True)), default=encode_value, ensure_ascii=False))
                written += 1
            advance(len(partition))
    out.write("\n]\n" if written else "]\n")
    return written


def dump_tables(
    engine: Engine | AsyncEngine,
    metadata: MetaData,
    names: Sequence[str],
    directory: Path,
    *,
    batch_size: int = 1000,
    progress: bool = False,
) -> dict[str, Path]:
    """Stream each table into ``<directory>/<table>.json`` in batches of ``batch_size`` rows; return the files."""
    tables = select_tables(metadata, names)
    directory.mkdir(parents=True, exist_ok=True)

    def work(conn: Connection) -> dict[str, Path]:
        files: dict[str, Path] = {}
        for table in tables:
            target = directory / f"{table.fullname}.json"
            partial = target.with_name(f"{target.name}.partial")
            with partial.open("w", encoding="utf-8") as out:
                _write_rows(conn, table, out, batch_size=batch_size, progress=progress)
            os.replace(partial, target)
            files[table.fullname] = target
        return files

    return run_in_transaction(engine, work)


def load_tables(
    engine: Engine | AsyncEngine, metadata: MetaData, names: Sequence[str], directory: Path, *, batch_size: int = 1000
) -> dict[str, int]:
    """Insert ``<directory>/<table>.json`` into each table (only those with a file for ``*``); return row counts."""
    explicit = bool(names) and "*" not in names
    tables = select_tables(metadata, names)
    sources: list[tuple[Table, Path]] = []
    for table in tables:
        try:
            sources.append((table, fixture_path(directory, table.fullname)))
        except FileNotFoundError:
            if explicit:
                raise

    def work(conn: Connection) -> dict[str, int]:
        counts: dict[str, int] = {}
        for table, path in sources:
            rows: list[dict[str, Any]] = open_fixture(path.parent, table.fullname)
            decoders = decoders_for(table)
            for start in range(0, len(rows), batch_size):
                chunk = [decode_row(row, decoders) for row in rows[start : start + batch_size]]
                conn.execute(table.insert(), chunk)
            counts[table.fullname] = len(rows)
        return counts

    return run_in_transaction(engine, work)
