"""Declarative bases, the shared ORM registry and per-bind-key metadata.

Example: ``class AuthorModel(UUIDBase): name: Mapped[str]`` maps table ``author_model`` with a UUID ``id``.
"""

from __future__ import annotations

from sqlalchemist.base._bases import (
    BigIntAuditBase,
    BigIntBase,
    DefaultBase,
    IdentityAuditBase,
    IdentityBase,
    NanoIDAuditBase,
    NanoIDBase,
    UUIDAuditBase,
    UUIDBase,
    UUIDv6AuditBase,
    UUIDv6Base,
    UUIDv7AuditBase,
    UUIDv7Base,
)
from sqlalchemist.base._declarative import (
    AdvancedDeclarativeBase,
    BasicAttributes,
    CommonTableAttributes,
    ModelProtocol,
)
from sqlalchemist.base._registry import (
    MetaDataRegistry,
    convention,
    create_registry,
    default_type_annotation_map,
    metadata_registry,
    orm_registry,
)
from sqlalchemist.base._table_args import TableArgsType, merge_table_arguments

__all__ = (
    "AdvancedDeclarativeBase",
    "BasicAttributes",
    "BigIntAuditBase",
    "BigIntBase",
    "CommonTableAttributes",
    "DefaultBase",
    "IdentityAuditBase",
    "IdentityBase",
    "MetaDataRegistry",
    "ModelProtocol",
    "NanoIDAuditBase",
    "NanoIDBase",
    "TableArgsType",
    "UUIDAuditBase",
    "UUIDBase",
    "UUIDv6AuditBase",
    "UUIDv6Base",
    "UUIDv7AuditBase",
    "UUIDv7Base",
    "convention",
    "create_registry",
    "default_type_annotation_map",
    "merge_table_arguments",
    "metadata_registry",
    "orm_registry",
)
