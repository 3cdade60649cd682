"""Turn a ``load=`` specification into SQLAlchemy loader options, without I/O."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Column, Select, bindparam, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import (
    ColumnProperty,
    InstrumentedAttribute,
    RelationshipProperty,
    joinedload,
    lazyload,
    selectinload,
    undefer,
)
from sqlalchemy.orm.attributes import instance_state
from sqlalchemy.orm.interfaces import ONETOMANY
from sqlalchemy.sql.base import ExecutableOption
from sqlalchemy.sql.util import find_tables

from sqlalchemist.events import listeners_concern
from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.repository._statements import memoize
from sqlalchemist.repository._util import attach_loaded, attach_loaded_states, identity_of, row_instance_maker

if TYPE_CHECKING:
    from sqlalchemy.engine import Row
    from sqlalchemy.orm import InstanceState, Mapper, Session
    from sqlalchemy.orm.interfaces import ORMOption

    from sqlalchemist.repository._typing import LoadSpec

__all__ = (
    "MISSING",
    "PlainListPlan",
    "loader_options",
    "plain_columns",
    "plain_get",
    "plain_get_allowed",
    "plain_get_statement",
    "plain_list",
    "plain_list_plan",
)

MISSING: Any = object()
"""What ``plain_get`` returns when no row has the key."""


def _relationship_option(model: type[Any], prop: RelationshipProperty[Any]) -> ExecutableOption:
    attribute = getattr(model, prop.key)
    return selectinload(attribute) if prop.uselist else joinedload(attribute)


def _flatten(load: LoadSpec) -> list[Any]:
    if isinstance(load, (str, InstrumentedAttribute, ExecutableOption)) or not isinstance(load, Sequence):
        return [load]
    items: list[Any] = []
    for item in load:
        items.extend(_flatten(item))
    return items


def _option_for(model: type[Any], mapper: Mapper[Any], item: Any) -> ExecutableOption:
    if isinstance(item, ExecutableOption):
        return item
    if isinstance(item, str) and item == "*":
        return selectinload("*")
    if isinstance(item, str):
        prop = mapper.relationships.get(item)
        if prop is None:
            names = ", ".join(mapper.relationships.keys()) or "(none)"
            msg = f"load={item!r}: {model.__name__} has no relationship {item!r}; its relationships are: {names}"
            raise ImproperConfigurationError(msg)
        return _relationship_option(model, prop)
    if isinstance(item, InstrumentedAttribute) and isinstance(item.property, RelationshipProperty):
        return _relationship_option(item.property.parent.class_, item.property)
    if isinstance(item, InstrumentedAttribute) and isinstance(item.property, ColumnProperty):
        return undefer(item)
    msg = f"load= expects relationships, column attributes, relationship names, loader options or '*'; got {item!r}"
    raise ImproperConfigurationError(msg)


def loader_options(
    model: type[Any], load: LoadSpec | None, *, inherit_lazy: bool = True
) -> tuple[ExecutableOption, ...]:
    """Return the loader options for ``load``: collections by SELECT IN, single objects by JOIN.

    With ``inherit_lazy=False`` the relationships not named load lazily, whatever their mapped strategy.
    """
    if load is None:
        return ()
    items = tuple(_flatten(load))
    if all(isinstance(item, (str, InstrumentedAttribute)) for item in items):
        return _named_options(model, items, inherit_lazy)  # built once per spelling: a request reuses them
    return _build_options(model, items, inherit_lazy)


@memoize
def _named_options(model: type[Any], items: tuple[Any, ...], inherit_lazy: bool) -> tuple[ExecutableOption, ...]:
    return _build_options(model, items, inherit_lazy)


def _build_options(model: type[Any], items: tuple[Any, ...], inherit_lazy: bool) -> tuple[ExecutableOption, ...]:
    mapper: Mapper[Any] = sa_inspect(model)
    if inherit_lazy:  # a relationship already mapped with the strategy asked for needs no option (a simpler statement)
        items = tuple(item for item in items if not _mapped_eagerly(model, mapper, item))
    options = [_option_for(model, mapper, item) for item in items]
    if not inherit_lazy and options:
        options.append(lazyload("*"))
    return tuple(options)


def _mapped_eagerly(model: type[Any], mapper: Mapper[Any], item: Any) -> bool:
    """Return whether ``item`` names a relationship of ``model`` whose mapped loading is what ``load=`` would set."""
    prop: Any = None
    if isinstance(item, str) and item != "*":
        prop = mapper.relationships.get(item)
    elif isinstance(item, InstrumentedAttribute) and isinstance(item.property, RelationshipProperty):
        prop = item.property if item.property.parent is mapper and item.class_ is model else None
    if prop is None:
        return False
    return bool(prop.lazy == ("selectin" if prop.uselist else "joined"))


_GET_PK = "sqlalchemist_get_pk"
_LAZY = frozenset({"select", True, "noload", "raise", "raise_on_sql", "write_only", "dynamic"})


@memoize
def plain_columns(model: type[Any]) -> tuple[tuple[Column[Any], ...], tuple[str, ...]] | None:
    """Return the columns and attribute names of a mapping whose row alone makes the object, else None.

    That is a single-table, non-polymorphic, unversioned mapping of plain columns (nothing deferred or computed by
    an expression) with lazily loaded relationships: an instance holding the row's values is exactly what the ORM
    would build, so set-based writes and ``get`` can skip the ORM statement machinery.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    table = mapper.local_table
    if (
        len(mapper.tables) != 1
        or mapper.inherits is not None
        or mapper.polymorphic_on is not None
        or mapper.version_id_col is not None
        or any(prop.lazy not in _LAZY for prop in mapper.relationships)
    ):
        return None
    names: list[str] = []
    columns: list[Column[Any]] = []
    for attr in mapper.column_attrs:
        column = attr.columns[0]
        if len(attr.columns) != 1 or attr.deferred or not isinstance(column, Column) or column.table is not table:
            return None
        names.append(attr.key)
        columns.append(column)
    if set(mapper.attrs.keys()) - set(names) - set(mapper.relationships.keys()):
        return None
    return tuple(columns), tuple(names)


