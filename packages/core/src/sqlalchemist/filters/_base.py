"""Abstract bases shared by every filter."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import TYPE_CHECKING, Any, Literal, TypeAlias, TypeVar

if TYPE_CHECKING:
    from collections.abc import Hashable

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

    def _bound_shape(self) -> tuple[Hashable, tuple[Any, ...]] | None:
        """Return what this filter's SQL depends on and the values it binds, when ``_append_bound`` can apply it
        with those values as named parameters; None (the default) when it cannot. Repositories then build a
        statement once per shape of the filters and pass only the values on later calls."""
        return None

    def _append_bound(self, statement: Select[Any], model: type[ModelT], names: tuple[str, ...]) -> Select[Any]:
        """Return ``statement`` with this filter applied, its values as the parameters ``names`` (see
        ``_bound_shape``)."""
        raise NotImplementedError


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
