"""Type aliases shared by the repositories."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sqlalchemy import ColumnElement
    from sqlalchemy.orm import InstrumentedAttribute
    from sqlalchemy.sql.base import ExecutableOption

    from sqlalchemist.filters import StatementFilter

__all__ = ("FilterArg", "LoadSpec", "ModelT", "OrderBySpec", "OrderingPair", "SelectT")

ModelT = TypeVar("ModelT")
SelectT = TypeVar("SelectT")

LoadItem: TypeAlias = "str | InstrumentedAttribute[Any] | ExecutableOption"
LoadSpec: TypeAlias = "LoadItem | Sequence[LoadItem | Sequence[LoadItem]]"
"""What to load eagerly: relationships (by attribute or name), loader options, or ``"*"`` for all."""

OrderingPair: TypeAlias = "tuple[str | InstrumentedAttribute[Any], bool]"
"""A field and whether to sort it descending: ``("name", True)``."""

OrderItem: TypeAlias = "str | InstrumentedAttribute[Any] | ColumnElement[Any] | OrderingPair"
OrderBySpec: TypeAlias = "OrderItem | Sequence[OrderItem]"

FilterArg: TypeAlias = "StatementFilter | ColumnElement[bool]"
"""A positional filter: a sqlalchemist filter or a SQL boolean expression."""
