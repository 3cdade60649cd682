"""LIMIT/OFFSET pagination."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, bindparam

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters._base import ModelT, PaginationFilter

if TYPE_CHECKING:
    from collections.abc import Hashable

    from sqlalchemy import Select

__all__ = ("LimitOffset",)


@dataclass(frozen=True, slots=True)
class LimitOffset(PaginationFilter):
    """Return at most ``limit`` rows, skipping the first ``offset``: ``LimitOffset(20, 40)`` is page 3 of 20."""

    limit: int
    offset: int = 0

    def __post_init__(self) -> None:
        for name in ("limit", "offset"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                msg = f"LimitOffset.{name} must be an integer >= 0; got {value!r}"
                raise FilterError(msg)

    def append_to_statement(self, statement: Select[Any], model: type[ModelT]) -> Select[Any]:
        """Return ``statement`` with LIMIT and OFFSET set."""
        return statement.limit(self.limit).offset(self.offset)

    def _bound_shape(self) -> tuple[Hashable, tuple[Any, ...]] | None:
        if type(self) is not LimitOffset:  # a subclass may change the SQL: it is applied as it says
            return None
        return "limit_offset", (self.limit, self.offset)

    def _append_bound(self, statement: Select[Any], model: type[ModelT], names: tuple[str, ...]) -> Select[Any]:
        limit, offset = names
        return statement.limit(bindparam(limit, type_=Integer())).offset(bindparam(offset, type_=Integer()))
