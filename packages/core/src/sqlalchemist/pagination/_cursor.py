"""Opaque, verified cursor tokens: the key values of one row, a scan direction and a format version.

A token is ``base64url(json payload) "." base64url(mac)``. The MAC is an HMAC-SHA256 over the payload and a
fingerprint of the model and ordering, so a token altered by hand or made for another listing is refused with a
:class:`~sqlalchemist.exceptions.FilterError` before any SQL runs. Without a ``secret`` the MAC is keyed with a
public constant and only detects accidents; pass a secret to make cursors unforgeable.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import decimal
import enum
import hashlib
import hmac
import json
import uuid
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from sqlalchemist.exceptions import FilterError

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ("CURSOR_VERSION", "Direction", "decode_cursor", "encode_cursor")

CURSOR_VERSION = 1
MAX_CURSOR_LENGTH = 4096
_DEFAULT_KEY = b"sqlalchemist.pagination.cursor.v1"
_MAC_BYTES = 16

Direction: TypeAlias = Literal["next", "prev"]
_DIRECTION_CODES: dict[str, Direction] = {"n": "next", "p": "prev"}

_DECODERS: dict[str, Callable[[str], Any]] = {
    "u": uuid.UUID,
    "dt": datetime.datetime.fromisoformat,
    "d": datetime.date.fromisoformat,
    "t": datetime.time.fromisoformat,
    "dec": decimal.Decimal,
    "b": lambda text: base64.urlsafe_b64decode(text.encode("ascii")),
    "e": str,
}


def _encode_value(value: Any) -> Any:
    if value is None or (isinstance(value, (bool, int, float, str)) and not isinstance(value, enum.Enum)):
        return value
    if isinstance(value, uuid.UUID):
        return ["u", value.hex]
    if isinstance(value, datetime.datetime):
        return ["dt", value.isoformat()]
    if isinstance(value, datetime.date):
        return ["d", value.isoformat()]
    if isinstance(value, datetime.time):
        return ["t", value.isoformat()]
    if isinstance(value, decimal.Decimal):
        return ["dec", str(value)]
    if isinstance(value, bytes):
        return ["b", base64.urlsafe_b64encode(value).decode("ascii")]
    if isinstance(value, enum.Enum):
        return ["e", value.name]
    msg = f"cannot store a value of type {type(value).__name__} ({value!r}) in a pagination cursor"
    raise FilterError(msg)


def _decode_value(raw: Any) -> Any:
    if raw is None or isinstance(raw, (bool, int, float, str)):
        return raw
    if isinstance(raw, list) and len(raw) == 2 and raw[0] in _DECODERS and isinstance(raw[1], str):
        return _DECODERS[raw[0]](raw[1])
    msg = f"unexpected value {raw!r}"
    raise ValueError(msg)


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)


def _mac(payload: bytes, fingerprint: str, secret: bytes | None) -> bytes:
    message = fingerprint.encode() + b"\x00" + payload
    return hmac.new(secret or _DEFAULT_KEY, message, hashlib.sha256).digest()[:_MAC_BYTES]


def encode_cursor(direction: Direction, values: Sequence[Any], *, fingerprint: str, secret: bytes | None) -> str:
    """Return the URL-safe token for a position at ``values``, read in ``direction``."""
    body = [CURSOR_VERSION, direction[0], [_encode_value(v) for v in values]]
    payload = json.dumps(body, separators=(",", ":")).encode()
    return f"{_b64encode(payload)}.{_b64encode(_mac(payload, fingerprint, secret))}"


def _invalid(reason: str) -> FilterError:
    return FilterError(f"invalid pagination cursor: {reason}")


def decode_cursor(
    token: str, *, key_count: int, fingerprint: str, secret: bytes | None
) -> tuple[Direction, tuple[Any, ...]]:
    """Verify ``token`` and return its direction and key values; raise FilterError for any bad token."""
    if not isinstance(token, str) or len(token) > MAX_CURSOR_LENGTH or token.count(".") != 1:
        raise _invalid("it is not a cursor issued by this listing")
    encoded_payload, encoded_mac = token.split(".")
    try:
        payload, mac = _b64decode(encoded_payload), _b64decode(encoded_mac)
    except (binascii.Error, ValueError) as exc:
        raise _invalid("it is not valid base64url") from exc
    if not hmac.compare_digest(mac, _mac(payload, fingerprint, secret)):
        raise _invalid("it was altered, or it was made for another model, ordering or secret")
    try:
        version, code, raw_values = json.loads(payload)
    except (ValueError, TypeError) as exc:
        raise _invalid("its payload is malformed") from exc
    if version != CURSOR_VERSION:
        raise _invalid(f"format version {version!r} is not supported (expected {CURSOR_VERSION})")
    if code not in _DIRECTION_CODES or not isinstance(raw_values, list) or len(raw_values) != key_count:
        raise _invalid(f"expected a direction and {key_count} key value(s)")
    try:
        values = tuple(_decode_value(raw) for raw in raw_values)
    except (ValueError, TypeError, decimal.InvalidOperation, binascii.Error) as exc:
        raise _invalid(f"a key value cannot be read ({exc})") from exc
    return _DIRECTION_CODES[code], values
