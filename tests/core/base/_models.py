"""Models for the sqlalchemist.base tests: one per ready-made base, plus the guide's models."""

from __future__ import annotations

import datetime
from typing import Any, Optional
from uuid import UUID

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, MappedAsDataclass, mapped_column, relationship

from sqlalchemist import base


class BaseUuidRow(base.UUIDBase):
    __tablename__ = "base_uuid_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseUuidAuditRow(base.UUIDAuditBase):
    __tablename__ = "base_uuid_audit_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseUuid6Row(base.UUIDv6Base):
    __tablename__ = "base_uuid6_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseUuid6AuditRow(base.UUIDv6AuditBase):
    __tablename__ = "base_uuid6_audit_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseUuid7Row(base.UUIDv7Base):
    __tablename__ = "base_uuid7_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseUuid7AuditRow(base.UUIDv7AuditBase):
    __tablename__ = "base_uuid7_audit_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseNanoRow(base.NanoIDBase):
    __tablename__ = "base_nano_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseNanoAuditRow(base.NanoIDAuditBase):
    __tablename__ = "base_nano_audit_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseBigIntRow(base.BigIntBase):
    __tablename__ = "base_bigint_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseBigIntAuditRow(base.BigIntAuditBase):
    __tablename__ = "base_bigint_audit_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseIdentityRow(base.IdentityBase):
    __tablename__ = "base_identity_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseIdentityAuditRow(base.IdentityAuditBase):
    __tablename__ = "base_identity_audit_row"
    name: Mapped[str] = mapped_column(String(50), index=True)


class BaseDefaultRow(base.DefaultBase):
    __tablename__ = "base_default_row"
    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(50), index=True)


ALL_BASE_MODELS: list[type[Any]] = [
    BaseUuidRow,
    BaseUuidAuditRow,
    BaseUuid6Row,
    BaseUuid6AuditRow,
    BaseUuid7Row,
    BaseUuid7AuditRow,
    BaseNanoRow,
    BaseNanoAuditRow,
    BaseBigIntRow,
    BaseBigIntAuditRow,
    BaseIdentityRow,
    BaseIdentityAuditRow,
]


class BaseGuideAuthor(base.UUIDBase):
    __tablename__ = "base_g_author"
    name: Mapped[str]
    dob: Mapped[Optional[datetime.date]]  # noqa: UP045 (the guide's spelling)
    books: Mapped[list[BaseGuideBook]] = relationship(back_populates="author", lazy="selectin")


class BaseGuideBook(base.UUIDAuditBase):
    __tablename__ = "base_g_book"
    title: Mapped[str]
    author_id: Mapped[UUID] = mapped_column(ForeignKey("base_g_author.id"))
    author: Mapped[BaseGuideAuthor] = relationship(lazy="joined", innerjoin=True, viewonly=True)


class BaseDcUser(base.UUIDAuditBase, MappedAsDataclass):
    __tablename__ = "base_dc_user"
    first_name: Mapped[str]
    last_name: Mapped[str]

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class BaseAfterDcRow(base.UUIDAuditBase):
    """An ordinary model declared after a dataclass model on the same registry."""

    __tablename__ = "base_after_dc_row"
    label: Mapped[str]
    data: Mapped[dict[str, Any]]


class BaseDcFirst(MappedAsDataclass, base.UUIDv7AuditBase):
    """The dataclass mixin listed before the base."""

    __tablename__ = "base_dc_first"
    title: Mapped[str]


class BaseDcKwOnly(base.BigIntBase, MappedAsDataclass, kw_only=True):
    """Dataclass options given after the base, and a database-generated key."""

    __tablename__ = "base_dc_kw"
    title: Mapped[str]
    rank: Mapped[int] = mapped_column(default=0)
