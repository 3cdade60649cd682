"""The clock the audit columns read; a module of its own so the repository can recognise it without importing the
mixins (whose import registers the audit flush listener)."""

from __future__ import annotations

import datetime

__all__ = ("utcnow",)


def utcnow() -> datetime.datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.datetime.now(datetime.timezone.utc)
