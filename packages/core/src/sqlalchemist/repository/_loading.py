"""Turn a ``load=`` specification into SQLAlchemy loader options, without I/O."""

from __future__ import annotations

from collections.abc import Sequence
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
from sqlalchemy.sql.base import ExecutableOption

from sqlalchemist.events import listeners_concern
from sqlalchemist.exceptions import ImproperConfigurationError
from sqlalchemist.repository._statements import memoize
from sqlalchemist.repository._util import attach_loaded, identity_of

if TYPE_CHECKING:
    from sqlalchemy.orm import Mapper, Session

    from sqlalchemist.repository._typing import LoadSpec

__all__ = ("MISSING", "loader_options", "plain_get", "plain_get_allowed", "plain_get_statement")

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
    mapper: Mapper[Any] = sa_inspect(model)
    options = [_option_for(model, mapper, item) for item in _flatten(load)]
    if not inherit_lazy and options:
        options.append(lazyload("*"))
    return tuple(options)


_GET_PK = "sqlalchemist_get_pk"
_LAZY = frozenset({"select", True, "noload", "raise", "raise_on_sql", "write_only", "dynamic"})


@memoize
def plain_get_statement(model: type[Any]) -> tuple[Select[Any], tuple[str, ...]] | None:
    """Return a Core ``SELECT <columns> WHERE <pk> = :pk`` and its attribute names, or None for complex mappings.

    Only for a single-table, non-polymorphic mapping with a one-column primary key, plain columns (nothing
    deferred or computed by an expression) and lazily loaded relationships: there the row alone makes the object,
    exactly as the ORM would build it, so ``get`` can skip the ORM statement machinery.
    """
    mapper: Mapper[Any] = sa_inspect(model)
    table = mapper.local_table
    if (
        len(mapper.primary_key) != 1
        or len(mapper.tables) != 1
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
    statement = select(*columns).where(mapper.primary_key[0] == bindparam(_GET_PK))
    return statement, tuple(names)


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
