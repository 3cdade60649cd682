"""FileObject: a file's metadata plus, until it is saved, its content."""

from __future__ import annotations

import asyncio
import hashlib
import mimetypes
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemist_storage._backend import ObjectInfo, StorageBackend
from sqlalchemist_storage._errors import StorageOperationError
from sqlalchemist_storage._paths import safe_path
from sqlalchemist_storage._registry import storages

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = ("FileObject",)

DEFAULT_CONTENT_TYPE = "application/octet-stream"
_CHUNK = 1024 * 1024


def _checksum_of(data: bytes | Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    if isinstance(data, Path):
        with data.open("rb") as handle:
            while chunk := handle.read(_CHUNK):
                digest.update(chunk)
    else:
        digest.update(data)
    return digest.hexdigest()


def _parse_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    if isinstance(value, (int, float)):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    return datetime.fromisoformat(str(value))


class FileObject:
    """A file kept in a storage backend; its metadata goes in a ``StoredObject`` column, its bytes in the backend.

    Example: ``FileObject(backend="local", filename="report.pdf", content=b"%PDF...")`` is saved when its row
    commits; without ``path`` new content gets a unique path ``<hex>/report.pdf`` so uploads never collide.
    """

    def __init__(
        self,
        backend: str | StorageBackend,
        filename: str,
        *,
        path: str | None = None,
        content_type: str | None = None,
        content: bytes | bytearray | memoryview | None = None,
        source_path: str | Path | None = None,
        metadata: Mapping[str, Any] | None = None,
        size: int | None = None,
        checksum: str | None = None,
        etag: str | None = None,
        last_modified: datetime | None = None,
        version: str | None = None,
    ) -> None:
        """Describe a file; give ``content`` or ``source_path`` for a new one, neither for an existing object."""
        if content is not None and source_path is not None:
            msg = f"FileObject {filename!r}: give content or source_path, not both"
            raise ValueError(msg)
        if isinstance(backend, StorageBackend):
            self._backend: StorageBackend | None = backend
            self.backend_key = backend.key
        elif isinstance(backend, str) and backend:
            self._backend = None
            self.backend_key = backend
        else:
            msg = f"FileObject {filename!r}: backend must be a backend key or a StorageBackend, got {backend!r}"
            raise TypeError(msg)
        self.filename = safe_path(filename, what="filename")
        self._content: bytes | None = bytes(content) if content is not None else None
        self._source_path = Path(source_path) if source_path is not None else None
        if path is None:
            is_new = self._content is not None or self._source_path is not None
            path = f"{uuid.uuid4().hex}/{self.filename}" if is_new else self.filename
        self.path = safe_path(path)
        guessed = mimetypes.guess_type(self.filename, strict=False)[0]
        self.content_type: str = content_type or guessed or DEFAULT_CONTENT_TYPE
        self.metadata: dict[str, Any] = dict(metadata or {})
        self._size = size
        self.checksum = checksum
        self.etag = etag
        self.last_modified = last_modified
        self.version = version
        self._saved = self._content is None and self._source_path is None

    # -- state ---------------------------------------------------------------------------------------------------

    @property
    def backend(self) -> StorageBackend:
        """The backend this file lives in, looked up in ``storages`` when given by key."""
        return self._backend if self._backend is not None else storages.get_backend(self.backend_key)

    @property
    def has_pending_content(self) -> bool:
        """Whether content was given that is not yet in the backend."""
        return not self._saved

    @property
    def size(self) -> int | None:
        """Size in bytes: of the stored object, or of the pending content."""
        if self._size is None and self._content is not None:
            return len(self._content)
        if self._size is None and self._source_path is not None:
            return self._source_path.stat().st_size
        return self._size

    @property
    def source_path(self) -> Path | None:
        """The local file whose bytes are saved, if one was given."""
        return self._source_path

    def _payload(self) -> bytes | Path:
        if self._content is not None:
            return self._content
        if self._source_path is not None:
            return self._source_path
        msg = f"FileObject {self.path!r} has no content to save; give content=... or source_path=..."
        raise StorageOperationError(msg, paths=(self.path,))

    def _record(self, info: ObjectInfo, checksum: str) -> None:
        self._size = info.size if info.size is not None else self.size
        self.checksum = checksum
        self.etag = info.etag
        self.last_modified = info.last_modified
        self.version = info.version
        self._saved = True

    def _mark_unsaved(self) -> None:
        """Forget that the content was saved (its transaction rolled back), so saving again stores it again."""
        if self._content is not None or self._source_path is not None:
            self._saved = False

    def _release_content(self) -> None:
        """Drop the in-memory content once it is durably stored."""
        if self._saved:
            self._content = None
            self._source_path = None

    def _error(self, action: str, exc: Exception) -> StorageOperationError:
        msg = f"could not {action} {self.path!r} in storage backend {self.backend_key!r}: {type(exc).__name__}: {exc}"
        return StorageOperationError(msg, paths=(self.path,))

    # -- I/O -----------------------------------------------------------------------------------------------------

    def save(self) -> FileObject:
        """Store the pending content in the backend now and return self with size, checksum and etag filled."""
        backend, payload = self.backend, self._payload()
        try:
            info = backend.put(self.path, payload, content_type=self.content_type)
        except Exception as exc:
            raise self._error("save", exc) from exc
        self._record(info, _checksum_of(payload))
        return self

    async def save_async(self) -> FileObject:
        """Async :meth:`save`."""
        backend, payload = self.backend, self._payload()
        try:
            info = await backend.put_async(self.path, payload, content_type=self.content_type)
        except Exception as exc:
            raise self._error("save", exc) from exc
        checksum = (
            await asyncio.to_thread(_checksum_of, payload) if isinstance(payload, Path) else _checksum_of(payload)
        )
        self._record(info, checksum)
        return self

    def get_content(self) -> bytes:
        """Return the file's bytes: the pending content if not yet saved, else read from the backend."""
        if self._content is not None:
            return self._content
        if not self._saved and self._source_path is not None:
            return self._source_path.read_bytes()
        try:
            return self.backend.get(self.path)
        except Exception as exc:
            raise self._error("read", exc) from exc

    async def get_content_async(self) -> bytes:
        """Async :meth:`get_content`."""
        if self._content is not None:
            return self._content
        if not self._saved and self._source_path is not None:
            return await asyncio.to_thread(self._source_path.read_bytes)
        try:
            return await self.backend.get_async(self.path)
        except Exception as exc:
            raise self._error("read", exc) from exc

    def delete(self) -> None:
        """Remove the object from the backend now (a missing object is not an error)."""
        try:
            self.backend.delete(self.path)
        except Exception as exc:
            raise self._error("delete", exc) from exc

    async def delete_async(self) -> None:
        """Async :meth:`delete`."""
        try:
            await self.backend.delete_async(self.path)
        except Exception as exc:
            raise self._error("delete", exc) from exc

    def sign(self, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False) -> str:
        """Return a URL to the object valid for ``expires_in`` seconds; ``for_upload`` gives a URL to PUT to."""
        return self.backend.sign(self.path, expires_in=expires_in, for_upload=for_upload)

    async def sign_async(self, *, expires_in: int | float | timedelta = 3600, for_upload: bool = False) -> str:
        """Async :meth:`sign`."""
        return await self.backend.sign_async(self.path, expires_in=expires_in, for_upload=for_upload)

    # -- serialisation -------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready metadata stored in the row (never the bytes)."""
        return {
            "backend": self.backend_key,
            "filename": self.filename,
            "path": self.path,
            "content_type": self.content_type,
            "size": self.size,
            "checksum": self.checksum,
            "etag": self.etag,
            "last_modified": self.last_modified.isoformat() if self.last_modified else None,
            "version": self.version,
            "metadata": self.metadata,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], *, backend: str | StorageBackend | None = None) -> FileObject:
        """Rebuild a stored FileObject from :meth:`to_dict` output; ``backend`` is used when the data names none."""
        chosen = data.get("backend") or backend
        if chosen is None:
            msg = f"FileObject.from_dict: no backend in {dict(data)!r} and none given"
            raise ValueError(msg)
        return cls(
            chosen,
            data["filename"],
            path=data.get("path") or data["filename"],
            content_type=data.get("content_type"),
            metadata=data.get("metadata"),
            size=data.get("size"),
            checksum=data.get("checksum"),
            etag=data.get("etag"),
            last_modified=_parse_datetime(data.get("last_modified")),
            version=data.get("version"),
        )

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> Any:
        """Let pydantic models hold FileObjects (validated from FileObject or dict, serialised with to_dict)."""
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls._coerce,
            serialization=core_schema.plain_serializer_function_ser_schema(lambda value: value.to_dict()),
        )

    @classmethod
    def _coerce(cls, value: Any) -> FileObject:
        if isinstance(value, FileObject):
            return value
        if isinstance(value, dict):
            return cls.from_dict(value)
        msg = f"expected a FileObject or its dict, got {type(value).__name__}"
        raise ValueError(msg)

    @property
    def identity(self) -> tuple[str, str]:
        """``(backend key, path)``: the object this file refers to."""
        return (self.backend_key, self.path)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, FileObject):
            return NotImplemented
        return self.to_dict() == other.to_dict() and self._saved == other._saved

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        pending = ", pending" if not self._saved else ""
        return f"FileObject(backend={self.backend_key!r}, path={self.path!r}, size={self.size!r}{pending})"
