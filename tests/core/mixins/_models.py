"""Models for the sqlalchemist.mixins tests."""

from __future__ import annotations

from collections.abc import Hashable
from typing import Any

from sqlalchemy import ColumnElement, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from sqlalchemist.base import DefaultBase
from sqlalchemist.mixins import (
    AuditColumns,
    BigIntPrimaryKey,
    IdentityPrimaryKey,
    NanoIDPrimaryKey,
    SentinelMixin,
    SlugKey,
    UniqueMixin,
    UUIDPrimaryKey,
)


class MixOwnBase(DeclarativeBase):
    """A plain SQLAlchemy base: the mixins must work without sqlalchemist's bases too."""


class MixAuditRow(UUIDPrimaryKey, AuditColumns, DefaultBase):
    __tablename__ = "mix_audit_row"
    name: Mapped[str] = mapped_column(String(50))
    note: Mapped[str | None] = mapped_column(String(50))


class MixOwnAuditRow(BigIntPrimaryKey, AuditColumns, MixOwnBase):
    __tablename__ = "mix_own_audit_row"
    name: Mapped[str] = mapped_column(String(50))


class MixSlugRow(IdentityPrimaryKey, SlugKey, DefaultBase):
    __tablename__ = "mix_slug_row"
    title: Mapped[str] = mapped_column(String(100))


class MixTag(NanoIDPrimaryKey, UniqueMixin, DefaultBase):
    __tablename__ = "mix_tag"
    name: Mapped[str] = mapped_column(String(30), unique=True)

    @classmethod
    def unique_hash(cls, *args: Any, **kwargs: Any) -> Hashable:
        return kwargs["name"]

    @classmethod
    def unique_filter(cls, *args: Any, **kwargs: Any) -> ColumnElement[bool]:
        return cls.name == kwargs["name"]


class MixNotUnique(BigIntPrimaryKey, UniqueMixin, DefaultBase):
    __tablename__ = "mix_not_unique"


class MixSentinelRow(SentinelMixin, DefaultBase):
    __tablename__ = "mix_sentinel_row"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(50))
