"""Statement building for the session stores: pure functions with no I/O, shared by the async and sync stores."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

import uuid_utils.compat
from sqlalchemy import Table, delete, insert, or_, select, update
from sqlalchemy.dialects import mysql, postgresql, sqlite

from sqlalchemist_sessions._model import SESSION_ID_MAX_LENGTH

if TYPE_CHECKING:
    from sqlalchemy.sql import Delete, Insert, Select, Update
    from sqlalchemy.sql.elements import ColumnElement

__all__ = (
    "Expiry",
    "delete_all_statement",
    "delete_expired_statement",
    "delete_statement",
    "expiry_after",
    "insert_statement",
    "live_data_statement",
    "renew_statement",
    "session_key",
    "supports_upsert",
    "update_statement",
    "upsert_statement",
)

Expiry = int | datetime.timedelta | None
"""Seconds (or a timedelta) until a session expires; ``None`` keeps it until deleted."""

_UPSERT_DIALECTS = frozenset({"postgresql", "sqlite", "mysql", "mariadb"})


def session_key(session_id: str) -> str:
    """Return the stored form of ``session_id``: truncated to 255 characters; an empty id is refused."""
    if not isinstance(session_id, str) or not session_id:
        msg = f"session_id must be a non-empty string, got {session_id!r}"
        raise ValueError(msg)
    return session_id[:SESSION_ID_MAX_LENGTH]


def expiry_after(now: datetime.datetime, expires_in: Expiry) -> datetime.datetime | None:
    """Return the instant ``expires_in`` after ``now``, or ``None`` when ``expires_in`` is ``None``."""
    if expires_in is None:
        return None
    delta = expires_in if isinstance(expires_in, datetime.timedelta) else datetime.timedelta(seconds=expires_in)
    return now + delta


def _live(table: Table, now: datetime.datetime) -> ColumnElement[bool]:
    return or_(table.c.expires_at.is_(None), table.c.expires_at > now)


def live_data_statement(table: Table, session_id: str, now: datetime.datetime) -> Select[Any]:
    """``SELECT data`` of the session, only while it has not expired."""
    return select(table.c.data).where(table.c.session_id == session_key(session_id), _live(table, now))


def renew_statement(table: Table, session_id: str, expires_at: datetime.datetime, now: datetime.datetime) -> Update:
    """Move the expiry of a live session to ``expires_at``."""
    return (
        update(table)
        .where(table.c.session_id == session_key(session_id), _live(table, now))
        .values(expires_at=expires_at, updated_at=now)
    )


def supports_upsert(dialect_name: str) -> bool:
    """Tell whether ``dialect_name`` has a native upsert used by :func:`upsert_statement`."""
    return dialect_name in _UPSERT_DIALECTS


def _row(session_id: str, data: bytes, expires_at: datetime.datetime | None, now: datetime.datetime) -> dict[str, Any]:
    return {
        "id": uuid_utils.compat.uuid7(),
        "session_id": session_key(session_id),
        "data": data,
        "expires_at": expires_at,
        "created_at": now,
        "updated_at": now,
    }


def upsert_statement(
    dialect_name: str,
    table: Table,
    *,
    session_id: str,
    data: bytes,
    expires_at: datetime.datetime | None,
    now: datetime.datetime,
) -> Insert:
    """One native upsert: ``ON CONFLICT (session_id) DO UPDATE`` or ``ON DUPLICATE KEY UPDATE``."""
    row = _row(session_id, data, expires_at, now)
    changes = {"data": data, "expires_at": expires_at, "updated_at": now}
    if dialect_name in {"mysql", "mariadb"}:
        return mysql.insert(table).values(row).on_duplicate_key_update(changes)
    if dialect_name == "postgresql":
        return postgresql.insert(table).values(row).on_conflict_do_update(index_elements=["session_id"], set_=changes)
    if dialect_name == "sqlite":
        return sqlite.insert(table).values(row).on_conflict_do_update(index_elements=["session_id"], set_=changes)
    msg = f"no native upsert for dialect {dialect_name!r}; supported: {sorted(_UPSERT_DIALECTS)}"
    raise ValueError(msg)


def update_statement(
    table: Table, *, session_id: str, data: bytes, expires_at: datetime.datetime | None, now: datetime.datetime
) -> Update:
    """Replace the data and expiry of an existing session (first half of the portable two-statement upsert)."""
    return (
        update(table)
        .where(table.c.session_id == session_key(session_id))
        .values(data=data, expires_at=expires_at, updated_at=now)
    )


def insert_statement(
    table: Table, *, session_id: str, data: bytes, expires_at: datetime.datetime | None, now: datetime.datetime
) -> Insert:
    """Insert a new session row (second half of the portable two-statement upsert)."""
    return insert(table).values(_row(session_id, data, expires_at, now))


def delete_statement(table: Table, session_id: str) -> Delete:
    """Delete one session, expired or not."""
    return delete(table).where(table.c.session_id == session_key(session_id))


def delete_all_statement(table: Table) -> Delete:
    """Delete every session of the table."""
    return delete(table)


def delete_expired_statement(table: Table, now: datetime.datetime) -> Delete:
    """Delete every session whose ``expires_at`` is at or before ``now``."""
    return delete(table).where(table.c.expires_at <= now)
