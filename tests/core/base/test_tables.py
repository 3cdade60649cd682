"""Each ready-made base creates the expected table on every backend, generates keys and keeps bulk insert order."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from sqlalchemy import Connection, insert, inspect, select
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Session

from tests.core.base._models import (
    ALL_BASE_MODELS,
    BaseBigIntAuditRow,
    BaseBigIntRow,
    BaseDefaultRow,
    BaseIdentityAuditRow,
    BaseIdentityRow,
    BaseNanoAuditRow,
    BaseUuid6AuditRow,
    BaseUuid6Row,
    BaseUuid7AuditRow,
    BaseUuid7Row,
    BaseUuidAuditRow,
    BaseUuidRow,
)

AUDITED = {
    BaseUuidAuditRow,
    BaseUuid6AuditRow,
    BaseUuid7AuditRow,
    BaseNanoAuditRow,
    BaseBigIntAuditRow,
    BaseIdentityAuditRow,
}
UUID_VERSION = {
    BaseUuidRow: 4,
    BaseUuidAuditRow: 4,
    BaseUuid6Row: 6,
    BaseUuid6AuditRow: 6,
    BaseUuid7Row: 7,
    BaseUuid7AuditRow: 7,
}
INTEGER_KEYED = {BaseBigIntRow, BaseBigIntAuditRow, BaseIdentityRow, BaseIdentityAuditRow}
# Reflected type names of each kind of column, by dialect name.
TYPE_NAMES = {  # SQLite reflects BINARY(16) with NUMERIC affinity
    "postgresql": {"uuid": "UUID", "nanoid": "VARCHAR", "bigint": "BIGINT", "datetime": "TIMESTAMP"},
    "sqlite": {"uuid": "NUMERIC", "nanoid": "VARCHAR", "bigint": "INTEGER", "datetime": "DATETIME"},
    "mysql": {"uuid": "BINARY", "nanoid": "VARCHAR", "bigint": "BIGINT", "datetime": "DATETIME"},
}
# MySQL/MariaDB ignore primary key names (reflected as None).
PK_NAMES: dict[str, str | None] = {"postgresql": "pk_{table}", "sqlite": "pk_{table}", "mysql": None}
MODEL_IDS = [m.__name__ for m in ALL_BASE_MODELS]


def _key_kind(model: type[Any]) -> str:
    if model in UUID_VERSION:
        return "uuid"
    return "bigint" if model in INTEGER_KEYED else "nanoid"


def _describe(conn: Connection, table: str) -> dict[str, Any]:
    inspector = inspect(conn)
    pk = inspector.get_pk_constraint(table)
    return {
        "columns": {c["name"]: (type(c["type"]).__name__, c["nullable"]) for c in inspector.get_columns(table)},
        "pk": {"constrained_columns": pk["constrained_columns"], "name": pk["name"]},
        "indexes": {i["name"]: (i["column_names"], bool(i["unique"])) for i in inspector.get_indexes(table)},
    }


def _pk_name(dialect: str, table: str) -> str | None:
    pattern = PK_NAMES[dialect]
    return None if pattern is None else pattern.format(table=table)


def _expected(model: type[Any], dialect: str) -> dict[str, Any]:
    table = model.__tablename__
    names = TYPE_NAMES[dialect]
    columns = {"id": (names[_key_kind(model)], False), "name": ("VARCHAR", False)}
    if model in AUDITED:
        columns |= {"created_at": (names["datetime"], False), "updated_at": (names["datetime"], False)}
    return {
        "columns": columns,
        "pk": {"constrained_columns": ["id"], "name": _pk_name(dialect, table)},
        "indexes": {f"ix_{table}_name": (["name"], False)},
    }


def _check_key(model: type[Any], key: Any) -> None:
    kind = _key_kind(model)
    if kind == "uuid":
        assert isinstance(key, uuid.UUID)
        assert key.version == UUID_VERSION[model]
    elif kind == "nanoid":
        assert isinstance(key, str)
        assert len(key) == 21
    else:
        assert isinstance(key, int)
        assert key >= 1


def _check_rows(model: type[Any], rows: list[Any], names: list[str]) -> None:
    assert [row.name for row in rows] == names
    for row in rows:
        _check_key(model, row.id)
    assert len({row.id for row in rows}) == len(rows)
    if model in AUDITED:
        for row in rows:
            assert row.created_at.tzinfo == datetime.timezone.utc
            assert row.updated_at.tzinfo == datetime.timezone.utc
    if UUID_VERSION.get(model) in {6, 7}:
        assert [row.id for row in rows] == sorted(row.id for row in rows)


@pytest.mark.parametrize("model", ALL_BASE_MODELS, ids=MODEL_IDS)
async def test_async_table_keys_and_bulk_insert_order(
    model: type[Any], async_engine: AsyncEngine, async_tables: Callable[..., Awaitable[None]]
) -> None:
    await async_tables(model)
    async with async_engine.connect() as conn:
        described = await conn.run_sync(_describe, model.__tablename__)
    assert described == _expected(model, async_engine.dialect.name)

    names = [f"row {i:03d}" for i in range(150)]
    async with AsyncSession(async_engine, expire_on_commit=False) as session:
        statement = insert(model).returning(model, sort_by_parameter_order=True)
        inserted = list((await session.execute(statement, [{"name": n} for n in names])).scalars())
        _check_rows(model, inserted, names)
        single = model(name="single")
        session.add(single)
        await session.commit()
    _check_key(model, single.id)
    async with AsyncSession(async_engine) as session:
        stored = (await session.execute(select(model.id, model.name))).all()
    assert sorted(stored) == sorted([(row.id, row.name) for row in inserted] + [(single.id, "single")])


@pytest.mark.parametrize("model", ALL_BASE_MODELS, ids=MODEL_IDS)
def test_sync_table_keys_and_bulk_insert_order(
    model: type[Any], sync_engine: Engine, sync_tables: Callable[..., None]
) -> None:
    sync_tables(model)
    with sync_engine.connect() as conn:
        assert _describe(conn, model.__tablename__) == _expected(model, sync_engine.dialect.name)

    names = [f"row {i:03d}" for i in range(150)]
    with Session(sync_engine, expire_on_commit=False) as session:
        statement = insert(model).returning(model, sort_by_parameter_order=True)
        inserted = list(session.execute(statement, [{"name": n} for n in names]).scalars())
        _check_rows(model, inserted, names)
        plain = list(session.execute(insert(model).returning(model), [{"name": f"p{i}"} for i in range(20)]).scalars())
        assert [row.name for row in plain] == [f"p{i}" for i in range(20)]
        session.add_all([model(name=f"flush {i}") for i in range(30)])
        session.commit()
        assert session.scalar(select(model.name).where(model.name == "flush 29")) == "flush 29"


def test_default_base_has_no_primary_key_of_its_own(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(BaseDefaultRow)
    assert [c.name for c in BaseDefaultRow.__table__.c] == ["code", "name"]
    with Session(sync_engine) as session:
        session.add(BaseDefaultRow(code="a1", name="first"))
        session.commit()
        assert session.get(BaseDefaultRow, "a1").to_dict() == {"code": "a1", "name": "first"}


def test_columns_are_ordered_key_first_audit_last() -> None:
    assert [c.name for c in BaseUuidAuditRow.__table__.c] == ["id", "name", "created_at", "updated_at"]
    assert [c.name for c in BaseBigIntRow.__table__.c] == ["id", "name"]