@memoize
def plain_get_statement(model: type[Any]) -> tuple[Select[Any], tuple[str, ...]] | None:
    """Return a Core ``SELECT <columns> WHERE <pk> = :pk`` and its attribute names for a mapping that
    :func:`plain_columns` accepts with a one-column primary key, else None."""
    mapper: Mapper[Any] = sa_inspect(model)
    plain = plain_columns(model)
    if plain is None or len(mapper.primary_key) != 1:
        return None
    columns, names = plain
    return select(*columns).where(mapper.primary_key[0] == bindparam(_GET_PK)), names


def plain_get_allowed(session: Any, mapper: Mapper[Any]) -> bool:
    """Return whether no event listener would miss an ORM load (ORM execute, load, attach events).

    ORM execute listeners scoped to other models (:mod:`sqlalchemist.events`) do not count.
    """
    manager_dispatch = mapper.class_manager.dispatch
    dispatch = session.dispatch
    return not (
        manager_dispatch.load
        or manager_dispatch.refresh
        or dispatch.loaded_as_persistent
        or dispatch.detached_to_persistent
        or dispatch.before_attach
        or dispatch.after_attach
        or listeners_concern(dispatch.do_orm_execute, mapper)
    )


def plain_get(session: Session, model: type[Any], item_id: Any) -> Any:
    """Read the row of ``item_id`` with the prebuilt SELECT and return it as a persistent instance of ``model``.

    ``session`` is the sync ``Session`` (behind an ``AsyncSession`` this runs in a greenlet). Returns None when
    ``Session.get`` must do it (an instance already known, pending changes to flush, listeners, several rows) and
    :data:`MISSING` when no row has the key. The instance ends as an ORM load leaves it: every column loaded and
    committed, relationships left to their loaders, in the identity map.
    """
    plan = plain_get_statement(model)
    mapper: Mapper[Any] = sa_inspect(model)
    if plan is None or not plain_get_allowed(session, mapper):
        return None
    identity_map = session.identity_map
    if mapper.identity_key_from_primary_key((item_id,)) in identity_map:
        return None
    if session.autoflush and (session.new or session.deleted or identity_map.check_modified()):
        return None
    statement, names = plan
    rows = session.connection(bind_arguments={"mapper": mapper}).execute(statement, {_GET_PK: item_id}).all()
    if len(rows) != 1:
        return MISSING if not rows else None
    values = dict(zip(names, rows[0], strict=True))
    key = mapper.identity_key_from_primary_key(identity_of(model, values) or (item_id,))
    if key in identity_map:
        return None
    instance = mapper.class_manager.new_instance()
    instance_state(instance).dict.update(values)
    return instance if attach_loaded(session, instance, key) else None


