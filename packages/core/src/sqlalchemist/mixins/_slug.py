"""The ``slug`` column mixin: a unique, URL-safe name for a row."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import Mapped, declared_attr

from sqlalchemist.mixins._columns import build_column, mixin_column

__all__ = ("SlugKey",)


class SlugKey:
    """A required ``slug`` VARCHAR(100) column with a unique constraint named ``uq_<table>_slug``."""

    @declared_attr
    @mixin_column
    def slug(cls: Any) -> Mapped[str]:  # noqa: N805
        return build_column(cls, String(100), nullable=False, unique=True)
