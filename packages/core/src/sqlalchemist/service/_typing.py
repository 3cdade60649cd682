"""Type guards for the input types a service accepts, detecting serialization libraries lazily.

A guard imports nothing: it looks the library up in ``sys.modules``, and an object cannot be an instance of a
library that was never imported, so ``import sqlalchemist.service`` loads no pydantic, msgspec or attrs.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeAlias, TypeGuard, TypeVar, Union

if TYPE_CHECKING:
    from _typeshed import DataclassInstance
    from attrs import AttrsInstance
    from msgspec import Struct
    from pydantic import BaseModel

__all__ = (
    "ModelDictListT",
    "ModelDictT",
    "ModelT",
    "SupportedSchemaModel",
    "is_attrs_instance",
    "is_attrs_instance_with_field",
    "is_attrs_instance_without_field",
    "is_dataclass_instance",
    "is_dataclass_instance_with_field",
    "is_dataclass_instance_without_field",
    "is_dict",
    "is_dict_with_field",
    "is_dict_without_field",
    "is_msgspec_struct",
    "is_msgspec_struct_with_field",
    "is_msgspec_struct_without_field",
    "is_pydantic_model",
    "is_pydantic_model_with_field",
    "is_pydantic_model_without_field",
    "is_unset",
)

ModelT = TypeVar("ModelT")

SupportedSchemaModel: TypeAlias = Union["BaseModel", "Struct", "AttrsInstance", "DataclassInstance"]
"""An instance of a pydantic model, a msgspec Struct, an attrs class or a dataclass."""

ModelDictT: TypeAlias = dict[str, Any] | ModelT | SupportedSchemaModel
"""One input a service turns into a model: the model itself, a dict or a schema instance."""

ModelDictListT: TypeAlias = Sequence[dict[str, Any] | ModelT | SupportedSchemaModel]
"""Several inputs a service turns into models."""


def _loaded_attr(module: str, name: str) -> Any:
    """Return ``module.name`` when ``module`` is already imported, else None; never imports."""
    found = sys.modules.get(module)
    return None if found is None else getattr(found, name, None)


def is_unset(value: Any) -> bool:
    """Return True for the "no value given" sentinels of msgspec (``UNSET``) and attrs (``NOTHING``)."""
    for module, name in (("msgspec", "UNSET"), ("attr", "NOTHING")):
        sentinel = _loaded_attr(module, name)
        if sentinel is not None and value is sentinel:
            return True
    return False


def is_dict(obj: Any) -> TypeGuard[dict[str, Any]]:
    """Return True when ``obj`` is a dict."""
    return isinstance(obj, dict)


def is_dict_with_field(obj: Any, field_name: str) -> TypeGuard[dict[str, Any]]:
    """Return True when ``obj`` is a dict holding the key ``field_name``."""
    return isinstance(obj, dict) and field_name in obj


def is_dict_without_field(obj: Any, field_name: str) -> TypeGuard[dict[str, Any]]:
    """Return True when ``obj`` is a dict without the key ``field_name``."""
    return isinstance(obj, dict) and field_name not in obj


def is_pydantic_model(obj: Any) -> TypeGuard[BaseModel]:
    """Return True when ``obj`` is a pydantic model instance."""
    base = _loaded_attr("pydantic", "BaseModel")
    return base is not None and isinstance(obj, base)


def is_pydantic_model_with_field(obj: Any, field_name: str) -> TypeGuard[BaseModel]:
    """Return True when ``obj`` is a pydantic model instance whose model declares ``field_name``."""
    return is_pydantic_model(obj) and field_name in type(obj).model_fields


def is_pydantic_model_without_field(obj: Any, field_name: str) -> TypeGuard[BaseModel]:
    """Return True when ``obj`` is a pydantic model instance whose model does not declare ``field_name``."""
    return is_pydantic_model(obj) and field_name not in type(obj).model_fields


def is_msgspec_struct(obj: Any) -> TypeGuard[Struct]:
    """Return True when ``obj`` is a msgspec Struct instance."""
    base = _loaded_attr("msgspec", "Struct")
    return base is not None and isinstance(obj, base)


def is_msgspec_struct_with_field(obj: Any, field_name: str) -> TypeGuard[Struct]:
    """Return True when ``obj`` is a msgspec Struct instance declaring ``field_name``."""
    return is_msgspec_struct(obj) and field_name in obj.__struct_fields__


def is_msgspec_struct_without_field(obj: Any, field_name: str) -> TypeGuard[Struct]:
    """Return True when ``obj`` is a msgspec Struct instance not declaring ``field_name``."""
    return is_msgspec_struct(obj) and field_name not in obj.__struct_fields__


def _attrs_field_names(cls: type[Any]) -> tuple[str, ...] | None:
    fields = getattr(cls, "__attrs_attrs__", None)
    return None if fields is None else tuple(field.name for field in fields)


def is_attrs_instance(obj: Any) -> TypeGuard[AttrsInstance]:
    """Return True when ``obj`` is an instance of an attrs class."""
    return not isinstance(obj, type) and _attrs_field_names(type(obj)) is not None


def is_attrs_instance_with_field(obj: Any, field_name: str) -> TypeGuard[AttrsInstance]:
    """Return True when ``obj`` is an attrs instance whose class declares ``field_name``."""
    names = None if isinstance(obj, type) else _attrs_field_names(type(obj))
    return names is not None and field_name in names


def is_attrs_instance_without_field(obj: Any, field_name: str) -> TypeGuard[AttrsInstance]:
    """Return True when ``obj`` is an attrs instance whose class does not declare ``field_name``."""
    names = None if isinstance(obj, type) else _attrs_field_names(type(obj))
    return names is not None and field_name not in names


def is_dataclass_instance(obj: Any) -> TypeGuard[DataclassInstance]:
    """Return True when ``obj`` is a dataclass instance (not a dataclass type)."""
    return not isinstance(obj, type) and dataclasses.is_dataclass(obj)


def is_dataclass_instance_with_field(obj: Any, field_name: str) -> TypeGuard[DataclassInstance]:
    """Return True when ``obj`` is a dataclass instance declaring ``field_name``."""
    return is_dataclass_instance(obj) and field_name in obj.__dataclass_fields__


def is_dataclass_instance_without_field(obj: Any, field_name: str) -> TypeGuard[DataclassInstance]:
    """Return True when ``obj`` is a dataclass instance not declaring ``field_name``."""
    return is_dataclass_instance(obj) and field_name not in obj.__dataclass_fields__
