"""Write helpers shared by the async and sync repositories: batched INSERT statements and row grouping."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Insert, Update, and_, bindparam, insert, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm.attributes import instance_state

from sqlalchemist.mixins._audit import touch_updated_at
from sqlalchemist.repository._statements import memoize

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect
    from sqlalchemy.orm import InstanceState, Mapper

__all__ = (
    "bulk_insert_statement",
    "bulk_update_statement",
    "can_bulk_insert",
    "describe_id",
    "fill_python_defaults",
    "group_rows",
    "has_flush_hooks",
    "match_key_of",
    "to_column_keys",
    "update_parameters",
)


@memoize
def bulk_insert_statement(model: type[Any], keys: frozenset[str]) -> tuple[Insert, tuple[str, ...]]:
    """Return a Core ``INSERT … RETURNING`` every column (rows in parameter order) and the returned attribute names.

    Built once per model and key set; it runs on the session's connection at Core speed.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    attributes = [(attr.key, attr.columns[0]) for attr in mapper.column_attrs]
    table: Any = mapper.local_table
    statement = insert(table).returning(*(column for _, column in attributes), sort_by_parameter_order=True)
    return statement, tuple(key for key, _ in attributes)


def has_flush_hooks(session: Any, model: type[Any], mapper_events: Sequence[str]) -> bool:
    """Return whether flush listeners (other than the audit timestamps) or mapper events would see the rows.

    Set-based statements skip the unit of work, so with such hooks (file storage, user events) the repository
    writes through the session instead.
    """
    target = session.registry() if hasattr(session, "registry") else session
    dispatch = getattr(target, "sync_session", target).dispatch
    if any(listener is not touch_updated_at for listener in dispatch.before_flush):
        return True
    if dispatch.after_flush or dispatch.after_flush_postexec:
        return True
    mapper: Mapper[Any] = sa_inspect(model)
    return any(getattr(mapper.dispatch, name) for name in mapper_events)


def can_bulk_insert(model: type[Any], instances: Sequence[Any], dialect: Dialect, session: Any) -> bool:
    """Return whether the instances can go in one Core-speed INSERT: new, one table, no related objects set."""
    mapper: Mapper[Any] = sa_inspect(model)
    if len(mapper.tables) != 1 or not dialect.insert_executemany_returning_sort_by_parameter_order:
        return False
    if has_flush_hooks(session, model, ("before_insert", "after_insert")):
        return False
    relationship_keys = set(mapper.relationships.keys())
    for instance in instances:
        state: InstanceState[Any] = instance_state(instance)
        if state.key is not None or state.session_id is not None or state.mapper is not mapper:
            return False
        if relationship_keys & state.dict.keys():
            return False
    return True


@memoize
def _column_keys(model: type[Any]) -> dict[str, str]:
    mapper: Mapper[Any] = sa_inspect(model)
    return {attr.key: attr.columns[0].key for attr in mapper.column_attrs if attr.key != attr.columns[0].key}


def to_column_keys(model: type[Any], row: dict[str, Any]) -> dict[str, Any]:
    """Return ``row`` keyed by column keys instead of attribute names (the same dict when they agree)."""
    renames = _column_keys(model)
    return {renames.get(key, key): value for key, value in row.items()} if renames else row


@memoize
def bulk_update_statement(model: type[Any], keys: frozenset[str]) -> Update:
    """Return a Core ``UPDATE … SET <keys> WHERE <primary key>`` for executemany, built once per key set.

    Parameters are named by ``update_parameters``.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    pk_columns = {column.key for column in mapper.primary_key}
    columns = {attr.key: attr.columns[0] for attr in mapper.column_attrs}
    where = and_(*(column == bindparam(f"sqlalchemist_pk_{column.key}") for column in mapper.primary_key))
    values: dict[Any, Any] = {
        columns[key]: bindparam(f"sqlalchemist_v_{columns[key].key}")
        for key in sorted(keys)
        if columns[key].key not in pk_columns
    }
    table: Any = mapper.local_table
    return update(table).where(where).values(values)


@memoize
def _update_names(model: type[Any]) -> dict[str, str]:
    mapper: Mapper[Any] = sa_inspect(model)
    pk_columns = set(mapper.primary_key)
    names: dict[str, str] = {}
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        names[attr.key] = f"sqlalchemist_pk_{column.key}" if column in pk_columns else f"sqlalchemist_v_{column.key}"
    return names


def update_parameters(model: type[Any], row: Mapping[str, Any]) -> dict[str, Any]:
    """Return the executemany parameters of ``bulk_update_statement`` for one row of attribute values."""
    names = _update_names(model)
    return {names[key]: value for key, value in row.items()}


def group_rows(rows: Sequence[Mapping[str, Any]]) -> dict[frozenset[str], list[int]]:
    """Group row positions by the set of keys each row carries, keeping order within each group."""
    groups: dict[frozenset[str], list[int]] = {}
    for position, row in enumerate(rows):
        groups.setdefault(frozenset(row), []).append(position)
    return groups


def fill_python_defaults(model: type[Any], row: dict[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """Fill the Python-side defaults (such as a UUID primary key) of ``keys`` missing from ``row``."""
    mapper: Mapper[Any] = sa_inspect(model)
    for key in keys:
        if row.get(key) is not None or key not in mapper.column_attrs:
            continue
        default: Any = mapper.column_attrs[key].columns[0].default
        if default is None:
            continue
        if getattr(default, "is_scalar", False):
            row[key] = default.arg
        elif getattr(default, "is_callable", False):
            row[key] = default.arg(None)
    return row


def match_key_of(item: Any, keys: Sequence[str]) -> tuple[Any, ...]:
    """Return the values of ``keys`` in a row mapping or on an instance."""
    if isinstance(item, Mapping):
        return tuple(item.get(key) for key in keys)
    return tuple(getattr(item, key) for key in keys)


def describe_id(id_attribute: str, item_id: Any) -> str:
    """Describe an id for messages: ``id=3`` or, for a composite key, ``id=(1, 2)``."""
    if isinstance(item_id, (tuple, list)):
        return f"{id_attribute}=({', '.join(str(part) for part in item_id)})"
    return f"{id_attribute}={item_id}"
