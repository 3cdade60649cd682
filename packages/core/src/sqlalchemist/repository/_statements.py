"""Statement building shared by the async and sync repositories: no I/O, testable by compiling."""

from __future__ import annotations

import sqlite3
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar, cast

from sqlalchemy import ColumnElement, Select, and_, bindparam, delete, func, select, tuple_
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects import mysql, postgresql, sqlite
from sqlalchemy.orm import InstrumentedAttribute

from sqlalchemist.exceptions import FilterError, ImproperConfigurationError
from sqlalchemist.filters import OrderBy, PaginationFilter, StatementFilter, order_by_clause, resolve_field

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from sqlalchemy import Delete, Insert
    from sqlalchemy.orm import Mapper

    from sqlalchemist.repository._typing import FilterArg, OrderBySpec

__all__ = (
    "apply_filters",
    "apply_order_by",
    "bind_parameter_limit",
    "chunked",
    "count_statement",
    "default_statement",
    "delete_by_ids_statement",
    "describe_criteria",
    "id_keys",
    "ids_clause",
    "in_ids_clause",
    "is_paginating",
    "is_shaping",
    "keys_per_statement",
    "kwargs_clauses",
    "memoize",
    "primary_key_keys",
    "select_by_ids_statement",
    "split_filters",
    "upsert_statement",
)

_SQLITE_LIMIT = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
_BIND_LIMITS = {"sqlite": _SQLITE_LIMIT, "postgresql": 32767, "mysql": 65535, "mariadb": 65535, "mssql": 2100}
_ROW_IN_LIMITS = {"postgresql": 2_000}
IDS_PARAMETER = "sqlalchemist_ids"
_IDS = IDS_PARAMETER
_P = ParamSpec("_P")
_R = TypeVar("_R")


def memoize(function: Callable[_P, _R]) -> Callable[_P, _R]:
    """Cache a pure statement builder by its (hashable) arguments, so statements are built once."""
    return cast("Callable[_P, _R]", lru_cache(maxsize=1024)(function))


@memoize
def default_statement(model: type[Any]) -> Select[Any]:
    """Return ``select(model)``, built once: statements are immutable, so repositories share it."""
    return select(model)


def bind_parameter_limit(dialect_name: str) -> int:
    """Return how many bound parameters one statement may carry on this dialect, with some headroom."""
    return _BIND_LIMITS.get(dialect_name, 999) - 10


def keys_per_statement(dialect_name: str, width: int) -> int:
    """Return how many keys of ``width`` columns one ``IN`` list may carry on this dialect.

    Under the bind-parameter limit, and for a composite key on PostgreSQL at most 2,000: it parses a row ``IN``
    list recursively, and about 8,000 pairs exceed its default 2MB stack depth.
    """
    size = bind_parameter_limit(dialect_name) // width
    return min(size, _ROW_IN_LIMITS.get(dialect_name, size)) if width > 1 else size


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    """Yield consecutive slices of ``items`` holding at most ``size`` elements."""
    for start in range(0, len(items), max(size, 1)):
        yield items[start : start + size]


@memoize
def primary_key_keys(model: type[Any]) -> tuple[str, ...]:
    """Return the attribute names of the model's primary key columns, in key order."""
    mapper: Mapper[Any] = sa_inspect(model)
    return tuple(mapper.get_property_by_column(column).key for column in mapper.primary_key)


