"""A timezone-aware datetime column type that stores UTC and always returns UTC."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.dialects import mysql, oracle
from sqlalchemy.types import DateTime, TypeDecorator, TypeEngine

from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

__all__ = ("DateTimeUTC",)

_NAIVE_DIALECTS = frozenset({"sqlite", "mysql", "mariadb"})


class DateTimeUTC(TypeDecorator[datetime.datetime]):
    """``DateTime(timezone=True)`` that refuses naive datetimes, stores UTC and returns aware UTC datetimes.

    Example: ``created_at: Mapped[datetime] = mapped_column(DateTimeUTC, default=lambda: datetime.now(UTC))``.
    """

    impl = DateTime
    cache_ok = True

    def __init__(self, timezone: bool = True) -> None:
        """Always timezone-aware; ``timezone`` is accepted for compatibility and must stay ``True``."""
        if not timezone:
            msg = (
                "DateTimeUTC is always timezone-aware and got timezone=False; use sqlalchemy.DateTime for naive values"
            )
            raise ImproperConfigurationError(msg)
        super().__init__(timezone=True)

    def __repr__(self) -> str:
        """Render as the constructor call."""
        return "DateTimeUTC()"

    @property
    def python_type(self) -> type[datetime.datetime]:
        """Values are returned as :class:`datetime.datetime`."""
        return datetime.datetime

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Use ``DATETIME(6)`` on MySQL/MariaDB to keep microseconds, ``TIMESTAMP WITH TIME ZONE`` on Oracle."""
        if dialect.name in {"mysql", "mariadb"}:
            return mysql.DATETIME(timezone=True, fsp=6)
        if dialect.name == "oracle":
            return oracle.TIMESTAMP(timezone=True)
        return DateTime(timezone=True)

    def process_bind_param(self, value: Any, dialect: Dialect) -> datetime.datetime | None:
        """Check the value is aware and convert it to UTC (naive UTC where the database has no time zones)."""
        if value is None:
            return None
        if not isinstance(value, datetime.datetime):
            msg = f"DateTimeUTC expected a timezone-aware datetime.datetime, got {type(value).__name__}: {value!r}"
            raise TypeError(msg)
        if value.tzinfo is None or value.utcoffset() is None:
            msg = (
                f"DateTimeUTC got a naive datetime {value.isoformat()!r}; "
                "pass a timezone-aware datetime such as datetime.now(timezone.utc)"
            )
            raise ValueError(msg)
        utc = value.astimezone(datetime.timezone.utc)
        return utc.replace(tzinfo=None) if dialect.name in _NAIVE_DIALECTS else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime.datetime | None:
        """Return the stored instant as an aware UTC datetime."""
        if value is None:
            return None
        stored: datetime.datetime = value
        tzinfo = stored.tzinfo
        if tzinfo is datetime.timezone.utc:
            return stored  # what PostgreSQL drivers give for TIMESTAMP WITH TIME ZONE in a UTC session
        if tzinfo is None:
            return stored.replace(tzinfo=datetime.timezone.utc)
        return stored.astimezone(datetime.timezone.utc)
