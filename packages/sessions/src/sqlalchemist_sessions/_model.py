"""SessionModelMixin: the abstract declarative base of a server-side session table."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Index, LargeBinary, String, UniqueConstraint, and_, event
from sqlalchemy.dialects import mysql
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, declared_attr, mapped_column
from sqlalchemy.sql.naming import conv

from sqlalchemist.base import UUIDv7AuditBase
from sqlalchemist.types import DateTimeUTC

if TYPE_CHECKING:
    from sqlalchemy.sql.elements import ColumnElement
    from sqlalchemy.sql.schema import Table

__all__ = ("SESSION_ID_MAX_LENGTH", "SessionModelMixin", "SessionTableArgs")

SESSION_ID_MAX_LENGTH = 255
"""Longest session id stored; longer ids are truncated to this many characters."""

_DATA_TYPE = LargeBinary().with_variant(mysql.LONGBLOB(), "mysql", "mariadb")


class SessionTableArgs(tuple[Any, ...]):
    """The mixin's constraints: a tuple (``SessionModelMixin.__table_args__ + (...)``) that is also callable
    (``super().__table_args__()`` inside a ``declared_attr``)."""

    __slots__ = ()

    def __call__(self) -> tuple[Any, ...]:
        """Return the constraints as a plain tuple."""
        return tuple(self)


def _name_unique_index(index: Index, table: Table) -> None:
    index.name = conv(f"ix_{table.name}_session_id_unique")


def _session_constraints() -> SessionTableArgs:
    """Fresh constraint objects (one set per table); names come from the naming convention at attach time."""
    lookup = Index(None, "session_id")
    event.listen(lookup, "after_parent_attach", _name_unique_index)
    return SessionTableArgs((UniqueConstraint("session_id"), Index(None, "expires_at"), lookup))


def _utcnow() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


class SessionModelMixin(UUIDv7AuditBase):
    """Abstract model of a session table: UUIDv7 ``id``, unique ``session_id``, ``data`` and ``expires_at``.

    Example: ``class UserSession(SessionModelMixin): __tablename__ = "user_sessions"``.
    """

    __abstract__ = True

    session_id: Mapped[str] = mapped_column(String(SESSION_ID_MAX_LENGTH), nullable=False)
    data: Mapped[bytes] = mapped_column(_DATA_TYPE, nullable=False)
    expires_at: Mapped[datetime.datetime | None] = mapped_column(DateTimeUTC, nullable=True)

    if not TYPE_CHECKING:  # type checkers keep DeclarativeBase's ``__table_args__: Any``, so both guide forms check

        @declared_attr.directive
        def __table_args__(cls) -> SessionTableArgs:  # noqa: N805
            return _session_constraints()

    @hybrid_property
    def is_expired(self) -> bool:
        """True once ``expires_at`` has passed; usable in queries: ``select(M).where(M.is_expired)``."""
        return self.expires_at is not None and self.expires_at <= _utcnow()

    @is_expired.inplace.expression
    @classmethod
    def _is_expired_expression(cls) -> ColumnElement[bool]:
        return and_(cls.expires_at.is_not(None), cls.expires_at <= _utcnow())
