"""An in-process backend for tests and examples: objects live in a dict and vanish with the process."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemist_storage._backend import ObjectInfo, StorageBackend

__all__ = ("MemoryBackend",)


class MemoryBackend(StorageBackend):
    """Keep objects in memory; each instance has its own store.

    Example: ``storages.register_backend(MemoryBackend(key="memory"))``.
    """

    driver = "memory"

    def __init__(self, key: str = "memory", *, base_url: str | None = None) -> None:
        """Create an empty store named ``key``."""
        super().__init__(key, base_url=base_url)
        self._objects: dict[str, tuple[bytes, ObjectInfo, str | None]] = {}

    def put(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Store a copy of ``data`` at ``path``."""
        content = data.read_bytes() if isinstance(data, Path) else bytes(data)
        info = ObjectInfo(
            size=len(content),
            etag=hashlib.md5(content, usedforsecurity=False).hexdigest(),
            last_modified=datetime.now(timezone.utc),
        )
        self._objects[path] = (content, info, content_type)
        return info

    def get(self, path: str) -> bytes:
        """Return the bytes at ``path``."""
        try:
            return self._objects[path][0]
        except KeyError:
            msg = f"memory backend {self.key!r} has no object at {path!r}"
            raise FileNotFoundError(msg) from None

    def delete(self, path: str) -> None:
        """Forget the object at ``path``."""
        self._objects.pop(path, None)

    def exists(self, path: str) -> bool:
        """Return whether ``path`` holds an object."""
        return path in self._objects

    def list_paths(self, prefix: str = "") -> list[str]:
        """Return the sorted stored paths starting with ``prefix``."""
        return sorted(p for p in self._objects if p.startswith(prefix))

    async def put_async(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Async :meth:`put` (no thread needed)."""
        return self.put(path, data, content_type=content_type)

    async def get_async(self, path: str) -> bytes:
        """Async :meth:`get`."""
        return self.get(path)

    async def delete_async(self, path: str) -> None:
        """Async :meth:`delete`."""
        self.delete(path)

    async def exists_async(self, path: str) -> bool:
        """Async :meth:`exists`."""
        return self.exists(path)

    async def list_paths_async(self, prefix: str = "") -> list[str]:
        """Async :meth:`list_paths`."""
        return self.list_paths(prefix)
