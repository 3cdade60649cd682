"""Models and rows shared by the database tests of sqlalchemist.filters."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class FltBase(DeclarativeBase):
    pass


class FltPerson(FltBase):
    __tablename__ = "flt_person"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(50))
    age: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    note: Mapped[str | None] = mapped_column(String(50), nullable=True)
    active: Mapped[bool] = mapped_column(Boolean)


class FltPet(FltBase):
    __tablename__ = "flt_pet"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    owner_id: Mapped[int] = mapped_column(ForeignKey("flt_person.id"))
    kind: Mapped[str] = mapped_column(String(20))


def utc(month: int) -> datetime:
    """Noon UTC on the first of ``month`` 2024."""
    return datetime(2024, month, 1, 12, tzinfo=timezone.utc)


PEOPLE = [
    {"id": 1, "name": "Alice", "age": 30, "created_at": utc(1), "note": "50% off", "active": True},
    {"id": 2, "name": "bob", "age": 25, "created_at": utc(2), "note": "500 items", "active": False},
    {"id": 3, "name": "ALBERT", "age": None, "created_at": utc(3), "note": None, "active": True},
    {"id": 4, "name": "Dana_x", "age": 35, "created_at": utc(4), "note": "a_b/c", "active": False},
    {"id": 5, "name": "Eve", "age": None, "created_at": utc(5), "note": None, "active": True},
]
PETS = [
    {"id": 1, "owner_id": 1, "kind": "cat"},
    {"id": 2, "owner_id": 1, "kind": "dog"},
    {"id": 3, "owner_id": 2, "kind": "dog"},
    {"id": 4, "owner_id": 4, "kind": "cat"},
]
