"""Resolve a keyset ordering against a model: the ordering columns, then the primary key as tie-breaker."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from sqlalchemy import Column, Enum, TypeDecorator
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import NoInspectionAvailable
from sqlalchemy.orm import InstrumentedAttribute, Mapper

from sqlalchemist.exceptions import FilterError

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ("KeyColumn", "OrderItem", "SortOrder", "resolve_keys")

SortOrder: TypeAlias = Literal["asc", "desc"]
OrderItem: TypeAlias = "str | InstrumentedAttribute[Any] | tuple[str | InstrumentedAttribute[Any], SortOrder]"
"""One ordering key: a column name or mapped attribute (ascending), or a ``(field, "asc" | "desc")`` pair."""


@dataclass(frozen=True, slots=True)
class KeyColumn:
    """One column of the keyset: the attribute to read from a row, its column, direction and nullability."""

    key: str
    column: InstrumentedAttribute[Any]
    descending: bool
    nullable: bool
    python_type: type[Any] | None

    def check(self, value: Any) -> None:
        """Raise FilterError when a cursor value cannot belong to this column."""
        if value is None:
            if not self.nullable:
                msg = f"invalid pagination cursor: {self.key} cannot be NULL"
                raise FilterError(msg)
            return
        if self.python_type is not None and not isinstance(value, self.python_type):
            msg = (
                f"invalid pagination cursor: {self.key} expects {self.python_type.__name__}, "
                f"got {type(value).__name__} ({value!r})"
            )
            raise FilterError(msg)


def _mapper(model: type[Any]) -> Mapper[Any]:
    try:
        mapper = sa_inspect(model)
    except NoInspectionAvailable:
        mapper = None
    if not isinstance(mapper, Mapper):
        msg = f"keyset pagination needs a mapped class; got {model!r}"
        raise FilterError(msg)
    return mapper


def _checked_type(column: Column[Any]) -> type[Any] | None:
    if isinstance(column.type, (TypeDecorator, Enum)):
        return None
    try:
        python_type: type[Any] = column.type.python_type
    except NotImplementedError:
        return None
    return python_type


def _key_column(mapper: Mapper[Any], key: str, *, descending: bool) -> KeyColumn:
    prop = mapper.column_attrs.get(key)
    if prop is None:
        columns = ", ".join(mapper.column_attrs.keys())
        msg = f"{mapper.class_.__name__} has no column {key!r} to paginate on; its columns are: {columns}"
        raise FilterError(msg)
    column = prop.columns[0]
    nullable = bool(getattr(column, "nullable", True))
    checked = _checked_type(column) if isinstance(column, Column) else None
    attribute: InstrumentedAttribute[Any] = getattr(mapper.class_, key)
    return KeyColumn(key, attribute, descending, nullable, checked)


def _split(item: Any) -> tuple[str | InstrumentedAttribute[Any], str]:
    if isinstance(item, tuple):
        if len(item) != 2:
            msg = f"an ordering key is a field or a (field, 'asc' | 'desc') pair; got {item!r}"
            raise FilterError(msg)
        return item[0], item[1]
    return item, "asc"


def resolve_keys(model: type[Any], order_by: Sequence[OrderItem]) -> tuple[KeyColumn, ...]:
    """Return the keyset for ``model``: each ``order_by`` key, then the primary key columns not already used."""
    mapper = _mapper(model)
    keys: list[KeyColumn] = []
    for item in order_by:
        field, order = _split(item)
        if order not in ("asc", "desc"):
            msg = f"sort order must be 'asc' or 'desc'; got {order!r} for {field!r}"
            raise FilterError(msg)
        name = field if isinstance(field, str) else getattr(field, "key", None)
        if not isinstance(name, str):
            msg = f"keyset pagination orders by mapped columns; got {field!r}"
            raise FilterError(msg)
        keys.append(_key_column(mapper, name, descending=order == "desc"))
    used = {key.key for key in keys}
    for column in mapper.primary_key:
        name = mapper.get_property_by_column(column).key
        if name not in used:
            keys.append(_key_column(mapper, name, descending=False))
    return tuple(keys)
