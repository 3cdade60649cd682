"""Statement building: one native upsert per dialect, session id normalisation, expiry maths."""

from __future__ import annotations

import datetime

import pytest
from sqlalchemy.dialects import mysql, postgresql, sqlite

from sqlalchemist_sessions import SESSION_ID_MAX_LENGTH
from sqlalchemist_sessions._statements import (
    delete_expired_statement,
    expiry_after,
    session_key,
    supports_upsert,
    upsert_statement,
)
from tests.sessions.models import SessStoreRow

NOW = datetime.datetime(2030, 5, 1, 12, 0, tzinfo=datetime.timezone.utc)
TABLE = SessStoreRow.__table__


def _upsert_sql(name: str, dialect: object) -> str:
    stmt = upsert_statement(name, TABLE, session_id="abc", data=b"{}", expires_at=NOW, now=NOW)  # type: ignore[arg-type]
    return " ".join(str(stmt.compile(dialect=dialect)).split())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("name", "dialect"), [("postgresql", postgresql.dialect()), ("sqlite", sqlite.dialect())], ids=["pg", "sqlite"]
)
def test_upsert_is_one_insert_on_conflict(name: str, dialect: object) -> None:
    sql = _upsert_sql(name, dialect)
    assert sql.startswith("INSERT INTO sess_store_row (id, session_id, data, expires_at, created_at, updated_at)")
    assert "ON CONFLICT (session_id) DO UPDATE SET data = " in sql
    assert "expires_at = " in sql.split("ON CONFLICT")[1]
    assert "updated_at = " in sql.split("ON CONFLICT")[1]
    assert "created_at = " not in sql.split("ON CONFLICT")[1]


@pytest.mark.parametrize("name", ["mysql", "mariadb"])
def test_upsert_is_one_insert_on_duplicate_key_update(name: str) -> None:
    sql = _upsert_sql(name, mysql.dialect())
    assert sql.startswith("INSERT INTO sess_store_row (id, session_id, data, expires_at, created_at, updated_at)")
    assert "ON DUPLICATE KEY UPDATE data = %s, expires_at = %s, updated_at = %s" in sql


def test_unsupported_dialect_has_no_native_upsert() -> None:
    assert not supports_upsert("oracle")
    with pytest.raises(ValueError, match=r"no native upsert for dialect 'oracle'; supported: \['mariadb', 'mysql'"):
        upsert_statement("oracle", TABLE, session_id="a", data=b"", expires_at=None, now=NOW)


def test_long_session_ids_are_truncated_to_255_characters() -> None:
    assert session_key("a" * 300) == "a" * SESSION_ID_MAX_LENGTH
    assert session_key("short") == "short"


@pytest.mark.parametrize("bad", ["", None, 12])
def test_empty_or_non_string_session_ids_are_refused(bad: object) -> None:
    with pytest.raises(ValueError, match=r"session_id must be a non-empty string, got "):
        session_key(bad)  # type: ignore[arg-type]


def test_expiry_after_accepts_seconds_timedelta_and_none() -> None:
    assert expiry_after(NOW, 60) == NOW + datetime.timedelta(minutes=1)
    assert expiry_after(NOW, datetime.timedelta(hours=1)) == NOW + datetime.timedelta(hours=1)
    assert expiry_after(NOW, None) is None


def test_delete_expired_compares_with_the_given_instant() -> None:
    compiled = delete_expired_statement(TABLE, NOW).compile(dialect=postgresql.dialect())
    assert str(compiled).startswith("DELETE FROM sess_store_row WHERE sess_store_row.expires_at <= %(expires_at_1)s")
    assert compiled.params == {"expires_at_1": NOW}
