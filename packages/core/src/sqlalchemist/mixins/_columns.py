"""Column builders for the mixins that work both in plain declarative models and in ``MappedAsDataclass`` models."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.orm import MappedColumn, mapped_column

from sqlalchemist._clock import utcnow

__all__ = ("DATACLASS_COLUMN_MARK", "build_column", "dataclass_mode", "mixin_column", "utcnow")

T = TypeVar("T", bound=Callable[..., Any])

DATACLASS_COLUMN_MARK = "__sqlalchemist_mixin_column__"
"""Attribute set on the functions of mixin columns that a dataclass model copies onto itself."""


def dataclass_mode(cls: type[Any]) -> bool:
    """Tell whether ``cls`` is being mapped as a SQLAlchemy native dataclass."""
    return getattr(cls, "_sa_apply_dc_transforms", None) is not None


def mixin_column(fn: T) -> T:
    """Mark a mixin's column function so dataclass models can copy the column onto themselves."""
    setattr(fn, DATACLASS_COLUMN_MARK, True)
    return fn


def build_column(
    cls: type[Any],
    *args: Any,
    default_factory: Callable[[], Any] | None = None,
    server_generated: bool = False,
    **kwargs: Any,
) -> MappedColumn[Any]:
    """Build a ``mapped_column``, passing dataclass field options only when ``cls`` is a dataclass model."""
    if dataclass_mode(cls):
        if server_generated:
            kwargs["init"] = False
        else:
            kwargs["kw_only"] = True
            if default_factory is not None:
                kwargs["default_factory"] = default_factory
    elif default_factory is not None:
        kwargs["default"] = default_factory
    return mapped_column(*args, **kwargs)
