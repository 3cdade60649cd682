"""JSON encoding of row values for dump-data, and decoding back to column Python types for load-data."""

from __future__ import annotations

import base64
import datetime
import decimal
import enum
import uuid
from typing import TYPE_CHECKING, Any

from sqlalchemist.types._password import HashedPassword, PasswordHash

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Column, Table

__all__ = ("decode_row", "decoders_for", "encode_value")


def encode_value(value: Any) -> Any:
    """Return a JSON-ready form of a value ``json`` cannot encode (dates, UUIDs, decimals, bytes, hashes, files)."""
    if isinstance(value, HashedPassword):
        return value.hash_string
    to_dict = getattr(value, "to_dict", None)
    if callable(to_dict):  # objects stored as their JSON description, such as sqlalchemist_storage.FileObject
        return to_dict()
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    if isinstance(value, (uuid.UUID, decimal.Decimal)):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (set, frozenset)):
        return list(value)
    return str(value)


def _b64(text: str) -> bytes:
    return base64.b64decode(text)


_FROM_TEXT: dict[type, Callable[[str], Any]] = {
    datetime.datetime: datetime.datetime.fromisoformat,
    datetime.date: datetime.date.fromisoformat,
    datetime.time: datetime.time.fromisoformat,
    uuid.UUID: uuid.UUID,
    decimal.Decimal: decimal.Decimal,
    bytes: _b64,
}


def _stored_hash(column_type: PasswordHash) -> Callable[[Any], Any]:
    """Wrap a dumped hash so ``PasswordHash`` stores it as it is instead of hashing it again."""
    return lambda value: HashedPassword(value, column_type.backend) if isinstance(value, str) else value


def _decoder(column: Column[Any]) -> Callable[[Any], Any] | None:
    if isinstance(column.type, PasswordHash):
        return _stored_hash(column.type)
    try:
        python_type = column.type.python_type
    except NotImplementedError:
        return None
    if python_type is datetime.timedelta:
        return lambda value: datetime.timedelta(seconds=value) if isinstance(value, (int, float)) else value
    from_text = _FROM_TEXT.get(python_type)
    if from_text is None:
        return None
    return lambda value: from_text(value) if isinstance(value, str) else value


def decoders_for(table: Table) -> dict[str, Callable[[Any], Any]]:
    """Map column keys of ``table`` to functions turning their JSON form back into Python values."""
    decoders: dict[str, Callable[[Any], Any]] = {}
    for column in table.columns:
        decoder = _decoder(column)
        if decoder is not None:
            decoders[column.key] = decoder
    return decoders


def decode_row(row: dict[str, Any], decoders: dict[str, Callable[[Any], Any]]) -> dict[str, Any]:
    """Return ``row`` with each value converted by its column's decoder."""
    return {key: decoders[key](value) if key in decoders else value for key, value in row.items()}