_IN_KEYS = "sqlalchemist_parent_ids"
_SELECTIN_CHUNK = 500  # parents per SELECT IN, as SQLAlchemy's selectin loader chunks them
_SELECT_SHAPE = (
    "_setup_joins",
    "_from_obj",
    "_group_by_clauses",
    "_having_criteria",
    "_distinct_on",
    "_with_options",
    "_hints",
    "_statement_hints",
    "_prefixes",
    "_suffixes",
)


@dataclass(frozen=True)
class _Collection:
    """How one one-to-many collection is read: the child model, its SELECT IN and where the parent key sits."""

    key: str
    mapper: Mapper[Any]
    statement: Select[Any]
    names: tuple[str, ...]
    shape: tuple[tuple[str, ...], frozenset[str], int]
    parent_index: int
    path: Any


@dataclass(frozen=True)
class PlainListPlan:
    """What ``plain_list`` needs for a model and its eagerly loaded collections, built once per combination."""

    model: type[Any]
    mapper: Mapper[Any]
    columns: tuple[Column[Any], ...]
    names: tuple[str, ...]
    shape: tuple[tuple[str, ...], frozenset[str], int]
    collections: tuple[_Collection, ...]
    options: tuple[ORMOption, ...]
    select: Select[Any]


def _relationship_key(model: type[Any], mapper: Mapper[Any], item: Any) -> str | None:
    if isinstance(item, str):
        return item if item in mapper.relationships else None
    if isinstance(item, InstrumentedAttribute) and isinstance(item.property, RelationshipProperty):
        same = item.class_ is model and item.property.parent is mapper and getattr(item, "_of_type", None) is None
        return item.property.key if same else None
    return None


def _collection_plan(mapper: Mapper[Any], prop: RelationshipProperty[Any]) -> _Collection | None:
    """Return the plain SELECT IN plan of a one-to-many collection on a simple FK, or None."""
    child_mapper: Mapper[Any] = prop.mapper
    child = child_mapper.class_
    child_plan = plain_get_statement(child)
    if (
        child_plan is None
        or child_mapper is mapper
        or prop.direction is not ONETOMANY
        or not prop.uselist
        or prop.secondary is not None
        or prop.collection_class not in (None, list)
        or len(prop.local_remote_pairs or ()) != 1
    ):
        return None
    local, remote = (prop.local_remote_pairs or ())[0]
    child_table = child_mapper.local_table
    if local is not mapper.primary_key[0] or not isinstance(remote, Column) or remote.table is not child_table:
        return None
    if not (prop.primaryjoin.compare(local == remote) or prop.primaryjoin.compare(remote == local)):
        return None
    order_by = tuple(prop.order_by or ())
    if any(table is not child_table for element in order_by for table in find_tables(element)):
        return None
    names = child_plan[1]
    columns = [child_mapper.columns[name] for name in names]
    fk_name = child_mapper.get_property_by_column(remote).key
    statement = select(*columns).where(remote.in_(bindparam(_IN_KEYS, expanding=True)))
    if order_by:
        statement = statement.order_by(*order_by)
    path = mapper._path_registry[prop][child_mapper]  # the load path an ORM load records
    return _Collection(
        prop.key, child_mapper, statement, names, _shape(child_mapper, names), names.index(fk_name), path
    )


