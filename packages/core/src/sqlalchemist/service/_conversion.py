"""Conversions between models, plain data and schema types (pydantic, msgspec, attrs, dataclasses).

The serialization libraries are imported only when a value or type of theirs is met.
"""

from __future__ import annotations

import dataclasses
import importlib
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import InstanceState

from sqlalchemist.exceptions import MissingDependencyError, SerializationError
from sqlalchemist.service._typing import (
    ModelDictT,
    ModelT,
    is_attrs_instance,
    is_dataclass_instance,
    is_msgspec_struct,
    is_pydantic_model,
    is_unset,
)
from sqlalchemist.service.pagination import OffsetPagination

if TYPE_CHECKING:
    from types import ModuleType

__all__ = ("import_optional", "is_mapped_instance", "schema_dump", "to_schema")

SchemaT = TypeVar("SchemaT")
ItemT = TypeVar("ItemT")

_PACKAGES = {"pydantic": "pydantic", "msgspec": "msgspec", "attr": "attrs"}


def import_optional(module: str, *, feature: str) -> ModuleType:
    """Import ``module`` or raise MissingDependencyError naming the package to install for ``feature``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise MissingDependencyError(_PACKAGES.get(module, module), feature=feature) from exc


def is_mapped_instance(obj: Any) -> bool:
    """Return True when ``obj`` is an instance of a SQLAlchemy mapped class."""
    return isinstance(sa_inspect(obj, raiseerr=False), InstanceState)


def _set_fields(names: Sequence[str], obj: Any, *, exclude_unset: bool) -> dict[str, Any]:
    values = {name: getattr(obj, name) for name in names}
    return {k: v for k, v in values.items() if not is_unset(v)} if exclude_unset else values


def schema_dump(data: ModelDictT[ModelT], *, exclude_unset: bool = True) -> dict[str, Any] | ModelT:
    """Return ``data`` as a dict of its set fields, or unchanged when it is a model instance or a dict.

    Pydantic models dump their set fields, msgspec Structs the fields not ``UNSET``, attrs instances and
    dataclasses their fields (shallow, without ``UNSET``/``NOTHING`` values when ``exclude_unset``).
    """
    if isinstance(data, dict):
        return data
    if is_pydantic_model(data):
        return data.model_dump(exclude_unset=exclude_unset)
    if is_msgspec_struct(data):
        return _set_fields(data.__struct_fields__, data, exclude_unset=exclude_unset)
    if is_mapped_instance(data):
        return data  # type: ignore[return-value]
    if is_attrs_instance(data):
        names = tuple(field.name for field in type(data).__attrs_attrs__)
        return _set_fields(names, data, exclude_unset=exclude_unset)
    if is_dataclass_instance(data):
        return _set_fields(tuple(f.name for f in dataclasses.fields(data)), data, exclude_unset=exclude_unset)
    return data  # type: ignore[return-value]


def _is_subclass_of_loaded(schema_type: Any, module: str, name: str) -> bool:
    found = sys.modules.get(module)
    base = None if found is None else getattr(found, name, None)
    return base is not None and isinstance(schema_type, type) and issubclass(schema_type, base)


_LIST_ADAPTERS: dict[type[Any], Any] = {}


def _pydantic_list_adapter(schema_type: type[Any]) -> Any:
    """Return the cached pydantic TypeAdapter for ``list[schema_type]``."""
    adapter = _LIST_ADAPTERS.get(schema_type)
    if adapter is None:
        pydantic = import_optional("pydantic", feature="to_schema into a pydantic model")
        adapter = _LIST_ADAPTERS[schema_type] = pydantic.TypeAdapter(list[schema_type])  # type: ignore[valid-type]
    return adapter


def _field_source(obj: Any, name: str, default: Any) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def _to_attrs(obj: Any, schema_type: type[SchemaT]) -> SchemaT:
    missing = object()
    kwargs: dict[str, Any] = {}
    for field in schema_type.__attrs_attrs__:  # type: ignore[attr-defined]
        if not field.init:
            continue
        value = _field_source(obj, field.name, missing)
        if value is not missing:
            kwargs[getattr(field, "alias", None) or field.name.lstrip("_")] = value
    return schema_type(**kwargs)


def _to_dataclass(obj: Any, schema_type: type[SchemaT]) -> SchemaT:
    missing = object()
    kwargs: dict[str, Any] = {}
    for field in dataclasses.fields(schema_type):  # type: ignore[arg-type]
        if field.init:
            value = _field_source(obj, field.name, missing)
            if value is not missing:
                kwargs[field.name] = value
    return schema_type(**kwargs)


def _convert_one(obj: Any, schema_type: type[SchemaT]) -> SchemaT:
    if _is_subclass_of_loaded(schema_type, "pydantic", "BaseModel"):
        return schema_type.model_validate(obj, from_attributes=True)  # type: ignore[attr-defined,no-any-return]
    if _is_subclass_of_loaded(schema_type, "msgspec", "Struct"):
        msgspec = import_optional("msgspec", feature="to_schema into a msgspec Struct")
        return msgspec.convert(obj, type=schema_type, from_attributes=True)  # type: ignore[no-any-return]
    if hasattr(schema_type, "__attrs_attrs__"):
        return _to_attrs(obj, schema_type)
    if dataclasses.is_dataclass(schema_type):
        return _to_dataclass(obj, schema_type)
    msg = (
        f"to_schema: schema_type must be a pydantic model, msgspec Struct, attrs class or dataclass; "
        f"got {schema_type!r}"
    )
    raise SerializationError(msg)


def _convert_many(items: Sequence[Any], schema_type: type[SchemaT]) -> list[SchemaT]:
    if _is_subclass_of_loaded(schema_type, "pydantic", "BaseModel"):
        adapter = _pydantic_list_adapter(schema_type)
        converted: list[SchemaT] = adapter.validate_python(items, from_attributes=True)
        return converted
    if _is_subclass_of_loaded(schema_type, "msgspec", "Struct"):
        msgspec = import_optional("msgspec", feature="to_schema into a msgspec Struct")
        return msgspec.convert(items, type=list[schema_type], from_attributes=True)  # type: ignore[no-any-return,valid-type]
    return [_convert_one(item, schema_type) for item in items]


def _page_bounds(filters: Sequence[Any] | None, count: int) -> tuple[int, int]:
    from sqlalchemist.filters import LimitOffset

    for item in filters or ():
        if isinstance(item, LimitOffset):
            return item.limit, item.offset
    return count, 0


@overload
def to_schema(
    data: Sequence[ItemT],
    total: int | None = None,
    filters: Sequence[Any] | None = None,
    *,
    schema_type: type[SchemaT],
) -> OffsetPagination[SchemaT]: ...
@overload
def to_schema(
    data: Sequence[ItemT], total: int | None = None, filters: Sequence[Any] | None = None, *, schema_type: None = None
) -> OffsetPagination[ItemT]: ...
@overload
def to_schema(
    data: ItemT, total: int | None = None, filters: Sequence[Any] | None = None, *, schema_type: type[SchemaT]
) -> SchemaT: ...
@overload
def to_schema(
    data: ItemT, total: int | None = None, filters: Sequence[Any] | None = None, *, schema_type: None = None
) -> ItemT: ...
def to_schema(
    data: Any, total: int | None = None, filters: Sequence[Any] | None = None, *, schema_type: type[Any] | None = None
) -> Any:
    """Convert one model into ``schema_type``, or a sequence of models into an OffsetPagination of them.

    A page's ``total`` defaults to the number of items; its limit and offset come from the ``LimitOffset`` in
    ``filters`` (else ``limit=len(items)``, ``offset=0``). Example:
    ``to_schema(rows, total, filters=filters, schema_type=Author)`` → ``OffsetPagination[Author]``.
    """
    if not isinstance(data, Sequence) or isinstance(data, (str, bytes)):
        return data if schema_type is None else _convert_one(data, schema_type)
    items = data if schema_type is None else _convert_many(data, schema_type)
    limit, offset = _page_bounds(filters, len(items))
    return OffsetPagination(items=items, limit=limit, offset=offset, total=len(items) if total is None else total)
