"""FSSpecBackend: any fsspec filesystem (local, memory, s3fs, gcsfs ...), imported when first used."""

from __future__ import annotations

import contextlib
import posixpath
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemist_storage._backend import ObjectInfo, StorageBackend, expires_seconds
from sqlalchemist_storage._deps import require
from sqlalchemist_storage._errors import SigningNotSupportedError

__all__ = ("FSSpecBackend",)


def _modified(info: dict[str, Any]) -> datetime | None:
    for name in ("LastModified", "last_modified", "mtime", "updated", "created"):
        value = info.get(name)
        if isinstance(value, datetime):
            return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
        if isinstance(value, (int, float)):
            return datetime.fromtimestamp(value, tz=timezone.utc)
    return None


class FSSpecBackend(StorageBackend):
    """A backend over an fsspec filesystem, objects kept under ``prefix``.

    Example: ``FSSpecBackend(key="files", fs="file", prefix="/srv/files")`` or ``fs=s3fs.S3FileSystem(...)``.
    """

    driver = "fsspec"

    def __init__(
        self, key: str, fs: str | Any, *, prefix: str = "", base_url: str | None = None, **options: Any
    ) -> None:
        """Remember the filesystem (a protocol name is turned into one on first use) and the root ``prefix``."""
        super().__init__(key, base_url=base_url)
        if not isinstance(fs, str) and options:
            msg = f"FSSpecBackend {key!r}: options {sorted(options)} only apply when fs is a protocol name"
            raise TypeError(msg)
        self.protocol = fs if isinstance(fs, str) else None
        self.options = options
        self._fs: Any = None if isinstance(fs, str) else fs
        self.prefix = prefix.rstrip("/")

    @property
    def fs(self) -> Any:
        """The fsspec filesystem, created from the protocol on first access."""
        if self._fs is None:
            fsspec = require("fsspec", extra="fsspec")
            options = dict(self.options)
            if self.protocol in ("file", "local"):
                options.setdefault("auto_mkdir", True)
            self._fs = fsspec.filesystem(self.protocol, **options)
        return self._fs

    def _full(self, path: str) -> str:
        return f"{self.prefix}/{path}" if self.prefix else path

    def _is_local(self) -> bool:
        protocol = self.fs.protocol
        names = protocol if isinstance(protocol, (tuple, list)) else (protocol,)
        return "file" in names or "local" in names

    def put(self, path: str, data: bytes | Path, *, content_type: str | None = None) -> ObjectInfo:
        """Write ``data`` to ``path`` under the prefix."""
        full = self._full(path)
        if self._is_local():
            self.fs.makedirs(posixpath.dirname(full), exist_ok=True)
        if isinstance(data, Path):
            self.fs.put_file(str(data), full)
        else:
            self.fs.pipe_file(full, data)
        info = self.fs.info(full)
        etag = info.get("ETag") or info.get("etag")
        return ObjectInfo(
            size=int(info.get("size") or 0),
            etag=str(etag).strip('"') if etag else None,
            last_modified=_modified(info) or datetime.now(timezone.utc),
        )

    def get(self, path: str) -> bytes:
        """Read the bytes at ``path``."""
        return bytes(self.fs.cat_file(self._full(path)))

    def delete(self, path: str) -> None:
        """Remove ``path``; a missing object is not an error."""
        with contextlib.suppress(FileNotFoundError):
            self.fs.rm_file(self._full(path))

    def exists(self, path: str) -> bool:
        """Return whether ``path`` holds a file."""
        return bool(self.fs.isfile(self._full(path)))

    def list_paths(self, prefix: str = "") -> list[str]:
        """Return the sorted paths (relative to the backend prefix) starting with ``prefix``."""
        root = self.fs._strip_protocol(self.prefix or "/").rstrip("/")
        if not self.fs.exists(root or "/"):
            return []
        found = self.fs.find(root or "/")
        start = len(root) + 1 if root else 0
        relative = (str(item)[start:] if root else str(item).lstrip("/") for item in found)
        return sorted(p for p in relative if p.startswith(prefix))

    def sign(self, path: str, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False) -> str:
        """Return ``fs.sign(...)`` for ``path``; filesystems without signing get a SigningNotSupportedError."""
        seconds = expires_seconds(expires_in)
        if not for_upload:
            try:
                return str(self.fs.sign(self._full(path), expiration=seconds))
            except NotImplementedError:
                pass
        try:
            return super().sign(path, expires_in=seconds, for_upload=for_upload)
        except SigningNotSupportedError as exc:
            msg = f"{exc} (fsspec {type(self.fs).__name__} does not implement sign)"
            raise SigningNotSupportedError(msg) from None
