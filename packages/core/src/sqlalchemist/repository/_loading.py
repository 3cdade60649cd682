"""Turn a ``load=`` specification into SQLAlchemy loader options, without I/O."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import InstrumentedAttribute, RelationshipProperty, joinedload, lazyload, selectinload
from sqlalchemy.sql.base import ExecutableOption

from sqlalchemist.exceptions import ImproperConfigurationError

if TYPE_CHECKING:
    from sqlalchemy.orm import Mapper

    from sqlalchemist.repository._typing import LoadSpec

__all__ = ("loader_options",)


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
    msg = f"load= expects relationships, relationship names, loader options or '*'; got {item!r}"
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
