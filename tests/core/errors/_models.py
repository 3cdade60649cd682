"""Test-only models with a unique key, a foreign key, a CHECK and a NOT NULL column, and the rows seeded for them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class ErrBase(DeclarativeBase):
    pass


class ErrParent(ErrBase):
    __tablename__ = "err_parent"
    __table_args__ = (
        UniqueConstraint("email", name="uq_err_parent_email"),
        CheckConstraint("age > 0", name="ck_err_parent_age"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    email: Mapped[str] = mapped_column(String(50))
    age: Mapped[int] = mapped_column(default=1)


class ErrChild(ErrBase):
    __tablename__ = "err_child"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    parent_id: Mapped[int] = mapped_column(ForeignKey("err_parent.id", name="fk_err_child_parent"))


SEED_PARENT = {"id": 1, "email": "a@b.c", "age": 3}
SEED_CHILD = {"id": 1, "parent_id": 1}


def _enable_foreign_keys(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def enforce_sqlite_foreign_keys(sync_engine: Any) -> None:
    """SQLite checks foreign keys only when asked, per connection."""
    if sync_engine.dialect.name == "sqlite":
        event.listen(sync_engine, "connect", _enable_foreign_keys)


class ErrTag(ErrBase):
    """A unique column without a constraint name: each database names the key its own way."""

    __tablename__ = "err_tag"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(20), unique=True)
