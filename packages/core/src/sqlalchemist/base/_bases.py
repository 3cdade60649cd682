"""Ready-made abstract bases: a primary key mixin, optional audit columns, table naming and ``to_dict`` in one class."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncAttrs

from sqlalchemist.base._declarative import AdvancedDeclarativeBase, CommonTableAttributes
from sqlalchemist.mixins import (
    AuditColumns,
    BigIntPrimaryKey,
    IdentityPrimaryKey,
    NanoIDPrimaryKey,
    UUIDPrimaryKey,
    UUIDv6PrimaryKey,
    UUIDv7PrimaryKey,
)

__all__ = (
    "BigIntAuditBase",
    "BigIntBase",
    "DefaultBase",
    "IdentityAuditBase",
    "IdentityBase",
    "NanoIDAuditBase",
    "NanoIDBase",
    "UUIDAuditBase",
    "UUIDBase",
    "UUIDv6AuditBase",
    "UUIDv6Base",
    "UUIDv7AuditBase",
    "UUIDv7Base",
)


class UUIDBase(UUIDPrimaryKey, CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a UUID version 4 ``id``."""

    __abstract__ = True


class UUIDAuditBase(UUIDPrimaryKey, CommonTableAttributes, AuditColumns, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a UUID version 4 ``id`` and ``created_at`` / ``updated_at``."""

    __abstract__ = True


class UUIDv6Base(UUIDv6PrimaryKey, CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a time-ordered UUID version 6 ``id``."""

    __abstract__ = True


class UUIDv6AuditBase(UUIDv6PrimaryKey, CommonTableAttributes, AuditColumns, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a UUID version 6 ``id`` and ``created_at`` / ``updated_at``."""

    __abstract__ = True


class UUIDv7Base(UUIDv7PrimaryKey, CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a time-ordered UUID version 7 ``id``."""

    __abstract__ = True


class UUIDv7AuditBase(UUIDv7PrimaryKey, CommonTableAttributes, AuditColumns, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a UUID version 7 ``id`` and ``created_at`` / ``updated_at``."""

    __abstract__ = True


class NanoIDBase(NanoIDPrimaryKey, CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a 21-character NanoID ``id`` (needs the ``nanoid`` extra)."""

    __abstract__ = True


class NanoIDAuditBase(NanoIDPrimaryKey, CommonTableAttributes, AuditColumns, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a NanoID ``id`` and ``created_at`` / ``updated_at``."""

    __abstract__ = True


class BigIntBase(BigIntPrimaryKey, CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with an autoincrement BIGINT ``id``."""

    __abstract__ = True


class BigIntAuditBase(BigIntPrimaryKey, CommonTableAttributes, AuditColumns, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with an autoincrement BIGINT ``id`` and ``created_at`` / ``updated_at``."""

    __abstract__ = True


class IdentityBase(IdentityPrimaryKey, CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with a database ``IDENTITY`` BIGINT ``id``."""

    __abstract__ = True


class IdentityAuditBase(IdentityPrimaryKey, CommonTableAttributes, AuditColumns, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models with an ``IDENTITY`` BIGINT ``id`` and ``created_at`` / ``updated_at``."""

    __abstract__ = True


class DefaultBase(CommonTableAttributes, AdvancedDeclarativeBase, AsyncAttrs):
    """Base for models that declare their own primary key."""

    __abstract__ = True