def _shape(mapper: Mapper[Any], names: tuple[str, ...]) -> tuple[tuple[str, ...], frozenset[str], int]:
    """Return the column attribute names, as a set too, and the position of the primary key among them."""
    return names, frozenset(names), names.index(mapper.get_property_by_column(mapper.primary_key[0]).key)


@memoize
def _list_plan(model: type[Any], keys: tuple[str, ...]) -> PlainListPlan | None:
    plan = plain_get_statement(model)
    if plan is None:
        return None
    mapper: Mapper[Any] = sa_inspect(model)
    collections: list[_Collection] = []
    for key in keys:
        collection = _collection_plan(mapper, mapper.relationships[key])
        if collection is None:
            return None
        collections.append(collection)
    names = plan[1]
    columns = tuple(mapper.columns[name] for name in names)
    options = tuple(selectinload(getattr(model, key)) for key in keys)
    propagated = tuple(option for option in options if option.propagate_to_loaders)
    shape = _shape(mapper, names)
    return PlainListPlan(model, mapper, columns, names, shape, tuple(collections), propagated, select(*columns))


def plain_list_plan(model: type[Any], load: LoadSpec | None) -> PlainListPlan | None:
    """Return the plan to list ``model`` with its ``load=`` collections over Core, or None when the ORM must.

    Only when every ``load=`` item names a one-to-many relationship of ``model`` joined on a plain foreign key to a
    simple model (see :func:`plain_get_statement`), and ``model`` itself is simple. No ``load=`` is a plan without
    collections.
    """
    if not load:
        return _list_plan(model, ())
    items = tuple(_flatten(load))
    if not all(isinstance(item, (str, InstrumentedAttribute)) for item in items):
        return None  # loader options: the ORM applies them
    return _named_list_plan(model, items)


@memoize
def _named_list_plan(model: type[Any], items: tuple[Any, ...]) -> PlainListPlan | None:
    """Resolve ``plain_list_plan`` once per spelling of ``load=``: a request reuses it."""
    mapper: Mapper[Any] = sa_inspect(model)
    keys: list[str] = []
    for item in items:
        key = _relationship_key(model, mapper, item)
        if key is None:
            return None
        if key not in keys:
            keys.append(key)
    return _list_plan(model, tuple(keys))


def _plain_page(statement: Select[Any], plan: PlainListPlan, extra: int) -> bool:
    """Return whether ``statement``, built on ``plan.select`` (plus ``extra`` trailing columns), still selects the
    columns of one table, unjoined."""
    if len(statement._raw_columns) != len(plan.columns) + extra or statement._distinct:
        return False
    return not any(getattr(statement, name, None) for name in _SELECT_SHAPE)


def _instances(
    identity_map: Any,
    mapper: Mapper[Any],
    shape: tuple[tuple[str, ...], frozenset[str], int],
    rows: Sequence[Row[Any]],
    load: tuple[tuple[ORMOption, ...], Any],
) -> tuple[list[Any], list[InstanceState[Any]]] | None:
    """Return the instance of each row and the states made for them, not attached yet; None when the ORM must load.

    A known instance is used as it is, as an ORM load does, but only when no column of it is expired or unloaded.
    """
    names, name_set, pk_index = shape
    options, path = load
    identity_class = mapper._identity_class
    make = row_instance_maker(mapper)
    get_state = identity_map.fast_get_state
    instances: list[Any] = []
    states: list[InstanceState[Any]] = []
    for row in rows:  # one row per primary key: a plain SELECT of one table, without joins
        key = (identity_class, (row[pk_index],), None)
        held = get_state(key)
        instance = None if held is None else held.obj()
        if instance is None:
            # columns after the entity's (a count) are not its own
            instance = make(zip(names, row, strict=False), key)
            state: InstanceState[Any] = instance_state(instance)
            state.load_options = options
            state.load_path = path
            states.append(state)
        elif held is not None and (held.expired or not held.dict.keys() >= name_set):
            return None
        instances.append(instance)
    return instances, states


