"""Models shared by the storage tests (tables prefixed ``stor_``)."""

from __future__ import annotations

from sqlalchemy.orm import Mapped, mapped_column

from sqlalchemist.base import UUIDBase
from sqlalchemist_storage import FileObject, FileObjectList, StoredObject

STORE_KEY = "stor_test"


class StorDocument(UUIDBase):
    """One file per row."""

    __tablename__ = "stor_document"

    name: Mapped[str]
    file: Mapped[FileObject | None] = mapped_column(StoredObject(backend=STORE_KEY), nullable=True)


class StorGallery(UUIDBase):
    """Many files per row."""

    __tablename__ = "stor_gallery"

    name: Mapped[str]
    images: Mapped[FileObjectList] = mapped_column(StoredObject(backend=STORE_KEY, multiple=True), nullable=True)


class StorAvatar(UUIDBase):
    """A column with limits: at most 10 bytes, images only."""

    __tablename__ = "stor_avatar"

    image: Mapped[FileObject | None] = mapped_column(
        StoredObject(backend=STORE_KEY, max_size=10, content_types=["image/*"]), nullable=True
    )


class StorAnnotated(UUIDBase):
    """Columns declared by annotation only: StoredObject on the "default" backend."""

    __tablename__ = "stor_annotated"

    file: Mapped[FileObject | None]
    files: Mapped[FileObjectList | None]


class StorNote(UUIDBase):
    """No file columns: the storage listeners leave its repository writes set-based."""

    __tablename__ = "stor_note"

    text: Mapped[str]
