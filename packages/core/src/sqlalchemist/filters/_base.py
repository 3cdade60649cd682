"""Abstract bases shared by every filter."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Select

__all__ = ("InAnyFilter", "ModelT", "PaginationFilter", "SortOrder", "StatementFilter", "WhereFilter")

ModelT = TypeVar("ModelT")
SortOrder: TypeAlias = Literal["asc", "desc"]


class StatementFilter(ABC):
    """A reusable change to a SELECT statement: a WHERE condition, an ORDER BY, a LIMIT/OFFSET."""

    __slots__ = ()

    @abstractmethod
    def append_to_statement(self, statement: Select[Any], model: type[ModelT]) -> Select[Any]:
        """Return ``statement`` with this filter applied to ``model``."""


class WhereFilter(StatementFilter):
    """A filter that only adds a WHERE condition, so it can also be combined in a FilterGroup."""

    __slots__ = ()

    @abstractmethod
    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return the condition for ``model``, or None when this filter restricts nothing."""

    def append_to_statement(self, statement: Select[Any], model: type[ModelT]) -> Select[Any]:
        """Return ``statement`` with this filter's condition added to its WHERE clause."""
        clause = self.to_where_clause(model)
        return statement if clause is None else statement.where(clause)


class PaginationFilter(StatementFilter):
    """A filter that selects one page of the rows (LIMIT/OFFSET)."""

    __slots__ = ()


class InAnyFilter(WhereFilter):
    """A filter that tests a field against a collection of values."""

    __slots__ = ()
