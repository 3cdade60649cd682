"""Storage backend over obstore: ``pip install "sqlalchemist-storage[obstore]"``."""

from __future__ import annotations

from sqlalchemist_storage.backends._obstore import ObstoreBackend

__all__ = ("ObstoreBackend",)
