"""Models, repositories and input schemas of every supported kind, shared by the service tests."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import attrs
import msgspec
import pydantic
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

KINDS = ["dict", "pydantic", "msgspec", "attrs", "dataclass", "model"]
UNSET: Any = msgspec.UNSET


class SvcBase(DeclarativeBase):
    pass


class SvcAuthor(SvcBase):
    __tablename__ = "svc_author"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(50), unique=True)
    dob: Mapped[datetime.date | None]
    bio: Mapped[str | None] = mapped_column(String(100))


class AuthorPydantic(pydantic.BaseModel):
    id: int | None = None
    name: str | None = None
    dob: datetime.date | None = None
    bio: str | None = None


class AuthorStruct(msgspec.Struct):
    id: int | msgspec.UnsetType = msgspec.UNSET
    name: str | msgspec.UnsetType = msgspec.UNSET
    dob: datetime.date | msgspec.UnsetType | None = msgspec.UNSET
    bio: str | msgspec.UnsetType | None = msgspec.UNSET


@attrs.define
class AuthorAttrs:
    id: Any = UNSET
    name: Any = UNSET
    dob: Any = UNSET
    bio: Any = UNSET


@dataclasses.dataclass
class AuthorDataclass:
    id: Any = UNSET
    name: Any = UNSET
    dob: Any = UNSET
    bio: Any = UNSET


FACTORIES: dict[str, Any] = {
    "dict": dict,
    "pydantic": AuthorPydantic,
    "msgspec": AuthorStruct,
    "attrs": AuthorAttrs,
    "dataclass": AuthorDataclass,
    "model": SvcAuthor,
}


def make(kind: str, **values: Any) -> Any:
    """Build an input of ``kind`` with only ``values`` set."""
    return FACTORIES[kind](**values)


DOB = datetime.date(1990, 5, 6)