def plain_list(
    session: Session, page: tuple[Select[Any], dict[str, Any] | None], plan: PlainListPlan, unique: bool, extra: int = 0
) -> tuple[list[Any], Sequence[Row[Any]]] | None:
    """Run the ``page`` statement (built on ``plan.select``) with its parameters and one SELECT IN per collection;
    return the instances and the page's rows (whose ``extra`` trailing columns, such as a window count, the caller
    reads).

    ``session`` is the sync ``Session`` (in a greenlet behind an ``AsyncSession``). The instances end as an ORM load
    leaves them, their collections as ``selectinload`` does. None (before any change to the session) means the ORM
    must do it: listeners, pending changes, a known instance not fully loaded, or an unusual statement.
    """
    statement, parameters = page
    mapper = plan.mapper
    if not _plain_page(statement, plan, extra) or not all(
        plain_get_allowed(session, each) for each in (mapper, *(c.mapper for c in plan.collections))
    ):
        return None
    identity_map = session.identity_map
    if session._new or session._deleted or identity_map.check_modified():  # pending changes: the ORM flushes first
        return None
    rows = session.connection(bind_arguments={"mapper": mapper}).execute(statement, parameters).all()
    made = _instances(identity_map, mapper, plan.shape, rows, (plan.options, mapper._path_registry))
    if made is None:
        return None
    instances, states = made
    made_here = {id(state) for state in states}
    pk_index = plan.shape[2]
    parents = dict(zip((row[pk_index] for row in rows), instances, strict=True))
    loaded: list[tuple[str, dict[Any, list[Any]]]] = []
    for collection in plan.collections:
        child_rows: list[Row[Any]] = []
        if parents:
            parent_ids = list(parents)
            connection = session.connection(bind_arguments={"mapper": collection.mapper})
            for start in range(0, len(parent_ids), _SELECTIN_CHUNK):
                chunk = parent_ids[start : start + _SELECTIN_CHUNK]
                child_rows.extend(connection.execute(collection.statement, {_IN_KEYS: chunk}).all())
        children = _instances(
            identity_map, collection.mapper, collection.shape, child_rows, (plan.options, collection.path)
        )
        if children is None:
            return None
        grouped: dict[Any, list[Any]] = {parent_id: [] for parent_id in parents}
        parent_index = collection.parent_index
        for row, child in zip(child_rows, children[0], strict=True):
            siblings = grouped.get(row[parent_index])
            if siblings is None:  # the foreign key's value does not compare equal to the key read: let the ORM
                return None
            siblings.append(child)
        states.extend(children[1])
        loaded.append((collection.key, grouped))
    attach_loaded_states(session, states)
    for key, grouped in loaded:
        impl: Any = mapper.class_manager[key].impl
        for parent_id, parent in parents.items():
            state = instance_state(parent)
            values = parent.__dict__
            if key in values:  # a collection already loaded stays, as with selectinload
                continue
            if id(state) in made_here:  # nothing committed, expired or pending to reconcile: fill it directly
                adapter, collection = impl._initialize_collection(state)
                adapter.append_multiple_without_event(grouped[parent_id])
                values[key] = collection
            else:
                impl.set_committed_value(state, values, grouped[parent_id])
    if unique:
        instances = list({id(instance): instance for instance in instances}.values())
    return instances, rows
