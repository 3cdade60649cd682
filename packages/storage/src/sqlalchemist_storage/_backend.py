"""The interface every storage backend implements, with async methods that default to the sync ones in a thread."""

from __future__ import annotations

import asyncio
from abc import ABC, abstractmethod
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, ClassVar
from urllib.parse import quote

from sqlalchemist_storage._errors import SigningNotSupportedError

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

__all__ = ("ObjectInfo", "StorageBackend", "expires_seconds")


@dataclass(frozen=True)
class ObjectInfo:
    """What a backend reports about an object it stored."""

    size: int | None = None
    etag: str | None = None
    last_modified: datetime | None = None
    version: str | None = None


def expires_seconds(expires_in: int | float | timedelta) -> int:
    """Return ``expires_in`` as a whole number of seconds (at least 1)."""
    seconds = expires_in.total_seconds() if isinstance(expires_in, timedelta) else float(expires_in)
    if seconds <= 0:
        msg = f"expires_in must be positive, got {expires_in!r}"
        raise ValueError(msg)
    return max(1, int(seconds))


class StorageBackend(ABC):
    """A named place where file objects live; register one with ``storages.register_backend(backend)``.

    Subclasses implement the sync methods; the ``*_async`` ones run them in a thread unless overridden.
    """

    driver: ClassVar[str] = "custom"
    """Short name of the implementation (``"obstore"``, ``"fsspec"``, ``"memory"``)."""

    def __init__(self, key: str, *, base_url: str | None = None) -> None:
        """Name the backend ``key``; ``base_url`` lets stores without signing hand out plain URLs."""
        if not isinstance(key, str) or not key:
            msg = f"{type(self).__name__}: key must be a non-empty string, got {key!r}"
            raise ValueError(msg)
        self.key = key
        self.base_url = base_url.rstrip("/") if base_url else None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(key={self.key!r})"

    @abstractmethod
    def put(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Store ``data`` (bytes, or the file at a local path) at ``path``, replacing what was there."""

    @abstractmethod
    def get(self, path: str) -> bytes:
        """Return the bytes stored at ``path``; FileNotFoundError when there are none."""

    @abstractmethod
    def delete(self, path: str) -> None:
        """Remove the object at ``path``; a missing object is not an error."""

    @abstractmethod
    def exists(self, path: str) -> bool:
        """Return whether an object is stored at ``path``."""

    @abstractmethod
    def list_paths(self, prefix: str = "") -> list[str]:
        """Return the sorted paths of every object whose path starts with ``prefix``."""

    def sign(self, path: str, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False) -> str:
        """Return a URL for ``path`` valid for ``expires_in`` seconds (``for_upload``: a URL to PUT to)."""
        expires_seconds(expires_in)
        if self.base_url is not None and not for_upload:
            return f"{self.base_url}/{quote(path)}"
        what = "upload URLs" if for_upload else "signed URLs"
        hint = "" if for_upload else "; give it base_url=... to hand out plain URLs instead"
        msg = f"{type(self).__name__} {self.key!r} cannot create {what} for {path!r}{hint}"
        raise SigningNotSupportedError(msg)

    async def put_async(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Async :meth:`put`."""
        return await asyncio.to_thread(self.put, path, data, content_type=content_type)

    async def get_async(self, path: str) -> bytes:
        """Async :meth:`get`."""
        return await asyncio.to_thread(self.get, path)

    async def delete_async(self, path: str) -> None:
        """Async :meth:`delete`."""
        await asyncio.to_thread(self.delete, path)

    async def exists_async(self, path: str) -> bool:
        """Async :meth:`exists`."""
        return await asyncio.to_thread(self.exists, path)

    async def list_paths_async(self, prefix: str = "") -> list[str]:
        """Async :meth:`list_paths`."""
        return await asyncio.to_thread(self.list_paths, prefix)

    async def sign_async(
        self, path: str, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False
    ) -> str:
        """Async :meth:`sign`."""
        return self.sign(path, expires_in=expires_in, for_upload=for_upload)
