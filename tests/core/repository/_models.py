"""Models of the repository tests; tables and classes are prefixed ``repo_`` / ``Repo`` to stay unique."""

from __future__ import annotations

import datetime
import decimal
import uuid
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, LargeBinary, Numeric, String, event, literal_column, text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from sqlalchemist.base import BigIntBase, UUIDAuditBase, UUIDBase
from sqlalchemist.mixins import AuditColumns, SlugKey
from sqlalchemist.types import DateTimeUTC


class RepoAuthor(UUIDAuditBase):
    __tablename__ = "repo_author"

    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str | None] = mapped_column(String(100), unique=True, default=None)
    dob: Mapped[datetime.date | None] = mapped_column(default=None)
    books: Mapped[list[RepoBook]] = relationship(back_populates="author", lazy="raise")


class RepoBook(UUIDAuditBase):
    __tablename__ = "repo_book"

    title: Mapped[str] = mapped_column(String(100))
    author_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("repo_author.id"))
    author: Mapped[RepoAuthor] = relationship(back_populates="books", lazy="raise")


class RepoCounter(BigIntBase):
    __tablename__ = "repo_counter"

    label: Mapped[str] = mapped_column(String(50), unique=True)
    hits: Mapped[int] = mapped_column(default=0)


class RepoTag(SlugKey, UUIDBase):
    __tablename__ = "repo_tag"

    name: Mapped[str] = mapped_column(String(100))
    group: Mapped[str] = mapped_column(String(20), default="main")


class RepoEvented(UUIDBase):
    """A model with mapper events: the repository must write it through the unit of work."""

    __tablename__ = "repo_evented"

    name: Mapped[str] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(String(50), default=None)


DELETED_EVENTED: list[str] = []


@event.listens_for(RepoEvented, "before_insert")
def _note_insert(mapper: Any, connection: Any, target: RepoEvented) -> None:
    target.note = "inserted"


@event.listens_for(RepoEvented, "before_update")
def _note_update(mapper: Any, connection: Any, target: RepoEvented) -> None:
    target.note = "updated"


@event.listens_for(RepoEvented, "after_delete")
def _note_delete(mapper: Any, connection: Any, target: RepoEvented) -> None:
    DELETED_EVENTED.append(target.name)


class RepoPlainBase(DeclarativeBase):
    """A plain declarative base: the repository works with any mapped class."""


class RepoOrderLine(RepoPlainBase):
    __tablename__ = "repo_order_line"

    order_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    line_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    sku: Mapped[str] = mapped_column(String(50))
    qty: Mapped[int] = mapped_column(default=1)


class RepoStampedLine(AuditColumns, RepoPlainBase):
    """A composite primary key with the audit stamps: a set-based UPDATE sends its one ``updated_at`` once."""

    __tablename__ = "repo_stamped_line"

    order_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    line_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    qty: Mapped[int] = mapped_column(default=1)


class _CommaList(TypeDecorator[list[str]]):
    """Text stored as ``a,b``, read back as a new list: a mutable value, never shared between instances."""

    impl = String(200)
    cache_ok = True

    def process_bind_param(self, value: list[str] | None, dialect: Any) -> str | None:
        return None if value is None else ",".join(value)

    def process_result_value(self, value: str | None, dialect: Any) -> list[str] | None:
        return None if value is None else value.split(",")


class RepoLabelled(UUIDBase):
    __tablename__ = "repo_labelled"

    name: Mapped[str] = mapped_column(String(50))
    labels: Mapped[list[str]] = mapped_column(_CommaList())


class RepoLedgerLine(RepoPlainBase):
    """A composite primary key beside a column named ``id`` that is not part of it."""

    __tablename__ = "repo_ledger_line"

    ledger: Mapped[str] = mapped_column(String(20), primary_key=True)
    line_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    id: Mapped[int] = mapped_column()
    amount: Mapped[int] = mapped_column(default=0)


def _code_of(context: Any) -> str:
    """A default that reads the execution context: the row's name in capitals."""
    return str(context.get_current_parameters()["name"]).upper()


class RepoDefaulted(UUIDBase):
    """Defaults of every kind: Python scalar and callable, context-reading, server-side, none (NULL)."""

    __tablename__ = "repo_defaulted"

    name: Mapped[str] = mapped_column(String(50))
    weight: Mapped[int] = mapped_column(default=3)
    code: Mapped[str] = mapped_column(String(50), default=_code_of)
    level: Mapped[int] = mapped_column(server_default=text("7"))
    note: Mapped[str | None] = mapped_column(String(50))


class RepoSeries(UUIDBase):
    """A series whose volumes load ordered by number (a relationship ``order_by``)."""

    __tablename__ = "repo_series"

    name: Mapped[str] = mapped_column(String(100))
    volumes: Mapped[list[RepoVolume]] = relationship(
        back_populates="series", lazy="raise", order_by="RepoVolume.number.desc()"
    )


class RepoVolume(UUIDBase):
    __tablename__ = "repo_volume"

    number: Mapped[int]
    series_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("repo_series.id"))
    series: Mapped[RepoSeries] = relationship(back_populates="volumes", lazy="raise")


class RepoShelf(UUIDBase):
    """Its collection is mapped to load eagerly (``selectin``)."""

    __tablename__ = "repo_shelf"

    name: Mapped[str] = mapped_column(String(50))
    items: Mapped[list[RepoShelfItem]] = relationship(lazy="selectin")


class RepoShelfItem(UUIDBase):
    __tablename__ = "repo_shelf_item"

    label: Mapped[str] = mapped_column(String(50))
    shelf_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("repo_shelf.id"))


class RepoTyped(UUIDBase):
    """Columns whose values the driver gets and gives in another form (bind and result processors)."""

    __tablename__ = "repo_typed"
    data: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)
    price: Mapped[decimal.Decimal | None] = mapped_column(Numeric(10, 2), default=None)
    flag: Mapped[bool | None] = mapped_column(Boolean, default=None)
    blob: Mapped[bytes | None] = mapped_column(LargeBinary(32), default=None)
    ratio: Mapped[float | None] = mapped_column(Float, default=None)
    stamp: Mapped[datetime.datetime | None] = mapped_column(DateTimeUTC, default=None)


class RepoEdited(RepoPlainBase):
    """An ``onupdate`` written in SQL (``edits + 1``): only SQLAlchemy's own UPDATE statements apply it."""

    __tablename__ = "repo_edited"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(50))
    edits: Mapped[int] = mapped_column(default=0, onupdate=literal_column("edits + 1"))


class RepoEditedLine(RepoPlainBase):
    """The same SQL ``onupdate`` under a composite primary key."""

    __tablename__ = "repo_edited_line"

    order_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    line_no: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(50))
    edits: Mapped[int] = mapped_column(default=0, onupdate=literal_column("edits + 1"))


ALL_MODELS = (
    RepoAuthor,
    RepoBook,
    RepoCounter,
    RepoTag,
    RepoOrderLine,
    RepoStampedLine,
    RepoLabelled,
    RepoEvented,
    RepoDefaulted,
    RepoSeries,
    RepoVolume,
    RepoShelf,
    RepoShelfItem,
    RepoTyped,
    RepoLedgerLine,
    RepoEdited,
    RepoEditedLine,
)
