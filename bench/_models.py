"""The benchmark's models: a UUID-keyed author with audit columns and a one-to-many book, like the guide's.

Both derive from ``sqlalchemist.base.UUIDAuditBase``: ``id`` is a GUID generated in Python (uuid4), ``created_at`` and
``updated_at`` are DateTimeUTC columns with Python-side defaults. Core uses the very same ``Table`` objects.
"""

from __future__ import annotations

import datetime
import uuid
from typing import cast

from sqlalchemy import Date, ForeignKey, String, Table
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sqlalchemist.base import UUIDAuditBase

AUTHOR_TABLE = "bench_author"
BOOK_TABLE = "bench_book"
BASE_ORIGIN = "sqlalchemist.base.UUIDAuditBase"


class BenchAuthor(UUIDAuditBase):
    """An author: a name to search on, a unique e-mail to upsert on, and books."""

    __tablename__ = AUTHOR_TABLE

    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(120), unique=True)
    dob: Mapped[datetime.date | None] = mapped_column(Date, nullable=True)
    books: Mapped[list[BenchBook]] = relationship(back_populates="author", lazy="select")


class BenchBook(UUIDAuditBase):
    """A book written by one author."""

    __tablename__ = BOOK_TABLE

    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey(f"{AUTHOR_TABLE}.id"))
    author: Mapped[BenchAuthor] = relationship(back_populates="books", lazy="select")


AUTHOR = cast(Table, BenchAuthor.__table__)
BOOK = cast(Table, BenchBook.__table__)
TABLES: tuple[Table, ...] = (AUTHOR, BOOK)
# Every column of the author table in declaration order: what the ORM loads, so what Core selects and returns.
AUTHOR_COLUMNS = tuple(AUTHOR.c)
