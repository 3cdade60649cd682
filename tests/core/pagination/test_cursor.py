"""Cursor tokens: every supported key type round-trips; unsupported ones are clear errors."""

from __future__ import annotations

import datetime
import decimal
import enum
import uuid
from typing import Any

import pytest

from sqlalchemist.exceptions import FilterError
from sqlalchemist.pagination._cursor import decode_cursor, encode_cursor


class Colour(enum.Enum):
    RED = "r"


VALUES: list[Any] = [
    None,
    True,
    7,
    -2.5,
    "naïve/?&=+ text",
    uuid.UUID(int=99),
    datetime.datetime(2024, 2, 3, 4, 5, 6, 789, tzinfo=datetime.timezone.utc),
    datetime.datetime(2024, 2, 3, 4, 5, 6),
    datetime.date(2024, 2, 3),
    datetime.time(4, 5, 6),
    decimal.Decimal("12.3400"),
    b"\x00\xffbytes",
]


def test_values_round_trip_and_the_token_is_url_safe() -> None:
    token = encode_cursor("prev", VALUES, fingerprint="f", secret=b"k")
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.")
    direction, values = decode_cursor(token, key_count=len(VALUES), fingerprint="f", secret=b"k")
    assert direction == "prev"
    assert values == tuple(VALUES)
    assert [type(v) for v in values] == [type(v) for v in VALUES]


def test_enum_members_travel_by_name() -> None:
    token = encode_cursor("next", [Colour.RED], fingerprint="f", secret=None)
    assert decode_cursor(token, key_count=1, fingerprint="f", secret=None) == ("next", ("RED",))


def test_unsupported_values_are_clear_errors() -> None:
    with pytest.raises(FilterError) as info:
        encode_cursor("next", [object], fingerprint="f", secret=None)
    assert str(info.value) == "cannot store a value of type type (<class 'object'>) in a pagination cursor"
