"""Models shared by the Litestar adapter tests (tables prefixed ``ls_``)."""

from __future__ import annotations

import datetime
from functools import cached_property
from typing import Optional
from uuid import UUID

from sqlalchemy import ForeignKey, MetaData, String
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import DeclarativeBase, Mapped, MappedAsDataclass, mapped_column, relationship

from sqlalchemist import base


class LsAuthor(base.UUIDBase):
    __tablename__ = "ls_author"

    name: Mapped[str] = mapped_column(String(100), unique=True)
    dob: Mapped[Optional[datetime.date]]  # noqa: UP045
    books: Mapped[list[LsBook]] = relationship(back_populates="author", lazy="selectin")

    @hybrid_property
    def upper_name(self) -> str:
        return self.name.upper()

    @property
    def initials(self) -> str:
        return "".join(part[0] for part in self.name.split())

    @cached_property
    def name_length(self) -> int:
        return len(self.name)

    @property
    def _secret(self) -> str:
        return "hidden"


class LsBook(base.UUIDAuditBase):
    __tablename__ = "ls_book"

    title: Mapped[str] = mapped_column(String(200))
    author_id: Mapped[UUID] = mapped_column(ForeignKey("ls_author.id"))
    author: Mapped[LsAuthor] = relationship(back_populates="books", lazy="joined", innerjoin=True)


class LsOwnBase(DeclarativeBase):
    """A base with its own metadata, so ``create_all`` touches only the ``ls_`` tables."""

    metadata = MetaData()


class LsNote(LsOwnBase):
    __tablename__ = "ls_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(100))


class LsTag(LsOwnBase):
    __tablename__ = "ls_tag"

    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(50), unique=True)


class LsUserModel(base.UUIDAuditBase, MappedAsDataclass):
    """The guide's "Using Properties with DTOs" model."""

    __tablename__ = "ls_user"

    first_name: Mapped[str] = mapped_column(String(50))
    last_name: Mapped[str] = mapped_column(String(50))

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @cached_property
    def name_length(self) -> int:
        return len(self.full_name)
