"""Write helpers shared by the async and sync repositories: batched INSERT statements and row grouping."""

from __future__ import annotations

import datetime
import decimal
import itertools
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from sqlalchemy import Insert, Select, Update, and_, bindparam, delete, func, insert, select, update
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.types import JSON, TypeDecorator

from sqlalchemist.events import listeners_concern
from sqlalchemist.exceptions import RepositoryError
from sqlalchemist.repository._loading import plain_get_statement
from sqlalchemist.repository._statements import id_keys, in_ids_clause, memoize
from sqlalchemist.repository._util import (
    attach_persistent,
    is_clock,
    make_for_call,
    onupdate_makers,
    python_default_maker,
    set_column_values,
    sync_session_of,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect
    from sqlalchemy.orm import InstanceState, Mapper

__all__ = (
    "DriverUpdatePlan",
    "InsertPlan",
    "RowPlan",
    "UnnestUpdate",
    "bulk_update_statement",
    "can_bulk_insert",
    "clock_columns",
    "complete_rows",
    "core_delete_returning",
    "describe_id",
    "driver_update_plan",
    "group_rows",
    "has_flush_hooks",
    "insert_groups",
    "insert_new",
    "insert_plan",
    "match_key_of",
    "missing_columns_statement",
    "renamed_columns",
    "row_plan",
    "set_update_supported",
    "shared_values",
    "to_column_keys",
    "unnest_update_statement",
    "update_parameters",
)


@dataclass(frozen=True)
class InsertPlan:
    """How rows carrying a given set of attributes are inserted at Core speed.

    ``defaults`` are the Python-side defaults made here (as the unit of work would), one value per row for the
    attributes sharing a maker (``created_at`` and ``updated_at`` get the same instant), ``nulls`` the attributes the
    database stores as NULL, and ``returned`` what only the database knows (server defaults, generated keys), which
    ``statement`` brings back in parameter order. With nothing to return the statement is a plain executemany.
    """

    statement: Insert
    defaults: tuple[tuple[tuple[str, ...], Callable[[], Any]], ...]
    nulls: tuple[str, ...]
    returned: tuple[str, ...]


@memoize
def insert_plan(model: type[Any], keys: frozenset[str]) -> InsertPlan:
    """Return the :class:`InsertPlan` for rows of ``model`` that carry the attributes ``keys``; built once."""
    mapper: Mapper[Any] = sa_inspect(model)
    table: Any = mapper.local_table
    autoincrement = table.autoincrement_column
    defaults: dict[Callable[[], Any], list[str]] = {}
    nulls: list[str] = []
    returned: list[tuple[str, Any]] = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if attr.key in keys or getattr(column, "table", None) is not table:
            continue  # given by the caller, or an expression that is not a column of the table
        if column.server_default is not None or column is autoincrement:
            returned.append((attr.key, column))
        elif column.default is None:
            nulls.append(attr.key)
        elif (maker := python_default_maker(column.default)) is not None:
            defaults.setdefault(maker, []).append(attr.key)
        else:
            returned.append((attr.key, column))
    statement = insert(table)
    if returned:
        statement = statement.returning(*(column for _, column in returned), sort_by_parameter_order=True)
    made_together = tuple((tuple(names), maker) for maker, names in defaults.items())
    return InsertPlan(statement, made_together, tuple(nulls), tuple(key for key, _ in returned))


def has_flush_hooks(session: Any, model: type[Any], mapper_events: Sequence[str]) -> bool:
    """Return whether flush listeners or mapper events would see the rows (scoped listeners only for their models).

    Set-based statements skip the unit of work, so with such hooks (file storage, user events) the repository
    writes through the session instead. Listeners scoped to other models (:mod:`sqlalchemist.events`) do not count.
    """
    dispatch = sync_session_of(session).dispatch
    mapper: Mapper[Any] = sa_inspect(model)
    if dispatch.before_flush or dispatch.after_flush or dispatch.after_flush_postexec:
        flush_listeners = [*dispatch.before_flush, *dispatch.after_flush, *dispatch.after_flush_postexec]
        if listeners_concern(flush_listeners, mapper):
            return True
    return any(getattr(mapper.dispatch, name) for name in mapper_events)


@memoize
def core_delete_returning(model: type[Any], id_attribute: str | None) -> tuple[Any, tuple[str, ...]] | None:
    """Return a Core ``DELETE FROM table WHERE <id> IN :ids RETURNING <every column>`` and its attribute names.

    For simple mappings only (those ``plain_get_statement`` accepts) and an id made of columns of the table
    (``None``: the primary key); None otherwise. Pass the ids as ``ids_parameters``.
    """
    plan = plain_get_statement(model)
    mapper: Mapper[Any] = sa_inspect(model)
    if plan is None or any(key not in mapper.column_attrs for key in id_keys(model, id_attribute)):
        return None
    select_statement, names = plan
    table: Any = mapper.local_table
    statement = delete(table).where(in_ids_clause(model, id_attribute))
    return statement.returning(*select_statement.selected_columns), names


def can_bulk_insert(model: type[Any], instances: Sequence[Any], session: Any) -> bool:
    """Return whether the instances can go in one Core-speed INSERT: new, one table, no related objects set."""
    mapper: Mapper[Any] = sa_inspect(model)
    relationship_keys = _bulk_insert_relationships(mapper)
    if relationship_keys is None or has_flush_hooks(session, model, ("before_insert", "after_insert")):
        return False
    target = sync_session_of(session)
    # other pending changes (anything marked modified counts): the flush orders them first
    if target._new or target._deleted or target.identity_map.check_modified():
        return False
    for instance in instances:
        state: InstanceState[Any] = instance_state(instance)
        if state.key is not None or state.session_id is not None or state.mapper is not mapper:
            return False
        if relationship_keys & state.dict.keys():
            return False
    return True


@memoize
def _bulk_insert_relationships(mapper: Mapper[Any]) -> frozenset[str] | None:
    """Return the relationship names of a mapper whose rows can be inserted by Core, or None (inheritance, versions)."""
    if len(mapper.tables) != 1 or mapper.version_id_col is not None:
        return None
    return frozenset(mapper.relationships.keys())


def insert_groups(
    model: type[Any], rows: Sequence[dict[str, Any]], dialect: Dialect
) -> list[tuple[InsertPlan, list[int]]] | None:
    """Group row positions by the attributes they carry, with each group's plan; None if the dialect cannot run them.

    A plan that returns values needs ``INSERT … RETURNING`` in parameter order from an executemany.
    """
    if len(rows) == 1:
        groups = [(insert_plan(model, frozenset(rows[0])), [0])]
    else:
        groups = [(insert_plan(model, keys), indexes) for keys, indexes in group_rows(rows).items()]
    if not dialect.insert_executemany_returning_sort_by_parameter_order and any(plan.returned for plan, _ in groups):
        return None
    return groups


def complete_rows(
    model: type[Any], plan: InsertPlan, rows: Sequence[dict[str, Any]], instances: Sequence[Any]
) -> list[dict[str, Any]]:
    """Add the plan's Python defaults to each row and instance, mark its NULL columns loaded; return the parameters."""
    defaults, nulls = plan.defaults, plan.nulls
    instants: dict[Callable[[], Any], Any] = {}  # one clock reading for the call's rows
    for row, instance in zip(rows, instances, strict=True):
        values = instance_state(instance).dict
        for names, make in defaults:
            value = make_for_call(make, instants)
            for key in names:
                values[key] = row[key] = value
        for key in nulls:
            values[key] = None
    return [to_column_keys(model, row) for row in rows] if renamed_columns(model) else list(rows)


def insert_new(session: Any, model: type[Any], data: Sequence[Any]) -> bool:
    """Insert new instances of ``model`` with Core statements and attach them as persistent in the sync ``session``.

    Returns False, having sent nothing, when the unit of work must do it: other pending changes (their flush order
    matters), related objects, inheritance, versioning, flush listeners, or values only the database knows on a
    dialect that cannot return them from an executemany. Behind an ``AsyncSession`` this runs in a greenlet.
    """
    if not can_bulk_insert(model, data, session):
        return False
    values = [set_column_values(item) for item in data]
    groups = insert_groups(model, values, session.get_bind(mapper=model).dialect)
    if groups is None:
        return False
    connection = session.connection(bind_arguments={"mapper": model})
    for plan, indexes in groups:
        instances = [data[i] for i in indexes]
        result = connection.execute(plan.statement, complete_rows(model, plan, [values[i] for i in indexes], instances))
        if plan.returned:
            names = plan.returned
            for instance, row in zip(instances, result, strict=True):
                instance_state(instance).dict.update(zip(names, row, strict=True))
    attach_persistent(session, data)
    return True


@memoize
def renamed_columns(model: type[Any]) -> dict[str, str]:
    """Return the attribute name -> column key of the model's columns mapped under another name (often none)."""
    mapper: Mapper[Any] = sa_inspect(model)
    return {attr.key: attr.columns[0].key for attr in mapper.column_attrs if attr.key != attr.columns[0].key}


def to_column_keys(model: type[Any], row: dict[str, Any]) -> dict[str, Any]:
    """Return ``row`` keyed by column keys instead of attribute names (the same dict when they agree)."""
    renames = renamed_columns(model)
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


def _fits_in_array(type_: Any) -> bool:
    """Return whether values of this column type can travel as a PostgreSQL array parameter, item by item."""
    impl = type_.impl_instance if isinstance(type_, TypeDecorator) else type_
    if isinstance(type_, (ARRAY, JSON)) or isinstance(impl, (ARRAY, JSON)):
        return False
    return not getattr(type_, "_has_bind_expression", True)


class _UpdateShape(NamedTuple):
    """The columns of a set-based UPDATE by primary key for rows carrying some attributes."""

    table: Any
    columns: dict[str, Any]
    pk_keys: list[str]
    ordered: list[str]
    shared: list[str]
    returned: list[str]


def _update_shape(
    model: type[Any], keys: frozenset[str], shared: frozenset[str], fits: Callable[[Any], bool]
) -> _UpdateShape | None:
    """Return the shape of a set-based UPDATE by primary key for rows carrying ``keys``, or None.

    None when the model spans several tables, the rows lack the primary key or carry nothing else, or a column is
    not of the table or its type fails ``fits``. ``ordered`` are the columns sent per row, ``shared`` those with one
    value for every row, ``returned`` the key plus the columns the rows did not carry (read back after the update).
    """
    mapper: Mapper[Any] = sa_inspect(model)
    table: Any = mapper.local_table
    if len(mapper.tables) != 1:
        return None
    columns = {attr.key: attr.columns[0] for attr in mapper.column_attrs}
    pk_keys = [mapper.get_property_by_column(column).key for column in mapper.primary_key]
    ordered = sorted(keys)
    if not set(pk_keys) <= keys or len(ordered) == len(pk_keys):
        return None
    if any(columns[key].table is not table or not fits(columns[key].type) for key in ordered):
        return None
    returned = [*pk_keys, *(key for key in columns if key not in keys and key not in pk_keys)]
    shared_keys = [key for key in ordered if key in shared and key not in pk_keys]
    per_row = [key for key in ordered if key not in shared_keys]
    return _UpdateShape(table, columns, pk_keys, per_row, shared_keys, returned)


class UnnestUpdate(NamedTuple):
    """A PostgreSQL ``UPDATE … FROM unnest(:arrays) … RETURNING`` and how its parameters are filled."""

    statement: Update
    arrays: tuple[tuple[str, str], ...]  # (attribute, parameter): one array of the rows' values each
    scalars: tuple[tuple[str, str], ...]  # (attribute, parameter): the one value every row shares
    returned: tuple[str, ...]

    def parameters(self, rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
        """Return the parameters for ``rows``: one list of values per column, shared values once."""
        values: dict[str, Any] = {parameter: [row[key] for row in rows] for key, parameter in self.arrays}
        values.update((parameter, rows[0][key]) for key, parameter in self.scalars)
        return values


@memoize
def unnest_update_statement(
    model: type[Any], keys: frozenset[str], shared: frozenset[str] = frozenset()
) -> UnnestUpdate | None:
    """Return the PostgreSQL ``UPDATE … FROM unnest(:arrays) … RETURNING`` for rows carrying ``keys``, or None.

    One statement with one array parameter per column (a plain parameter for the ``shared`` ones, such as the
    call's one ``updated_at``) updates every row by primary key and returns the primary key plus the columns the
    rows did not carry, so no SELECT follows. None when a column cannot travel in an array (JSON, arrays, types
    with a SQL bind expression), or the model spans several tables.
    """
    shape = _update_shape(model, keys, shared, _fits_in_array)
    if shape is None:
        return None
    table, columns, pk_keys, ordered, shared_keys, returned = shape
    names = [f"sqlalchemist_c{index}" for index in range(len(ordered))]
    parameters = [f"sqlalchemist_a{index}" for index in range(len(ordered))]
    arrays = [bindparam(name, type_=ARRAY(columns[key].type)) for name, key in zip(parameters, ordered, strict=True)]
    source = func.unnest(*arrays).table_valued(*names).render_derived(name="sqlalchemist_rows")
    by_key = dict(zip(ordered, names, strict=True))
    where = and_(*(columns[key] == source.c[by_key[key]] for key in pk_keys))
    values: dict[Any, Any] = {columns[key]: source.c[by_key[key]] for key in ordered if key not in pk_keys}
    scalars = tuple((key, f"sqlalchemist_s{index}") for index, key in enumerate(shared_keys))
    values.update((columns[key], bindparam(name, type_=columns[key].type)) for key, name in scalars)
    statement = update(table).where(where).values(values).returning(*(columns[key] for key in returned))
    return UnnestUpdate(statement, tuple(zip(ordered, parameters, strict=True)), scalars, tuple(returned))


@dataclass(frozen=True)
class DriverUpdatePlan:
    """SQLite: one executemany ``UPDATE … SET … WHERE <key> = ?``, then ``SELECT <key>, <rest> WHERE <key> IN (…)``.

    SQLite returns no rows from an executemany, and the one-statement alternative, ``UPDATE … FROM (VALUES …)
    RETURNING``, measured about twice the executemany's time inside SQLite (it materialises the join first), so
    the columns the rows did not carry are read by key afterwards (only the key when they carry every column: the
    SELECT is what shows each row was found, since SQLite may match a key of another type or collation). Both are
    sent as driver SQL: the values travel positionally
    through each column's own bind processor and come back through its result processor, which is what
    SQLAlchemy would send and return, without its per-parameter handling of thousands of values.
    """

    update_sql: str
    select_head: str
    select_marker: str
    ordered: tuple[str, ...]  # per-row values in the UPDATE's order: the set columns, then the key
    binders: tuple[tuple[int, Callable[[Any], Any]], ...]
    shared: tuple[tuple[int, str, Callable[[Any], Any] | None], ...]  # (position, key, bind): one value for all
    pk_positions: tuple[int, ...]  # of the key in the UPDATE's parameters
    rest: tuple[str, ...]
    readers: tuple[Callable[[Any], Any] | _OncePerValue | None, ...]  # per rest column (see _reader)

    def parameters(self, rows: Sequence[Mapping[str, Any]]) -> tuple[list[tuple[Any, ...]], list[Any]]:
        """Return the executemany parameters for ``rows``, each value converted as its column binds it, and the
        keys sent (a value, or a tuple for a composite key), in the rows' order."""
        columns: list[Any] = [[values[key] for values in rows] for key in self.ordered]
        for index, process in self.binders:
            columns[index] = list(map(process, columns[index]))
        first = rows[0]
        for position, key, bind in self.shared:
            value = first[key] if bind is None else bind(first[key])
            columns.insert(position, itertools.repeat(value, len(rows)))
        pk_positions = self.pk_positions
        if len(pk_positions) == 1:
            sent = columns[pk_positions[0]]
        else:
            sent = list(zip(*(columns[index] for index in pk_positions), strict=True))
        return list(zip(*columns, strict=True)), sent

    def select_sql(self, count: int) -> str:
        """Return the SELECT of the rest columns for ``count`` keys."""
        return self.select_head + ", ".join([self.select_marker] * count) + ")"

    def select_parameters(self, keys: Sequence[Any]) -> tuple[Any, ...]:
        """Return the SELECT's positional parameters for the sent ``keys``."""
        if len(self.pk_positions) == 1:
            return tuple(keys)
        return tuple(itertools.chain.from_iterable(keys))

    def returned(self, sent: Sequence[Any], raw_rows: Sequence[Sequence[Any]]) -> list[tuple[Any, ...] | None]:
        """Return, in the order of the ``sent`` keys, the rest columns read from the raw selected rows (None for a
        key that found no row)."""
        pk_width, count = len(self.pk_positions), len(sent)
        if not raw_rows:
            return [None] * count
        position_of = dict(zip(sent, range(count), strict=True))
        if pk_width == 1:
            got: list[Any] = [raw[0] for raw in raw_rows]
        else:
            got = [tuple(raw[:pk_width]) for raw in raw_rows]
        columns = list(zip(*raw_rows, strict=True))[pk_width:]  # the rest, column by column
        pairs = zip(self.readers, columns, strict=True)
        read_back = zip(*(column if read is None else _read_each(read, column) for read, column in pairs), strict=True)
        out: list[tuple[Any, ...] | None] = [None] * count
        for key, values in zip(got, read_back if columns else [()] * len(got), strict=True):
            row = position_of.get(key)
            if row is None:
                msg = (
                    f"update_many: the database matched the stored primary key {key!r} to none of the keys sent as "
                    "they were given; pass key values of the column's Python type (for example 2, not '2')"
                )
                raise RepositoryError(msg)
            out[row] = values
        return out


@memoize
def driver_update_plan(
    model: type[Any], keys: frozenset[str], dialect: Dialect, shared: frozenset[str] = frozenset()
) -> DriverUpdatePlan | None:
    """Return the :class:`DriverUpdatePlan` for rows carrying ``keys`` (``shared`` ones with one value for all
    rows) on a SQLite ``dialect``, or None.

    None too when a column the rows do not carry has an ``onupdate`` that is not made in Python (a SQL expression,
    or a callable reading the execution context): only SQLAlchemy's own UPDATE applies those.
    """
    if dialect.paramstyle != "qmark":
        return None
    shape = _update_shape(model, keys, shared, _without_bind_expression)
    if shape is None:
        return None
    table, columns, pk_keys, ordered, shared_keys, returned = shape
    if any(getattr(columns[key], "onupdate", None) is not None for key in returned):
        return None
    quote = dialect.identifier_preparer.quote
    target = dialect.identifier_preparer.format_table(table)
    set_keys = [key for key in ordered if key not in pk_keys]
    assigned = [*set_keys, *shared_keys]
    update_sql = (
        f"UPDATE {target} SET {', '.join(f'{quote(columns[key].name)} = ?' for key in assigned)} "
        f"WHERE {' AND '.join(f'{quote(columns[key].name)} = ?' for key in pk_keys)}"
    )
    pk_sql = [quote(columns[key].name) for key in pk_keys]
    selected = ", ".join(quote(columns[key].name) for key in returned)
    where = pk_sql[0] if len(pk_sql) == 1 else f"({', '.join(pk_sql)})"
    in_values = "" if len(pk_sql) == 1 else "VALUES "

    def binder(key: str) -> Callable[[Any], Any] | None:
        return cast("Callable[[Any], Any] | None", columns[key].type.dialect_impl(dialect).bind_processor(dialect))

    per_row = [*set_keys, *pk_keys]
    rest = tuple(key for key in returned if key not in pk_keys)
    return DriverUpdatePlan(
        update_sql=update_sql,
        select_head=f"SELECT {selected} FROM {target} WHERE {where} IN ({in_values}",
        select_marker="?" if len(pk_sql) == 1 else "(" + ", ".join("?" * len(pk_sql)) + ")",
        ordered=tuple(per_row),
        binders=tuple((index, process) for index, key in enumerate(per_row) if (process := binder(key)) is not None),
        shared=tuple((len(set_keys) + index, key, binder(key)) for index, key in enumerate(shared_keys)),
        pk_positions=tuple(range(len(assigned), len(assigned) + len(pk_keys))),
        rest=rest,
        readers=tuple(_reader(columns[key].type, dialect) for key in rest),
    )


@memoize
def clock_columns(model: type[Any]) -> frozenset[str]:
    """Return the attributes whose ``onupdate`` reads the clock: a set-based UPDATE gives all its rows one value."""
    mapper: Mapper[Any] = sa_inspect(model)
    return frozenset(
        attr.key
        for attr in mapper.column_attrs
        if (onupdate := getattr(attr.columns[0], "onupdate", None)) is not None
        and (maker := python_default_maker(onupdate)) is not None
        and is_clock(maker)
    )


def shared_values(model: type[Any], keys: frozenset[str], rows: Sequence[Mapping[str, Any]]) -> frozenset[str]:
    """Return the clock columns among ``keys`` that hold one and the same value in every row (converted once)."""
    candidates = clock_columns(model) & keys
    if not candidates or not rows:
        return frozenset()
    return frozenset(key for key in candidates if all(row[key] is rows[0][key] for row in rows))


_IMMUTABLE_RESULTS = (
    datetime.datetime,
    datetime.date,
    datetime.time,
    datetime.timedelta,
    uuid.UUID,
    decimal.Decimal,
    str,
    bytes,
    int,
    float,
)


class _OncePerValue:
    """A result processor that converts each distinct raw value once per column (its result is immutable)."""

    __slots__ = ("read",)

    def __init__(self, read: Callable[[Any], Any]) -> None:
        self.read = read


def _reader(type_: Any, dialect: Dialect) -> Callable[[Any], Any] | _OncePerValue | None:
    """Return the column type's result processor, marked to run once per distinct value when its results are
    immutable values (shared safely between instances)."""
    read: Callable[[Any], Any] | None = type_.dialect_impl(dialect).result_processor(dialect, None)
    if read is None:
        return None
    try:
        python_type = type_.python_type
    except NotImplementedError:
        return read
    return _OncePerValue(read) if python_type in _IMMUTABLE_RESULTS else read


def _read_each(read: Callable[[Any], Any] | _OncePerValue, column: Sequence[Any]) -> Sequence[Any]:
    """Return ``column`` converted by ``read``, each distinct raw value once when ``read`` allows it."""
    if not isinstance(read, _OncePerValue):
        return list(map(read, column))
    convert = read.read
    seen: dict[Any, Any] = {}
    out = []
    for raw in column:
        if raw in seen:
            out.append(seen[raw])
        else:
            out.append(seen.setdefault(raw, convert(raw)))
    return out


def set_update_supported(model: type[Any], keys: frozenset[str], dialect: Dialect) -> bool:
    """Return whether rows carrying ``keys`` can be updated set-based on ``dialect``, reading back the columns they
    did not carry in the same pass: PostgreSQL in one ``UPDATE … FROM unnest(:arrays) … RETURNING``, SQLite by an
    executemany then a SELECT by key (see :class:`DriverUpdatePlan`)."""
    if dialect.name == "postgresql":
        return unnest_update_statement(model, keys) is not None
    if dialect.name == "sqlite":
        return driver_update_plan(model, keys, dialect) is not None
    return False


def _without_bind_expression(type_: Any) -> bool:
    return not getattr(type_, "_has_bind_expression", True)


@memoize
def missing_columns_statement(model: type[Any], present: frozenset[str]) -> tuple[Select[Any], tuple[str, ...]]:
    """Return a Core ``SELECT <primary key>, <columns not in present> WHERE <primary key> IN :ids`` and its names.

    After a set-based UPDATE it completes the caller's rows with the columns they did not carry (audit stamps,
    server defaults), without loading whole ORM objects. The first ``len(primary key)`` names are the key's.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    pk_columns = list(mapper.primary_key)
    pk_names = [mapper.get_property_by_column(column).key for column in pk_columns]
    rest = [(attr.key, attr.columns[0]) for attr in mapper.column_attrs if attr.key not in present]
    rest = [(key, column) for key, column in rest if key not in pk_names]
    statement = select(*pk_columns, *(column for _, column in rest)).where(in_ids_clause(model, None))
    return statement, (*pk_names, *(key for key, _ in rest))


def group_rows(rows: Sequence[Mapping[str, Any]]) -> dict[frozenset[str], list[int]]:
    """Group row positions by the set of keys each row carries, keeping order within each group."""
    groups: dict[frozenset[str], list[int]] = {}
    for position, row in enumerate(rows):
        groups.setdefault(frozenset(row), []).append(position)
    return groups


@dataclass(frozen=True)
class RowPlan:
    """How an updated or upserted row carrying a given set of attributes is completed before it is sent.

    ``onupdate`` makers always run (the row updates, or may update, an existing one); ``match_defaults`` fill an
    upsert's match field the row lacks or leaves None (a generated key); ``keys`` is what the row then carries if
    every match field was given.
    """

    onupdate: tuple[tuple[str, Callable[[], Any]], ...]
    match_defaults: tuple[tuple[str, Callable[[], Any]], ...]
    keys: frozenset[str]

    def complete(self, row: dict[str, Any], instants: dict[Callable[[], Any], Any]) -> frozenset[str]:
        """Fill ``row`` in place and return the attributes it carries.

        ``instants`` holds the call's clock readings: every row of one call gets the same ``updated_at``.
        """
        for key, make in self.onupdate:
            row[key] = make_for_call(make, instants)
        keys = self.keys
        for key, make in self.match_defaults:
            if row.get(key) is None:
                row[key] = make()
                keys = keys | {key}
        return keys


@memoize
def row_plan(model: type[Any], keys: frozenset[str], match_keys: tuple[str, ...] = ()) -> RowPlan:
    """Return the :class:`RowPlan` for rows of ``model`` carrying ``keys`` (upserted on ``match_keys``, if any)."""
    mapper: Mapper[Any] = sa_inspect(model)
    onupdate = onupdate_makers(model, keys)
    match_defaults: list[tuple[str, Callable[[], Any]]] = []
    for key in match_keys:
        default: Any = mapper.column_attrs[key].columns[0].default if key in mapper.column_attrs else None
        maker = python_default_maker(default) if default is not None else None
        if maker is not None:
            match_defaults.append((key, maker))
    return RowPlan(onupdate, tuple(match_defaults), keys.union(key for key, _ in onupdate))


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
