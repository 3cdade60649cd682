"""An integer identity type that is ``BIGINT`` everywhere except SQLite, where autoincrement needs ``INTEGER``."""

from __future__ import annotations

from sqlalchemy.types import BigInteger, Integer

__all__ = ("BigIntIdentity",)

BigIntIdentity = BigInteger().with_variant(Integer(), "sqlite")
"""``BIGINT`` primary keys that still autoincrement on SQLite (which only does so for ``INTEGER PRIMARY KEY``)."""
