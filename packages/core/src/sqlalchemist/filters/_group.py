"""Filters combined with AND / OR, nested to any depth."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from sqlalchemy import ColumnElement, and_, or_

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters._base import ModelT, StatementFilter, WhereFilter

__all__ = ("FilterGroup", "LogicalOperator")

LogicalOperator: TypeAlias = Literal["and", "or"] | Callable[..., ColumnElement[bool]]
"""How a FilterGroup combines its members: ``"and"``/``"or"``, or ``and_``/``or_`` themselves."""

_BY_NAME: dict[str, Callable[..., ColumnElement[bool]]] = {"and": and_, "or": or_}


def _is_operator(value: object) -> bool:
    return isinstance(value, str) or callable(value)


@dataclass(frozen=True, slots=True)
class FilterGroup(WhereFilter):
    """Combine filters and SQL conditions: ``FilterGroup([f1, FilterGroup([f2, f3], "and")], logical_operator="or")``.

    Members must add WHERE conditions (not ``LimitOffset`` or ``OrderBy``); members that restrict nothing are skipped.
    advanced-alchemy's positional order, ``FilterGroup(or_, [f1, f2])``, is accepted too.
    """

    filters: Sequence[StatementFilter | ColumnElement[bool]]
    logical_operator: LogicalOperator = "and"

    def __post_init__(self) -> None:
        if _is_operator(self.filters) and not _is_operator(self.logical_operator):
            swapped: Any = self.filters
            object.__setattr__(self, "filters", self.logical_operator)
            object.__setattr__(self, "logical_operator", swapped)
        operator: Any = self.logical_operator
        if operator not in _BY_NAME if isinstance(operator, str) else not callable(operator):
            msg = f"FilterGroup.logical_operator must be 'and', 'or', and_ or or_; got {operator!r}"
            raise FilterError(msg)
        for member in self.filters:
            if not isinstance(member, (WhereFilter, ColumnElement)):
                msg = (
                    f"FilterGroup members must be WHERE filters or SQL conditions; got {type(member).__name__}"
                    f" ({member!r}), which cannot be combined with {self._operator_name()}"
                )
                raise FilterError(msg)

    def _operator_name(self) -> str:
        operator = self.logical_operator
        return operator if isinstance(operator, str) else getattr(operator, "__name__", repr(operator))

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return the members' conditions combined, or None when no member restricts anything."""
        clauses: list[ColumnElement[bool]] = []
        for member in self.filters:
            if isinstance(member, WhereFilter):
                clause = member.to_where_clause(model)
            elif isinstance(member, ColumnElement):
                clause = member
            else:
                continue
            if clause is not None:
                clauses.append(clause)
        if not clauses:
            return None
        operator = self.logical_operator
        combine = _BY_NAME[operator] if isinstance(operator, str) else operator
        return combine(*clauses)
