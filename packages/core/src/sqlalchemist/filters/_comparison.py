"""One field compared with a value by a named operator, and NULL tests."""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters._base import ModelT, WhereFilter
from sqlalchemist.filters._like import Anchor, like_condition
from sqlalchemist.filters._membership import in_condition, not_in_condition
from sqlalchemist.filters._resolve import Field, resolve_field

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, SQLColumnExpression

__all__ = ("COMPARISON_OPERATORS", "ComparisonFilter", "ComparisonOperator", "NotNullFilter", "NullFilter")

ComparisonOperator: TypeAlias = Literal[
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "in",
    "notin",
    "between",
    "like",
    "ilike",
    "contains",
    "icontains",
    "startswith",
    "istartswith",
    "endswith",
    "iendswith",
]

_Build = Callable[["SQLColumnExpression[Any]", Any], "ColumnElement[bool]"]


def _like(anchor: Anchor, *, ignore_case: bool, escape: bool) -> _Build:
    def build(column: SQLColumnExpression[Any], value: Any) -> ColumnElement[bool]:
        return like_condition(column, value, anchor=anchor, ignore_case=ignore_case, escape=escape)

    return build


_BUILDERS: dict[str, _Build] = {
    "eq": lambda c, v: c == v,
    "ne": lambda c, v: c != v,
    "gt": lambda c, v: c > v,
    "ge": lambda c, v: c >= v,
    "lt": lambda c, v: c < v,
    "le": lambda c, v: c <= v,
    "in": in_condition,
    "notin": not_in_condition,
    "between": lambda c, v: c.between(v[0], v[1]),
    "like": _like("exact", ignore_case=False, escape=False),
    "ilike": _like("exact", ignore_case=True, escape=False),
    "contains": _like("contains", ignore_case=False, escape=True),
    "icontains": _like("contains", ignore_case=True, escape=True),
    "startswith": _like("startswith", ignore_case=False, escape=True),
    "istartswith": _like("startswith", ignore_case=True, escape=True),
    "endswith": _like("endswith", ignore_case=False, escape=True),
    "iendswith": _like("endswith", ignore_case=True, escape=True),
}

COMPARISON_OPERATORS: tuple[str, ...] = tuple(_BUILDERS)
"""Every operator name ComparisonFilter accepts."""

_TEXT_OPERATORS = frozenset(COMPARISON_OPERATORS[COMPARISON_OPERATORS.index("like") :])


def _check_value(operator: str, value: Any) -> None:
    if operator in ("in", "notin") and (isinstance(value, (str, bytes)) or not isinstance(value, Collection)):
        msg = f"ComparisonFilter operator {operator!r} expects a collection of values; got {value!r}"
        raise FilterError(msg)
    if operator == "between" and (
        isinstance(value, (str, bytes)) or not isinstance(value, Sequence) or len(value) != 2
    ):
        msg = f"ComparisonFilter operator 'between' expects a (low, high) pair; got {value!r}"
        raise FilterError(msg)
    if operator in _TEXT_OPERATORS and not isinstance(value, str):
        msg = f"ComparisonFilter operator {operator!r} expects a string; got {value!r}"
        raise FilterError(msg)


@dataclass(frozen=True, slots=True)
class ComparisonFilter(WhereFilter):
    """Compare a field with a value: ``ComparisonFilter("age", "between", (18, 65))``.

    ``like``/``ilike`` take a pattern as given; ``contains``, ``startswith``, ``endswith`` and their ``i`` forms match
    the value literally (wildcards escaped).
    """

    field_name: Field
    operator: ComparisonOperator | str
    value: Any

    def __post_init__(self) -> None:
        if self.operator not in _BUILDERS:
            valid = ", ".join(COMPARISON_OPERATORS)
            msg = f"ComparisonFilter has no operator {self.operator!r}; valid operators are: {valid}"
            raise FilterError(msg)
        _check_value(self.operator, self.value)

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``field <operator> value`` with the value bound."""
        return _BUILDERS[self.operator](resolve_field(model, self.field_name), self.value)


@dataclass(frozen=True, slots=True)
class NullFilter(WhereFilter):
    """Keep rows whose field is NULL."""

    field_name: Field

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``field IS NULL``."""
        return resolve_field(model, self.field_name).is_(None)


@dataclass(frozen=True, slots=True)
class NotNullFilter(WhereFilter):
    """Keep rows whose field is not NULL."""

    field_name: Field

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``field IS NOT NULL``."""
        return resolve_field(model, self.field_name).is_not(None)
