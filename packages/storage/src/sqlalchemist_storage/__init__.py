"""sqlalchemist-storage: files in object storage, their metadata in a ``StoredObject`` JSON column.

Example::

    storages.register_backend(ObstoreBackend(key="local", fs="file:///srv/files"))

    class DocumentModel(UUIDBase):
        file: Mapped[FileObject] = mapped_column(StoredObject(backend="local"))

``file: Mapped[FileObject]`` alone maps a column on the backend registered as ``"default"``.
Pending files are saved on flush, replaced and deleted ones removed after commit, and saves undone on rollback.
"""

from __future__ import annotations

from sqlalchemist_storage._annotations import DEFAULT_BACKEND, register_annotations
from sqlalchemist_storage._backend import ObjectInfo, StorageBackend
from sqlalchemist_storage._columns import install_mapper_hooks
from sqlalchemist_storage._errors import (
    BackendNotRegisteredError,
    ContentTypeNotAllowedError,
    FileTooLargeError,
    FileValidationError,
    SigningNotSupportedError,
    StorageError,
    StorageOperationError,
    UnsafePathError,
)
from sqlalchemist_storage._file_list import FileObjectList
from sqlalchemist_storage._file_object import FileObject
from sqlalchemist_storage._memory import MemoryBackend
from sqlalchemist_storage._registry import StorageRegistry, storages
from sqlalchemist_storage._session import install_session_hooks
from sqlalchemist_storage._stored_object import StoredObject

__version__ = "0.1.0"

__all__ = (
    "DEFAULT_BACKEND",
    "BackendNotRegisteredError",
    "ContentTypeNotAllowedError",
    "FileObject",
    "FileObjectList",
    "FileTooLargeError",
    "FileValidationError",
    "MemoryBackend",
    "ObjectInfo",
    "SigningNotSupportedError",
    "StorageBackend",
    "StorageError",
    "StorageOperationError",
    "StorageRegistry",
    "StoredObject",
    "UnsafePathError",
    "__version__",
    "storages",
)

register_annotations()
install_mapper_hooks()
install_session_hooks()
