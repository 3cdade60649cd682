"""Merge ``__table_args__`` from mixins and a model, since SQLAlchemy only uses the first one found."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeAlias

from sqlalchemy.orm import declared_attr
from sqlalchemy.orm.decl_api import _declared_attr_common

__all__ = ("TableArgsType", "merge_table_arguments")

TableArgsType: TypeAlias = tuple[Any, ...] | dict[str, Any]
"""What ``__table_args__`` may hold: constraints and indexes, optionally followed by a dict of table options."""


_evaluating: set[int] = set()
"""Ids of ``__table_args__`` functions being evaluated, so one that calls this helper is not re-entered."""


def _split(cls: type[Any], value: Any) -> tuple[list[Any], dict[str, Any]]:
    if isinstance(value, (declared_attr, _declared_attr_common)):
        marker = id(value)
        if marker in _evaluating:
            return [], {}
        _evaluating.add(marker)
        try:
            value = value.fget(cls)
        finally:
            _evaluating.discard(marker)
    if value is None:
        return [], {}
    if isinstance(value, Mapping):
        return [], dict(value)
    if isinstance(value, tuple):
        if value and isinstance(value[-1], Mapping):
            return list(value[:-1]), dict(value[-1])
        return list(value), {}
    msg = f"__table_args__ must be a tuple or a dict, got {type(value).__name__}: {value!r}"
    raise TypeError(msg)


def merge_table_arguments(cls: type[Any], *mixins: type[Any], table_args: TableArgsType | None = None) -> TableArgsType:
    """Combine the ``__table_args__`` of ``cls``'s bases (or of ``mixins`` when given) with ``table_args``.

    Example: ``__table_args__ = declared_attr.directive(lambda cls: merge_table_arguments(cls, table_args={...}))``.
    """
    sources = mixins or cls.__mro__[1:]
    args: list[Any] = []
    options: dict[str, Any] = {}
    for source in sources:
        found_args, found_options = _split(cls, vars(source).get("__table_args__"))
        args.extend(found_args)
        options.update(found_options)
    found_args, found_options = _split(cls, table_args)
    args.extend(found_args)
    options.update(found_options)
    return (*args, options) if options else tuple(args)
