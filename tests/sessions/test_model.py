"""SessionModelMixin: columns, constraint and index names from the guide, is_expired, custom table args."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import Index, insert, inspect, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateIndex, CreateTable

from sqlalchemist_sessions import SessionModelMixin, SessionTableArgs
from tests.sessions.models import SessAddedArgs, SessDeclaredArgs, SessStoreRow

UTC = datetime.timezone.utc
PAST = datetime.datetime(2000, 1, 1, tzinfo=UTC)
FUTURE = datetime.datetime(2999, 1, 1, tzinfo=UTC)


def _ddl(model: Any) -> str:
    table = model.__table__
    statements = [str(CreateTable(table).compile(dialect=postgresql.dialect())).strip()]
    statements += sorted(str(CreateIndex(ix).compile(dialect=postgresql.dialect())) for ix in table.indexes)
    return "\n".join(statements)


def test_postgresql_schema_matches_the_guide() -> None:
    assert _ddl(SessStoreRow) == (
        "CREATE TABLE sess_store_row (\n"
        "\tid UUID NOT NULL, \n"
        "\tsession_id VARCHAR(255) NOT NULL, \n"
        "\tdata BYTEA NOT NULL, \n"
        "\texpires_at TIMESTAMP WITH TIME ZONE, \n"
        "\tcreated_at TIMESTAMP WITH TIME ZONE NOT NULL, \n"
        "\tupdated_at TIMESTAMP WITH TIME ZONE NOT NULL, \n"
        "\tCONSTRAINT pk_sess_store_row PRIMARY KEY (id), \n"
        "\tCONSTRAINT uq_sess_store_row_session_id UNIQUE (session_id)\n"
        ")\n"
        "CREATE INDEX ix_sess_store_row_expires_at ON sess_store_row (expires_at)\n"
        "CREATE INDEX ix_sess_store_row_session_id_unique ON sess_store_row (session_id)"
    )


def _index_names(engine: Engine, table: str) -> set[str]:
    return {str(ix["name"]) for ix in inspect(engine).get_indexes(table)}


def test_database_has_the_guide_names(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(SessStoreRow)
    inspector = inspect(sync_engine)
    uniques = {(u["name"], tuple(u["column_names"])) for u in inspector.get_unique_constraints("sess_store_row")}
    assert ("uq_sess_store_row_session_id", ("session_id",)) in uniques
    assert {"ix_sess_store_row_expires_at", "ix_sess_store_row_session_id_unique"} <= _index_names(
        sync_engine, "sess_store_row"
    )
    columns = {c["name"]: c["nullable"] for c in inspector.get_columns("sess_store_row")}
    assert columns == {
        "id": False,
        "session_id": False,
        "data": False,
        "expires_at": True,
        "created_at": False,
        "updated_at": False,
    }


def test_custom_table_args_both_ways_keep_the_mixin_constraints(
    sync_engine: Engine, sync_tables: Callable[..., None]
) -> None:
    sync_tables(SessDeclaredArgs, SessAddedArgs)
    assert _index_names(sync_engine, "sess_declared_args") >= {
        "ix_sess_declared_args_custom",
        "ix_sess_declared_args_expires_at",
        "ix_sess_declared_args_session_id_unique",
    }
    assert _index_names(sync_engine, "sess_added_args") >= {
        "ix_sess_added_args_created_user",
        "ix_sess_added_args_expires_at",
        "ix_sess_added_args_session_id_unique",
    }
    for table in ("sess_declared_args", "sess_added_args"):
        names = {u["name"] for u in inspect(sync_engine).get_unique_constraints(table)}
        assert f"uq_{table}_session_id" in names


def test_mixin_table_args_are_a_callable_tuple_of_fresh_objects() -> None:
    first, second = SessionModelMixin.__table_args__, SessionModelMixin.__table_args__
    assert isinstance(first, SessionTableArgs)
    assert isinstance(first, tuple)
    assert type(first()) is tuple
    assert len(first) == 3
    assert all(a is not b for a, b in zip(first, second, strict=True))
    assert type(first + (Index("ix_x", "session_id"),)) is tuple  # noqa: RUF005 (the guide's form)


def test_primary_key_is_a_uuid7_generated_in_python(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(SessStoreRow)
    row = SessStoreRow(session_id="abc", data=b"{}", expires_at=FUTURE)
    assert row.id is None or isinstance(row.id, uuid.UUID)
    with sync_engine.begin() as conn:
        conn.execute(insert(SessStoreRow), [{"session_id": "abc", "data": b"{}", "expires_at": FUTURE}])
        stored = conn.execute(select(SessStoreRow.id)).scalar_one()
    assert isinstance(stored, uuid.UUID)
    assert stored.version == 7


@pytest.mark.parametrize(
    ("expires_at", "expired"), [(PAST, True), (FUTURE, False), (None, False)], ids=["past", "future", "never"]
)
def test_is_expired_in_python(expires_at: datetime.datetime | None, expired: bool) -> None:
    assert SessStoreRow(session_id="x", data=b"", expires_at=expires_at).is_expired is expired


def test_is_expired_in_sql(sync_engine: Engine, sync_tables: Callable[..., None]) -> None:
    sync_tables(SessStoreRow)
    rows = [
        {"session_id": "past", "data": b"1", "expires_at": PAST},
        {"session_id": "future", "data": b"2", "expires_at": FUTURE},
        {"session_id": "never", "data": b"3", "expires_at": None},
    ]
    with sync_engine.begin() as conn:
        conn.execute(insert(SessStoreRow), rows)
        expired = conn.execute(select(SessStoreRow.session_id).where(SessStoreRow.is_expired)).scalars().all()
        live = conn.execute(select(SessStoreRow.session_id).where(~SessStoreRow.is_expired)).scalars().all()
    assert expired == ["past"]
    assert sorted(live) == ["future", "never"]
