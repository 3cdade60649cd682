"""IN / NOT IN conditions that treat a None among the values as IS NULL, as users mean it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, false, or_, true

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy import ColumnElement, SQLColumnExpression

__all__ = ("in_condition", "not_in_condition")


def _split(values: Iterable[Any]) -> tuple[list[Any], bool]:
    items = list(values)
    present = [value for value in items if value is not None]
    return present, len(present) != len(items)


def in_condition(column: SQLColumnExpression[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """Return ``column IN (...)``, OR-ed with ``IS NULL`` when None is among the values; FALSE for none."""
    present, has_null = _split(values)
    if not present:
        return column.is_(None) if has_null else false()
    condition = column.in_(present)
    return or_(condition, column.is_(None)) if has_null else condition


def not_in_condition(column: SQLColumnExpression[Any], values: Iterable[Any]) -> ColumnElement[bool]:
    """Return ``column NOT IN (...)``, AND-ed with ``IS NOT NULL`` when None is among the values; TRUE for none."""
    present, has_null = _split(values)
    if not present:
        return column.is_not(None) if has_null else true()
    condition = column.not_in(present)
    return and_(condition, column.is_not(None)) if has_null else condition
