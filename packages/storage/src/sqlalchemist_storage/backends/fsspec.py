"""Storage backend over fsspec: ``pip install "sqlalchemist-storage[fsspec]"``."""

from __future__ import annotations

from sqlalchemist_storage.backends._fsspec import FSSpecBackend

__all__ = ("FSSpecBackend",)