@memoize
def id_keys(model: type[Any], id_attribute: str | None) -> tuple[str, ...]:
    """Return the attribute names an id is matched on: ``id_attribute``, or the primary key's for None.

    A name a composite-key model lacks (the default ``"id"``) also means its primary key, so ``(1, 2)`` works.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    if id_attribute is not None and id_attribute in mapper.all_orm_descriptors:
        return (id_attribute,)
    pk_keys = primary_key_keys(model)
    if id_attribute is None or len(pk_keys) > 1:
        return pk_keys
    msg = f"{model.__name__} has no attribute {id_attribute!r}; set id_attribute to one of: {', '.join(pk_keys)}"
    raise ImproperConfigurationError(msg)


def _id_columns(model: type[Any], id_attribute: str | None) -> list[Any]:
    """Return the table columns (or, for other attributes, the ORM attributes) an id is matched on."""
    mapper: Mapper[Any] = sa_inspect(model)
    return [
        mapper.column_attrs[key].columns[0] if key in mapper.column_attrs else getattr(model, key)
        for key in id_keys(model, id_attribute)
    ]


def ids_clause(model: type[Any], id_attribute: str | None, item_id: Any) -> ColumnElement[bool]:
    """Return ``id_attribute = item_id``; a tuple ``item_id`` matches a composite primary key column by column."""
    columns = _id_columns(model, id_attribute)
    if len(columns) == 1:
        result: ColumnElement[bool] = columns[0] == item_id
        return result
    values = tuple(item_id) if isinstance(item_id, (tuple, list)) else (item_id,)
    if len(values) != len(columns):
        msg = f"{model.__name__} has a primary key of {len(columns)} columns; got {len(values)} value(s): {item_id!r}"
        raise FilterError(msg)
    return and_(*(column == value for column, value in zip(columns, values, strict=False)))


@memoize
def in_ids_clause(model: type[Any], id_attribute: str | None) -> ColumnElement[bool]:
    """Return ``<id columns> IN :ids`` (a tuple IN for a composite key); pass the ids as ``ids_parameters``."""
    columns = _id_columns(model, id_attribute)
    target = columns[0] if len(columns) == 1 else tuple_(*columns)
    result: ColumnElement[bool] = target.in_(bindparam(_IDS, expanding=True))
    return result


@memoize
def select_by_ids_statement(model: type[Any], id_attribute: str | None) -> Select[Any]:
    """Return ``SELECT model WHERE id IN :ids``, built once per model; pass the ids as ``ids_parameters``."""
    return select(model).where(in_ids_clause(model, id_attribute))


@memoize
def delete_by_ids_statement(model: type[Any], id_attribute: str | None, *, returning: bool) -> Delete:
    """Return ``DELETE FROM model WHERE id IN :ids`` (with RETURNING of the entity when asked), built once."""
    statement = delete(model).where(in_ids_clause(model, id_attribute))
    return statement.returning(model) if returning else statement  # type: ignore[return-value]


def ids_parameters(ids: Sequence[Any]) -> dict[str, Any]:
    """Return the parameters for the statements built by ``select_by_ids_statement``/``delete_by_ids_statement``."""
    return {_IDS: [tuple(i) if isinstance(i, list) else i for i in ids]}


def kwargs_clauses(model: type[Any], kwargs: Mapping[str, Any]) -> list[ColumnElement[bool]]:
    """Return equality conditions for keyword filters; a list, tuple or set value means IN."""
    clauses: list[ColumnElement[bool]] = []
    for name, value in kwargs.items():
        column = resolve_field(model, name)
        if isinstance(value, (list, tuple, set, frozenset)):
            clauses.append(column.in_(list(value)))
        else:
            clauses.append(column.is_(None) if value is None else column == value)
    return clauses


def apply_filters(statement: Select[Any], model: type[Any], filters: Iterable[FilterArg]) -> Select[Any]:
    """Return ``statement`` with every filter applied; a SQL expression becomes a WHERE condition."""
    for item in filters:
        checked: Any = item
        if isinstance(checked, StatementFilter):
            statement = checked.append_to_statement(statement, model)
        elif isinstance(checked, ColumnElement):
            statement = statement.where(checked)
        else:
            msg = f"expected a sqlalchemist filter or a SQL boolean expression; got {item!r}"
            raise FilterError(msg)
    return statement


def split_filters(filters: Iterable[FilterArg]) -> tuple[list[FilterArg], list[FilterArg]]:
    """Split filters into those restricting rows and those only ordering or paginating them."""
    where: list[FilterArg] = []
    shaping: list[FilterArg] = []
    for item in filters:
        (shaping if is_shaping(item) else where).append(item)
    return where, shaping


def is_shaping(item: FilterArg) -> bool:
    """Return whether a filter only orders or paginates rows (applied after the row-restricting ones)."""
    return isinstance(item, (OrderBy, PaginationFilter))


def is_paginating(filters: Iterable[FilterArg]) -> bool:
    """Return whether one of the filters skips rows (an offset), so an empty page says nothing of the total."""
    return any(isinstance(item, PaginationFilter) and getattr(item, "offset", 1) != 0 for item in filters)


def _order_item(model: type[Any], item: Any) -> ColumnElement[Any]:
    if isinstance(item, tuple):
        field, descending = item
        return order_by_clause(resolve_field(model, field), "desc" if descending else "asc")
    if isinstance(item, (str, InstrumentedAttribute)):
        return order_by_clause(resolve_field(model, item))
    if isinstance(item, ColumnElement):
        return item
    msg = f"order_by expects field names, attributes, (field, descending) pairs or SQL expressions; got {item!r}"
    raise FilterError(msg)


def apply_order_by(statement: Select[Any], model: type[Any], order_by: OrderBySpec | None) -> Select[Any]:
    """Return ``statement`` with ``order_by`` appended to its ORDER BY."""
    if order_by is None:
        return statement
    is_pair = isinstance(order_by, tuple) and len(order_by) == 2 and isinstance(order_by[1], bool)
    is_single = is_pair or isinstance(order_by, (str, InstrumentedAttribute, ColumnElement))
    items: list[Any] = [order_by] if is_single else list(order_by)
    return statement.order_by(*(_order_item(model, item) for item in items))


def count_statement(statement: Select[Any], *, is_custom: bool) -> Select[Any]:
    """Return a statement counting the rows of ``statement`` (ORDER BY dropped)."""
    statement = statement.order_by(None)
    if is_custom:
        return select(func.count()).select_from(statement.subquery())
    return statement.with_only_columns(func.count(), maintain_column_froms=True)


def describe_criteria(kwargs: Mapping[str, Any], filters: Sequence[Any]) -> str:
    """Describe lookup criteria for error messages: ``name='Ann', email='a@b.c'``."""
    parts = [f"{key}={value!r}" for key, value in kwargs.items()]
    if filters:
        parts.append(f"{len(filters)} filter(s)")
    return ", ".join(parts) if parts else "the given criteria"


@memoize
def upsert_statement(
    model: type[Any],
    dialect_name: str,
    keys: frozenset[str],
    match_keys: tuple[str, ...],
    *,
    returning: bool,
    core_columns: tuple[Any, ...] = (),
) -> Insert:
    """Return the dialect's native upsert for rows carrying ``keys``, matched on ``match_keys``.

    ON CONFLICT DO UPDATE on PostgreSQL and SQLite, ON DUPLICATE KEY UPDATE on MySQL/MariaDB; primary keys of
    matched rows are never changed. With ``core_columns`` it is a Core statement on the table (parameters keyed
    by column key) returning those columns; otherwise an ORM insert of the model.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    pk_keys = set(primary_key_keys(model))
    columns: dict[str, Any] = {attr.key: attr.columns[0] for attr in mapper.column_attrs}
    updated = [columns[key] for key in sorted(keys) if key in columns and key not in pk_keys and key not in match_keys]
    updated += [
        column
        for key, column in columns.items()
        if key not in keys
        and key not in pk_keys
        and column.onupdate is not None
        and column.default is not None
        and column.table is mapper.local_table
    ]
    if not updated:
        updated = [columns[match_keys[0]]]
    if dialect_name in ("postgresql", "sqlite"):
        module: Any = postgresql if dialect_name == "postgresql" else sqlite
        pg_statement = module.insert(cast("Any", mapper.local_table) if core_columns else model)
        excluded = pg_statement.excluded
        statement: Insert = pg_statement.on_conflict_do_update(
            index_elements=[columns[key] for key in match_keys],
            set_={column.name: excluded[column.name] for column in updated},
        )
    elif dialect_name in ("mysql", "mariadb"):
        my_statement = mysql.insert(cast("Any", mapper.local_table) if core_columns else model)
        inserted = my_statement.inserted
        # ON DUPLICATE KEY fires on any unique key: writing the match fields too keeps the row findable by them
        matched = [columns[key] for key in match_keys if columns[key] not in updated]
        statement = my_statement.on_duplicate_key_update(
            {column.name: inserted[column.name] for column in [*updated, *matched]}
        )
    else:
        msg = f"upsert is implemented for postgresql, sqlite, mysql and mariadb; got dialect {dialect_name!r}"
        raise ImproperConfigurationError(msg)
    if core_columns:
        return statement.returning(*core_columns)
    return statement.returning(model) if returning else statement
