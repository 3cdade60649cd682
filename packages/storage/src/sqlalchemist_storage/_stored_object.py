"""StoredObject: a column type keeping FileObject metadata as JSON (JSONB on PostgreSQL), never the bytes."""

from __future__ import annotations

import fnmatch
from typing import TYPE_CHECKING, Any

from sqlalchemy.dialects import postgresql
from sqlalchemy.types import JSON, TypeDecorator, TypeEngine

from sqlalchemist_storage._backend import StorageBackend
from sqlalchemist_storage._errors import ContentTypeNotAllowedError, FileTooLargeError, StorageOperationError
from sqlalchemist_storage._file_list import FileObjectList
from sqlalchemist_storage._file_object import FileObject
from sqlalchemist_storage._registry import storages

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sqlalchemy.engine import Dialect

__all__ = ("StoredObject",)


class StoredObject(TypeDecorator[Any]):
    """Column type for a FileObject (or a FileObjectList with ``multiple=True``) stored in backend ``backend``.

    Example: ``file: Mapped[FileObject] = mapped_column(StoredObject(backend="local", max_size=5_000_000))``.
    ``content_types`` accepts exact types and wildcards such as ``"image/*"``.
    """

    impl = JSON
    cache_ok = True

    def __init__(
        self,
        backend: str | StorageBackend,
        *,
        multiple: bool = False,
        max_size: int | None = None,
        content_types: Iterable[str] | None = None,
    ) -> None:
        """Configure the column; a backend instance is registered in ``storages`` if its key is free."""
        super().__init__()
        if isinstance(backend, StorageBackend):
            if not storages.is_registered(backend.key):
                storages.register_backend(backend)
            backend = backend.key
        if not isinstance(backend, str) or not backend:
            msg = f"StoredObject: backend must be a backend key or a StorageBackend, got {backend!r}"
            raise TypeError(msg)
        if max_size is not None and max_size <= 0:
            msg = f"StoredObject: max_size must be a positive number of bytes, got {max_size!r}"
            raise ValueError(msg)
        self.backend = backend
        self.multiple = multiple
        self.max_size = max_size
        self.content_types = tuple(content_types) if content_types is not None else None

    def __repr__(self) -> str:
        extra = "".join(
            f", {name}={value!r}"
            for name, value in (
                ("multiple", self.multiple),
                ("max_size", self.max_size),
                ("content_types", self.content_types),
            )
            if value not in (None, False)
        )
        return f"StoredObject(backend={self.backend!r}{extra})"

    @property
    def python_type(self) -> type[Any]:
        """FileObjectList for ``multiple=True`` columns, else FileObject."""
        return FileObjectList if self.multiple else FileObject

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """JSONB on PostgreSQL, JSON elsewhere; SQL NULL for None."""
        if dialect.name == "postgresql":
            return dialect.type_descriptor(postgresql.JSONB(none_as_null=True))
        return dialect.type_descriptor(JSON(none_as_null=True))

    # -- validation ----------------------------------------------------------------------------------------------

    def validate(self, file: FileObject, *, column: str = "") -> None:
        """Raise FileTooLargeError / ContentTypeNotAllowedError when ``file`` breaks this column's limits."""
        where = f"column {column}" if column else "this StoredObject column"
        if self.max_size is not None:
            size = file.size
            if size is not None and size > self.max_size:
                msg = f"file {file.filename!r} is {size} bytes; {where} allows at most {self.max_size} bytes (max_size)"
                raise FileTooLargeError(msg)
        if self.content_types is not None and not any(
            fnmatch.fnmatchcase(file.content_type.lower(), pattern.lower()) for pattern in self.content_types
        ):
            msg = (
                f"file {file.filename!r} has content type {file.content_type!r}; "
                f"{where} allows only {list(self.content_types)} (content_types)"
            )
            raise ContentTypeNotAllowedError(msg)

    def files_of(self, value: Any) -> list[FileObject]:
        """Return the FileObjects held by a column value (None, one FileObject or a list)."""
        if value is None:
            return []
        if isinstance(value, FileObject):
            return [value]
        return [item for item in value if isinstance(item, FileObject)]

    # -- conversion ----------------------------------------------------------------------------------------------

    def _dump(self, file: Any) -> dict[str, Any]:
        if isinstance(file, dict):
            return file
        if not isinstance(file, FileObject):
            msg = f"{self!r} expects FileObject values, got {type(file).__name__}: {file!r}"
            raise TypeError(msg)
        if file.has_pending_content:
            msg = (
                f"FileObject {file.path!r} has content that is not saved yet; add its row through an ORM session "
                f"(files are saved on flush) or call file.save() first"
            )
            raise StorageOperationError(msg, paths=(file.path,))
        return file.to_dict()

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """Turn a FileObject (or list of them) into its JSON metadata."""
        if value is None:
            return None
        if self.multiple:
            if isinstance(value, (FileObject, dict)):
                msg = f"{self!r} holds a list of files; wrap the FileObject in a list"
                raise TypeError(msg)
            return [self._dump(item) for item in value]
        return self._dump(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        """Turn stored JSON metadata back into a FileObject (or FileObjectList)."""
        if value is None:
            return FileObjectList() if self.multiple else None
        if isinstance(value, list):
            return FileObjectList(FileObject.from_dict(item, backend=self.backend) for item in value)
        file = FileObject.from_dict(value, backend=self.backend)
        return FileObjectList([file]) if self.multiple else file

    def copy(self, **kw: Any) -> StoredObject:
        """Return a copy with the same settings."""
        return StoredObject(
            self.backend, multiple=self.multiple, max_size=self.max_size, content_types=self.content_types
        )
