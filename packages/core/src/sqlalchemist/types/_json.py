"""JSON column types: ``JSONB`` on PostgreSQL, ``BLOB`` holding JSON on Oracle, ``JSON`` elsewhere."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy.dialects import oracle, postgresql
from sqlalchemy.types import JSON, TypeDecorator, TypeEngine

if TYPE_CHECKING:
    from sqlalchemy.engine import Dialect

__all__ = ("ORA_JSONB", "JsonB")


class ORA_JSONB(TypeDecorator[Any]):  # noqa: N801
    """JSON for Oracle, stored as UTF-8 JSON text in a ``BLOB``; the generic ``JSON`` type on other databases."""

    impl = JSON
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Use ``BLOB`` on Oracle and ``JSON`` elsewhere."""
        if dialect.name == "oracle":
            return oracle.BLOB()
        return JSON()

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Serialize to JSON bytes on Oracle; leave other dialects to their JSON type."""
        if value is None or dialect.name != "oracle":
            return value
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """Deserialize the JSON bytes read from Oracle."""
        if value is None or dialect.name != "oracle":
            return value
        raw = value.read() if hasattr(value, "read") else value
        return json.loads(raw)


JsonB = JSON().with_variant(postgresql.JSONB(), "postgresql").with_variant(ORA_JSONB(), "oracle")
"""JSON column: ``JSONB`` on PostgreSQL, ``BLOB`` with JSON on Oracle, ``JSON`` on SQLite, MySQL and MariaDB."""
