"""Storage backends: ``backends.obstore.ObstoreBackend``, ``backends.fsspec.FSSpecBackend``, ``backends.memory``.

The obstore and fsspec modules import their library only when a backend first touches its store.
"""

from __future__ import annotations

from sqlalchemist_storage._backend import ObjectInfo, StorageBackend
from sqlalchemist_storage._memory import MemoryBackend

__all__ = ("MemoryBackend", "ObjectInfo", "StorageBackend")
