"""Correlated EXISTS / NOT EXISTS subqueries."""

from __future__ import annotations

from collections.abc import Sequence  # noqa: TC003 - evaluated by typing.get_type_hints
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import ColumnElement, and_, exists, literal_column, not_, or_, select

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters._base import ModelT, WhereFilter
from sqlalchemist.filters._resolve import mapper_of

if TYPE_CHECKING:
    from sqlalchemy import Select

__all__ = ("ExistsFilter", "NotExistsFilter")


def _exists_clause(
    values: Sequence[ColumnElement[bool]], operator: str, model: type[ModelT]
) -> ColumnElement[bool] | None:
    if not values:
        return None
    combine = and_ if operator == "and" else or_
    subquery: Select[Any] = select(literal_column("1")).where(combine(*values)).correlate(mapper_of(model).local_table)
    return exists(subquery)


def _check_operator(owner: str, operator: str) -> None:
    if operator not in ("and", "or"):
        msg = f"{owner}.operator must be 'and' or 'or'; got {operator!r}"
        raise FilterError(msg)


@dataclass(frozen=True, slots=True)
class ExistsFilter(WhereFilter):
    """Keep rows for which a related row meets the conditions, as ``EXISTS (SELECT 1 FROM ... WHERE ...)``.

    The model's table is correlated to the outer query:
    ``ExistsFilter([Pet.owner_id == Person.id, Pet.kind == "cat"])`` keeps people who own a cat.
    """

    values: Sequence[ColumnElement[bool]]
    operator: Literal["and", "or"] = "and"

    def __post_init__(self) -> None:
        _check_operator("ExistsFilter", self.operator)

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return the EXISTS condition, or None when there are no conditions."""
        return _exists_clause(self.values, self.operator, model)


@dataclass(frozen=True, slots=True)
class NotExistsFilter(WhereFilter):
    """Keep rows for which no related row meets the conditions, as ``NOT EXISTS (...)``."""

    values: Sequence[ColumnElement[bool]]
    operator: Literal["and", "or"] = "and"

    def __post_init__(self) -> None:
        _check_operator("NotExistsFilter", self.operator)

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return the NOT EXISTS condition, or None when there are no conditions."""
        clause = _exists_clause(self.values, self.operator, model)
        return None if clause is None else not_(clause)
