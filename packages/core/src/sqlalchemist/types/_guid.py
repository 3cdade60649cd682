"""A UUID column type: native where the database has one, 16 bytes or 32 hex characters elsewhere."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

import uuid_utils
from sqlalchemy.dialects import mssql, oracle, postgresql
from sqlalchemy.types import BINARY, CHAR, TypeDecorator, TypeEngine, Uuid

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy.engine import Dialect

__all__ = ("GUID", "to_uuid")

_POSTGRES_LIKE = frozenset({"postgresql", "cockroachdb", "duckdb"})
_NEVER_NATIVE = frozenset({"sqlite", "mysql", "mariadb", "oracle"})


def to_uuid(value: Any) -> uuid.UUID:
    """Coerce ``value`` (``uuid.UUID``, ``uuid_utils.UUID``, UUID text or 16 bytes) to ``uuid.UUID``."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, uuid_utils.UUID):
        return uuid.UUID(bytes=value.bytes)
    try:
        if isinstance(value, str):
            return uuid.UUID(value)
        if isinstance(value, (bytes, bytearray, memoryview)):
            raw = bytes(value)
            return uuid.UUID(bytes=raw) if len(raw) == 16 else uuid.UUID(raw.decode("ascii"))
    except (ValueError, UnicodeDecodeError):
        msg = f"GUID expected a valid UUID (uuid.UUID, UUID text or 16 bytes), got {value!r}"
        raise ValueError(msg) from None
    msg = f"GUID expected a uuid.UUID, uuid_utils.UUID, str or bytes, got {type(value).__name__}: {value!r}"
    raise TypeError(msg)


class GUID(TypeDecorator[uuid.UUID]):
    """Platform-independent UUID: native ``UUID`` on PostgreSQL, ``BINARY(16)`` (or ``CHAR(32)`` hex) elsewhere.

    Example: ``id: Mapped[uuid.UUID] = mapped_column(GUID, primary_key=True, default=uuid.uuid4)``.
    """

    impl: TypeEngine[Any] | type[TypeEngine[Any]] = BINARY
    cache_ok = True

    def __init__(self, *, binary: bool = True) -> None:
        """Store 16 raw bytes where there is no native UUID type, or 32 hex characters with ``binary=False``."""
        self.binary = binary
        super().__init__(length=16)
        if not binary:
            self.impl = CHAR(32)

    def __repr__(self) -> str:
        """Render as the constructor call, e.g. ``GUID(binary=False)``."""
        return "GUID()" if self.binary else "GUID(binary=False)"

    @property
    def python_type(self) -> type[uuid.UUID]:
        """Values are returned as :class:`uuid.UUID`."""
        return uuid.UUID

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """Pick the column type for the dialect."""
        if dialect.name in _POSTGRES_LIKE:
            return postgresql.UUID(as_uuid=True)
        if dialect.name == "mssql":
            return mssql.UNIQUEIDENTIFIER(as_uuid=True)
        if self._uses_native(dialect):
            return Uuid(as_uuid=True, native_uuid=True)
        if not self.binary:
            return CHAR(32)
        if dialect.name == "oracle":
            return oracle.RAW(16)
        return BINARY(16)

    def _uses_native(self, dialect: Dialect) -> bool:
        """Native on PostgreSQL-like and SQL Server; on other dialects only if they declare a static UUID type."""
        if dialect.name in _POSTGRES_LIKE or dialect.name == "mssql":
            return True
        return dialect.name not in _NEVER_NATIVE and bool(getattr(dialect, "supports_native_uuid", False))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Convert the Python value to what the column stores."""
        return _storer(self._uses_native(dialect), self.binary)(value)

    def bind_processor(self, dialect: Dialect) -> Callable[[Any], Any] | None:
        """Choose the conversion once per dialect (SQLAlchemy caches the processor), not once per value."""
        store = _storer(self._uses_native(dialect), self.binary)
        impl_processor = self.impl_instance.bind_processor(dialect)
        if impl_processor is None:
            return store
        return lambda value: impl_processor(store(value))

    def literal_processor(self, dialect: Dialect) -> Callable[[Any], str] | None:
        """Render UUIDs stored as bytes as hexadecimal literals."""
        if not self.binary or self._uses_native(dialect):
            return super().literal_processor(dialect)

        def process(value: Any) -> str:
            hex_value = to_uuid(value).hex
            return f"HEXTORAW('{hex_value}')" if dialect.name == "oracle" else f"X'{hex_value}'"

        return process

    def result_processor(self, dialect: Dialect, coltype: Any) -> Callable[[Any], Any] | None:
        """Native columns come back as UUIDs from the driver: no per-value Python step (asyncpg's are a C subclass)."""
        if self._uses_native(dialect):
            return self.impl_instance.result_processor(dialect, coltype)
        return super().result_processor(dialect, coltype)

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        """Convert the stored value back to :class:`uuid.UUID`."""
        if value is None:
            return None
        if type(value) is uuid.UUID:
            return value
        if isinstance(value, uuid.UUID):
            return uuid.UUID(int=value.int)
        if isinstance(value, (bytes, bytearray, memoryview)):
            return uuid.UUID(bytes=bytes(value))
        return uuid.UUID(str(value))

    def compare_values(self, x: Any, y: Any) -> bool:
        """Compare as UUIDs so that ``str`` and ``uuid.UUID`` of the same id are equal."""
        if x is None or y is None:
            return x is y
        try:
            return to_uuid(x) == to_uuid(y)
        except (TypeError, ValueError):
            return bool(x == y)


def _store_native(value: Any) -> Any:
    return None if value is None else to_uuid(value)


def _store_bytes(value: Any) -> Any:
    return None if value is None else to_uuid(value).bytes


def _store_hex(value: Any) -> Any:
    return None if value is None else to_uuid(value).hex


def _storer(native: bool, binary: bool) -> Callable[[Any], Any]:
    """Return the function turning a UUID-like value (or None) into what the column stores."""
    if native:
        return _store_native
    return _store_bytes if binary else _store_hex
