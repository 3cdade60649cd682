"""ObstoreBackend: S3, GCS, Azure, local files and memory through obstore (imported when first used)."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemist_storage._backend import ObjectInfo, StorageBackend, expires_seconds
from sqlalchemist_storage._deps import require
from sqlalchemist_storage._errors import SigningNotSupportedError

__all__ = ("ObstoreBackend",)

_SIGNABLE = ("S3Store", "GCSStore", "AzureStore")


def _quote_free(etag: str | None) -> str | None:
    return etag.strip('"') if etag else etag


class ObstoreBackend(StorageBackend):
    """A backend over an obstore store, given as a URL or as a store instance.

    Example: ``ObstoreBackend(key="local", fs="s3://static-files/", aws_endpoint="http://localhost:9000")``;
    ``fs="file:///srv/files"`` (created if missing) and ``fs="memory://"`` work too. ``options`` go to obstore.
    """

    driver = "obstore"

    def __init__(self, key: str, fs: str | Any, *, base_url: str | None = None, **options: Any) -> None:
        """Remember how to build the store; obstore is imported and the store built on first use."""
        super().__init__(key, base_url=base_url)
        if not isinstance(fs, str) and options:
            msg = f"ObstoreBackend {key!r}: options {sorted(options)} only apply when fs is a URL, not a store"
            raise TypeError(msg)
        self.fs = fs
        self.options = options
        self._store: Any = None if isinstance(fs, str) else fs

    @property
    def store(self) -> Any:
        """The obstore store, built from ``fs`` on first access."""
        if self._store is None:
            self._store = self._build(str(self.fs))
        return self._store

    def _build(self, url: str) -> Any:
        store_module = require("obstore.store", extra="obstore")
        if url.startswith("memory:"):
            return store_module.MemoryStore()
        if url.startswith("file:"):
            return store_module.LocalStore.from_url(url, mkdir=True, **self.options)
        options = dict(self.options)
        endpoint = str(options.get("aws_endpoint") or options.get("endpoint") or "")
        if endpoint.startswith("http://") and "client_options" not in options:
            options["client_options"] = {"allow_http": True}
        return store_module.from_url(url, **options)

    @property
    def _obs(self) -> Any:
        return require("obstore", extra="obstore")

    def _is_local(self) -> bool:
        return type(self.store).__name__ == "LocalStore"

    def _put_args(self, data: bytes | Path, content_type: str | None) -> dict[str, Any]:
        kwargs: dict[str, Any] = {}
        if content_type and not self._is_local():
            kwargs["attributes"] = {"Content-Type": content_type}
        return kwargs

    def put(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Upload ``data`` (a local file is streamed, large ones in parts) to ``path``."""
        size = data.stat().st_size if isinstance(data, Path) else len(data)
        result = self._obs.put(self.store, path, data, **self._put_args(data, content_type))
        return ObjectInfo(
            size=size,
            etag=_quote_free(result.get("e_tag")),
            last_modified=datetime.now(timezone.utc),
            version=result.get("version"),
        )

    async def put_async(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Async :meth:`put` using obstore's native async API."""
        size = (await asyncio.to_thread(data.stat)).st_size if isinstance(data, Path) else len(data)
        result = await self._obs.put_async(self.store, path, data, **self._put_args(data, content_type))
        return ObjectInfo(
            size=size,
            etag=_quote_free(result.get("e_tag")),
            last_modified=datetime.now(timezone.utc),
            version=result.get("version"),
        )

    def get(self, path: str) -> bytes:
        """Download the bytes at ``path``."""
        return bytes(self._obs.get(self.store, path).bytes())

    async def get_async(self, path: str) -> bytes:
        """Async :meth:`get`."""
        result = await self._obs.get_async(self.store, path)
        return bytes(await result.bytes_async())

    def delete(self, path: str) -> None:
        """Delete ``path``; a missing object is not an error."""
        with contextlib.suppress(FileNotFoundError):
            self._obs.delete(self.store, path)

    async def delete_async(self, path: str) -> None:
        """Async :meth:`delete`."""
        with contextlib.suppress(FileNotFoundError):
            await self._obs.delete_async(self.store, path)

    def exists(self, path: str) -> bool:
        """Return whether ``path`` holds an object."""
        try:
            self._obs.head(self.store, path)
        except FileNotFoundError:
            return False
        return True

    async def exists_async(self, path: str) -> bool:
        """Async :meth:`exists`."""
        try:
            await self._obs.head_async(self.store, path)
        except FileNotFoundError:
            return False
        return True

    def list_paths(self, prefix: str = "") -> list[str]:
        """Return the sorted paths under ``prefix``."""
        chunks = self._obs.list(self.store, prefix=prefix or None).collect()
        return sorted(meta["path"] for meta in chunks)

    async def list_paths_async(self, prefix: str = "") -> list[str]:
        """Async :meth:`list_paths`."""
        chunks = await self._obs.list(self.store, prefix=prefix or None).collect_async()
        return sorted(meta["path"] for meta in chunks)

    def _can_sign(self) -> bool:
        return type(self.store).__name__ in _SIGNABLE

    def sign(self, path: str, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False) -> str:
        """Return a presigned GET (or PUT, ``for_upload``) URL; S3, GCS and Azure stores only."""
        if not self._can_sign():
            return self._sign_unsupported(path, expires_in, for_upload)
        method = "PUT" if for_upload else "GET"
        return str(self._obs.sign(self.store, method, path, timedelta(seconds=expires_seconds(expires_in))))

    async def sign_async(
        self, path: str, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False
    ) -> str:
        """Async :meth:`sign`."""
        if not self._can_sign():
            return self._sign_unsupported(path, expires_in, for_upload)
        method = "PUT" if for_upload else "GET"
        delta = timedelta(seconds=expires_seconds(expires_in))
        return str(await self._obs.sign_async(self.store, method, path, delta))

    def _sign_unsupported(self, path: str, expires_in: int | float | timedelta, for_upload: bool) -> str:
        try:
            return super().sign(path, expires_in=expires_in, for_upload=for_upload)
        except SigningNotSupportedError as exc:
            store = type(self.store).__name__
            msg = f"{exc} (obstore {store} cannot sign; S3Store, GCSStore and AzureStore can)"
            raise SigningNotSupportedError(msg) from None
