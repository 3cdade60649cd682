"""Register FileObject / FileObjectList in the core's type annotation map, as any extension could."""

from __future__ import annotations

from sqlalchemist.base import orm_registry
from sqlalchemist_storage._file_list import FileObjectList
from sqlalchemist_storage._file_object import FileObject
from sqlalchemist_storage._stored_object import StoredObject

__all__ = ("DEFAULT_BACKEND", "register_annotations")

DEFAULT_BACKEND = "default"
"""The backend key of columns declared only by annotation: ``file: Mapped[FileObject]``."""


def register_annotations() -> None:
    """Map ``Mapped[FileObject]`` and ``Mapped[FileObjectList]`` to StoredObject columns on backend ``"default"``."""
    orm_registry.update_type_annotation_map(
        {
            FileObject: StoredObject(DEFAULT_BACKEND),
            FileObjectList: StoredObject(DEFAULT_BACKEND, multiple=True),
        }
    )
