"""Column mixins for declarative models: primary keys, audit timestamps, slugs and get-or-create.

Example: ``class Tag(UUIDPrimaryKey, SlugKey, UniqueMixin, MyBase): ...``.
"""

from __future__ import annotations

from sqlalchemist.mixins._audit import AuditColumns
from sqlalchemist.mixins._primary_keys import (
    BigIntPrimaryKey,
    IdentityPrimaryKey,
    NanoIDPrimaryKey,
    SentinelMixin,
    UUIDPrimaryKey,
    UUIDv6PrimaryKey,
    UUIDv7PrimaryKey,
)
from sqlalchemist.mixins._slug import SlugKey
from sqlalchemist.mixins._unique import UniqueMixin

__all__ = (
    "AuditColumns",
    "BigIntPrimaryKey",
    "IdentityPrimaryKey",
    "NanoIDPrimaryKey",
    "SentinelMixin",
    "SlugKey",
    "UUIDPrimaryKey",
    "UUIDv6PrimaryKey",
    "UUIDv7PrimaryKey",
    "UniqueMixin",
)
