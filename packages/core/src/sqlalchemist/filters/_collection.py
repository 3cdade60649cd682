"""Membership filters: IN and NOT IN a collection of values."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from sqlalchemist.exceptions import FilterError
from sqlalchemist.filters._base import InAnyFilter, ModelT
from sqlalchemist.filters._membership import in_condition, not_in_condition
from sqlalchemist.filters._resolve import Field, resolve_field

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement

__all__ = ("CollectionFilter", "NotInCollectionFilter")

T = TypeVar("T")

# The generic filters are not slotted: on Python < 3.12 a frozen slotted dataclass cannot take the
# ``__orig_class__`` attribute that ``CollectionFilter[int](...)`` sets.


def _check_values(owner: str, values: object) -> None:
    if values is not None and (isinstance(values, (str, bytes)) or not isinstance(values, Collection)):
        msg = f"{owner}.values must be a collection of values or None; got {values!r}"
        raise FilterError(msg)


@dataclass(frozen=True)
class CollectionFilter(InAnyFilter, Generic[T]):
    """Keep rows whose field is one of ``values``; None restricts nothing, an empty collection keeps no rows.

    A None among the values also keeps rows whose field is NULL.
    """

    field_name: Field
    values: Collection[T] | None

    def __post_init__(self) -> None:
        _check_values("CollectionFilter", self.values)

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``field IN (...)``, FALSE for no values, or None when ``values`` is None."""
        column = resolve_field(model, self.field_name)
        if self.values is None:
            return None
        return in_condition(column, self.values)


@dataclass(frozen=True)
class NotInCollectionFilter(InAnyFilter, Generic[T]):
    """Keep rows whose field is none of ``values``; None or an empty collection restricts nothing.

    Rows whose field is NULL are not kept (as in SQL); a None among the values is honoured, not a trap.
    """

    field_name: Field
    values: Collection[T] | None

    def __post_init__(self) -> None:
        _check_values("NotInCollectionFilter", self.values)

    def to_where_clause(self, model: type[ModelT]) -> ColumnElement[bool] | None:
        """Return ``field NOT IN (...)``, or None when there are no values."""
        column = resolve_field(model, self.field_name)
        if not self.values:
            return None
        return not_in_condition(column, self.values)
