"""Turn a field given by name or as an attribute into a SQL expression of the model."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, TypeAlias

from sqlalchemy import SQLColumnExpression
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import NoInspectionAvailable
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapper

from sqlalchemist.exceptions import FilterError

__all__ = ("Field", "mapper_of", "resolve_field", "resolve_fields")

Field: TypeAlias = str | SQLColumnExpression[Any]
"""A field to filter on: a column name of the model, or a mapped attribute such as ``Author.name``."""

_CACHE: dict[tuple[type[Any], str], SQLColumnExpression[Any]] = {}


def mapper_of(model: type[Any]) -> Mapper[Any]:
    """Return the mapper of ``model``; raise FilterError when it is not a mapped class."""
    try:
        mapper = sa_inspect(model)
    except NoInspectionAvailable:
        mapper = None
    if not isinstance(mapper, Mapper):
        msg = f"filters apply to mapped classes; got {model!r}, which is not mapped"
        raise FilterError(msg)
    return mapper


def _lookup(model: type[Any], name: str) -> SQLColumnExpression[Any]:
    mapper = mapper_of(model)
    descriptor = mapper.all_orm_descriptors.get(name)
    is_column = name in mapper.column_attrs
    is_hybrid = isinstance(descriptor, hybrid_property)
    if not (is_column or is_hybrid):
        columns = ", ".join(mapper.column_attrs.keys())
        msg = f"{model.__name__} has no column {name!r} to filter on; its columns are: {columns}"
        raise FilterError(msg)
    expression: SQLColumnExpression[Any] = getattr(model, name)
    return expression


def resolve_field(model: type[Any], field: Field) -> SQLColumnExpression[Any]:
    """Return the expression for ``field`` on ``model``; raise FilterError for a name the model lacks."""
    if not isinstance(field, str):
        given: object = field
        if isinstance(given, SQLColumnExpression):
            return given
        name = getattr(model, "__name__", repr(model))
        msg = f"expected a column name or a mapped attribute to filter {name} on; got {given!r}"
        raise FilterError(msg)
    key = (model, field)
    found = _CACHE.get(key)
    if found is None:
        found = _lookup(model, field)
        _CACHE[key] = found
    return found


def resolve_fields(model: type[Any], fields: Field | Collection[Field]) -> list[SQLColumnExpression[Any]]:
    """Resolve one field or several; names given in a set are taken in sorted order, for stable SQL."""
    if isinstance(fields, str) or not isinstance(fields, Collection):
        return [resolve_field(model, fields)]
    if not fields:
        msg = f"expected at least one field to filter {model.__name__} on; got an empty {type(fields).__name__}"
        raise FilterError(msg)
    if isinstance(fields, (set, frozenset)):
        names = sorted(f for f in fields if isinstance(f, str))
        ordered: list[Field] = [*names, *(f for f in fields if not isinstance(f, str))]
        return [resolve_field(model, field) for field in ordered]
    return [resolve_field(model, field) for field in fields]
