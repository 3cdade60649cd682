"""Support for ``MappedAsDataclass`` models on sqlalchemist's bases, whichever side of the base it is listed on.

Listed after the base, SQLAlchemy would apply its options only after mapping; and it refuses columns inherited from
non-dataclass mixins. So before mapping, the model gets the dataclass options and its own copy of each mixin column.
"""

from __future__ import annotations

import inspect
import typing
from typing import Any

from sqlalchemy.orm import MappedAsDataclass, declared_attr
from sqlalchemy.sql.base import _NoArg

from sqlalchemist.mixins._columns import DATACLASS_COLUMN_MARK

__all__ = ("prepare_late_dataclass",)

_DATACLASS_OPTIONS = ("init", "repr", "eq", "order", "unsafe_hash", "match_args", "kw_only", "dataclass_callable")


def _mixin_columns(cls: type[Any]) -> dict[str, declared_attr[Any]]:
    """Collect the marked columns ``cls`` inherits from non-dataclass mixins listed before any mapped superclass."""
    found: dict[str, declared_attr[Any]] = {}
    for base in cls.__mro__[1:]:
        namespace = vars(base)
        if "__mapper__" in namespace:
            break
        if "__dataclass_fields__" in namespace:
            continue
        for name, value in namespace.items():
            marked = isinstance(value, declared_attr) and getattr(value.fget, DATACLASS_COLUMN_MARK, False)
            if marked and name not in found and name not in vars(cls):
                found[name] = value
    return found


def prepare_late_dataclass(cls: type[Any], options: dict[str, Any]) -> None:
    """Turn on dataclass mapping for ``cls`` now and give it its own copy of inherited mixin columns."""
    if not issubclass(cls, MappedAsDataclass):
        return
    if getattr(cls, "_sa_apply_dc_transforms", None) is None:
        transforms = {name: options.get(name, _NoArg.NO_ARG) for name in _DATACLASS_OPTIONS}
        type.__setattr__(cls, "_sa_apply_dc_transforms", transforms)
    annotations = dict(inspect.get_annotations(cls))
    for name, attribute in _mixin_columns(cls).items():
        annotations[name] = typing.get_type_hints(attribute.fget)["return"]
        type.__setattr__(cls, name, attribute.fget(cls))
    type.__setattr__(cls, "__annotations__", annotations)
