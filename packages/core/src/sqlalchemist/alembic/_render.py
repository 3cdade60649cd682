"""Autogenerate hook that renders sqlalchemist column types so generated revisions import and run."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy.dialects import registry
from sqlalchemy.types import TypeDecorator, TypeEngine

from sqlalchemist import types as sa_types

if TYPE_CHECKING:
    from alembic.autogenerate.api import AutogenContext
    from sqlalchemy.engine import Dialect

__all__ = ("TYPES_MODULE", "render_item")

TYPES_MODULE = "sqlalchemist.types"
"""The module revisions import (``import sqlalchemist.types``) to reach our column types."""

_BY_CONSTRUCTOR = (sa_types.GUID, sa_types.DateTimeUTC, sa_types.ORA_JSONB)
_VARIANTS: dict[str, TypeEngine[Any]] = {"JsonB": sa_types.JsonB, "BigIntIdentity": sa_types.BigIntIdentity}


def _variant_shape(type_: TypeEngine[Any]) -> tuple[type, dict[str, type]] | None:
    mapping = getattr(type_, "_variant_mapping", None)
    if not mapping:
        return None
    return type(type_), {dialect: type(variant) for dialect, variant in mapping.items()}


def _named_variant(type_: TypeEngine[Any]) -> str | None:
    """The public name of ``type_`` when it is one of our variant types (``JsonB``, ``BigIntIdentity``)."""
    shape = _variant_shape(type_)
    if shape is None:
        return None
    for name, known in _VARIANTS.items():
        if shape == _variant_shape(known):
            return name
    return None


_PORTABLE_DIALECTS = ("mariadb", "mssql", "mysql", "oracle", "postgresql", "sqlite")
_dialects: dict[str, Dialect] = {}


def _dialect(name: str) -> Dialect:
    if name not in _dialects:
        _dialects[name] = registry.load(name)()
    return _dialects[name]


def _storage_type(type_: TypeDecorator[Any]) -> TypeEngine[Any]:
    """The column type ``type_`` stores into, with a variant for each dialect where that type differs."""
    base = type_.impl_instance
    storage = base
    for name in _PORTABLE_DIALECTS:
        try:
            impl = type_.load_dialect_impl(_dialect(name))
        except Exception:
            continue
        if type(impl) is not type(base) or repr(impl) != repr(base):
            storage = storage.with_variant(impl, name)
    return storage


def _render_storage_type(type_: TypeDecorator[Any], autogen_context: AutogenContext) -> str:
    """Render the column type a decorator stores into, for types whose arguments must not appear in a revision."""
    from alembic.autogenerate.render import _repr_type

    return _repr_type(_storage_type(type_), autogen_context)


def _ours(expression: str, autogen_context: AutogenContext) -> str:
    if autogen_context.imports is not None:
        autogen_context.imports.add(f"import {TYPES_MODULE}")
    return f"{TYPES_MODULE}.{expression}"


def render_item(type_: str, obj: Any, autogen_context: AutogenContext) -> str | Literal[False]:
    """Render sqlalchemist types for autogenerate; ``False`` leaves everything else to alembic.

    ``GUID``, ``DateTimeUTC``, ``JsonB`` and ``BigIntIdentity`` render as ``sqlalchemist.types.<Name>``; types that
    carry secrets or objects (``EncryptedString``, ``PasswordHash``, storage types) render as the column they store in.
    """
    if type_ != "type" or not isinstance(obj, TypeEngine):
        return False
    if isinstance(obj, _BY_CONSTRUCTOR):
        return _ours(repr(obj), autogen_context)
    variant = _named_variant(obj)
    if variant is not None:
        return _ours(variant, autogen_context)
    if isinstance(obj, TypeDecorator) and type(obj).__module__.startswith("sqlalchemist"):
        return _render_storage_type(obj, autogen_context)
    return False
